import type { CfnResource } from 'aws-cdk-lib';
import { CfnParameterGroup, type CfnCacheCluster, type CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { referencedResource } from '../../utils/references';
import { literalString, resolvePrimitive } from '../../utils/resolve';
import { describeProperty } from '../finding-text';

function usesOwnParameterGroup(node: CfnReplicationGroup | CfnCacheCluster): boolean {
  if (referencedResource(node, node.cacheParameterGroupName) instanceof CfnParameterGroup) {
    return true;
  }
  const name = literalString(node, node.cacheParameterGroupName);
  // absent = the default group; a deploy-time name could be a `default.` group (fail closed)
  return name !== undefined && name.trim() !== '' && !name.trim().toLowerCase().startsWith('default.');
}

/** What the group's CacheParameterGroupName says, e.g. "`CacheParameterGroupName` is 'default.valkey8', a default group". */
function parameterGroupFinding(node: CfnReplicationGroup | CfnCacheCluster): string {
  const name = literalString(node, node.cacheParameterGroupName);
  const found = resolvePrimitive(node, node.cacheParameterGroupName).kind === 'absent'
    ? '`CacheParameterGroupName` is not set, so the engine\'s default group is used'
    : `${describeProperty(node, 'CacheParameterGroupName', node.cacheParameterGroupName)}${name?.trim().toLowerCase().startsWith('default.') ? ', a default group' : ''}`;
  return `${found}; a parameter group of the deployment's own (not default.*) is required`;
}

/** CacheParameterGroupName names the deployment's own parameter group, not a `default.*` one. */
export function ElastiCacheCustomParameterGroup(node: CfnResource): NagRuleCompliance {
  const check = (n: CfnReplicationGroup | CfnCacheCluster) => compliantIf(usesOwnParameterGroup(n), () => parameterGroupFinding(n));
  return checkCache(node, { engines: EngineScope.ANY, replicationGroup: check, cacheCluster: check });
}
