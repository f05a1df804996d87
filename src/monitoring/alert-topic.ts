import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/** CloudWatch publishes alarm notifications as this service principal. */
export const CLOUDWATCH_SERVICE_PRINCIPAL = 'cloudwatch.amazonaws.com';

/** Props of {@link createAlertTopic}. */
export interface AlertTopicProps {
  /** The customer-managed key that encrypts the topic (its policy must let the publishers use it). */
  readonly encryptionKey: kms.IKey;
  /** The topic's display name. */
  readonly displayName: string;
}

/**
 * The encrypted, TLS-only topic that receives every alert of a cache: alarms (CloudWatch), change detection and
 * ElastiCache's service events (EventBridge), and the functions' failures (their roles).
 *
 * `enforceSSL` makes CDK write an AWS::SNS::TopicPolicy, and a topic policy replaces SNS's default access policy:
 * from then on only the principals it names may publish. EventBridge targets add their own statement; CloudWatch
 * alarm actions do not, so the topic allows CloudWatch alarms of this account here ({@link allowAlarmsToPublish}).
 */
export function createAlertTopic(scope: Construct, id: string, props: AlertTopicProps): sns.Topic {
  const topic = new sns.Topic(scope, id, {
    displayName: props.displayName,
    masterKey: props.encryptionKey,
    enforceSSL: true,
  });
  allowAlarmsToPublish(topic);
  return topic;
}

/**
 * Lets CloudWatch alarms of this account and Region publish to the topic: `sns:Publish` for
 * `cloudwatch.amazonaws.com`, limited with `aws:SourceAccount` and `aws:SourceArn` (the alarm's ARN) so that no
 * other account's alarm can use the permission (the confused-deputy guard AWS recommends). No-op for an imported
 * topic, whose policy is its owner's to manage.
 */
export function allowAlarmsToPublish(topic: sns.ITopic): void {
  const stack = Stack.of(topic);
  topic.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarmsOfThisAccount',
    principals: [new iam.ServicePrincipal(CLOUDWATCH_SERVICE_PRINCIPAL)],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions: {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
    },
  }));
}
