import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * A peer check (cdk-nag AwsSolutions, HIPAA.Security, NIST.800.53.R5, PCI.DSS.321) that is wrong for one of this
 * library's constructs, with the reason an auditor reads in the validation report and in the evidence report.
 * Never add one to make a finding that is right go away.
 */
export interface PeerAcknowledgement {
  /** The rule ID, with the finding for rules that report several, e.g. 'AwsSolutions-IAM5[Resource::*]'. */
  readonly id: string;
  /** The construct path below the acknowledging construct ('' for the construct itself), e.g. 'Bucket/Resource'. */
  readonly path: string;
  /** Why the finding is wrong here. */
  readonly reason: string;
}

/** The packs whose S3 and Lambda rules share a rule name. */
export const PACKS_WITH_SHARED_RULE_NAMES = ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'];

/** One acknowledgement per pack that reports `ruleName`. */
export function inEveryPack(ruleName: string, path: string, reason: string): PeerAcknowledgement[] {
  return PACKS_WITH_SHARED_RULE_NAMES.map((pack) => ({ id: `${pack}-${ruleName}`, path, reason }));
}

/**
 * Why an S3 server access log destination is encrypted with SSE-S3, not the customer-managed key.
 *
 * @param logsOf whose access logs the bucket receives, e.g. "the archive bucket's"
 * @param dataProtection where the protected data is, and under which control, e.g. "the archived snapshots ... (HITRUST 1616.09l1)"
 */
export function accessLogsNeedSseS3(logsOf: string, dataProtection: string): string {
  return `This bucket is the destination of ${logsOf} S3 server access logs. Amazon S3 supports default ` +
    'encryption on a server access log destination bucket only with SSE-S3 (AES-256): "Default server-side encryption ' +
    'with AWS Key Management Service (AWS KMS) keys (SSE-KMS) is not supported" (Amazon S3 User Guide, Enabling Amazon ' +
    'S3 server access logging). The access logs are encrypted at rest with SSE-S3, the bucket accepts only TLS >= 1.2 ' +
    `requests, blocks public access and disables ACLs; ${dataProtection}.`;
}

/** Records each acknowledgement on the construct at its path below `scope`. */
export function acknowledgePeerFindings(scope: IConstruct, acknowledgements: readonly PeerAcknowledgement[]): void {
  for (const ack of acknowledgements) {
    const target = ack.path === '' ? scope : ack.path.split('/').reduce((node: IConstruct, id) => node.node.findChild(id), scope);
    Validations.of(target).acknowledge({ id: ack.id, reason: ack.reason });
  }
}
