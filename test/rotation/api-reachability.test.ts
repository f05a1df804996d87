import type { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CompliantRedisReplicationGroup } from '../../src';
import { envStack, importedIsolatedVpc, isolatedVpc as isolatedVpcOf } from '../helpers/cache-stack';

// AWS facts secretsmanager-rotation-function-network-access, lambda-vpc-no-internet-without-nat and
// elasticache-api-interface-vpc-endpoint: a function in isolated subnets reaches AWS APIs only through interface endpoints.
// The snapshot archive is off: its own functions' endpoints are tested in test/archive/api-reachability.test.ts.

let app: App;
let stack: Stack;
beforeEach(() => {
  ({ app, stack } = envStack());
});

const isolatedVpc = (): ec2.Vpc => isolatedVpcOf(stack);

describe('rotation in a VPC without a route to the AWS APIs', () => {
  test('fails synth in isolated subnets without interface endpoints, naming both services and the way out', () => {
    new CompliantRedisReplicationGroup(stack, 'Cache', { vpc: isolatedVpc(), snapshotArchive: false });
    expect(() => app.synth()).toThrow(
      /\[Stack\/Cache\/Rotation\] the rotation function runs in isolated subnets \(no NAT gateway\) and the VPC has no interface endpoint for secretsmanager and elasticache.*HITRUST 0805\.01m1.*SECRETS_MANAGER and InterfaceVpcEndpointAwsService\.ELASTICACHE.*credentialRotation: false/s);
  });

  test('names only the endpoint that is missing', () => {
    const vpc = isolatedVpc();
    vpc.addInterfaceEndpoint('SecretsManager', { service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER });
    new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, snapshotArchive: false });
    expect(() => app.synth()).toThrow(/no interface endpoint for elasticache:/);
  });

  test('passes once both interface endpoints exist, even when added after the construct', () => {
    const vpc = isolatedVpc();
    new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, snapshotArchive: false });
    vpc.addInterfaceEndpoint('SecretsManager', { service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER });
    vpc.addInterfaceEndpoint('ElastiCache', { service: ec2.InterfaceVpcEndpointAwsService.ELASTICACHE });
    expect(() => app.synth()).not.toThrow();
  });

  test('a gateway endpoint does not count (Secrets Manager and ElastiCache have interface endpoints only)', () => {
    const vpc = isolatedVpc();
    new ec2.CfnVPCEndpoint(stack, 'Gateway', { vpcId: vpc.vpcId, serviceName: 'com.amazonaws.us-east-1.secretsmanager' });
    vpc.addInterfaceEndpoint('ElastiCache', { service: ec2.InterfaceVpcEndpointAwsService.ELASTICACHE });
    new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, snapshotArchive: false });
    expect(() => app.synth()).toThrow(/no interface endpoint for secretsmanager:/);
  });

  test('passes without endpoints when rotation is off', () => {
    new CompliantRedisReplicationGroup(stack, 'Cache', { vpc: isolatedVpc(), credentialRotation: false, snapshotArchive: false });
    expect(() => app.synth()).not.toThrow();
  });

  test('an imported VPC (whose endpoints the app cannot see) gets a warning instead', () => {
    const vpc = importedIsolatedVpc(stack);
    new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, snapshotArchive: false });
    Template.fromStack(stack);
    Annotations.fromStack(stack).hasWarning('/Stack/Cache/Rotation', Match.stringLikeRegexp('no interface endpoint for secretsmanager and elasticache.*the VPC is imported'));
  });
});
