import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { SnapshotArchive, type SnapshotArchiveProps } from '../../src/archive';
import { STAGING_CONTROL_TOWER_EXCEPTIONS } from '../../src/archive/control-tower-exceptions';
import { ELASTICACHE_CANONICAL_ID, ELASTICACHE_EXPORT_BUCKET_ACTIONS } from '../../src/archive/export-access';
import { readExportConfig } from '../../src/archive/export-config';
import { exportTimeOfDay } from '../../src/archive/export-schedule';
import { ARCHIVE_PEER_ACKNOWLEDGEMENTS, archiveNagNames } from '../../src/archive/peer-acknowledgements';
import { CompliantRedisReplicationGroup } from '../../src/redis';
import { cacheStack, STRICT_CFN_VALIDATION } from '../helpers/cache-stack';

const GROUP_ID = 'cache-rg';
const ENV = { account: '123456789012', region: 'us-east-1' };

/**
 * A stack with an imported group, a key and an encrypted topic: the archive on its own, fast to synthesize.
 * (The peer-pack tests below use a real `CompliantRedisReplicationGroup`.)
 */
function archiveStack(
  overrides: Partial<SnapshotArchiveProps> = {},
  env: { account?: string; region?: string } = ENV,
  context: Record<string, unknown> = {},
) {
  const app = new App({ context: { ...STRICT_CFN_VALIDATION, ...context } });
  const stack = new Stack(app, 'Stack', { env });
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const topic = new sns.Topic(stack, 'Topic', { masterKey: key, enforceSSL: true });
  const replicationGroup = CompliantRedisReplicationGroup.fromReplicationGroupAttributes(stack, 'Group', { replicationGroupId: GROUP_ID, port: 6380 });
  const vpc = archiveVpc(stack);
  const archive = new SnapshotArchive(stack, 'Archive', {
    replicationGroup,
    vpc,
    encryptionKey: key,
    notificationTopic: topic,
    snapshotWindow: '03:00-05:00',
    logGroupName: `/aws/vendedlogs/elasticache/${GROUP_ID}/archive`,
    ...overrides,
  });
  const ref = (x: IConstruct) => stack.resolve(((x.node.defaultChild ?? x) as unknown as { ref: string }).ref);
  const arn = (x: IConstruct) => ({ 'Fn::GetAtt': [stack.getLogicalId((x.node.defaultChild ?? x) as never), 'Arn'] });
  return { app, stack, key, topic, vpc, archive, ref, arn, template: () => Template.fromStack(stack) };
}

/** A VPC for the archive's functions: private subnets behind one NAT gateway, in two AZs. */
function archiveVpc(stack: Stack): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
}

/** The logical ID of a construct's CloudFormation resource. */
function logicalIdOf(x: IConstruct): string {
  return Stack.of(x).getLogicalId((x.node.defaultChild ?? x) as never);
}

/** The statements of the export function's customer-managed policy (the staging bucket's ACL role has its own). */
function policyStatements(template: Template, archive: SnapshotArchive): Array<Record<string, unknown>> {
  return template.toJSON().Resources[logicalIdOf(archive.node.findChild('Policy'))].Properties.PolicyDocument.Statement;
}

/** The statements of a bucket's policy. */
function bucketPolicyStatements(template: Template, bucketLogicalId: string): Array<Record<string, unknown>> {
  const [policy] = Object.values(template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: bucketLogicalId } } }));
  return policy.Properties.PolicyDocument.Statement;
}

/** Whether a policy statement names ElastiCache's snapshot principal, for any Region. */
const namesElastiCache = (statement: Record<string, unknown>) => JSON.stringify(statement.Principal ?? '').includes('elasticache-snapshot');

describe('archive bucket', () => {
  test('is encrypted with the customer-managed key (S3 Bucket Keys on), versioned, private, without ACLs and logged', () => {
    // GIVEN
    const { archive, key, template, ref, arn } = archiveStack();

    // THEN
    template().hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: arn(key) } }],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LoggingConfiguration: { DestinationBucketName: ref(archive.accessLogBucket), LogFilePrefix: 'archive-bucket/' },
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('locks every export in Object Lock compliance mode for six years by default', () => {
    const { archive, template } = archiveStack();

    template().hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2192 } } },
    });
    expect(archive.retention.toDays()).toEqual(2192);
  });

  test.each([2190, 3653])('locks and keeps exports for a retention of %d days', (days) => {
    const { template } = archiveStack({ retention: Duration.days(days) });

    template().hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: days } } },
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ ExpirationInDays: days })]) },
    });
  });

  test('moves exports to S3 Glacier Deep Archive after 35 days and expires them after the retention; hidden versions and uploads are cleaned up', () => {
    const { template } = archiveStack();

    template().hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'DeepArchiveThenExpireAfterRetention',
            Status: 'Enabled',
            Transitions: [{ StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 35 }],
            ExpirationInDays: 2192,
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          },
          { Id: 'RemoveExpiredDeleteMarkers', Status: 'Enabled', ExpiredObjectDeleteMarker: true },
        ],
      },
    });
  });

  test('denies every request without TLS 1.2 or later', () => {
    const { archive, template } = archiveStack();
    const bucket = archive.bucket.node.defaultChild as never;
    const logicalId = Stack.of(archive).getLogicalId(bucket);

    const denies = bucketPolicyStatements(template(), logicalId).filter((s) => s.Effect === 'Deny');

    expect(denies.map((s) => [s.Action, s.Principal, s.Condition])).toEqual([
      ['s3:*', { AWS: '*' }, { Bool: { 'aws:SecureTransport': 'false' } }],
      ['s3:*', { AWS: '*' }, { NumericLessThan: { 's3:TlsVersion': 1.2 } }],
    ]);
  });

  // AWS facts s3-object-lock-compliance-mode and s3-delete-bucket-must-be-empty: deleting them would fail the stack
  test('are retained, the staging bucket too, even when the removal policy says DESTROY; the log group is deleted', () => {
    const { template } = archiveStack({ removalPolicy: RemovalPolicy.DESTROY });

    expect(Object.values(template().findResources('AWS::S3::Bucket')).map((b) => b.DeletionPolicy)).toEqual(['Retain', 'Retain', 'Retain']);
    template().hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
  });
});

