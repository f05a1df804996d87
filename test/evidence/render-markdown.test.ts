import { evaluation, sampleInput } from './sample';
import { buildEvidenceReport, EvidenceStatus, markdownCell, renderEvidenceMarkdown } from '../../src/evidence';

const { COMPLIANT, NON_COMPLIANT, ACKNOWLEDGED } = EvidenceStatus;

describe('evidence Markdown', () => {
  const report = buildEvidenceReport(sampleInput([
    evaluation('MultiAZ', 'App/Cache', COMPLIANT),
    evaluation('Backup', 'App/Cache', ACKNOWLEDGED, 'no PHI | test data only'),
    evaluation('Backup', 'App/Other', NON_COMPLIANT),
  ]));
  const markdown = renderEvidenceMarkdown(report);

  test('opens with the pack, the date and the settings', () => {
    expect(markdown.split('\n').slice(0, 4)).toEqual([
      '# HITRUST CSF evidence report',
      '',
      'Written by the `HITRUST.CSF` cdk-nag pack at synthesis, 2025-01-15T10:00:00.000Z. Settings: `minimumSnapshotRetentionDays` = 35.',
      'It shows what the synthesized CloudFormation templates configure, control by control; it does not replace an assessment.',
    ]);
  });

  test('summarises every control with its status and counts', () => {
    expect(markdown).toContain('4 controls: 1 met, 1 not met, 0 acknowledged, 1 not evaluated, 0 assumed, 0 attested, 1 attestation missing.');
    expect(markdown).toContain('| 1410.09e2 | HITRUST CSF | Disaster recovery | 3 | met | 1 | 0 | 0 | 0 |');
    expect(markdown).toContain('| 1618.09l1 | HITRUST CSF | Back-ups | 3, 5 | not met | 1 | 1 | 1 | 0 |');
  });

  test('flags the manual control nobody attested', () => {
    expect(markdown).toContain('No attestation was given.');
    expect(markdown).toContain('- **HIPAA 164.308: attestation missing.**');
  });

  test('details each control with its rows and acknowledgement reasons, pipes escaped', () => {
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

describe('assumptions in the Markdown', () => {
  test('are listed for the auditor to verify, and named under each control they cover', () => {
    // GIVEN
    const report = buildEvidenceReport({
      pack: 'HITRUST.CSF',
      generatedAt: '2026-01-01T00:00:00.000Z',
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
    expect(markdown).toContain('| 1270.09ad1 | assumed: organization trail org | S/Cache/Resource |');
    expect(markdown).toContain('### 1270.09ad1 Logging & monitoring (guide step 6): assumed');
    expect(markdown).toContain('Assumed (S/Cache/Resource): assumed: organization trail org.');
  });
});
