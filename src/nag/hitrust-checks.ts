import * as path from 'path';
import {
  Stage,
  Token,
  type CfnResource,
  type IPolicyValidationContext,
  type PolicyValidationPluginReport,
  type PolicyViolation,
} from 'aws-cdk-lib';
import { NagPack, NagRuleCompliance, type NagPackProps, type NagRuleResult } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { HITRUST_RULES, ruleFunction, type HitrustRule } from './catalog';
import { HITRUST_CONTROLS } from './controls';
import {
  acknowledgementReason,
  acknowledgementRecords,
  buildEvidenceReport,
  collectProvenance,
  EvidenceStatus,
  writeEvidenceReport,
  type EvidenceAssumption,
  type RuleEvaluation,
} from '../evidence';
import { AUDIT_TRAIL_METADATA_KEY } from '../private/metadata-keys';
import { MAXIMUM_SNAPSHOT_RETENTION_DAYS } from './rules/elasticache/snapshot-retention';
import { withAppIndex } from './utils/app-index';
import { collectAssumptions } from './utils/assumptions';
import { collectFindingDetails, type HitrustRuleFunction } from './utils/compliance';
import { finalView } from './utils/final-view';

/** The key of a finding's detail. */
function detailKey(ruleId: string, resourcePath: string): string {
  return `${ruleId}\u0000${resourcePath}`;
}

/** `<info>. Found: <detail> - (Control IDs: ...). <explanation>` */
function withDetail(description: string, detail: string): string {
  const marker = ' - (Control IDs: ';
  const at = description.indexOf(marker);
  return at < 0 ? `${description} Found: ${detail}.` : `${description.slice(0, at)}. Found: ${detail}${description.slice(at)}`;
}

/** The plugin name and rule-ID prefix of the pack. */
const PACK_NAME = 'HITRUST.CSF';

/** A statement by a person that a control no template can prove (e.g. the signed BAA) is in place. */
export interface HitrustAttestation {
  /**
   * The control attested, as printed in the evidence report (e.g. `HIPAA 164.308` for the BAA of guide step 1).
   */
  readonly controlId: string;
  /** What is attested, e.g. `AWS BAA accepted in AWS Artifact for account 111111111111`. */
  readonly statement: string;
  /** Who attests (name and role). */
  readonly attestedBy: string;
  /** When, as an ISO 8601 date (`YYYY-MM-DD`). */
  readonly date: string;
}

/** Options of the HITRUST.CSF pack. */
export interface HitrustChecksProps extends NagPackProps {
  /**
   * The fewest days of automatic snapshot retention `ElastiCacheSnapshotRetention` accepts, from 1 to 35
   * (the ElastiCache maximum).
   *
   * @default 35 - the HITRUST guide's recommendation (the longest ElastiCache allows)
   */
  readonly minimumSnapshotRetentionDays?: number;

  /**
   * Attestations for controls no template can prove, such as the BAA with AWS (`HIPAA 164.308`, guide step 1).
   * They appear in the evidence report; manual controls without one are reported as "attestation missing".
   *
   * @default - no attestation
   */
  readonly attestations?: HitrustAttestation[];

  /**
   * Write `hitrust-evidence.json` and `hitrust-evidence.md` into the cloud assembly directory at synthesis:
   * every control, rule, resource and outcome (acknowledgements with their reasons), plus the attestations.
   *
   * @default true
   */
  readonly evidenceReport?: boolean;
}

