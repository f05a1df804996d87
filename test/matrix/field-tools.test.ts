import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import type { IPolicyValidationContextBeta1 } from 'aws-cdk-lib';
import { MATRIX, synthesizeVariant, type SynthesizedVariant } from './variants';
import { CONTROL_TOWER_METADATA_KEY, type ControlTowerException } from '../../src/private/control-tower';

/**
 * The field's own tools over every template of the variant matrix (issue 17): cfn-lint (PyPI, pinned in
 * test/tools/requirements.txt) and the AWS Control Tower proactive controls as Guard rules (npm
 * `@cdklabs/cdk-validator-cfnguard`, with its static cfn-guard binary). Each variant is synthesized once for both.
 */

const CFN_LINT = path.join(__dirname, '..', 'tools', '.venv', 'bin', 'cfn-lint');
/** cfn-lint's configuration: the checks it ignores, each with its reason. */
const CFN_LINT_CONFIG = path.join(__dirname, 'cfnlintrc.yaml');

let outdir: string;
let synthesized: SynthesizedVariant[];

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'matrix-'));
  synthesized = MATRIX.map((variant) => synthesizeVariant(variant, path.join(outdir, variant.name)));
});

afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
});

// ------------------------------------------------------------------------------------------------------- cfn-lint

interface CfnLintMatch {
  readonly Rule: { readonly Id: string };
  readonly Level: string;
  readonly Message: string;
  readonly Filename: string;
  readonly Location: { readonly Path?: readonly (string | number)[] };
}

/** Runs cfn-lint on the templates and returns its matches; fails on cfn-lint's own errors (exit code bit 1). */
function cfnLint(templates: readonly string[], config?: string): CfnLintMatch[] {
  if (!fs.existsSync(CFN_LINT)) {
    throw new Error(`${CFN_LINT} is missing: run \`npx projen python-tools\` (part of \`npx projen test\`)`);
  }
  const args = ['--format', 'json', '--regions', 'us-east-1', ...(config ? ['--config-file', config] : []), '--', ...templates];
  const run = spawnSync(CFN_LINT, args, { encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024 });
  // cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational matches; an odd code is its own failure
  if (run.error !== undefined || run.status === null || run.status % 2 === 1) {
    throw new Error(`cfn-lint failed (exit ${run.status}): ${run.error?.message ?? run.stderr}`);
  }
  return JSON.parse(run.stdout || '[]') as CfnLintMatch[];
}

function describeMatch(match: CfnLintMatch): string {
  const where = (match.Location.Path ?? []).slice(0, 3).join('/');
  return `${match.Level} ${match.Rule.Id} ${path.relative(outdir, match.Filename)} ${where}: ${match.Message}`;
}

/** The check IDs the configuration ignores (the YAML list under `ignore_checks`). */
function ignoredChecks(): string[] {
  const text = fs.readFileSync(CFN_LINT_CONFIG, 'utf-8');
  const block = text.split(/^ignore_checks:\s*$/m)[1] ?? '';
  return [...block.matchAll(/^\s+-\s+([A-Z]\d+)\b/gm)].map((m) => m[1]);
}

