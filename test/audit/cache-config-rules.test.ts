import { App, Stack, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as config from 'aws-cdk-lib/aws-config';
import * as kms from 'aws-cdk-lib/aws-kms';
import { CacheConfigRules, CacheConfigRulesProps } from '../../src/audit';
import { snapshotRetentionPeriodFor } from '../../src/audit/snapshot-retention-period';
import { CacheAuthentication, CompliantRedisReplicationGroup, IRedisReplicationGroup } from '../../src/redis';
import { STRICT_CFN_VALIDATION, cacheStack } from '../helpers/cache-stack';

const GROUP_ID = 'orders-cache';

let stack: Stack;
let group: IRedisReplicationGroup;
beforeEach(() => {
  const app = new App({ context: STRICT_CFN_VALIDATION });
  stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  group = CompliantRedisReplicationGroup.fromReplicationGroupAttributes(stack, 'Group', { replicationGroupId: GROUP_ID, port: 6380 });
});

function rulesTemplate(props: Partial<CacheConfigRulesProps> = {}): Template {
  new CacheConfigRules(stack, 'ConfigRules', { replicationGroup: group, ...props });
  return Template.fromStack(stack);
}

/** The ConfigRule whose managed rule identifier is `identifier`. */
function ruleProperties(template: Template, identifier: string): Record<string, unknown> {
  const found = Object.values(template.findResources('AWS::Config::ConfigRule', { Properties: { Source: { SourceIdentifier: identifier } } }));
  expect(found).toHaveLength(1);
  return found[0].Properties;
}

const RULES = [
  { identifier: 'ELASTICACHE_REDIS_CLUSTER_AUTOMATIC_BACKUP_CHECK', name: 'hitrust-orders-cache-automatic-backup', controls: /1616\.09l1/ },
  { identifier: 'ELASTICACHE_REPL_GRP_ENCRYPTED_AT_REST', name: 'hitrust-orders-cache-encrypted-at-rest', controls: /0808\.10b2, 0903\.10f1/ },
  { identifier: 'ELASTICACHE_REPL_GRP_ENCRYPTED_IN_TRANSIT', name: 'hitrust-orders-cache-encrypted-in-transit', controls: /0808\.10b2, 0903\.10f1/ },
  { identifier: 'ELASTICACHE_REPL_GRP_AUTO_FAILOVER_ENABLED', name: 'hitrust-orders-cache-automatic-failover', controls: /1410\.09e2/ },
  { identifier: 'ELASTICACHE_RBAC_AUTH_ENABLED', name: 'hitrust-orders-cache-rbac-auth', controls: /0805\.01m1/ },
];

describe('managed rules', () => {
  test('creates the five AWS managed rules', () => {
    // WHEN
    const template = rulesTemplate();

    // THEN
    template.resourceCountIs('AWS::Config::ConfigRule', 5);
    for (const { identifier } of RULES) {
      template.hasResourceProperties('AWS::Config::ConfigRule', { Source: { Owner: 'AWS', SourceIdentifier: identifier } });
    }
  });

  test.each(RULES)('$identifier is scoped to the replication group and evaluated daily', ({ identifier }) => {
    // WHEN
    const template = rulesTemplate();

    // THEN
    expect(ruleProperties(template, identifier)).toEqual(
      expect.objectContaining({
        Scope: { ComplianceResourceTypes: ['AWS::ElastiCache::ReplicationGroup'], ComplianceResourceId: GROUP_ID },
        MaximumExecutionFrequency: 'TwentyFour_Hours',
      }),
    );
  });

  test.each(RULES)('$identifier is named $name and says which controls it evidences', ({ identifier, name, controls }) => {
    // WHEN
    const properties = ruleProperties(rulesTemplate(), identifier);

    // THEN
    expect(properties.ConfigRuleName).toEqual(name);
    expect(properties.Description).toMatch(controls);
    expect(properties.Description).toMatch(/ElastiCache orders-cache has /);
    expect((properties.Description as string).length).toBeLessThanOrEqual(256);
  });

  test('rule names fit AWS Config: at most 128 letters, digits, hyphens and underscores', () => {
    // GIVEN: the longest replication group ID ElastiCache accepts
    group = CompliantRedisReplicationGroup.fromReplicationGroupAttributes(stack, 'LongGroup', { replicationGroupId: 'a'.repeat(40), port: 6380 });

    // WHEN
    const names = Object.values(rulesTemplate().findResources('AWS::Config::ConfigRule')).map((r) => r.Properties.ConfigRuleName);

    // THEN
    expect(names).toHaveLength(5);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_-]{1,128}$/);
  });

  test('the rules are exposed by name and all together', () => {
    // WHEN
    const rules = new CacheConfigRules(stack, 'ConfigRules', { replicationGroup: group });

    // THEN
    expect(rules.rules).toEqual([
      rules.automaticBackupRule,
      rules.encryptedAtRestRule,
      rules.encryptedInTransitRule,
      rules.automaticFailoverRule,
      rules.rbacAuthenticationRule,
    ]);
    expect(new Set(rules.rules).size).toEqual(5);
  });

  test('a given evaluation frequency applies to every rule', () => {
    // WHEN
    const template = rulesTemplate({ maximumExecutionFrequency: config.MaximumExecutionFrequency.SIX_HOURS });

    // THEN
    for (const { identifier } of RULES) expect(ruleProperties(template, identifier).MaximumExecutionFrequency).toEqual('Six_Hours');
  });
});