/** A catalog entry with its rule function built and its message text rendered. */
interface BoundRule {
  readonly entry: HitrustRule;
  readonly ruleId: string;
  readonly info: string;
  readonly check: HitrustRuleFunction;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The audit trail a resource states is outside the app (construct metadata written by `CacheAuditTrail`). */
function statedAssumptions(node: CfnResource): EvidenceAssumption[] {
  return node.node.metadata
    .filter((entry) => entry.type === AUDIT_TRAIL_METADATA_KEY)
    .map((entry) => entry.data as { assumed?: boolean; description?: string; controls?: string[] })
    .filter((data) => data.assumed === true && typeof data.description === 'string' && Array.isArray(data.controls))
    .map((data) => ({ controls: data.controls!, description: data.description!, resourcePath: node.node.path }));
}

function validateProps(props: HitrustChecksProps): void {
  const errors: string[] = [];
  const days = props.minimumSnapshotRetentionDays;
  if (days !== undefined && (Token.isUnresolved(days) || !Number.isInteger(days) || days < 1 || days > MAXIMUM_SNAPSHOT_RETENTION_DAYS)) {
    errors.push(`\`minimumSnapshotRetentionDays\` must be a whole number from 1 to ${MAXIMUM_SNAPSHOT_RETENTION_DAYS}, got: ${days}`);
  }
  for (const [index, attestation] of (props.attestations ?? []).entries()) {
    const where = `\`attestations[${index}]\``;
    if (!HITRUST_CONTROLS.some((control) => control.id === attestation.controlId)) {
      errors.push(`${where}.controlId must be one of ${HITRUST_CONTROLS.map((c) => c.id).join(', ')}, got: ${attestation.controlId}`);
    }
    for (const field of ['statement', 'attestedBy'] as const) {
      if (attestation[field].trim() === '') {
        errors.push(`${where}.${field} must not be empty`);
      }
    }
    if (!ISO_DATE.test(attestation.date) || Number.isNaN(Date.parse(attestation.date))) {
      errors.push(`${where}.date must be an ISO 8601 date (YYYY-MM-DD), got: ${attestation.date}`);
    }
  }
  if (errors.length > 0) {
    throw new Error(`HitrustChecks validation failed:\n- ${errors.join('\n- ')}`);
  }
}

/**
 * The HITRUST CSF pack for Amazon ElastiCache (Redis OSS and Valkey) and the resources it depends on.
 *
 * Every finding carries the HITRUST control IDs of the guide step it implements, in its text and in the
 * `ruleMetadata` of validation-report.json; at synthesis the pack also writes an evidence report per control.
 * It reads L1 resources only, so raw `Cfn*` resources, L2s and L3s are all checked.
 *
 * @example
 * import { HitrustChecks } from 'cdk-hitrust-redis';
 *
 * const app = new App();
 * Validations.of(app).addPlugins(new HitrustChecks(app, {
 *   attestations: [{
 *     controlId: 'HIPAA 164.308',
 *     statement: 'AWS BAA accepted in AWS Artifact for the production account',
 *     attestedBy: 'Jane Doe, Security Officer',
 *     date: '2025-01-15',
 *   }],
 * }));
 */
export class HitrustChecks extends NagPack {
  /** The plugin name shown in validation reports. */
  public readonly name: string = PACK_NAME;

  private readonly rules: readonly BoundRule[];
  private readonly rulesById: ReadonlyMap<string, BoundRule>;
  /** The rules whose catalog entry applies to a CloudFormation type; every other rule is not applicable to it. */
  private readonly rulesByType: ReadonlyMap<string, readonly BoundRule[]>;
  private readonly attestations: readonly HitrustAttestation[];
  private readonly evidenceReport: boolean;
  private readonly minimumSnapshotRetentionDays: number;
  private evaluations: RuleEvaluation[] = [];
  /** What each finding found (property, value, limit), by rule ID and resource path. */
  private details = new Map<string, string>();
  private assumptions: EvidenceAssumption[] = [];

  /**
   * @param scope the app (needed only with `writeSuppressionsToCloudFormation`)
   * @param props pack options
   */
  constructor(scope?: IConstruct, props: HitrustChecksProps = {}) {
    super(scope, props);
    validateProps(props);
    this.packName = PACK_NAME;
    this.minimumSnapshotRetentionDays = props.minimumSnapshotRetentionDays ?? MAXIMUM_SNAPSHOT_RETENTION_DAYS;
    this.attestations = props.attestations ?? [];
    this.evidenceReport = props.evidenceReport ?? true;
    const options = { minimumSnapshotRetentionDays: this.minimumSnapshotRetentionDays };
    this.rules = HITRUST_RULES.map((entry) => ({
      entry,
      ruleId: `${PACK_NAME}-${entry.id}`,
      info: `${entry.info} - (Control IDs: ${entry.controls.join(', ')}).`,
      check: ruleFunction(entry, options),
    }));
    this.rulesById = new Map(this.rules.map((bound) => [bound.ruleId, bound]));
    const byType = new Map<string, BoundRule[]>();
    for (const bound of this.rules) {
      for (const type of bound.entry.appliesTo) {
        byType.set(type, [...(byType.get(type) ?? []), bound]);
      }
    }
    this.rulesByType = byType;
  }

  /**
   * Checks the construct tree under `scope` and returns the violations, each with `ruleMetadata`
   * `{ controls: 'id1,id2', guideStep, level }` so the control IDs reach validation-report.json.
   *
   * @param scope the construct (usually the App or a Stage) whose tree is checked
   */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    this.evaluations = [];
    this.assumptions = [];
    this.details = new Map();
    const report = withAppIndex(scope.node.root, () => super.validateScope(scope));
    return { ...report, violations: report.violations.flatMap((violation) => this.withDetails(this.withControls(violation))) };
  }

