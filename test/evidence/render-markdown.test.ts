import { evaluation, SAMPLE_PROVENANCE, sampleInput, sampleInputWithSop } from './sample';
import { buildEvidenceReport, DETAILS_HEADING, EvidenceStatus, markdownCell, renderEvidenceMarkdown } from '../../src/evidence';

const { COMPLIANT, NON_COMPLIANT, ACKNOWLEDGED } = EvidenceStatus;

/** The lines of the summary: from the top to the first details heading. */
function summaryOf(markdown: string): string[] {
  const lines = markdown.split('\n');
  return lines.slice(0, lines.indexOf(DETAILS_HEADING));
}

describe('evidence Markdown', () => {
  const report = buildEvidenceReport(sampleInput([
    evaluation('MultiAZ', 'App/Cache', COMPLIANT),
    evaluation('Backup', 'App/Cache', ACKNOWLEDGED, 'no PHI | test data only'),
    evaluation('Backup', 'App/Other', NON_COMPLIANT),
  ], {
    acknowledgements: [{ ruleId: 'HITRUST.CSF-Backup', resourcePath: 'App/Cache', recordedAt: 'App', reason: 'no PHI | test data only' }],
  }));
  const markdown = renderEvidenceMarkdown(report);
  const summary = summaryOf(markdown);

  test('opens with the title, what the report is, and what "met" means', () => {
    expect(markdown.split('\n').slice(0, 2)).toEqual(['# HITRUST CSF evidence report', '']);
    expect(markdown).toContain('A control is **met** only when a rule that evidences it applied to at least one resource');
    expect(summary).toContain('## Summary');
  });

  test('puts the summary before every detail', () => {
    expect(summary.length).toBeGreaterThan(10);
    for (const heading of [DETAILS_HEADING, '## Templates checked', '## Acknowledged findings', '## Per control, rule and resource']) {
      expect(markdown.indexOf(heading)).toBeGreaterThan(markdown.indexOf('## Summary'));
    }
    expect(summary.filter((line) => line.startsWith('## '))).toEqual(['## Summary']);
  });

  test('gives the provenance in the summary: date, versions, settings, templates with their hashes', () => {
    expect(summary).toContain('- Generated: 2025-01-15T10:00:00.000Z, by cdk-hitrust-redis 1.2.3 with cdk-nag 3.0.2 and aws-cdk-lib 2.276.0. ' +
      'Settings: `minimumSnapshotRetentionDays` = 35.');
    expect(summary).toContain(`| App | 111111111111 | us-east-1 | App.template.json | ${'a'.repeat(64)} |`);
  });

  test('totals the controls by status in the summary', () => {
    expect(summary).toContain('**Totals**: 4 controls: 1 met, 1 not met, 0 acknowledged, 0 assumed, 1 not evaluated, 0 attested, 1 attestation missing.');
  });

  test('lists each control not met in the summary, one line each', () => {
    expect(summary).toContain('- **1618.09l1** Back-ups: **not met**, 1 unacknowledged failure: `HITRUST.CSF-Backup` on `App/Other`.');
    expect(summary).toContain('- **0805.01m1** Network segregation: **not evaluated**, no rule checks it.');
    expect(summary).toContain('- **HIPAA 164.308** BAA: **attestation missing**, no template can prove it: pass an attestation to the pack.');
    expect(summary.join('\n')).not.toContain('**1410.09e2**');
    expect(summary).toContain('**Attestations missing**: HIPAA 164.308 (BAA).');
  });

  test('details every control with its counts, without counting not-applicable pairs', () => {
    expect(markdown).toContain('| Control | Framework | Related to | Guide step | Status | Rules applied | Compliant | Assumed | Non-compliant | Acknowledged |');
    expect(markdown).toContain('| 1410.09e2 | HITRUST CSF | Disaster recovery | 3 | met | 1 of 1 | 1 | 0 | 0 | 0 |');
    expect(markdown).toContain('| 1618.09l1 | HITRUST CSF | Back-ups | 3, 5 | not met | 2 of 2 | 1 | 0 | 1 | 1 |');
    expect(markdown).not.toContain('Not applicable');
  });

  test('lists the acknowledged findings with where and why, and says who is not recorded', () => {
    expect(summary.join('\n')).toContain('**Acknowledged findings**: 1');
    expect(markdown).toContain("Who: not recorded by the CDK; the acknowledgement's line in source control is the record.");
    expect(markdown).toContain('| HITRUST.CSF-Backup | App/Cache | App | no PHI \\| test data only |');
  });

  test('flags the manual control nobody attested', () => {
    expect(markdown).toContain('No attestation was given.');
    expect(markdown).toContain('- **HIPAA 164.308: attestation missing.**');
  });

  test('details each control with its rows and reasons, pipes escaped', () => {
    expect(markdown).toContain('### 1618.09l1 Back-ups (guide step 3, 5): not met');
    expect(markdown).toContain('| HITRUST.CSF-Backup | App/Cache | acknowledged | no PHI \\| test data only |');
    expect(markdown).toContain('| HITRUST.CSF-Backup | App/Other | non-compliant |  |');
  });

  test('explains a control without rows', () => {
    expect(markdown).toContain('### 0805.01m1 Network segregation (guide step 3): not evaluated\n\nNo rule checks this control: see the attestations.');
    expect(markdown).toContain('### HIPAA 164.308 BAA (guide step 1): attestation missing');
  });

  test('lists attestations in a table', () => {
    // GIVEN
    const attested = buildEvidenceReport(sampleInput([], {
      attestations: [{ controlId: 'HIPAA 164.308', statement: 'BAA accepted', attestedBy: 'Jane Doe', date: '2025-01-10' }],
    }));

    // WHEN
    const text = renderEvidenceMarkdown(attested);

    // THEN
    expect(text).toContain('| HIPAA 164.308 | BAA accepted | Jane Doe | 2025-01-10 |');
    expect(text).not.toContain('attestation missing.**');
    expect(text).toContain('**Attestations missing**: none.');
  });

  test('is deterministic and ends with one newline', () => {
    expect(renderEvidenceMarkdown(report)).toBe(markdown);
    expect(markdown.endsWith('\n')).toBe(true);
    expect(markdown.endsWith('\n\n')).toBe(false);
  });

  test('escapes table cells', () => {
    expect(markdownCell('a|b\nc\\d')).toBe('a\\|b<br>c\\\\d');
  });
});

