import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { checkArchiveApiReachability } from './api-reachability';
import * as defaults from './defaults';
import type { ExportRegionKind } from './export-access';
import { ENV } from './export-config';
import { ExportFunction } from './export-function';
import { exportPolicyStatements } from './export-permissions';
import { exportTimeOfDay } from './export-schedule';
import { ACCESS_LOGGED_DATA_PROTECTION, ACCESS_LOGS_OF, acknowledgeArchivePeerFindings, archiveNagNames } from './peer-acknowledgements';
import { restoreScript } from './restore-steps';
import { StagingBucket } from './staging-bucket';
import { validateArchiveProps } from './validate-archive-props';
import { stateAccessLogDestinationExceptions } from '../private/access-log-destination';
import { sendEventsToEventBridge } from '../private/bucket-events';
import { secureBucketProps } from '../private/secure-bucket';
import { defaultFunctionSubnets } from '../private/vpc-function';
import type { IRedisReplicationGroup } from '../redis/replication-group-base';

/** HTTPS, to reach the ElastiCache, S3 and SNS APIs. */
const HTTPS_PORT = 443;

/**
 * Props of {@link SnapshotArchive}.
 */
export interface SnapshotArchiveProps {
  /**
   * The replication group whose automatic snapshots are archived. It must take automatic snapshots
   * (`SnapshotRetentionLimit` > 0) and be in the stack's Region: ElastiCache exports only to a bucket in the
   * snapshot's Region.
   */
  readonly replicationGroup: IRedisReplicationGroup;

  /**
   * The VPC the archive's functions run in: the daily export function and, in the Regions enabled by default, the
   * staging bucket's ACL custom resource (AWS Control Tower CT.LAMBDA.PR.3 asks for every function to be in a VPC).
   *
   * They call only AWS APIs, over HTTPS: ElastiCache, S3 and SNS (the export function), S3 (the ACL function, which
   * also answers CloudFormation through a pre-signed S3 URL). The selected subnets need a route to them: a NAT gateway,
   * or VPC endpoints for `elasticache` and `sns` (interface) and `s3` (gateway or interface). This construct creates
   * neither; in isolated subnets of a VPC the app defines, a missing endpoint fails synth. No snapshot data passes
   * through the functions: ElastiCache writes the export to S3 itself, and S3 copies it from bucket to bucket.
   */
  readonly vpc: ec2.IVpc;

  /**
   * Where in the VPC the functions run.
   *
   * @default - the private subnets with egress, or the isolated ones when the VPC has none
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * Where the functions reach the AWS APIs (HTTPS, port 443): one peer for the security group's only egress rule.
   *
   * The functions need the `elasticache` and `sns` APIs and S3 (through a NAT gateway, or interface endpoints and an S3
   * gateway endpoint). One peer rarely covers all of them: to narrow the egress further, keep the default here and
   * add rules to `securityGroup` yourself (e.g. `Peer.prefixList(...)` for the S3 gateway endpoint and the interface
   * endpoints' security group), then remove the default rule with an escape hatch. The synth-time endpoint check does
   * not read this peer.
   *
   * @default - any IPv4 address on port 443: through a NAT gateway or endpoints
   */
  readonly apiPeer?: ec2.IPeer;

  /**
   * The customer-managed key that encrypts the archive bucket (SSE-KMS), the function's environment and its log group.
   *
   * Only the archive function uses it on the archive bucket, through S3 (its role's policy allows it; a key whose
   * policy does not delegate to IAM must allow the role too). ElastiCache never does: "Customer managed keys cannot be
   * used when exporting backups to your selected Amazon S3 bucket" (ElastiCache user guide, at-rest encryption), so
   * exports land SSE-S3 in the staging bucket and the function copies them into the archive with this key. Its key
   * policy must also let CloudWatch Logs (`logs.<region>.amazonaws.com`) use it for `logGroupName`;
   * `CompliantRedisReplicationGroup`'s key does so for every log group under `/aws/vendedlogs/elasticache/<id>/`.
   */
  readonly encryptionKey: kms.IKey;

  /**
   * The topic that receives a readable message for every failed export (and, as the function's dead-letter
   * target, every invocation that failed after its retries, timeouts included).
   *
   * When the topic is encrypted (`masterKey`), the function may use that key through SNS only.
   */
  readonly notificationTopic: sns.ITopic;

  /**
   * The group's daily snapshot window, `hh24:mi-hh24:mi` in UTC, e.g. `03:00-05:00`. The export runs every day
   * `exportDelay` after its end.
   */
  readonly snapshotWindow: string;

