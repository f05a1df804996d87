import { Annotations, ArnFormat, Aws, Duration, Names, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { TRAIL_BUCKET_CONTROL_TOWER_EXCEPTIONS } from './control-tower-exceptions';
import * as defaults from './defaults';
import { ACCESS_LOGGED_DATA_PROTECTION, ACCESS_LOGS_OF, acknowledgeTrailPeerFindings } from './peer-acknowledgements';
import { stateAccessLogDestinationExceptions } from '../private/access-log-destination';
import { sendEventsToEventBridge } from '../private/bucket-events';
import { stateControlTowerExceptions } from '../private/control-tower';
import { HitrustValidationError } from '../private/errors';
import { denyGrantsExceptForAwsServices } from '../private/kms-grant-guard';
import { stackInstanceId } from '../private/physical-names';
import { secureBucketProps } from '../private/secure-bucket';

/** CloudTrail's service principal. */
const CLOUDTRAIL_SERVICE = 'cloudtrail.amazonaws.com';

/**
 * CloudTrail trail names: 3 to 128 letters, digits, periods, underscores and hyphens, starting and ending with a
 * letter or digit, with no two of '.', '_' and '-' next to each other.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html
 */
const TRAIL_NAME_PATTERN = /^(?=.{3,128}$)[A-Za-z0-9](?:[A-Za-z0-9]|[._-](?![._-]))*[A-Za-z0-9]$/;
/** CloudTrail rejects names formatted as an IP address. */
const IP_ADDRESS_PATTERN = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Properties of a `CompliantTrail`.
 */
export interface CompliantTrailProps {
  /**
   * The name of the trail.
   *
   * The key policy names the trail by its ARN (the `aws:SourceArn` condition AWS recommends), so the name is
   * fixed at synth time.
   *
   * @default - a name derived from the construct path, unique in the account
   */
  readonly trailName?: string;

  /**
   * The customer-managed KMS key that encrypts the log files, the digest files, the bucket and the log group.
   *
   * A key created in the same stack gets the key policy statements CloudTrail and CloudWatch Logs need. For an
   * imported key, the owner must add them (a warning says so).
   *
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
   * @default - a new key with automatic rotation
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How long log files are kept in S3 before they expire.
   *
   * Records stay in S3 Standard for 90 days, then move to S3 Glacier Flexible Retrieval until they expire
   * (guide Step 6: retained 90 days, older records archived at least one year, HITRUST 1202.09aa1). Must be whole
   * days, at least 365. The buckets are versioned: a record that expires, or is deleted before, stays 90 more days as
   * a noncurrent version (time to notice and undo a deletion) and is then removed.
   *
   * @default Duration.days(2192) - six years, the HIPAA documentation retention
   */
  readonly recordRetention?: Duration;

  /**
   * How long CloudWatch Logs keeps the trail's events.
   *
   * At least one year (HITRUST 1202.09aa1).
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * What happens to the buckets, the log group and the key when they leave the stack.
   *
   * Audit evidence must outlive the stack that produced it. `DESTROY` deletes a bucket only when it is empty.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A CloudTrail trail for HITRUST audit evidence (guide Step 6, HITRUST 1202.09aa1, 1203.09aa1, 1204.09aa1,
 * 12100.09ab2, 1270.09ad1): read and write management events of every region (global service events included),
 * log file validation on, encrypted with a customer-managed KMS key, delivered to
 *
 * - an S3 bucket: SSE-KMS, SSL only (TLS >= 1.2), public access blocked, versioned, server access logs kept in a
 *   separate bucket; records move to S3 Glacier Flexible Retrieval after 90 days and expire after
 *   `recordRetention`;
 * - a KMS-encrypted CloudWatch Logs log group kept at least one year, for search and metric filters.
 *
 * Both buckets send their events to EventBridge. A created key allows grants to AWS services only. The buckets state
 * on their template metadata the AWS Control Tower proactive controls they do not meet, with the reason (the trail
 * bucket: Object Lock; the access-log bucket: its own access logs, Object Lock and SSE-KMS; README "Control Tower
 * proactive controls").
 *
 * S3 Glacier Flexible Retrieval rather than Deep Archive: an auditor's or an investigator's request is answered
 * within hours (3-5 h standard retrieval, not 12-48 h), and its 90-day minimum storage duration fits records that
 * stay 90 days in S3 Standard first. Objects smaller than 128 KB stay in S3 Standard (the S3 lifecycle default):
 * they are still retained, only not moved.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html
 */
export class CompliantTrail extends Construct {
  /** The trail. */
  public readonly trail: cloudtrail.Trail;
  /** The trail's name. */
  public readonly trailName: string;
  /** The trail's ARN, built from its name (the value the key policy's `aws:SourceArn` condition expects). */
  public readonly trailArn: string;
  /** The bucket that receives the log files and digest files. */
  public readonly bucket: s3.IBucket;
  /** The bucket that receives the server access logs of `bucket` (SSE-S3: the only encryption S3 supports there). */
  public readonly accessLogBucket: s3.IBucket;
  /** The CloudWatch Logs log group that receives the events. */
  public readonly logGroup: logs.ILogGroup;
  /** The KMS key that encrypts the log files, the bucket and the log group. */
  public readonly encryptionKey: kms.IKey;
  /** How long log files are kept before they expire. */
  public readonly recordRetention: Duration;

  constructor(scope: Construct, id: string, props: CompliantTrailProps = {}) {
    super(scope, id);
    validateTrailProps(props);

    // Grant S3 log delivery by bucket policy, whatever the app's feature flags: the buckets disable ACLs.
    this.node.setContext(cxapi.S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);

    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.recordRetention = props.recordRetention ?? defaults.DEFAULT_RECORD_RETENTION;
    this.trailName = props.trailName ?? Names.uniqueResourceName(this, { maxLength: 128 });
    this.trailArn = Stack.of(this).formatArn({
      service: 'cloudtrail',
      resource: 'trail',
      resourceName: this.trailName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    // the stack's instance ID keeps a recreated stack clear of the log group a deleted one retained
    const logGroupName = `/aws/cloudtrail/${this.trailName}/${stackInstanceId()}`;

    this.encryptionKey = props.encryptionKey ?? this.createKey(removalPolicy);
    this.allowKeyUse(logGroupName);

    const accessLogBucket = new s3.Bucket(this, 'AccessLogs', {
      ...bucketBaseline(this.recordRetention, removalPolicy),
      // Server access log delivery supports only SSE-S3 as default encryption on the target bucket.
      encryption: s3.BucketEncryption.S3_MANAGED,
    });
    stateAccessLogDestinationExceptions(accessLogBucket, ACCESS_LOGS_OF, ACCESS_LOGGED_DATA_PROTECTION);
    this.accessLogBucket = accessLogBucket;
    const bucket = new s3.Bucket(this, 'Bucket', {
      ...bucketBaseline(this.recordRetention, removalPolicy),
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.encryptionKey,
      // CloudTrail with S3 Bucket Keys needs kms:Decrypt as well; without them the key policy stays minimal.
      bucketKeyEnabled: false,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: defaults.ACCESS_LOG_PREFIX,
    });
    stateControlTowerExceptions(bucket.node.defaultChild as s3.CfnBucket, TRAIL_BUCKET_CONTROL_TOWER_EXCEPTIONS);
    this.bucket = bucket;
    for (const b of [accessLogBucket, bucket]) sendEventsToEventBridge(b);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName,
      encryptionKey: this.encryptionKey,
      retention: props.logRetention ?? defaults.DEFAULT_TRAIL_LOG_RETENTION,
      removalPolicy,
    });

    this.trail = new cloudtrail.Trail(this, 'Resource', {
      trailName: this.trailName,
      bucket: this.bucket,
      encryptionKey: this.encryptionKey,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      managementEvents: cloudtrail.ReadWriteType.ALL,
      enableFileValidation: true,
      // CloudWatch Logs delivery is wired below, with a customer managed policy instead of the inline one
      // `cloudtrail.Trail` would attach to its own role.
      sendToCloudWatchLogs: false,
    });
    this.deliverToCloudWatchLogs();

    acknowledgeTrailPeerFindings(this);
  }

  /**
   * The trail's own key: rotation on, and grants only for AWS services (AWS Control Tower CT.KMS.PR.3): CloudTrail and
   * CloudWatch Logs use it as service principals, without grants.
   */
  private createKey(removalPolicy: RemovalPolicy): kms.Key {
    const key = new kms.Key(this, 'Key', {
      description: `Encrypts the CloudTrail audit trail ${this.trailName}: log files, digest files, bucket, log group`,
      enableKeyRotation: true,
      removalPolicy,
    });
    denyGrantsExceptForAwsServices(key);
    return key;
  }

  /**
   * Sends the events to the log group through a role that only CloudTrail assumes, whose customer managed policy
   * allows `logs:CreateLogStream` and `logs:PutLogEvents` on this log group only.
   */
  private deliverToCloudWatchLogs(): void {
    const role = new iam.Role(this, 'LogsRole', {
      assumedBy: new iam.ServicePrincipal(CLOUDTRAIL_SERVICE),
      description: `Lets CloudTrail deliver the trail ${this.trailName} to its CloudWatch Logs log group`,
    });
    const policy = new iam.ManagedPolicy(this, 'LogsPolicy', {
      description: `Writes the events of the trail ${this.trailName} to its CloudWatch Logs log group`,
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        }),
      ],
    });
    const cfnTrail = this.trail.node.defaultChild as cloudtrail.CfnTrail;
    cfnTrail.cloudWatchLogsLogGroupArn = this.logGroup.logGroupArn;
    cfnTrail.cloudWatchLogsRoleArn = role.roleArn;
    // CloudTrail checks at creation that it can assume the role and write to the log group.
    cfnTrail.node.addDependency(policy);
  }

  /**
   * Lets CloudTrail encrypt with the key (scoped to this trail by `aws:SourceArn`, as AWS recommends) and CloudWatch
   * Logs use it for this trail's log group only. `cloudtrail.Trail` adds neither by itself.
   */
  private allowKeyUse(logGroupName: string): void {
    const cloudTrailOnly = { StringEquals: { 'aws:SourceArn': this.trailArn } };
    const statements = [
      new iam.PolicyStatement({
        sid: 'AllowCloudTrailToEncryptLogs',
        principals: [new iam.ServicePrincipal(CLOUDTRAIL_SERVICE)],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'], // in a key policy, '*' means this key
        conditions: {
          ...cloudTrailOnly,
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': Stack.of(this).formatArn({
              service: 'cloudtrail',
              region: '*',
              resource: 'trail',
              resourceName: '*',
              arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
            }),
          },
        },
      }),
      new iam.PolicyStatement({
        sid: 'AllowCloudTrailToDescribeKey',
        principals: [new iam.ServicePrincipal(CLOUDTRAIL_SERVICE)],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
        conditions: cloudTrailOnly,
      }),
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForTrailLogGroup',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnEquals: {
            'kms:EncryptionContext:aws:logs:arn': Stack.of(this).formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: logGroupName,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    ];
    const added = statements.map((s) => this.encryptionKey.addToResourcePolicy(s).statementAdded);
    if (added.includes(false)) {
      Annotations.of(this).addWarningV2(
        'cdk-hitrust-redis:trailKeyPolicy',
        '`encryptionKey` is imported: its key policy must let cloudtrail.amazonaws.com (kms:GenerateDataKey*, ' +
          'kms:DescribeKey) and CloudWatch Logs use it, or the trail delivers nothing (HITRUST 1202.09aa1)',
      );
    }
  }
}

