/**
 * The archive function's least-privilege policy. (ElastiCache's own access to the staging bucket is in
 * ./staging-bucket.ts; it never touches the archive bucket or its key.)
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { vpcNetworkInterfaceStatement } from '../private/vpc-function';

/** What the export function's policy is about. */
export interface ExportPolicyOptions {
  readonly replicationGroupId: string;
  readonly stagingBucket: s3.IBucket;
  readonly archiveBucket: s3.IBucket;
  readonly archiveKey: kms.IKey;
  readonly topic: sns.ITopic;
  readonly logGroup: logs.ILogGroup;
}

/** The complete, least-privilege policy of the export function. */
export function exportPolicyStatements(scope: Construct, options: ExportPolicyOptions): iam.PolicyStatement[] {
  const snapshotArn = (name: string) =>
    Stack.of(scope).formatArn({ service: 'elasticache', resource: 'snapshot', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  const topicKey: kms.IKey | undefined = options.topic.masterKey;
  return [
    // DescribeSnapshots filtered by replication group: its resource type is `snapshot`, and the snapshots it lists are
    // known only after the call, so it is allowed on the account's snapshots in this Region (metadata, no data).
    statement('ListTheSnapshots', ['elasticache:DescribeSnapshots'], [snapshotArn('*')]),
    // CopySnapshot: the group's automatic snapshots as source; the target name the function derives from them.
    statement('ExportTheAutomaticSnapshots', ['elasticache:CopySnapshot'], [
      snapshotArn(`automatic.${options.replicationGroupId}-*`),
      snapshotArn(`${options.replicationGroupId}-*`),
    ]),
    // CopySnapshot with TargetBucket checks the caller's access to the bucket: "To call the export operation, you must
    // have permissions to call elasticache:CopySnapshot and to access the target Amazon S3 bucket" (s3:PutObject,
    // s3:GetObject, s3:DeleteObject, s3:ListBucket, s3:GetBucketLocation in the guide's example; s3:GetBucketAcl is a
    // dependent action of elasticache:CopySnapshot in the Service Authorization Reference). The function also reads
    // each staged export to copy it, and deletes it once the archived copy is verified.
    statement('UseTheStagingBucket', ['s3:GetBucketLocation', 's3:GetBucketAcl', 's3:ListBucket'], [options.stagingBucket.bucketArn]),
    statement('ExportIntoAndCopyFromStaging', ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], [options.stagingBucket.arnForObjects('*')]),
    // The archive: list what is there, write copies (CopyObject, multipart UploadPartCopy), read them back to verify
    // (HeadObject; the lock mode and date only with s3:GetObjectRetention). No s3:DeleteObject: nothing is ever removed.
    statement('ListTheArchive', ['s3:ListBucket'], [options.archiveBucket.bucketArn]),
    statement('CopyIntoTheArchive', ['s3:PutObject', 's3:GetObject', 's3:GetObjectRetention', 's3:AbortMultipartUpload'], [options.archiveBucket.arnForObjects('*')]),
    new iam.PolicyStatement({
      sid: 'EncryptTheArchiveCopies',
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [options.archiveKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(scope).region}.amazonaws.com` } },
    }),
    // s3:ListAllMyBuckets is an account-level action: AWS defines no resource type for it, and scoped to a bucket it
    // fails the export ("Elasticache was unable to validate the authenticated user has access on the S3 bucket").
    statement('FindTheArchiveBucket', ['s3:ListAllMyBuckets'], ['*']),
    statement('ReportFailures', ['sns:Publish'], [options.topic.topicArn]),
    ...(topicKey === undefined ? [] : [new iam.PolicyStatement({
      sid: 'ReportFailuresToTheEncryptedTopic',
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [topicKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `sns.${Stack.of(scope).region}.amazonaws.com` } },
    })]),
    statement('WriteTheLogs', ['logs:CreateLogStream', 'logs:PutLogEvents'], [options.logGroup.logGroupArn]),
    // Lambda creates the function's network interfaces in the VPC with its role
    vpcNetworkInterfaceStatement(),
  ];
}

function statement(sid: string, actions: string[], resources: string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({ sid, actions, resources });
}
