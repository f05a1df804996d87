import {
  ACKNOWLEDGEMENT_AUTHOR,
  ControlStatus,
  type ControlSummary,
  type EvidenceAssumption,
  type EvidenceReport,
  type EvidenceRow,
  type EvidenceTemplate,
} from './model';

/** Escapes a value for a Markdown table cell (pipes, line breaks). */
export function markdownCell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** Inline code that survives backticks in the value. */
function code(value: string): string {
  const text = value.replace(/\r?\n/g, ' ');
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(markdownCell).join(' | ')} |`),
  ];
}

/** The heading of the first section after the summary (everything from it on is detail). */
export const DETAILS_HEADING = '## Controls';

/** Templates the summary lists before pointing to the full list. */
const SUMMARY_TEMPLATES = 5;
/** Items a summary line names before saying how many more there are. */
const SUMMARY_ITEMS = 2;

const STATUS_ORDER: readonly ControlStatus[] = [
  ControlStatus.MET,
  ControlStatus.NOT_MET,
  ControlStatus.ACKNOWLEDGED,
  ControlStatus.ASSUMED,
  ControlStatus.NOT_EVALUATED,
  ControlStatus.ATTESTED,
  ControlStatus.ATTESTATION_MISSING,
];

/** Statuses the summary lists control by control, in this order. */
const ATTENTION_ORDER: readonly ControlStatus[] = [
  ControlStatus.NOT_MET,
  ControlStatus.ACKNOWLEDGED,
  ControlStatus.ASSUMED,
  ControlStatus.NOT_EVALUATED,
  ControlStatus.ATTESTATION_MISSING,
];

function some(items: readonly string[]): string {
  const named = items.slice(0, SUMMARY_ITEMS).join('; ');
  return items.length > SUMMARY_ITEMS ? `${named}; and ${items.length - SUMMARY_ITEMS} more` : named;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function templateRow(t: EvidenceTemplate): string[] {
  return [t.stack + (t.parentStack ? ` (nested in ${t.parentStack})` : ''), t.account, t.region, t.templateFile, t.sha256];
}

const TEMPLATE_HEADER = ['Stack', 'Account', 'Region', 'Template', 'SHA-256'];

/** Why a control needs attention, in one line. */
function attentionLine(report: EvidenceReport, byControl: ReadonlyMap<string, readonly EvidenceRow[]>, control: ControlSummary): string {
  const rows = byControl.get(control.controlId) ?? [];
  const on = (status: string) => rows.filter((row) => row.status === status).map((row) => `${code(row.ruleId)} on ${code(row.resourcePath)}`);
  const assumptions = report.assumptions.filter((a) => a.controls.includes(control.controlId));
  let why: string;
  switch (control.status) {
    case ControlStatus.NOT_MET:
      why = `${plural(control.nonCompliant, 'unacknowledged failure')}: ${some(on('non-compliant'))}`;
      break;
    case ControlStatus.ACKNOWLEDGED:
      why = `${plural(control.acknowledged, 'acknowledged finding')}: ${some(on('acknowledged'))}`;
      break;
    case ControlStatus.ASSUMED:
      why = `rests on something outside the app: ${some(assumptions.map((a) => `${a.description} (${code(a.resourcePath)})`))}`;
      break;
    case ControlStatus.NOT_EVALUATED:
      why = control.rules.length === 0 ? 'no rule checks it' : `no resource of the app is subject to ${some(control.rules.map(code))}`;
      break;
    default:
      why = 'no template can prove it: pass an attestation to the pack';
  }
  return `- **${control.controlId}** ${control.title}: **${control.status}**, ${why}.`;
}

function provenanceLines(report: EvidenceReport): string[] {
  const { library, cdkNag, awsCdkLib, templates } = report.provenance;
  const settings = Object.entries(report.settings).map(([key, value]) => `${code(key)} = ${value}`).join(', ');
  const shown = templates.slice(0, SUMMARY_TEMPLATES);
  return [
    `- Generated: ${report.generatedAt}, by ${library.name} ${library.version} with cdk-nag ${cdkNag.version} and ` +
      `aws-cdk-lib ${awsCdkLib.version}.` + (settings ? ` Settings: ${settings}.` : ''),
    `- Templates checked: ${templates.length}, each with the SHA-256 of the file written to the cloud assembly` +
      (templates.length > shown.length ? ` (the first ${shown.length}; all under Templates checked):` : ':'),
    '',
    ...table(TEMPLATE_HEADER, shown.map(templateRow)),
  ];
}

function summarySection(report: EvidenceReport, byControl: ReadonlyMap<string, readonly EvidenceRow[]>): string[] {
  const counted = STATUS_ORDER.map((status) => `${report.controls.filter((c) => c.status === status).length} ${status}`);
  const sopEvidenced = report.sopMappings.filter((s) => s.status !== ControlStatus.SOP_MAPPING);
  const attention = ATTENTION_ORDER.flatMap((status) => report.controls.concat(sopEvidenced).filter((c) => c.status === status));
  const lines = [
    '## Summary',
    '',
    '**Provenance**',
    '',
    ...provenanceLines(report),
    '',
    `**Totals**: ${report.controls.length} controls: ${counted.join(', ')}.` + (report.sopMappings.length === 0 ? '' :
      ` Mapped by the backup SOP: ${report.sopMappings.length} CIS v8 IDs, ${sopEvidenced.length} evidenced by a rule` +
      (sopEvidenced.length === 0 ? '' : ` (${sopEvidenced.map((s) => `${s.controlId}: ${s.status}`).join(', ')})`) +
      `, ${report.totals[ControlStatus.SOP_MAPPING]} ${ControlStatus.SOP_MAPPING}.`),
    '',
    '**Needs attention** (every control not met)',
    '',
    ...(attention.length === 0 ? ['- Nothing: every control is met or attested.'] : attention.map((control) => attentionLine(report, byControl, control))),
    '',
  ];
  if (report.acknowledgements.length > 0) {
    lines.push(`**Acknowledged findings**: ${report.acknowledgements.length}, each with where and why under Acknowledged findings. ` +
      `Who acknowledged them: ${ACKNOWLEDGEMENT_AUTHOR}.`, '');
  }
  const missing = report.controls.filter((c) => report.missingAttestations.includes(c.controlId));
  lines.push(`**Attestations missing**: ${missing.length === 0 ? 'none' : missing.map((c) => `${c.controlId} (${c.title})`).join(', ')}.`, '');
  return lines;
}

function controlsSection(report: EvidenceReport): string[] {
  return [
    DETAILS_HEADING,
    '',
    'Rules applied: the rules evidencing the control that applied to at least one resource, of all rules evidencing it.',
    '',
    ...table(
      ['Control', 'Framework', 'Related to', 'Guide step', 'Status', 'Rules applied', 'Compliant', 'Assumed', 'Non-compliant', 'Acknowledged'],
      report.controls.map((c) => [
        c.controlId, c.framework, c.title, c.guideSteps.join(', '), c.status,
        `${c.rules.length - c.rulesNotApplied.length} of ${c.rules.length}`,
        String(c.compliant), String(c.assumed), String(c.nonCompliant), String(c.acknowledged),
      ]),
    ),
    '',
  ];
}

function sopSection(report: EvidenceReport): string[] {
  if (report.sopMappings.length === 0) {
    return [];
  }
  return [
    '## Mapped by the backup SOP',
    '',
    `The ElastiCache backup SOP checks that ${report.sopMappings[0].sopCheck} and maps that check to the CIS Controls v8 IDs ` +
      'below. The titles are CIS Controls v8\'s own; the SOP describes the IDs in its own words, which differ. Automatic ' +
      'backups being on says nothing about access control or training: an ID counts only where a rule of the pack ' +
      'evidences it, and is otherwise the SOP\'s mapping, not evidence.',
    '',
    ...table(
      ['CIS v8 ID', 'CIS v8 title', 'The SOP\'s statement', 'Status', 'Evidenced by'],
      report.sopMappings.map((s) => [s.controlId, s.title, s.sopStatement, s.status, s.rules.join(', ') || 'no rule']),
    ),
    '',
  ];
}

function templatesSection(report: EvidenceReport): string[] {
  return [
    '## Templates checked',
    '',
    'SHA-256 of each template file as written to the cloud assembly directory. A template deployed with another hash is ' +
      'not the one this report describes.',
    '',
    ...table(TEMPLATE_HEADER, report.provenance.templates.map(templateRow)),
    '',
  ];
}

function acknowledgementSection(report: EvidenceReport): string[] {
  if (report.acknowledgements.length === 0) {
    return ['## Acknowledged findings', '', 'No finding was acknowledged.', ''];
  }
  return [
    '## Acknowledged findings',
    '',
    `Who: ${ACKNOWLEDGEMENT_AUTHOR}. Acknowledged at: the construct whose \`Validations.of(...).acknowledge()\` covers ` +
      'the resource (the resource itself or an ancestor).',
    '',
    ...table(['Rule', 'Resource', 'Acknowledged at', 'Reason'],
      report.acknowledgements.map((a) => [a.ruleId, a.resourcePath, a.recordedAt, a.reason])),
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
    ...table(['Controls', 'Assumption', 'Resource', 'Accepted by rule'],
      report.assumptions.map((a) => [a.controls.join(', '), a.description, a.resourcePath, a.ruleId ?? 'stated by the app'])),
    '',
  ];
}

