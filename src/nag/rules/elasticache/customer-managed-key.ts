import type { CfnResource } from 'aws-cdk-lib';
import type { CfnReplicationGroup, CfnServerlessCache } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { keyOwnership, KeyOwnership } from '../../utils/kms';
import { describeKey, notPossibleOnCacheCluster } from '../finding-text';

function customerManaged(node: CfnReplicationGroup | CfnServerlessCache): boolean {
  return keyOwnership(node, node.kmsKeyId) === KeyOwnership.CUSTOMER;
}

/**
 * Data at rest is encrypted with a customer managed KMS key: KmsKeyId set, not an AWS managed alias such as
 * `alias/aws/elasticache`, and provably a customer key (a deploy-time value fails closed).
 */
export function ElastiCacheCustomerManagedKey(node: CfnResource): NagRuleCompliance {
  const check = (n: CfnReplicationGroup | CfnServerlessCache) => compliantIf(customerManaged(n),
    () => `${describeKey(n, 'KmsKeyId', n.kmsKeyId, 'so an AWS owned key is used')}; a customer managed KMS key is required`);
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: check,
    cacheCluster: notPossibleOnCacheCluster('an AWS::ElastiCache::CacheCluster cannot be encrypted at rest and has no `KmsKeyId`; ' +
      'a ReplicationGroup with a customer managed `KmsKeyId` is required'),
    serverlessCache: check,
  });
}
