import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { CacheAuthentication } from './cache-authentication';
import type { CacheEngineVersion } from './cache-engine-version';
import type { CacheNodeType } from './cache-node-type';
import type { ReplacementGuard } from './replacement-guard';
import type { CacheAuditTrail } from '../audit/cache-audit-trail';
import type { CacheAlarmThresholds } from '../monitoring/cache-alarms';

/**
 * Properties of a `CompliantRedisReplicationGroup`.
 *
 * Settings with a single compliant value (encryption at rest and in transit, Multi-AZ, automatic
 * failover, automatic minor upgrades, engine logs) have no property: they are always on.
 */
export interface CompliantRedisReplicationGroupProps {
  /**
   * The VPC to place the cache in.
   */
  readonly vpc: ec2.IVpc;

  /**
   * Where to place the nodes. Must not select public subnets (HITRUST 0805.01m1) and must span at
   * least two availability zones (HITRUST 1410.09e2).
   *
   * The rotation function and the snapshot archive's functions run in the same subnets.
   *
   * @default - the VPC's private subnets, or its isolated subnets when it has no private ones
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * Security groups to attach in addition to the one the construct creates.
   *
   * The construct's own group has no ingress and no open egress; open access with `connections`.
   *
   * @default - only the construct's security group
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * Engine and version. Must be HIPAA eligible and supported: Redis OSS >= 6.2 or Valkey >= 7.2
   * (HITRUST 0706.10b1).
   *
   * Changing the major version switches the parameter group in the same update.
   *
   * @default CacheEngineVersion.LATEST_VALKEY
   */
  readonly engineVersion?: CacheEngineVersion;

  /**
   * The node type. `cache.t1.*` cannot take snapshots and is rejected (HITRUST 1616.09l1).
   *
   * @default CacheNodeType.R7G_LARGE
   */
  readonly nodeType?: CacheNodeType;

  /**
   * The port the nodes listen on. The guide (Step 2) asks for a port other than the engine default.
   *
   * 6379 (the engine default that scanners try first) is a finding of HitrustChecks,
   * `HITRUST.CSF-ElastiCacheNonDefaultPort`, that fails synth unless acknowledged with a reason
   * (`HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT`); the construct itself does not warn about it.
   * Changing the port replaces the group.
   *
   * @default 6380
   */
  readonly port?: number;

  /**
   * Engine parameters, merged into the construct's own parameter group.
   *
   * `cluster-enabled` is managed by the construct (from `shards`) and cannot be set here.
   *
   * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html
   * @default - the family's defaults
   */
  readonly parameters?: { [name: string]: string };

  /**
   * Number of shards (node groups). One shard means cluster mode disabled; more enable cluster mode,
   * with online resharding so that later changes do not replace the group.
   *
   * @default 1
   */
  readonly shards?: number;

  /**
   * Replicas in each shard, placed in availability zones other than their primary's where the subnets
   * allow. At least one: Multi-AZ and automatic failover need a replica (HITRUST 1410.09e2, 1601.12c1).
   *
   * With one shard, the nodes' availability zones are written to the template (`PreferredCacheClusterAZs`),
   * a create-only property: changing the replica count then replaces the group, and the replacement
   * guard asks for `allowReplacement`.
   *
   * @default 2
   */
  readonly replicasPerShard?: number;

  /**
   * The customer-managed KMS key that encrypts the data at rest, the snapshots, the secret, the logs and
   * the notification topic (HITRUST 0808.10b2, 0903.10f1). An imported key must already allow the
   * CloudWatch Logs, SNS publishers and ElastiCache principals to use it.
   *
   * @default - a new key with automatic rotation
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How clients authenticate.
   *
   * @default CacheAuthentication.rbacPassword()
   */
  readonly authentication?: CacheAuthentication;

  /**
   * How long automatic snapshots are kept: whole days from 15 to 35 (HITRUST 1616.09l1; the guide
   * recommends 35, the most ElastiCache keeps).
   *
   * @default Duration.days(35)
   */
  readonly snapshotRetention?: Duration;

  /**
   * The daily snapshot window, `hh24:mi-hh24:mi` in UTC, at least 60 minutes, not overlapping the
   * maintenance window.
   *
   * @default '03:00-05:00'
   */
  readonly snapshotWindow?: string;

  /**
   * The weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` in UTC, at least 60 minutes.
   *
   * @default 'sun:06:00-sun:07:00'
   */
  readonly maintenanceWindow?: string;

  /**
   * The SNS topic for the group's alerts: alarms, change detection and the helper functions' failures. It should be KMS-encrypted with a customer-managed key and
   * accept only TLS (guide Step 5).
   *
   * An imported topic's policies are its owner's: its access policy must allow `cloudwatch.amazonaws.com` and
   * `events.amazonaws.com` to publish, and its key must allow both `kms:GenerateDataKey*` and `kms:Decrypt`.
   *
   * @default - a new topic encrypted with `encryptionKey`, SSL-only, that CloudWatch alarms and EventBridge rules
   * of this account may publish to
   */
  readonly notificationTopic?: sns.ITopic;

  /**
   * The topic ElastiCache publishes its own notifications to (the group's `NotificationTopicArn`: failovers, node
   * replacements, snapshot failures).
   *
   * It must not be encrypted: "The Amazon SNS topic you are publishing to cannot be encrypted", and its access
   * policy "must use the aws:SourceOwner condition key, not aws:SourceAccount" (ElastiCache User Guide). The
   * messages name resources and events, never cached data. A topic of the app that has a KMS key is refused.
   *
   * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ECEvents.SNS.html
   * @default - a new unencrypted topic that only ElastiCache (and services) of this account may publish to, TLS only
   */
  readonly serviceNotificationTopic?: sns.ITopic;

