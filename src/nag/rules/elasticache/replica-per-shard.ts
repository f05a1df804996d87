import type { CfnResource } from 'aws-cdk-lib';
import type { CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { literalNumber, resolveList, resolvePrimitive, resolveValue, structField } from '../../utils/resolve';
import { describeProperty, notPossibleOnCacheCluster, ONLY_KNOWN_AT_DEPLOYMENT } from '../finding-text';

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
      // an absent ReplicaCount (also `Aws.NO_VALUE`) falls back to ReplicasPerNodeGroup
      const replicas = resolvePrimitive(node, own).kind === 'absent' ? perNodeGroup : count(node, own);
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

/** How a replica count reads: "`ReplicasPerNodeGroup` is 0", or "is not set (0 replicas)". */
function describeCount(node: CfnReplicationGroup, name: string, value: unknown): string {
  return `${describeProperty(node, name, value)}${resolvePrimitive(node, value).kind === 'absent' ? ' (0 replicas)' : ''}`;
}

/** Which shards have no replica, e.g. "`NodeGroupConfiguration[1].ReplicaCount` is 0, at least 1 is required". */
function replicaFinding(node: CfnReplicationGroup): string {
  const nodeGroups = resolveList(node, node.nodeGroupConfiguration);
  if (nodeGroups.kind === 'unresolved') {
    return `\`NodeGroupConfiguration\` ${ONLY_KNOWN_AT_DEPLOYMENT}; at least 1 replica per shard is required`;
  }
  if (nodeGroups.kind === 'list' && nodeGroups.items.length > 0) {
    const perNodeGroup = count(node, node.replicasPerNodeGroup);
    // the template's own indexes (resolveList drops `Aws.NO_VALUE` items)
    const groups = resolveValue(node, node.nodeGroupConfiguration) as unknown[];
    const found: string[] = [];
    const withoutCount: string[] = [];
    groups.forEach((group, index) => {
      if (resolvePrimitive(node, group).kind === 'absent') {
        return; // an `Aws.NO_VALUE` item
      }
      const own = structField(group, 'replicaCount');
      const name = `NodeGroupConfiguration[${index}].ReplicaCount`;
      if (resolvePrimitive(node, own).kind === 'absent') {
        // an absent ReplicaCount falls back to ReplicasPerNodeGroup
        if (perNodeGroup === undefined || perNodeGroup < 1) withoutCount.push(`\`${name}\``);
        return;
      }
      const replicas = count(node, own);
      if (replicas === undefined || replicas < 1) found.push(describeCount(node, name, own));
    });
    if (withoutCount.length > 0) {
      found.push(`${withoutCount.join(' and ')} ${withoutCount.length === 1 ? 'is' : 'are'} not set and ` +
        `${describeCount(node, 'ReplicasPerNodeGroup', node.replicasPerNodeGroup)}`);
    }
    return `${found.join(' and ')}, at least 1 is required`;
  }
  if ([node.numNodeGroups, node.replicasPerNodeGroup].some((v) => resolvePrimitive(node, v).kind !== 'absent')) {
    return `${describeCount(node, 'ReplicasPerNodeGroup', node.replicasPerNodeGroup)}, at least 1 is required`;
  }
  const nodes = resolvePrimitive(node, node.numCacheClusters).kind === 'absent' ? ' (1 node, no replica)'
    : literalNumber(node, node.numCacheClusters) === 1 ? ' (a primary without replica)' : '';
  return `${describeProperty(node, 'NumCacheClusters', node.numCacheClusters)}${nodes}, at least 2 are required`;
}

/**
 * Every shard has at least one replica: NumCacheClusters >= 2 (cluster mode disabled), ReplicasPerNodeGroup >= 1,
 * or a ReplicaCount >= 1 in every NodeGroupConfiguration. A standalone CacheCluster has no replica: non-compliant.
 */
export function ElastiCacheReplicaPerShard(node: CfnResource): NagRuleCompliance {
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: (n: CfnReplicationGroup) => compliantIf(hasReplicaInEveryShard(n), () => replicaFinding(n)),
    cacheCluster: notPossibleOnCacheCluster('an AWS::ElastiCache::CacheCluster is a single node without replica; ' +
      'a ReplicationGroup with at least 1 replica per shard is required'),
  });
}
