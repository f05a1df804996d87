import type { CfnResource } from 'aws-cdk-lib';
import type { CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope, NOT_POSSIBLE_ON_CACHE_CLUSTER } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { isLiteralTrue } from '../../utils/resolve';

/**
 * MultiAZEnabled is true. A standalone CacheCluster is a single node in a single AZ: non-compliant.
 * Serverless caches replicate across AZs by design: not applicable.
 */
export function ElastiCacheMultiAZ(node: CfnResource): NagRuleCompliance {
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: (n: CfnReplicationGroup) => compliantIf(isLiteralTrue(n, n.multiAzEnabled)),
    cacheCluster: NOT_POSSIBLE_ON_CACHE_CLUSTER,
  });
}
