import type { CfnResource } from 'aws-cdk-lib';
import type { CfnCacheCluster, CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope } from '../../utils/cache';
import { compliantIf, noteFindingDetail } from '../../utils/compliance';
import { KeyOwnership, keyOwnership } from '../../utils/kms';
import { referencedResource } from '../../utils/references';
import { isPresent } from '../../utils/resolve';
import { describeProperty } from '../finding-text';

/**
 * NotificationTopicArn is set, and to a topic ElastiCache can publish to: not a topic of the app that is
 * KMS-encrypted. "The Amazon SNS topic you are publishing to cannot be encrypted" (ElastiCache User Guide): an
 * encrypted topic shows as inactive and receives nothing. A topic outside the app (literal ARN, import, parameter)
 * counts as set. Serverless caches have none: not applicable.
 */
export function ElastiCacheNotificationTopic(node: CfnResource): NagRuleCompliance {
  const check = (n: CfnReplicationGroup | CfnCacheCluster) => {
    if (!isPresent(n, n.notificationTopicArn)) {
      noteFindingDetail(() => `${describeProperty(n, 'NotificationTopicArn', n.notificationTopicArn)}; an SNS topic is required`);
      return NagRuleCompliance.NON_COMPLIANT;
    }
    const topic = referencedResource(n, n.notificationTopicArn);
    return compliantIf(!(topic instanceof CfnTopic) || keyOwnership(topic, topic.kmsMasterKeyId) === KeyOwnership.ABSENT,
      () => `\`NotificationTopicArn\` is topic ${topic?.node.path}, whose \`KmsMasterKeyId\` is set: ElastiCache cannot publish to an ` +
        'encrypted topic; an unencrypted topic is required');
  };
  return checkCache(node, { engines: EngineScope.ANY, replicationGroup: check, cacheCluster: check });
}
