import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { CacheAuthenticationMode } from './cache-authentication';
import type { ResolvedSettings } from './settings';

/**
 * A peer check (cdk-nag AwsSolutions, HIPAA.Security, NIST.800.53.R5, PCI.DSS.321) that is wrong for this
 * construct, with the reason an auditor reads in the validation report and in the evidence report.
 */
export interface PeerAcknowledgement {
  /** The rule ID, e.g. 'AwsSolutions-AEC6'. */
  readonly id: string;
  /** The construct path below the replication group construct, '' for the group itself. */
  readonly path: string;
  /** Why the finding is wrong here. */
  readonly reason: string;
  /** When the acknowledgement applies. */
  readonly appliesTo: (settings: ResolvedSettings) => boolean;
}

/** The acknowledged peer findings. Never add one to make a finding that is right go away. */
export const PEER_ACKNOWLEDGEMENTS: readonly PeerAcknowledgement[] = [
  {
    id: 'AwsSolutions-AEC6',
    path: 'Resource',
    appliesTo: (s) => s.authentication.mode !== CacheAuthenticationMode.AUTH_TOKEN,
    reason:
      'AEC6 accepts only a Redis AUTH token. This replication group authenticates every client with role-based ' +
      'access control (UserGroupIds): a user group whose `default` user is switched off, so each connection ' +
      'authenticates as a named password or IAM user. AWS recommends RBAC over AUTH for Redis OSS >= 6 and Valkey, ' +
      'and the AWS Config rule elasticache-rbac-auth-enabled requires it (HITRUST 0805.01m1).',
  },
];

/** Records the applicable acknowledgements on the construct's children. */
export function acknowledgePeerFindings(scope: IConstruct, settings: ResolvedSettings): void {
  for (const ack of PEER_ACKNOWLEDGEMENTS.filter((a) => a.appliesTo(settings))) {
    const target = ack.path === '' ? scope : scope.node.findChild(ack.path);
    Validations.of(target).acknowledge({ id: ack.id, reason: ack.reason });
  }
}