  /**
   * How long after the end of the snapshot window the export runs: time for the snapshot to become `available`.
   * A run that finds no snapshot of the last 24 hours reports the missing day.
   *
   * @default Duration.hours(1)
   */
  readonly exportDelay?: Duration;

  /**
   * Whether the group uses data tiering (`r6gd` nodes and the like). ElastiCache cannot export the snapshots of
   * such a group to S3, so `true` is rejected: turn the archive off for those groups.
   *
   * @default false
   * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-exporting.html
   */
  readonly dataTiering?: boolean;

  /**
   * How long every archived snapshot is kept, at least 6 years (2190 days, the guide's Step 5), in whole days.
   *
   * Each export is locked for this long in S3 Object Lock compliance mode: no one, the account's root user
   * included, can delete or overwrite it before then. It is deleted by lifecycle afterwards. The HITRUST guide
   * (Step 5, HITRUST 1616.09l1) asks for at least 6 years, the HIPAA documentation retention (45 CFR 164.316(b)(2)).
   * A retention, once set on an object, can be extended but never shortened.
   *
   * @default Duration.days(2192) - six years
   */
  readonly retention?: Duration;

  /**
   * The name of the export function's log group, e.g. `/aws/vendedlogs/elasticache/<replicationGroupId>/archive`.
   */
  readonly logGroupName: string;

  /**
   * How long the function's logs are kept. HITRUST (guide Step 6) and AWS Config ask for at least one year.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * What happens to the log group when the construct leaves the stack (the function, role and schedule hold no
   * data and are always deleted).
   *
   * The three buckets are always retained: in compliance mode "a protected object version can't be overwritten or
   * deleted by any user, including the root user" (Amazon S3 User Guide, Object Lock), and a bucket that still
   * holds objects cannot be deleted, so a stack whose deletion tried would fail. The access-log bucket is kept
   * with the archive it describes; the staging bucket's lifecycle empties it within 7 days.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Long-term archive of a replication group's automatic snapshots (guide Step 5, HITRUST 1616.09l1, 1618.09l1,
 * 1620.09l1): ElastiCache keeps automatic snapshots at most 35 days; this construct exports one every day and keeps
 * it, by default, six years. Every step is one AWS documents:
 *
 * - A staging bucket ElastiCache exports into: SSE-S3 ("Customer managed keys cannot be used when exporting backups
 *   to your selected Amazon S3 bucket"), no Object Lock, objects deleted after 7 days; ElastiCache's
 *   access by the bucket policy for `<region>.elasticache-snapshot.amazonaws.com` in every Region, plus the bucket
 *   ACL grant to ElastiCache's canonical ID in the Regions enabled by default (opt-in Regions keep ACLs disabled).
 *   A region-agnostic stack decides the Region's kind at deployment, from a mapping.
 * - The archive bucket: SSE-KMS with the customer-managed key (S3 Bucket Keys on), versioned, S3 Object Lock in
 *   compliance mode for `retention`, TLS 1.2 or later only, public access blocked, ACLs disabled, server access logs;
 *   S3 Glacier Deep Archive after 35 days, deleted after `retention`.
 * - A daily EventBridge schedule, `exportDelay` after the snapshot window, that runs a function which (1) copies every
 *   staged export into the archive with CopyObject (multipart above 5 GiB) and `x-amz-checksum-algorithm: CRC64NVME`,
 *   verifies the copy (size, checksum against the source's, SSE-KMS key, COMPLIANCE lock and its length), then
 *   deletes the staged export; (2) exports the newest `available` automatic snapshot into the staging bucket with
 *   `CopySnapshot` + `TargetBucket` unless it is staged or archived already; (3) checks that the previous day's
 *   export arrived, exporting it again if not. Every failure, a day without a new snapshot, a missing export and a
 *   staged export close to its expiry are published to `notificationTopic`. ElastiCache's own "Snapshot Export
 *   Failed" event is not published for self-designed clusters ("Self-designed cluster events are not published to
 *   Amazon EventBridge"), so the missing export is how a failed export is found.
 *
 * The function runs in the VPC with its own security group (no ingress; HTTPS out only), though it calls only the
 * ElastiCache, S3 and SNS APIs (the data goes from ElastiCache to S3 and from bucket to bucket inside S3 without passing
 * through it), with one concurrent execution, a KMS-encrypted environment and log group, and a role whose only policy
 * is a customer-managed, least-privilege one. Every bucket sends its events to EventBridge.
 *
 * AWS Control Tower: the buckets state on their template metadata the proactive controls S3 or ElastiCache make
 * impossible or wrong for them (the staging bucket: Object Lock and SSE-KMS; the access-log bucket: its own access
 * logs, Object Lock and SSE-KMS), with the reason (README "Control Tower proactive controls").
 *
 * Restore: `SnapshotArchive.restoreScript()` gives the AWS CLI steps that bring an archived export back to
 * an SSE-S3 object in the staging bucket that ElastiCache can read to seed a new group.
 *
 * @example
 * import { CompliantRedisReplicationGroup, SnapshotArchive } from 'cdk-hitrust-redis';
 *
 * declare const vpc: ec2.IVpc;
 * const cache = new CompliantRedisReplicationGroup(this, 'Cache', { vpc, snapshotArchive: false });
 * new SnapshotArchive(this, 'Archive', {
 *   replicationGroup: cache,
 *   vpc,
 *   encryptionKey: cache.encryptionKey,
 *   notificationTopic: cache.notificationTopic,
 *   snapshotWindow: '03:00-05:00',
 *   logGroupName: `/aws/vendedlogs/elasticache/${cache.replicationGroupId}/archive`,
 * });
 */
export class SnapshotArchive extends Construct {
  /** The locked archive bucket that holds the exported snapshots (`<name>-0001.rdb`, one object per shard). */
  public readonly bucket: s3.IBucket;
  /** The staging bucket ElastiCache exports into (SSE-S3, objects deleted after 7 days). */
  public readonly stagingBucket: s3.IBucket;
  /**
   * Whether the staging bucket's Region is a `default` or an `opt-in` one, or `deploy-time` (region-agnostic stack).
   *
   * @internal
   */
  public readonly _regionKind: ExportRegionKind;
  /** The bucket that receives the server access logs of both buckets (SSE-S3: the only encryption S3 supports there). */
  public readonly accessLogBucket: s3.IBucket;
  /** The export function. */
  public readonly exportFunction: lambda.IFunction;
  /** The security group of the archive's functions (the export function and the staging bucket's ACL function). */
  public readonly securityGroup: ec2.ISecurityGroup;
  /** The function's execution role. */
  public readonly role: iam.IRole;
  /** The function's log group. */
  public readonly logGroup: logs.ILogGroup;
  /** The daily schedule. */
  public readonly schedule: events.IRule;
  /** How long every archived snapshot is kept. */
  public readonly retention: Duration;
  /** When the export runs every day, `hh:mm` UTC. */
  public readonly exportTime: string;

