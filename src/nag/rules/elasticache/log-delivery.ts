import type { CfnResource } from 'aws-cdk-lib';
import type { CfnCacheCluster, CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { resolveList, structField } from '../../utils/resolve';
import { describeList } from '../finding-text';

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

/** Which required log types are not delivered, e.g. "`LogDeliveryConfigurations` has `LogType` 'slow-log' only, not 'engine-log'". */
function logDeliveryFinding(node: CfnReplicationGroup | CfnCacheCluster): string {
  const required = `${REQUIRED_LOG_TYPES.map((type) => `'${type}'`).join(' and ')} are required`;
  const configurations = resolveList(node, node.logDeliveryConfigurations);
  if (configurations.kind !== 'list' || configurations.items.length === 0) {
    return `${describeList(node, 'LogDeliveryConfigurations', node.logDeliveryConfigurations)}; ${required}`;
  }
  const types = configurations.items
    .map((configuration) => structField(configuration, 'logType'))
    .filter((type): type is string => typeof type === 'string')
    .map((type) => type.trim().toLowerCase());
  const missing = REQUIRED_LOG_TYPES.filter((type) => !types.includes(type)).map((type) => `'${type}'`);
  const delivered = [...new Set(types)].map((type) => `'${type}'`);
  return `\`LogDeliveryConfigurations\` ${delivered.length === 0 ? 'has no literal `LogType`' : `has \`LogType\` ${delivered.join(', ')} only`}, ` +
    `not ${missing.join(' or ')}; ${required}`;
}

/**
 * LogDeliveryConfigurations deliver both `slow-log` and `engine-log` (serverless caches have no log delivery:
 * not applicable).
 */
export function ElastiCacheLogDelivery(node: CfnResource): NagRuleCompliance {
  const check = (n: CfnReplicationGroup | CfnCacheCluster) => compliantIf(deliversRequiredLogs(n), () => logDeliveryFinding(n));
  return checkCache(node, { engines: EngineScope.REDIS_COMPATIBLE, replicationGroup: check, cacheCluster: check });
}
