import type { CfnResource } from 'aws-cdk-lib';
import type { CfnCacheCluster, CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { isPresent } from '../../utils/resolve';

/** NotificationTopicArn is set, so cluster events reach an SNS topic (serverless caches have none: not applicable). */
export function ElastiCacheNotificationTopic(node: CfnResource): NagRuleCompliance {
  const check = (n: CfnReplicationGroup | CfnCacheCluster) => compliantIf(isPresent(n, n.notificationTopicArn));
  return checkCache(node, { engines: EngineScope.ANY, replicationGroup: check, cacheCluster: check });
}
