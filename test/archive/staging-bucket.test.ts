import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { SnapshotArchive } from '../../src/archive';
import { elastiCacheBucketAcl } from '../../src/archive/staging-acl';
import { CompliantRedisReplicationGroup } from '../../src/redis';
import { cacheStack, NO_FAIL_CONTEXT, STRICT_CFN_VALIDATION } from '../helpers/cache-stack';

/** ElastiCache's canonical user ID in the Regions enabled by default, as the seeding guide prints it. */
const ELASTICACHE_CANONICAL_ID = '540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353';
const EXPORT_ACTIONS = ['s3:PutObject', 's3:GetObject', 's3:ListBucket', 's3:GetBucketAcl', 's3:ListMultipartUploadParts', 's3:ListBucketMultipartUploads'];

/** A SnapshotArchive in a stack of `region` (none: a region-agnostic stack), with every finding of the bundled validator an error. */
function archiveIn(region?: string, context: Record<string, unknown> = {}) {
  const app = new App({ context: { ...STRICT_CFN_VALIDATION, ...context } });
  const stack = new Stack(app, 'S', region === undefined ? {} : { env: { account: '123456789012', region } });
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const archive = new SnapshotArchive(stack, 'Archive', {
    replicationGroup: CompliantRedisReplicationGroup.fromReplicationGroupAttributes(stack, 'Group', { replicationGroupId: 'cache-rg', port: 6380 }),
    vpc: archiveVpc(stack),
    encryptionKey: key,
    notificationTopic: new sns.Topic(stack, 'Topic', { masterKey: key, enforceSSL: true }),
    snapshotWindow: '03:00-05:00',
    dataTiering: false,
    logGroupName: '/aws/vendedlogs/elasticache/cache-rg/archive',
  });
  return { app, stack, archive };
}

/** A VPC for the archive's functions: private subnets behind one NAT gateway, in two AZs. */
function archiveVpc(stack: Stack): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
}

/** The custom resource type that writes the staging bucket's ACL grant (default Regions). */
const ACL_RESOURCE_TYPE = 'Custom::ElastiCacheExportBucketAcl';

/** The synthesized parts of the staging bucket that the tests look at. */
function synthesized(archive: SnapshotArchive) {
  const stack = Stack.of(archive);
  const template = Template.fromStack(stack);
  const json = template.toJSON();
  const staging = archive.node.findChild('Staging');
  const logicalId = (x: IConstruct) => stack.getLogicalId((x.node.defaultChild ?? x) as never);
  const bucketId = logicalId(archive.stagingBucket);
  const [policy] = Object.values(template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: bucketId } } }));
  const resources = json.Resources; // the template as JSON: its resources are untyped
  return {
    template,
    resources,
    mappings: json.Mappings,
    conditions: json.Conditions,
    staging,
    logicalId,
    bucketId,
    bucket: resources[bucketId],
    elastiCacheStatements: (policy.Properties.PolicyDocument.Statement as Array<Record<string, unknown>>).filter((s) => s.Sid === 'ElastiCacheSnapshotExport'),
    /** Every custom resource of the stack, by logical ID. */
    customResources: Object.fromEntries(Object.keys(resources).filter((id) => resources[id].Type.startsWith('Custom::')).map((id) => [id, resources[id]])),
    /** The logical IDs of the ACL's custom resource, function, role and policy. */
    aclIds: () => ({
      acl: logicalId(staging.node.findChild('ElastiCacheAcl')),
      fn: logicalId(staging.node.findChild('AclFunction')),
      role: logicalId(staging.node.findChild('AclRole')),
      policy: logicalId(staging.node.findChild('AclPolicy')),
    }),
  };
}

const DEFAULT_REGION = 'us-east-1';
const OPT_IN_REGIONS = ['ap-east-1', 'me-south-1'];

