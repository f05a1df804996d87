import type { CfnResource } from 'aws-cdk-lib';
import type { CfnCacheCluster, CfnServerlessCache } from 'aws-cdk-lib/aws-elasticache';
import { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope, type CacheContext } from '../../utils/cache';
import { noteFindingDetail } from '../../utils/compliance';
import { EngineFamily } from '../../utils/engine';
import { describeProperty } from '../finding-text';

function flagMemcached(node: CfnCacheCluster | CfnServerlessCache, context: CacheContext): NagRuleCompliance {
  // an unresolved engine could be memcached (fail closed); Redis OSS and Valkey are what this rule does not look at
  if (context.engine === EngineFamily.MEMCACHED || context.engine === EngineFamily.UNRESOLVED) {
    noteFindingDetail(() => `${describeProperty(node, 'Engine', node.engine)}; 'valkey' or 'redis' is required`);
    return NagRuleCompliance.NON_COMPLIANT;
  }
  return NagRuleCompliance.NOT_APPLICABLE;
}

/** A Memcached cache (node-based or serverless) cannot meet the encryption-at-rest and backup controls. */
export function ElastiCacheMemcached(node: CfnResource): NagRuleCompliance {
  // a ReplicationGroup is always Redis OSS or Valkey
  return checkCache(node, { engines: EngineScope.ANY, cacheCluster: flagMemcached, serverlessCache: flagMemcached });
}
