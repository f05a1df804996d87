import type { CfnResource } from 'aws-cdk-lib';
import type { CfnCacheCluster, CfnReplicationGroup, CfnServerlessCache } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf, describeProperty, type HitrustRuleFunction } from '../../utils/compliance';
import { literalNumber, resolvePrimitive } from '../../utils/resolve';

/** The most days ElastiCache keeps automatic snapshots, and the HITRUST guide's recommendation. */
export const MAXIMUM_SNAPSHOT_RETENTION_DAYS = 35;

/**
 * Days of automatic snapshot retention: 0 when absent (the service default: backups off),
 * undefined when the value is only known at deploy time.
 */
export function snapshotRetentionDays(node: CfnReplicationGroup | CfnCacheCluster | CfnServerlessCache): number | undefined {
  return resolvePrimitive(node, node.snapshotRetentionLimit).kind === 'absent' ? 0 : literalNumber(node, node.snapshotRetentionLimit);
}

/**
 * Builds the rule "SnapshotRetentionLimit >= minimumDays" (the pack passes its `minimumSnapshotRetentionDays`).
 * A deploy-time retention fails closed.
 */
export function elastiCacheSnapshotRetention(minimumDays: number): HitrustRuleFunction {
  const retainsEnough = (n: CfnReplicationGroup | CfnCacheCluster | CfnServerlessCache) => {
    const days = snapshotRetentionDays(n);
    return compliantIf(days !== undefined && days >= minimumDays, () =>
      `${describeProperty(n, 'SnapshotRetentionLimit', n.snapshotRetentionLimit, ' days')}${days === 0 ? ' (automatic backups off)' : ''}, ` +
        `at least ${minimumDays} are required`);
  };
  return function ElastiCacheSnapshotRetention(node: CfnResource): NagRuleCompliance {
    return checkCache(node, {
      engines: EngineScope.REDIS_COMPATIBLE,
      replicationGroup: retainsEnough,
      cacheCluster: retainsEnough,
      serverlessCache: retainsEnough,
    });
  };
}