describe('RBAC check and AUTH-token groups', () => {
  // AWS fact config-elasticache-rbac-auth-enabled: "The rule is NON_COMPLIANT if the Redis version is 6 or above and
  // 'UserGroupIds' is missing, empty, ..."
  test('rbacAuthentication false leaves out elasticache-rbac-auth-enabled (an AUTH-token group fails it by definition)', () => {
    const rules = new CacheConfigRules(stack, 'ConfigRules', { replicationGroup: group, rbacAuthentication: false });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Config::ConfigRule', 4);
    expect(Object.keys(template.findResources('AWS::Config::ConfigRule', { Properties: { Source: { SourceIdentifier: 'ELASTICACHE_RBAC_AUTH_ENABLED' } } }))).toEqual([]);
    expect(rules.rbacAuthenticationRule).toBeUndefined();
    expect(rules.automaticFailoverRule).toBeDefined();
    expect(rules.rules).toHaveLength(4);
  });

  test.each([
    { auth: 'authToken', rules: 4, rbac: false },
    { auth: 'rbacPassword', rules: 5, rbac: true },
    { auth: 'iam', rules: 5, rbac: true },
  ] as const)('CompliantRedisReplicationGroup with $auth creates $rules rules', ({ auth, rules, rbac }) => {
    const { stack: cache, vpc } = cacheStack();
    const created = new CompliantRedisReplicationGroup(cache, 'Cache', { vpc, configRules: true, authentication: CacheAuthentication[auth]() });
    const template = Template.fromStack(cache);
    template.resourceCountIs('AWS::Config::ConfigRule', rules);
    expect(created.configRules!.rbacAuthenticationRule !== undefined).toBe(rbac);
  });
});

describe('input parameters', () => {
  test('by default only the backup check has a parameter, and a group keeping exactly 35 days passes it', () => {
    // WHEN
    const template = rulesTemplate();

    // THEN
    expect(ruleProperties(template, RULES[0].identifier).InputParameters).toEqual({ snapshotRetentionPeriod: '34' });
    for (const { identifier } of RULES.slice(1)) {
      template.hasResourceProperties('AWS::Config::ConfigRule', {
        Source: { SourceIdentifier: identifier },
        InputParameters: Match.absent(),
      });
    }
  });

  test.each([
    { minimum: 35, parameter: 34 },
    { minimum: 15, parameter: 14 },
    { minimum: 2, parameter: 1 },
    { minimum: 1, parameter: 1 },
  ])('a minimum retention of $minimum gives snapshotRetentionPeriod $parameter', ({ minimum, parameter }) => {
    // WHEN
    const template = rulesTemplate({ minimumSnapshotRetentionDays: minimum });

    // THEN
    expect(snapshotRetentionPeriodFor(minimum)).toEqual(parameter);
    expect(ruleProperties(template, RULES[0].identifier).InputParameters).toEqual({ snapshotRetentionPeriod: String(parameter) });
    expect(ruleProperties(template, RULES[0].identifier).Description).toMatch(new RegExp(`kept at least ${minimum} days`));
  });

  test('approved KMS keys become the approvedKMSKeyIds CSV of the encryption-at-rest check', () => {
    // WHEN
    const template = rulesTemplate({
      approvedKmsKeyIds: [
        'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        'arn:aws:kms:us-east-1:123456789012:key/abcd1234-ab12-cd34-ef56-abcdef123456',
      ],
    });

    // THEN
    expect(ruleProperties(template, 'ELASTICACHE_REPL_GRP_ENCRYPTED_AT_REST').InputParameters).toEqual({
      approvedKMSKeyIds:
        'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab,' +
        'arn:aws:kms:us-east-1:123456789012:key/abcd1234-ab12-cd34-ef56-abcdef123456',
    });
    expect(ruleProperties(template, 'ELASTICACHE_REPL_GRP_ENCRYPTED_AT_REST').Description).toMatch(/with an approved KMS key/);
  });

  test('allowed user groups become the allowedUserGroupIDs CSV of the RBAC check', () => {
    // WHEN
    const template = rulesTemplate({ allowedUserGroupIds: ['orders-cache-users', 'orders-cache-admins'] });

    // THEN
    expect(ruleProperties(template, 'ELASTICACHE_RBAC_AUTH_ENABLED').InputParameters).toEqual({
      allowedUserGroupIDs: 'orders-cache-users,orders-cache-admins',
    });
  });

  test('key ARNs that are tokens are joined in CloudFormation', () => {
    // GIVEN
    const key = new kms.Key(stack, 'CacheKey', { enableKeyRotation: true });

    // WHEN
    const template = rulesTemplate({ approvedKmsKeyIds: [key.keyArn, 'arn:aws:kms:us-east-1:123456789012:key/other'] });

    // THEN
    expect(ruleProperties(template, 'ELASTICACHE_REPL_GRP_ENCRYPTED_AT_REST').InputParameters).toEqual({
      approvedKMSKeyIds: { 'Fn::Join': ['', [stack.resolve(key.keyArn), ',arn:aws:kms:us-east-1:123456789012:key/other']] },
    });
  });
});

