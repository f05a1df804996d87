import type { CfnResource } from 'aws-cdk-lib';
import type { CfnCacheCluster, CfnReplicationGroup, CfnServerlessCache } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { isPresent } from '../../utils/resolve';
import { describeProperty } from '../finding-text';

/** The daily backup time is chosen: SnapshotWindow (node-based) or DailySnapshotTime (serverless) is set. */
export function ElastiCacheSnapshotWindow(node: CfnResource): NagRuleCompliance {
  const check = (n: CfnReplicationGroup | CfnCacheCluster) => compliantIf(isPresent(n, n.snapshotWindow),
    () => `${describeProperty(n, 'SnapshotWindow', n.snapshotWindow)}; a daily window (hh24:mi-hh24:mi) is required`);
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: check,
    cacheCluster: check,
    serverlessCache: (n: CfnServerlessCache) => compliantIf(isPresent(n, n.dailySnapshotTime),
      () => `${describeProperty(n, 'DailySnapshotTime', n.dailySnapshotTime)}; a daily time (hh24:mi) is required`),
  });
}
