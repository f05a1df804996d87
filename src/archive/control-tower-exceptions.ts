import { STAGING_NEEDS_SSE_S3 } from './peer-acknowledgements';
import type { ControlTowerException } from '../private/control-tower';

/**
 * Why the staging bucket has no S3 Object Lock (AWS Control Tower CT.S3.PR.9). The archive bucket it feeds has it.
 */
export const STAGING_NEEDS_NO_OBJECT_LOCK =
  'The staging bucket is a transit point that must be emptied, not a record. Object Lock protects an object only under a ' +
  'retention period or legal hold. A default retention here would keep every export for the whole retention: the export ' +
  'function\'s delete once a copy is verified and the 7-day lifecycle expiry would only add delete markers ("Although you ' +
  'can\'t delete a protected object version, you can still create a delete marker for that object.", Amazon S3 User ' +
  'Guide, Object Lock considerations), and the noncurrent versions they leave could not expire. ElastiCache writes the ' +
  'exports here, and S3 requires of every upload under a retention that "The ' +
  'Content-MD5 or x-amz-sdk-checksum-algorithm header is required for any request to upload an object with a retention ' +
  'period configured using Object Lock." (Amazon S3 User Guide, Object Lock considerations), which ElastiCache does not ' +
  'document sending. Object Lock without a retention would meet the control\'s wording and protect nothing: a design ' +
  'choice, not an impossibility. The record kept for ' +
  'HITRUST 1616.09l1 is the archive bucket: S3 Object Lock in COMPLIANCE mode for the whole retention, SSE-KMS.';

/** The AWS Control Tower controls the staging bucket does not meet, and why. */
export const STAGING_CONTROL_TOWER_EXCEPTIONS: readonly ControlTowerException[] = [
  { control: 'CT.S3.PR.9', reason: STAGING_NEEDS_NO_OBJECT_LOCK },
  { control: 'CT.S3.PR.10', reason: STAGING_NEEDS_SSE_S3 },
];