describe('cfn-lint over the variant matrix', () => {
  let configured: CfnLintMatch[];
  let unconfigured: CfnLintMatch[];
  beforeAll(() => {
    const templates = synthesized.map((s) => s.templateFile);
    configured = cfnLint(templates, CFN_LINT_CONFIG);
    unconfigured = cfnLint(templates);
  });

  test('no error and no warning on any template (the checks ignored in cfnlintrc.yaml say why)', () => {
    expect(configured.map(describeMatch)).toEqual([]);
  });

  test('every check the configuration ignores is raised without it (no stale ignore)', () => {
    const raised = new Set(unconfigured.map((m) => m.Rule.Id));
    expect(ignoredChecks()).not.toEqual([]);
    expect(ignoredChecks().filter((id) => !raised.has(id))).toEqual([]);
  });

  test('W3005, ignored, is only aws-cdk-lib\'s lambda.Function depending on its own execution role', () => {
    const others = unconfigured
      .filter((m) => m.Rule.Id === 'W3005')
      .filter((m) => {
        const [, logicalId] = m.Location.Path ?? [];
        const s = synthesized.find((v) => path.resolve(v.templateFile) === path.resolve(m.Filename))!;
        const resource = s.template.Resources[String(logicalId)] as { Type: string; Properties?: { Role?: { 'Fn::GetAtt'?: string[] } } };
        const role = resource.Properties?.Role?.['Fn::GetAtt']?.[0];
        return !(resource.Type === 'AWS::Lambda::Function' && role !== undefined && m.Message.includes(`'${role}'`));
      })
      .map(describeMatch);
    expect(others).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------- Control Tower Guard rules

interface GuardFinding {
  readonly variant: string;
  readonly control: string;
  readonly logicalId: string;
}

/** The CT ID (`CT.KMS.PR.3`) that starts a Control Tower rule's description. */
function controlId(description: string): string {
  const match = /\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/.exec(description);
  if (match === null) throw new Error(`not a Control Tower rule description: ${description}`);
  return match[1];
}

/** Every Control Tower control failed by a resource of the variants' templates: one cfn-guard run over all of them. */
function guardFindings(variants: readonly SynthesizedVariant[]): GuardFinding[] {
  const byTemplate = new Map(variants.map((s) => [path.resolve(s.templateFile), s.variant.name]));
  const report = new CfnGuardValidator({ maxBuffer: 64 * 1024 * 1024 })
    .validate({ templatePaths: variants.map((s) => s.templateFile) } as IPolicyValidationContextBeta1);
  return report.violations.flatMap((violation) => violation.violatingResources.map((resource) => {
    const variant = byTemplate.get(path.resolve(resource.templatePath));
    if (variant === undefined) throw new Error(`cfn-guard reported a template the matrix did not write: ${resource.templatePath}`);
    return { variant, control: controlId(violation.description), logicalId: resource.resourceLogicalId ?? '' };
  }));
}

/** The exceptions a resource states in its template metadata. */
function exceptionsOf(s: SynthesizedVariant, logicalId: string): readonly ControlTowerException[] {
  return (s.template.Resources[logicalId]?.Metadata?.[CONTROL_TOWER_METADATA_KEY] as ControlTowerException[] | undefined) ?? [];
}

describe('AWS Control Tower proactive controls (Guard rules) over the variant matrix', () => {
  let findings: GuardFinding[];
  beforeAll(() => {
    findings = guardFindings(synthesized);
  });

  test('the rules ran: a variant template is checked by rules of its resource types (an S3 control finds a bucket)', () => {
    const rules = new CfnGuardValidator().ruleIds ?? [];
    expect(rules).toEqual(expect.arrayContaining(['kmspr3', 's3pr1', 'elasticachepr1', 'lambdapr2']));
  });

  test('every failed control is stated on the resource, with a reason', () => {
    const unjustified = findings
      .filter((f) => {
        const s = synthesized.find((v) => v.variant.name === f.variant)!;
        return !exceptionsOf(s, f.logicalId).some((e) => e.control === f.control && e.reason.trim().length > 40);
      })
      .map((f) => `${f.variant}: ${f.control} on ${f.logicalId}`);
    expect([...new Set(unjustified)]).toEqual([]);
  });

  test('every stated exception is a control the resource fails (no stale exception)', () => {
    const stale = synthesized.flatMap((s) => Object.entries(s.template.Resources).flatMap(([logicalId]) => exceptionsOf(s, logicalId)
      .filter((e) => !findings.some((f) => f.variant === s.variant.name && f.logicalId === logicalId && f.control === e.control))
      .map((e) => `${s.variant.name}: ${e.control} on ${logicalId}`)));
    expect([...new Set(stale)]).toEqual([]);
  });
});