/** The report's rows by control ID, in the report's order. */
function rowsByControl(report: EvidenceReport): ReadonlyMap<string, readonly EvidenceRow[]> {
  const byControl = new Map<string, EvidenceRow[]>();
  for (const row of report.rows) {
    const own = byControl.get(row.controlId);
    if (own === undefined) byControl.set(row.controlId, [row]); else own.push(row);
  }
  return byControl;
}

function controlDetail(
  report: EvidenceReport,
  byControl: ReadonlyMap<string, readonly EvidenceRow[]>,
  control: ControlSummary,
  sopStatement?: string,
): string[] {
  const rows: readonly EvidenceRow[] = byControl.get(control.controlId) ?? [];
  // what the app states (an outside reference a rule accepted is the reason of its row)
  const assumptions: readonly EvidenceAssumption[] = report.assumptions
    .filter((a) => a.controls.includes(control.controlId) && a.ruleId === undefined);
  const heading = `### ${control.controlId} ${control.title} (guide step ${control.guideSteps.join(', ')}): ${control.status}`;
  const stated = assumptions.map((a) => `Assumed (${a.resourcePath}): ${a.description}.`);
  if (control.status === ControlStatus.SOP_MAPPING) {
    return [heading, '', `No rule of the pack evidences this ID. The backup SOP maps it to automatic backups, as: "${sopStatement}"`, ''];
  }
  if (rows.length === 0) {
    const why = control.rules.length === 0
      ? 'No rule checks this control: see the attestations.'
      : `No resource of the app is subject to ${control.rules.join(', ')}.`;
    return [heading, '', why, ...stated.flatMap((line) => ['', line]), ''];
  }
  return [
    heading,
    '',
    ...table(['Rule', 'Resource', 'Status', 'Reason or assumption'], rows.map((r) => [r.ruleId, r.resourcePath, r.status, r.reason ?? ''])),
    '',
  ];
}

