import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { IConstruct } from 'constructs';
import { type AwsApi, checkApiReachability } from '../private/api-reachability';

/** The AWS APIs the rotation function calls. */
export const ROTATION_APIS: readonly AwsApi[] = [
  { service: 'secretsmanager', endpoint: 'InterfaceVpcEndpointAwsService.SECRETS_MANAGER' },
  { service: 'elasticache', endpoint: 'InterfaceVpcEndpointAwsService.ELASTICACHE' },
];

/**
 * The rotation function calls the Secrets Manager and ElastiCache APIs; Secrets Manager: "the rotation function ...
 * needs network access" to its endpoint. In isolated subnets it needs an interface endpoint for each (see
 * ../private/api-reachability.ts).
 *
 * @returns validation errors (empty when the APIs are reachable or the VPC is imported)
 */
export function checkRotationApiReachability(scope: IConstruct, vpc: ec2.IVpc, subnets: ec2.SelectedSubnets): string[] {
  return checkApiReachability(scope, {
    vpc,
    subnets,
    apis: ROTATION_APIS,
    caller: 'the rotation function',
    consequence: 'every rotation would fail (HITRUST 0805.01m1, 1903.06d1: credential rotation)',
    optOut: '`credentialRotation: false`',
    warningId: 'cdk-hitrust-redis:rotationApiUnreachable',
  });
}
