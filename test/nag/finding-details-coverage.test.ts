/**
 * Every catalog rule says what it found, as the construct's own errors do: after the override of
 * ./override-cases.ts that breaks it, the rule's finding names the property (or states what is missing), the value
 * found and the limit, between " Found: " and the control IDs.
 */
import { App, Stack, type CfnResource } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { compliantReplicationGroup, newStack } from './fixtures';
import { OVERRIDE_CASES } from './override-cases';
import { HitrustChecks } from '../../src/nag';
import { HITRUST_RULES } from '../../src/nag/catalog';

const ruleName = (id: string) => `HITRUST.CSF-${id}`;

/** `<info>. Found: <detail> - (Control IDs: ...)`: the detail is group 1. */
const FOUND = /\. Found: (.+) - \(Control IDs: [^)]+\)\.$/s;

/**
 * What a detail starts with: a property as the template spells it (`SnapshotRetentionLimit`,
 * `NodeGroupConfiguration[1].ReplicaCount`), or a statement about the resource (no ..., the ..., an ...).
 */
const PROPERTY = '`[A-Z][A-Za-z0-9]*(\\[\\d+\\])?(\\.[A-Z][A-Za-z0-9]*(\\[\\d+\\])?)*`';
const STARTS_WITH_PROPERTY_OR_STATEMENT = new RegExp(`^(${PROPERTY} |(no|the|an?) \\S)`);

/** The violations of the pack for the whole app of `scope`, as `[ruleName, description, paths]`. */
function violations(app: App): { ruleName: string; description: string; paths: string[] }[] {
  return new HitrustChecks(undefined, { evidenceReport: false }).validateScope(app).violations.map((v) => ({
    ruleName: v.ruleName,
    description: v.description,
    paths: v.violatingResources.map((r) => r.constructPath ?? ''),
  }));
}

/** The detail of the one finding of rule `id` (fails the test when there is not exactly one, or it has none). */
function detailOf(app: App, id: string): string {
  const found = violations(app).filter((v) => v.ruleName === ruleName(id));
  expect(found).toHaveLength(1);
  const match = FOUND.exec(found[0].description);
  expect(match).not.toBeNull();
  return match![1];
}

describe('every catalog rule says what it found, after the override that breaks it', () => {
  test('the override table covers the catalog', () => {
    expect(Object.keys(OVERRIDE_CASES).sort()).toEqual(HITRUST_RULES.map((rule) => rule.id).sort());
  });

  for (const { id } of HITRUST_RULES) {
    test(`${ruleName(id)}: ${OVERRIDE_CASES[id]?.override ?? 'NO CASE'}`, () => {
      // GIVEN the compliant resource(s), broken by one override
      const overrideCase = OVERRIDE_CASES[id];
      expect(overrideCase).toBeDefined();
      const { app, stack } = newStack();
      const built = overrideCase.build(stack);
      overrideCase.breakIt(built.overridden);

      // WHEN
      const found = violations(app).filter((v) => v.ruleName === ruleName(id));

      // THEN one finding, on the reported resource, whose detail sits between " Found: " and the control IDs
      expect(found).toHaveLength(1);
      expect(found[0].paths).toEqual([(built.reported ?? built.overridden).node.path]);
      const [info] = found[0].description.split('. Found: ');
      expect(info).toEqual(HITRUST_RULES.find((rule) => rule.id === id)!.info);
      const detail = FOUND.exec(found[0].description)?.[1];
      expect(detail).toBeDefined();
      // it names the property (or states what is missing), and never a secret (the AUTH token of its case)
      expect(detail).toMatch(STARTS_WITH_PROPERTY_OR_STATEMENT);
      expect(detail).toMatch(new RegExp(PROPERTY));
      expect(detail).not.toContain('a-password-in-the-template');
    });
  }
});

