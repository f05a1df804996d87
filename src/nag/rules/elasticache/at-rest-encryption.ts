import type { CfnResource } from 'aws-cdk-lib';
import type { CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope, NOT_POSSIBLE_ON_CACHE_CLUSTER } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { isLiteralTrue } from '../../utils/resolve';

/**
 * AtRestEncryptionEnabled is true. A CacheCluster cannot be encrypted at rest (CloudFormation has no such property
 * on it): non-compliant. Serverless caches are always encrypted at rest: not applicable (see the key rule).
 */
export function ElastiCacheAtRestEncryption(node: CfnResource): NagRuleCompliance {
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: (n: CfnReplicationGroup) => compliantIf(isLiteralTrue(n, n.atRestEncryptionEnabled)),
    cacheCluster: NOT_POSSIBLE_ON_CACHE_CLUSTER,
  });
}