// AWS facts enforced here (test/aws-facts): elasticache-export-bucket-policy (the six-action bucket policy in every
// Region), s3-elasticache-acl-migration (ACLs disabled only where the policy is ElastiCache's only grant),
// elasticache-opt-in-regions (the Region's kind: at synth, or from a mapping in a region-agnostic stack).
describe('in a Region enabled by default (us-east-1)', () => {
  test('the bucket enables ACLs (BucketOwnerPreferred): the ElastiCache grant is a bucket ACL there', () => {
    const { archive } = archiveIn(DEFAULT_REGION);

    const { bucket } = synthesized(archive);

    expect(archive._regionKind).toEqual('default');
    expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] });
  });

  test('the bucket policy grants us-east-1.elasticache-snapshot.amazonaws.com exactly the six export actions on the bucket and its objects', () => {
    const { archive } = archiveIn(DEFAULT_REGION);

    const { elastiCacheStatements, bucketId } = synthesized(archive);

    const bucketArn = { 'Fn::GetAtt': [bucketId, 'Arn'] };
    expect(elastiCacheStatements).toEqual([{
      Sid: 'ElastiCacheSnapshotExport',
      Effect: 'Allow',
      Principal: { Service: 'us-east-1.elasticache-snapshot.amazonaws.com' },
      Action: EXPORT_ACTIONS,
      Resource: [bucketArn, { 'Fn::Join': ['', [bucketArn, '/*']] }],
    }]);
  });

  test('one custom resource writes the bucket ACL: ElastiCache\'s READ, WRITE and READ_ACP beside the owner\'s FULL_CONTROL', () => {
    // GIVEN
    const { archive } = archiveIn(DEFAULT_REGION);

    // WHEN
    const { customResources, bucketId, aclIds } = synthesized(archive);

    // THEN
    const { acl, fn } = aclIds();
    expect(Object.keys(customResources)).toEqual([acl]);
    expect(customResources[acl].Type).toEqual(ACL_RESOURCE_TYPE);
    expect(customResources[acl].Properties).toEqual({
      ServiceToken: { 'Fn::GetAtt': [fn, 'Arn'] },
      BucketName: { Ref: bucketId },
      Grants: `${ELASTICACHE_CANONICAL_ID}:READ,WRITE,READ_ACP`,
    });
    // the grant the handler writes, which the Grants property mirrors so that a change of it updates the resource
    const owner = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';
    expect(elastiCacheBucketAcl(owner)).toEqual({
      Owner: { ID: owner },
      Grants: [
        { Grantee: { Type: 'CanonicalUser', ID: owner }, Permission: 'FULL_CONTROL' },
        ...['READ', 'WRITE', 'READ_ACP'].map((Permission) => ({ Grantee: { Type: 'CanonicalUser', ID: ELASTICACHE_CANONICAL_ID }, Permission })),
      ],
    });
  });

  test('the ACL is written after the bucket (whose ownership controls enable ACLs), its policy and the function\'s policy', () => {
    const { archive } = archiveIn(DEFAULT_REGION);

    const { customResources, aclIds, bucketId, logicalId, staging } = synthesized(archive);

    // the bucket by the Ref of BucketName; the policies, which it does not reference, by DependsOn
    const { acl, policy } = aclIds();
    expect(customResources[acl].Properties.BucketName).toEqual({ Ref: bucketId });
    expect([...customResources[acl].DependsOn].sort()).toEqual([logicalId(staging.node.findChild('Resource').node.findChild('Policy')), policy].sort());
  });

  test('no DependsOn repeats what a Ref already orders (cfn-lint W3005): the ACL does not name the bucket twice', () => {
    const { archive } = archiveIn(DEFAULT_REGION);

    const { customResources, aclIds, bucketId } = synthesized(archive);

    expect(customResources[aclIds().acl].DependsOn).not.toContain(bucketId);
  });

  test('its function runs once at a time in the VPC under the AclRole, whose one customer-managed policy allows the bucket ACL calls, the logs, the dead-letter topic and the VPC network interfaces only', () => {
    // GIVEN
    const { archive } = archiveIn(DEFAULT_REGION);
    const stack = Stack.of(archive);

    // WHEN
    const { resources, aclIds, bucketId, logicalId } = synthesized(archive);

    // THEN
    const { fn, role, policy } = aclIds();
    const key = logicalId(stack.node.findChild('Key'));
    const topic = logicalId(stack.node.findChild('Topic'));
    expect(resources[fn].Properties).toEqual(expect.objectContaining({
      Role: { 'Fn::GetAtt': [role, 'Arn'] },
      Runtime: 'nodejs24.x',
      ReservedConcurrentExecutions: 1,
      DeadLetterConfig: { TargetArn: { Ref: topic } },
      KmsKeyArn: { 'Fn::GetAtt': [key, 'Arn'] },
      LoggingConfig: { LogGroup: { Ref: logicalId(archive.logGroup) } },
    }));
    const vpc = stack.node.findChild('Vpc') as ec2.Vpc;
    expect(resources[fn].Properties.VpcConfig).toEqual({
      SecurityGroupIds: [{ 'Fn::GetAtt': [logicalId(archive.securityGroup), 'GroupId'] }],
      SubnetIds: vpc.privateSubnets.map((s) => ({ Ref: logicalId(s) })),
    });
    expect(resources[role].Properties.ManagedPolicyArns).toEqual([{ Ref: policy }]);
    expect(resources[role].Properties.Policies).toBeUndefined();
    expect(resources[role].Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ]);
    expect(resources[policy].Properties.PolicyDocument.Statement).toEqual([
      { Sid: 'SetTheStagingBucketAcl', Effect: 'Allow', Action: ['s3:GetBucketAcl', 's3:PutBucketAcl'], Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] } },
      { Sid: 'WriteTheLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logicalId(archive.logGroup), 'Arn'] } },
      { Sid: 'ReportUndeliveredEvents', Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: topic } },
      {
        Sid: 'ReportToTheEncryptedTopic',
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: { 'Fn::GetAtt': [key, 'Arn'] },
        Condition: { StringEquals: { 'kms:ViaService': 'sns.us-east-1.amazonaws.com' } },
      },
      {
        Sid: 'ManageTheVpcNetworkInterfaces',
        Effect: 'Allow',
        Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
        Resource: '*',
      },
    ]);
    expect([fn, role, policy, aclIds().acl].map((id) => resources[id].Condition)).toEqual([undefined, undefined, undefined, undefined]);
  });

  test('the ACL policy\'s one `*` (the VPC network interfaces Lambda creates) is acknowledged for AwsSolutions-IAM5, and fires without it', () => {
    // GIVEN
    const { app, archive } = archiveIn(DEFAULT_REGION);
    const policy = archive.node.findChild('Staging').node.findChild('AclPolicy').node.findChild('Resource');
    const iam5 = () => new AwsSolutionsChecks().validateScope(app).violations
      .filter((v) => v.ruleName === 'AwsSolutions-IAM5[Resource::*]')
      .flatMap((v) => v.violatingResources.map((r) => r.constructPath))
      .filter((p) => p === policy.node.path);
    const acknowledgement = policy.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);

    // THEN: acknowledged, with the reason an auditor reads
    expect(iam5()).toEqual([]);
    expect(JSON.stringify(acknowledgement)).toMatch(/ec2:DescribeNetworkInterfaces works only when allowed on all resources/);

    // WHEN: the acknowledgement is dropped, the finding is back
    const node = policy.node as unknown as { _metadata: { type: string }[] };
    node._metadata = node._metadata.filter((m) => m.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    expect(iam5()).toEqual([policy.node.path]);
  });

  test('two archives in one stack each set their own bucket\'s ACL with their own function and role', () => {
    // GIVEN
    const { stack, archive } = archiveIn(DEFAULT_REGION);
    const key = new kms.Key(stack, 'Key2', { enableKeyRotation: true });

    // WHEN
    const other = new SnapshotArchive(stack, 'Archive2', {
      replicationGroup: CompliantRedisReplicationGroup.fromReplicationGroupAttributes(stack, 'Group2', { replicationGroupId: 'other-rg', port: 6380 }),
      vpc: stack.node.findChild('Vpc') as ec2.Vpc,
      encryptionKey: key,
      notificationTopic: new sns.Topic(stack, 'Topic2', { masterKey: key, enforceSSL: true }),
      snapshotWindow: '03:00-05:00',
      dataTiering: false,
      logGroupName: '/aws/vendedlogs/elasticache/other-rg/archive',
    });

    // THEN
    const first = synthesized(archive);
    const second = synthesized(other);
    const serviceToken = (x: ReturnType<typeof synthesized>) => x.resources[x.aclIds().acl].Properties.ServiceToken;
    const roleOf = (x: ReturnType<typeof synthesized>) => x.resources[x.aclIds().fn].Properties.Role;
    expect(serviceToken(first)).not.toEqual(serviceToken(second));
    expect(roleOf(first)).toEqual({ 'Fn::GetAtt': [first.aclIds().role, 'Arn'] });
    expect(roleOf(second)).toEqual({ 'Fn::GetAtt': [second.aclIds().role, 'Arn'] });
    expect(second.resources[second.aclIds().policy].Properties.PolicyDocument.Statement[0].Resource).toEqual({ 'Fn::GetAtt': [second.bucketId, 'Arn'] });
  });

  test('a CompliantRedisReplicationGroup\'s own archive gets the same staging bucket and ACL grant', () => {
    // GIVEN
    const { stack, vpc } = cacheStack();

    // WHEN
    const cache = new CompliantRedisReplicationGroup(stack, 'Cache', { vpc });

    // THEN
    expect(cache.snapshotArchive?._regionKind).toEqual('default');
    const { bucket, customResources, aclIds } = synthesized(cache.snapshotArchive!);
    expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] });
    expect(customResources[aclIds().acl].Type).toEqual(ACL_RESOURCE_TYPE);
  });
});

