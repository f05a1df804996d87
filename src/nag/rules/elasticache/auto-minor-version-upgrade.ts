import type { CfnResource } from 'aws-cdk-lib';
import type { CfnCacheCluster, CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf, describeProperty } from '../../utils/compliance';
import { resolvePrimitive, isLiteralFalse } from '../../utils/resolve';

function upgradesMinorVersions(node: CfnReplicationGroup | CfnCacheCluster): boolean {
  const value = resolvePrimitive(node, node.autoMinorVersionUpgrade);
  // absent = the service default (true); a deploy-time value could be false (fail closed)
  return value.kind === 'absent' || (value.kind === 'literal' && !isLiteralFalse(node, node.autoMinorVersionUpgrade));
}

/** AutoMinorVersionUpgrade is not turned off (serverless caches always upgrade: not applicable). */
export function ElastiCacheAutoMinorVersionUpgrade(node: CfnResource): NagRuleCompliance {
  const check = (n: CfnReplicationGroup | CfnCacheCluster) => compliantIf(upgradesMinorVersions(n),
    () => `${describeProperty(n, 'AutoMinorVersionUpgrade', n.autoMinorVersionUpgrade)}; true (or not set) is required`);
  return checkCache(node, { engines: EngineScope.ANY, replicationGroup: check, cacheCluster: check });
}