describe('every finding of a minimal, non-compliant app carries a detail', () => {
  test('resources left at their defaults, of every type the pack judges', () => {
    // GIVEN one bare resource of each type, which fails most rules on paths the override table does not take
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new elasticache.CfnReplicationGroup(stack, 'Group', { replicationGroupDescription: 'bare', preferredCacheClusterAZs: ['us-east-1a', 'us-east-1a'] });
    new elasticache.CfnCacheCluster(stack, 'Cluster', { engine: 'valkey', cacheNodeType: 'cache.t1.micro', numCacheNodes: 1, autoMinorVersionUpgrade: false });
    new elasticache.CfnCacheCluster(stack, 'Memcached', { engine: 'memcached', cacheNodeType: 'cache.t3.micro', numCacheNodes: 1 });
    new elasticache.CfnServerlessCache(stack, 'Serverless', { engine: 'valkey', serverlessCacheName: 'bare' });
    const classic = new elasticache.CfnSecurityGroup(stack, 'ClassicGroup', { description: 'EC2-Classic' });
    new elasticache.CfnSecurityGroupIngress(stack, 'ClassicIngress', { cacheSecurityGroupName: classic.ref, ec2SecurityGroupName: 'clients' });
    const open = new elasticache.CfnUser(stack, 'OpenUser', { engine: 'valkey', userId: 'open', userName: 'open', accessString: 'on ~* +@all', noPasswordRequired: true });
    new elasticache.CfnUserGroup(stack, 'ValkeyUsers', { engine: 'valkey', userGroupId: 'valkey-users', userIds: [open.ref] });
    new elasticache.CfnUserGroup(stack, 'RedisUsers', { engine: 'redis', userGroupId: 'redis-users', userIds: ['app'] });
    new secretsmanager.CfnSecret(stack, 'Secret', { generateSecretString: { passwordLength: 64 } });
    new sns.CfnTopic(stack, 'Topic', {});
    new cloudwatch.CfnAlarm(stack, 'Alarm', { comparisonOperator: 'GreaterThanThreshold', evaluationPeriods: 1, threshold: 0, metricName: 'M', namespace: 'N', period: 60, statistic: 'Sum' });
    new events.CfnRule(stack, 'Rule', { eventPattern: { source: ['aws.elasticache'] } });
    new cloudtrail.CfnTrail(stack, 'Trail', { isLogging: false, s3BucketName: 'audit' });
    new logs.CfnLogGroup(stack, 'Logs', { retentionInDays: 1 });
    new kms.CfnKey(stack, 'Key', {});
    new ec2.CfnSecurityGroup(stack, 'Open', { groupDescription: 'open', securityGroupIngress: [{ ipProtocol: '-1', cidrIpv6: '::/0' }] });
    new ec2.CfnSecurityGroupIngress(stack, 'OpenIngress', { ipProtocol: 'tcp', fromPort: 6379, toPort: 6379, cidrIp: '0.0.0.0/0', groupId: 'sg-1' });

    // WHEN
    const found = violations(app);

    // THEN every rule of the catalog finds something here, and every finding says what it found
    expect([...new Set(found.map((v) => v.ruleName))].sort()).toEqual(HITRUST_RULES.map((rule) => ruleName(rule.id)).sort());
    const withoutDetail = found.filter((v) => !FOUND.test(v.description)).map((v) => `${v.ruleName} on ${v.paths.join(', ')}`);
    expect(withoutDetail).toEqual([]);
    for (const v of found) {
      expect(FOUND.exec(v.description)![1]).toMatch(STARTS_WITH_PROPERTY_OR_STATEMENT);
    }
  });
});

