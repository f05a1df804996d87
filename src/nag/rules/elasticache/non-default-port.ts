import type { CfnResource } from 'aws-cdk-lib';
import type { CfnCacheCluster, CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope, type CacheContext } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { EngineFamily } from '../../utils/engine';
import { literalNumber, resolvePrimitive } from '../../utils/resolve';

/** The port Redis OSS and Valkey listen on when Port is not set. */
export const DEFAULT_REDIS_PORT = 6379;
/** The port Memcached listens on when Port is not set. */
export const DEFAULT_MEMCACHED_PORT = 11211;

function defaultPorts(engine: EngineFamily): number[] {
  switch (engine) {
    case EngineFamily.MEMCACHED: return [DEFAULT_MEMCACHED_PORT];
    case EngineFamily.UNRESOLVED: return [DEFAULT_REDIS_PORT, DEFAULT_MEMCACHED_PORT];
    default: return [DEFAULT_REDIS_PORT];
  }
}

function usesNonDefaultPort(node: CfnReplicationGroup | CfnCacheCluster, context: CacheContext): boolean {
  if (resolvePrimitive(node, node.port).kind === 'absent') {
    return false; // unset = the engine default
  }
  const port = literalNumber(node, node.port);
  return port !== undefined && !defaultPorts(context.engine).includes(port);
}

/** Port is set to something other than the engine default (6379 for Redis OSS and Valkey, 11211 for Memcached). */
export function ElastiCacheNonDefaultPort(node: CfnResource): NagRuleCompliance {
  const check = (n: CfnReplicationGroup | CfnCacheCluster, context: CacheContext) => compliantIf(usesNonDefaultPort(n, context));
  return checkCache(node, { engines: EngineScope.ANY, replicationGroup: check, cacheCluster: check });
}
