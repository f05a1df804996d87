/**
 * Construct metadata keys shared by the constructs (which write them on L1 resources) and the HITRUST pack
 * (which reads them). Kept here so that neither side imports the other.
 */

/**
 * How the cache's API activity is audited: `{ source, description, assumed, trailName?, trailArn?, controls }`.
 * When `assumed` is true the trail is outside the app, and the evidence report shows its controls as assumed.
 */
export const AUDIT_TRAIL_METADATA_KEY = 'cdk-hitrust-redis:audit-trail';

/**
 * Where a replication group's snapshots are archived beyond ElastiCache's 35 days: `{ bucket: <construct path of the
 * AWS::S3::Bucket> }`. The pack verifies that bucket's own Object Lock settings.
 */
export const SNAPSHOT_ARCHIVE_METADATA_KEY = 'cdk-hitrust-redis:snapshot-archive';