describe.each(OPT_IN_REGIONS)('in an opt-in Region (%s)', (region) => {
  test('the bucket disables ACLs (BucketOwnerEnforced) and no custom resource touches its ACL', () => {
    // GIVEN
    const { archive } = archiveIn(region);

    // WHEN
    const { template, bucket, customResources, staging } = synthesized(archive);

    // THEN
    expect(archive._regionKind).toEqual('opt-in');
    expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(customResources).toEqual({});
    template.resourceCountIs(ACL_RESOURCE_TYPE, 0);
    for (const id of ['ElastiCacheAcl', 'AclFunction', 'AclRole', 'AclPolicy']) expect(staging.node.tryFindChild(id)).toBeUndefined();
    template.resourceCountIs('AWS::Lambda::Function', 1); // the export function, no custom resource function
    template.resourceCountIs('AWS::IAM::Role', 1);
  });

  test(`the bucket policy grants ${region}.elasticache-snapshot.amazonaws.com exactly the six export actions on the bucket and its objects`, () => {
    const { archive } = archiveIn(region);

    const { elastiCacheStatements, bucketId } = synthesized(archive);

    const bucketArn = { 'Fn::GetAtt': [bucketId, 'Arn'] };
    expect(elastiCacheStatements).toEqual([{
      Sid: 'ElastiCacheSnapshotExport',
      Effect: 'Allow',
      Principal: { Service: `${region}.elasticache-snapshot.amazonaws.com` },
      Action: EXPORT_ACTIONS,
      Resource: [bucketArn, { 'Fn::Join': ['', [bucketArn, '/*']] }],
    }]);
  });
});

