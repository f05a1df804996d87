import type { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope, type CacheContext } from '../../utils/cache';
import { EngineFamily } from '../../utils/engine';

function flagMemcached(_: CfnResource, context: CacheContext): NagRuleCompliance {
  // an unresolved engine could be memcached (fail closed); Redis OSS and Valkey are what this rule does not look at
  return context.engine === EngineFamily.MEMCACHED || context.engine === EngineFamily.UNRESOLVED
    ? NagRuleCompliance.NON_COMPLIANT
    : NagRuleCompliance.NOT_APPLICABLE;
}

/** A Memcached cache (node-based or serverless) cannot meet the encryption-at-rest and backup controls. */
export function ElastiCacheMemcached(node: CfnResource): NagRuleCompliance {
  // a ReplicationGroup is always Redis OSS or Valkey
  return checkCache(node, { engines: EngineScope.ANY, cacheCluster: flagMemcached, serverlessCache: flagMemcached });
}
