import { Template } from 'aws-cdk-lib/assertions';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { compliantReplicationGroup, findings, newStack, SNAPSHOT_ARCHIVE_TAG, type CompliantFixtureOptions } from './fixtures';
import { HitrustRuleId } from '../../src/nag';

describe('compliant raw-L1 fixture', () => {
  test.each<{ description: string; options: CompliantFixtureOptions }>([
    { description: 'Valkey 8.1 with RBAC and three nodes in three AZs', options: {} },
    { description: 'Valkey 7.2', options: { engineVersion: '7.2' } },
    { description: 'Redis OSS 7.1', options: { engine: 'redis', engineVersion: '7.1' } },
    { description: 'cluster mode with 2 shards of 2 replicas', options: { clusterMode: true } },
    { description: 'an AUTH token from Secrets Manager instead of RBAC', options: { auth: 'token' } },
  ])('yields zero findings: $description', ({ options }) => {
    // GIVEN
    const { app, stack } = newStack();
    compliantReplicationGroup(stack, options);

    // WHEN
    const result = findings(app);

    // THEN
    expect(result).toEqual({});
  });

  test('states its archive with the hitrust:snapshot-archive-bucket tag, a Ref to its L1 archive bucket', () => {
    // GIVEN
    const { stack } = newStack();
    const { replicationGroup, archiveBucket } = compliantReplicationGroup(stack);

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      Tags: [{ Key: SNAPSHOT_ARCHIVE_TAG, Value: { Ref: stack.getLogicalId(archiveBucket) } }],
    });
    expect(stack.resolve(archiveBucket.objectLockConfiguration)).toEqual({
      objectLockEnabled: 'Enabled',
      rule: { defaultRetention: { mode: 'COMPLIANCE', days: 2192 } },
    });
    expect(replicationGroup.node.metadata.map((m) => m.type)).not.toContain('cdk-hitrust-redis:snapshot-archive');
  });
});

describe('the snapshot archive the raw-L1 fixture states (HITRUST.CSF-ElastiCacheSnapshotArchive)', () => {
  const ARCHIVE_NAME = 'phi-cache-snapshot-archive';
  const archiveFindings = (result: Record<string, string[]>) => result[HitrustRuleId.ELASTICACHE_SNAPSHOT_ARCHIVE];

  test('passes with the tag as a Ref to an in-app bucket locked in COMPLIANCE mode for 2192 days', () => {
    // GIVEN
    const { app, stack } = newStack();
    compliantReplicationGroup(stack);

    // THEN
    expect(archiveFindings(findings(app))).toBeUndefined();
  });

  test('passes with the literal name of an in-app bucket', () => {
    // GIVEN
    const { app, stack } = newStack();
    const { archiveBucket } = compliantReplicationGroup(stack, { overrides: { tags: [{ key: SNAPSHOT_ARCHIVE_TAG, value: ARCHIVE_NAME }] } });
    archiveBucket.bucketName = ARCHIVE_NAME;

    // THEN
    expect(findings(app)).toEqual({});
  });

  test('fails without the tag', () => {
    // GIVEN
    const { app, stack } = newStack();
    compliantReplicationGroup(stack, { overrides: { tags: undefined } });

    // THEN
    expect(findings(app)).toEqual({ [HitrustRuleId.ELASTICACHE_SNAPSHOT_ARCHIVE]: ['Stack/Cache'] });
  });

  test('fails when the tag names a bucket outside the app', () => {
    // GIVEN: the in-app archive bucket has another name
    const { app, stack } = newStack();
    const { archiveBucket } = compliantReplicationGroup(stack, { overrides: { tags: [{ key: SNAPSHOT_ARCHIVE_TAG, value: 'archive-in-another-account' }] } });
    archiveBucket.bucketName = ARCHIVE_NAME;

    // THEN
    expect(findings(app)).toEqual({ [HitrustRuleId.ELASTICACHE_SNAPSHOT_ARCHIVE]: ['Stack/Cache'] });
  });

  test('fails when the tag references a resource that is not a bucket', () => {
    // GIVEN
    const { app, stack } = newStack();
    const { replicationGroup, topic } = compliantReplicationGroup(stack);
    replicationGroup.tags.setTag(SNAPSHOT_ARCHIVE_TAG, topic.ref, 100);

    // THEN
    expect(archiveFindings(findings(app))).toEqual(['Stack/Cache']);
  });

  test.each<[string, s3.CfnBucket.DefaultRetentionProperty]>([
    ['GOVERNANCE mode (a privileged user can lift it)', { mode: 'GOVERNANCE', days: 2192 }],
    ['365 days', { mode: 'COMPLIANCE', days: 365 }],
    ['5 years', { mode: 'COMPLIANCE', years: 5 }],
  ])('fails when the stated bucket locks in %s', (_, defaultRetention) => {
    // GIVEN
    const { app, stack } = newStack();
    const { archiveBucket } = compliantReplicationGroup(stack);
    archiveBucket.objectLockConfiguration = { objectLockEnabled: 'Enabled', rule: { defaultRetention } };

    // THEN
    expect(findings(app)).toEqual({ [HitrustRuleId.ELASTICACHE_SNAPSHOT_ARCHIVE]: ['Stack/Cache'] });
  });

  test('passes a lock of 6 years (Years x 365 = 2190 days)', () => {
    // GIVEN
    const { app, stack } = newStack();
    const { archiveBucket } = compliantReplicationGroup(stack);
    archiveBucket.objectLockConfiguration = { objectLockEnabled: 'Enabled', rule: { defaultRetention: { mode: 'COMPLIANCE', years: 6 } } };

    // THEN
    expect(findings(app)).toEqual({});
  });
});
