import type { CfnResource } from 'aws-cdk-lib';
import type { CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope, NOT_POSSIBLE_ON_CACHE_CLUSTER } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { isLiteralTrue } from '../../utils/resolve';

/**
 * AutomaticFailoverEnabled is true. A standalone CacheCluster cannot fail over: non-compliant.
 * Serverless caches fail over by design: not applicable.
 */
export function ElastiCacheAutomaticFailover(node: CfnResource): NagRuleCompliance {
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: (n: CfnReplicationGroup) => compliantIf(isLiteralTrue(n, n.automaticFailoverEnabled)),
    cacheCluster: NOT_POSSIBLE_ON_CACHE_CLUSTER,
  });
}
