import type { CfnResource } from 'aws-cdk-lib';
import type { CfnCacheCluster, CfnReplicationGroup, CfnServerlessCache } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { isPresent } from '../../utils/resolve';

/** The daily backup time is chosen: SnapshotWindow (node-based) or DailySnapshotTime (serverless) is set. */
export function ElastiCacheSnapshotWindow(node: CfnResource): NagRuleCompliance {
  const check = (n: CfnReplicationGroup | CfnCacheCluster) => compliantIf(isPresent(n, n.snapshotWindow));
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: check,
    cacheCluster: check,
    serverlessCache: (n: CfnServerlessCache) => compliantIf(isPresent(n, n.dailySnapshotTime)),
  });
}
