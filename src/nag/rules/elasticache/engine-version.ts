import type { CfnResource } from 'aws-cdk-lib';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope, type CacheContext } from '../../utils/cache';
import { compliantIf, describeProperty } from '../../utils/compliance';
import { EngineFamily, versionAtLeast } from '../../utils/engine';

/** Oldest eligible Redis OSS version: encryption, RBAC, engine-log and auto minor upgrades all exist from 6.2. */
export const MINIMUM_REDIS_VERSION = { major: 6, minor: 2 } as const;
/** Oldest Valkey version ElastiCache offers. */
export const MINIMUM_VALKEY_VERSION = { major: 7, minor: 2 } as const;

function isEligible(context: CacheContext): boolean {
  // absent = "latest at create time": the template proves nothing and environments drift apart (fail closed)
  if (context.version.kind !== 'parsed') {
    return false;
  }
  switch (context.engine) {
    case EngineFamily.REDIS:
      return versionAtLeast(context.version.version, MINIMUM_REDIS_VERSION.major, MINIMUM_REDIS_VERSION.minor);
    case EngineFamily.VALKEY:
      return versionAtLeast(context.version.version, MINIMUM_VALKEY_VERSION.major, MINIMUM_VALKEY_VERSION.minor);
    default:
      return false; // unresolved engine: the version cannot be judged
  }
}

/** The engine version is pinned and supported: Redis OSS >= 6.2 or Valkey >= 7.2. */
export function ElastiCacheEngineVersion(node: CfnResource): NagRuleCompliance {
  const check = (n: CfnResource, context: CacheContext) => compliantIf(isEligible(context), () => {
    const property = n.cfnResourceType === 'AWS::ElastiCache::ServerlessCache' ? 'MajorEngineVersion' : 'EngineVersion';
    const value = (n as unknown as Record<string, unknown>)[property.charAt(0).toLowerCase() + property.slice(1)];
    return `${describeProperty(n, property, value)} for engine ${context.engine}; Redis OSS ${MINIMUM_REDIS_VERSION.major}.` +
      `${MINIMUM_REDIS_VERSION.minor} or later, or Valkey ${MINIMUM_VALKEY_VERSION.major}.${MINIMUM_VALKEY_VERSION.minor} or later, pinned, is required`;
  });
  return checkCache(node, { engines: EngineScope.REDIS_COMPATIBLE, replicationGroup: check, cacheCluster: check, serverlessCache: check });
}
