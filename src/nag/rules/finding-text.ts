import type { CfnResource } from 'aws-cdk-lib';
import type { NagRuleCompliance } from 'cdk-nag';
import { NOT_POSSIBLE_ON_CACHE_CLUSTER } from '../utils/cache';
import { describeProperty, noteFindingDetail, ONLY_KNOWN_AT_DEPLOYMENT, type FindingDetail } from '../utils/compliance';
import { keyOwnership, KeyOwnership } from '../utils/kms';
import { resolveList, resolvePrimitive } from '../utils/resolve';

/**
 * The shared wording of the rules' finding details (see `describeProperty`): a property is named as the template
 * spells it, with the value found; the caller adds the limit. Never used for secret values.
 */

export { describeProperty, ONLY_KNOWN_AT_DEPLOYMENT };

/** How a list property reads: "`Name` is not set", "`Name` is empty", "`Name` has 2 items" or deploy-time. */
export function describeList(node: CfnResource, name: string, value: unknown): string {
  const list = resolveList(node, value);
  if (list.kind === 'absent') return `\`${name}\` is not set`;
  if (list.kind === 'unresolved') return `\`${name}\` ${ONLY_KNOWN_AT_DEPLOYMENT}`;
  return list.items.length === 0 ? `\`${name}\` is empty` : `\`${name}\` has ${plural(list.items.length, 'item')}`;
}

/** "1 zone", "3 zones". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * How a KMS key property reads when it does not name a customer managed key (see `keyOwnership`); `whenAbsent` says
 * what its absence means for the service.
 */
export function describeKey(node: CfnResource, name: string, value: unknown, whenAbsent: string): string {
  switch (keyOwnership(node, value)) {
    case KeyOwnership.ABSENT:
      return resolvePrimitive(node, value).kind === 'absent' ? `\`${name}\` is not set, ${whenAbsent}` : `\`${name}\` is empty, ${whenAbsent}`;
    case KeyOwnership.AWS_MANAGED:
      return resolvePrimitive(node, value).kind === 'literal'
        ? `${describeProperty(node, name, value)}, an AWS managed key`
        : `\`${name}\` names an AWS managed key (alias/aws/...)`;
    case KeyOwnership.CUSTOMER:
      return `\`${name}\` names a customer managed key`;
    default:
      return `\`${name}\` ${ONLY_KNOWN_AT_DEPLOYMENT}`;
  }
}

/** `condition`, noting `detail` for the finding when it is false (for checks that return a boolean). */
export function holds(condition: boolean, detail: FindingDetail): boolean {
  if (!condition) noteFindingDetail(detail);
  return condition;
}

/** The check of a standalone CacheCluster for a setting only a replication group has: NON_COMPLIANT, saying so. */
export function notPossibleOnCacheCluster(detail: string): () => NagRuleCompliance {
  return () => {
    noteFindingDetail(detail);
    return NOT_POSSIBLE_ON_CACHE_CLUSTER();
  };
}
