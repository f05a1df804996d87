import type { CfnResource } from 'aws-cdk-lib';
import type { CfnCacheCluster, CfnReplicationGroup, CfnServerlessCache } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { snapshotRetentionDays } from './snapshot-retention';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { literalString, resolvePrimitive } from '../../utils/resolve';

/** Node types of the cache.t1 family cannot take snapshots. */
function canSnapshot(node: CfnReplicationGroup | CfnCacheCluster): boolean {
  if (resolvePrimitive(node, node.cacheNodeType).kind === 'absent') {
    return true;
  }
  const nodeType = literalString(node, node.cacheNodeType);
  return nodeType !== undefined && !nodeType.trim().toLowerCase().startsWith('cache.t1.'); // deploy-time: fail closed
}

function backsUp(node: CfnReplicationGroup | CfnCacheCluster | CfnServerlessCache): boolean {
  const days = snapshotRetentionDays(node);
  return days !== undefined && days > 0;
}

/** Automatic backups are on (SnapshotRetentionLimit > 0) on a node type that can take snapshots (not cache.t1.*). */
export function ElastiCacheAutomaticBackup(node: CfnResource): NagRuleCompliance {
  const check = (n: CfnReplicationGroup | CfnCacheCluster) => compliantIf(backsUp(n) && canSnapshot(n));
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: check,
    cacheCluster: check,
    serverlessCache: (n: CfnServerlessCache) => compliantIf(backsUp(n)),
  });
}
