/**
 * The IDs of the HITRUST.CSF rules, as printed in findings and accepted by `Validations.of(scope).acknowledge()`.
 *
 * Each member is a plain string constant (not an enum), so that Python, Java and the other jsii languages can pass it
 * as the `id` of an acknowledgement.
 *
 * @example
 * import { HitrustRuleId } from 'cdk-hitrust-redis';
 *
 * declare const cache: Construct;
 * Validations.of(cache).acknowledge({
 *   id: HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT,
 *   reason: 'Clients are third-party appliances that only speak 6379; the security group admits only them',
 * });
 */
export class HitrustRuleId {
  /** The cache is not at-rest encrypted. */
  public static readonly ELASTICACHE_AT_REST_ENCRYPTION = 'HITRUST.CSF-ElastiCacheAtRestEncryption';
  /** Clients do not have to authenticate, or the AUTH token is visible (a literal, a parameter with a Default or without NoEcho) or deploy-time. */
  public static readonly ELASTICACHE_AUTHENTICATION = 'HITRUST.CSF-ElastiCacheAuthentication';
  /** Automatic minor version upgrades are off. */
  public static readonly ELASTICACHE_AUTO_MINOR_VERSION_UPGRADE = 'HITRUST.CSF-ElastiCacheAutoMinorVersionUpgrade';
  /** Automatic backups are off, or the node type cannot take snapshots. */
  public static readonly ELASTICACHE_AUTOMATIC_BACKUP = 'HITRUST.CSF-ElastiCacheAutomaticBackup';
  /** Automatic failover is off. */
  public static readonly ELASTICACHE_AUTOMATIC_FAILOVER = 'HITRUST.CSF-ElastiCacheAutomaticFailover';
  /** The cache uses a `default.*` parameter group. */
  public static readonly ELASTICACHE_CUSTOM_PARAMETER_GROUP = 'HITRUST.CSF-ElastiCacheCustomParameterGroup';
  /** The cache is not encrypted with a customer managed KMS key. */
  public static readonly ELASTICACHE_CUSTOMER_MANAGED_KEY = 'HITRUST.CSF-ElastiCacheCustomerManagedKey';
  /** The given AZs put a shard in a single AZ. */
  public static readonly ELASTICACHE_DISTINCT_AZS = 'HITRUST.CSF-ElastiCacheDistinctAZs';
  /** The engine version is not pinned, or below Redis OSS 6.2 / Valkey 7.2. */
  public static readonly ELASTICACHE_ENGINE_VERSION = 'HITRUST.CSF-ElastiCacheEngineVersion';
  /** Slow and engine logs are not both delivered. */
  public static readonly ELASTICACHE_LOG_DELIVERY = 'HITRUST.CSF-ElastiCacheLogDelivery';
  /** No maintenance window is chosen. */
  public static readonly ELASTICACHE_MAINTENANCE_WINDOW = 'HITRUST.CSF-ElastiCacheMaintenanceWindow';
  /** The cache runs Memcached. */
  public static readonly ELASTICACHE_MEMCACHED = 'HITRUST.CSF-ElastiCacheMemcached';
  /** Multi-AZ is off. */
  public static readonly ELASTICACHE_MULTI_AZ = 'HITRUST.CSF-ElastiCacheMultiAZ';
  /** The cache listens on the engine's default port (warning). */
  public static readonly ELASTICACHE_NON_DEFAULT_PORT = 'HITRUST.CSF-ElastiCacheNonDefaultPort';
  /** No SNS topic receives the cache's events, or the topic is encrypted (ElastiCache cannot publish to it). */
  public static readonly ELASTICACHE_NOTIFICATION_TOPIC = 'HITRUST.CSF-ElastiCacheNotificationTopic';
  /** A shard has no replica. */
  public static readonly ELASTICACHE_REPLICA_PER_SHARD = 'HITRUST.CSF-ElastiCacheReplicaPerShard';
  /** No VPC security group guards the cache, or an EC2-Classic cache security group is used. */
  public static readonly ELASTICACHE_SECURITY_GROUPS = 'HITRUST.CSF-ElastiCacheSecurityGroups';
  /** No snapshot archive locked for at least six years is stated for the replication group. */
  public static readonly ELASTICACHE_SNAPSHOT_ARCHIVE = 'HITRUST.CSF-ElastiCacheSnapshotArchive';
  /** Automatic snapshots are kept for fewer days than the pack's minimum. */
  public static readonly ELASTICACHE_SNAPSHOT_RETENTION = 'HITRUST.CSF-ElastiCacheSnapshotRetention';
  /** No daily backup window is chosen. */
  public static readonly ELASTICACHE_SNAPSHOT_WINDOW = 'HITRUST.CSF-ElastiCacheSnapshotWindow';
  /** The cache is not in the deployment's own VPC subnet group. */
  public static readonly ELASTICACHE_SUBNET_GROUP = 'HITRUST.CSF-ElastiCacheSubnetGroup';
  /** In-transit encryption is off or still accepts plaintext (`preferred`). */
  public static readonly ELASTICACHE_TRANSIT_ENCRYPTION = 'HITRUST.CSF-ElastiCacheTransitEncryption';
  /** A Valkey user group holds a user without password or IAM, or a Redis OSS user group has no `default` user. */
  public static readonly ELASTICACHE_USER_GROUP_MEMBERS = 'HITRUST.CSF-ElastiCacheUserGroupMembers';
  /** An ElastiCache user needs no password and is switched on. */
  public static readonly ELASTICACHE_USER_PASSWORD_REQUIRED = 'HITRUST.CSF-ElastiCacheUserPasswordRequired';
  /** A CloudTrail trail does not send events to CloudWatch Logs. */
  public static readonly CLOUDTRAIL_CLOUDWATCH_LOGS = 'HITRUST.CSF-CloudTrailCloudWatchLogs';
  /** A CloudTrail trail is not KMS encrypted. */
  public static readonly CLOUDTRAIL_ENCRYPTED = 'HITRUST.CSF-CloudTrailEncrypted';
  /** A CloudTrail trail does not validate its log files. */
  public static readonly CLOUDTRAIL_LOG_FILE_VALIDATION = 'HITRUST.CSF-CloudTrailLogFileValidation';
  /** A CloudTrail trail is not logging. */
  public static readonly CLOUDTRAIL_LOGGING = 'HITRUST.CSF-CloudTrailLogging';
  /** A CloudTrail trail covers a single region. */
  public static readonly CLOUDTRAIL_MULTI_REGION = 'HITRUST.CSF-CloudTrailMultiRegion';
  /** A CloudWatch log group is not KMS encrypted. */
  public static readonly CLOUDWATCH_LOG_GROUP_ENCRYPTED = 'HITRUST.CSF-CloudWatchLogGroupEncrypted';
  /** A CloudWatch log group keeps its events for less than a year. */
  public static readonly CLOUDWATCH_LOG_GROUP_RETENTION = 'HITRUST.CSF-CloudWatchLogGroupRetention';
  /** A CloudWatch alarm has no alarm action, or its actions are disabled. */
  public static readonly CLOUDWATCH_ALARM_ACTION = 'HITRUST.CSF-CloudWatchAlarmAction';
  /** An EventBridge rule is disabled or has no target. */
  public static readonly EVENTBRIDGE_RULE_TARGET = 'HITRUST.CSF-EventBridgeRuleTarget';
  /** A security group admits the whole internet. */
  public static readonly EC2_SECURITY_GROUP_NO_PUBLIC_INGRESS = 'HITRUST.CSF-EC2SecurityGroupNoPublicIngress';
  /** A symmetric KMS key does not rotate. */
  public static readonly KMS_KEY_ROTATION = 'HITRUST.CSF-KMSKeyRotation';
  /** A Secrets Manager secret is not rotated automatically at least once a year. */
  public static readonly SECRETSMANAGER_SECRET_ROTATION = 'HITRUST.CSF-SecretsManagerSecretRotation';
  /** An SNS topic is not encrypted with a customer managed KMS key. */
  public static readonly SNS_TOPIC_CUSTOMER_MANAGED_KEY = 'HITRUST.CSF-SNSTopicCustomerManagedKey';
  /** An SNS topic accepts publishing over plain HTTP. */
  public static readonly SNS_TOPIC_SSL_ONLY = 'HITRUST.CSF-SNSTopicSSLOnly';

  private constructor() {}
}
