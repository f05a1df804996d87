import type { CfnResource } from 'aws-cdk-lib';
import type { CfnReplicationGroup, CfnServerlessCache } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope, NOT_POSSIBLE_ON_CACHE_CLUSTER } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { keyOwnership, KeyOwnership } from '../../utils/kms';

function customerManaged(node: CfnReplicationGroup | CfnServerlessCache): boolean {
  return keyOwnership(node, node.kmsKeyId) === KeyOwnership.CUSTOMER;
}

/**
 * Data at rest is encrypted with a customer managed KMS key: KmsKeyId set, not an AWS managed alias such as
 * `alias/aws/elasticache`, and provably a customer key (a deploy-time value fails closed).
 */
export function ElastiCacheCustomerManagedKey(node: CfnResource): NagRuleCompliance {
  const check = (n: CfnReplicationGroup | CfnServerlessCache) => compliantIf(customerManaged(n));
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: check,
    cacheCluster: NOT_POSSIBLE_ON_CACHE_CLUSTER,
    serverlessCache: check,
  });
}
