import type { IConstruct } from 'constructs';
import { CacheAuthenticationMode } from './cache-authentication';
import type { ResolvedSettings } from './settings';
import { acknowledgePeerFindings, type PeerAcknowledgement } from '../private/peer-acknowledgements';

/**
 * A peer check (cdk-nag AwsSolutions, HIPAA.Security, NIST.800.53.R5, PCI.DSS.321) that is wrong for this
 * construct, with the reason an auditor reads in the validation report and in the evidence report.
 */
export interface CachePeerAcknowledgement extends PeerAcknowledgement {
  /** When the acknowledgement applies. */
  readonly appliesTo: (settings: ResolvedSettings) => boolean;
}

/** The acknowledged peer findings. Never add one to make a finding that is right go away. */
export const PEER_ACKNOWLEDGEMENTS: readonly CachePeerAcknowledgement[] = [
  {
    id: 'AwsSolutions-AEC6',
    path: 'Resource',
    appliesTo: (s) => s.authentication.mode !== CacheAuthenticationMode.AUTH_TOKEN,
    reason:
      'AEC6 accepts only a Redis AUTH token. This replication group authenticates every client with role-based ' +
      'access control (UserGroupIds): the user group holds named password or IAM users only (plus, on Redis OSS, the ' +
      '`default` user ElastiCache requires there, switched off), so each connection authenticates as a named user. AWS recommends RBAC over AUTH for Redis OSS >= 6 and Valkey, ' +
      'and the AWS Config rule elasticache-rbac-auth-enabled requires it (HITRUST 0805.01m1).',
  },
];

/** Records the applicable acknowledgements on the construct's children. */
export function acknowledgeCachePeerFindings(scope: IConstruct, settings: ResolvedSettings): void {
  acknowledgePeerFindings(scope, PEER_ACKNOWLEDGEMENTS.filter((a) => a.appliesTo(settings)));
}
