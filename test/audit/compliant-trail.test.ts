import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { CompliantTrail, CompliantTrailProps } from '../../src/audit';
import { TRAIL_PEER_ACKNOWLEDGEMENTS } from '../../src/audit/peer-acknowledgements';
import { STRICT_CFN_VALIDATION } from '../helpers/cache-stack';
import { GRANT_GUARD_STATEMENT } from '../helpers/kms-grant-guard';

const ENV = { account: '123456789012', region: 'us-east-1' };

let app: App;
let stack: Stack;
beforeEach(() => {
  // Every synth is checked against the bundled CloudFormation validator's rules as errors.
  app = new App({ context: STRICT_CFN_VALIDATION });
  stack = new Stack(app, 'Stack', { env: ENV });
});

function trailStack(props?: CompliantTrailProps): { trail: CompliantTrail; template: Template } {
  const trail = new CompliantTrail(stack, 'Trail', props);
  return { trail, template: Template.fromStack(stack) };
}

/** The resolved policy statements of the only resource of `type` (a key or a bucket policy). */
function statements(template: Template, type: string, policyProperty: string): Record<string, unknown>[] {
  const [resource] = Object.values(template.findResources(type));
  return resource.Properties[policyProperty].Statement;
}

describe('trail settings', () => {
  test('the trail logs read and write management events of every region, global services included', () => {
    // WHEN
    const { template } = trailStack();

    // THEN
    template.resourceCountIs('AWS::CloudTrail::Trail', 1);
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsLogging: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'All' }],
    });
  });

  test('log file validation is on and log files are encrypted with the trail key', () => {
    // WHEN
    const { trail, template } = trailStack();

    // THEN
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      EnableLogFileValidation: true,
      KMSKeyId: stack.resolve(trail.encryptionKey.keyArn),
      S3BucketName: stack.resolve(trail.bucket.bucketName),
    });
  });

  test('events go to the KMS-encrypted log group through a role only CloudTrail assumes', () => {
    // WHEN
    const { trail, template } = trailStack();

    // THEN
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      CloudWatchLogsLogGroupArn: stack.resolve(trail.logGroup.logGroupArn),
      CloudWatchLogsRoleArn: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' } }],
      },
    });
  });

  test('the delivery role has a customer managed policy limited to the log group, not an inline policy', () => {
    // WHEN
    const { trail, template } = trailStack();

    // THEN
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Effect: 'Allow',
            Resource: stack.resolve(trail.logGroup.logGroupArn),
          },
        ],
      },
      Roles: [Match.anyValue()],
    });
  });

  test('the trail is created after its bucket policy and its delivery policy', () => {
    // WHEN
    const { template } = trailStack();

    // THEN
    const [trail] = Object.values(template.findResources('AWS::CloudTrail::Trail'));
    const bucketPolicy = Object.keys(template.findResources('AWS::S3::BucketPolicy')).find((id) => id.startsWith('TrailBucketPolicy'));
    const [logsPolicy] = Object.keys(template.findResources('AWS::IAM::ManagedPolicy'));
    expect(trail.DependsOn).toEqual(expect.arrayContaining([bucketPolicy, logsPolicy]));
  });

  test('the default trail name is derived from the construct path and the ARN is built from it', () => {
    // WHEN
    const { trail, template } = trailStack();

    // THEN
    expect(trail.trailName).toEqual('StackTrailFE9DBB82');
    expect(stack.resolve(trail.trailArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudtrail:us-east-1:123456789012:trail/StackTrailFE9DBB82']],
    });
    template.hasResourceProperties('AWS::CloudTrail::Trail', { TrailName: 'StackTrailFE9DBB82' });
  });

  test('a given trail name names the trail and its log group', () => {
    // WHEN
    const { template } = trailStack({ trailName: 'cache-audit' });

    // THEN
    template.hasResourceProperties('AWS::CloudTrail::Trail', { TrailName: 'cache-audit' });
    // AWS fact logs-log-group-name-unique-per-region: the stack's instance ID keeps a recreated stack clear of the retained group
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['/aws/cloudtrail/cache-audit/', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }]] },
    });
  });
});