describe('the exact wording of numeric findings', () => {
  /** The compliant replication group (cluster mode on request), with `override` applied. */
  function group(override: (group: CfnResource) => void, clusterMode = false): App {
    const { app, stack } = newStack();
    override(compliantReplicationGroup(stack, { clusterMode }).replicationGroup);
    return app;
  }

  test('replicas per shard: NumCacheClusters 1', () => {
    const app = group((g) => g.addPropertyOverride('NumCacheClusters', 1));
    expect(detailOf(app, 'ElastiCacheReplicaPerShard')).toEqual('`NumCacheClusters` is 1 (a primary without replica), at least 2 are required');
  });

  test('replicas per shard: the node group without replica, by its index', () => {
    const app = group((g) => g.addPropertyOverride('NodeGroupConfiguration', [
      { NodeGroupId: '0001', ReplicaCount: 2 },
      { NodeGroupId: '0002', ReplicaCount: 0 },
    ]), true);
    expect(detailOf(app, 'ElastiCacheReplicaPerShard')).toEqual('`NodeGroupConfiguration[1].ReplicaCount` is 0, at least 1 is required');
  });

  test('replicas per shard: ReplicasPerNodeGroup 0 in cluster mode', () => {
    const app = group((g) => g.addPropertyOverride('ReplicasPerNodeGroup', 0), true);
    expect(detailOf(app, 'ElastiCacheReplicaPerShard')).toEqual('`ReplicasPerNodeGroup` is 0, at least 1 is required');
  });

  test('distinct AZs: three nodes in one zone', () => {
    const app = group((g) => g.addPropertyOverride('PreferredCacheClusterAZs', ['us-east-1a', 'us-east-1a', 'us-east-1a']));
    expect(detailOf(app, 'ElastiCacheDistinctAZs'))
      .toEqual('`PreferredCacheClusterAZs` has 1 distinct zone for 3 nodes; at least 2 distinct zones per shard are required');
  });

  test('distinct AZs: a node group whose primary and replicas share a zone', () => {
    const app = group((g) => g.addPropertyOverride('NodeGroupConfiguration', [
      { NodeGroupId: '0001', PrimaryAvailabilityZone: 'us-east-1a', ReplicaAvailabilityZones: ['us-east-1b', 'us-east-1c'] },
      { NodeGroupId: '0002', PrimaryAvailabilityZone: 'us-east-1a', ReplicaAvailabilityZones: ['us-east-1a', 'us-east-1a'] },
    ]), true);
    expect(detailOf(app, 'ElastiCacheDistinctAZs'))
      .toEqual('`NodeGroupConfiguration[1]` has 1 distinct zone for 3 nodes; at least 2 distinct zones per shard are required');
  });

  test('secret rotation: a schedule of 400 days', () => {
    const { app, stack } = newStack();
    const secret = new secretsmanager.CfnSecret(stack, 'Secret', { generateSecretString: { passwordLength: 64 } });
    new secretsmanager.CfnRotationSchedule(stack, 'Rotation', {
      secretId: secret.ref,
      rotationLambdaArn: 'arn:aws:lambda:us-east-1:111111111111:function:rotate',
      rotationRules: { automaticallyAfterDays: 400 },
    });
    expect(detailOf(app, 'SecretsManagerSecretRotation'))
      .toEqual('`RotationRules.AutomaticallyAfterDays` is 400 days on rotation schedule Stack/Rotation; rotation at least every 365 days is required');
  });

  test('secret rotation: no schedule at all', () => {
    const { app, stack } = newStack();
    new secretsmanager.CfnSecret(stack, 'Secret', { generateSecretString: { passwordLength: 64 } });
    expect(detailOf(app, 'SecretsManagerSecretRotation'))
      .toEqual('no AWS::SecretsManager::RotationSchedule of the app names this secret in its `SecretId`; rotation at least every 365 days is required');
  });

  test.each<[string, (trail: CfnResource) => void, string]>([
    ['CloudTrailLogging', (t) => t.addPropertyOverride('IsLogging', false), '`IsLogging` is false; true is required'],
    ['CloudTrailMultiRegion', (t) => t.addPropertyDeletionOverride('IsMultiRegionTrail'), '`IsMultiRegionTrail` is not set; true is required'],
    ['CloudTrailEncrypted', (t) => t.addPropertyDeletionOverride('KMSKeyId'), '`KMSKeyId` is not set; a KMS key is required'],
  ])('%s: the trail setting found and the one required', (id, breakIt, expected) => {
    const overrideCase = OVERRIDE_CASES[id];
    const { app, stack } = newStack();
    breakIt(overrideCase.build(stack).overridden);
    expect(detailOf(app, id)).toEqual(expected);
  });
});
