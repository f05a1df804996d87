import type { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { resolvePrimitive } from './resolve';
import { SideChannel } from './side-channel';

/** A pure rule: inspects one L1 resource and returns a compliance result. Carries no message text (the catalog does). */
export type HitrustRuleFunction = (node: CfnResource) => NagRuleResult;

/** Options the pack passes to configurable rules (built by a factory). */
export interface HitrustRuleOptions {
  /** Minimum automatic snapshot retention in days. */
  readonly minimumSnapshotRetentionDays: number;
}

/**
 * What a finding says about the resource, as the construct's own errors do: the property, the value found and the
 * limit, e.g. "`SnapshotRetentionLimit` is 7 days, at least 35 are required". A function is called only for a
 * finding, so a rule pays for the text only when it fails.
 */
export type FindingDetail = string | (() => string);

const DETAILS = new SideChannel<string>();

/**
 * `COMPLIANT` when the condition holds, `NON_COMPLIANT` otherwise; a failed condition notes `detail` for the finding's
 * message (see {@link collectFindingDetails}).
 */
export function compliantIf(condition: boolean, detail?: FindingDetail): NagRuleCompliance {
  if (!condition && detail !== undefined) noteFindingDetail(detail);
  return condition ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}

/** Notes what a finding is about (for a rule that decides without `compliantIf`). */
export function noteFindingDetail(detail: FindingDetail): void {
  DETAILS.note(detail);
}

/** Runs a rule and returns its result with the details it noted (outside a run, rules note nothing). */
export function collectFindingDetails<T>(run: () => T): { result: T; details: string[] } {
  const { result, noted } = DETAILS.collect(run);
  return { result, details: noted };
}

/** How a deploy-time value reads in a finding. */
export const ONLY_KNOWN_AT_DEPLOYMENT = 'is only known at deployment (a parameter, an import or a condition), which fails closed';

/**
 * How a property's value reads in a finding: "`Name` is 7", "`Name` is not set", "`Name` is only known at deployment
 * (a parameter, an import or a condition), which fails closed".
 */
export function describeProperty(node: CfnResource, name: string, value: unknown, unit = ''): string {
  const resolved = resolvePrimitive(node, value);
  if (resolved.kind === 'absent') return `\`${name}\` is not set`; // also Aws.NO_VALUE
  if (resolved.kind === 'unresolved') return `\`${name}\` ${ONLY_KNOWN_AT_DEPLOYMENT}`;
  // "1 day", "7 days"
  const units = resolved.value === 1 && unit.endsWith('s') ? unit.slice(0, -1) : unit;
  return `\`${name}\` is ${typeof resolved.value === 'string' ? `'${resolved.value}'` : String(resolved.value)}${units}`;
}
