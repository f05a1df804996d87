import type { IConstruct } from 'constructs';
import { acknowledgePeerFindings, type PeerAcknowledgement } from '../private/peer-acknowledgements';

/** The acknowledged peer findings. Never add one to make a finding that is right go away. */
export const ROTATION_PEER_ACKNOWLEDGEMENTS: readonly PeerAcknowledgement[] = [
  {
    id: 'AwsSolutions-IAM5[Resource::*]',
    path: 'Policy',
    reason:
      'Two statements need `*`, and only these. secretsmanager:GetRandomPassword: AWS defines no resource type for it ' +
      '(it returns a random string and touches no resource). The VPC network-interface actions that Lambda performs with ' +
      'the function\'s role (ec2:CreateNetworkInterface, DescribeNetworkInterfaces, DescribeSubnets, DeleteNetworkInterface, ' +
      'AssignPrivateIpAddresses, UnassignPrivateIpAddresses): the interfaces do not exist before Lambda creates them, and ' +
      'ec2:DescribeNetworkInterfaces works only when allowed on all resources (Lambda developer guide, VPC access); they are ' +
      'the statement of the AWS managed policy AWSLambdaVPCAccessExecutionRole (v3) without its logs actions. Every other ' +
      'statement names its resource: the secret, its KMS key (through Secrets Manager only), the ElastiCache user or ' +
      'replication group, and the function\'s log group.',
  },
  ...['HIPAA.Security-LambdaDLQ', 'NIST.800.53.R5-LambdaDLQ'].map((id) => ({
    id,
    path: 'Function',
    reason:
      'Secrets Manager invokes a rotation function synchronously, one step at a time (Lambda developer guide, "Using Lambda ' +
      'with Secrets Manager"), and a dead-letter queue only receives the events of failed asynchronous invocations (Lambda API ' +
      'reference, DeadLetterConfig): it would stay empty. Secrets Manager handles a failed step itself: it stops the rotation ' +
      'before finishSecret, so AWSCURRENT stays on the working credential, and retries the entire rotation (Secrets Manager ' +
      'user guide, "Rotation by Lambda function"). A failed step shows in the function\'s Errors metric and KMS-encrypted log ' +
      'group, and raises the failure alarm when `failureAlarmTopic` is set.',
  })),
];

/** Records the acknowledgements on the rotation construct's children. */
export function acknowledgeRotationPeerFindings(scope: IConstruct): void {
  acknowledgePeerFindings(scope, ROTATION_PEER_ACKNOWLEDGEMENTS);
}
