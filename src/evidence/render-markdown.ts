import { ControlStatus, type ControlSummary, type EvidenceAssumption, type EvidenceReport, type EvidenceRow } from './model';

/** Escapes a value for a Markdown table cell (pipes, line breaks). */
export function markdownCell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(markdownCell).join(' | ')} |`),
  ];
}

const STATUS_ORDER: readonly ControlStatus[] = [
  ControlStatus.MET,
  ControlStatus.NOT_MET,
  ControlStatus.ACKNOWLEDGED,
  ControlStatus.NOT_EVALUATED,
  ControlStatus.ASSUMED,
  ControlStatus.ATTESTED,
  ControlStatus.ATTESTATION_MISSING,
];

function summarySection(report: EvidenceReport): string[] {
  const totals = STATUS_ORDER.map((status) => `${report.totals[status]} ${status}`).join(', ');
  return [
    '## Summary per control',
    '',
    `${report.controls.length} controls: ${totals}.`,
    '',
    ...table(
      ['Control', 'Framework', 'Related to', 'Guide step', 'Status', 'Compliant', 'Non-compliant', 'Acknowledged', 'Not applicable'],
      report.controls.map((c) => [
        c.controlId, c.framework, c.title, c.guideSteps.join(', '), c.status,
        String(c.compliant), String(c.nonCompliant), String(c.acknowledged), String(c.notApplicable),
      ]),
    ),
    '',
  ];
}

function attestationSection(report: EvidenceReport): string[] {
  const lines = ['## Attestations (manual controls)', ''];
  if (report.attestations.length === 0) {
    lines.push('No attestation was given.', '');
  } else {
    lines.push(...table(
      ['Control', 'Statement', 'Attested by', 'Date'],
      report.attestations.map((a) => [a.controlId, a.statement, a.attestedBy, a.date]),
    ), '');
  }
  for (const controlId of report.missingAttestations) {
    lines.push(`- **${controlId}: attestation missing.** No template can prove this control; pass an attestation to the pack.`);
  }
  if (report.missingAttestations.length > 0) {
    lines.push('');
  }
  return lines;
}

function assumptionSection(report: EvidenceReport): string[] {
  if (report.assumptions.length === 0) {
    return [];
  }
  return [
    '## Assumptions (provided outside the app; verify them)',
    '',
    ...table(['Controls', 'Assumption', 'Stated by'], report.assumptions.map((a) => [a.controls.join(', '), a.description, a.resourcePath])),
    '',
  ];
}

function controlDetail(control: ControlSummary, rows: readonly EvidenceRow[], assumptions: readonly EvidenceAssumption[]): string[] {
  const heading = `### ${control.controlId} ${control.title} (guide step ${control.guideSteps.join(', ')}): ${control.status}`;
  const assumed = assumptions.filter((a) => a.controls.includes(control.controlId)).map((a) => `Assumed (${a.resourcePath}): ${a.description}.`);
  if (rows.length === 0) {
    const why = control.rules.length === 0
      ? 'No rule checks this control: see the attestations.'
      : `No resource of the app is subject to ${control.rules.join(', ')}.`;
    return [heading, '', why, ...assumed.flatMap((line) => ['', line]), ''];
  }
  return [
    heading,
    '',
    ...table(['Rule', 'Resource', 'Status', 'Acknowledgement reason'], rows.map((r) => [r.ruleId, r.resourcePath, r.status, r.reason ?? ''])),
    '',
  ];
}

/**
 * Renders the report for an auditor: a summary per control (met / not met / acknowledged ...), the attestations,
 * then the detail rows per control. Pure: the same report always gives the same text.
 */
export function renderEvidenceMarkdown(report: EvidenceReport): string {
  const settings = Object.entries(report.settings).map(([key, value]) => `\`${key}\` = ${value}`).join(', ');
  const lines = [
    '# HITRUST CSF evidence report',
    '',
    `Written by the \`${report.pack}\` cdk-nag pack at synthesis, ${report.generatedAt}.` + (settings ? ` Settings: ${settings}.` : ''),
    'It shows what the synthesized CloudFormation templates configure, control by control; it does not replace an assessment.',
    '',
    ...summarySection(report),
    ...attestationSection(report),
    ...assumptionSection(report),
    '## Detail per control',
    '',
    ...report.controls.flatMap((control) =>
      controlDetail(control, report.rows.filter((row) => row.controlId === control.controlId), report.assumptions)),
  ];
  return lines.join('\n').replace(/\n+$/, '\n');
}
