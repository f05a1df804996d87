import { Annotations, Aspects, type CfnResource, type IAspect, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { IConstruct } from 'constructs';

/** An AWS API a function in a VPC calls. */
export interface AwsApi {
  /** The last part of its endpoint service name, e.g. `secretsmanager` (com.amazonaws.<region>.secretsmanager). */
  readonly service: string;
  /** The aws-cdk-lib constant that names its endpoint, e.g. `InterfaceVpcEndpointAwsService.SECRETS_MANAGER`. */
  readonly endpoint: string;
  /** Whether a gateway endpoint serves it too (S3 and DynamoDB have both kinds; every other API interface only). */
  readonly gateway?: boolean;
  /**
   * Whether only a gateway endpoint serves the caller: true for a custom resource's answer to CloudFormation, a PUT to
   * a presigned S3 URL on a legacy host ("https://cloudformation-custom-resource-response-useast1.s3-us-east-1.amazonaws.com/...",
   * AWS Lambda Developer Guide), which S3 interface endpoints do not serve ("Interface endpoints for Amazon S3 does not
   * support the following: ... Legacy global endpoints ... S3 dash Region endpoints", Amazon S3 User Guide).
   */
  readonly gatewayOnly?: boolean;
}

/** Whether an endpoint of the VPC serves an API as the caller uses it. */
function serves(endpoint: { serviceName: string; type: string }, api: AwsApi): boolean {
  if (!endpoint.serviceName.includes(`.${api.service}"`)) return false;
  if (api.gatewayOnly === true) return endpoint.type === 'Gateway';
  return endpoint.type === 'Interface' || api.gateway === true;
}

/** What {@link checkApiReachability} looks at, and what its message says. */
export interface ApiReachabilityInput {
  /** The function's VPC. */
  readonly vpc: ec2.IVpc;
  /** The subnets the function runs in. */
  readonly subnets: ec2.SelectedSubnets;
  /** The AWS APIs the function calls. */
  readonly apis: readonly AwsApi[];
  /** Who calls them, e.g. `the rotation function`. */
  readonly caller: string;
  /** What breaks when they are unreachable, and the control it serves, e.g. `every rotation would fail (HITRUST ...)`. */
  readonly consequence: string;
  /** The prop that turns the feature off, e.g. `` `credentialRotation: false` ``. */
  readonly optOut: string;
  /** The ID of the warning given for an imported VPC, e.g. `cdk-hitrust-redis:rotationApiUnreachable`. */
  readonly warningId: string;
}

/**
 * A function in a VPC reaches the AWS APIs only through a NAT gateway or VPC endpoints: "Connecting a function to a
 * public subnet doesn't give it internet access or a public IP address" and a function connected to a VPC "can't access
 * the internet" without one (AWS Lambda Developer Guide).
 *
 * In isolated subnets (no route to a NAT gateway), the function needs an endpoint for each API: an interface endpoint,
 * or for S3 a gateway endpoint as well. This returns the APIs that have none in the VPC as the app defines it. For a
 * VPC defined in the app, a missing endpoint is an error: the function could never work. For an imported VPC, whose
 * endpoints the app cannot see, it is a warning.
 *
 * @returns validation errors (empty when the APIs are reachable or the VPC is imported)
 */
export function checkApiReachability(scope: IConstruct, input: ApiReachabilityInput): string[] {
  const isolated = new Set(input.vpc.isolatedSubnets.map((s) => s.subnetId));
  const allIsolated = input.subnets.subnets.length > 0 && input.subnets.subnets.every((s) => isolated.has(s.subnetId));
  if (!allIsolated) return [];

  const endpoints = vpcEndpoints(scope, input.vpc);
  const missing = input.apis.filter((api) => !endpoints.some((e) => serves(e, api)));
  if (missing.length === 0) return [];
  const kind = missing.every((api) => api.gateway !== true && api.gatewayOnly !== true) ? 'interface endpoint'
    : missing.every((api) => api.gatewayOnly === true) ? 'gateway endpoint' : 'VPC endpoint';
  const message =
    `${input.caller} runs in isolated subnets (no NAT gateway) and the VPC has no ${kind} for ${and(missing.map((api) => api.service))}: ` +
    `it could never reach ${missing.length === 1 ? 'that API' : 'those APIs'} and ${input.consequence}. Add ${and(remedies(missing))}, ` +
    `select subnets with a NAT gateway in \`vpcSubnets\`, or set ${input.optOut}`;
  if (input.vpc.node.defaultChild instanceof ec2.CfnVPC) {
    return [message];
  }
  Annotations.of(scope).addWarningV2(input.warningId, `${message} (the VPC is imported: ignore this if its endpoints exist)`);
  return [];
}

/**
 * Makes a resource that runs a VPC function during the deployment (a custom resource) wait for the VPC endpoints the
 * app defines in the same stack. Lambda's own dependency covers a NAT gateway's routes only (aws-cdk-lib's
 * `internetConnectivityEstablished`); in isolated subnets the function reaches the AWS APIs through endpoints, which
 * CloudFormation could otherwise create after it runs. An aspect, so that endpoints added after the construct count.
 */
export function waitForVpcEndpoints(resource: CfnResource, vpc: ec2.IVpc): void {
  Aspects.of(resource).add(new WaitForVpcEndpoints(resource, vpc));
}

class WaitForVpcEndpoints implements IAspect {
  constructor(private readonly resource: CfnResource, private readonly vpc: ec2.IVpc) {}

  public visit(node: IConstruct): void {
    if (node !== this.resource) return;
    const stack = Stack.of(node);
    const vpcId = JSON.stringify(stack.resolve(this.vpc.vpcId));
    stack.node.findAll()
      .filter((c): c is ec2.CfnVPCEndpoint => c instanceof ec2.CfnVPCEndpoint && Stack.of(c) === stack)
      .filter((c) => JSON.stringify(stack.resolve(c.vpcId)) === vpcId)
      .forEach((endpoint) => this.resource.node.addDependency(endpoint));
  }
}

/** The calls that add the missing endpoints: interface endpoints first, in one phrase. */
function remedies(missing: readonly AwsApi[]): string[] {
  const interfaces = missing.filter((api) => api.gateway !== true && api.gatewayOnly !== true).map((api) => api.endpoint);
  const gateways = missing.filter((api) => api.gateway === true || api.gatewayOnly === true).map((api) => api.endpoint);
  return [
    ...(interfaces.length > 0 ? [`\`vpc.addInterfaceEndpoint(...)\` for ${and(interfaces)}`] : []),
    ...(gateways.length > 0 ? [`\`vpc.addGatewayEndpoint(...)\` for ${and(gateways)}`] : []),
  ];
}

/** `a`, `a and b`, `a, b and c`. */
function and(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The app's endpoints in this VPC, with their service names resolved (as JSON): one walk of the app. */
function vpcEndpoints(scope: IConstruct, vpc: ec2.IVpc): { serviceName: string; type: string }[] {
  const stack = Stack.of(scope);
  const vpcId = JSON.stringify(stack.resolve(vpc.vpcId));
  return scope.node.root.node.findAll()
    .filter((c): c is ec2.CfnVPCEndpoint => c instanceof ec2.CfnVPCEndpoint)
    .filter((c) => JSON.stringify(stack.resolve(c.vpcId)) === vpcId)
    .map((c) => ({
      serviceName: JSON.stringify(stack.resolve(c.serviceName)),
      type: c.vpcEndpointType === undefined ? 'Gateway' : String(stack.resolve(c.vpcEndpointType)),
    }));
}
