import type { CfnResource } from 'aws-cdk-lib';
import { CfnCacheCluster, CfnReplicationGroup, CfnServerlessCache } from 'aws-cdk-lib/aws-elasticache';
import { NagRuleCompliance } from 'cdk-nag';
import { EngineFamily, engineFamily, engineVersionInfo, isRedisCompatible, type EngineVersionInfo } from './engine';

/** Which engines a cache rule looks at. */
export enum EngineScope {
  /** Every ElastiCache engine (network placement, notifications...). */
  ANY = 'any',
  /** Redis OSS, Valkey, and unresolved engines (fail closed). Memcached is covered by its own rule. */
  REDIS_COMPATIBLE = 'redis-compatible',
}

/** Engine facts a cache rule may need. */
export interface CacheContext {
  /** The engine family. */
  readonly engine: EngineFamily;
  /** EngineVersion (node-based) or MajorEngineVersion (serverless). */
  readonly version: EngineVersionInfo;
}

/**
 * One check per ElastiCache resource type. A missing check means the control does not apply to that type
 * (the rule returns NOT_APPLICABLE); the reason is documented in the catalog entry.
 */
export interface CacheChecks {
  /** Engines the rule applies to. */
  readonly engines: EngineScope;
  /** AWS::ElastiCache::ReplicationGroup. */
  readonly replicationGroup?: (node: CfnReplicationGroup, context: CacheContext) => NagRuleCompliance;
  /**
   * AWS::ElastiCache::CacheCluster. CloudFormation's CacheCluster has no ReplicationGroupId property (the L1 has
   * none), so a CacheCluster in a template is always a standalone cluster: the members of a replication group are
   * created by the ReplicationGroup resource and inherit its settings, which the group's checks cover.
   */
  readonly cacheCluster?: (node: CfnCacheCluster, context: CacheContext) => NagRuleCompliance;
  /** AWS::ElastiCache::ServerlessCache. */
  readonly serverlessCache?: (node: CfnServerlessCache, context: CacheContext) => NagRuleCompliance;
}

/** Dispatches an ElastiCache rule to the check for the resource type; NOT_APPLICABLE for everything else. */
export function checkCache(node: CfnResource, checks: CacheChecks): NagRuleCompliance {
  if (node instanceof CfnReplicationGroup) {
    const context = { engine: engineFamily(node, node.engine, EngineFamily.REDIS), version: engineVersionInfo(node, node.engineVersion) };
    return inScope(checks, context) && checks.replicationGroup ? checks.replicationGroup(node, context) : NagRuleCompliance.NOT_APPLICABLE;
  }
  if (node instanceof CfnCacheCluster) {
    const context = { engine: engineFamily(node, node.engine), version: engineVersionInfo(node, node.engineVersion) };
    return inScope(checks, context) && checks.cacheCluster ? checks.cacheCluster(node, context) : NagRuleCompliance.NOT_APPLICABLE;
  }
  if (node instanceof CfnServerlessCache) {
    const context = { engine: engineFamily(node, node.engine), version: engineVersionInfo(node, node.majorEngineVersion) };
    return inScope(checks, context) && checks.serverlessCache ? checks.serverlessCache(node, context) : NagRuleCompliance.NOT_APPLICABLE;
  }
  return NagRuleCompliance.NOT_APPLICABLE;
}

function inScope(checks: CacheChecks, context: CacheContext): boolean {
  if (context.engine === EngineFamily.OTHER) {
    return false;
  }
  return checks.engines === EngineScope.ANY || isRedisCompatible(context.engine);
}

/** The check of a standalone CacheCluster for a setting only a replication group has: always NON_COMPLIANT. */
export const NOT_POSSIBLE_ON_CACHE_CLUSTER = (): NagRuleCompliance => NagRuleCompliance.NON_COMPLIANT;
