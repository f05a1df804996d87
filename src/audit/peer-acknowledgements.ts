import type { IConstruct } from 'constructs';
import { accessLogsNeedSseS3, acknowledgePeerFindings, inEveryPack, type PeerAcknowledgement } from '../private/peer-acknowledgements';

/** The construct path of the bucket that receives the trail bucket's server access logs. */
const ACCESS_LOG_BUCKET = 'AccessLogs/Resource';
/** The construct path of the bucket that receives the trail's log files. */
const TRAIL_BUCKET = 'Bucket/Resource';

/** Whose server access logs the trail's access-log bucket receives. */
export const ACCESS_LOGS_OF = 'the trail bucket\'s';
/** Where the data those logs are about is protected, and how. */
export const ACCESS_LOGGED_DATA_PROTECTION =
  'the audit records themselves are in the trail bucket, encrypted with the customer-managed KMS key (HITRUST 0903.10f1)';

const SERVER_ACCESS_LOGS_NEED_SSE_S3 = accessLogsNeedSseS3(ACCESS_LOGS_OF, ACCESS_LOGGED_DATA_PROTECTION);

const REPLICATION_IS_NOT_A_RETENTION_CONTROL =
  'Cross-Region replication is asked for the availability of data (contingency planning). This bucket holds ' +
  'CloudTrail audit records or the S3 access logs of the audit bucket, not ePHI, and the HITRUST guide (Step 6, ' +
  '1202.09aa1) requires them to be retained: 90 days, then archived at least one year, which versioning and the ' +
  'lifecycle rules (Glacier after 90 days, expiry after `recordRetention`) provide. S3 stores every object ' +
  'redundantly across at least three Availability Zones (99.999999999% durability), and CloudTrail log file ' +
  'validation proves that no record was changed or removed. A replica needs a bucket in another Region, owned ' +
  'by a stack in that Region: where policy asks for a second Region, replicate the organization\'s log archive.';

/**
 * The acknowledged peer findings of a `CompliantTrail`. Never add one to make a finding that is right go away:
 * every other finding of the four packs is fixed in the construct.
 */
export const TRAIL_PEER_ACKNOWLEDGEMENTS: readonly PeerAcknowledgement[] = [
  ...inEveryPack('S3DefaultEncryptionKMS', ACCESS_LOG_BUCKET, SERVER_ACCESS_LOGS_NEED_SSE_S3),
  ...inEveryPack('S3BucketReplicationEnabled', TRAIL_BUCKET, REPLICATION_IS_NOT_A_RETENTION_CONTROL),
  ...inEveryPack('S3BucketReplicationEnabled', ACCESS_LOG_BUCKET, REPLICATION_IS_NOT_A_RETENTION_CONTROL),
];

/** Records the acknowledgements on the trail's children. */
export function acknowledgeTrailPeerFindings(trail: IConstruct): void {
  acknowledgePeerFindings(trail, TRAIL_PEER_ACKNOWLEDGEMENTS);
}
