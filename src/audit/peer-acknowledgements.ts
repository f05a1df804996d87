import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * A peer check (cdk-nag AwsSolutions, HIPAA.Security, NIST.800.53.R5, PCI.DSS.321) that is wrong for a
 * `CompliantTrail`, with the reason an auditor reads in the validation report and in the evidence report.
 */
export interface TrailPeerAcknowledgement {
  /** The rule ID, e.g. 'HIPAA.Security-S3DefaultEncryptionKMS'. */
  readonly id: string;
  /** The construct path below the `CompliantTrail`. */
  readonly path: string;
  /** Why the finding is wrong here. */
  readonly reason: string;
}

/** The packs whose S3 rules share a rule name. */
const PACKS_WITH_S3_RULES = ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'];

/** The construct path of the bucket that receives the trail bucket's server access logs. */
const ACCESS_LOG_BUCKET = 'AccessLogs/Resource';
/** The construct path of the bucket that receives the trail's log files. */
const TRAIL_BUCKET = 'Bucket/Resource';

const SERVER_ACCESS_LOGS_NEED_SSE_S3 =
  'This bucket is the destination of the trail bucket\'s S3 server access logs. Amazon S3 supports default ' +
  'encryption on a server access log destination bucket only with SSE-S3 (AES-256): "Default server-side ' +
  'encryption with AWS Key Management Service (AWS KMS) keys (SSE-KMS) is not supported" (Amazon S3 User Guide, ' +
  'Enabling Amazon S3 server access logging). The access logs are encrypted at rest with SSE-S3, the bucket ' +
  'accepts only TLS >= 1.2 requests, blocks public access and disables ACLs; the audit records themselves are ' +
  'in the trail bucket, encrypted with the customer-managed KMS key (HITRUST 0903.10f1).';

const REPLICATION_IS_NOT_A_RETENTION_CONTROL =
  'Cross-Region replication is asked for the availability of data (contingency planning). This bucket holds ' +
  'CloudTrail audit records or the S3 access logs of the audit bucket, not ePHI, and the HITRUST guide (Step 6, ' +
  '1202.09aa1) requires them to be retained: 90 days, then archived at least one year, which versioning and the ' +
  'lifecycle rules (Glacier after 90 days, expiry after `recordRetention`) provide. S3 stores every object ' +
  'redundantly across at least three Availability Zones (99.999999999% durability), and CloudTrail log file ' +
  'validation proves that no record was changed or removed. A replica needs a bucket in another Region, owned ' +
  'by a stack in that Region: where policy asks for a second Region, replicate the organization\'s log archive.';

/** One acknowledgement per pack that reports `ruleName`. */
function inEveryPack(ruleName: string, path: string, reason: string): TrailPeerAcknowledgement[] {
  return PACKS_WITH_S3_RULES.map((pack) => ({ id: `${pack}-${ruleName}`, path, reason }));
}

/**
 * The acknowledged peer findings of a `CompliantTrail`. Never add one to make a finding that is right go away:
 * every other finding of the four packs is fixed in the construct.
 */
export const TRAIL_PEER_ACKNOWLEDGEMENTS: readonly TrailPeerAcknowledgement[] = [
  ...inEveryPack('S3DefaultEncryptionKMS', ACCESS_LOG_BUCKET, SERVER_ACCESS_LOGS_NEED_SSE_S3),
  ...inEveryPack('S3BucketReplicationEnabled', TRAIL_BUCKET, REPLICATION_IS_NOT_A_RETENTION_CONTROL),
  ...inEveryPack('S3BucketReplicationEnabled', ACCESS_LOG_BUCKET, REPLICATION_IS_NOT_A_RETENTION_CONTROL),
];

/** Records the acknowledgements on the trail's children. */
export function acknowledgeTrailPeerFindings(trail: IConstruct): void {
  for (const ack of TRAIL_PEER_ACKNOWLEDGEMENTS) {
    const target = ack.path.split('/').reduce((node: IConstruct, id) => node.node.findChild(id), trail);
    Validations.of(target).acknowledge({ id: ack.id, reason: ack.reason });
  }
}
