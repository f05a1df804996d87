import type { CfnResource } from 'aws-cdk-lib';
import type { CfnCacheCluster, CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { resolveList, structField } from '../../utils/resolve';

/** The log types HITRUST logging needs: slow commands and engine events. */
export const REQUIRED_LOG_TYPES: readonly string[] = ['slow-log', 'engine-log'];

function deliversRequiredLogs(node: CfnReplicationGroup | CfnCacheCluster): boolean {
  const configurations = resolveList(node, node.logDeliveryConfigurations);
  if (configurations.kind !== 'list') {
    return false; // absent, or a deploy-time list (fail closed)
  }
  const types = configurations.items
    .map((configuration) => structField(configuration, 'logType'))
    .filter((type): type is string => typeof type === 'string')
    .map((type) => type.trim().toLowerCase());
  return REQUIRED_LOG_TYPES.every((required) => types.includes(required));
}

/**
 * LogDeliveryConfigurations deliver both `slow-log` and `engine-log` (serverless caches have no log delivery:
 * not applicable).
 */
export function ElastiCacheLogDelivery(node: CfnResource): NagRuleCompliance {
  const check = (n: CfnReplicationGroup | CfnCacheCluster) => compliantIf(deliversRequiredLogs(n));
  return checkCache(node, { engines: EngineScope.REDIS_COMPATIBLE, replicationGroup: check, cacheCluster: check });
}
