import type { CfnResource } from 'aws-cdk-lib';
import { CfnSubnetGroup, type CfnCacheCluster, type CfnReplicationGroup, type CfnServerlessCache } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { referencedResource } from '../../utils/references';
import { isNonEmptyList, literalString } from '../../utils/resolve';

function inOwnSubnetGroup(node: CfnReplicationGroup | CfnCacheCluster): boolean {
  if (referencedResource(node, node.cacheSubnetGroupName) instanceof CfnSubnetGroup) {
    return true;
  }
  const name = literalString(node, node.cacheSubnetGroupName);
  // absent = the default VPC's default subnet group; a deploy-time name could be `default` (fail closed)
  return name !== undefined && name.trim() !== '' && name.trim().toLowerCase() !== 'default';
}

/**
 * The cache runs in the deployment's own VPC subnet group: CacheSubnetGroupName set and not `default`
 * (serverless: SubnetIds set; without them the default VPC's subnets are used).
 */
export function ElastiCacheSubnetGroup(node: CfnResource): NagRuleCompliance {
  const check = (n: CfnReplicationGroup | CfnCacheCluster) => compliantIf(inOwnSubnetGroup(n));
  return checkCache(node, {
    engines: EngineScope.ANY,
    replicationGroup: check,
    cacheCluster: check,
    serverlessCache: (n: CfnServerlessCache) => compliantIf(isNonEmptyList(n, n.subnetIds)),
  });
}
