import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { IConstruct } from 'constructs';
import { type AwsApi, checkApiReachability } from '../private/api-reachability';

/**
 * The AWS APIs the archive's functions call: the export function ElastiCache, S3 and SNS; the staging bucket's ACL
 * function S3, to set the ACL and to answer CloudFormation ("Custom resources must send responses to a presigned
 * Amazon S3 URL. If they can't send responses to Amazon S3, CloudFormation won't receive a response and the stack
 * operation fails.", AWS::CloudFormation::CustomResource).
 */
export const ARCHIVE_APIS: readonly AwsApi[] = [
  { service: 'elasticache', endpoint: 'InterfaceVpcEndpointAwsService.ELASTICACHE' },
  { service: 'sns', endpoint: 'InterfaceVpcEndpointAwsService.SNS' },
  // a gateway endpoint only: the custom resource answers CloudFormation on a legacy S3 host, which S3 interface
  // endpoints do not serve (see AwsApi.gatewayOnly)
  { service: 's3', endpoint: 'GatewayVpcEndpointAwsService.S3', gatewayOnly: true },
];

/**
 * In isolated subnets, the archive's functions need an endpoint for each of {@link ARCHIVE_APIS} (see
 * ../private/api-reachability.ts).
 *
 * @returns validation errors (empty when the APIs are reachable or the VPC is imported)
 */
export function checkArchiveApiReachability(scope: IConstruct, vpc: ec2.IVpc, subnets: ec2.SelectedSubnets): string[] {
  return checkApiReachability(scope, {
    vpc,
    subnets,
    apis: ARCHIVE_APIS,
    caller: 'the snapshot archive (its daily export function and the staging bucket\'s ACL custom resource)',
    consequence: 'no snapshot would be archived nor any failure reported, and the deployment would wait for the ACL ' +
      'custom resource\'s answer until it fails (HITRUST 1616.09l1: back-up copies)',
    optOut: '`snapshotArchive: false` on the replication group',
    warningId: 'cdk-hitrust-redis:archiveApiUnreachable',
  });
}
