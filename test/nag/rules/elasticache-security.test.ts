import { Aws, Fn, SecretValue, Stack } from 'aws-cdk-lib';
import { CfnReplicationGroup, CfnUser, CfnUserGroup } from 'aws-cdk-lib/aws-elasticache';
import { CfnAlias, CfnKey } from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance } from 'cdk-nag';
import { HitrustChecks } from '../../../src/nag';
import {
  ElastiCacheAtRestEncryption,
  ElastiCacheAuthentication,
  ElastiCacheCustomerManagedKey,
  ElastiCacheTransitEncryption,
  ElastiCacheUserGroupMembers,
  ElastiCacheUserPasswordRequired,
} from '../../../src/nag/rules/elasticache';
import { compliantReplicationGroupProps, newStack, supportingResources } from '../fixtures';
import {
  cacheCluster,
  deployTimeList,
  deployTimeString,
  deployTimeValue,
  replicationGroup,
  runRule,
  serverlessCache,
  type Build,
  type Case,
} from './builders';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

describe('ElastiCacheAtRestEncryption', () => {
  test.each<Case>([
    ['passes AtRestEncryptionEnabled true', replicationGroup(), COMPLIANT],
    ['fails false', replicationGroup({ atRestEncryptionEnabled: false }), NON_COMPLIANT],
    ['fails when absent', replicationGroup({ atRestEncryptionEnabled: undefined }), NON_COMPLIANT],
    ['fails a deploy-time value', replicationGroup((s) => ({ atRestEncryptionEnabled: deployTimeValue(s) })), NON_COMPLIANT],
    ['fails a CacheCluster (it cannot be encrypted at rest)', cacheCluster(), NON_COMPLIANT],
    ['does not apply to a serverless cache (always encrypted)', serverlessCache(), NOT_APPLICABLE],
    ['does not apply to Memcached (ElastiCacheMemcached covers it)', cacheCluster({ engine: 'memcached' }), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheAtRestEncryption, build)).toBe(expected);
  });
});

describe('ElastiCacheCustomerManagedKey', () => {
  const keyArn = 'arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555';
  test.each<Case>([
    ['passes Fn::GetAtt Key.Arn of an AWS::KMS::Key', replicationGroup(), COMPLIANT],
    ['passes a Ref to an AWS::KMS::Key', replicationGroup((s) => ({ kmsKeyId: new CfnKey(s, 'Other').ref })), COMPLIANT],
    ['passes a Ref to a customer alias', replicationGroup((s) => ({ kmsKeyId: new CfnAlias(s, 'Alias', { aliasName: 'alias/phi', targetKeyId: 'k' }).ref })), COMPLIANT],
    ['passes a literal key ARN', replicationGroup({ kmsKeyId: keyArn }), COMPLIANT],
    ['passes a customer alias name', replicationGroup({ kmsKeyId: 'alias/phi-cache' }), COMPLIANT],
    ['fails without KmsKeyId (AWS owned key)', replicationGroup({ kmsKeyId: undefined }), NON_COMPLIANT],
    ['fails the AWS managed alias/aws/elasticache', replicationGroup({ kmsKeyId: 'alias/aws/elasticache' }), NON_COMPLIANT],
    ['fails the ARN of the AWS managed alias', replicationGroup({ kmsKeyId: 'arn:aws:kms:us-east-1:111111111111:alias/aws/elasticache' }), NON_COMPLIANT],
    ['fails an ARN joined around the AWS managed alias',
      replicationGroup({ kmsKeyId: Fn.join('', ['arn:aws:kms:', Aws.REGION, ':', Aws.ACCOUNT_ID, ':alias/aws/elasticache']) }), NON_COMPLIANT],
    ['fails a deploy-time key (it could be AWS managed)', replicationGroup((s) => ({ kmsKeyId: deployTimeString(s) })), NON_COMPLIANT],
    ['fails a CacheCluster (it cannot use a key)', cacheCluster(), NON_COMPLIANT],
    ['passes a serverless cache with a key ARN', serverlessCache(), COMPLIANT],
    ['fails a serverless cache without KmsKeyId', serverlessCache({ kmsKeyId: undefined }), NON_COMPLIANT],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheCustomerManagedKey, build)).toBe(expected);
  });

  test('passes a key defined in another stack of the app (cross-stack reference)', () => {
    // GIVEN
    const { app, stack } = newStack();
    const keyStack = new Stack(app, 'KeyStack');
    const key = new CfnKey(keyStack, 'SharedKey', { enableKeyRotation: true });
    const group = new CfnReplicationGroup(stack, 'Cache', compliantReplicationGroupProps(supportingResources(stack), { overrides: { kmsKeyId: key.attrArn } }));

    // WHEN
    const result = ElastiCacheCustomerManagedKey(group);

    // THEN
    expect(result).toBe(COMPLIANT);
  });
});