describe('replication groups', () => {
  test('works with a group whose ID is a token (names and scope follow the token)', () => {
    // GIVEN
    group = CompliantRedisReplicationGroup.fromReplicationGroupAttributes(stack, 'TokenGroup', {
      replicationGroupId: Token.asString({ 'Fn::ImportValue': 'CacheId' }),
      port: 6380,
    });

    // WHEN
    const properties = ruleProperties(rulesTemplate(), 'ELASTICACHE_RBAC_AUTH_ENABLED');

    // THEN
    expect(properties.ConfigRuleName).toEqual({ 'Fn::Join': ['', ['hitrust-', { 'Fn::ImportValue': 'CacheId' }, '-rbac-auth']] });
    expect(properties.Scope).toEqual({
      ComplianceResourceTypes: ['AWS::ElastiCache::ReplicationGroup'],
      ComplianceResourceId: { 'Fn::ImportValue': 'CacheId' },
    });
  });

  test('works with a CompliantRedisReplicationGroup created in the stack', () => {
    // GIVEN
    const { stack: cache, vpc } = cacheStack();
    const created = new CompliantRedisReplicationGroup(cache, 'Cache', { vpc });

    // WHEN
    new CacheConfigRules(cache, 'ConfigRules', { replicationGroup: created });

    // THEN
    Template.fromStack(cache).hasResourceProperties('AWS::Config::ConfigRule', {
      Source: { SourceIdentifier: 'ELASTICACHE_REDIS_CLUSTER_AUTOMATIC_BACKUP_CHECK' },
      Scope: { ComplianceResourceTypes: ['AWS::ElastiCache::ReplicationGroup'], ComplianceResourceId: cache.resolve(created.replicationGroupId) },
    });
  });
});

describe('validation', () => {
  test.each([
    {
      description: 'fails when the minimum retention is 0',
      props: { minimumSnapshotRetentionDays: 0 },
      error: '`minimumSnapshotRetentionDays` must be a whole number from 1 to 35 (ElastiCache keeps automatic backups at most 35 days) for HITRUST 1616.09l1, got: 0',
    },
    { description: 'fails when the minimum retention is above 35', props: { minimumSnapshotRetentionDays: 36 }, error: 'for HITRUST 1616.09l1, got: 36' },
    { description: 'fails when the minimum retention is not whole days', props: { minimumSnapshotRetentionDays: 14.5 }, error: 'got: 14.5' },
    {
      description: 'fails when the approved key list is empty',
      props: { approvedKmsKeyIds: [] },
      error: '`approvedKmsKeyIds` must list at least one ID, none empty or holding a comma (AWS Config takes them as CSV; omit the prop to accept any), got: []',
    },
    { description: 'fails when an approved key holds a comma', props: { approvedKmsKeyIds: ['a,b'] }, error: "`approvedKmsKeyIds` must list at least one ID, none empty or holding a comma (AWS Config takes them as CSV; omit the prop to accept any), got: ['a,b']" },
    { description: 'fails when an allowed user group is empty', props: { allowedUserGroupIds: ['users', ' '] }, error: "`allowedUserGroupIds` must list at least one ID, none empty or holding a comma (AWS Config takes them as CSV; omit the prop to accept any), got: ['users', ' ']" },
  ])('$description', ({ props, error }) => {
    expect(() => new CacheConfigRules(stack, 'ConfigRules', { replicationGroup: group, ...props })).toThrow(error);
  });

  test('fails when the imported group ID cannot be part of a Config rule name', () => {
    // GIVEN
    group = CompliantRedisReplicationGroup.fromReplicationGroupAttributes(stack, 'Odd', { replicationGroupId: 'orders cache', port: 6380 });

    // THEN
    expect(() => new CacheConfigRules(stack, 'ConfigRules', { replicationGroup: group })).toThrow(
      "`replicationGroup` ID must be letters, digits, hyphens and underscores, short enough for AWS Config rule names (at most 128 characters, e.g. 'hitrust-orders cache-encrypted-in-transit'), got: 'orders cache'",
    );
  });

  test('fails with every problem at once', () => {
    expect(
      () => new CacheConfigRules(stack, 'ConfigRules', { replicationGroup: group, minimumSnapshotRetentionDays: 40, allowedUserGroupIds: [] }),
    ).toThrow(/CacheConfigRules validation failed:\n- `minimumSnapshotRetentionDays` .*\n- `allowedUserGroupIds` /);
  });
});