describe('in a region-agnostic stack', () => {
  test('a mapping of every aws-partition Region tells opt-in Regions from default ones', () => {
    const { archive } = archiveIn();

    const { mappings } = synthesized(archive);

    expect(archive._regionKind).toEqual('deploy-time');
    const mapping = mappings.ElastiCacheExportRegionKinds;
    expect(mapping['us-east-1']).toEqual({ OptIn: 'false' });
    expect(mapping['eu-central-1']).toEqual({ OptIn: 'false' });
    expect(mapping['ap-east-1']).toEqual({ OptIn: 'true' });
    expect(mapping['me-south-1']).toEqual({ OptIn: 'true' });
    expect(mapping['af-south-1']).toEqual({ OptIn: 'true' });
    expect(mapping['cn-north-1']).toBeUndefined();
    expect(mapping['us-gov-west-1']).toBeUndefined();
  });

  test('conditions InOptInRegion and InDefaultRegion read the mapping with the deployment\'s Region', () => {
    const { archive } = archiveIn();

    const { conditions, staging, logicalId } = synthesized(archive);

    const optIn = logicalId(staging.node.findChild('InOptInRegion'));
    const byDefault = logicalId(staging.node.findChild('InDefaultRegion'));
    expect(conditions).toEqual({
      [optIn]: { 'Fn::Equals': [{ 'Fn::FindInMap': ['ElastiCacheExportRegionKinds', { Ref: 'AWS::Region' }, 'OptIn'] }, 'true'] },
      [byDefault]: { 'Fn::Not': [{ Condition: optIn }] },
    });
  });

  test('the object ownership is decided at deployment: BucketOwnerEnforced in an opt-in Region, BucketOwnerPreferred otherwise', () => {
    const { archive } = archiveIn();

    const { bucket, staging, logicalId } = synthesized(archive);

    expect(bucket.Properties.OwnershipControls).toEqual({
      Rules: [{ ObjectOwnership: { 'Fn::If': [logicalId(staging.node.findChild('InOptInRegion')), 'BucketOwnerEnforced', 'BucketOwnerPreferred'] } }],
    });
  });

  test('the ACL custom resource, its function, role and policy exist in Regions enabled by default only (Condition InDefaultRegion)', () => {
    const { archive } = archiveIn();

    const { resources, customResources, staging, logicalId, aclIds } = synthesized(archive);

    const byDefault = logicalId(staging.node.findChild('InDefaultRegion'));
    const { acl, fn, role, policy } = aclIds();
    expect(Object.keys(customResources)).toEqual([acl]);
    expect(customResources[acl].Type).toEqual(ACL_RESOURCE_TYPE);
    expect([acl, fn, role, policy].map((id) => resources[id].Condition)).toEqual([byDefault, byDefault, byDefault, byDefault]);
    // nothing else is conditional: the buckets, their policies and the export function exist in every Region
    const conditional = Object.keys(resources).filter((id) => resources[id].Condition !== undefined);
    expect(conditional.sort()).toEqual([acl, fn, role, policy].sort());
  });

  test('the bucket policy names the deployment Region\'s ElastiCache snapshot principal, with the same six actions', () => {
    const { archive } = archiveIn();

    const { elastiCacheStatements } = synthesized(archive);

    expect(elastiCacheStatements).toEqual([expect.objectContaining({
      Principal: { Service: { 'Fn::Join': ['', [{ Ref: 'AWS::Region' }, '.elasticache-snapshot.amazonaws.com']] } },
      Action: EXPORT_ACTIONS,
    })]);
  });

  test('two archives in one stack share the mapping', () => {
    // GIVEN
    const { stack, archive } = archiveIn();
    const key = new kms.Key(stack, 'Key2', { enableKeyRotation: true });

    // WHEN
    new SnapshotArchive(stack, 'Archive2', {
      replicationGroup: CompliantRedisReplicationGroup.fromReplicationGroupAttributes(stack, 'Group2', { replicationGroupId: 'other-rg', port: 6380 }),
      vpc: stack.node.findChild('Vpc') as ec2.Vpc,
      encryptionKey: key,
      notificationTopic: new sns.Topic(stack, 'Topic2', { masterKey: key, enforceSSL: true }),
      snapshotWindow: '03:00-05:00',
      dataTiering: false,
      logGroupName: '/aws/vendedlogs/elasticache/other-rg/archive',
    });

    // THEN
    expect(Object.keys(synthesized(archive).mappings)).toEqual(['ElastiCacheExportRegionKinds']);
  });
});

