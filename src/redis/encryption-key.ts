import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { denyGrantsExceptForAwsServices } from '../private/kms-grant-guard';

/**
 * The services that publish to the cache's KMS-encrypted SNS topic. Each needs `kms:GenerateDataKey*` and
 * `kms:Decrypt` on the topic's key; without them an alarm or event rule publishing to the topic fails
 * silently (which is also why the AWS-managed `alias/aws/sns` key cannot be used).
 *
 * ElastiCache is not one of them: it cannot publish to an encrypted topic at all ("The Amazon SNS topic you are
 * publishing to cannot be encrypted"); its events reach the topic through EventBridge.
 */
export const TOPIC_PUBLISHER_SERVICES = [
  'events.amazonaws.com', // EventBridge rules (change detection, ElastiCache service events)
  'cloudwatch.amazonaws.com', // CloudWatch alarms
];

/**
 * Creates the customer-managed key of a compliant cache: rotation on, retained unless destroyed, grants only for AWS
 * services (AWS Control Tower CT.KMS.PR.3; see ../private/kms-grant-guard.ts).
 */
export function createEncryptionKey(scope: Construct, description: string, removalPolicy: RemovalPolicy): kms.Key {
  const key = new kms.Key(scope, 'Key', {
    description,
    enableKeyRotation: true,
    // Deleting the key makes every snapshot encrypted with it unreadable: keep it with the snapshots.
    removalPolicy,
  });
  denyGrantsExceptForAwsServices(key);
  return key;
}

/**
 * Lets CloudWatch Logs encrypt the given log groups, and the topic publishers use the key through SNS.
 * No-op for an imported key (its policy is the owner's to manage).
 */
export function allowKeyUse(key: kms.IKey, logGroupArnPattern: string): void {
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogsForCacheLogs',
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'], // in a key policy, '*' means this key
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': logGroupArnPattern } },
    }),
  );
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowNotificationPublishersThroughSns',
      principals: TOPIC_PUBLISHER_SERVICES.map((s) => new iam.ServicePrincipal(s)),
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'], // in a key policy, '*' means this key
    }),
  );
}