describe('ElastiCacheTransitEncryption', () => {
  test.each<Case>([
    ['passes TransitEncryptionMode required', replicationGroup(), COMPLIANT],
    ['passes encryption on without a mode (required)', replicationGroup({ transitEncryptionMode: undefined }), COMPLIANT],
    ['passes the mode in any case', replicationGroup({ transitEncryptionMode: 'Required' }), COMPLIANT],
    ['fails preferred (AwsSolutions-AEC3 passes it)', replicationGroup({ transitEncryptionMode: 'preferred' }), NON_COMPLIANT],
    ['fails encryption off', replicationGroup({ transitEncryptionEnabled: false, transitEncryptionMode: undefined }), NON_COMPLIANT],
    ['fails TransitEncryptionEnabled absent', replicationGroup({ transitEncryptionEnabled: undefined }), NON_COMPLIANT],
    ['fails a deploy-time mode', replicationGroup((s) => ({ transitEncryptionMode: deployTimeString(s) })), NON_COMPLIANT],
    ['fails a deploy-time switch', replicationGroup((s) => ({ transitEncryptionEnabled: deployTimeValue(s) })), NON_COMPLIANT],
    ['passes a CacheCluster with TransitEncryptionEnabled', cacheCluster(), COMPLIANT],
    ['fails a CacheCluster without it', cacheCluster({ transitEncryptionEnabled: undefined }), NON_COMPLIANT],
    ['does not apply to a serverless cache (TLS always required)', serverlessCache(), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheTransitEncryption, build)).toBe(expected);
  });
});

describe('ElastiCacheAuthentication', () => {
  const token = (authToken: string | undefined) => replicationGroup({ userGroupIds: undefined, authToken });
  test.each<Case>([
    ['passes an RBAC user group (AwsSolutions-AEC6 flags it)', replicationGroup(), COMPLIANT],
    ['passes deploy-time UserGroupIds', replicationGroup((s) => ({ userGroupIds: deployTimeList(s) })), COMPLIANT],
    ['passes an AUTH token from Secrets Manager', token('{{resolve:secretsmanager:cache-auth:SecretString:token}}'), COMPLIANT],
    ['passes an AUTH token from an SSM SecureString', token('{{resolve:ssm-secure:/cache/auth:1}}'), COMPLIANT],
    ['passes a SecretValue from Secrets Manager',
      replicationGroup({ userGroupIds: undefined, authToken: SecretValue.secretsManager('cache-auth').unsafeUnwrap() }), COMPLIANT],
    ['fails a parameter AUTH token without NoEcho (shown in plain text)',
      replicationGroup((s) => ({ userGroupIds: undefined, authToken: deployTimeString(s) })), NON_COMPLIANT],
    ['fails a literal AUTH token (a password in the template)', token('correct-horse-battery-staple'), NON_COMPLIANT],
    ['fails a literal AUTH token even next to a user group', replicationGroup({ authToken: 'correct-horse-battery-staple' }), NON_COMPLIANT],
    ['fails without any authentication', token(undefined), NON_COMPLIANT],
    ['fails an empty user group list', replicationGroup({ userGroupIds: [] }), NON_COMPLIANT],
    ['passes RBAC on Redis OSS 6.2', replicationGroup({ engine: 'redis', engineVersion: '6.2' }), COMPLIANT],
    ['fails RBAC alone on Redis OSS 5.0.6 (no RBAC below 6)', replicationGroup({ engine: 'redis', engineVersion: '5.0.6' }), NON_COMPLIANT],
    ['passes an AUTH token on Redis OSS 5.0.6',
      replicationGroup({ engine: 'redis', engineVersion: '5.0.6', userGroupIds: undefined, authToken: '{{resolve:secretsmanager:a:SecretString:t}}' }), COMPLIANT],
    ['fails a CacheCluster (it cannot authenticate clients)', cacheCluster(), NON_COMPLIANT],
    ['passes a serverless cache with a UserGroupId', serverlessCache(), COMPLIANT],
    ['fails a serverless cache without a UserGroupId', serverlessCache({ userGroupId: undefined }), NON_COMPLIANT],
    ['does not apply to Memcached', serverlessCache({ engine: 'memcached', userGroupId: undefined }), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheAuthentication, build)).toBe(expected);
  });
});

