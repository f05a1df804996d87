import type { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';

/** A pure rule: inspects one L1 resource and returns a compliance result. Carries no message text (the catalog does). */
export type HitrustRuleFunction = (node: CfnResource) => NagRuleResult;

/** Options the pack passes to configurable rules (built by a factory). */
export interface HitrustRuleOptions {
  /** Minimum automatic snapshot retention in days. */
  readonly minimumSnapshotRetentionDays: number;
}

/** `COMPLIANT` when the condition holds, `NON_COMPLIANT` otherwise. */
export function compliantIf(condition: boolean): NagRuleCompliance {
  return condition ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
