import type { CfnResource } from 'aws-cdk-lib';
import { CfnCacheCluster, CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance } from 'cdk-nag';
import { compliantIf } from '../../utils/compliance';
import { keyOwnership, KeyOwnership } from '../../utils/kms';
import { resourcesPointingAt } from '../../utils/references';
import { describeKey } from '../finding-text';

type ElastiCacheNotifier = CfnReplicationGroup | CfnCacheCluster;

function isElastiCacheNotifier(r: CfnResource): r is ElastiCacheNotifier {
  return r instanceof CfnReplicationGroup || r instanceof CfnCacheCluster;
}

/**
 * The topic is encrypted with a customer managed KMS key: KmsMasterKeyId set and not `alias/aws/sns`
 * (CloudWatch alarms and EventBridge cannot publish to a topic under the AWS managed key: they fail silently).
 *
 * Not applicable to a topic that an ElastiCache cluster or replication group of the app names as its
 * NotificationTopicArn: "The Amazon SNS topic you are publishing to cannot be encrypted" (ElastiCache User
 * Guide). ElastiCacheNotificationTopic requires that topic to be unencrypted.
 */
export function SNSTopicCustomerManagedKey(node: CfnResource): NagRuleCompliance {
  if (!(node instanceof CfnTopic)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const notifiers = resourcesPointingAt('elasticache:notification-topics', node, isElastiCacheNotifier, (n) =>
    n.notificationTopicArn === undefined ? [] : [n.notificationTopicArn]);
  if (notifiers.length > 0) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return compliantIf(keyOwnership(node, node.kmsMasterKeyId) === KeyOwnership.CUSTOMER,
    () => `${describeKey(node, 'KmsMasterKeyId', node.kmsMasterKeyId, 'so the topic is not encrypted with a KMS key')}; a customer managed KMS key is required`);
}
