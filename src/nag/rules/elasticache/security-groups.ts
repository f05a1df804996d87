import type { CfnResource } from 'aws-cdk-lib';
import {
  CfnSecurityGroup as CfnCacheSecurityGroup,
  CfnSecurityGroupIngress as CfnCacheSecurityGroupIngress,
  type CfnCacheCluster,
  type CfnReplicationGroup,
  type CfnServerlessCache,
} from 'aws-cdk-lib/aws-elasticache';
import { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { inspectedProperty, isNonEmptyList } from '../../utils/resolve';

function hasVpcSecurityGroups(node: CfnResource, vpcSecurityGroupIds: unknown, cacheSecurityGroupNames: unknown): boolean {
  // CacheSecurityGroupNames are EC2-Classic cache security groups: never acceptable (read without the deprecated getter)
  return isNonEmptyList(node, vpcSecurityGroupIds) && !isNonEmptyList(node, cacheSecurityGroupNames);
}

/**
 * The cache is guarded by VPC security groups (SecurityGroupIds / VpcSecurityGroupIds non-empty) and uses no
 * EC2-Classic cache security group. AWS::ElastiCache::SecurityGroup(Ingress) resources are EC2-Classic: non-compliant.
 */
export function ElastiCacheSecurityGroups(node: CfnResource): NagRuleCompliance {
  if (node instanceof CfnCacheSecurityGroup || node instanceof CfnCacheSecurityGroupIngress) {
    return NagRuleCompliance.NON_COMPLIANT;
  }
  return checkCache(node, {
    engines: EngineScope.ANY,
    replicationGroup: (n: CfnReplicationGroup) => compliantIf(hasVpcSecurityGroups(n, n.securityGroupIds, inspectedProperty(n, 'cacheSecurityGroupNames'))),
    cacheCluster: (n: CfnCacheCluster) => compliantIf(hasVpcSecurityGroups(n, n.vpcSecurityGroupIds, inspectedProperty(n, 'cacheSecurityGroupNames'))),
    serverlessCache: (n: CfnServerlessCache) => compliantIf(isNonEmptyList(n, n.securityGroupIds)),
  });
}
