import type { CfnResource } from 'aws-cdk-lib';
import type { CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf, describeProperty } from '../../utils/compliance';
import { isLiteralTrue } from '../../utils/resolve';
import { notPossibleOnCacheCluster } from '../finding-text';

/**
 * AtRestEncryptionEnabled is true. A CacheCluster cannot be encrypted at rest (CloudFormation has no such property
 * on it): non-compliant. Serverless caches are always encrypted at rest: not applicable (see the key rule).
 */
export function ElastiCacheAtRestEncryption(node: CfnResource): NagRuleCompliance {
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: (n: CfnReplicationGroup) => compliantIf(isLiteralTrue(n, n.atRestEncryptionEnabled),
      () => `${describeProperty(n, 'AtRestEncryptionEnabled', n.atRestEncryptionEnabled)}; true is required`),
    cacheCluster: notPossibleOnCacheCluster('an AWS::ElastiCache::CacheCluster has no `AtRestEncryptionEnabled`; a ReplicationGroup with `AtRestEncryptionEnabled` true is required'),
  });
}