  constructor(scope: Construct, id: string, props: SnapshotArchiveProps) {
    super(scope, id);
    validateArchiveProps(props);

    // Grant S3 log delivery by bucket policy, whatever the app's feature flags: the buckets disable ACLs.
    this.node.setContext(cxapi.S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);

    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.retention = props.retention ?? defaults.DEFAULT_RETENTION;
    const groupId = props.replicationGroup.replicationGroupId;
    const exportDelay = props.exportDelay ?? defaults.DEFAULT_EXPORT_DELAY;
    const time = exportTimeOfDay(props.snapshotWindow, exportDelay.toMinutes())!; // validated above
    this.exportTime = `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
    const description = `Archives the automatic snapshots of ElastiCache replication group ${groupId}`;

    // Always retained, whatever `removalPolicy` says: locked objects cannot be deleted (see SnapshotArchiveProps)
    const accessLogBucket = new s3.Bucket(this, 'AccessLogs', {
      ...secureBucketProps(RemovalPolicy.RETAIN),
      // Server access log delivery supports only SSE-S3 as default encryption on the target bucket, and no Object Lock.
      encryption: s3.BucketEncryption.S3_MANAGED,
      lifecycleRules: expiryLifecycle(this.retention),
    });
    sendEventsToEventBridge(accessLogBucket);
    stateAccessLogDestinationExceptions(accessLogBucket, ACCESS_LOGS_OF, ACCESS_LOGGED_DATA_PROTECTION);
    this.accessLogBucket = accessLogBucket;
    const bucket = new s3.Bucket(this, 'Bucket', {
      ...secureBucketProps(RemovalPolicy.RETAIN),
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(this.retention),
      lifecycleRules: archiveLifecycle(this.retention),
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: defaults.ACCESS_LOG_PREFIX,
    });
    sendEventsToEventBridge(bucket);
    this.bucket = bucket;

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: props.logGroupName,
      encryptionKey: props.encryptionKey,
      retention: props.logRetention ?? defaults.DEFAULT_LOG_RETENTION,
      removalPolicy,
    });

    // The functions' network: one security group and one set of subnets for both, so that Lambda can share their
    // network interfaces. Checked after construction: the app may add the VPC's endpoints later.
    const vpcSubnets = props.vpcSubnets ?? defaultFunctionSubnets(props.vpc);
    this.node.addValidation({ validate: () => checkArchiveApiReachability(this, props.vpc, props.vpc.selectSubnets(vpcSubnets)) });
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `${description}: no ingress; HTTPS out to the ElastiCache, S3 and SNS APIs`,
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(props.apiPeer ?? ec2.Peer.anyIpv4(), ec2.Port.tcp(HTTPS_PORT), 'HTTPS to the ElastiCache, S3 and SNS APIs');

    const staging = new StagingBucket(this, 'Staging', {
      expiry: defaults.STAGING_EXPIRY,
      accessLogBucket: this.accessLogBucket,
      aclLogGroup: this.logGroup,
      deadLetterTopic: props.notificationTopic,
      encryptionKey: props.encryptionKey,
      vpc: props.vpc,
      vpcSubnets,
      securityGroup: this.securityGroup,
    });
    this.stagingBucket = staging.bucket;
    this._regionKind = staging.regionKind;

    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description: `${description}: least privilege`,
      statements: exportPolicyStatements(this, {
        replicationGroupId: groupId,
        stagingBucket: this.stagingBucket,
        archiveBucket: bucket,
        archiveKey: props.encryptionKey,
        topic: props.notificationTopic,
        logGroup: this.logGroup,
      }),
    });
    const role = new iam.Role(this, 'ServiceRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description,
      managedPolicies: [policy],
    });
    this.role = role;

    this.exportFunction = new ExportFunction(this, 'Function', {
      description,
      // The policy above holds every statement the function needs; the grants `lambda.Function` adds by itself
      // (the dead-letter topic's sns:Publish) would go to an inline policy.
      role: role.withoutPolicyUpdates(),
      timeout: defaults.FUNCTION_TIMEOUT,
      reservedConcurrentExecutions: 1, // two exports of the same snapshot never overlap
      retryAttempts: defaults.RETRY_ATTEMPTS,
      deadLetterTopic: props.notificationTopic,
      environment: {
        [ENV.replicationGroupId]: groupId,
        [ENV.stagingBucketName]: this.stagingBucket.bucketName,
        [ENV.archiveBucketName]: bucket.bucketName,
        [ENV.archiveKeyArn]: props.encryptionKey.keyArn,
        [ENV.retentionDays]: String(this.retention.toDays()),
        [ENV.stagingExpiryDays]: String(defaults.STAGING_EXPIRY.toDays()),
        [ENV.topicArn]: props.notificationTopic.topicArn,
      },
      environmentEncryption: props.encryptionKey,
      logGroup: this.logGroup,
      vpc: props.vpc,
      vpcSubnets,
      securityGroups: [this.securityGroup],
    });

    this.schedule = new events.Rule(this, 'Schedule', {
      description: `${description}: daily at ${this.exportTime} UTC, ${exportDelay.toHumanString()} after the snapshot window`,
      schedule: events.Schedule.cron({ minute: String(time.minute), hour: String(time.hour) }),
      targets: [new targets.LambdaFunction(this.exportFunction)],
    });

    acknowledgeArchivePeerFindings(this, archiveNagNames(this, groupId));
  }

  /**
   * The AWS CLI steps (a bash script, one comment per step) that bring the archived export `key` back to an SSE-S3
   * object in the staging bucket that ElastiCache can read, and print the ARN to seed a new replication group with.
   * The bucket names are tokens: put the script in a `CfnOutput` to get it with the real names.
   *
   * @param key the archived object, e.g. `my-group-2026-11-22-03-40-0001.rdb`
   */
  public restoreScript(key: string): string {
    return restoreScript({
      archiveBucket: this.bucket.bucketName,
      stagingBucket: this.stagingBucket.bucketName,
      key,
      regionKind: this._regionKind,
    });
  }
}

/** Objects expire after the retention; hidden versions, delete markers and incomplete uploads are cleaned up. */
function expiryLifecycle(retention: Duration, transitions?: s3.Transition[]): s3.LifecycleRule[] {
  return [
    {
      id: transitions ? 'DeepArchiveThenExpireAfterRetention' : 'ExpireAfterRetention',
      transitions,
      expiration: retention,
      noncurrentVersionExpiration: defaults.NONCURRENT_VERSION_RETENTION,
      abortIncompleteMultipartUploadAfter: defaults.ABORT_INCOMPLETE_UPLOADS_AFTER,
    },
    { id: 'RemoveExpiredDeleteMarkers', expiredObjectDeleteMarker: true },
  ];
}

/** The archive's lifecycle: S3 Standard for 35 days, then S3 Glacier Deep Archive until the retention ends. */
function archiveLifecycle(retention: Duration): s3.LifecycleRule[] {
  return expiryLifecycle(retention, [{ storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: defaults.DEEP_ARCHIVE_AFTER }]);
}
