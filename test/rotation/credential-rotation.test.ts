import * as fs from 'fs';
import * as path from 'path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { CacheAuthentication, CacheAuthenticationMode, CompliantRedisReplicationGroup } from '../../src';
import { PASSWORD_EXCLUDED_CHARACTERS } from '../../src/redis/defaults';
import { CacheCredentialRotation, CacheCredentialRotationProps } from '../../src/rotation';
import { ROTATION_PEER_ACKNOWLEDGEMENTS } from '../../src/rotation/peer-acknowledgements';
import { readRotationConfig } from '../../src/rotation/rotation-config';
import { cacheStack } from '../helpers/cache-stack';

type Mode = 'rbac' | 'auth';

/** A compliant cache and its rotation, as the replication group construct will compose them. */
function cacheWithRotation(mode: Mode = 'rbac', overrides: Partial<CacheCredentialRotationProps> = {}, context: Record<string, unknown> = {}) {
  const { app, stack, vpc } = cacheStack(context);
  const rbac = mode === 'rbac';
  // the construct's own rotation is off: these tests wire CacheCredentialRotation by hand, as a user of an
  // imported or custom secret would
  const cache = new CompliantRedisReplicationGroup(stack, 'Cache', {
    vpc,
    authentication: rbac ? CacheAuthentication.rbacPassword() : CacheAuthentication.authToken(),
    credentialRotation: false,
    snapshotArchive: false,
  });
  const rotation = new CacheCredentialRotation(stack, 'Rotation', {
    secret: cache.secret!,
    mode: rbac ? CacheAuthenticationMode.RBAC_PASSWORD : CacheAuthenticationMode.AUTH_TOKEN,
    replicationGroupId: cache.replicationGroupId,
    userId: rbac ? cache.userId : undefined,
    vpc,
    cache,
    encryptionKey: cache.encryptionKey,
    logGroupName: `/aws/vendedlogs/elasticache/${cache.replicationGroupId}/rotation`,
    ...overrides,
  });
  return { app, stack, vpc, cache, rotation, template: () => Template.fromStack(stack) };
}

/** The logical ID of a construct's CloudFormation resource. */
function logicalId(construct: IConstruct): string {
  const child = construct.node.defaultChild ?? construct;
  return Stack.of(construct).getLogicalId(child as never);
}

/** The rotation policy's statements. */
function statements(template: Template): Array<Record<string, unknown>> {
  const policies = template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Description: Match.stringLikeRegexp('least privilege') } });
  const [policy] = Object.values(policies);
  return policy.Properties.PolicyDocument.Statement;
}

describe('rotation schedule', () => {
  test('rotates the secret every 30 days by default, with the bundled function', () => {
    const { cache, rotation, template } = cacheWithRotation();
    template().hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      SecretId: { Ref: logicalId(cache.secret!) },
      RotationLambdaARN: { 'Fn::GetAtt': [logicalId(rotation.rotationFunction), 'Arn'] },
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
  });

  test('takes a custom schedule', () => {
    const { template } = cacheWithRotation('auth', { schedule: Duration.days(7) });
    template().hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(7 days)' } });
  });

  test('Secrets Manager may invoke the function, and the schedule waits for that permission and for the cache', () => {
    // GIVEN
    const { cache, rotation, template } = cacheWithRotation();
    const t = template();

    // THEN
    const permissions = t.findResources('AWS::Lambda::Permission', {
      Properties: {
        Action: 'lambda:InvokeFunction',
        Principal: 'secretsmanager.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [logicalId(rotation.rotationFunction), 'Arn'] },
      },
    });
    expect(Object.keys(permissions)).toHaveLength(1);
    const [schedule] = Object.values(t.findResources('AWS::SecretsManager::RotationSchedule'));
    expect(schedule.DependsOn).toEqual(expect.arrayContaining([Object.keys(permissions)[0], logicalId(cache)]));
  });

  // AWS fact secretsmanager-rotation-source-arn-one-secret; AWS Control Tower CT.LAMBDA.PR.2
  test('Secrets Manager may invoke the function for this secret of this account only: SourceArn is the secret, SourceAccount the stack\'s', () => {
    // GIVEN
    const { cache, rotation, template } = cacheWithRotation();
    const t = template();

    // THEN
    const [permission] = Object.values(t.findResources('AWS::Lambda::Permission', {
      Properties: { Principal: 'secretsmanager.amazonaws.com', FunctionName: { 'Fn::GetAtt': [logicalId(rotation.rotationFunction), 'Arn'] } },
    }));
    const [schedule] = Object.values(t.findResources('AWS::SecretsManager::RotationSchedule'));
    expect(permission.Properties.SourceArn).toEqual({ Ref: logicalId(cache.secret!) });
    expect(permission.Properties.SourceArn).toEqual(schedule.Properties.SecretId);
    expect(permission.Properties.SourceAccount).toEqual('123456789012');
  });

  test('an imported secret known by its name only is matched with the six characters Secrets Manager appends to its ARN', () => {
    // GIVEN
    const { stack, vpc } = cacheStack();
    const cache = new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, credentialRotation: false, snapshotArchive: false });
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'Imported', 'cache/app-user');

    // WHEN
    new CacheCredentialRotation(stack, 'Rotation', {
      secret,
      mode: CacheAuthenticationMode.RBAC_PASSWORD,
      replicationGroupId: cache.replicationGroupId,
      userId: cache.userId,
      vpc,
      cache,
      encryptionKey: cache.encryptionKey,
      logGroupName: '/aws/vendedlogs/elasticache/imported/rotation',
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'secretsmanager.amazonaws.com',
      SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:us-east-1:123456789012:secret:cache/app-user-??????']] },
    });
  });
});

