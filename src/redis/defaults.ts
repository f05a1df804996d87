/**
 * The HITRUST baseline: every default the construct applies, named and explained once.
 *
 * Create-only values (FIELD-NOTES §3: Port, encryption, subnet group, network type, data tiering, AZs)
 * are written out explicitly from the first version and must never change here: a new default
 * would replace every existing group on upgrade.
 */
import * as logs from 'aws-cdk-lib/aws-logs';

/** Redis and Valkey listen on 6379 by default; the guide (Step 2) asks for another port. */
export const ENGINE_DEFAULT_PORT = 6379;

/** The construct's port: not the engine default (guide Step 2, HITRUST 0706.10b1). */
export const DEFAULT_PORT = 6380;

/** Ports ElastiCache accepts for a replication group. */
export const MIN_PORT = 1024;
/** Highest TCP port. */
export const MAX_PORT = 65535;

/** Replicas per shard: two, so that a failover still leaves a replica (HITRUST 1410.09e2). */
export const DEFAULT_REPLICAS_PER_SHARD = 2;
/** Multi-AZ with automatic failover needs at least one replica per shard. */
export const MIN_REPLICAS_PER_SHARD = 1;
/** ElastiCache allows at most five replicas per shard. */
export const MAX_REPLICAS_PER_SHARD = 5;
/** One shard: cluster mode disabled. */
export const DEFAULT_SHARDS = 1;
/** ElastiCache's shard quota per cluster-mode-enabled group (raisable by AWS support). */
export const MAX_SHARDS = 500;

/** Alarms per member node (4 misuse + 5 health metrics). */
export const ALARMS_PER_NODE = 9;
/**
 * Most member nodes alarmed inside the construct: 40 nodes make 360 alarms, which leaves room for the cache's
 * own resources and the rest of the stack under CloudFormation's 500 resources per stack.
 */
export const MAX_ALARMED_NODES = 40;

/** The guide's retention (Step 5): 35 days, the most ElastiCache keeps. */
export const DEFAULT_SNAPSHOT_RETENTION_DAYS = 35;
/** Below this the pack (and auditors) treat automatic backups as too short (HIPAA/NIST packs use 15). */
export const MIN_SNAPSHOT_RETENTION_DAYS = 15;
/** ElastiCache's maximum. */
export const MAX_SNAPSHOT_RETENTION_DAYS = 35;

/** Daily snapshot window (UTC), clear of the maintenance window. */
export const DEFAULT_SNAPSHOT_WINDOW = '03:00-05:00';
/** Weekly maintenance window (UTC), after the snapshot window. */
export const DEFAULT_MAINTENANCE_WINDOW = 'sun:06:00-sun:07:00';
/** ElastiCache requires a window of at least 60 minutes. */
export const MIN_WINDOW_MINUTES = 60;

/** CloudWatch Logs retention for the engine logs (guide Step 6: archived at least one year). */
export const DEFAULT_LOG_RETENTION = logs.RetentionDays.ONE_YEAR;
/** The least retention accepted (AWS Config cw-loggroup-retention-period-check uses 365 too). */
export const MIN_LOG_RETENTION_DAYS = 365;

/** The application user of RBAC / IAM modes may use every command but the dangerous ones (FLUSHALL, CONFIG, KEYS ...). */
export const DEFAULT_ACCESS_STRING = 'on ~* &* +@all -@dangerous';
/** The application user's name in RBAC password mode. */
export const DEFAULT_USER_NAME = 'app';
/** The Redis `default` user, kept in every user group and switched off. */
export const DISABLED_DEFAULT_USER_ACCESS_STRING = 'off -@all';

/** Length of generated passwords and AUTH tokens (ElastiCache accepts 16 to 128). */
export const PASSWORD_LENGTH = 64;
/**
 * Printable ASCII that AUTH tokens and user passwords must not contain: the only special
 * characters ElastiCache accepts are `! & # $ ^ < > -`.
 */
export const PASSWORD_EXCLUDED_CHARACTERS = ' "%\'()*+,./:;=?@[\\]_`{|}~';

/** Tag that marks the class of data the cache holds. */
export const DATA_CLASSIFICATION_TAG = 'DataClassification';
/** The default data class. */
export const DEFAULT_DATA_CLASSIFICATION = 'PHI';
/** Tag naming the compliance framework the resources are configured for. */
export const COMPLIANCE_TAG = 'ComplianceFramework';
/** Value of the compliance tag. */
export const COMPLIANCE_TAG_VALUE = 'HITRUST-CSF';

/** ReplicationGroupId limits (stored lower case). */
export const MAX_REPLICATION_GROUP_ID_LENGTH = 40;