describe('the summary of a large app', () => {
  test('lists five templates and points to the full list; a long list of failures is cut with a count', () => {
    // GIVEN
    const templates = Array.from({ length: 12 }, (_, i) => ({ ...SAMPLE_PROVENANCE.templates[0], stack: `S${i}`, templateFile: `S${i}.template.json` }));
    const failures = Array.from({ length: 30 }, (_, i) => evaluation('Backup', `S${i}/Cache`, NON_COMPLIANT));

    // WHEN
    const report = buildEvidenceReport(sampleInput(failures, { provenance: { ...SAMPLE_PROVENANCE, templates } }));
    const summary = summaryOf(renderEvidenceMarkdown(report));

    // THEN
    expect(summary.filter((line) => line.includes('.template.json'))).toHaveLength(5);
    expect(summary.join('\n')).toContain('Templates checked: 12, each with the SHA-256 of the file written to the cloud assembly (the first 5; all under Templates checked):');
    expect(summary.join('\n')).toContain('**not met**, 30 unacknowledged failures: `HITRUST.CSF-Backup` on `S0/Cache`; `HITRUST.CSF-Backup` on `S1/Cache`; and 28 more.');
    expect(summary.length).toBeLessThan(40);
  });
});

describe('the CIS v8 IDs in the Markdown', () => {
  const markdown = renderEvidenceMarkdown(buildEvidenceReport(sampleInputWithSop([evaluation('Backup', 'App/Cache', COMPLIANT)])));

  test('have their own section, with the CIS title, the SOP\'s statement, the status and the evidencing rule', () => {
    expect(markdown).toContain('## Mapped by the backup SOP');
    expect(markdown).toContain('| CIS v8 ID | CIS v8 title | The SOP\'s statement | Status | Evidenced by |');
    expect(markdown).toContain('| CIS v8 6.7 | Centralize Access Control | Implement Application Layer Filtering | SOP mapping (not evidenced by a rule) | no rule |');
    expect(markdown).toContain('| CIS v8 3.4 | Enforce Data Retention | Encrypt Data on End-User Devices | met | HITRUST.CSF-Backup |');
  });

  test('are counted apart from the controls in the summary', () => {
    expect(summaryOf(markdown).join('\n')).toContain(
      'Mapped by the backup SOP: 2 CIS v8 IDs, 1 evidenced by a rule (CIS v8 3.4: met), 1 SOP mapping (not evidenced by a rule).');
  });

  test('are never in the controls table', () => {
    const controlsTable = markdown.slice(markdown.indexOf(DETAILS_HEADING), markdown.indexOf('## Mapped by the backup SOP'));
    expect(controlsTable).not.toContain('CIS v8');
  });
});