/**
 * Renders the report for an auditor: first a summary that fits a page (provenance, totals, every control not met with
 * one line each, the attestations missing), then the details: the controls, the CIS v8 IDs mapped by the backup SOP,
 * the templates with their hashes, the acknowledged findings (where and why), the attestations, the assumptions, and
 * the rows per control, rule and resource. Pure: the same report always gives the same text.
 */
export function renderEvidenceMarkdown(report: EvidenceReport): string {
  const byControl = rowsByControl(report);
  const lines = [
    '# HITRUST CSF evidence report',
    '',
    `Written by the \`${report.pack}\` cdk-nag pack at synthesis. It shows what the synthesized CloudFormation templates ` +
      'configure, control by control; it does not replace an assessment.',
    'A control is **met** only when a rule that evidences it applied to at least one resource and every evaluation of ' +
      'those rules passed on what the templates contain; a rule that passed on a reference outside the app makes it ' +
      '**assumed**, an acknowledged failure **acknowledged**.',
    '',
    ...summarySection(report, byControl),
    ...controlsSection(report),
    ...sopSection(report),
    ...templatesSection(report),
    ...acknowledgementSection(report),
    ...attestationSection(report),
    ...assumptionSection(report),
    '## Per control, rule and resource',
    '',
    ...report.controls.flatMap((control) => controlDetail(report, byControl, control)),
    ...report.sopMappings.flatMap((mapping) => controlDetail(report, byControl, mapping, mapping.sopStatement)),
  ];
  return lines.join('\n').replace(/\n+$/, '\n');
}