describe('trail bucket', () => {
  const trailBucket = (template: Template) =>
    Object.values(template.findResources('AWS::S3::Bucket')).find((b) => b.Properties.LoggingConfiguration)!;

  test('is encrypted with the trail key (SSE-KMS) and has versioning, public access blocked and ACLs disabled', () => {
    // WHEN
    const { trail, template } = trailStack();

    // THEN
    expect(trailBucket(template).Properties).toEqual(
      expect.objectContaining({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: false,
              ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: stack.resolve(trail.encryptionKey.keyArn) },
            },
          ],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      }),
    );
  });

  test('records move to Glacier after 90 days and expire after the default six years', () => {
    // WHEN
    const { template } = trailStack();

    // THEN
    expect(trailBucket(template).Properties.LifecycleConfiguration.Rules).toEqual([
      {
        Id: 'ArchiveAfter90DaysExpireAfterRetention',
        Status: 'Enabled',
        Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }],
        ExpirationInDays: 2192,
        NoncurrentVersionExpiration: { NoncurrentDays: 90 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
      },
      { Id: 'RemoveExpiredDeleteMarkers', Status: 'Enabled', ExpiredObjectDeleteMarker: true },
    ]);
  });

  test('records expire after the given record retention', () => {
    // WHEN
    const { trail, template } = trailStack({ recordRetention: Duration.days(400) });

    // THEN
    expect(trail.recordRetention.toDays()).toEqual(400);
    expect(trailBucket(template).Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toEqual(400);
  });

  test('accepts only TLS >= 1.2 requests and lets CloudTrail write under the account prefix only', () => {
    // WHEN
    const { trail, template } = trailStack();

    // THEN
    const policy = template.findResources('AWS::S3::BucketPolicy', {
      Properties: { Bucket: stack.resolve(trail.bucket.bucketName) },
    });
    const trailBucketStatements = Object.values(policy)[0].Properties.PolicyDocument.Statement;
    expect(trailBucketStatements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        expect.objectContaining({ Effect: 'Allow', Action: 's3:GetBucketAcl', Principal: { Service: 'cloudtrail.amazonaws.com' } }),
        expect.objectContaining({
          Effect: 'Allow',
          Action: 's3:PutObject',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
        }),
      ]),
    );
  });

  test('sends its server access logs to the separate access-log bucket', () => {
    // WHEN
    const { trail, template } = trailStack();

    // THEN
    expect(trailBucket(template).Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: stack.resolve(trail.accessLogBucket.bucketName),
      LogFilePrefix: 'trail-bucket/',
    });
  });
});

describe('access-log bucket', () => {
  const accessLogBucket = (template: Template) =>
    Object.values(template.findResources('AWS::S3::Bucket')).find((b) => !b.Properties.LoggingConfiguration)!;

  test('uses SSE-S3 (the only default encryption S3 supports for server access logs), versioning and no public access', () => {
    // WHEN
    const { template } = trailStack();

    // THEN
    expect(accessLogBucket(template).Properties).toEqual(
      expect.objectContaining({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: expect.objectContaining({ BlockPublicPolicy: true, RestrictPublicBuckets: true }),
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      }),
    );
    expect(accessLogBucket(template).Properties.LoggingConfiguration).toBeUndefined();
  });

  test('keeps the access logs as long as the records: Glacier after 90 days, expiry after the record retention', () => {
    // WHEN
    const { template } = trailStack({ recordRetention: Duration.days(731) });

    // THEN
    expect(accessLogBucket(template).Properties.LifecycleConfiguration.Rules[0]).toEqual(
      expect.objectContaining({ Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }], ExpirationInDays: 731 }),
    );
  });

  test('is SSL only and lets S3 log delivery write for the trail bucket only, by bucket policy', () => {
    // WHEN
    const { trail, template } = trailStack();

    // THEN
    const policy = template.findResources('AWS::S3::BucketPolicy', {
      Properties: { Bucket: stack.resolve(trail.accessLogBucket.bucketName) },
    });
    expect(Object.values(policy)[0].Properties.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({
          Effect: 'Allow',
          Action: 's3:PutObject',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Condition: {
            ArnLike: { 'aws:SourceArn': stack.resolve(trail.bucket.bucketArn) },
            StringEquals: { 'aws:SourceAccount': '123456789012' },
          },
        }),
      ]),
    );
  });

  test('log delivery is granted by bucket policy even when the app does not set the feature flag', () => {
    // GIVEN: the flag explicitly off in the app
    app = new App({ context: { ...STRICT_CFN_VALIDATION, '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': false } });
    stack = new Stack(app, 'Stack', { env: ENV });

    // WHEN
    const { template } = trailStack();

    // THEN: no ACL, and the policy statement is there
    template.hasResourceProperties('AWS::S3::Bucket', { AccessControl: Match.absent(), LoggingConfiguration: Match.absent() });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'logging.s3.amazonaws.com' } })]) },
    });
  });
});

