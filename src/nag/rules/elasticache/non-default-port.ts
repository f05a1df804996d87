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

/** What the finding found, e.g. "`Port` is 6379, the engine default that scanners try first". */
function portFinding(node: CfnReplicationGroup | CfnCacheCluster, context: CacheContext): string {
  const defaults = defaultPorts(context.engine).join(' or ');
  if (resolvePrimitive(node, node.port).kind === 'absent') {
    return `\`Port\` is not set, so the cache listens on the engine default ${defaults}`;
  }
  const port = literalNumber(node, node.port);
  return port === undefined
    ? '`Port` is known only at deploy time, so the template does not show a port other than the engine default'
    : `\`Port\` is ${port}, the engine default that scanners try first`;
}

/**
 * Port is set to something other than the engine default that scanners try first (6379 for Redis OSS and Valkey,
 * 11211 for Memcached); unset or deploy-time fails. The single place that reports 6379, also for
 * CompliantRedisReplicationGroup (which has no warning of its own): acknowledge `HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT`.
 */
export function ElastiCacheNonDefaultPort(node: CfnResource): NagRuleCompliance {
  const check = (n: CfnReplicationGroup | CfnCacheCluster, context: CacheContext) =>
    compliantIf(usesNonDefaultPort(n, context), () => portFinding(n, context));
  return checkCache(node, { engines: EngineScope.ANY, replicationGroup: check, cacheCluster: check });
}