describe.each<[string, string | undefined]>([
  ['a Region enabled by default', DEFAULT_REGION],
  ...OPT_IN_REGIONS.map((r): [string, string] => ['an opt-in Region', r]),
  ['a region-agnostic stack', undefined],
])('in %s (%s)', (_, region) => {
  test('the bucket is SSE-S3 (AES256), without Object Lock, and deletes every object after 7 days (hidden versions after 1)', () => {
    const { archive } = archiveIn(region);

    const { bucket } = synthesized(archive);

    expect(bucket.Properties.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    expect(bucket.Properties.ObjectLockEnabled).toBeUndefined();
    expect(bucket.Properties.ObjectLockConfiguration).toBeUndefined();
    expect(bucket.Properties.LifecycleConfiguration).toEqual({
      Rules: [
        {
          Id: 'ExpireStagedExports',
          Status: 'Enabled',
          ExpirationInDays: 7,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
        },
        { Id: 'RemoveExpiredDeleteMarkers', Status: 'Enabled', ExpiredObjectDeleteMarker: true },
      ],
    });
    expect(bucket.DeletionPolicy).toEqual('Retain');
  });

  test('the bucket states the AWS Control Tower controls it does not meet: Object Lock (CT.S3.PR.9) and SSE-KMS (CT.S3.PR.10)', () => {
    const { archive } = archiveIn(region);

    const { bucket } = synthesized(archive);

    expect(bucket.Metadata['cdk-hitrust-redis:control-tower-exceptions'].map((e: { control: string }) => e.control)).toEqual(['CT.S3.PR.9', 'CT.S3.PR.10']);
  });

  test('the bucket sends its events to EventBridge (CT.S3.PR.4)', () => {
    const { archive } = archiveIn(region);

    const { bucket } = synthesized(archive);

    expect(bucket.Properties.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
  });

  test('the bucket policy has exactly one ElastiCache statement, with the six export actions', () => {
    const { archive } = archiveIn(region);

    const { elastiCacheStatements } = synthesized(archive);

    expect(elastiCacheStatements.map((s) => s.Action)).toEqual([EXPORT_ACTIONS]);
  });

  test('the bundled CloudFormation validator (cfn-lint rules, schema) finds nothing', () => {
    // GIVEN
    const { app } = archiveIn(region, NO_FAIL_CONTEXT);

    // WHEN
    const report = JSON.parse(fs.readFileSync(path.join(app.synth().directory, 'validation-report.json'), 'utf-8'));
    const cfnValidate = report.pluginReports.find((r: { pluginName: string }) => r.pluginName === 'CloudFormation Validate');

    // THEN
    expect((cfnValidate?.violations ?? []).map((v: { ruleName: string }) => v.ruleName)).toEqual([]);
  });
});

describe('Regions the staging bucket cannot be set up for', () => {
  test.each([
    ['cn-north-1', /cn-north-1 \(partition aws-cn\)/],
    ['us-gov-west-1', /us-gov-west-1 \(partition aws-us-gov\)/],
    ['xx-east-9', /xx-east-9/],
  ])('%s fails the synth, naming the Region', (region, message) => {
    expect(() => archiveIn(region)).toThrow(message);
    expect(() => archiveIn(region)).toThrow(/SnapshotArchive validation failed/);
  });
});