describe('access log bucket', () => {
  test('uses SSE-S3 (the only default encryption S3 log delivery supports) and no Object Lock; private, versioned, kept for the retention', () => {
    const { archive, template } = archiveStack();
    const logicalId = Stack.of(archive).getLogicalId(archive.accessLogBucket.node.defaultChild as never);

    const bucket = template().toJSON().Resources[logicalId];

    expect(bucket.Properties).toEqual(expect.objectContaining({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    }));
    expect(bucket.Properties.ObjectLockEnabled).toBeUndefined();
    expect(bucket.Properties.LifecycleConfiguration.Rules[0]).toEqual(expect.objectContaining({ ExpirationInDays: 2192 }));
    expect(bucket.DeletionPolicy).toEqual('Retain');
  });

  test('admits S3 log delivery for the archive and staging buckets only, each under its own prefix, by bucket policy', () => {
    // GIVEN
    const { archive, template, arn } = archiveStack();
    const logBucket = arn(archive.accessLogBucket);
    const delivery = (source: IConstruct, prefix: string) => ({
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [logBucket, `/${prefix}/*`]] },
      Condition: { ArnLike: { 'aws:SourceArn': arn(source) }, StringEquals: { 'aws:SourceAccount': ENV.account } },
    });

    // WHEN
    const allows = bucketPolicyStatements(template(), logicalIdOf(archive.accessLogBucket)).filter((s) => s.Effect === 'Allow');

    // THEN
    expect(allows).toEqual([delivery(archive.bucket, 'archive-bucket'), delivery(archive.stagingBucket, 'staging-bucket')]);
  });
});

