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
 * Where a replication group's snapshots are archived beyond ElastiCache's 35 days: a tag on the
 * `AWS::ElastiCache::ReplicationGroup` whose value is the archive bucket's name (a `Ref` to an `AWS::S3::Bucket` of
 * the app, or its literal name). Any app can state it, L1 resources included; the pack verifies that bucket's own
 * Object Lock settings, and the tag is visible on the deployed group to an auditor.
 */
export const SNAPSHOT_ARCHIVE_TAG = 'hitrust:snapshot-archive-bucket';
