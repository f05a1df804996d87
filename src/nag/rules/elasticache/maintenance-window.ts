import type { CfnResource } from 'aws-cdk-lib';
import type { CfnCacheCluster, CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { isPresent } from '../../utils/resolve';
import { describeProperty } from '../finding-text';

/** PreferredMaintenanceWindow is set (serverless caches have no maintenance window: not applicable). */
export function ElastiCacheMaintenanceWindow(node: CfnResource): NagRuleCompliance {
  const check = (n: CfnReplicationGroup | CfnCacheCluster) => compliantIf(isPresent(n, n.preferredMaintenanceWindow),
    () => `${describeProperty(n, 'PreferredMaintenanceWindow', n.preferredMaintenanceWindow)}; a weekly window (ddd:hh24:mi-ddd:hh24:mi) is required`);
  return checkCache(node, { engines: EngineScope.ANY, replicationGroup: check, cacheCluster: check });
}