describe('staging bucket', () => {
  test('is the Staging/Resource bucket: SSE-S3, versioned, without Object Lock, private, logged, events to EventBridge, emptied after 7 days, retained', () => {
    // GIVEN
    const { archive, template, ref } = archiveStack();
    const staging = archive.node.findChild('Staging').node.findChild('Resource');

    // WHEN
    const bucket = template().toJSON().Resources[logicalIdOf(archive.stagingBucket)];

    // THEN
    expect(archive.stagingBucket).toBe(staging);
    expect(bucket).toEqual({
      Type: 'AWS::S3::Bucket',
      Metadata: { 'cdk-hitrust-redis:control-tower-exceptions': STAGING_CONTROL_TOWER_EXCEPTIONS },
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
        LoggingConfiguration: { DestinationBucketName: ref(archive.accessLogBucket), LogFilePrefix: 'staging-bucket/' },
        NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
        LifecycleConfiguration: {
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
        },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('denies every request without TLS 1.2 or later and grants ElastiCache\'s snapshot principal exactly the six export actions', () => {
    // GIVEN
    const { archive, template, arn } = archiveStack();
    const staging = arn(archive.stagingBucket);
    const everything = [staging, { 'Fn::Join': ['', [staging, '/*']] }];

    // WHEN
    const statements = bucketPolicyStatements(template(), logicalIdOf(archive.stagingBucket));

    // THEN
    expect(statements).toEqual([
      { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: everything, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: everything, Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } },
      {
        Sid: 'ElastiCacheSnapshotExport',
        Effect: 'Allow',
        Principal: { Service: 'us-east-1.elasticache-snapshot.amazonaws.com' },
        Action: ['s3:PutObject', 's3:GetObject', 's3:ListBucket', 's3:GetBucketAcl', 's3:ListMultipartUploadParts', 's3:ListBucketMultipartUploads'],
        Resource: everything,
      },
    ]);
    expect(ELASTICACHE_EXPORT_BUCKET_ACTIONS).toHaveLength(6);
  });

  test('keeps staged exports 7 days whatever the archive\'s retention', () => {
    const { archive, template } = archiveStack({ retention: Duration.days(3653) });

    const bucket = template().toJSON().Resources[logicalIdOf(archive.stagingBucket)];

    expect(bucket.Properties.LifecycleConfiguration.Rules[0]).toEqual(expect.objectContaining({ Id: 'ExpireStagedExports', ExpirationInDays: 7 }));
    expect(bucket.Properties.ObjectLockEnabled).toBeUndefined();
    expect(bucket.Properties.ObjectLockConfiguration).toBeUndefined();
  });
});

// AWS Control Tower proactive controls: what the buckets meet, and what they state they do not, with the reason
// (test/matrix/field-tools.test.ts runs the Guard rules themselves). AWS facts s3-eventbridge-delivery-all-events,
// s3-access-log-destination-sse-s3-only, s3-object-lock-not-for-access-log-destination, s3-access-logs-to-source-not-recommended.
describe('AWS Control Tower proactive controls', () => {
  const exceptionsOf = (template: Template, bucket: IConstruct) =>
    template.toJSON().Resources[logicalIdOf(bucket)].Metadata?.['cdk-hitrust-redis:control-tower-exceptions'] as
      { control: string; reason: string }[] | undefined;

  test('all three buckets send their events to EventBridge, set on the bucket itself (CT.S3.PR.4): no notifications custom resource', () => {
    const { template } = archiveStack();

    const buckets = Object.values(template().findResources('AWS::S3::Bucket'));
    expect(buckets).toHaveLength(3);
    const toEventBridge = { EventBridgeConfiguration: { EventBridgeEnabled: true } };
    for (const bucket of buckets) expect(bucket.Properties.NotificationConfiguration).toEqual(toEventBridge);
    expect(Object.keys(template().findResources('Custom::S3BucketNotifications'))).toEqual([]);
  });

  test('the archive bucket meets every control: it states none', () => {
    const { archive, template } = archiveStack();

    expect(exceptionsOf(template(), archive.bucket)).toBeUndefined();
  });

  test('the access-log bucket states CT.S3.PR.2, CT.S3.PR.9 and CT.S3.PR.10, each with the S3 user guide\'s sentence', () => {
    const { archive, template } = archiveStack();

    const stated = exceptionsOf(template(), archive.accessLogBucket)!;
    expect(stated.map((e) => e.control)).toEqual(['CT.S3.PR.2', 'CT.S3.PR.9', 'CT.S3.PR.10']);
    const reason = (control: string) => stated.find((e) => e.control === control)!.reason;
    expect(reason('CT.S3.PR.2')).toMatch(/"When your source bucket and target bucket are the same bucket, additional logs are created/);
    expect(reason('CT.S3.PR.2')).toMatch(/archive and staging buckets' S3 server access logs/);
    expect(reason('CT.S3.PR.9')).toMatch(/"S3 buckets with Object Lock can't be used as destination buckets for server access logs\."/);
    expect(reason('CT.S3.PR.10')).toMatch(/SSE-KMS\) is not supported"/);
  });

  test('the staging bucket states CT.S3.PR.9 and CT.S3.PR.10: a transit point ElastiCache writes SSE-S3 into, emptied daily', () => {
    const { archive, template } = archiveStack();

    const stated = exceptionsOf(template(), archive.stagingBucket)!;
    expect(stated).toEqual(STAGING_CONTROL_TOWER_EXCEPTIONS);
    const reason = (control: string) => stated.find((e) => e.control === control)!.reason;
    expect(reason('CT.S3.PR.9')).toMatch(/"The Content-MD5 or x-amz-sdk-checksum-algorithm header is required for any request to upload an object/);
    expect(reason('CT.S3.PR.9')).toMatch(/the 7-day lifecycle expiry would only add delete markers/);
    expect(reason('CT.S3.PR.10')).toMatch(/"Customer managed keys cannot be used when exporting backups to your selected Amazon S3 bucket/);
  });

  test('the staging reasons say what the template does: 7-day expiry, SSE-S3, and the locked SSE-KMS archive', () => {
    const { archive, template } = archiveStack();

    const resources = template().toJSON().Resources;
    const staging = resources[logicalIdOf(archive.stagingBucket)].Properties;
    const bucket = resources[logicalIdOf(archive.bucket)].Properties;
    expect(staging.LifecycleConfiguration.Rules[0].ExpirationInDays).toEqual(7);
    expect(staging.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toEqual('AES256');
    expect(bucket.ObjectLockConfiguration.Rule.DefaultRetention.Mode).toEqual('COMPLIANCE');
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toEqual('aws:kms');
  });
});

describe('network (AWS Control Tower CT.LAMBDA.PR.3)', () => {
  test('the functions\' security group admits nothing and lets out HTTPS only', () => {
    const { archive, template } = archiveStack();

    const sg = template().toJSON().Resources[logicalIdOf(archive.securityGroup)];
    expect(sg.Properties.SecurityGroupIngress).toBeUndefined();
    expect(sg.Properties.SecurityGroupEgress).toEqual([
      { CidrIp: '0.0.0.0/0', Description: 'HTTPS to the ElastiCache, S3 and SNS APIs', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 },
    ]);
    expect(sg.Properties.GroupDescription).toMatch(/no ingress; HTTPS out to the ElastiCache, S3 and SNS APIs$/);
  });

  test('`apiPeer` keeps HTTPS inside the VPC', () => {
    const { archive, template } = archiveStack({ apiPeer: ec2.Peer.ipv4('10.0.0.0/16') });

    const sg = template().toJSON().Resources[logicalIdOf(archive.securityGroup)];
    expect(sg.Properties.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '10.0.0.0/16', FromPort: 443, ToPort: 443 })]);
  });

  test('the replication group\'s `vpcSubnets` place both functions, the export and the staging bucket\'s ACL, with one security group', () => {
    // GIVEN: isolated subnets, with the endpoints the functions need
    const { stack, vpc } = cacheStack();
    vpc.addInterfaceEndpoint('ElastiCache', { service: ec2.InterfaceVpcEndpointAwsService.ELASTICACHE });
    vpc.addInterfaceEndpoint('Sns', { service: ec2.InterfaceVpcEndpointAwsService.SNS });
    vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });

    // WHEN
    const cache = new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, credentialRotation: false });

    // THEN
    const archive = cache.snapshotArchive!;
    const resources = Template.fromStack(stack).toJSON().Resources;
    const expected = {
      SecurityGroupIds: [{ 'Fn::GetAtt': [logicalIdOf(archive.securityGroup), 'GroupId'] }],
      SubnetIds: vpc.isolatedSubnets.map((s) => ({ Ref: logicalIdOf(s) })),
    };
    expect(resources[logicalIdOf(archive.exportFunction)].Properties.VpcConfig).toEqual(expected);
    expect(resources[logicalIdOf(archive.node.findChild('Staging').node.findChild('AclFunction'))].Properties.VpcConfig).toEqual(expected);
  });
});

describe('no ElastiCache access to the archive', () => {
  test.each<[string, { account?: string; region?: string }]>([
    ['a default Region', ENV],
    ['an opt-in Region', { ...ENV, region: 'ap-east-1' }],
    ['a region-agnostic stack', {}],
  ])('the archive bucket\'s policy only denies requests without TLS 1.2, in %s', (_, env) => {
    // GIVEN
    const { archive, template } = archiveStack({}, env);

    // WHEN
    const statements = bucketPolicyStatements(template(), logicalIdOf(archive.bucket));

    // THEN
    expect(statements.map((s) => s.Effect)).toEqual(['Deny', 'Deny']);
    expect(statements.filter(namesElastiCache)).toEqual([]);
  });

  test('the only bucket policy statement naming ElastiCache is the staging bucket\'s', () => {
    const { archive, template } = archiveStack();

    const policies = Object.values(template().findResources('AWS::S3::BucketPolicy'))
      .filter((p) => p.Properties.PolicyDocument.Statement.some(namesElastiCache))
      .map((p) => p.Properties.Bucket);

    expect(policies).toEqual([{ Ref: logicalIdOf(archive.stagingBucket) }]);
  });

  test('the key policy gets no ElastiCache statement: ElastiCache never uses the customer-managed key', () => {
    const { template } = archiveStack();

    const [key] = Object.values(template().findResources('AWS::KMS::Key'));

    expect(key.Properties.KeyPolicy.Statement.filter(namesElastiCache)).toEqual([]);
    expect(JSON.stringify(key.Properties.KeyPolicy)).not.toContain('AllowElastiCacheSnapshotExportThroughS3');
  });

  test('an imported key gets no warning: its policy needs nothing for ElastiCache', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: ENV });
    const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555');

    // WHEN
    new SnapshotArchive(stack, 'Archive', {
      replicationGroup: CompliantRedisReplicationGroup.fromReplicationGroupAttributes(stack, 'Group', { replicationGroupId: GROUP_ID, port: 6380 }),
      vpc: archiveVpc(stack),
      encryptionKey: key,
      notificationTopic: new sns.Topic(stack, 'Topic', { masterKey: key, enforceSSL: true }),
      snapshotWindow: '03:00-05:00',
      dataTiering: false,
      logGroupName: '/aws/vendedlogs/elasticache/cache-rg/archive',
    });

    // THEN
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('archiveKeyPolicy'));
    expect(Annotations.fromStack(stack).findWarning('/Stack/Archive', Match.anyValue())).toEqual([]);
  });
});

