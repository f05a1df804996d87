import type { CfnResource } from 'aws-cdk-lib';
import { CfnSubnet } from 'aws-cdk-lib/aws-ec2';
import { CfnSubnetGroup, type CfnCacheCluster, type CfnReplicationGroup, type CfnServerlessCache } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { HitrustRuleId } from '../../rule-ids';
import { appIndexOf } from '../../utils/app-index';
import { outsideListItems, recordAssumption } from '../../utils/assumptions';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { referencedResource } from '../../utils/references';
import { isNonEmptyList, literalString, resolvePrimitive } from '../../utils/resolve';
import { describeList, describeProperty } from '../finding-text';

/** The literal names (lower case, as ElastiCache stores them) of the subnet groups the app defines. */
function subnetGroupNamesOfApp(node: CfnResource): ReadonlySet<string> {
  return appIndexOf(node).derive('elasticache:subnet-group-names', (index) => new Set(index.resources
    .filter((r): r is CfnSubnetGroup => r instanceof CfnSubnetGroup)
    .map((r) => literalString(r, r.cacheSubnetGroupName)?.trim().toLowerCase())
    .filter((name): name is string => name !== undefined && name !== '')));
}

function inOwnSubnetGroup(node: CfnReplicationGroup | CfnCacheCluster): boolean {
  if (referencedResource(node, node.cacheSubnetGroupName) instanceof CfnSubnetGroup) {
    return true;
  }
  const name = literalString(node, node.cacheSubnetGroupName);
  // absent = the default VPC's default subnet group; a deploy-time name could be `default` (fail closed)
  if (name === undefined || name.trim() === '' || name.trim().toLowerCase() === 'default') {
    return false;
  }
  if (!subnetGroupNamesOfApp(node).has(name.trim().toLowerCase())) {
    // a name of a group outside the app: accepted, but the template cannot show its subnets
    recordAssumption(node, HitrustRuleId.ELASTICACHE_SUBNET_GROUP,
      `CacheSubnetGroupName '${name}' names a subnet group that is not in the app: verify it holds only the deployment's private subnets`);
  }
  return true;
}

function serverlessSubnets(node: CfnServerlessCache): boolean {
  if (!isNonEmptyList(node, node.subnetIds)) {
    return false;
  }
  const outside = outsideListItems(node, node.subnetIds, (r) => r instanceof CfnSubnet);
  if (outside.length > 0) {
    recordAssumption(node, HitrustRuleId.ELASTICACHE_SUBNET_GROUP,
      `SubnetIds ${outside.join(', ')} are not subnets of the app: verify they are the deployment's private subnets`);
  }
  return true;
}

/** What the finding requires. */
const OWN_SUBNETS_REQUIRED = 'a subnet group of the deployment\'s own VPC is required';

/** What CacheSubnetGroupName says, e.g. "`CacheSubnetGroupName` is 'default'". */
function subnetGroupFinding(node: CfnReplicationGroup | CfnCacheCluster): string {
  const absent = resolvePrimitive(node, node.cacheSubnetGroupName).kind === 'absent';
  const isDefault = literalString(node, node.cacheSubnetGroupName)?.trim().toLowerCase() === 'default';
  return `${describeProperty(node, 'CacheSubnetGroupName', node.cacheSubnetGroupName)}` +
    `${absent || isDefault ? ', the default VPC\'s default subnet group' : ''}; ${OWN_SUBNETS_REQUIRED}`;
}

/**
 * The cache runs in the deployment's own VPC subnet group: CacheSubnetGroupName set and not `default`
 * (serverless: SubnetIds set; without them the default VPC's subnets are used). A name or subnet IDs that are not in
 * the app are accepted and recorded as an assumption for the evidence report.
 */
export function ElastiCacheSubnetGroup(node: CfnResource): NagRuleCompliance {
  const check = (n: CfnReplicationGroup | CfnCacheCluster) => compliantIf(inOwnSubnetGroup(n), () => subnetGroupFinding(n));
  return checkCache(node, {
    engines: EngineScope.ANY,
    replicationGroup: check,
    cacheCluster: check,
    serverlessCache: (n: CfnServerlessCache) => compliantIf(serverlessSubnets(n),
      () => `${describeList(n, 'SubnetIds', n.subnetIds)}, so the default VPC's subnets are used; ${OWN_SUBNETS_REQUIRED}`),
  });
}
