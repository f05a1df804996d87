import type { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CompliantRedisReplicationGroup } from '../../src';
import { envStack, importedIsolatedVpc, isolatedVpc as isolatedVpcOf } from '../helpers/cache-stack';

// AWS facts lambda-vpc-no-internet-without-nat and cfn-custom-resource-response-to-s3: the archive's functions run in
// the VPC (AWS Control Tower CT.LAMBDA.PR.3), so in isolated subnets they reach ElastiCache, SNS and S3 (the ACL custom
// resource's answer to CloudFormation included) only through VPC endpoints. Rotation is off: its endpoints are tested
// in test/rotation/api-reachability.test.ts.

let app: App;
let stack: Stack;
beforeEach(() => {
  ({ app, stack } = envStack());
});

const isolatedVpc = (): ec2.Vpc => isolatedVpcOf(stack);

function cache(vpc: ec2.IVpc): CompliantRedisReplicationGroup {
  return new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, credentialRotation: false });
}

describe('the snapshot archive in a VPC without a route to the AWS APIs', () => {
  test('fails synth in isolated subnets without endpoints, naming the three APIs, the endpoints to add and the way out', () => {
    cache(isolatedVpc());

    expect(() => app.synth()).toThrow(new RegExp(
      '\\[Stack/Cache/Archive\\] the snapshot archive .* runs in isolated subnets \\(no NAT gateway\\) and the VPC has no VPC endpoint for ' +
        'elasticache, sns and s3: .*HITRUST 1616\\.09l1.*`vpc\\.addInterfaceEndpoint\\(\\.\\.\\.\\)` for InterfaceVpcEndpointAwsService\\.ELASTICACHE and ' +
        'InterfaceVpcEndpointAwsService\\.SNS and `vpc\\.addGatewayEndpoint\\(\\.\\.\\.\\)` for GatewayVpcEndpointAwsService\\.S3.*`snapshotArchive: false`',
      's',
    ));
  });

  test('names only the endpoints that are missing', () => {
    const vpc = isolatedVpc();
    vpc.addInterfaceEndpoint('ElastiCache', { service: ec2.InterfaceVpcEndpointAwsService.ELASTICACHE });
    cache(vpc);

    expect(() => app.synth()).toThrow(/no VPC endpoint for sns and s3:/);
  });

  test('says "interface endpoint" when only interface-only APIs are missing', () => {
    const vpc = isolatedVpc();
    vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    cache(vpc);

    expect(() => app.synth()).toThrow(/no interface endpoint for elasticache and sns: it could never reach those APIs/);
  });

  test('passes once the endpoints exist, even when added after the construct: an S3 gateway endpoint counts', () => {
    const vpc = isolatedVpc();
    cache(vpc);
    vpc.addInterfaceEndpoint('ElastiCache', { service: ec2.InterfaceVpcEndpointAwsService.ELASTICACHE });
    vpc.addInterfaceEndpoint('Sns', { service: ec2.InterfaceVpcEndpointAwsService.SNS });
    vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });

    expect(() => app.synth()).not.toThrow();
  });

  test('the staging bucket\'s ACL custom resource waits for the VPC\'s endpoints, which its function needs to answer CloudFormation', () => {
    // GIVEN
    const vpc = isolatedVpc();
    const group = cache(vpc);
    const endpoints = [
      vpc.addInterfaceEndpoint('ElastiCache', { service: ec2.InterfaceVpcEndpointAwsService.ELASTICACHE }),
      vpc.addInterfaceEndpoint('Sns', { service: ec2.InterfaceVpcEndpointAwsService.SNS }),
      vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 }),
    ];
    const other = new ec2.Vpc(stack, 'Other', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const elsewhere = other.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });

    // WHEN
    const resources = Template.fromStack(stack).toJSON().Resources;

    // THEN
    const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
    const acl = resources[id(group.snapshotArchive!.node.findChild('Staging').node.findChild('ElastiCacheAcl'))];
    expect(acl.DependsOn).toEqual(expect.arrayContaining(endpoints.map(id)));
    expect(acl.DependsOn).not.toContain(id(elsewhere));
  });

  // AWS facts cfn-custom-resource-response-url-legacy-host and s3-interface-endpoints-no-legacy-hosts
  test('an S3 interface endpoint does not count: the custom resource answers CloudFormation on a host it does not serve', () => {
    const vpc = isolatedVpc();
    vpc.addInterfaceEndpoint('ElastiCache', { service: ec2.InterfaceVpcEndpointAwsService.ELASTICACHE });
    vpc.addInterfaceEndpoint('Sns', { service: ec2.InterfaceVpcEndpointAwsService.SNS });
    vpc.addInterfaceEndpoint('S3', { service: ec2.InterfaceVpcEndpointAwsService.S3 });
    cache(vpc);

    expect(() => app.synth()).toThrow(/no gateway endpoint for s3: .*`vpc.addGatewayEndpoint\(...\)` for GatewayVpcEndpointAwsService.S3/);
  });

  test('an S3 gateway endpoint next to an interface one counts', () => {
    const vpc = isolatedVpc();
    vpc.addInterfaceEndpoint('ElastiCache', { service: ec2.InterfaceVpcEndpointAwsService.ELASTICACHE });
    vpc.addInterfaceEndpoint('Sns', { service: ec2.InterfaceVpcEndpointAwsService.SNS });
    vpc.addInterfaceEndpoint('S3', { service: ec2.InterfaceVpcEndpointAwsService.S3 });
    vpc.addGatewayEndpoint('S3Gateway', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    cache(vpc);

    expect(() => app.synth()).not.toThrow();
  });

  test('a gateway endpoint does not count for an API that has interface endpoints only', () => {
    const vpc = isolatedVpc();
    new ec2.CfnVPCEndpoint(stack, 'Gateway', { vpcId: vpc.vpcId, serviceName: 'com.amazonaws.us-east-1.sns' });
    vpc.addInterfaceEndpoint('ElastiCache', { service: ec2.InterfaceVpcEndpointAwsService.ELASTICACHE });
    vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    cache(vpc);

    expect(() => app.synth()).toThrow(/no interface endpoint for sns: it could never reach that API/);
  });

  test('an endpoint of another VPC does not count', () => {
    const vpc = isolatedVpc();
    const other = new ec2.Vpc(stack, 'Other', { maxAzs: 2 });
    other.addInterfaceEndpoint('ElastiCache', { service: ec2.InterfaceVpcEndpointAwsService.ELASTICACHE });
    other.addInterfaceEndpoint('Sns', { service: ec2.InterfaceVpcEndpointAwsService.SNS });
    other.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    cache(vpc);

    expect(() => app.synth()).toThrow(/no VPC endpoint for elasticache, sns and s3:/);
  });

  test('passes without endpoints when the archive is off', () => {
    new CompliantRedisReplicationGroup(stack, 'Cache', { vpc: isolatedVpc(), credentialRotation: false, snapshotArchive: false });

    expect(() => app.synth()).not.toThrow();
  });

  test('passes in subnets with a NAT gateway, without endpoints', () => {
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 3, natGateways: 1 });
    cache(vpc);

    expect(() => app.synth()).not.toThrow();
  });

  test('an imported VPC (whose endpoints the app cannot see) gets a warning instead', () => {
    const vpc = importedIsolatedVpc(stack);
    cache(vpc);

    Template.fromStack(stack);
    Annotations.fromStack(stack).hasWarning('/Stack/Cache/Archive',
      Match.stringLikeRegexp('no VPC endpoint for elasticache, sns and s3.*the VPC is imported'));
  });
});
