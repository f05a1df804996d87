import { App, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  CacheAuthentication,
  CacheAuthenticationMode,
  CacheEngineVersion,
  CacheNodeType,
  CompliantRedisReplicationGroup,
  CompliantRedisReplicationGroupProps,
  HitrustChecks,
  HitrustRuleId,
} from '../../src';
import { cacheStack } from '../helpers/cache-stack';
import { GRANT_GUARD_STATEMENT } from '../helpers/kms-grant-guard';

const RG = 'AWS::ElastiCache::ReplicationGroup';
let stack: Stack;
let vpc: ec2.Vpc;

beforeEach(() => {
  ({ stack, vpc } = cacheStack());
});

let shared: Template | undefined;
/**
 * The template of the construct with its defaults, alone in a fresh stack, synthesized once for the tests that only
 * read it (a test that adds anything to its stack uses `cache()`).
 */
function defaultTemplate(): Template {
  if (shared === undefined) {
    const own = cacheStack();
    new CompliantRedisReplicationGroup(own.stack, 'Cache', { vpc: own.vpc });
    shared = Template.fromStack(own.stack);
  }
  return shared;
}

/** Creates the construct; `template` synthesizes on first access, so add other constructs before reading it. */
function cache(props: Partial<CompliantRedisReplicationGroupProps> = {}): { group: CompliantRedisReplicationGroup; readonly template: Template } {
  const group = new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, ...props });
  return { group, get template() { return Template.fromStack(stack); } };
}