/** What both buckets share: the library's secure bucket baseline and the retention lifecycle. */
function bucketBaseline(recordRetention: Duration, removalPolicy: RemovalPolicy): s3.BucketProps {
  return { ...secureBucketProps(removalPolicy), lifecycleRules: retentionLifecycle(recordRetention) };
}

/**
 * Guide Step 6 as S3 lifecycle rules: 90 days in S3 Standard, then archived in S3 Glacier Flexible Retrieval
 * until `recordRetention`. A deleted or expired record survives 90 more days as a noncurrent version.
 */
function retentionLifecycle(recordRetention: Duration): s3.LifecycleRule[] {
  return [
    {
      id: 'ArchiveAfter90DaysExpireAfterRetention',
      transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: defaults.ARCHIVE_AFTER }],
      expiration: recordRetention,
      noncurrentVersionExpiration: defaults.NONCURRENT_VERSION_RETENTION,
      abortIncompleteMultipartUploadAfter: defaults.ABORT_INCOMPLETE_UPLOADS_AFTER,
    },
    { id: 'RemoveExpiredDeleteMarkers', expiredObjectDeleteMarker: true },
  ];
}

/** One validation rule of a `CompliantTrail`: `condition` is true when the props break it. */
interface TrailValidationRule {
  readonly condition: (p: CompliantTrailProps) => boolean;
  readonly message: (p: CompliantTrailProps) => string;
}