describe('ElastiCacheUserPasswordRequired', () => {
  const user = (props: Partial<ConstructorParameters<typeof CfnUser>[2]>): Build =>
    (s) => new CfnUser(s, 'User', { engine: 'valkey', userId: 'u', userName: 'u', accessString: 'on ~* +@all', ...props });
  test.each<Case>([
    ['passes a user with passwords', user({ passwords: ['{{resolve:secretsmanager:u:SecretString:password}}'] }), COMPLIANT],
    ['passes IAM authentication', user({ authenticationMode: { Type: 'iam' } }), COMPLIANT],
    ['passes password authentication', user({ authenticationMode: { Type: 'password', Passwords: ['x'] } }), COMPLIANT],
    ['fails NoPasswordRequired on a switched-on user', user({ noPasswordRequired: true }), NON_COMPLIANT],
    ['fails authentication type no-password-required on a switched-on user', user({ authenticationMode: { Type: 'no-password-required' } }), NON_COMPLIANT],
    ['passes NoPasswordRequired on a switched-off user', user({ noPasswordRequired: true, accessString: 'off -@all' }), COMPLIANT],
    ['passes when the last switch is off', user({ noPasswordRequired: true, accessString: 'on ~* +@all off' }), COMPLIANT],
    ['fails when the last switch is on', user({ noPasswordRequired: true, accessString: 'off ~* on' }), NON_COMPLIANT],
    ['fails NoPasswordRequired without an access string', user({ noPasswordRequired: true, accessString: undefined }), NON_COMPLIANT],
    ['fails a deploy-time NoPasswordRequired', (s) => user({ noPasswordRequired: deployTimeValue(s) })(s), NON_COMPLIANT],
    ['fails a deploy-time authentication type', (s) => user({ authenticationMode: { Type: deployTimeString(s) } })(s), NON_COMPLIANT],
    ['does not apply to a replication group', replicationGroup(), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheUserPasswordRequired, build)).toBe(expected);
  });
});

describe('ElastiCacheUserGroupMembers', () => {
  // AWS facts valkey-user-group-authenticated-users-only and redis-user-group-must-include-default-user
  const users = (engine: string) => (s: Stack) => ({
    app: new CfnUser(s, 'App', { engine, userId: 'app', userName: 'app', accessString: 'on ~* +@all', passwords: ['{{resolve:secretsmanager:u:SecretString:password}}'] }),
    iam: new CfnUser(s, 'Iam', { engine, userId: 'iamuser', userName: 'iamuser', accessString: 'on ~* +@all', authenticationMode: { Type: 'iam' } }),
    offDefault: new CfnUser(s, 'DefaultUser', { engine, userId: 'off-default', userName: 'default', accessString: 'off -@all', authenticationMode: { Type: 'no-password-required' } }),
  });
  const group = (engine: string, members: (u: ReturnType<ReturnType<typeof users>>, s: Stack) => string[]): Build => (s) => {
    const u = users(engine)(s);
    return new CfnUserGroup(s, 'Group', { engine, userGroupId: 'users', userIds: members(u, s) });
  };
  test.each<Case>([
    ['passes a Valkey group of a password user and an IAM user', group('valkey', (u) => [u.app.ref, u.iam.ref]), COMPLIANT],
    ['fails a Valkey group holding a no-password-required user, even switched off (the deployment fails)',
      group('valkey', (u) => [u.offDefault.ref, u.app.ref]), NON_COMPLIANT],
    ['passes a Valkey group of users outside the app', group('valkey', () => ['app', 'ops']), COMPLIANT],
    ['passes a Redis OSS group with a switched-off default user', group('redis', (u) => [u.offDefault.ref, u.app.ref]), COMPLIANT],
    ['passes a Redis OSS group naming the default user by its ID', group('redis', (u) => ['default', u.app.ref]), COMPLIANT],
    ['fails a Redis OSS group without a user named default', group('redis', (u) => [u.app.ref, u.iam.ref]), NON_COMPLIANT],
    ['passes a Redis OSS group with a deploy-time member (it may be default)', group('redis', (u, s) => [deployTimeString(s), u.app.ref]), COMPLIANT],
    ['passes a deploy-time member list', (s) => new CfnUserGroup(s, 'Group', { engine: 'redis', userGroupId: 'g', userIds: deployTimeList(s) }), COMPLIANT],
    ['does not apply to a user', (s) => users('valkey')(s).app, NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheUserGroupMembers, build)).toBe(expected);
  });
});

describe('pack findings for step 4', () => {
  test('never report a rule error for deploy-time values', () => {
    // GIVEN
    const { app, stack } = newStack();
    replicationGroup((s) => ({
      kmsKeyId: deployTimeString(s, 'KeyParam'),
      transitEncryptionMode: deployTimeString(s, 'Mode'),
      atRestEncryptionEnabled: deployTimeValue(s, 'AtRest'),
      authToken: deployTimeString(s, 'Token'),
      userGroupIds: undefined,
    }))(stack);

    // WHEN
    const report = new HitrustChecks(undefined, { verbose: true }).validateScope(app);

    // THEN
    expect(report.violations.filter((v) => v.description.startsWith('Rule threw'))).toEqual([]);
    expect(report.violations.map((v) => v.ruleName).sort()).toEqual([
      'HITRUST.CSF-ElastiCacheAtRestEncryption',
      'HITRUST.CSF-ElastiCacheAuthentication', // a parameter without NoEcho shows the token in plain text
      'HITRUST.CSF-ElastiCacheCustomerManagedKey',
      'HITRUST.CSF-ElastiCacheTransitEncryption',
    ]);
  });
});