describe('rotation function', () => {
  test('runs in the private subnets with one concurrent execution, a 15-minute timeout, Node.js 24 and an encrypted environment', () => {
    const { cache, vpc, rotation, template } = cacheWithRotation();
    template().hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Timeout: 900,
      ReservedConcurrentExecutions: 1,
      KmsKeyArn: { 'Fn::GetAtt': [logicalId(cache.encryptionKey), 'Arn'] },
      VpcConfig: {
        SubnetIds: vpc.privateSubnets.map((s) => ({ Ref: logicalId(s) })),
        SecurityGroupIds: [{ 'Fn::GetAtt': [logicalId(rotation.securityGroup), 'GroupId'] }],
      },
    });
  });

  test.each<[Mode, Record<string, unknown>]>([
    ['rbac', { MODE: 'rbac-password', USER_ID: Match.anyValue() }],
    ['auth', { MODE: 'auth-token', USER_ID: Match.absent() }],
  ])('its environment (%s) tells the handler what to rotate, in the names the handler reads', (mode, expected) => {
    // GIVEN
    const { cache, template } = cacheWithRotation(mode);

    // WHEN
    const [fn] = Object.values(template().findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs24.x' } }));
    const variables = fn.Properties.Environment.Variables;

    // THEN
    template().hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          ...expected,
          SECRET_ARN: { Ref: logicalId(cache.secret!) },
          REPLICATION_GROUP_ID: cache.replicationGroupId,
          EXCLUDE_CHARACTERS: PASSWORD_EXCLUDED_CHARACTERS,
          PASSWORD_LENGTH: '64',
        },
      },
    });
    const literal = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, typeof v === 'string' ? v : 'from-a-token']));
    expect(() => readRotationConfig(literal)).not.toThrow();
  });

  test('logs to its own log group, encrypted with the key and kept one year, retained by default', () => {
    const { cache, rotation, template } = cacheWithRotation();
    const t = template();
    t.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        LogGroupName: `/aws/vendedlogs/elasticache/${cache.replicationGroupId}/rotation`,
        KmsKeyId: { 'Fn::GetAtt': [logicalId(cache.encryptionKey), 'Arn'] },
        RetentionInDays: 365,
      },
      DeletionPolicy: 'Retain',
    });
    t.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: logicalId(rotation.logGroup) } } });
  });

  test('takes a longer log retention and a removal policy for the log group', () => {
    const { template } = cacheWithRotation('rbac', { logRetention: logs.RetentionDays.FIVE_YEARS, removalPolicy: RemovalPolicy.DESTROY });
    template().hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: Match.stringLikeRegexp('/rotation$'), RetentionInDays: 1827 },
      DeletionPolicy: 'Delete',
    });
  });
});