describe('log group', () => {
  test('is encrypted with the trail key and kept one year by default', () => {
    // WHEN
    const { trail, template } = trailStack();

    // THEN
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['/aws/cloudtrail/StackTrailFE9DBB82/', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }]] },
      KmsKeyId: stack.resolve(trail.encryptionKey.keyArn),
      RetentionInDays: 365,
    });
  });

  test('keeps events as long as asked', () => {
    // WHEN
    const { template } = trailStack({ logRetention: logs.RetentionDays.TWO_YEARS });

    // THEN
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731 });
  });
});

describe('key policy', () => {
  test('a created key rotates automatically', () => {
    // WHEN
    const { template } = trailStack();

    // THEN
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('CloudTrail may generate data keys for this trail only, in the encryption context of the account\'s trails', () => {
    // WHEN
    const { trail, template } = trailStack();

    // THEN
    expect(statements(template, 'AWS::KMS::Key', 'KeyPolicy')).toContainEqual({
      Sid: 'AllowCloudTrailToEncryptLogs',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:SourceArn': stack.resolve(trail.trailArn) },
        StringLike: {
          'kms:EncryptionContext:aws:cloudtrail:arn': {
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudtrail:*:123456789012:trail/*']],
          },
        },
      },
    });
  });

  test('CloudTrail may describe the key for this trail only', () => {
    // WHEN
    const { trail, template } = trailStack();

    // THEN
    expect(statements(template, 'AWS::KMS::Key', 'KeyPolicy')).toContainEqual({
      Sid: 'AllowCloudTrailToDescribeKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': stack.resolve(trail.trailArn) } },
    });
  });

  test('CloudWatch Logs of the region may use the key for the trail\'s log group only', () => {
    // WHEN
    const { template } = trailStack({ trailName: 'cache-audit' });

    // THEN
    expect(statements(template, 'AWS::KMS::Key', 'KeyPolicy')).toContainEqual({
      Sid: 'AllowCloudWatchLogsForTrailLogGroup',
      Effect: 'Allow',
      Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: {
        ArnEquals: {
          'kms:EncryptionContext:aws:logs:arn': {
            'Fn::Join': ['', [
              'arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:123456789012:log-group:/aws/cloudtrail/cache-audit/',
              { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] },
            ]],
          },
        },
      },
    });
  });

  test('a given key encrypts everything and receives the statements; no key is created', () => {
    // GIVEN
    const key = new kms.Key(stack, 'AuditKey', { enableKeyRotation: true });

    // WHEN
    const { template } = trailStack({ encryptionKey: key });

    // THEN
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::CloudTrail::Trail', { KMSKeyId: stack.resolve(key.keyArn) });
    const sids = statements(template, 'AWS::KMS::Key', 'KeyPolicy').map((s) => s.Sid);
    expect(sids).toEqual(expect.arrayContaining(['AllowCloudTrailToEncryptLogs', 'AllowCloudTrailToDescribeKey', 'AllowCloudWatchLogsForTrailLogGroup']));
  });

  // AWS Control Tower CT.KMS.PR.3; AWS facts kms-grant-is-for-aws-resource, kms-services-create-grants-on-behalf
  test('a created key lets no one create grants except AWS services (CloudTrail and CloudWatch Logs need none)', () => {
    // WHEN
    const { template } = trailStack();

    // THEN
    expect(statements(template, 'AWS::KMS::Key', 'KeyPolicy')).toContainEqual(GRANT_GUARD_STATEMENT);
  });

  test('a given key is the owner\'s to guard: no grant statement is added to it', () => {
    // GIVEN
    const key = new kms.Key(stack, 'AuditKey', { enableKeyRotation: true });

    // WHEN
    const { template } = trailStack({ encryptionKey: key });

    // THEN
    expect(statements(template, 'AWS::KMS::Key', 'KeyPolicy').map((s) => s.Sid)).not.toContain('DenyGrantsExceptForAwsServices');
  });

  test('an imported key gets a warning: its owner must add the statements', () => {
    // GIVEN
    const key = kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');

    // WHEN
    trailStack({ encryptionKey: key });

    // THEN
    Annotations.fromStack(stack).hasWarning('/Stack/Trail', Match.stringLikeRegexp('`encryptionKey` is imported'));
  });
});

// AWS Control Tower proactive controls: what the buckets meet, and what they state they do not, with the reason
// (test/matrix/field-tools.test.ts runs the Guard rules themselves). AWS facts s3-eventbridge-delivery-all-events,
// s3-access-log-destination-sse-s3-only, s3-object-lock-not-for-access-log-destination, s3-access-logs-to-source-not-recommended.
describe('AWS Control Tower proactive controls', () => {
  const exceptionsOf = (template: Template, bucket: IConstruct) =>
    template.toJSON().Resources[stack.getLogicalId(bucket.node.defaultChild as never)].Metadata?.['cdk-hitrust-redis:control-tower-exceptions'] as
      { control: string; reason: string }[] | undefined;

  test('both buckets send their events to EventBridge, set on the bucket itself (CT.S3.PR.4): no notifications custom resource', () => {
    // WHEN
    const { template } = trailStack();

    // THEN
    const buckets = Object.values(template.findResources('AWS::S3::Bucket'));
    expect(buckets).toHaveLength(2);
    const toEventBridge = { EventBridgeConfiguration: { EventBridgeEnabled: true } };
    for (const bucket of buckets) expect(bucket.Properties.NotificationConfiguration).toEqual(toEventBridge);
    expect(Object.keys(template.findResources('Custom::S3BucketNotifications'))).toEqual([]);
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('the access-log bucket states CT.S3.PR.2, CT.S3.PR.9 and CT.S3.PR.10, each with the S3 user guide\'s sentence', () => {
    // WHEN
    const { trail, template } = trailStack();

    // THEN
    const stated = exceptionsOf(template, trail.accessLogBucket)!;
    expect(stated.map((e) => e.control)).toEqual(['CT.S3.PR.2', 'CT.S3.PR.9', 'CT.S3.PR.10']);
    const reason = (control: string) => stated.find((e) => e.control === control)!.reason;
    expect(reason('CT.S3.PR.2')).toMatch(/"When your source bucket and target bucket are the same bucket, additional logs are created/);
    expect(reason('CT.S3.PR.2')).toMatch(/trail bucket's S3 server access logs/);
    expect(reason('CT.S3.PR.9')).toMatch(/"S3 buckets with Object Lock can't be used as destination buckets for server access logs\."/);
    expect(reason('CT.S3.PR.10')).toMatch(/SSE-KMS\) is not supported"/);
  });

  test('the trail bucket states only CT.S3.PR.9, naming what protects the records instead', () => {
    // WHEN
    const { trail, template } = trailStack();

    // THEN
    const stated = exceptionsOf(template, trail.bucket)!;
    expect(stated.map((e) => e.control)).toEqual(['CT.S3.PR.9']);
    expect(stated[0].reason).toMatch(/log file integrity validation/);
    expect(stated[0].reason).toMatch(/"The Content-MD5 or x-amz-sdk-checksum-algorithm header is required/);
    expect(stated[0].reason).toMatch(/"After you enable Object Lock on a bucket, you can't disable Object Lock/);
    // what the reason says protects the records is there
    template.hasResourceProperties('AWS::CloudTrail::Trail', { EnableLogFileValidation: true });
    expect(template.toJSON().Resources[stack.getLogicalId(trail.bucket.node.defaultChild as never)].Properties.VersioningConfiguration)
      .toEqual({ Status: 'Enabled' });
  });

  test('every stated reason is long enough for an auditor to check (more than a label)', () => {
    const { trail, template } = trailStack();

    for (const bucket of [trail.bucket, trail.accessLogBucket]) {
      for (const e of exceptionsOf(template, bucket)!) expect(e.reason.length).toBeGreaterThan(200);
    }
  });
});

describe('removal', () => {
  test('buckets, key and log group are retained by default: audit evidence outlives the stack', () => {
    // WHEN
    const { template } = trailStack();

    // THEN
    for (const type of ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Logs::LogGroup']) {
      for (const resource of Object.values(template.findResources(type))) {
        expect(resource).toEqual(expect.objectContaining({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' }));
      }
    }
  });

  test('a given removal policy applies to buckets, key and log group', () => {
    // WHEN
    const { template } = trailStack({ removalPolicy: RemovalPolicy.DESTROY });

    // THEN
    for (const type of ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Logs::LogGroup']) {
      for (const resource of Object.values(template.findResources(type))) {
        expect(resource.DeletionPolicy).toEqual('Delete');
      }
    }
  });
});

describe('validation', () => {
  test.each([
    {
      description: 'fails when records are kept less than a year',
      props: { recordRetention: Duration.days(90) },
      error: '`recordRetention` must be at least 365 days for HITRUST 1202.09aa1, got: 90 days',
    },
    {
      description: 'fails when the record retention is not whole days',
      props: { recordRetention: Duration.hours(9012) },
      error: '`recordRetention` must be whole days (S3 lifecycle rules count days) for HITRUST 1202.09aa1, got: 375 days 12 hours',
    },
    {
      description: 'fails when the log group keeps events less than a year',
      props: { logRetention: logs.RetentionDays.THREE_MONTHS },
      error: '`logRetention` must be at least 365 days for HITRUST 1202.09aa1, got: 90 days',
    },
    { description: 'fails when the trail name is too short', props: { trailName: 'ab' }, error: "got: 'ab'" },
    { description: 'fails when the trail name has two hyphens in a row', props: { trailName: 'cache--audit' }, error: "got: 'cache--audit'" },
    { description: 'fails when the trail name starts with a hyphen', props: { trailName: '-cache' }, error: "got: '-cache'" },
    { description: 'fails when the trail name looks like an IP address', props: { trailName: '10.0.0.1' }, error: "got: '10.0.0.1'" },
  ])('$description', ({ props, error }) => {
    expect(() => new CompliantTrail(stack, 'Trail', props)).toThrow(error);
  });

  test('fails with every problem at once', () => {
    // WHEN
    const make = () => new CompliantTrail(stack, 'Trail', { recordRetention: Duration.days(30), logRetention: logs.RetentionDays.ONE_MONTH });

    // THEN
    expect(make).toThrow(/CompliantTrail validation failed:\n- `recordRetention` .*\n- `logRetention` /);
  });

  test('never-expiring log groups and retentions of exactly one year are accepted', () => {
    expect(
      () => new CompliantTrail(stack, 'Trail', { recordRetention: Duration.days(365), logRetention: logs.RetentionDays.INFINITE }),
    ).not.toThrow();
  });

  test('unresolved tokens are not validated', () => {
    expect(() => new CompliantTrail(stack, 'Trail', { trailName: Token.asString({ Ref: 'TrailName' }) })).not.toThrow();
  });
});

describe('peer packs', () => {
  const PACKS = () => [new AwsSolutionsChecks(), new HIPAASecurityChecks(), new NIST80053R5Checks(), new PCIDSS321Checks()];
  const findingsOnTrail = () =>
    PACKS()
      .flatMap((pack) => pack.validateScope(app).violations)
      .flatMap((v) => v.violatingResources.filter((r) => r.constructPath?.startsWith('Stack/Trail/')).map((r) => `${v.ruleName} ${r.constructPath}`))
      .sort();
  const acknowledgedOn = (construct: IConstruct) =>
    construct.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .map((m) => m.data as Record<string, string>);
  const childAt = (trail: CompliantTrail, relativePath: string) =>
    relativePath.split('/').reduce((c: IConstruct, id) => c.node.findChild(id), trail);

  test.each<[string, CompliantTrailProps]>([
    ['default', {}],
    ['given name, key, retentions and removal policy', { trailName: 'cache-audit', recordRetention: Duration.days(731), logRetention: logs.RetentionDays.FIVE_YEARS, removalPolicy: RemovalPolicy.DESTROY }],
  ])('AwsSolutions, HIPAA.Security, NIST.800.53.R5 and PCI.DSS.321 leave no unacknowledged finding (%s)', (_name, props) => {
    // GIVEN
    new CompliantTrail(stack, 'Trail', props);

    // WHEN
    const findings = findingsOnTrail();

    // THEN
    expect(findings).toEqual([]);
  });

  test('every acknowledgement answers a finding that fires without it', () => {
    // GIVEN
    const trail = new CompliantTrail(stack, 'Trail');
    for (const ack of TRAIL_PEER_ACKNOWLEDGEMENTS) {
      const node = childAt(trail, ack.path).node as unknown as { _metadata: { type: string }[] };
      node._metadata = node._metadata.filter((m) => m.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    }

    // WHEN
    const findings = findingsOnTrail();

    // THEN
    expect(findings).toEqual(TRAIL_PEER_ACKNOWLEDGEMENTS.map((a) => `${a.id} Stack/Trail/${a.path}`).sort());
  });

  test.each(TRAIL_PEER_ACKNOWLEDGEMENTS.map((a) => [a.id, a.path, a.reason]))(
    '%s on %s is acknowledged with its documented reason',
    (id, ackPath, reason) => {
      // GIVEN
      const trail = new CompliantTrail(stack, 'Trail');

      // WHEN
      const recorded = acknowledgedOn(childAt(trail, ackPath)).map((data) => Object.entries(data).find(([key]) => key.endsWith(id))?.[1]);

      // THEN
      expect(recorded).toContain(reason);
    },
  );

  test('the SSE-S3 acknowledgement quotes the S3 user guide and names the customer-managed key of the records', () => {
    const [ack] = TRAIL_PEER_ACKNOWLEDGEMENTS.filter((a) => a.id.endsWith('S3DefaultEncryptionKMS'));
    expect(ack.path).toEqual('AccessLogs/Resource');
    expect(ack.reason).toMatch(/SSE-KMS\) is not supported" \(Amazon S3 User Guide, Enabling Amazon S3 server access logging\)/);
    expect(ack.reason).toMatch(/customer-managed KMS key/);
  });

  test('the replication acknowledgement names what the guide requires and what S3 provides instead', () => {
    const [ack] = TRAIL_PEER_ACKNOWLEDGEMENTS.filter((a) => a.id.endsWith('S3BucketReplicationEnabled'));
    expect(ack.reason).toMatch(/not ePHI/);
    expect(ack.reason).toMatch(/1202\.09aa1/);
    expect(ack.reason).toMatch(/at least three Availability Zones/);
    expect(ack.reason).toMatch(/log file\s+validation/);
  });

  test('nothing of the AwsSolutions pack is acknowledged', () => {
    expect(TRAIL_PEER_ACKNOWLEDGEMENTS.filter((a) => a.id.startsWith('AwsSolutions-'))).toEqual([]);
  });

  test('the bundled CloudFormation validator (cfn-lint rules, schema) finds nothing', () => {
    // GIVEN
    const cfnValidateFindings = (build: (s: Stack) => void) => {
      const checkedApp = new App({ context: { ...STRICT_CFN_VALIDATION, '@aws-cdk/core:failSynthOnValidationErrors': false } });
      build(new Stack(checkedApp, 'Stack', { env: ENV }));
      const report = JSON.parse(fs.readFileSync(path.join(checkedApp.synth().directory, 'validation-report.json'), 'utf-8'));
      const cfnValidate = report.pluginReports.find((r: { pluginName: string }) => r.pluginName === 'CloudFormation Validate');
      return (cfnValidate?.violations ?? []).map((v: { ruleName: string }) => v.ruleName);
    };

    // WHEN
    const findings = cfnValidateFindings((s) => new CompliantTrail(s, 'Trail'));
    // a control: the validator runs here and reports what it finds (a plugin without findings is left out of the report)
    const control = cfnValidateFindings((s) => new CfnResource(s, 'Bad', { type: 'AWS::Logs::LogGroup', properties: { RetentionInDays: 17 } }));

    // THEN
    expect(findings).toEqual([]);
    expect(control).toEqual(['W3030']);
  });
});