describe('defaults (guide Steps 2-6 with nothing configured)', () => {
  test('creates a Valkey 8.1 replication group with every compliant setting written out', () => {
    // WHEN
    const template = defaultTemplate();

    // THEN
    template.resourceCountIs(RG, 1);
    template.hasResourceProperties(RG, {
      Engine: 'valkey',
      EngineVersion: '8.1',
      CacheNodeType: 'cache.r7g.large',
      Port: 6380,
      NetworkType: 'ipv4',
      DataTieringEnabled: false,
      MultiAZEnabled: true,
      AutomaticFailoverEnabled: true,
      NumCacheClusters: 3,
      AtRestEncryptionEnabled: true,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CacheKey'), 'Arn'] },
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: 'required',
      SnapshotRetentionLimit: 35,
      SnapshotWindow: '03:00-05:00',
      PreferredMaintenanceWindow: 'sun:06:00-sun:07:00',
      AutoMinorVersionUpgrade: true,
      AuthToken: Match.absent(),
      UserGroupIds: [{ Ref: Match.stringLikeRegexp('^CacheAccessUserGroup') }],
      CacheParameterGroupName: { Ref: Match.stringLikeRegexp('^CacheParameterGroup') },
      CacheSubnetGroupName: { Ref: Match.stringLikeRegexp('^CacheSubnetGroup') },
      NotificationTopicArn: { Ref: Match.stringLikeRegexp('^CacheServiceNotificationsTopic') },
    });
  });

  test('places the three nodes in three distinct availability zones', () => {
    const template = defaultTemplate();
    template.hasResourceProperties(RG, { PreferredCacheClusterAZs: ['us-east-1a', 'us-east-1b', 'us-east-1c'] });
  });

  test('derives a lower-case replication group ID and member node IDs', () => {
    const { group, template } = cache();
    expect(group.replicationGroupId).toMatch(/^[a-z][a-z0-9-]{0,39}$/);
    template.hasResourceProperties(RG, { ReplicationGroupId: group.replicationGroupId });
    expect(group.memberClusterIds).toEqual([1, 2, 3].map((n) => `${group.replicationGroupId}-00${n}`));
  });

  test('snapshots the group on deletion and on replacement', () => {
    const template = defaultTemplate();
    template.hasResource(RG, { DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot' });
  });

  test('retains the key, the secret and the log groups with the snapshots', () => {
    const template = defaultTemplate();
    for (const type of ['AWS::KMS::Key', 'AWS::SecretsManager::Secret', 'AWS::Logs::LogGroup']) {
      const resources = template.findResources(type);
      expect(Object.values(resources).map((r) => r.DeletionPolicy)).toEqual(Object.values(resources).map(() => 'Retain'));
    }
  });

  test('marks every resource with the data class and the framework', () => {
    const template = defaultTemplate();
    template.hasResourceProperties(RG, {
      Tags: Match.arrayWith([
        { Key: 'ComplianceFramework', Value: 'HITRUST-CSF' },
        { Key: 'DataClassification', Value: 'PHI' },
      ]),
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      Tags: Match.arrayWith([{ Key: 'DataClassification', Value: 'PHI' }]),
    });
  });
});

describe('Step 2: engine, port, parameter group', () => {
  test('creates its own parameter group of the derived family with cluster mode off', () => {
    const { template } = cache({ parameters: { 'maxmemory-policy': 'volatile-lru' } });
    template.hasResourceProperties('AWS::ElastiCache::ParameterGroup', {
      CacheParameterGroupFamily: 'valkey8',
      Properties: { 'cluster-enabled': 'no', 'maxmemory-policy': 'volatile-lru' },
    });
  });

  test.each([
    { version: CacheEngineVersion.REDIS_7_1, engine: 'redis', family: 'redis7', mode: 'required' },
    { version: CacheEngineVersion.VALKEY_7_2, engine: 'valkey', family: 'valkey7', mode: 'required' },
  ])('supports $engine $version.version', ({ version, engine, family, mode }) => {
    const { template } = cache({ engineVersion: version });
    template.hasResourceProperties(RG, { Engine: engine, EngineVersion: version.version, TransitEncryptionMode: mode });
    template.hasResourceProperties('AWS::ElastiCache::ParameterGroup', { CacheParameterGroupFamily: family });
    template.hasResourceProperties('AWS::ElastiCache::UserGroup', { Engine: engine });
  });

  test('Redis OSS 6.2 keeps transit encryption on without a mode (TLS is always required there)', () => {
    const { template } = cache({ engineVersion: CacheEngineVersion.REDIS_6_2 });
    template.hasResourceProperties(RG, { TransitEncryptionEnabled: true, TransitEncryptionMode: Match.absent() });
    template.hasResourceProperties('AWS::ElastiCache::ParameterGroup', { CacheParameterGroupFamily: 'redis6.x' });
  });

  test('leaves port 6379 to the pack: no construct warning, one HitrustChecks finding, synth passes once acknowledged', () => {
    // WHEN
    cache({ port: 6379 });

    // THEN: no construct warning, so no second acknowledgement ID for the same fact
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('defaultPort|6379'))).toEqual([]);
    const violations = new HitrustChecks().validateScope(stack.node.root).violations;
    expect(violations.map((v) => v.ruleName)).toEqual([HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT]);
    expect(violations[0].description).toContain('Found: `Port` is 6379, the engine default that scanners try first - (Control IDs: 0706.10b1).');

    // and with the pack registered, synth fails until the finding is acknowledged with a reason
    const withPack = (acknowledge: boolean): App => {
      const { app, stack: s, vpc: v } = cacheStack();
      Validations.of(app).addPlugins(new HitrustChecks(app, { evidenceReport: false }));
      const group = new CompliantRedisReplicationGroup(s, 'Cache', { vpc: v, port: 6379 });
      if (acknowledge) {
        Validations.of(group).acknowledge({ id: HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT, reason: 'appliances only speak 6379 (CHG-1234)' });
      }
      return app;
    };
    expect(() => withPack(false).synth()).toThrow(/HITRUST\.CSF-ElastiCacheNonDefaultPort/);
    expect(withPack(true).synth().getStackByName('Stack').template.Resources).toBeDefined();
  });

  test('warns about a previous-generation node type', () => {
    cache({ nodeType: CacheNodeType.of('cache.t2.medium') });
    Annotations.fromStack(stack).hasWarning('/Stack/Cache', Match.stringLikeRegexp('previous generation'));
  });

  test('enables data tiering for an r6gd node type', () => {
    const { template } = cache({ nodeType: CacheNodeType.R6GD_XLARGE });
    template.hasResourceProperties(RG, { DataTieringEnabled: true });
  });
});