describe('schedule', () => {
  test.each<[string, Duration | undefined, string, string]>([
    ['03:00-05:00', undefined, 'cron(0 6 * * ? *)', '06:00'],
    ['03:00-05:00', Duration.minutes(30), 'cron(30 5 * * ? *)', '05:30'],
    ['22:30-23:30', Duration.minutes(90), 'cron(0 1 * * ? *)', '01:00'],
    ['23:00-00:30', undefined, 'cron(30 1 * * ? *)', '01:30'],
  ])('runs daily after the window %s (delay %s): %s UTC', (snapshotWindow, exportDelay, expression, time) => {
    // GIVEN
    const { archive, template, arn } = archiveStack({ snapshotWindow, exportDelay });

    // THEN
    template().hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: expression,
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: arn(archive.exportFunction) })],
    });
    expect(archive.exportTime).toEqual(time);
  });

  test('EventBridge may invoke the function from this rule only', () => {
    const { archive, template, arn } = archiveStack();

    template().hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: arn(archive.exportFunction),
      SourceArn: arn(archive.schedule),
    });
  });

  test('the time of day wraps past midnight and rejects malformed windows', () => {
    expect(exportTimeOfDay('23:30-00:30', 45)).toEqual({ hour: 1, minute: 15 });
    expect(exportTimeOfDay('3:00-5:00', 60)).toBeUndefined();
  });
});

