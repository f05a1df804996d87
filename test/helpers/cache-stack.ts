import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** Context that keeps the default CloudFormation validator from failing a synth (its findings are tested separately). */
export const NO_FAIL_CONTEXT = { '@aws-cdk/core:failSynthOnValidationErrors': false };

/**
 * Makes the bundled CloudFormation validator's findings (cfn-lint rules and resource schemas) errors, so that
 * every synth in the tests is checked against them.
 */
export const STRICT_CFN_VALIDATION = { '@aws-cdk/core:validateAgainstDefaultRules': true };

/**
 * A fresh app and stack with a VPC of three AZs: private (with NAT), isolated and public subnets. The app writes its
 * cloud assembly to `outdir` when given (a temporary directory otherwise).
 */
export function cacheStack(context: Record<string, unknown> = {}, outdir?: string): { app: App; stack: Stack; vpc: ec2.Vpc } {
  const { app, stack } = envStack(new App({ context: { ...STRICT_CFN_VALIDATION, ...context }, ...(outdir === undefined ? {} : { outdir }) }));
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 3,
    natGateways: 1,
    subnetConfiguration: [
      // a NAT gateway has its own Elastic IP: nothing launched here needs a public IP (Control Tower CT.EC2.PR.11)
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false },
      { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
  });
  return { app, stack, vpc };
}

/** A stack named `Stack` in account 123456789012, us-east-1, with three AZs in context (no lookup). */
export function envStack(app: App = new App()): { app: App; stack: Stack } {
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  stack.node.setContext('availability-zones:account=123456789012:region=us-east-1', ['us-east-1a', 'us-east-1b', 'us-east-1c']);
  return { app, stack };
}

/** A VPC of three AZs with isolated subnets only: no NAT gateway, no route to the AWS APIs but endpoints. */
export function isolatedVpc(stack: Stack): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 3,
    natGateways: 0,
    subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
}

/** An imported VPC with two isolated subnets: the app cannot see its endpoints. */
export function importedIsolatedVpc(stack: Stack): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(stack, 'Imported', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    isolatedSubnetIds: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'],
  });
}
