import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance } from 'cdk-nag';
import { EC2SecurityGroupNoPublicIngress } from '../../../src/nag/rules/ec2';
import { findings, newStack } from '../fixtures';
import { deployTimeString, deployTimeValue, runRule, type Build, type Case } from './builders';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

const group = (ingress?: ec2.CfnSecurityGroup.IngressProperty[]): Build =>
  (s) => new ec2.CfnSecurityGroup(s, 'Group', { groupDescription: 'cache', vpcId: 'vpc-1', securityGroupIngress: ingress });
const standalone = (props: Partial<ec2.CfnSecurityGroupIngressProps>): Build =>
  (s) => new ec2.CfnSecurityGroupIngress(s, 'Ingress', { groupId: 'sg-1', ipProtocol: 'tcp', fromPort: 6380, toPort: 6380, ...props });

describe('EC2SecurityGroupNoPublicIngress', () => {
  test.each<Case>([
    ['passes ingress from a security group', group([{ ipProtocol: 'tcp', fromPort: 6380, toPort: 6380, sourceSecurityGroupId: 'sg-app' }]), COMPLIANT],
    ['passes ingress from a private CIDR', group([{ ipProtocol: 'tcp', fromPort: 6380, toPort: 6380, cidrIp: '10.0.0.0/16' }]), COMPLIANT],
    ['passes a group without ingress', group(), COMPLIANT],
    ['fails 0.0.0.0/0', group([{ ipProtocol: 'tcp', fromPort: 6380, toPort: 6380, cidrIp: '0.0.0.0/0' }]), NON_COMPLIANT],
    ['fails ::/0', group([{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv6: '::/0' }]), NON_COMPLIANT],
    ['fails 0.0.0.0/0 on any port, not only the cache port', group([{ ipProtocol: '-1', cidrIp: '0.0.0.0/0' }]), NON_COMPLIANT],
    ['fails a deploy-time CIDR', (s) => group([{ ipProtocol: 'tcp', fromPort: 1, toPort: 1, cidrIp: deployTimeString(s) }])(s), NON_COMPLIANT],
    ['fails a deploy-time ingress list', (s) => new ec2.CfnSecurityGroup(s, 'Group', { groupDescription: 'x', securityGroupIngress: deployTimeValue(s) }), NON_COMPLIANT],
    ['passes a standalone ingress from a security group', standalone({ sourceSecurityGroupId: 'sg-app' }), COMPLIANT],
    ['fails a standalone ingress from 0.0.0.0/0', standalone({ cidrIp: '0.0.0.0/0' }), NON_COMPLIANT],
    ['fails a standalone ingress from ::/0', standalone({ cidrIpv6: '::/0' }), NON_COMPLIANT],
    ['passes the CIDR of a VPC in the app, read with GetAtt (interface endpoints)', (s) => {
      const vpc = new ec2.CfnVPC(s, 'Vpc', { cidrBlock: '10.1.0.0/16' });
      return group([{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: vpc.attrCidrBlock }])(s);
    }, COMPLIANT],
    ['passes a hand-written GetAtt of a subnet CIDR', (s) => {
      new ec2.CfnSubnet(s, 'Subnet', { vpcId: 'vpc-1', cidrBlock: '10.1.1.0/24' });
      return standalone({ cidrIp: { 'Fn::GetAtt': ['Subnet', 'CidrBlock'] } as unknown as string })(s);
    }, COMPLIANT],
    ['fails a GetAtt of a VPC whose own CIDR is only known at deploy time', (s) => {
      const vpc = new ec2.CfnVPC(s, 'Vpc', { cidrBlock: deployTimeString(s) });
      return group([{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: vpc.attrCidrBlock }])(s);
    }, NON_COMPLIANT],
    ['fails another attribute of a VPC used as a CIDR', (s) => {
      const vpc = new ec2.CfnVPC(s, 'Vpc', { cidrBlock: '10.1.0.0/16' });
      return group([{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: vpc.attrDefaultSecurityGroup }])(s);
    }, NON_COMPLIANT],
    ['does not apply to an egress rule', (s) => new ec2.CfnSecurityGroupEgress(s, 'Egress', { groupId: 'sg-1', ipProtocol: '-1', cidrIp: '0.0.0.0/0' }), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(EC2SecurityGroupNoPublicIngress, build)).toBe(expected);
  });

  test('passes an interface endpoint, whose security group admits the VPC CIDR', () => {
    const { app, stack } = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    vpc.addInterfaceEndpoint('SecretsManager', { service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER });
    expect(findings(app)).toEqual({});
  });

  test('reports an L2 security group opened to the internet', () => {
    // GIVEN
    const { app, stack } = newStack();
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['us-east-1a'] });
    const sg = new ec2.SecurityGroup(stack, 'Group', { vpc });
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(6380));

    // WHEN
    const result = findings(app);

    // THEN
    expect(result).toEqual({ 'HITRUST.CSF-EC2SecurityGroupNoPublicIngress': ['Stack/Group/Resource'] });
  });
});
