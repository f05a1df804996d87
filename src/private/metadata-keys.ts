/**
 * Construct metadata keys shared by the constructs (which write them on L1 resources) and the HITRUST pack
 * (which reads them). Kept here so that neither side imports the other.
 */

/**
 * How the cache's API activity is audited: `{ source, description, assumed, trailName?, trailArn?, controls }`.
 * When `assumed` is true the trail is outside the app, and the evidence report shows its controls as assumed.
 */
export const AUDIT_TRAIL_METADATA_KEY = 'cdk-hitrust-redis:audit-trail';
