import type { CfnResource } from 'aws-cdk-lib';
import type { CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf, describeProperty } from '../../utils/compliance';
import { isLiteralTrue } from '../../utils/resolve';
import { notPossibleOnCacheCluster } from '../finding-text';

/**
 * MultiAZEnabled is true. A standalone CacheCluster is a single node in a single AZ: non-compliant.
 * Serverless caches replicate across AZs by design: not applicable.
 */
export function ElastiCacheMultiAZ(node: CfnResource): NagRuleCompliance {
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: (n: CfnReplicationGroup) => compliantIf(isLiteralTrue(n, n.multiAzEnabled),
      () => `${describeProperty(n, 'MultiAZEnabled', n.multiAzEnabled)}; true is required`),
    cacheCluster: notPossibleOnCacheCluster('an AWS::ElastiCache::CacheCluster is a single node in one AZ and has no `MultiAZEnabled`; ' +
      'a ReplicationGroup with `MultiAZEnabled` true is required'),
  });
}