describe('Step 3: availability and network', () => {
  test('cluster mode: shards with replicas spread over AZs, online resharding, cluster-enabled yes', () => {
    // WHEN
    const { group, template } = cache({ shards: 3, replicasPerShard: 1 });

    // THEN
    template.hasResource(RG, {
      UpdatePolicy: { UseOnlineResharding: true },
      Properties: Match.objectLike({
        NumNodeGroups: 3,
        ReplicasPerNodeGroup: 1,
        NumCacheClusters: Match.absent(),
        PreferredCacheClusterAZs: Match.absent(),
        NodeGroupConfiguration: [
          { NodeGroupId: '0001', PrimaryAvailabilityZone: 'us-east-1a', ReplicaAvailabilityZones: ['us-east-1b'], ReplicaCount: 1 },
          { NodeGroupId: '0002', PrimaryAvailabilityZone: 'us-east-1b', ReplicaAvailabilityZones: ['us-east-1c'], ReplicaCount: 1 },
          { NodeGroupId: '0003', PrimaryAvailabilityZone: 'us-east-1c', ReplicaAvailabilityZones: ['us-east-1a'], ReplicaCount: 1 },
        ],
      }),
    });
    template.hasResourceProperties('AWS::ElastiCache::ParameterGroup', { Properties: { 'cluster-enabled': 'yes' } });
    expect(group.clusterModeEnabled).toBe(true);
    expect(group.memberClusterIds).toHaveLength(6);
    expect(group.memberClusterIds[5]).toEqual(`${group.replicationGroupId}-0003-002`);
    expect(group.endpointAddress).toEqual(group.configurationEndpointAddress);
    expect(() => group.primaryEndpointAddress).toThrow(/only with cluster mode disabled/);
  });

  test('cluster mode disabled exposes primary and reader endpoints, not the configuration endpoint', () => {
    const { group } = cache();
    const logicalId = stack.getLogicalId(group.resource);
    expect(stack.resolve(group.primaryEndpointAddress)).toEqual({ 'Fn::GetAtt': [logicalId, 'PrimaryEndPoint.Address'] });
    expect(stack.resolve(group.readerEndpointAddress)).toEqual({ 'Fn::GetAtt': [logicalId, 'ReaderEndPoint.Address'] });
    expect(group.endpointAddress).toEqual(group.primaryEndpointAddress);
    expect(() => group.configurationEndpointAddress).toThrow(/only with cluster mode enabled/);
  });

  test('places the subnet group in the private subnets by default', () => {
    const { template } = cache();
    const privateIds = vpc.privateSubnets.map((s) => stack.resolve(s.subnetId));
    template.hasResourceProperties('AWS::ElastiCache::SubnetGroup', { SubnetIds: privateIds });
  });

  test('falls back to isolated subnets when the VPC has no private ones', () => {
    // GIVEN
    const isolatedVpc = new ec2.Vpc(stack, 'IsolatedVpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    // rotation reaches the Secrets Manager and ElastiCache APIs through interface endpoints
    isolatedVpc.addInterfaceEndpoint('SecretsManager', { service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER });
    isolatedVpc.addInterfaceEndpoint('ElastiCache', { service: ec2.InterfaceVpcEndpointAwsService.ELASTICACHE });
    // and the archive's functions the SNS and S3 APIs through an interface and a gateway endpoint
    isolatedVpc.addInterfaceEndpoint('Sns', { service: ec2.InterfaceVpcEndpointAwsService.SNS });
    isolatedVpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    // WHEN
    new CompliantRedisReplicationGroup(stack, 'Cache', { vpc: isolatedVpc });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ElastiCache::SubnetGroup', {
      SubnetIds: isolatedVpc.isolatedSubnets.map((s) => stack.resolve(s.subnetId)),
    });
  });

  test('creates a security group with no ingress and no open egress', () => {
    const template = defaultTemplate();
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('no ingress until granted'),
      SecurityGroupIngress: Match.absent(),
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32' })],
    });
  });

  test('connections open the cache port to a peer only', () => {
    // GIVEN
    const { group } = cache();
    const client = new ec2.SecurityGroup(stack, 'Client', { vpc });
    // WHEN
    group.connections.allowDefaultPortFrom(client);
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 6380,
      ToPort: 6380,
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Client'), 'GroupId'] },
    });
  });

  test('attaches extra security groups', () => {
    const extra = new ec2.SecurityGroup(stack, 'Extra', { vpc });
    const { template } = cache({ securityGroups: [extra] });
    template.hasResourceProperties(RG, {
      SecurityGroupIds: [
        { 'Fn::GetAtt': [Match.stringLikeRegexp('^CacheSecurityGroup'), 'GroupId'] },
        { 'Fn::GetAtt': [Match.stringLikeRegexp('^Extra'), 'GroupId'] },
      ],
    });
  });

  test('reports an error when the selected subnets span fewer than two AZs', () => {
    cache({ vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, availabilityZones: ['us-east-1a'] } });
    Annotations.fromStack(stack).hasError('/Stack/Cache', Match.stringLikeRegexp('at least 2 availability zones .*1410.09e2.*got: 1'));
  });
});

