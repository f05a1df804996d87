import { Token, type CfnResource, type PolicyValidationPluginReport, type PolicyViolation } from 'aws-cdk-lib';
import { NagPack, type NagPackProps } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { HITRUST_RULES, ruleFunction, type HitrustRule } from './catalog';
import { MAXIMUM_SNAPSHOT_RETENTION_DAYS } from './rules/elasticache/snapshot-retention';
import type { HitrustRuleFunction } from './utils/compliance';

/** The plugin name and rule-ID prefix of the pack. */
const PACK_NAME = 'HITRUST.CSF';

/** Options of the HITRUST.CSF pack. */
export interface HitrustChecksProps extends NagPackProps {
  /**
   * The fewest days of automatic snapshot retention `ElastiCacheSnapshotRetention` accepts, from 1 to 35
   * (the ElastiCache maximum).
   *
   * @default 35 - the HITRUST guide's recommendation (the longest ElastiCache allows)
   */
  readonly minimumSnapshotRetentionDays?: number;
}

/** A catalog entry with its rule function built and its message text rendered. */
interface BoundRule {
  readonly entry: HitrustRule;
  readonly ruleId: string;
  readonly info: string;
  readonly check: HitrustRuleFunction;
}

function validateProps(props: HitrustChecksProps): void {
  const errors: string[] = [];
  const days = props.minimumSnapshotRetentionDays;
  if (days !== undefined && (Token.isUnresolved(days) || !Number.isInteger(days) || days < 1 || days > MAXIMUM_SNAPSHOT_RETENTION_DAYS)) {
    errors.push(`\`minimumSnapshotRetentionDays\` must be a whole number from 1 to ${MAXIMUM_SNAPSHOT_RETENTION_DAYS}, got: ${days}`);
  }
  if (errors.length > 0) {
    throw new Error(`HitrustChecks validation failed:\n- ${errors.join('\n- ')}`);
  }
}

/**
 * The HITRUST CSF pack for Amazon ElastiCache (Redis OSS and Valkey) and the resources it depends on.
 *
 * Every finding carries the HITRUST control IDs of the guide step it implements, in its text and in the
 * `ruleMetadata` of validation-report.json. It reads L1 resources only, so raw `Cfn*` resources, L2s and L3s are all checked.
 *
 * @example
 * const app = new App();
 * Validations.of(app).addPlugins(new HitrustChecks(app));
 */
export class HitrustChecks extends NagPack {
  /** The plugin name shown in validation reports. */
  public readonly name: string = PACK_NAME;

  private readonly rules: readonly BoundRule[];
  private readonly rulesById: ReadonlyMap<string, BoundRule>;
  private readonly minimumSnapshotRetentionDays: number;

  /**
   * @param scope the app (needed only with `writeSuppressionsToCloudFormation`)
   * @param props pack options
   */
  constructor(scope?: IConstruct, props: HitrustChecksProps = {}) {
    super(scope, props);
    validateProps(props);
    this.packName = PACK_NAME;
    this.minimumSnapshotRetentionDays = props.minimumSnapshotRetentionDays ?? MAXIMUM_SNAPSHOT_RETENTION_DAYS;
    const options = { minimumSnapshotRetentionDays: this.minimumSnapshotRetentionDays };
    this.rules = HITRUST_RULES.map((entry) => ({
      entry,
      ruleId: `${PACK_NAME}-${entry.id}`,
      info: `${entry.info} - (Control IDs: ${entry.controls.join(', ')}).`,
      check: ruleFunction(entry, options),
    }));
    this.rulesById = new Map(this.rules.map((bound) => [bound.ruleId, bound]));
  }

  /**
   * Checks the construct tree under `scope` and returns the violations, each with `ruleMetadata`
   * `{ controls: 'id1,id2', guideStep, level }` so the control IDs reach validation-report.json.
   */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    const report = super.validateScope(scope);
    return { ...report, violations: report.violations.map((violation) => this.withControls(violation)) };
  }

  /** Applies every catalog rule to the resource. */
  protected checkResource(node: CfnResource): void {
    for (const bound of this.rules) {
      this.applyRule({
        ruleSuffixOverride: bound.entry.id,
        info: bound.info,
        explanation: bound.entry.explanation,
        level: bound.entry.level,
        node,
        rule: bound.check,
      });
    }
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
