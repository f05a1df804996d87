import type { CfnResource } from 'aws-cdk-lib';
import { CfnSecurityGroup as CfnEc2SecurityGroup } from 'aws-cdk-lib/aws-ec2';
import {
  CfnSecurityGroup as CfnCacheSecurityGroup,
  CfnSecurityGroupIngress as CfnCacheSecurityGroupIngress,
  type CfnCacheCluster,
  type CfnReplicationGroup,
  type CfnServerlessCache,
} from 'aws-cdk-lib/aws-elasticache';
import { NagRuleCompliance } from 'cdk-nag';
import { HitrustRuleId } from '../../rule-ids';
import { outsideListItems, recordAssumption } from '../../utils/assumptions';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf, noteFindingDetail } from '../../utils/compliance';
import { inspectedProperty, isNonEmptyList } from '../../utils/resolve';
import { describeList } from '../finding-text';

function hasVpcSecurityGroups(node: CfnResource, vpcSecurityGroupIds: unknown, cacheSecurityGroupNames: unknown): boolean {
  // CacheSecurityGroupNames are EC2-Classic cache security groups: never acceptable (read without the deprecated getter)
  return isNonEmptyList(node, vpcSecurityGroupIds) && !isNonEmptyList(node, cacheSecurityGroupNames);
}

/** What the limit of every finding says. */
const VPC_SECURITY_GROUPS_REQUIRED = 'VPC security groups, and no EC2-Classic cache security group, are required';

/** Why the cache is not guarded, e.g. "`SecurityGroupIds` is empty; VPC security groups ... are required". */
function securityGroupFinding(node: CfnResource, property: string, securityGroupIds: unknown, cacheSecurityGroupNames?: unknown): string {
  const found = isNonEmptyList(node, securityGroupIds) ? [] : [describeList(node, property, securityGroupIds)];
  if (cacheSecurityGroupNames !== undefined && isNonEmptyList(node, cacheSecurityGroupNames)) {
    found.push('`CacheSecurityGroupNames` names EC2-Classic cache security groups');
  }
  return `${found.join(' and ')}; ${VPC_SECURITY_GROUPS_REQUIRED}`;
}

/** Accepts the groups; IDs of groups outside the app are recorded as an assumption for the evidence report. */
function accepted(node: CfnResource, property: string, securityGroupIds: unknown): NagRuleCompliance {
  const outside = outsideListItems(node, securityGroupIds, (r) => r instanceof CfnEc2SecurityGroup);
  if (outside.length > 0) {
    recordAssumption(node, HitrustRuleId.ELASTICACHE_SECURITY_GROUPS,
      `${property} ${outside.join(', ')} are not security groups of the app: verify their rules admit only the application`);
  }
  return NagRuleCompliance.COMPLIANT;
}

/**
 * The cache is guarded by VPC security groups (SecurityGroupIds / VpcSecurityGroupIds non-empty) and uses no
 * EC2-Classic cache security group. AWS::ElastiCache::SecurityGroup(Ingress) resources are EC2-Classic: non-compliant.
 * Groups that are not in the app are accepted and recorded as an assumption for the evidence report.
 */
export function ElastiCacheSecurityGroups(node: CfnResource): NagRuleCompliance {
  if (node instanceof CfnCacheSecurityGroup || node instanceof CfnCacheSecurityGroupIngress) {
    noteFindingDetail(node instanceof CfnCacheSecurityGroup
      ? `an AWS::ElastiCache::SecurityGroup is an EC2-Classic cache security group; ${VPC_SECURITY_GROUPS_REQUIRED}`
      : `an AWS::ElastiCache::SecurityGroupIngress opens the EC2-Classic cache security group its \`CacheSecurityGroupName\` names; ${VPC_SECURITY_GROUPS_REQUIRED}`);
    return NagRuleCompliance.NON_COMPLIANT;
  }
  return checkCache(node, {
    engines: EngineScope.ANY,
    replicationGroup: (n: CfnReplicationGroup) =>
      hasVpcSecurityGroups(n, n.securityGroupIds, inspectedProperty(n, 'cacheSecurityGroupNames'))
        ? accepted(n, 'SecurityGroupIds', n.securityGroupIds)
        : compliantIf(false, () => securityGroupFinding(n, 'SecurityGroupIds', n.securityGroupIds, inspectedProperty(n, 'cacheSecurityGroupNames'))),
    cacheCluster: (n: CfnCacheCluster) =>
      hasVpcSecurityGroups(n, n.vpcSecurityGroupIds, inspectedProperty(n, 'cacheSecurityGroupNames'))
        ? accepted(n, 'VpcSecurityGroupIds', n.vpcSecurityGroupIds)
        : compliantIf(false, () => securityGroupFinding(n, 'VpcSecurityGroupIds', n.vpcSecurityGroupIds, inspectedProperty(n, 'cacheSecurityGroupNames'))),
    serverlessCache: (n: CfnServerlessCache) =>
      isNonEmptyList(n, n.securityGroupIds) ? accepted(n, 'SecurityGroupIds', n.securityGroupIds)
        : compliantIf(false, () => securityGroupFinding(n, 'SecurityGroupIds', n.securityGroupIds)),
  });
}