describe('Step 4: encryption', () => {
  test('creates a customer-managed key with rotation', () => {
    const template = defaultTemplate();
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('uses a given key instead of creating one', () => {
    const key = new kms.Key(stack, 'MyKey', { enableKeyRotation: true });
    const { template } = cache({ encryptionKey: key });
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties(RG, { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MyKey'), 'Arn'] } });
  });

  // AWS Control Tower CT.KMS.PR.3; AWS facts kms-grant-is-for-aws-resource, kms-services-create-grants-on-behalf
  test('lets no one create grants on the key except AWS services (ElastiCache and Lambda create theirs on the caller\'s behalf)', () => {
    const template = defaultTemplate();
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([GRANT_GUARD_STATEMENT]),
      },
    });
  });

  test('the grant guard denies kms:CreateGrant only: the services still list, retire and revoke their grants', () => {
    const template = defaultTemplate();
    const [key] = Object.values(template.findResources('AWS::KMS::Key'));
    const denies = key.Properties.KeyPolicy.Statement.filter((st: { Effect: string }) => st.Effect === 'Deny');
    expect(denies.map((st: { Action: unknown }) => st.Action)).toEqual(['kms:CreateGrant']);
  });

  test('a given key is the owner\'s to guard: no grant statement is added to it', () => {
    const key = new kms.Key(stack, 'MyKey', { enableKeyRotation: true });
    const { template } = cache({ encryptionKey: key });
    const [policy] = Object.values(template.findResources('AWS::KMS::Key')).map((k) => k.Properties.KeyPolicy);
    expect(JSON.stringify(policy)).not.toContain('DenyGrantsExceptForAwsServices');
  });

  test('lets CloudWatch Logs use the key for this group\'s log groups only', () => {
    const template = defaultTemplate();
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchLogsForCacheLogs',
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });
});

describe('Step 4: authentication', () => {
  test('RBAC (default, Valkey): a user group of the app user alone, with a password from a KMS-encrypted secret', () => {
    // WHEN
    const { group, template } = cache();

    // THEN
    expect(group.authenticationMode).toEqual(CacheAuthenticationMode.RBAC_PASSWORD);
    // AWS fact valkey-user-group-authenticated-users-only: a no-password-required user fails the deployment
    template.resourceCountIs('AWS::ElastiCache::User', 1);
    template.hasResourceProperties('AWS::ElastiCache::User', {
      UserName: 'app',
      AccessString: 'on ~* &* +@all -@dangerous',
      AuthenticationMode: {
        Type: 'password',
        Passwords: [{ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^\\{\\{resolve:secretsmanager:')])] }],
      },
    });
    template.hasResourceProperties('AWS::ElastiCache::UserGroup', {
      Engine: 'valkey',
      UserIds: [{ Ref: Match.stringLikeRegexp('^CacheAccessAppUser') }],
    });
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CacheKey'), 'Arn'] },
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'password', SecretStringTemplate: '{"username":"app"}', PasswordLength: 64 }),
    });
    expect(group.secret).toBeDefined();
  });

  test.each([
    { engineVersion: CacheEngineVersion.REDIS_7_1, auth: CacheAuthentication.rbacPassword(), app: '^CacheAccessAppUser' },
    { engineVersion: CacheEngineVersion.REDIS_6_2, auth: CacheAuthentication.rbacPassword(), app: '^CacheAccessAppUser' },
    { engineVersion: CacheEngineVersion.REDIS_7_1, auth: CacheAuthentication.iam(), app: '^CacheAccessIamUser' },
  ])('RBAC on Redis OSS $engineVersion.version ($auth.mode): the group also holds the required default user, switched off', ({ engineVersion, auth, app }) => {
    // AWS fact redis-user-group-must-include-default-user
    const { template } = cache({ engineVersion, authentication: auth });
    template.hasResourceProperties('AWS::ElastiCache::User', {
      Engine: 'redis',
      UserName: 'default',
      AccessString: 'off -@all',
      AuthenticationMode: { Type: 'no-password-required' },
    });
    template.hasResourceProperties('AWS::ElastiCache::UserGroup', {
      Engine: 'redis',
      UserIds: [{ Ref: Match.stringLikeRegexp('^CacheAccessDisabledDefaultUser') }, { Ref: Match.stringLikeRegexp(app) }],
    });
  });

  test.each([CacheEngineVersion.VALKEY_7_2, CacheEngineVersion.VALKEY_8_0, CacheEngineVersion.VALKEY_8_1])(
    'IAM on Valkey %s: the user group holds the IAM user alone', (engineVersion) => {
      const { template } = cache({ engineVersion, authentication: CacheAuthentication.iam() });
      template.resourceCountIs('AWS::ElastiCache::User', 1);
      template.hasResourceProperties('AWS::ElastiCache::User', { Engine: 'valkey', AuthenticationMode: { Type: 'iam' } });
      template.hasResourceProperties('AWS::ElastiCache::UserGroup', {
        Engine: 'valkey',
        UserIds: [{ Ref: Match.stringLikeRegexp('^CacheAccessIamUser') }],
      });
    });

  test('RBAC: a custom user name and access string', () => {
    const { template } = cache({ authentication: CacheAuthentication.rbacPassword({ userName: 'svc', accessString: 'on ~app:* +@read' }) });
    template.hasResourceProperties('AWS::ElastiCache::User', { UserName: 'svc', AccessString: 'on ~app:* +@read' });
  });

  test('the generated password uses only the characters ElastiCache accepts', () => {
    const template = defaultTemplate();
    const secret = Object.values(template.findResources('AWS::SecretsManager::Secret'))[0];
    const excluded: string = secret.Properties.GenerateSecretString.ExcludeCharacters;
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    const allowedSpecials = printable.filter((c) => !/[A-Za-z0-9]/.test(c) && !excluded.includes(c));
    expect(allowedSpecials.sort()).toEqual(['!', '#', '$', '&', '-', '<', '>', '^'].sort());
  });

  test('IAM: a user whose name equals its ID, no secret, grantConnect gives elasticache:Connect on group and user', () => {
    // GIVEN
    const { group } = cache({ authentication: CacheAuthentication.iam() });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

    // WHEN
    group.grantConnect(role);

    // THEN
    const template = Template.fromStack(stack);
    const users = template.findResources('AWS::ElastiCache::User', { Properties: { AuthenticationMode: { Type: 'iam' } } });
    const iamUser = Object.values(users)[0].Properties;
    expect(iamUser.UserName).toEqual(iamUser.UserId);
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    expect(group.secret).toBeUndefined();
    const arn = (resource: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:elasticache:us-east-1:123456789012:${resource}`]],
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: 'elasticache:Connect',
            Effect: 'Allow',
            Resource: [
              arn(`replicationgroup:${group.replicationGroupId}`),
              { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':elasticache:us-east-1:123456789012:user:', { Ref: Match.stringLikeRegexp('^CacheAccessIamUser') }]] },
            ],
          },
        ],
      },
    });
  });

  test('AUTH token: generated in Secrets Manager and passed as a dynamic reference, no user group', () => {
    const { group, template } = cache({ authentication: CacheAuthentication.authToken() });
    template.hasResourceProperties(RG, {
      AuthToken: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^\\{\\{resolve:secretsmanager:')])] },
      UserGroupIds: Match.absent(),
    });
    template.resourceCountIs('AWS::ElastiCache::UserGroup', 0);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64, GenerateStringKey: Match.absent() }),
    });
    expect(group.authenticationMode).toEqual(CacheAuthenticationMode.AUTH_TOKEN);
  });

  test('password modes: grantConnect gives read access to the secret and decrypt on its key', () => {
    const { group } = cache();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    group.grantConnect(role);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [Match.objectLike({
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Resource: { Ref: Match.stringLikeRegexp('^CacheAccessSecret') },
        })],
      },
    });
    // decrypting the secret is granted in the key policy, only through Secrets Manager
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'kms:Decrypt',
            Principal: { AWS: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Role'), 'Arn'] } },
            Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } },
          }),
        ]),
      },
    });
  });
});

describe('Step 5: backups and notifications', () => {
  test('a custom retention and windows', () => {
    const { template } = cache({ snapshotRetention: Duration.days(20), snapshotWindow: '01:00-02:00', maintenanceWindow: 'tue:03:00-tue:04:00' });
    template.hasResourceProperties(RG, { SnapshotRetentionLimit: 20, SnapshotWindow: '01:00-02:00', PreferredMaintenanceWindow: 'tue:03:00-tue:04:00' });
  });

  test('creates a KMS-encrypted, SSL-only alert topic that CloudWatch alarms of this account may publish to', () => {
    const { group, template } = cache();
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CacheKey'), 'Arn'] } });
    // AWS fact cloudwatch-alarm-needs-sns-publish-in-topic-policy: the topic policy replaces SNS's default one
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: Match.stringLikeRegexp('^CacheNotifications') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          {
            Sid: 'AllowCloudWatchAlarmsOfThisAccount',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: stack.resolve(group.notificationTopic.topicArn),
            Condition: {
              StringEquals: { 'aws:SourceAccount': '123456789012' },
              ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:us-east-1:123456789012:alarm:*']] } },
            },
          },
        ]),
      },
    });
  });

  test('ElastiCache notifies an unencrypted, SSL-only topic of its own, restricted with aws:SourceOwner', () => {
    // AWS facts elasticache-sns-topic-cannot-be-encrypted and elasticache-sns-topic-policy-source-owner
    const { group, template } = cache();
    template.resourceCountIs('AWS::SNS::Topic', 2);
    const serviceTopic = stack.resolve(group.serviceNotificationTopic.topicArn);
    template.hasResourceProperties(RG, { NotificationTopicArn: serviceTopic });
    template.hasResourceProperties('AWS::SNS::Topic', { DisplayName: Match.stringLikeRegexp('service notifications'), KmsMasterKeyId: Match.absent() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [serviceTopic],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          {
            Sid: 'AllowElastiCacheNotificationsOfThisAccount',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 'sns:Publish',
            Resource: serviceTopic,
            Condition: { StringEquals: { 'aws:SourceOwner': '123456789012' } },
          },
        ]),
      },
    });
    expect(group.notificationTopic).not.toBe(group.serviceNotificationTopic);
  });

  test('throws for an encrypted serviceNotificationTopic, naming the prop, the AWS sentence and the control', () => {
    const topic = new sns.Topic(stack, 'Encrypted', { masterKey: new kms.Key(stack, 'TopicKey') });
    expect(() => cache({ serviceNotificationTopic: topic })).toThrow(
      /`serviceNotificationTopic` must not be encrypted: "The Amazon SNS topic you are publishing to cannot be encrypted".*HITRUST 1202\.09aa1.*got: a topic with the key Stack\/TopicKey/);
  });

  test('the key lets EventBridge and CloudWatch (not ElastiCache, which cannot use it) publish to the encrypted topic', () => {
    const template = defaultTemplate();
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowNotificationPublishersThroughSns',
            Effect: 'Allow',
            Principal: { Service: ['events.amazonaws.com', 'cloudwatch.amazonaws.com'] },
            Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
            Resource: '*',
          },
        ]),
      },
    });
  });

  test('uses given topics', () => {
    const topic = new sns.Topic(stack, 'Ops');
    const serviceTopic = new sns.Topic(stack, 'OpsEvents');
    const { template } = cache({ notificationTopic: topic, serviceNotificationTopic: serviceTopic });
    template.resourceCountIs('AWS::SNS::Topic', 2);
    template.hasResourceProperties(RG, { NotificationTopicArn: { Ref: Match.stringLikeRegexp('^OpsEvents') } });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: Match.stringLikeRegexp('^Ops[0-9A-F]') }] });
  });

  test('removalPolicy DESTROY destroys helpers too and has no locked archive to leave behind, with a warning that says so', () => {
    const { group, template } = cache({ removalPolicy: RemovalPolicy.DESTROY });
    template.hasResource(RG, { DeletionPolicy: 'Delete' });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Delete' });
    // AWS facts s3-object-lock-compliance-mode and s3-delete-bucket-must-be-empty: a locked archive can never be deleted
    expect(group.snapshotArchive).toBeUndefined();
    template.resourceCountIs('AWS::S3::Bucket', 0);
    expect(group.resource.tags.tagValues()['hitrust:snapshot-archive-bucket']).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/Stack/Cache', Match.stringLikeRegexp('DESTROY deletes the cache.*gets no snapshot archive'));
  });

  test('snapshotArchive: true with removalPolicy DESTROY is an error that names both and the control', () => {
    expect(() => cache({ removalPolicy: RemovalPolicy.DESTROY, snapshotArchive: true })).toThrow(
      /`snapshotArchive` cannot be true with `removalPolicy` DESTROY.*Object Lock compliance mode.*HITRUST 1616\.09l1.*got: true/,
    );
  });
});

describe('Step 6: engine logs', () => {
  test('delivers slow-log and engine-log as JSON to two KMS-encrypted log groups kept one year', () => {
    const { group, template } = cache();
    // AWS facts logs-log-group-name-unique-per-region, logs-create-log-group-already-exists: the stack's instance ID
    // keeps a recreated stack clear of the log groups a deleted one retained
    const stackInstance = { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] };
    for (const logType of ['slow-log', 'engine-log']) {
      template.hasResource('AWS::Logs::LogGroup', {
        DeletionPolicy: 'Retain',
        Properties: {
          LogGroupName: { 'Fn::Join': ['', [`/aws/vendedlogs/elasticache/${group.replicationGroupId}/`, stackInstance, `/${logType}`]] },
          RetentionInDays: 365,
          KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CacheKey'), 'Arn'] },
        },
      });
    }
    template.hasResourceProperties(RG, {
      LogDeliveryConfigurations: ['slow-log', 'engine-log'].map((logType) => ({
        LogType: logType,
        LogFormat: 'json',
        DestinationType: 'cloudwatch-logs',
        DestinationDetails: { CloudWatchLogsDetails: { LogGroup: { Ref: Match.anyValue() } } },
      })),
    });
  });
});

describe('metrics and import', () => {
  test('per-node metrics carry the member node as CacheClusterId', () => {
    const { group } = cache();
    const metric = group.metricAuthenticationFailures(group.memberClusterIds[2]);
    expect(metric.namespace).toEqual('AWS/ElastiCache');
    expect(metric.metricName).toEqual('AuthenticationFailures');
    expect(metric.statistic).toEqual('Sum');
    expect(metric.dimensions).toEqual({ CacheClusterId: group.memberClusterIds[2] });
    for (const name of ['CommandAuthorizationFailures', 'KeyAuthorizationFailures', 'ChannelAuthorizationFailures', 'EngineCPUUtilization',
      'DatabaseMemoryUsagePercentage', 'Evictions', 'ReplicationLag', 'CurrConnections']) {
      const m = (group as unknown as Record<string, (id: string) => { metricName: string }>)[`metric${name}`](group.memberClusterIds[0]);
      expect(m.metricName).toEqual(name);
    }
  });

  test('fromReplicationGroupAttributes imports a group for connections, metrics and IAM grants', () => {
    // GIVEN
    const sg = new ec2.SecurityGroup(stack, 'Sg', { vpc });
    const imported = CompliantRedisReplicationGroup.fromReplicationGroupAttributes(stack, 'Imported', {
      replicationGroupId: 'legacy', port: 6390, securityGroups: [sg], memberClusterIds: ['legacy-001'],
    });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

    // WHEN
    imported.connections.allowDefaultPortFrom(ec2.Peer.ipv4('10.0.0.0/16'));
    imported.grantConnect(role);

    // THEN
    expect(imported.metric('CurrConnections', 'legacy-001').dimensions).toEqual({ CacheClusterId: 'legacy-001' });
    expect(CompliantRedisReplicationGroup.isCompliantRedisReplicationGroup(imported)).toBe(false);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ FromPort: 6390, CidrIp: '10.0.0.0/16' })],
    });
    expect(stack.resolve(imported.replicationGroupArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':elasticache:us-east-1:123456789012:replicationgroup:legacy']],
    });
  });

  test('isCompliantRedisReplicationGroup recognizes the construct', () => {
    const { group } = cache();
    expect(CompliantRedisReplicationGroup.isCompliantRedisReplicationGroup(group)).toBe(true);
    expect(CompliantRedisReplicationGroup.isCompliantRedisReplicationGroup({})).toBe(false);
  });
});

/** The change-detection rules (event patterns), not the archive's schedule. */
const changeRules = (template: Template) =>
  template.findResources('AWS::Events::Rule', { Properties: { EventPattern: Match.objectLike({ source: ['aws.elasticache'] }) } });

describe('Step 6: change detection and alarms (on by default)', () => {
  test('reports changes of the group, its nodes, parameter group, subnet group, users and user group to the topic', () => {
    const { group, template } = cache();
    expect(group.changeDetection).toBeDefined();
    const rules = changeRules(template);
    expect(Object.keys(rules)).toHaveLength(3);
    const patterns = Object.values(rules).map((r) => JSON.stringify(r.Properties.EventPattern));
    const all = patterns.join('\n');
    for (const key of ['replicationGroupId', 'cacheClusterId', 'cacheParameterGroupName', 'cacheSubnetGroupName', 'userId', 'userGroupId']) {
      expect(all).toContain(`"${key}"`);
    }
    for (const rule of Object.values(rules)) {
      expect(rule.Properties.Targets[0].Arn).toEqual({ Ref: expect.stringMatching(/^CacheNotifications/) });
    }
  });

  test.each([
    { shards: 1, nodes: 3 },
    { shards: 3, nodes: 9 },
  ])('alarms every metric on every node: $shards shard(s), $nodes nodes', ({ shards, nodes }) => {
    const { template } = cache({ shards });
    const nodeAlarms = template.findResources('AWS::CloudWatch::Alarm', { Properties: { Namespace: 'AWS/ElastiCache' } });
    expect(Object.keys(nodeAlarms)).toHaveLength(nodes * 9);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    // every alarm of the construct (the rotation function's failure alarm too) notifies the topic
    template.allResourcesProperties('AWS::CloudWatch::Alarm', {
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^CacheNotifications') }],
    });
  });

  test('passes alarm thresholds through', () => {
    const { template } = cache({ alarmThresholds: { engineCpuUtilizationPercent: 75 } });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'EngineCPUUtilization', Threshold: 75 });
  });

  test('both can be turned off', () => {
    const { group, template } = cache({ changeDetection: false, alarms: false });
    expect(group.changeDetection).toBeUndefined();
    expect(group.alarms).toBeUndefined();
    expect(changeRules(template)).toEqual({});
    expect(template.findResources('AWS::CloudWatch::Alarm', { Properties: { Namespace: 'AWS/ElastiCache' } })).toEqual({});
  });

  test('AUTH-token mode watches no users (there are none)', () => {
    const { template } = cache({ authentication: CacheAuthentication.authToken() });
    const all = Object.values(changeRules(template)).map((r) => JSON.stringify(r.Properties.EventPattern)).join('\n');
    expect(all).not.toContain('"userId"');
    expect(all).toContain('"replicationGroupId"');
  });
});

describe('Step 5: long-term snapshot archive (on by default)', () => {
  test('exports daily into a bucket locked in COMPLIANCE mode for 2192 days, and states it for the HITRUST pack', () => {
    // WHEN
    const { group, template } = cache();

    // THEN
    expect(group.snapshotArchive).toBeDefined();
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2192 } } },
    });
    // stated on the group as any app can state it: a tag whose value is the archive bucket's name
    template.hasResourceProperties(RG, {
      Tags: Match.arrayWith([{ Key: 'hitrust:snapshot-archive-bucket', Value: { Ref: Match.stringLikeRegexp('^CacheArchiveBucket') } }]),
    });
  });

  test('the archive\'s functions run in the group\'s VPC and subnets (AWS Control Tower CT.LAMBDA.PR.3), like the rotation function', () => {
    // WHEN
    const { group, template } = cache();

    // THEN
    const resources = template.toJSON().Resources;
    const subnetsOf = (fn: { node: { defaultChild?: unknown } }) =>
      resources[stack.getLogicalId(fn.node.defaultChild as never)].Properties.VpcConfig.SubnetIds;
    const archive = group.snapshotArchive!;
    expect(subnetsOf(archive.exportFunction)).toEqual(vpc.privateSubnets.map((s) => ({ Ref: stack.getLogicalId(s.node.defaultChild as never) })));
    expect(subnetsOf(archive.node.findChild('Staging').node.findChild('AclFunction'))).toEqual(subnetsOf(archive.exportFunction));
    expect(subnetsOf(group.credentialRotation!.rotationFunction)).toEqual(subnetsOf(archive.exportFunction));
  });

  test('a longer retention is passed through', () => {
    const { template } = cache({ archiveRetention: Duration.days(3653) });
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3653 } } },
    });
  });

  test('data-tiering node types get no archive, with a warning', () => {
    const { group } = cache({ nodeType: CacheNodeType.R6GD_XLARGE });
    expect(group.snapshotArchive).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/Stack/Cache', Match.stringLikeRegexp('cannot be exported: there is no archive beyond'));
  });

  test('change detection trusts the archive role for CopySnapshot and the rotation role for ModifyUser only', () => {
    const { group, template } = cache();
    const branches = Object.values(changeRules(template)).flatMap((rule) => {
      const detail = rule.Properties.EventPattern.detail;
      return detail.$or ?? [detail];
    });
    const trustOf = (eventName: string) => {
      const branch = branches.find((b: { eventName: string[] }) => b.eventName.includes(eventName));
      return branch.userIdentity?.sessionContext.sessionIssuer.arn;
    };
    // AWS fact cloudtrail-session-context-temporary-credentials: IAM users and root have no sessionIssuer
    expect(trustOf('CopySnapshot')).toEqual([{ 'anything-but': [stack.resolve(group.snapshotArchive!.role.roleArn)] }, { exists: false }]);
    expect(trustOf('ModifyUser')).toEqual([{ 'anything-but': [stack.resolve(group.credentialRotation!.role.roleArn)] }, { exists: false }]);
    expect(trustOf('DeleteReplicationGroup')).toBeUndefined();
    expect(trustOf('DeleteSnapshot')).toBeUndefined();
  });

  test('AUTH-token mode trusts the rotation role for ModifyReplicationGroup (ROTATE)', () => {
    const { group, template } = cache({ authentication: CacheAuthentication.authToken() });
    const branches = Object.values(changeRules(template))
      .flatMap((rule) => rule.Properties.EventPattern.detail.$or ?? [rule.Properties.EventPattern.detail]);
    const modify = branches.find((b: { eventName: string[] }) => b.eventName.includes('ModifyReplicationGroup'));
    expect(modify.userIdentity.sessionContext.sessionIssuer.arn[0]['anything-but']).toEqual([stack.resolve(group.credentialRotation!.role.roleArn)]);
  });
});