describe('export function', () => {
  test('runs Node.js 24 in the VPC\'s private subnets with the archive\'s security group, once at a time, fifteen minutes at most, with an encrypted environment and a dead-letter topic', () => {
    const { archive, key, topic, vpc, template, arn, ref } = archiveStack();

    const fn = template().toJSON().Resources[logicalIdOf(archive.exportFunction)];

    expect(fn.Properties).toEqual(expect.objectContaining({
      Runtime: 'nodejs24.x',
      Timeout: 900,
      ReservedConcurrentExecutions: 1,
      KmsKeyArn: arn(key),
      DeadLetterConfig: { TargetArn: ref(topic) },
    }));
    expect(fn.Properties.VpcConfig).toEqual({
      SecurityGroupIds: [{ 'Fn::GetAtt': [logicalIdOf(archive.securityGroup), 'GroupId'] }],
      SubnetIds: vpc.privateSubnets.map((s) => ref(s)),
    });
    template().hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2, Qualifier: '$LATEST' });
  });

  test('its environment tells the handler the group, both buckets, the key, both retentions and the topic, in the names the handler reads', () => {
    // GIVEN
    const { archive, key, topic, template, ref, arn } = archiveStack();
    const fn = template().toJSON().Resources[logicalIdOf(archive.exportFunction)];
    const variables = fn.Properties.Environment.Variables;

    // THEN
    expect(variables).toEqual({
      AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
      REPLICATION_GROUP_ID: GROUP_ID,
      STAGING_BUCKET_NAME: ref(archive.stagingBucket),
      ARCHIVE_BUCKET_NAME: ref(archive.bucket),
      ARCHIVE_KEY_ARN: arn(key),
      RETENTION_DAYS: '2192',
      STAGING_EXPIRY_DAYS: '7',
      TOPIC_ARN: ref(topic),
    });
    const literal = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, typeof v === 'string' ? v : 'from-a-token']));
    expect(readExportConfig(literal)).toEqual({
      replicationGroupId: GROUP_ID,
      stagingBucketName: 'from-a-token',
      archiveBucketName: 'from-a-token',
      archiveKeyArn: 'from-a-token',
      retentionDays: 2192,
      stagingExpiryDays: 7,
      topicArn: 'from-a-token',
    });
  });

  test('RETENTION_DAYS is the archive\'s retention, which the handler checks every copy\'s lock against', () => {
    const { archive, template } = archiveStack({ retention: Duration.days(3653) });

    const fn = template().toJSON().Resources[logicalIdOf(archive.exportFunction)];

    expect(fn.Properties.Environment.Variables).toEqual(expect.objectContaining({ RETENTION_DAYS: '3653', STAGING_EXPIRY_DAYS: '7' }));
  });

  test('logs to its own log group, encrypted with the key and kept one year, retained by default', () => {
    const { key, template, arn } = archiveStack();

    template().hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: `/aws/vendedlogs/elasticache/${GROUP_ID}/archive`, KmsKeyId: arn(key), RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
    });
    template().hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: Match.anyValue() } });
  });

  test('its role has one customer-managed policy and nothing else: no inline policy, no AWS managed policy', () => {
    const { archive, template } = archiveStack();

    template().resourceCountIs('AWS::IAM::Policy', 0);
    const role = template().toJSON().Resources[logicalIdOf(archive.role)];
    expect(template().toJSON().Resources[logicalIdOf(archive.exportFunction)].Properties.Role).toEqual({ 'Fn::GetAtt': [logicalIdOf(archive.role), 'Arn'] });
    expect(role.Properties.Policies).toBeUndefined();
    expect(role.Properties.ManagedPolicyArns).toEqual([{ Ref: logicalIdOf(archive.node.findChild('Policy')) }]);
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ]);
  });
});

// AWS fact elasticache-export-caller-permissions: the caller of the export may use the target bucket, and only it.
describe('export permissions', () => {
  const snapshotArn = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:elasticache:us-east-1:123456789012:snapshot:${name}`]] });

  test('are exactly what the export and the copy need, each on its own resource', () => {
    // GIVEN
    const { archive, key, topic, template, arn, ref } = archiveStack();
    const staging = arn(archive.stagingBucket);
    const bucket = arn(archive.bucket);

    // WHEN
    const statements = policyStatements(template(), archive);

    // THEN
    expect(statements).toEqual([
      { Sid: 'ListTheSnapshots', Effect: 'Allow', Action: 'elasticache:DescribeSnapshots', Resource: snapshotArn('*') },
      { Sid: 'ExportTheAutomaticSnapshots', Effect: 'Allow', Action: 'elasticache:CopySnapshot', Resource: [snapshotArn(`automatic.${GROUP_ID}-*`), snapshotArn(`${GROUP_ID}-*`)] },
      { Sid: 'UseTheStagingBucket', Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:GetBucketAcl', 's3:ListBucket'], Resource: staging },
      { Sid: 'ExportIntoAndCopyFromStaging', Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], Resource: { 'Fn::Join': ['', [staging, '/*']] } },
      { Sid: 'ListTheArchive', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket },
      {
        Sid: 'CopyIntoTheArchive',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:GetObject', 's3:GetObjectRetention', 's3:AbortMultipartUpload'],
        Resource: { 'Fn::Join': ['', [bucket, '/*']] },
      },
      {
        Sid: 'EncryptTheArchiveCopies',
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: arn(key),
        Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
      },
      { Sid: 'FindTheArchiveBucket', Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' },
      { Sid: 'ReportFailures', Effect: 'Allow', Action: 'sns:Publish', Resource: ref(topic) },
      {
        Sid: 'ReportFailuresToTheEncryptedTopic',
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: arn(key),
        Condition: { StringEquals: { 'kms:ViaService': 'sns.us-east-1.amazonaws.com' } },
      },
      { Sid: 'WriteTheLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: arn(archive.logGroup) },
      {
        Sid: 'ManageTheVpcNetworkInterfaces',
        Effect: 'Allow',
        Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
        Resource: '*',
      },
    ]);
  });

  test('never delete, re-lock or bypass a lock in the archive: s3:DeleteObject is allowed on staged exports only', () => {
    // GIVEN
    const { archive, template, arn } = archiveStack();
    const statements = policyStatements(template(), archive);
    const actions = (s: Record<string, unknown>) => [s.Action].flat() as string[];
    const onArchive = statements.filter((s) => JSON.stringify(s.Resource).includes(JSON.stringify(arn(archive.bucket))));

    // THEN
    expect(onArchive.map((s) => s.Sid)).toEqual(['ListTheArchive', 'CopyIntoTheArchive']);
    expect(onArchive.flatMap(actions).filter((a) => /Delete|PutObjectRetention|PutObjectLegalHold|BypassGovernance|PutBucket|\*/.test(a))).toEqual([]);
    expect(statements.filter((s) => actions(s).some((a) => a.startsWith('s3:Delete'))).map((s) => [s.Sid, s.Resource])).toEqual([
      ['ExportIntoAndCopyFromStaging', { 'Fn::Join': ['', [arn(archive.stagingBucket), '/*']] }],
    ]);
  });

  test('the archive key is usable through S3 of the stack\'s Region only, resolved at deployment in a region-agnostic stack', () => {
    const { archive, template } = archiveStack({}, {});

    const encrypt = policyStatements(template(), archive).find((s) => s.Sid === 'EncryptTheArchiveCopies');

    expect(encrypt?.Condition).toEqual({ StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } });
  });

  test('the only `*` resources are s3:ListAllMyBuckets, which AWS defines on no resource, and the network interfaces Lambda creates', () => {
    const { archive, template } = archiveStack();

    const wildcard = policyStatements(template(), archive).filter((s) => s.Resource === '*' || (Array.isArray(s.Resource) && s.Resource.includes('*')));

    expect(wildcard.map((s) => s.Sid)).toEqual(['FindTheArchiveBucket', 'ManageTheVpcNetworkInterfaces']);
  });

  test('leave out the topic key when the topic is not encrypted with a known key', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: ENV });
    const archive = new SnapshotArchive(stack, 'Archive', {
      replicationGroup: CompliantRedisReplicationGroup.fromReplicationGroupAttributes(stack, 'Group', { replicationGroupId: GROUP_ID, port: 6380 }),
      vpc: archiveVpc(stack),
      encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }),
      notificationTopic: sns.Topic.fromTopicArn(stack, 'Topic', 'arn:aws:sns:us-east-1:123456789012:cache-notifications'),
      snapshotWindow: '03:00-05:00',
      dataTiering: false,
      logGroupName: '/aws/vendedlogs/elasticache/cache-rg/archive',
    });

    expect(policyStatements(Template.fromStack(stack), archive).map((s) => s.Sid)).not.toContain('ReportFailuresToTheEncryptedTopic');
  });
});

describe('restore script', () => {
  test('copies the archived object from the archive bucket into the staging bucket, by their names (tokens until deployment)', () => {
    // GIVEN
    const { archive, stack } = archiveStack();
    const object = `${GROUP_ID}-2026-11-22-03-40-0001.rdb`;

    // WHEN
    const script = archive.restoreScript(object);

    // THEN
    expect(script).toContain(archive.bucket.bucketName);
    expect(script).toContain(archive.stagingBucket.bucketName);
    expect(script).toContain(`aws s3 cp s3://${archive.bucket.bucketName}/${object} s3://${archive.stagingBucket.bucketName}/restore/${object} --sse AES256`);
    const restoreObject = script.split('\n').find((line) => line.startsWith('aws s3api restore-object '));
    expect(restoreObject).toContain(archive.bucket.bucketName);
    expect(restoreObject).not.toContain(archive.stagingBucket.bucketName);
    const resolved = JSON.stringify(stack.resolve(script));
    expect(resolved).toContain(JSON.stringify({ Ref: logicalIdOf(archive.bucket) }));
    expect(resolved).toContain(JSON.stringify({ Ref: logicalIdOf(archive.stagingBucket) }));
  });

  test.each<[string, { account?: string; region?: string }, boolean]>([
    ['grants ElastiCache\'s canonical ID a read in a default Region', ENV, true],
    ['leaves the grant out in an opt-in Region', { ...ENV, region: 'ap-east-1' }, false],
  ])('%s', (_, env, grants) => {
    const { archive } = archiveStack({}, env);

    const script = archive.restoreScript('k.rdb');

    expect(script.includes(`--grants read=id=${ELASTICACHE_CANONICAL_ID}`)).toBe(grants);
  });

  test('tells how to leave the grant out in a region-agnostic stack', () => {
    const { archive } = archiveStack({}, {});

    expect(archive._regionKind).toEqual('deploy-time');
    expect(archive.restoreScript('k.rdb')).toContain('leave out --grants in an opt-in Region');
  });
});