  /**
   * Called by the CDK at synthesis: validates the app, then (unless `evidenceReport` is false) writes
   * hitrust-evidence.json and hitrust-evidence.md into the cloud assembly directory, with their provenance (versions,
   * every template's SHA-256, each stack's account and region) and every acknowledgement with where and why.
   *
   * @param context what the CDK passes to a policy validation plugin: the app and its synthesized templates
   */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    // the rules record the references outside the app they accept (a subnet group name, security group IDs)
    const { result: report, assumptions: outsideReferences } = collectAssumptions(() => super.validate(context));
    if (this.evidenceReport) {
      const outdir = Stage.isStage(context.appConstruct) ? context.appConstruct.outdir : path.dirname(context.templatePaths[0]);
      writeEvidenceReport(outdir, buildEvidenceReport({
        pack: PACK_NAME,
        generatedAt: new Date().toISOString(),
        provenance: collectProvenance(context, outdir),
        settings: { minimumSnapshotRetentionDays: String(this.minimumSnapshotRetentionDays) },
        rules: this.rules.map((bound) => ({
          ruleId: bound.ruleId,
          level: bound.entry.level,
          controls: bound.entry.controls,
          guideStep: bound.entry.guideStep,
          info: bound.entry.info,
        })),
        controls: HITRUST_CONTROLS,
        evaluations: this.evaluations,
        attestations: this.attestations,
        assumptions: this.assumptions,
        outsideReferences,
        acknowledgements: acknowledgementRecords(context.appConstruct, this.evaluations),
      }));
    }
    return report;
  }

  /**
   * Applies the catalog rules of the resource's CloudFormation type (`appliesTo`) to it, and notes what it states is
   * provided outside the app. A rule of another type would return NOT_APPLICABLE (a test holds every rule to its
   * `appliesTo`), which neither fails nor counts in the evidence, so it is not called.
   *
   * @param node the CloudFormation resource to check
   */
  protected checkResource(node: CfnResource): void {
    this.assumptions.push(...statedAssumptions(node));
    for (const bound of this.rulesByType.get(node.cfnResourceType) ?? []) {
      this.applyRule({
        ruleSuffixOverride: bound.entry.id,
        info: bound.info,
        explanation: bound.entry.explanation,
        level: bound.entry.level,
        node,
        rule: (resource: CfnResource) => this.evaluate(bound, resource),
      });
    }
  }

  /** Runs a rule and records its outcome for the evidence report (the base class keeps violations only). */
  private evaluate(bound: BoundRule, node: CfnResource): NagRuleResult {
    let result: NagRuleResult;
    try {
      // the rule reads the resource as the template finally says it (escape-hatch overrides applied)
      const run = collectFindingDetails(() => bound.check(finalView(node)));
      result = run.result;
      if (run.details.length > 0 && result === NagRuleCompliance.NON_COMPLIANT) {
        this.details.set(detailKey(bound.ruleId, node.node.path), run.details.join('; '));
      }
    } catch (error) {
      this.record(bound.ruleId, node, { error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    if (Array.isArray(result)) {
      if (result.length === 0) {
        this.record(bound.ruleId, node, { status: EvidenceStatus.COMPLIANT });
      }
      result.forEach((finding) => this.record(`${bound.ruleId}[${finding}]`, node, {}));
    } else if (result === NagRuleCompliance.COMPLIANT || result === NagRuleCompliance.NOT_APPLICABLE) {
      this.record(bound.ruleId, node, {
        status: result === NagRuleCompliance.COMPLIANT ? EvidenceStatus.COMPLIANT : EvidenceStatus.NOT_APPLICABLE,
      });
    } else {
      this.record(bound.ruleId, node, {});
    }
    return result;
  }

  /** Records an outcome; a failure (no status given) is acknowledged when the resource or an ancestor says so. */
  private record(ruleId: string, node: CfnResource, outcome: { status?: EvidenceStatus; error?: string }): void {
    const resourcePath = node.node.path;
    if (outcome.status !== undefined) {
      this.evaluations.push({ ruleId, resourcePath, status: outcome.status });
      return;
    }
    const reason = acknowledgementReason(node, ruleId);
    const found = this.details.get(detailKey(ruleId, resourcePath));
    const detail = found === undefined ? {} : { detail: found };
    this.evaluations.push(reason === undefined
      ? { ruleId, resourcePath, status: EvidenceStatus.NON_COMPLIANT, ...(outcome.error === undefined ? {} : { error: outcome.error }), ...detail }
      : { ruleId, resourcePath, status: EvidenceStatus.ACKNOWLEDGED, reason, ...detail });
  }

  /**
   * One violation per distinct finding detail: the description then says, for its resources, the property, the value
   * found and the limit (as the construct's own errors do).
   */
  private withDetails(violation: PolicyViolation): PolicyViolation[] {
    const groups = new Map<string | undefined, PolicyViolation['violatingResources'][number][]>();
    for (const resource of violation.violatingResources) {
      const detail = this.details.get(detailKey(violation.ruleName, resource.constructPath ?? ''));
      groups.set(detail, [...(groups.get(detail) ?? []), resource]);
    }
    return [...groups.entries()].map(([detail, resources]) => ({
      ...violation,
      // the detail goes after the finding's sentence, before its control IDs (which end every description)
      description: detail === undefined ? violation.description : withDetail(violation.description, detail),
      violatingResources: resources,
    }));
  }

  /** Adds the catalog's control IDs, guide step and level to a violation. */
  private withControls(violation: PolicyViolation): PolicyViolation {
    const bound = this.rulesById.get(violation.ruleName.replace(/\[.*\]$/, ''));
    if (!bound) {
      return violation;
    }
    return {
      ...violation,
      ruleMetadata: {
        ...violation.ruleMetadata,
        controls: bound.entry.controls.join(','),
        guideStep: bound.entry.guideStep,
        level: bound.entry.level,
      },
    };
  }
}
