import type { CfnResource } from 'aws-cdk-lib';
import type { CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { resolveList, structField } from '../../utils/resolve';

/**
 * A comparable key for an AZ placement: a literal AZ name, or `Fn::Select [i, Fn::GetAZs r]` (distinct indexes of
 * the same GetAZs are distinct AZs). Undefined for anything else (a parameter, an import): unknown placement.
 */
function placementKey(resolved: unknown): string | undefined {
  if (typeof resolved === 'string') {
    return `name:${resolved.trim().toLowerCase()}`;
  }
  const select = typeof resolved === 'object' && resolved !== null ? (resolved as Record<string, unknown>)['Fn::Select'] : undefined;
  if (Array.isArray(select) && select.length === 2 && typeof select[1] === 'object' && select[1] !== null) {
    const getAzs = (select[1] as Record<string, unknown>)['Fn::GetAZs'];
    const index = typeof select[0] === 'number' ? select[0] : Number(select[0]);
    if (getAzs !== undefined && Number.isInteger(index)) {
      return `getazs:${JSON.stringify(getAzs)}:${index}`;
    }
  }
  return undefined;
}

/** The placements given for one shard span two AZs, or fewer than two are given (the service chooses the rest). */
function spansTwoAZs(placements: readonly unknown[]): boolean {
  if (placements.length < 2) {
    return true;
  }
  const keys = placements.map(placementKey);
  const distinct = (prefix: string) => new Set(keys.filter((k): k is string => k !== undefined && k.startsWith(prefix))).size;
  // literal names and GetAZs selections are only compared among themselves; unknown placements fail closed
  return distinct('name:') >= 2 || distinct('getazs:') >= 2;
}

function placementsOfNodeGroup(node: CfnReplicationGroup, group: unknown): unknown[] | undefined {
  const primary = structField(group, 'primaryAvailabilityZone');
  const replicas = resolveList(node, structField(group, 'replicaAvailabilityZones'));
  if (replicas.kind === 'unresolved') {
    return undefined;
  }
  const replicaPlacements = replicas.kind === 'list' ? [...replicas.items] : [];
  return primary === undefined ? replicaPlacements : [primary, ...replicaPlacements];
}

function placesNodesInTwoAZs(node: CfnReplicationGroup): boolean {
  const azs = resolveList(node, node.preferredCacheClusterAZs);
  const nodeGroups = resolveList(node, node.nodeGroupConfiguration);
  if (azs.kind === 'unresolved' || nodeGroups.kind === 'unresolved') {
    return false; // fail closed
  }
  if (azs.kind === 'list' && !spansTwoAZs(azs.items)) {
    return false;
  }
  const groups = nodeGroups.kind === 'list' ? nodeGroups.items : [];
  return groups.every((group) => {
    const placements = placementsOfNodeGroup(node, group);
    return placements !== undefined && spansTwoAZs(placements);
  });
}

/**
 * When AZs are given (PreferredCacheClusterAZs, or NodeGroupConfiguration primary/replica AZs), every shard has at
 * least one node outside the primary's AZ. No preference is compliant: with Multi-AZ on, ElastiCache spreads the nodes.
 * A standalone CacheCluster is covered by ElastiCacheReplicaPerShard; serverless caches span AZs by design.
 */
export function ElastiCacheDistinctAZs(node: CfnResource): NagRuleCompliance {
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: (n: CfnReplicationGroup) => compliantIf(placesNodesInTwoAZs(n)),
  });
}
