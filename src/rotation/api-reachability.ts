import { Annotations, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { IConstruct } from 'constructs';

/** The AWS APIs the rotation function calls, by the last part of their endpoint service name. */
export const ROTATION_API_SERVICES = ['secretsmanager', 'elasticache'] as const;

/** What {@link checkApiReachability} looks at. */
export interface ApiReachabilityInput {
  /** The function's VPC. */
  readonly vpc: ec2.IVpc;
  /** The subnets the function runs in. */
  readonly subnets: ec2.SelectedSubnets;
}

/**
 * The rotation function calls the Secrets Manager and ElastiCache APIs. A function in a VPC reaches them only
 * through a NAT gateway or VPC interface endpoints: "Connecting a function to a public subnet doesn't give it
 * internet access or a public IP address" and a function connected to a VPC "can't access the internet" without
 * one (AWS Lambda Developer Guide); Secrets Manager: "the rotation function ... needs network access" to its
 * endpoint.
 *
 * In isolated subnets (no route to a NAT gateway), the function needs an interface endpoint for each API. This
 * returns the services that have none in the VPC as the app defines it. For a VPC defined in the app, a missing
 * endpoint is an error: every rotation would fail. For an imported VPC, whose endpoints the app cannot see, it
 * is a warning.
 *
 * @returns validation errors (empty when the APIs are reachable or the VPC is imported)
 */
export function checkApiReachability(scope: IConstruct, input: ApiReachabilityInput): string[] {
  const isolated = new Set(input.vpc.isolatedSubnets.map((s) => s.subnetId));
  const allIsolated = input.subnets.subnets.length > 0 && input.subnets.subnets.every((s) => isolated.has(s.subnetId));
  if (!allIsolated) return [];

  const serviceNames = interfaceEndpointServiceNames(scope, input.vpc);
  const missing = ROTATION_API_SERVICES.filter((service) => !serviceNames.some((name) => name.includes(`.${service}"`)));
  if (missing.length === 0) return [];
  const message =
    `the rotation function runs in isolated subnets (no NAT gateway) and the VPC has no interface endpoint for ${missing.join(' and ')}: ` +
    'it could never reach those APIs and every rotation would fail (HITRUST 0805.01m1, 1903.06d1: credential rotation). Add ' +
    `\`vpc.addInterfaceEndpoint(...)\` for ${missing.map(endpointName).join(' and ')}, select subnets with a NAT gateway in \`vpcSubnets\`, ` +
    'or set `credentialRotation: false`';
  if (input.vpc.node.defaultChild instanceof ec2.CfnVPC) {
    return [message];
  }
  Annotations.of(scope).addWarningV2('cdk-hitrust-redis:rotationApiUnreachable', `${message} (the VPC is imported: ignore this if its endpoints exist)`);
  return [];
}

function endpointName(service: string): string {
  return service === 'secretsmanager' ? 'InterfaceVpcEndpointAwsService.SECRETS_MANAGER' : 'InterfaceVpcEndpointAwsService.ELASTICACHE';
}

/** The service names (resolved, as JSON) of the app's interface endpoints in this VPC: one walk of the app. */
function interfaceEndpointServiceNames(scope: IConstruct, vpc: ec2.IVpc): string[] {
  const stack = Stack.of(scope);
  const vpcId = JSON.stringify(stack.resolve(vpc.vpcId));
  return scope.node.root.node.findAll()
    .filter((c): c is ec2.CfnVPCEndpoint => c instanceof ec2.CfnVPCEndpoint)
    .filter((c) => (c.vpcEndpointType === undefined ? 'Gateway' : stack.resolve(c.vpcEndpointType)) === 'Interface')
    .filter((c) => JSON.stringify(stack.resolve(c.vpcId)) === vpcId)
    .map((c) => JSON.stringify(stack.resolve(c.serviceName)));
}