  /**
   * Retention of the slow-log and engine-log groups, at least one year.
   *
   * The HITRUST guide (Step 6) asks for records to be kept at least one year.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * What happens to the group when it is removed from the stack or replaced.
   *
   * The key, the secret and the log groups are retained unless this is `DESTROY`.
   *
   * @default RemovalPolicy.SNAPSHOT
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * The replication group ID: lower case, 1 to 40 characters, starting with a letter, no `--`, no
   * trailing `-`. Member node IDs derive from it.
   *
   * @default - derived from the construct path
   */
  readonly replicationGroupId?: string;

  /**
   * Whether to watch the CloudTrail events that change the group, its nodes, parameter group, subnet group,
   * users and snapshots outside CloudFormation, and send each to the notification topic (guide Step 6,
   * HITRUST 1202.09aa1, 12100.09ab2). Needs a trail that logs management events.
   *
   * @default true
   */
  readonly changeDetection?: boolean;


  /**
   * Whether to alarm, on every member node, on authentication and authorization failures (misuse) and on
   * engine CPU, memory, evictions, replication lag and connections (malfunction), notifying the topic, with a
   * dashboard (guide Step 6, HITRUST 1202.09aa1, 1203.09aa1, 1204.09aa1).
   *
   * @default true
   */
  readonly alarms?: boolean;

  /**
   * Thresholds of the health alarms.
   *
   * @default - see `CacheAlarmThresholds`
   */
  readonly alarmThresholds?: CacheAlarmThresholds;

  /**
   * Whether to rotate the password or AUTH token with a Secrets Manager rotation schedule and the bundled
   * rotation function (in the cache's VPC, admitted by its security group). During a rotation both the old and
   * the new credential work, so connected clients are not cut off. Not applicable in IAM mode (no password).
   *
   * The function calls the ElastiCache and Secrets Manager APIs: the subnets need a NAT gateway or VPC interface
   * endpoints for `elasticache` and `secretsmanager`.
   *
   * @default true
   */
  readonly credentialRotation?: boolean;

  /**
   * How often the credential is rotated: 1 to 365 days.
   *
   * @default Duration.days(30)
   */
  readonly rotationSchedule?: Duration;

  /**
   * Whether to export the newest automatic snapshot every day into an S3 archive that locks it (Object Lock,
   * compliance mode) for `archiveRetention` and moves it to Glacier Deep Archive: ElastiCache itself keeps snapshots
   * 35 days at most, the guide (Step 5, HITRUST 1616.09l1) asks for at least 6 years.
   *
   * Data-tiering node types (cache.r6gd.*) cannot export snapshots: there the default is false (with a warning) and
   * true is an error. A group with `removalPolicy` DESTROY (a test stack) gets no archive either, with a warning: no one
   * can delete what Object Lock keeps in compliance mode, so a destroyed test stack would leave locked buckets behind
   * for years; true is an error there.
   *
   * The archive's functions run in the VPC (AWS Control Tower CT.LAMBDA.PR.3) and call the ElastiCache, S3 and SNS
   * APIs: in isolated subnets the VPC needs endpoints for `elasticache` and `sns` (interface) and `s3` (gateway or
   * interface), or synth fails.
   *
   * @default - true, except for data-tiering node types and `removalPolicy` DESTROY
   */
  readonly snapshotArchive?: boolean;

  /**
   * How long archived snapshots are kept and locked: at least 6 years (2190 days).
   *
   * @default Duration.days(2192)
   */
  readonly archiveRetention?: Duration;

  /**
   * The CloudTrail trail that records every API call on the cache (guide Step 6, HITRUST 1202.09aa1,
   * 12100.09ab2, 1270.09ad1). The default creates nothing and records in the evidence report that an
   * organization trail is assumed.
   *
   * @default CacheAuditTrail.organizationTrail()
   */
  readonly auditTrail?: CacheAuditTrail;

  /**
   * Whether to add AWS Config managed rules scoped to this group (automatic backups with the configured
   * retention, encryption at rest and in transit, automatic failover, RBAC): the backup SOP's runtime audit.
   * They evaluate nothing unless an AWS Config configuration recorder runs in the account and region.
   *
   * @default false
   */
  readonly configRules?: boolean;

  /**
   * The replication group's description.
   *
   * @default - 'HITRUST CSF compliant cache <path>'
   */
  readonly description?: string;

  /**
   * The class of data the cache holds, written to the `DataClassification` tag of every resource.
   *
   * @default 'PHI'
   */
  readonly dataClassification?: string;

  /**
   * Accept a change that CloudFormation can only make by replacing the group with a new, empty cache.
   *
   * The old group is snapshotted and deleted.
   *
   * The group has a name (`replicationGroupId`), and "You can't perform an update that causes a custom-named resource
   * to be replaced. If you must replace the resource, specify a new name." (CloudFormation, Name type): the same
   * deployment must set a new `replicationGroupId`, or synth fails. Set it
   * for the one deployment that makes the change, then remove it (the replacement guard then takes the new
   * settings as deployed).
   *
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-name.html
   *
   * @default false
   */
  readonly allowReplacement?: boolean;

  /**
   * Where the create-only settings of earlier synths are recorded, to detect a change that would
   * replace the group.
   *
   * @default ReplacementGuard.cdkApp()
   */
  readonly replacementGuard?: ReplacementGuard;
}
