import type { CfnResource } from 'aws-cdk-lib';
import type { CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope, NOT_POSSIBLE_ON_CACHE_CLUSTER } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { literalNumber, resolveList, resolvePrimitive, structField } from '../../utils/resolve';

/**
 * Replicas per shard a literal count gives, or undefined when it is a deploy-time value.
 * An absent count is 0 (CloudFormation's default).
 */
function count(node: CfnReplicationGroup, value: unknown): number | undefined {
  return resolvePrimitive(node, value).kind === 'absent' ? 0 : literalNumber(node, value);
}

function hasReplicaInEveryShard(node: CfnReplicationGroup): boolean {
  const perNodeGroup = count(node, node.replicasPerNodeGroup);
  const nodeGroups = resolveList(node, node.nodeGroupConfiguration);
  if (nodeGroups.kind === 'unresolved') {
    return false; // fail closed
  }
  if (nodeGroups.kind === 'list' && nodeGroups.items.length > 0) {
    // a node group's own ReplicaCount wins over ReplicasPerNodeGroup
    return nodeGroups.items.every((group) => {
      const own = structField(group, 'replicaCount');
      const replicas = own === undefined ? perNodeGroup : count(node, own);
      return replicas !== undefined && replicas >= 1;
    });
  }
  const clusterModeSettings = [node.numNodeGroups, node.replicasPerNodeGroup].some((v) => resolvePrimitive(node, v).kind !== 'absent');
  if (clusterModeSettings) {
    return perNodeGroup !== undefined && perNodeGroup >= 1;
  }
  // cluster mode disabled: NumCacheClusters counts the primary too (absent = 1 node)
  const nodes = resolvePrimitive(node, node.numCacheClusters).kind === 'absent' ? 1 : literalNumber(node, node.numCacheClusters);
  return nodes !== undefined && nodes >= 2;
}

/**
 * Every shard has at least one replica: NumCacheClusters >= 2 (cluster mode disabled), ReplicasPerNodeGroup >= 1,
 * or a ReplicaCount >= 1 in every NodeGroupConfiguration. A standalone CacheCluster has no replica: non-compliant.
 */
export function ElastiCacheReplicaPerShard(node: CfnResource): NagRuleCompliance {
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: (n: CfnReplicationGroup) => compliantIf(hasReplicaInEveryShard(n)),
    cacheCluster: NOT_POSSIBLE_ON_CACHE_CLUSTER,
  });
}
