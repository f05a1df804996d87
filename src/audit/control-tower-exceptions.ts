import type { ControlTowerException } from '../private/control-tower';

/**
 * Why the trail bucket has no S3 Object Lock (AWS Control Tower CT.S3.PR.9), and what protects the records instead.
 */
export const TRAIL_BUCKET_HAS_NO_OBJECT_LOCK =
  'The trail bucket has no S3 Object Lock. A default retention would make every CloudTrail delivery an upload under ' +
  'Object Lock, for which S3 requires that "The Content-MD5 or x-amz-sdk-checksum-algorithm header is required for any ' +
  'request to upload an object with a retention period configured using Object Lock." (Amazon S3 User Guide, Object Lock ' +
  'considerations), which the CloudTrail documentation does not promise; Object Lock without a retention would meet the ' +
  'control\'s wording and protect nothing (a design choice, not an impossibility); and Object Lock cannot be undone: "After you enable ' +
  'Object Lock on a bucket, you can\'t disable Object Lock or suspend versioning for that bucket." (Amazon S3 User ' +
  'Guide, Configuring S3 Object Lock). The records are protected instead by CloudTrail log file integrity validation ' +
  '(EnableLogFileValidation: signed SHA-256 digest files reveal any log file changed or deleted), versioning (a ' +
  'record deleted or overwritten stays 90 days as a noncurrent version), SSE-KMS with the trail\'s key, TLS-only access ' +
  'and blocked public access (HITRUST 1202.09aa1). Where WORM audit records are required, deliver an organization trail ' +
  'to an Object Lock bucket of the log archive account.';

/** The AWS Control Tower controls the trail bucket does not meet, and why. */
export const TRAIL_BUCKET_CONTROL_TOWER_EXCEPTIONS: readonly ControlTowerException[] = [
  { control: 'CT.S3.PR.9', reason: TRAIL_BUCKET_HAS_NO_OBJECT_LOCK },
];
