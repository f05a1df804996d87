import { Aws, CfnCondition, CfnMapping, type CfnResource, CustomResource, Duration, Fn, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { STAGING_CONTROL_TOWER_EXCEPTIONS } from './control-tower-exceptions';
import {
  ELASTICACHE_BUCKET_ACL_PERMISSIONS,
  ELASTICACHE_CANONICAL_ID,
  ELASTICACHE_EXPORT_BUCKET_ACTIONS,
  type ExportRegionKind,
} from './export-access';
import { StagingAclFunction } from './staging-acl-function';
import { waitForVpcEndpoints } from '../private/api-reachability';
import { sendEventsToEventBridge } from '../private/bucket-events';
import { stateControlTowerExceptions } from '../private/control-tower';
import { HitrustValidationError } from '../private/errors';
import { acknowledgePeerFindings } from '../private/peer-acknowledgements';
import { vpcNetworkInterfaceStatement } from '../private/vpc-function';

/** Props of {@link StagingBucket}. */
export interface StagingBucketProps {
  /** How long an export stays in staging, archived or not. */
  readonly expiry: Duration;
  /** The bucket that receives the server access logs. */
  readonly accessLogBucket: s3.IBucket;
  /** The log group of the custom resource that sets the bucket ACL (default Regions only). */
  readonly aclLogGroup: logs.ILogGroup;
  /** The dead-letter topic of that custom resource's function: an event it could not handle is reported there. */
  readonly deadLetterTopic: sns.ITopic;
  /** The key that encrypts that function's environment. */
  readonly encryptionKey: kms.IKey;
  /** The VPC that function runs in (AWS Control Tower CT.LAMBDA.PR.3). */
  readonly vpc: ec2.IVpc;
  /** Its subnets in the VPC: they must reach S3 (the ACL calls and CloudFormation's pre-signed response URL). */
  readonly vpcSubnets: ec2.SubnetSelection;
  /** Its security group: HTTPS out. */
  readonly securityGroup: ec2.ISecurityGroup;
}

/** The CloudFormation mapping name that tells a Region's kind in a region-agnostic stack. */
export const REGION_KIND_MAPPING_ID = 'ElastiCacheExportRegionKinds';

/**
 * The bucket ElastiCache exports into, and the restore reads from: SSE-S3 (the only encryption both the export and
 * the seeding of a new group support), no Object Lock, a lifecycle that deletes every object after `expiry`, TLS
 * only, no public access, server access logs, events to EventBridge, and access for ElastiCache as the Region's kind
 * requires (see ./export-access.ts). It states the AWS Control Tower controls it does not meet
 * (./control-tower-exceptions.ts).
 */
export class StagingBucket extends Construct {
  /** The bucket. */
  public readonly bucket: s3.Bucket;
  /** The kind of Region, or `deploy-time` when the stack is region-agnostic (then decided by a mapping). */
  public readonly regionKind: ExportRegionKind;

  constructor(scope: Construct, id: string, props: StagingBucketProps) {
    super(scope, id);
    this.regionKind = exportRegionKind(Stack.of(this));

    this.bucket = new s3.Bucket(this, 'Resource', {
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // "Customer managed keys cannot be used when exporting backups to your selected Amazon S3 bucket", and "You can
      // encrypt a Valkey or Redis OSS .rdb file with Amazon S3 server-side encryption (SSE-S3) only." (seeding)
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: this.regionKind === 'opt-in' ? s3.ObjectOwnership.BUCKET_OWNER_ENFORCED : s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      versioned: true,
      // retained like the archive: a stack deletion never fails on a non-empty bucket, and the lifecycle empties it
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'staging-bucket/',
      lifecycleRules: [
        {
          id: 'ExpireStagedExports',
          expiration: props.expiry,
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: props.expiry,
        },
        { id: 'RemoveExpiredDeleteMarkers', expiredObjectDeleteMarker: true },
      ],
    });
    sendEventsToEventBridge(this.bucket);
    stateControlTowerExceptions(this.bucket.node.defaultChild as s3.CfnBucket, STAGING_CONTROL_TOWER_EXCEPTIONS);
    this.bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'ElastiCacheSnapshotExport',
      principals: [new iam.ServicePrincipal(`${Stack.of(this).region}.elasticache-snapshot.amazonaws.com`)],
      actions: [...ELASTICACHE_EXPORT_BUCKET_ACTIONS],
      resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
    }));

    if (this.regionKind !== 'opt-in') {
      const acl = this.grantElastiCacheBucketAcl(props);
      if (this.regionKind === 'deploy-time') this.decideAtDeployTime(acl);
    }
  }

  /**
   * The bucket ACL grant to ElastiCache's canonical ID (default Regions): CloudFormation sets canned ACLs only, so a
   * custom resource reads the bucket's owner and writes the ACL: the owner's FULL_CONTROL plus ElastiCache's grants
   * (./staging-acl.ts). Its function runs only at deployment, once at a time, in the VPC, with its own least-privilege
   * policy.
   */
  private grantElastiCacheBucketAcl(props: StagingBucketProps): CfnResource[] {
    const bucketArn = this.bucket.bucketArn;
    const policy = new iam.ManagedPolicy(this, 'AclPolicy', {
      description: 'Reads the snapshot staging bucket\'s owner and writes its ACL grant for ElastiCache; writes its logs',
      statements: [
        new iam.PolicyStatement({ sid: 'SetTheStagingBucketAcl', actions: ['s3:GetBucketAcl', 's3:PutBucketAcl'], resources: [bucketArn] }),
        new iam.PolicyStatement({ sid: 'WriteTheLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [props.aclLogGroup.logGroupArn] }),
        new iam.PolicyStatement({ sid: 'ReportUndeliveredEvents', actions: ['sns:Publish'], resources: [props.deadLetterTopic.topicArn] }),
        ...(props.deadLetterTopic.masterKey === undefined ? [] : [new iam.PolicyStatement({
          sid: 'ReportToTheEncryptedTopic',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.deadLetterTopic.masterKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `sns.${Stack.of(this).region}.amazonaws.com` } },
        })]),
        // Lambda creates the function's network interfaces with its role
        vpcNetworkInterfaceStatement(),
      ],
    });
    const role = new iam.Role(this, 'AclRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Sets the ElastiCache export grant on the snapshot staging bucket ACL (default Regions)',
      managedPolicies: [policy],
    });
    const fn = new StagingAclFunction(this, 'AclFunction', {
      description: 'Grants ElastiCache access to the snapshot staging bucket by its ACL (CloudFormation custom resource)',
      role: role.withoutPolicyUpdates(),
      timeout: Duration.minutes(1),
      reservedConcurrentExecutions: 1,
      deadLetterTopic: props.deadLetterTopic,
      environmentEncryption: props.encryptionKey,
      logGroup: props.aclLogGroup,
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      securityGroups: [props.securityGroup],
    });
    const acl = new CustomResource(this, 'ElastiCacheAcl', {
      serviceToken: fn.functionArn,
      resourceType: 'Custom::ElastiCacheExportBucketAcl',
      properties: {
        BucketName: this.bucket.bucketName,
        // not read by the handler: a change of the grant in a new library version updates the resource
        Grants: `${ELASTICACHE_CANONICAL_ID}:${ELASTICACHE_BUCKET_ACL_PERMISSIONS.join(',')}`,
      },
    });
    // The ACL needs the ownership controls that enable ACLs, set with the bucket: its `BucketName` Ref already orders it
    // after the bucket. It comes after the bucket's policy and the role's policy too, which it does not reference.
    acl.node.addDependency(this.bucket.policy!, policy);
    // In isolated subnets the function reaches S3 (and CloudFormation's response URL) through the VPC's endpoints
    waitForVpcEndpoints(acl.node.defaultChild as CfnResource, props.vpc);
    acknowledgePeerFindings(this, [{
      id: 'AwsSolutions-IAM5[Resource::*]',
      path: 'AclPolicy/Resource',
      reason:
        'Only the VPC network-interface actions that Lambda performs with the function\'s role need `*` ' +
        '(ec2:CreateNetworkInterface, DescribeNetworkInterfaces, DescribeSubnets, DeleteNetworkInterface, ' +
        'AssignPrivateIpAddresses, UnassignPrivateIpAddresses): the interfaces do not exist before Lambda creates them, ' +
        'and ec2:DescribeNetworkInterfaces works only when allowed on all resources (Lambda developer guide, VPC access); ' +
        'they are the statement of the AWS managed policy AWSLambdaVPCAccessExecutionRole (v3) without its logs actions. ' +
        'Every other statement names its resource: the staging bucket, the log group, the dead-letter topic and its key.',
    }]);
    return [acl.node.defaultChild as CfnResource, fn.node.defaultChild as CfnResource, role.node.defaultChild as CfnResource,
      policy.node.defaultChild as CfnResource];
  }

  /**
   * A region-agnostic stack: the Region's kind comes from a mapping of every Region aws-cdk-lib knows in the `aws`
   * partition. A Region missing from it fails the deployment (Fn::FindInMap has no key), never silently picks a kind.
   */
  private decideAtDeployTime(aclResources: CfnResource[]): void {
    const stack = Stack.of(this);
    const mapping = (stack.node.tryFindChild(REGION_KIND_MAPPING_ID) as CfnMapping | undefined) ?? new CfnMapping(stack, REGION_KIND_MAPPING_ID, {
      mapping: Object.fromEntries(RegionInfo.regions
        .filter((r) => r.partition === 'aws')
        .map((r) => [r.name, { OptIn: r.isOptInRegion ? 'true' : 'false' }])),
    });
    const optIn = new CfnCondition(this, 'InOptInRegion', { expression: Fn.conditionEquals(mapping.findInMap(Aws.REGION, 'OptIn'), 'true') });
    const byDefault = new CfnCondition(this, 'InDefaultRegion', { expression: Fn.conditionNot(optIn) });
    (this.bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride(
      'OwnershipControls.Rules.0.ObjectOwnership',
      Fn.conditionIf(optIn.logicalId, s3.ObjectOwnership.BUCKET_OWNER_ENFORCED, s3.ObjectOwnership.BUCKET_OWNER_PREFERRED),
    );
    for (const resource of aclResources) resource.cfnOptions.condition = byDefault;
  }
}