const recordRetentionDays = (p: CompliantTrailProps) => p.recordRetention?.toDays({ integral: false });
const knownRecordRetention = (p: CompliantTrailProps) => p.recordRetention !== undefined && !p.recordRetention.isUnresolved();

/** The validation table (STYLE.md §5). Unresolved tokens are skipped. */
const TRAIL_VALIDATION_RULES: readonly TrailValidationRule[] = [
  {
    condition: (p) => knownRecordRetention(p) && (recordRetentionDays(p) ?? 0) < defaults.MIN_RECORD_RETENTION_DAYS,
    message: (p) =>
      `\`recordRetention\` must be at least ${defaults.MIN_RECORD_RETENTION_DAYS} days for HITRUST 1202.09aa1, ` +
      `got: ${p.recordRetention?.toHumanString()}`,
  },
  {
    condition: (p) => knownRecordRetention(p) && !Number.isInteger(recordRetentionDays(p)),
    message: (p) =>
      `\`recordRetention\` must be whole days (S3 lifecycle rules count days) for HITRUST 1202.09aa1, got: ${p.recordRetention?.toHumanString()}`,
  },
  {
    condition: (p) =>
      p.logRetention !== undefined &&
      !Token.isUnresolved(p.logRetention) &&
      p.logRetention !== logs.RetentionDays.INFINITE &&
      p.logRetention < defaults.MIN_TRAIL_LOG_RETENTION_DAYS,
    message: (p) =>
      `\`logRetention\` must be at least ${defaults.MIN_TRAIL_LOG_RETENTION_DAYS} days for HITRUST 1202.09aa1, got: ${p.logRetention} days`,
  },
  {
    condition: (p) =>
      p.trailName !== undefined &&
      !Token.isUnresolved(p.trailName) &&
      (!TRAIL_NAME_PATTERN.test(p.trailName) || IP_ADDRESS_PATTERN.test(p.trailName)),
    message: (p) =>
      '`trailName` must be 3 to 128 letters, digits, periods, underscores and hyphens, start and end with a letter ' +
      `or digit, have no two of '.', '_', '-' in a row and not look like an IP address, got: '${p.trailName}'`,
  },
];

/** Throws one error listing every problem of the props. */
function validateTrailProps(props: CompliantTrailProps): void {
  const problems = TRAIL_VALIDATION_RULES.filter((r) => r.condition(props)).map((r) => r.message(props));
  if (problems.length > 0) throw new HitrustValidationError('CompliantTrail', problems);
}
