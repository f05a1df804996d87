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
const FUNCTION = 'Function/Resource';
const BUCKET = 'Bucket/Resource';
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

const FUNCTION_CALLS_ONLY_AWS_APIS =
  'The export function calls only AWS service APIs: elasticache:DescribeSnapshots and elasticache:CopySnapshot, ' +
  's3:ListObjectsV2 on the archive bucket and sns:Publish, over TLS and signed with its role. It never connects to ' +
  'the cache and never handles snapshot data: CopySnapshot with TargetBucket makes ElastiCache write the backup to S3 ' +
  'itself (ElastiCache user guide, "Exporting a backup"), so no cardholder or health data passes through the ' +
  'function or any network it runs in. Inside a VPC it would reach the same public endpoints only through a NAT ' +
  'gateway or interface endpoints for elasticache, s3 and sns; without them the function that reports failed ' +
  'exports could not report anything. Its role allows nothing beyond the archive (least-privilege customer-managed ' +
  'policy), it has one reserved concurrent execution and no function URL or resource policy other than the ' +
  'EventBridge schedule\'s invoke permission.';

const ACCESS_LOGS_NEED_SSE_S3 = accessLogsNeedSseS3(
  'the archive bucket\'s',
  'the archived snapshots themselves are encrypted with the customer-managed KMS key (HITRUST 1616.09l1)',
);

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
      'bucket names only. This is the policy\'s only `*` resource.'),
  iam5((n) => `${n.bucketArn}/*`,
    'The objects of the archive bucket and no other: CopySnapshot with TargetBucket checks that the caller may write ' +
      'the bucket (the Service Authorization Reference lists s3:PutObject and s3:DeleteObject as dependent actions of ' +
      'elasticache:CopySnapshot), and the object names are chosen by ElastiCache (`<name>-0001.rdb`, one per shard). ' +
      'S3 Object Lock in compliance mode keeps s3:DeleteObject from removing any archived version.'),
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
  ...inEveryPack('LambdaInsideVPC', FUNCTION, FUNCTION_CALLS_ONLY_AWS_APIS),
  ...inEveryPack('S3DefaultEncryptionKMS', ACCESS_LOG_BUCKET, ACCESS_LOGS_NEED_SSE_S3),
  ...inEveryPack('S3BucketReplicationEnabled', BUCKET, SINGLE_REGION_ARCHIVE),
  ...inEveryPack('S3BucketReplicationEnabled', ACCESS_LOG_BUCKET, SINGLE_REGION_ARCHIVE),
];

/** The names of the archive's resources as cdk-nag prints them. */
export function archiveNagNames(archive: IConstruct, replicationGroupId: string): ArchiveNagNames {
  const stack = Stack.of(archive);
  const bucket = archive.node.findChild('Bucket').node.defaultChild as CfnElement;
  const literalOr = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
  return {
    bucketArn: `<${stack.resolve(bucket.logicalId)}.Arn>`,
    snapshotArn: (name) => `arn:<AWS::Partition>:elasticache:${literalOr(stack.region, 'Region')}:${literalOr(stack.account, 'AccountId')}:snapshot:${name}`,
    replicationGroupId,
  };
}

/** Records the acknowledgements on the archive's children. */
export function acknowledgeArchivePeerFindings(archive: IConstruct, names: ArchiveNagNames): void {
  acknowledgePeerFindings(archive, ARCHIVE_PEER_ACKNOWLEDGEMENTS.map((ack) => ({ ...ack, id: ack.id(names) })));
}
