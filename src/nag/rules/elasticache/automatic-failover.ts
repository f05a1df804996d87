import type { CfnResource } from 'aws-cdk-lib';
import type { CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf, describeProperty } from '../../utils/compliance';
import { isLiteralTrue } from '../../utils/resolve';
import { notPossibleOnCacheCluster } from '../finding-text';

/**
 * AutomaticFailoverEnabled is true. A standalone CacheCluster cannot fail over: non-compliant.
 * Serverless caches fail over by design: not applicable.
 */
export function ElastiCacheAutomaticFailover(node: CfnResource): NagRuleCompliance {
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: (n: CfnReplicationGroup) => compliantIf(isLiteralTrue(n, n.automaticFailoverEnabled),
      () => `${describeProperty(n, 'AutomaticFailoverEnabled', n.automaticFailoverEnabled)}; true is required`),
    cacheCluster: notPossibleOnCacheCluster('an AWS::ElastiCache::CacheCluster has no replica to fail over to and no `AutomaticFailoverEnabled`; ' +
      'a ReplicationGroup with `AutomaticFailoverEnabled` true is required'),
  });
}
