import type { CfnResource } from 'aws-cdk-lib';
import type { CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { resolveList, resolvePrimitive, resolveValue, structField } from '../../utils/resolve';
import { ONLY_KNOWN_AT_DEPLOYMENT, plural } from '../finding-text';

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
  // no primary AZ (also `Aws.NO_VALUE`): the service chooses it
  return resolvePrimitive(node, primary).kind === 'absent' ? replicaPlacements : [primary, ...replicaPlacements];
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

/** How the placements of one shard read, e.g. "`PreferredCacheClusterAZs` has 1 distinct zone for 3 nodes". */
function placementFinding(subject: string, placements: readonly unknown[]): string {
  const keys = placements.map(placementKey);
  const distinct = (prefix: string) => new Set(keys.filter((k): k is string => k !== undefined && k.startsWith(prefix))).size;
  const names = distinct('name:');
  const selections = distinct('getazs:');
  const unknown = keys.filter((k) => k === undefined).length;
  const notes = [
    ...(unknown > 0 ? [`${unknown} only known at deployment, which fails closed`] : []),
    ...(names > 0 && selections > 0 ? ['AZ names and Fn::GetAZs selections are not compared'] : []),
  ];
  return `${subject} has ${plural(Math.max(names, selections), 'distinct zone')} for ${plural(placements.length, 'node')}` +
    (notes.length > 0 ? ` (${notes.join('; ')})` : '');
}

/** Every placement that puts a shard in one AZ, by the property (and node group index) that gives it. */
function distinctAzFinding(node: CfnReplicationGroup): string {
  const found: string[] = [];
  const azs = resolveList(node, node.preferredCacheClusterAZs);
  if (azs.kind === 'unresolved') {
    found.push(`\`PreferredCacheClusterAZs\` ${ONLY_KNOWN_AT_DEPLOYMENT}`);
  } else if (azs.kind === 'list' && !spansTwoAZs(azs.items)) {
    found.push(placementFinding('`PreferredCacheClusterAZs`', azs.items));
  }
  const nodeGroups = resolveList(node, node.nodeGroupConfiguration);
  if (nodeGroups.kind === 'unresolved') {
    found.push(`\`NodeGroupConfiguration\` ${ONLY_KNOWN_AT_DEPLOYMENT}`);
  }
  // the template's own indexes (resolveList drops `Aws.NO_VALUE` items, which place nothing)
  const groups = resolveValue(node, node.nodeGroupConfiguration);
  (nodeGroups.kind === 'list' && Array.isArray(groups) ? groups : []).forEach((group: unknown, index: number) => {
    const placements = placementsOfNodeGroup(node, group);
    if (placements === undefined) {
      found.push(`\`NodeGroupConfiguration[${index}].ReplicaAvailabilityZones\` ${ONLY_KNOWN_AT_DEPLOYMENT}`);
    } else if (!spansTwoAZs(placements)) {
      found.push(placementFinding(`\`NodeGroupConfiguration[${index}]\``, placements));
    }
  });
  return `${found.join(' and ')}; at least 2 distinct zones per shard are required`;
}

/**
 * When AZs are given (PreferredCacheClusterAZs, or NodeGroupConfiguration primary/replica AZs), every shard has at
 * least one node outside the primary's AZ. No preference is compliant: with Multi-AZ on, ElastiCache spreads the nodes.
 * A standalone CacheCluster is covered by ElastiCacheReplicaPerShard; serverless caches span AZs by design.
 */
export function ElastiCacheDistinctAZs(node: CfnResource): NagRuleCompliance {
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: (n: CfnReplicationGroup) => compliantIf(placesNodesInTwoAZs(n), () => distinctAzFinding(n)),
  });
}
