/**
 * The snapshot archive's baseline (guide Step 5, HITRUST 1616.09l1): every default, named and explained once.
 */
import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';

/** The HITRUST controls of guide Step 5 (back-ups) that the archive evidences. */
export const ARCHIVE_CONTROLS = ['1616.09l1', '1618.09l1', '1620.09l1'];

/**
 * Default retention of an archived snapshot: 6 years, the guide's "at least 6 years" (Step 5), which is the HIPAA
 * documentation retention (45 CFR 164.316(b)(2)(i)). 2,192 days covers the two leap days six calendar years can hold.
 */
export const DEFAULT_RETENTION = Duration.days(2192);

/**
 * How long after the end of the snapshot window the export runs. ElastiCache starts the backup within the window;
 * the snapshot of a large cache may still be `creating` when the window ends, and a snapshot that is not yet
 * `available` cannot be exported (the export then reports the missing day).
 */
export const DEFAULT_EXPORT_DELAY = Duration.hours(1);

/**
 * Archived snapshots stay in S3 Standard this long, then move to S3 Glacier Deep Archive.
 *
 * For 35 days (the most ElastiCache keeps automatic snapshots, guide Step 5) ElastiCache holds the same snapshot, and
 * the archive copy stays in S3 Standard in case the group is gone (its automatic snapshots are deleted with it): a
 * new group can then be seeded from the archive at once. After that the archive is the only copy, kept for the
 * records retention, where a Deep Archive restore of 12 hours (standard) to 48 hours (bulk) is acceptable. Deep
 * Archive's 180-day minimum storage charge never applies: Object Lock keeps every version for `retention` (at least
 * 365 days) anyway.
 */
export const DEEP_ARCHIVE_AFTER = Duration.days(35);

/**
 * How long a version hidden by a delete marker (lifecycle expiration at the end of the retention, or a deletion) is
 * kept before lifecycle removes it. S3 never removes a version before its Object Lock retention ends; these days
 * give time to notice an unexpected deletion (server access logs) and undo it.
 */
export const NONCURRENT_VERSION_RETENTION = Duration.days(30);

/** Incomplete multipart uploads (ElastiCache uploads large snapshots in parts) are cleaned up after this many days. */
export const ABORT_INCOMPLETE_UPLOADS_AFTER = Duration.days(7);

/**
 * The function lists snapshots, starts an export (ElastiCache writes it asynchronously) and copies the staged exports
 * into the archive inside S3 (CopyObject, or parallel UploadPartCopy above 5 GiB): the most Lambda allows, so that a
 * large export is copied in one run. A copy that does not finish is retried by the next run.
 */
export const FUNCTION_TIMEOUT = Duration.minutes(15);

/**
 * How long an export stays in the staging bucket. The daily run copies it into the archive the next day; a copy
 * that fails is retried every day and reported each time, so the operators have six runs to fix it. Short, because
 * staging holds the data SSE-S3 only ("Customer managed keys cannot be used when exporting backups to your selected
 * Amazon S3 bucket"): a verified copy is deleted from staging at once. `SnapshotArchive`'s public docs state the
 * number of days (this constant is not exported): update them with it.
 */
export const STAGING_EXPIRY = Duration.days(7);

/**
 * Lambda retries a failed asynchronous invocation this many times (after about 1 and 3 minutes) before handing it to
 * the dead-letter topic: a throttled API call does not cost a day of the archive.
 */
export const RETRY_ATTEMPTS = 2;

/** CloudWatch Logs retention of the export function's log group: one year (guide Step 6). */
export const DEFAULT_LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

/** Prefix of the archive bucket's server access logs in the access-log bucket. */
export const ACCESS_LOG_PREFIX = 'archive-bucket/';