describe('assumptions in the Markdown', () => {
  test('are listed for the auditor to verify, and named under each control they cover', () => {
    // GIVEN
    const report = buildEvidenceReport({
      pack: 'HITRUST.CSF',
      generatedAt: '2026-01-01T00:00:00.000Z',
      provenance: SAMPLE_PROVENANCE,
      settings: {},
      attestations: [],
      evaluations: [],
      rules: [{ ruleId: 'HITRUST.CSF-Trail', level: 'Error', controls: ['1270.09ad1'], guideStep: '6', info: 'x' }],
      controls: [{ id: '1270.09ad1', framework: 'HITRUST CSF', title: 'Logging & monitoring', guideSteps: ['6'], manual: false }],
      assumptions: [{ controls: ['1270.09ad1'], description: 'assumed: organization trail org', resourcePath: 'S/Cache/Resource' }],
    });
    // WHEN
    const markdown = renderEvidenceMarkdown(report);
    // THEN
    expect(markdown).toContain('## Assumptions (provided outside the app; verify them)');
    expect(markdown).toContain('| 1270.09ad1 | assumed: organization trail org | S/Cache/Resource | stated by the app |');
    expect(markdown).toContain('### 1270.09ad1 Logging & monitoring (guide step 6): assumed');
    expect(markdown).toContain('Assumed (S/Cache/Resource): assumed: organization trail org.');
    expect(markdown).toContain('- **1270.09ad1** Logging & monitoring: **assumed**, rests on something outside the app: assumed: organization trail org (`S/Cache/Resource`).');
  });

  test('an outside reference a rule accepted names the rule and shows as the row\'s reason', () => {
    // GIVEN
    const description = "CacheSubnetGroupName 'shared' names a subnet group that is not in the app";
    const report = buildEvidenceReport(sampleInput([evaluation('MultiAZ', 'App/Cache', COMPLIANT)], {
      outsideReferences: [{ ruleId: 'HITRUST.CSF-MultiAZ', resourcePath: 'App/Cache', description }],
    }));
    // WHEN
    const markdown = renderEvidenceMarkdown(report);
    // THEN
    expect(markdown).toContain(`| 1410.09e2, 1618.09l1 | ${description} | App/Cache | HITRUST.CSF-MultiAZ |`);
    expect(markdown).toContain(`| HITRUST.CSF-MultiAZ | App/Cache | assumed | ${description} |`);
    expect(markdown).toContain('| 1410.09e2 | HITRUST CSF | Disaster recovery | 3 | assumed | 1 of 1 | 0 | 1 | 0 | 0 |');
  });
});