/**
 * The kind of the stack's Region: `default` or `opt-in` where the stack has a Region, `deploy-time` where it is
 * region-agnostic.
 *
 * @throws HitrustValidationError for a Region outside the `aws` partition (no documented export grant in China; no
 * customer managed key for ElastiCache in GovCloud) or a Region aws-cdk-lib does not know (its kind cannot be told)
 */
export function exportRegionKind(stack: Stack): ExportRegionKind {
  const region = stack.region;
  if (Token.isUnresolved(region)) return 'deploy-time';
  if (!RegionInfo.regions.some((r) => r.name === region)) {
    throw new HitrustValidationError('SnapshotArchive', [
      'the stack\'s Region must be one aws-cdk-lib knows, to tell a default from an opt-in Region for the snapshot ' +
        `archive's export grant (HITRUST 1616.09l1), got: ${region}; upgrade aws-cdk-lib`,
    ]);
  }
  const info = RegionInfo.get(region);
  if (info.partition !== 'aws') {
    throw new HitrustValidationError('SnapshotArchive', [
      'the stack\'s Region must be in the aws partition for the snapshot archive (HITRUST 1616.09l1): AWS documents no ' +
        'ElastiCache export grant for the China Regions, and in GovCloud "The default (service managed) encryption is the ' +
        'only option available" (ElastiCache at-rest encryption), so the customer-managed key this library requires cannot ' +
        `be used there, got: ${region} (partition ${info.partition}); set \`snapshotArchive: false\` and archive the ` +
        'snapshots another way',
    ]);
  }
  return info.isOptInRegion ? 'opt-in' : 'default';
}
