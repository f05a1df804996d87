import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * A peer check (cdk-nag AwsSolutions, HIPAA.Security, NIST.800.53.R5, PCI.DSS.321) that is wrong for the
 * rotation function, with the reason an auditor reads in the validation report and in the evidence report.
 */
export interface RotationPeerAcknowledgement {
  /** The rule ID, with the finding for rules that report several, e.g. 'AwsSolutions-IAM5[Resource::*]'. */
  readonly id: string;
  /** The construct path below the rotation construct. */
  readonly path: string;
  /** Why the finding is wrong here. */
  readonly reason: string;
}

/** The acknowledged peer findings. Never add one to make a finding that is right go away. */
export const ROTATION_PEER_ACKNOWLEDGEMENTS: readonly RotationPeerAcknowledgement[] = [
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
  for (const ack of ROTATION_PEER_ACKNOWLEDGEMENTS) {
    Validations.of(scope.node.findChild(ack.path)).acknowledge({ id: ack.id, reason: ack.reason });
  }
}
