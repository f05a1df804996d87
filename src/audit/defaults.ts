/**
 * The audit baseline (guide Step 6): every default of the audit constructs, named and explained once.
 */
import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';

/** The HITRUST controls of guide Step 6 (logging and monitoring) that an audit trail evidences. */
export const AUDIT_TRAIL_CONTROLS = ['1202.09aa1', '1203.09aa1', '1204.09aa1', '12100.09ab2', '1270.09ad1'];

/**
 * Records stay in S3 Standard this long, then move to the archive storage class (guide Step 6: "Records must be
 * retained for 90 days with older records being archived").
 */
export const ARCHIVE_AFTER = Duration.days(90);

/**
 * Default record retention: 6 years, the HIPAA documentation retention (45 CFR 164.316(b)(2)(i)). 2,192 days
 * covers the two leap days that six calendar years can hold.
 */
export const DEFAULT_RECORD_RETENTION = Duration.days(2192);

/** The least record retention accepted: archived for at least one year (guide Step 6, HITRUST 1202.09aa1). */
export const MIN_RECORD_RETENTION_DAYS = 365;

/**
 * How long a record that was deleted or expired is kept as a noncurrent version before it is removed: the window
 * in which an unexpected deletion can be noticed (S3 server access logs, log file validation) and undone.
 */
export const NONCURRENT_VERSION_RETENTION = Duration.days(90);

/** Incomplete multipart uploads are cleaned up after this many days. */
export const ABORT_INCOMPLETE_UPLOADS_AFTER = Duration.days(7);

/** CloudWatch Logs retention of the trail's log group: one year (guide Step 6). */
export const DEFAULT_TRAIL_LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

/** The least CloudWatch Logs retention accepted (AWS Config cw-loggroup-retention-period-check uses 365 too). */
export const MIN_TRAIL_LOG_RETENTION_DAYS = 365;

/** Prefix of the trail bucket's server access logs in the access-log bucket. */
export const ACCESS_LOG_PREFIX = 'trail-bucket/';

/** Default minimum automatic-backup retention checked by AWS Config (the guide's and the construct's 35 days). */
export const DEFAULT_MINIMUM_SNAPSHOT_RETENTION_DAYS = 35;

/** ElastiCache keeps automatic backups for at most 35 days. */
export const MAX_SNAPSHOT_RETENTION_DAYS = 35;

/** AWS Config rule names: at most 128 characters. */
export const MAX_CONFIG_RULE_NAME_LENGTH = 128;