describe('IAM', () => {
  test('the role has one customer-managed policy, no inline policy and no AWS managed policy', () => {
    // GIVEN
    const { rotation, template } = cacheWithRotation();
    const t = template();

    // THEN
    const role = t.toJSON().Resources[logicalId(rotation.role)];
    expect(role.Properties.ManagedPolicyArns).toHaveLength(1);
    expect(role.Properties.ManagedPolicyArns[0]).toEqual({ Ref: expect.stringMatching(/^RotationPolicy/) });
    expect(role.Properties.Policies).toBeUndefined();
    expect(JSON.stringify(t.toJSON())).not.toMatch(/arn:aws:iam::aws:policy|:iam::aws:policy\//);
    const inlinePolicies = Object.values(t.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(logicalId(rotation.role)));
    expect(inlinePolicies).toEqual([]);
  });

  test('RBAC: the statements name the secret, its key through Secrets Manager, the user, the group and the log group', () => {
    const { cache, rotation, template } = cacheWithRotation('rbac');
    const userArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':elasticache:us-east-1:123456789012:user:', { Ref: Match.stringLikeRegexp('^CacheAccessAppUser') }]] };
    const groupArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:elasticache:us-east-1:123456789012:replicationgroup:${cache.replicationGroupId}`]] };
    template().hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.exact([
          {
            Sid: 'ReadAndStageTheSecret',
            Effect: 'Allow',
            Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
            Resource: { Ref: logicalId(cache.secret!) },
          },
          { Sid: 'GenerateTheNewPassword', Effect: 'Allow', Action: 'secretsmanager:GetRandomPassword', Resource: '*' },
          {
            Sid: 'UseTheSecretKeyThroughSecretsManager',
            Effect: 'Allow',
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            Resource: { 'Fn::GetAtt': [logicalId(cache.encryptionKey), 'Arn'] },
            Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } },
          },
          { Sid: 'ChangeTheUserPasswords', Effect: 'Allow', Action: ['elasticache:ModifyUser', 'elasticache:DescribeUsers'], Resource: userArn },
          { Sid: 'FindTheEndpoint', Effect: 'Allow', Action: 'elasticache:DescribeReplicationGroups', Resource: groupArn },
          {
            Sid: 'ManageTheVpcNetworkInterfaces',
            Effect: 'Allow',
            Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
              'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
            Resource: '*',
          },
          { Sid: 'WriteTheLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logicalId(rotation.logGroup), 'Arn'] } },
        ]),
      },
    });
  });

  test('AUTH token: ModifyReplicationGroup and DescribeReplicationGroups on the group only, nothing on users', () => {
    const { cache, template } = cacheWithRotation('auth');
    const elastiCache = statements(template()).filter((s) => JSON.stringify(s.Action).includes('elasticache:'));
    expect(elastiCache).toEqual([{
      Sid: 'ChangeTheAuthToken',
      Effect: 'Allow',
      Action: ['elasticache:ModifyReplicationGroup', 'elasticache:DescribeReplicationGroups'],
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:elasticache:us-east-1:123456789012:replicationgroup:${cache.replicationGroupId}`]] },
    }]);
  });

  test.each<Mode>(['rbac', 'auth'])('%s: the only wildcard resources are the two acknowledged statements', (mode) => {
    const { template } = cacheWithRotation(mode);
    const wildcards = statements(template()).filter((s) => JSON.stringify(s.Resource).includes('*')).map((s) => s.Sid);
    expect(wildcards).toEqual(['GenerateTheNewPassword', 'ManageTheVpcNetworkInterfaces']);
    expect(statements(template()).some((s) => JSON.stringify(s.Action).includes('*'))).toBe(false);
  });

  test('the key policy is left alone: no statement names the rotation role', () => {
    const { cache, rotation, template } = cacheWithRotation();
    const key = template().toJSON().Resources[logicalId(cache.encryptionKey)];
    expect(JSON.stringify(key.Properties.KeyPolicy)).not.toContain(logicalId(rotation.role));
  });

  test('a secret without a customer-managed key gets no KMS statement', () => {
    // GIVEN: a standalone rotation of a secret encrypted with aws/secretsmanager
    const { stack, vpc } = cacheStack();
    const cacheSecurityGroup = new ec2.SecurityGroup(stack, 'CacheSg', { vpc, allowAllOutbound: false });
    new CacheCredentialRotation(stack, 'Rotation', {
      secret: new secretsmanager.Secret(stack, 'Secret'),
      mode: CacheAuthenticationMode.AUTH_TOKEN,
      replicationGroupId: 'my-group',
      vpc,
      cache: new ec2.Connections({ securityGroups: [cacheSecurityGroup], defaultPort: ec2.Port.tcp(6380) }),
      encryptionKey: new kms.Key(stack, 'Key'),
      logGroupName: '/aws/vendedlogs/elasticache/my-group/rotation',
    });

    // THEN
    const sids = statements(Template.fromStack(stack)).map((s) => s.Sid);
    expect(sids).toEqual(['ReadAndStageTheSecret', 'GenerateTheNewPassword', 'ChangeTheAuthToken', 'ManageTheVpcNetworkInterfaces', 'WriteTheLogs']);
  });
});

