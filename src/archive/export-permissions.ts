/**
 * Who may do what for the snapshot export: the export function's least-privilege policy, the bucket policy
 * statement for the ElastiCache service, and the key policy statement that lets that service encrypt.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/**
 * What ElastiCache needs on the target bucket to export a backup: the bucket policy AWS documents for every Region
 * (ElastiCache user guide, "Exporting a backup" > "Grant ElastiCache access to your Amazon S3 bucket"; Amazon S3 user
 * guide, "Prerequisites for disabling ACLs" > "Grant Amazon ElastiCache (Redis OSS) access to your S3 bucket", which
 * replaces the older ACL grant to ElastiCache's canonical user so that the bucket can keep ACLs disabled).
 */
export const ELASTICACHE_EXPORT_BUCKET_ACTIONS = [
  's3:PutObject',
  's3:GetObject',
  's3:ListBucket',
  's3:GetBucketAcl',
  's3:ListMultipartUploadParts',
  's3:ListBucketMultipartUploads',
];

/** The Region's ElastiCache snapshot service principal, `<region>.elasticache-snapshot.amazonaws.com`. */
export function elastiCacheSnapshotPrincipal(scope: Construct): iam.ServicePrincipal {
  return new iam.ServicePrincipal(`${Stack.of(scope).region}.elasticache-snapshot.amazonaws.com`);
}

/** The bucket policy statement that lets ElastiCache write an export into `bucket` (exactly the documented one). */
export function elastiCacheExportBucketStatement(scope: Construct, bucket: s3.IBucket): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'ElastiCacheSnapshotExport',
    principals: [elastiCacheSnapshotPrincipal(scope)],
    actions: ELASTICACHE_EXPORT_BUCKET_ACTIONS,
    resources: [bucket.bucketArn, bucket.arnForObjects('*')],
  });
}

/**
 * The key policy statement that lets ElastiCache's snapshot principal have S3 encrypt the export with the bucket's
 * key (SSE-KMS), through S3 only. The ElastiCache guide shows no key statement; the principal writing into an SSE-KMS
 * bucket needs one (as CloudTrail and CloudWatch Logs do). VERIFY with a first real export.
 */
export function elastiCacheExportKeyStatement(scope: Construct): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AllowElastiCacheSnapshotExportThroughS3',
    principals: [elastiCacheSnapshotPrincipal(scope)],
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    resources: ['*'], // in a key policy, '*' means this key
    conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(scope).region}.amazonaws.com` } },
  });
}

/** What the export function's policy is about. */
export interface ExportPolicyOptions {
  readonly replicationGroupId: string;
  readonly bucket: s3.IBucket;
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
    // CopySnapshot with TargetBucket checks the caller's access to the bucket: s3:GetBucketLocation (ElastiCache API
    // permissions reference) and the dependent actions of elasticache:CopySnapshot (Service Authorization Reference:
    // s3:GetBucketAcl, s3:PutObject, s3:DeleteObject). s3:ListBucket lets the function see what is already archived.
    // Object Lock in compliance mode keeps s3:DeleteObject from removing any archived version.
    statement('UseTheArchiveBucket', ['s3:GetBucketLocation', 's3:GetBucketAcl', 's3:ListBucket'], [options.bucket.bucketArn]),
    statement('WriteTheArchiveObjects', ['s3:PutObject', 's3:DeleteObject'], [options.bucket.arnForObjects('*')]),
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
  ];
}

function statement(sid: string, actions: string[], resources: string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({ sid, actions, resources });
}