describe('validation', () => {
  test.each<{ description: string; props: Partial<SnapshotArchiveProps>; error: string }>([
    {
      description: 'fails for a data-tiering group, whose snapshots cannot be exported',
      props: { dataTiering: true },
      error: '`dataTiering` must be false: snapshots of data-tiering groups cannot be exported to S3 (ElastiCache user guide, "Exporting a backup"), so they cannot be archived for HITRUST 1616.09l1, got: true',
    },
    {
      description: 'fails for a retention under a year',
      props: { retention: Duration.days(30) },
      error: '`retention` must be at least 2190 days for HITRUST 1616.09l1, got: 30 days',
    },
    {
      description: 'fails for a retention of partial days',
      props: { retention: Duration.hours(24 * 2400 + 12) },
      error: '`retention` must be whole days (S3 Object Lock counts days) for HITRUST 1616.09l1, got: 2400 days 12 hours',
    },
    {
      description: 'fails for a malformed snapshot window',
      props: { snapshotWindow: '3am-5am' },
      error: '`snapshotWindow` must be \'hh24:mi-hh24:mi\' (UTC) and at least 60 minutes for HITRUST 1616.09l1, got: \'3am-5am\'',
    },
    {
      description: 'fails for a snapshot window shorter than ElastiCache allows',
      props: { snapshotWindow: '03:00-03:30' },
      error: '`snapshotWindow` must be \'hh24:mi-hh24:mi\' (UTC) and at least 60 minutes for HITRUST 1616.09l1, got: \'03:00-03:30\'',
    },
    {
      description: 'fails for a snapshot window only known at deployment',
      props: { snapshotWindow: Token.asString({ Ref: 'Window' }) },
      error: '`snapshotWindow` must be a literal \'hh24:mi-hh24:mi\' (UTC): the export is scheduled after it at synth time for HITRUST 1616.09l1, got: an unresolved token',
    },
    {
      description: 'fails for an export delay under a minute',
      props: { exportDelay: Duration.seconds(30) },
      error: '`exportDelay` must be whole minutes, at least 1 minute, for HITRUST 1616.09l1, got: 30 seconds',
    },
    {
      description: 'fails for an export that would run after the next day\'s snapshot window started',
      props: { exportDelay: Duration.hours(22) },
      error: '`exportDelay` must end at most 23 hours after the start of `snapshotWindow` (the export must run before the next day\'s snapshot) for HITRUST 1616.09l1, got: 22 hours after \'03:00-05:00\'',
    },
    {
      description: 'fails for a log retention under a year',
      props: { logRetention: logs.RetentionDays.ONE_MONTH },
      error: '`logRetention` must be at least 365 days for HITRUST 1616.09l1, got: 30 days',
    },
  ])('$description', ({ props, error }) => {
    expect(() => archiveStack(props)).toThrow(`SnapshotArchive validation failed:\n- ${error}`);
  });

  test('fails for an alias as the key: IAM grants on an alias ARN do not authorize the key behind it', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: ENV });
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const alias = key.addAlias('alias/archive');
    expect(() => new SnapshotArchive(stack, 'Archive', {
      replicationGroup: CompliantRedisReplicationGroup.fromReplicationGroupAttributes(stack, 'Group', { replicationGroupId: GROUP_ID, port: 6380 }),
      vpc: archiveVpc(stack),
      encryptionKey: alias,
      notificationTopic: new sns.Topic(stack, 'Topic', { enforceSSL: true }),
      snapshotWindow: '03:00-05:00',
      dataTiering: false,
      logGroupName: `/aws/vendedlogs/elasticache/${GROUP_ID}/archive`,
    })).toThrow(/`encryptionKey` must be a KMS key, not an alias: .*HITRUST 1616\.09l1\), got: (an alias|alias alias\/archive)$/);
  });

  test('fails naming every problem at once', () => {
    expect(() => archiveStack({ dataTiering: true, retention: Duration.days(90), snapshotWindow: 'never' }))
      .toThrow(/SnapshotArchive validation failed:\n- `dataTiering` .*\n- `retention` .*\n- `snapshotWindow` /);
  });

  test('dataTiering is optional and defaults to false', () => {
    expect(() => archiveStack()).not.toThrow();
    expect(() => archiveStack({ dataTiering: false })).not.toThrow();
  });

  test('accepts the limits: a year of retention, a one-minute delay, logs kept forever', () => {
    const limits = { retention: Duration.days(2190), exportDelay: Duration.minutes(1), logRetention: logs.RetentionDays.INFINITE };
    expect(() => archiveStack(limits)).not.toThrow();
  });

  test('fails for a retention only known at deployment: Object Lock and lifecycle rules take days at synth time', () => {
    expect(() => archiveStack({ retention: Duration.days(Token.asNumber({ Ref: 'Days' })) })).toThrow(
      'SnapshotArchive validation failed:\n- `retention` must be known at synth time (S3 Object Lock and lifecycle rules count days) ' +
        'for HITRUST 1616.09l1, got: an unresolved token',
    );
  });
});