describe('network', () => {
  test('the function\'s security group has no ingress and lets out only the cache port (to the cache) and HTTPS', () => {
    // GIVEN
    const { cache, rotation, template } = cacheWithRotation();
    const t = template();
    const rotationSg = { 'Fn::GetAtt': [logicalId(rotation.securityGroup), 'GroupId'] };
    const cacheSg = { 'Fn::GetAtt': [logicalId(cache.securityGroup), 'GroupId'] };

    // THEN
    const sg = t.toJSON().Resources[logicalId(rotation.securityGroup)];
    expect(sg.Properties.SecurityGroupIngress).toBeUndefined();
    expect(sg.Properties.SecurityGroupEgress).toEqual([
      { CidrIp: '0.0.0.0/0', Description: 'HTTPS to the ElastiCache and Secrets Manager APIs', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 },
    ]);
    t.hasResourceProperties('AWS::EC2::SecurityGroupEgress', { GroupId: rotationSg, DestinationSecurityGroupId: cacheSg, FromPort: 6380, ToPort: 6380, IpProtocol: 'tcp' });
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { GroupId: cacheSg, SourceSecurityGroupId: rotationSg, FromPort: 6380, ToPort: 6380, IpProtocol: 'tcp' });
    expect(Object.values(t.findResources('AWS::EC2::SecurityGroupIngress', { Properties: { GroupId: rotationSg } }))).toEqual([]);
  });

  test('`apiPeer` keeps HTTPS inside the VPC', () => {
    const { rotation, template } = cacheWithRotation('rbac', { apiPeer: ec2.Peer.ipv4('10.0.0.0/16') });
    const sg = template().toJSON().Resources[logicalId(rotation.securityGroup)];
    expect(sg.Properties.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '10.0.0.0/16', FromPort: 443, ToPort: 443 })]);
  });
});

describe('failure alarm', () => {
  test('a failed step raises an alarm on the given topic', () => {
    const { stack, vpc } = cacheStack();
    const cache = new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, authentication: CacheAuthentication.authToken(), credentialRotation: false, snapshotArchive: false });
    const rotation = new CacheCredentialRotation(stack, 'Rotation', {
      secret: cache.secret!,
      mode: CacheAuthenticationMode.AUTH_TOKEN,
      replicationGroupId: cache.replicationGroupId,
      vpc,
      cache,
      encryptionKey: cache.encryptionKey,
      logGroupName: `/aws/vendedlogs/elasticache/${cache.replicationGroupId}/rotation`,
      failureAlarmTopic: cache.notificationTopic,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(rotation.rotationFunction) } }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: logicalId(cache.notificationTopic) }],
    });
  });

  test('without a topic there is no alarm', () => {
    const { rotation } = cacheWithRotation();
    expect(rotation.failureAlarm).toBeUndefined();
  });
});

describe('validation', () => {
  test.each<{ description: string; mode?: Mode; props: Partial<CacheCredentialRotationProps>; error: string }>([
    { description: 'fails on a schedule of 0 days', props: { schedule: Duration.days(0) }, error: '`schedule` must be from 1 to 365 days, got: 0 days' },
    { description: 'fails on a schedule of 400 days', props: { schedule: Duration.days(400) }, error: '`schedule` must be from 1 to 365 days, got: 400 days' },
    { description: 'fails on a schedule of 12 hours', props: { schedule: Duration.hours(12) }, error: '`schedule` must be from 1 to 365 days, got: 12 hours' },
    {
      description: 'fails on IAM mode: there is no password to rotate',
      props: { mode: CacheAuthenticationMode.IAM },
      error: '`mode` must be RBAC_PASSWORD or AUTH_TOKEN: IAM users have no password to rotate, got: iam',
    },
    {
      description: 'fails on RBAC mode without a user',
      props: { userId: undefined },
      error: '`userId` must be set when `mode` is RBAC_PASSWORD (the user whose passwords rotate), got: undefined',
    },
    {
      description: 'fails on AUTH-token mode with a user',
      mode: 'auth',
      props: { userId: 'someone' },
      error: "`userId` must not be set when `mode` is AUTH_TOKEN (the group's token rotates, no user), got: someone",
    },
    {
      description: 'fails on a log retention under one year',
      props: { logRetention: logs.RetentionDays.ONE_MONTH },
      error: '`logRetention` must be at least 365 days for HITRUST, got: 30 days',
    },
  ])('$description', ({ mode, props, error }) => {
    expect(() => cacheWithRotation(mode ?? 'rbac', props)).toThrow(`CacheCredentialRotation validation failed:\n- ${error}`);
  });

  test('fails naming every problem at once', () => {
    expect(() => cacheWithRotation('rbac', { schedule: Duration.days(400), logRetention: logs.RetentionDays.ONE_WEEK, userId: undefined }))
      .toThrow(/userId.*\n- `schedule`.*\n- `logRetention`/);
  });

  test.each([1, 365])('accepts a schedule at the limit of %d days', (days) => {
    const { template } = cacheWithRotation('rbac', { schedule: Duration.days(days) });
    template().hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: `rate(${days} day${days === 1 ? '' : 's'})` } });
  });
});

