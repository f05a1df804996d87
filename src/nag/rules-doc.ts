import { HITRUST_RULES, RESOLUTION_POLICY } from './catalog';
import { HITRUST_CONTROLS } from './controls';

/**
 * Renders RULES.md from the rule catalog (the catalog is the single source of truth).
 * Not exported from the package index: it is called by the `rules:doc` task and by the staleness test.
 */

const PACK_NAME = 'HITRUST.CSF';

function cell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function row(values: readonly string[]): string {
  return `| ${values.map(cell).join(' | ')} |`;
}

function header(values: readonly string[]): string[] {
  return [row(values), `|${values.map(() => '---').join('|')}|`];
}

/** `AWS::ElastiCache::ReplicationGroup` -> `ElastiCache::ReplicationGroup`. */
function shortType(type: string): string {
  return type.replace(/^AWS::/, '');
}

/** Renders the whole RULES.md text. Deterministic: the same catalog always gives the same text. */
export function renderRulesMarkdown(): string {
  const lines: string[] = [
    `# ${PACK_NAME} rules`,
    '',
    '<!-- Generated from src/nag/catalog.ts and src/nag/controls.ts by the rules:doc task. Do not edit. -->',
    '',
    `The \`${PACK_NAME}\` cdk-nag pack (\`HitrustChecks\`) has ${HITRUST_RULES.length} rules. Each finding prints its ` +
      'HITRUST CSF control IDs and carries them in the `ruleMetadata` of validation-report.json (`controls`, `guideStep`, ' +
      '`level`). Any unacknowledged finding fails synthesis, warnings included. Control IDs come from the HITRUST CSF ' +
      'configuration guide for ElastiCache (steps 1-6) and, for automatic backups, the CIS Controls v8 IDs of the backup SOP: ' +
      'no public AWS source maps these rules to HITRUST, so this catalog is the mapping.',
    '',
    '## Rules',
    '',
    ...header(['Rule ID', 'Level', 'Control IDs', 'Guide step', 'A finding means', 'Supersedes']),
    ...HITRUST_RULES.map((rule) => row([
      `\`${PACK_NAME}-${rule.id}\``,
      rule.level,
      rule.controls.join(', '),
      rule.guideStep,
      rule.info,
      rule.peer ?? '',
    ])),
    '',
    '## Rule details',
    '',
  ];
  for (const rule of HITRUST_RULES) {
    lines.push(
      `### ${PACK_NAME}-${rule.id}`,
      '',
      rule.explanation,
      '',
      `- Applies to: ${rule.appliesTo.map(shortType).join(', ')}`,
      `- Control IDs: ${rule.controls.join(', ')} (guide step ${rule.guideStep})`,
    );
    if (rule.awsConfigRule) {
      lines.push(`- AWS Config rule for the deployed account: \`${rule.awsConfigRule}\``);
    }
    if (rule.peer) {
      lines.push(`- Supersedes: ${rule.peer}`);
    }
    lines.push('');
  }
  lines.push(
    '## Controls',
    '',
    'Manual controls cannot be proven by a template: pass an attestation to the pack (`attestations`), or the evidence ' +
      'report lists them as "attestation missing".',
    '',
    ...header(['Control ID', 'Framework', 'Related to', 'Guide steps', 'Reference', 'Rules']),
    ...HITRUST_CONTROLS.map((control) => {
      const rules = HITRUST_RULES.filter((rule) => rule.controls.includes(control.id)).map((rule) => rule.id);
      return row([
        control.id,
        control.framework,
        control.title,
        control.guideSteps.join(', '),
        control.reference ?? '',
        control.manual ? 'manual (attestation)' : rules.join(', '),
      ]);
    }),
    '',
    '## Resolution policy',
    '',
    ...RESOLUTION_POLICY.map((item) => `- ${item}`),
    '',
  );
  return lines.join('\n');
}