describe('peer packs', () => {
  const PACKS = () => [new AwsSolutionsChecks(), new HIPAASecurityChecks(), new NIST80053R5Checks(), new PCIDSS321Checks()];
  const findings = (app: IConstruct, prefix: string) => PACKS()
    .flatMap((pack) => pack.validateScope(app).violations)
    .flatMap((v) => v.violatingResources.filter((r) => r.constructPath?.startsWith(prefix)).map((r) => `${v.ruleName} ${r.constructPath}`))
    .sort();

  /** The archive next to a real compliant replication group that has none of its own, as the class example composes them. */
  function cacheWithArchive() {
    const { app, stack, vpc } = cacheStack();
    const cache = new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, snapshotArchive: false });
    const archive = new SnapshotArchive(stack, 'Archive', {
      replicationGroup: cache,
      vpc,
      encryptionKey: cache.encryptionKey,
      notificationTopic: cache.notificationTopic,
      snapshotWindow: '03:00-05:00',
      logGroupName: `/aws/vendedlogs/elasticache/${cache.replicationGroupId}/archive`,
    });
    return { app, stack, cache, archive };
  }
  const childAt = (archive: SnapshotArchive, relativePath: string) =>
    relativePath.split('/').reduce((c: IConstruct, id) => c.node.findChild(id), archive);

  test('AwsSolutions, HIPAA.Security, NIST.800.53.R5 and PCI.DSS.321 find nothing unacknowledged on the archive', () => {
    const { app } = cacheWithArchive();

    expect(findings(app, 'Stack/Archive')).toEqual([]);
  });

  test.each<[string, { account?: string; region?: string }]>([
    ['a default Region', ENV],
    ['a region-agnostic stack', {}],
  ])('nothing in the whole stack, the staging bucket\'s ACL function included, has an unacknowledged finding, in %s', (_, env) => {
    const { app } = archiveStack({}, env);

    // the test's VPC is the app's, not the archive's: its findings are not the archive's to answer
    expect(findings(app, 'Stack/').filter((f) => !f.includes(' Stack/Vpc/'))).toEqual([]);
  });

  test('the archive adds no finding to the cache', () => {
    // GIVEN
    const alone = cacheStack();
    new CompliantRedisReplicationGroup(alone.stack, 'Cache', { vpc: alone.vpc, snapshotArchive: false });

    // WHEN
    const { app } = cacheWithArchive();

    // THEN
    expect(findings(app, 'Stack/Cache')).toEqual(findings(alone.app, 'Stack/Cache'));
  });

  test('every acknowledgement answers a finding that fires without it', () => {
    // GIVEN
    const { app, archive, cache } = cacheWithArchive();
    const names = archiveNagNames(archive, cache.replicationGroupId);

    // WHEN: the acknowledgements are dropped
    for (const ack of ARCHIVE_PEER_ACKNOWLEDGEMENTS) {
      const node = childAt(archive, ack.path).node as unknown as { _metadata: { type: string }[] };
      node._metadata = node._metadata.filter((m) => m.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    }

    // THEN
    expect(findings(app, 'Stack/Archive')).toEqual(ARCHIVE_PEER_ACKNOWLEDGEMENTS.map((a) => `${a.id(names)} Stack/Archive/${a.path}`).sort());
  });

  test('each acknowledgement sits on its construct with the table\'s reason', () => {
    const { archive, cache } = cacheWithArchive();
    const names = archiveNagNames(archive, cache.replicationGroupId);

    for (const ack of ARCHIVE_PEER_ACKNOWLEDGEMENTS) {
      const recorded = childAt(archive, ack.path).node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .map((m) => m.data as Record<string, string>);
      expect(recorded).toContainEqual({ [`Annotation::${ack.id(names)}`]: ack.reason });
    }
  });

  test('the IAM5 acknowledgements name the exact wildcard resources, one reason each', () => {
    const names = {
      bucketArn: '<ArchiveBucket.Arn>',
      stagingBucketArn: '<ArchiveStaging.Arn>',
      snapshotArn: (n: string) => `arn:snapshot:${n}`,
      replicationGroupId: GROUP_ID,
    };

    expect(ARCHIVE_PEER_ACKNOWLEDGEMENTS.filter((a) => a.id(names).startsWith('AwsSolutions-IAM5')).map((a) => a.id(names))).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::<ArchiveBucket.Arn>/*]',
      'AwsSolutions-IAM5[Resource::<ArchiveStaging.Arn>/*]',
      'AwsSolutions-IAM5[Resource::arn:snapshot:*]',
      `AwsSolutions-IAM5[Resource::arn:snapshot:automatic.${GROUP_ID}-*]`,
      `AwsSolutions-IAM5[Resource::arn:snapshot:${GROUP_ID}-*]`,
    ]);
    const reason = (finding: string) => ARCHIVE_PEER_ACKNOWLEDGEMENTS.find((a) => a.id(names) === `AwsSolutions-IAM5[Resource::${finding}]`)!.reason;
    expect(reason('*')).toMatch(/Scoping this action to a specific bucket ARN makes it ineffective/);
    expect(reason('<ArchiveBucket.Arn>/*')).toMatch(/It cannot delete anything there, and S3 Object Lock in compliance mode keeps every version/);
    expect(reason('<ArchiveStaging.Arn>/*')).toMatch(/The objects of the staging bucket and no other/);
  });

  test('the other acknowledgements cite the AWS fact they rest on', () => {
    const names = { bucketArn: '', stagingBucketArn: '', snapshotArn: () => '', replicationGroupId: '' };
    const reasonOf = (id: string, at: string) => ARCHIVE_PEER_ACKNOWLEDGEMENTS.find((a) => a.id(names) === id && a.path === at)!.reason;

    expect(reasonOf('NIST.800.53.R5-S3DefaultEncryptionKMS', 'AccessLogs/Resource'))
      .toMatch(/SSE-KMS\) is not supported" \(Amazon S3 User Guide, Enabling Amazon S3 server access logging\)/);
    expect(reasonOf('PCI.DSS.321-S3BucketReplicationEnabled', 'Bucket/Resource')).toMatch(/only to a bucket in the backup's own Region/);
    expect(reasonOf('NIST.800.53.R5-S3DefaultEncryptionKMS', 'Staging/Resource/Resource'))
      .toMatch(/"Customer managed keys cannot be used when exporting backups to your selected Amazon S3 bucket/);
    expect(reasonOf('HIPAA.Security-S3BucketReplicationEnabled', 'Staging/Resource/Resource')).toMatch(/The staging bucket is a transit point, not a record/);
    const awsSolutions = ARCHIVE_PEER_ACKNOWLEDGEMENTS.map((a) => a.id(names)).filter((id) => id.startsWith('AwsSolutions-'));
    expect(awsSolutions.every((id) => id.startsWith('AwsSolutions-IAM5['))).toBe(true);
  });

  test('the bundled CloudFormation validator (cfn-lint rules, schema) finds nothing in the archive', () => {
    // GIVEN
    const { app } = archiveStack({}, ENV, { '@aws-cdk/core:failSynthOnValidationErrors': false });

    // WHEN
    const report = JSON.parse(fs.readFileSync(path.join(app.synth().directory, 'validation-report.json'), 'utf-8'));
    const cfnValidate = report.pluginReports.find((r: { pluginName: string }) => r.pluginName === 'CloudFormation Validate');

    // THEN
    expect((cfnValidate?.violations ?? []).map((v: { ruleName: string }) => v.ruleName)).toEqual([]);
  });

  test('the bundled CloudFormation validator runs in these tests: a control with a bad retention is reported', () => {
    // GIVEN
    const { app, stack } = archiveStack({}, ENV, { '@aws-cdk/core:failSynthOnValidationErrors': false });
    new CfnResource(stack, 'Bad', { type: 'AWS::Logs::LogGroup', properties: { RetentionInDays: 17 } });

    // WHEN
    const report = JSON.parse(fs.readFileSync(path.join(app.synth().directory, 'validation-report.json'), 'utf-8'));
    const cfnValidate = report.pluginReports.find((r: { pluginName: string }) => r.pluginName === 'CloudFormation Validate');

    // THEN
    expect(cfnValidate.violations.map((v: { ruleName: string }) => v.ruleName)).toEqual(['W3030']);
  });
});