describe.each<Mode>(['rbac', 'auth'])('peer packs (%s)', (mode) => {
  const PACKS = () => [new AwsSolutionsChecks(), new HIPAASecurityChecks(), new NIST80053R5Checks(), new PCIDSS321Checks()];
  const findings = (app: IConstruct, prefix: string) => PACKS()
    .flatMap((pack) => pack.validateScope(app).violations)
    .flatMap((v) => v.violatingResources.filter((r) => r.constructPath?.startsWith(prefix)).map((r) => `${v.ruleName} ${r.constructPath}`))
    .sort();

  test('AwsSolutions, HIPAA.Security, NIST.800.53.R5 and PCI.DSS.321 find nothing unacknowledged on the rotation', () => {
    const { app } = cacheWithRotation(mode);
    expect(findings(app, 'Stack/Rotation')).toEqual([]);
  });

  test('the secret-rotation findings on the cache\'s secret are answered', () => {
    const { app } = cacheWithRotation(mode);
    expect(findings(app, 'Stack/Cache').filter((f) => /SMG4|SecretsManagerRotationEnabled/.test(f))).toEqual([]);
  });

  test('each acknowledgement sits on its construct with its reason, and without it the finding fires', () => {
    // GIVEN
    const { app, rotation } = cacheWithRotation(mode);

    // THEN: recorded where the table says, with the table's reason
    for (const ack of ROTATION_PEER_ACKNOWLEDGEMENTS) {
      const recorded = rotation.node.findChild(ack.path).node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .map((m) => m.data as Record<string, string>);
      expect(recorded).toContainEqual({ [`Annotation::${ack.id}`]: ack.reason });
    }

    // WHEN: the acknowledgements are dropped
    for (const ack of ROTATION_PEER_ACKNOWLEDGEMENTS) {
      const node = rotation.node.findChild(ack.path).node as unknown as { _metadata: { type: string }[] };
      node._metadata = node._metadata.filter((m) => m.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    }

    // THEN: each acknowledged finding fires
    const rules = findings(app, 'Stack/Rotation').map((f) => f.split(' ')[0]);
    expect([...new Set(rules)].sort()).toEqual(ROTATION_PEER_ACKNOWLEDGEMENTS.map((a) => a.id).sort());
  });
});

describe('CloudFormation validation', () => {
  test.each<Mode>(['rbac', 'auth'])('%s: the bundled CloudFormation validator (cfn-lint rules, schema) finds nothing', (mode) => {
    // GIVEN
    const { app } = cacheWithRotation(mode, {}, {
      '@aws-cdk/core:failSynthOnValidationErrors': false,
      '@aws-cdk/core:validateAgainstDefaultRules': true,
    });

    // WHEN
    const assembly = app.synth();

    // THEN
    const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf-8'));
    const cfnValidate = report.pluginReports.find((r: { pluginName: string }) => r.pluginName === 'CloudFormation Validate');
    expect(cfnValidate.conclusion).toEqual('success');
    expect(cfnValidate.violations ?? []).toEqual([]);
  });
});

describe('acknowledgement reasons an auditor can check', () => {
  const reason = (id: string) => ROTATION_PEER_ACKNOWLEDGEMENTS.find((a) => a.id === id)!.reason;

  test('IAM5: names each wildcard action and why AWS requires it', () => {
    const text = reason('AwsSolutions-IAM5[Resource::*]');
    expect(text).toMatch(/secretsmanager:GetRandomPassword: AWS defines no resource type for it/);
    expect(text).toMatch(/ec2:DescribeNetworkInterfaces works only when allowed on all resources/);
    expect(text).toMatch(/AWSLambdaVPCAccessExecutionRole/);
  });

  test.each(['HIPAA.Security-LambdaDLQ', 'NIST.800.53.R5-LambdaDLQ'])('%s: synchronous invocation, and Secrets Manager retries itself', (id) => {
    const text = reason(id);
    expect(text).toMatch(/invokes a rotation function synchronously/);
    expect(text).toMatch(/only receives the events of failed asynchronous invocations/);
    expect(text).toMatch(/retries the entire rotation/);
  });
});
