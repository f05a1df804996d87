import { type CfnElement, Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import {
  accessLogsNeedSseS3,
  acknowledgePeerFindings,
  inEveryPack as sharedInEveryPack,
  type PeerAcknowledgement,
} from '../private/peer-acknowledgements';

/**
 * How cdk-nag prints the wildcard resources of the export function's policy in its IAM5 findings: CloudFormation
 * references as `<LogicalId.Attribute>`, pseudo parameters as `<AWS::Name>`.
 */
export interface ArchiveNagNames {
  /** The archive bucket's ARN, e.g. `<ArchiveBucket49F1AC64.Arn>`. */
  readonly bucketArn: string;
  /** The staging bucket's ARN. */
  readonly stagingBucketArn: string;
  /** The ARN of an ElastiCache snapshot in the stack's account and Region. */
  readonly snapshotArn: (name: string) => string;
  /** The replication group ID. */
  readonly replicationGroupId: string;
}

/**
 * A peer check (cdk-nag AwsSolutions, HIPAA.Security, NIST.800.53.R5, PCI.DSS.321) that is wrong for the snapshot
 * archive, with the reason an auditor reads in the validation report and in the evidence report.
 */
export interface ArchivePeerAcknowledgement extends Omit<PeerAcknowledgement, 'id'> {
  /** The rule ID, with the finding for rules that report several, e.g. 'AwsSolutions-IAM5[Resource::*]'. */
  readonly id: (names: ArchiveNagNames) => string;
}

const POLICY = 'Policy/Resource';
const BUCKET = 'Bucket/Resource';
const STAGING_BUCKET = 'Staging/Resource/Resource';
const ACCESS_LOG_BUCKET = 'AccessLogs/Resource';

const iam5 = (resource: (n: ArchiveNagNames) => string, reason: string): ArchivePeerAcknowledgement => ({
  id: (n) => `AwsSolutions-IAM5[Resource::${resource(n)}]`,
  path: POLICY,
  reason,
});

/** One acknowledgement per pack that reports `ruleName` (their IDs do not depend on resource names). */
function inEveryPack(ruleName: string, path: string, reason: string): ArchivePeerAcknowledgement[] {
  return sharedInEveryPack(ruleName, path, reason).map((ack) => ({ ...ack, id: () => ack.id }));
}

/** Whose server access logs the archive's access-log bucket receives. */
export const ACCESS_LOGS_OF = 'the archive and staging buckets\'';
/** Where the data those logs are about is protected, and how. */
export const ACCESS_LOGGED_DATA_PROTECTION = 'the archived snapshots themselves are encrypted with the customer-managed KMS key (HITRUST 1616.09l1)';

const ACCESS_LOGS_NEED_SSE_S3 = accessLogsNeedSseS3(ACCESS_LOGS_OF, ACCESS_LOGGED_DATA_PROTECTION);

/** Why the staging bucket is SSE-S3 (cdk-nag S3DefaultEncryptionKMS, AWS Control Tower CT.S3.PR.10). */
export const STAGING_NEEDS_SSE_S3 =
  'ElastiCache writes the export into this bucket and cannot use a customer managed key there: "Customer managed keys ' +
  'cannot be used when exporting backups to your selected Amazon S3 bucket. However, all backups exported to Amazon S3 ' +
  'are encrypted using Server side encryption." (ElastiCache user guide, at-rest encryption), and a new group can be ' +
  'seeded only from SSE-S3: "You can encrypt a Valkey or Redis OSS .rdb file with Amazon S3 server-side encryption ' +
  '(SSE-S3) only." So the staging bucket is SSE-S3 (AES-256), holds an export only until the daily run has copied it ' +
  'into the archive with the customer-managed key and verified the copy (then it is deleted), and lifecycle expires ' +
  'every object after 7 days whatever happens (its data version one day later). The record kept for HITRUST 1616.09l1 is the archive, which is SSE-KMS.';

const STAGING_IS_TRANSIENT =
  'The staging bucket is a transit point, not a record: every export is copied into the locked archive bucket and ' +
  'deleted within a day, and lifecycle deletes anything left after 7 days. Replicating it would copy data that is about ' +
  'to be deleted. The archive it feeds is acknowledged for the same rule with its own reason.';

const SINGLE_REGION_ARCHIVE =
  'Cross-Region replication needs a destination bucket, with its own Object Lock configuration and KMS key, in ' +
  'another Region, which this single-Region construct cannot create: ElastiCache exports a backup only to a bucket in ' +
  'the backup\'s own Region (ElastiCache user guide, "Exporting a backup"). In the Region, S3 stores every object ' +
  'redundantly across at least three Availability Zones, S3 Object Lock in compliance mode keeps every archived ' +
  'version from being deleted or overwritten until the retention ends, and ElastiCache keeps its own automatic ' +
  'snapshots for up to 35 days (guide Step 5, HITRUST 1616.09l1). Where the contingency plan requires a copy in a ' +
  'second Region, add an S3 Replication rule to an Object Lock bucket in that Region, owned by a stack there.';

/**
 * The acknowledged peer findings of a `SnapshotArchive`. Never add one to make a finding that is right go away:
 * every other finding of the four packs is fixed in the construct.
 */
export const ARCHIVE_PEER_ACKNOWLEDGEMENTS: readonly ArchivePeerAcknowledgement[] = [
  iam5(() => '*',
    's3:ListAllMyBuckets is an account-level action with no resource type: "Its Resource element must be "*" or ' +
      '"arn:aws:s3:::*". Scoping this action to a specific bucket ARN makes it ineffective and causes the error: ' +
      '"Elasticache was unable to validate the authenticated user has access on the S3 bucket."" (ElastiCache user ' +
      'guide, "Exporting a backup", required IAM permissions for the caller; the API permissions reference lists ' +
      'CopySnapshot as requiring elasticache:CopySnapshot, s3:GetBucketLocation and s3:ListAllMyBuckets). It lists ' +
      'bucket names only. The only other `*` is for the VPC network-interface actions that Lambda performs with the ' +
      'function\'s role (ec2:CreateNetworkInterface, DescribeNetworkInterfaces, DescribeSubnets, DeleteNetworkInterface, ' +
      'AssignPrivateIpAddresses, UnassignPrivateIpAddresses): the interfaces do not exist before Lambda creates them, and ' +
      'ec2:DescribeNetworkInterfaces works only when allowed on all resources (Lambda developer guide, VPC access); they ' +
      'are the statement of the AWS managed policy AWSLambdaVPCAccessExecutionRole (v3) without its logs actions.'),
  iam5((n) => `${n.bucketArn}/*`,
    'The objects of the archive bucket and no other, for s3:PutObject, s3:GetObject, s3:GetObjectRetention and ' +
      's3:AbortMultipartUpload only: the function copies each staged export in under the name ElastiCache gave it ' +
      '(`<name>-0001.rdb`, one per shard, a new name every day) and reads the copy back to verify its size, checksum, ' +
      'key and lock. It cannot delete anything there, and S3 Object Lock in compliance mode keeps every version.'),
  iam5((n) => `${n.stagingBucketArn}/*`,
    'The objects of the staging bucket and no other: CopySnapshot with TargetBucket checks that the caller may use ' +
      'the bucket ("To call the export operation, you must have permissions to call elasticache:CopySnapshot and to ' +
      'access the target Amazon S3 bucket", ElastiCache user guide, "Exporting a backup": s3:PutObject, s3:GetObject, ' +
      's3:DeleteObject), and the function reads each export to copy it into the archive and deletes it once the copy ' +
      'is verified. The object names are chosen by ElastiCache, a new one every day.'),
  iam5((n) => n.snapshotArn('*'),
    'elasticache:DescribeSnapshots only: the function lists the automatic snapshots of its replication group ' +
      '(filtered by ReplicationGroupId), whose names are known only after the call. The action returns metadata ' +
      '(names, status, creation times), never data, and is limited to this account and Region.'),
  iam5((n) => n.snapshotArn(`automatic.${n.replicationGroupId}-*`),
    'elasticache:CopySnapshot on the automatic snapshots of this replication group only: ElastiCache names them ' +
      '`automatic.<replication-group-id>-<yyyy-mm-dd-hh-mm>`, a new name every day.'),
  iam5((n) => n.snapshotArn(`${n.replicationGroupId}-*`),
    'elasticache:CopySnapshot to the export names of this replication group only: the function names each export ' +
      'after its source snapshot, `<replication-group-id>-<yyyy-mm-dd-hh-mm>`, a new name every day.'),
  ...inEveryPack('S3DefaultEncryptionKMS', ACCESS_LOG_BUCKET, ACCESS_LOGS_NEED_SSE_S3),
  ...inEveryPack('S3BucketReplicationEnabled', BUCKET, SINGLE_REGION_ARCHIVE),
  ...inEveryPack('S3BucketReplicationEnabled', ACCESS_LOG_BUCKET, SINGLE_REGION_ARCHIVE),
  ...inEveryPack('S3DefaultEncryptionKMS', STAGING_BUCKET, STAGING_NEEDS_SSE_S3),
  ...inEveryPack('S3BucketReplicationEnabled', STAGING_BUCKET, STAGING_IS_TRANSIENT),
];

/** The names of the archive's resources as cdk-nag prints them. */
export function archiveNagNames(archive: IConstruct, replicationGroupId: string): ArchiveNagNames {
  const stack = Stack.of(archive);
  const bucket = archive.node.findChild('Bucket').node.defaultChild as CfnElement;
  const staging = archive.node.findChild('Staging').node.findChild('Resource').node.defaultChild as CfnElement;
  const literalOr = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
  return {
    bucketArn: `<${stack.resolve(bucket.logicalId)}.Arn>`,
    stagingBucketArn: `<${stack.resolve(staging.logicalId)}.Arn>`,
    snapshotArn: (name) => `arn:<AWS::Partition>:elasticache:${literalOr(stack.region, 'Region')}:${literalOr(stack.account, 'AccountId')}:snapshot:${name}`,
    replicationGroupId,
  };
}

/** Records the acknowledgements on the archive's children. */
export function acknowledgeArchivePeerFindings(archive: IConstruct, names: ArchiveNagNames): void {
  acknowledgePeerFindings(archive, ARCHIVE_PEER_ACKNOWLEDGEMENTS.map((ack) => ({ ...ack, id: ack.id(names) })));
}
