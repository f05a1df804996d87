import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * The network-interface actions Lambda performs with a VPC function's execution role: the statement of the AWS managed
 * policy AWSLambdaVPCAccessExecutionRole (v3) without its logs actions, for a role whose only policy is the library's
 * customer-managed one. `*`: the interfaces do not exist before Lambda creates them, and ec2:DescribeNetworkInterfaces
 * works only when allowed on all resources.
 */
export function vpcNetworkInterfaceStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'ManageTheVpcNetworkInterfaces',
    actions: [
      'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
      'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses',
    ],
    resources: ['*'],
  });
}

/** The library's default subnets for a function, as for the replication group: private with egress, else isolated. */
export function defaultFunctionSubnets(vpc: ec2.IVpc): ec2.SubnetSelection {
  return { subnetType: vpc.privateSubnets.length > 0 ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED };
}
