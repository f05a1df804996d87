import type { CfnResource } from 'aws-cdk-lib';
import type { CfnCacheCluster, CfnReplicationGroup, CfnServerlessCache } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { snapshotRetentionDays } from './snapshot-retention';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { literalString, resolvePrimitive } from '../../utils/resolve';
import { describeProperty, ONLY_KNOWN_AT_DEPLOYMENT } from '../finding-text';

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

/** What the retention says when it turns backups off, e.g. "`SnapshotRetentionLimit` is 0 days (no automatic backup)". */
function retentionFinding(node: CfnReplicationGroup | CfnCacheCluster | CfnServerlessCache): string {
  const days = snapshotRetentionDays(node);
  return `${describeProperty(node, 'SnapshotRetentionLimit', node.snapshotRetentionLimit, ' days')}` +
    `${days === 0 ? ' (no automatic backup)' : ''}, at least 1 day is required`;
}

/** What keeps a node-based cache from backing up: no retention, a node type that cannot snapshot, or both. */
function backupFinding(node: CfnReplicationGroup | CfnCacheCluster): string {
  const found = backsUp(node) ? [] : [retentionFinding(node)];
  if (!canSnapshot(node)) {
    const nodeType = literalString(node, node.cacheNodeType);
    found.push(nodeType === undefined
      ? `\`CacheNodeType\` ${ONLY_KNOWN_AT_DEPLOYMENT}; a node type other than cache.t1.* is required`
      : `\`CacheNodeType\` is '${nodeType}', which cannot take snapshots; a node type other than cache.t1.* is required`);
  }
  return found.join('; ');
}

/** Automatic backups are on (SnapshotRetentionLimit > 0) on a node type that can take snapshots (not cache.t1.*). */
export function ElastiCacheAutomaticBackup(node: CfnResource): NagRuleCompliance {
  const check = (n: CfnReplicationGroup | CfnCacheCluster) => compliantIf(backsUp(n) && canSnapshot(n), () => backupFinding(n));
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: check,
    cacheCluster: check,
    serverlessCache: (n: CfnServerlessCache) => compliantIf(backsUp(n), () => retentionFinding(n)),
  });
}
