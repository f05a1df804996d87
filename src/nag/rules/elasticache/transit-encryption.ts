import type { CfnResource } from 'aws-cdk-lib';
import type { CfnCacheCluster, CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf, describeProperty } from '../../utils/compliance';
import { isLiteralTrue, literalString, resolvePrimitive } from '../../utils/resolve';

function requiresTls(node: CfnReplicationGroup): boolean {
  if (!isLiteralTrue(node, node.transitEncryptionEnabled)) {
    return false;
  }
  // absent mode with encryption on = `required` (the only behaviour before the mode existed, and the create default);
  // `preferred` still accepts plaintext connections
  const mode = resolvePrimitive(node, node.transitEncryptionMode);
  return mode.kind === 'absent' || literalString(node, node.transitEncryptionMode)?.trim().toLowerCase() === 'required';
}

/**
 * TransitEncryptionEnabled is true and TransitEncryptionMode is `required` (or absent, which means required).
 * A CacheCluster has no mode: TransitEncryptionEnabled true suffices. Serverless caches always require TLS: not applicable.
 */
export function ElastiCacheTransitEncryption(node: CfnResource): NagRuleCompliance {
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: (n: CfnReplicationGroup) => compliantIf(requiresTls(n), () =>
      `${describeProperty(n, 'TransitEncryptionEnabled', n.transitEncryptionEnabled)} and ` +
        `${describeProperty(n, 'TransitEncryptionMode', n.transitEncryptionMode)}; true and 'required' are required`),
    cacheCluster: (n: CfnCacheCluster) => compliantIf(isLiteralTrue(n, n.transitEncryptionEnabled), () =>
      `${describeProperty(n, 'TransitEncryptionEnabled', n.transitEncryptionEnabled)}; true is required`),
  });
}
