import { CfnParameterGroup } from 'aws-cdk-lib/aws-elasticache';
import { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance } from 'cdk-nag';
import { HitrustChecks } from '../../../src/nag';
import {
  ElastiCacheAutoMinorVersionUpgrade,
  ElastiCacheCustomParameterGroup,
  ElastiCacheEngineVersion,
  ElastiCacheMaintenanceWindow,
  ElastiCacheMemcached,
  ElastiCacheNonDefaultPort,
} from '../../../src/nag/rules/elasticache';
import { findings, newStack } from '../fixtures';
import {
  cacheCluster,
  deployTimeNumber,
  deployTimeString,
  deployTimeValue,
  replicationGroup,
  runRule,
  serverlessCache,
  type Case,
} from './builders';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

const memcachedCluster = cacheCluster({ engine: 'memcached', engineVersion: '1.6.22', port: 11212 });

describe('ElastiCacheEngineVersion', () => {
  test.each<Case>([
    ['passes Valkey 8.1', replicationGroup(), COMPLIANT],
    ['passes Valkey 7.2', replicationGroup({ engineVersion: '7.2' }), COMPLIANT],
    ['passes an engine name in any case', replicationGroup({ engine: 'Valkey' }), COMPLIANT],
    ['passes Redis OSS 7.1', replicationGroup({ engine: 'redis', engineVersion: '7.1' }), COMPLIANT],
    ['passes Redis OSS 7.0.5', replicationGroup({ engine: 'redis', engineVersion: '7.0.5' }), COMPLIANT],
    ['passes Redis OSS 6.2', replicationGroup({ engine: 'redis', engineVersion: '6.2' }), COMPLIANT],
    ['passes Redis OSS 6.x (the latest 6 minor is 6.2)', replicationGroup({ engine: 'redis', engineVersion: '6.x' }), COMPLIANT],
    ['passes a group without Engine (redis) on 7.1', replicationGroup({ engine: undefined, engineVersion: '7.1' }), COMPLIANT],
    ['fails Redis OSS 6.0', replicationGroup({ engine: 'redis', engineVersion: '6.0' }), NON_COMPLIANT],
    ['fails Redis OSS 5.0.6', replicationGroup({ engine: 'redis', engineVersion: '5.0.6' }), NON_COMPLIANT],
    ['fails Redis OSS 4.0.10, the version the 2019 guide recommended', replicationGroup({ engine: 'redis', engineVersion: '4.0.10' }), NON_COMPLIANT],
    ['fails when EngineVersion is absent (latest at create time proves nothing)', replicationGroup({ engineVersion: undefined }), NON_COMPLIANT],
    ['fails a version that cannot be parsed', replicationGroup({ engineVersion: 'latest' }), NON_COMPLIANT],
    ['fails a deploy-time EngineVersion', replicationGroup((s) => ({ engineVersion: deployTimeString(s) })), NON_COMPLIANT],
    ['fails a deploy-time Engine', replicationGroup((s) => ({ engine: deployTimeString(s) })), NON_COMPLIANT],
    ['passes a Valkey CacheCluster', cacheCluster(), COMPLIANT],
    ['fails a Redis OSS 5.0.6 CacheCluster', cacheCluster({ engine: 'redis', engineVersion: '5.0.6' }), NON_COMPLIANT],
    ['passes a serverless Valkey 8', serverlessCache(), COMPLIANT],
    ['passes a serverless Redis OSS 7', serverlessCache({ engine: 'redis', majorEngineVersion: '7' }), COMPLIANT],
    ['fails a serverless cache without MajorEngineVersion', serverlessCache({ majorEngineVersion: undefined }), NON_COMPLIANT],
    ['does not apply to Memcached', memcachedCluster, NOT_APPLICABLE],
    ['does not apply to an unknown engine', cacheCluster({ engine: 'keydb' }), NOT_APPLICABLE],
    ['does not apply to an SNS topic', (s) => new CfnTopic(s, 'Topic'), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheEngineVersion, build)).toBe(expected);
  });
});

describe('ElastiCacheAutoMinorVersionUpgrade', () => {
  test.each<Case>([
    ['passes true', replicationGroup(), COMPLIANT],
    ['passes when absent (the default is true)', replicationGroup({ autoMinorVersionUpgrade: undefined }), COMPLIANT],
    ['fails false', replicationGroup({ autoMinorVersionUpgrade: false }), NON_COMPLIANT],
    ['fails a deploy-time value', replicationGroup((s) => ({ autoMinorVersionUpgrade: deployTimeValue(s) })), NON_COMPLIANT],
    ['fails a CacheCluster with false', cacheCluster({ autoMinorVersionUpgrade: false }), NON_COMPLIANT],
    ['passes a Memcached CacheCluster that upgrades', memcachedCluster, COMPLIANT],
    ['does not apply to a serverless cache (it always upgrades)', serverlessCache(), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheAutoMinorVersionUpgrade, build)).toBe(expected);
  });
});

describe('ElastiCacheMaintenanceWindow', () => {
  test.each<Case>([
    ['passes a window', replicationGroup(), COMPLIANT],
    ['passes a deploy-time window (presence is what matters)', replicationGroup((s) => ({ preferredMaintenanceWindow: deployTimeString(s) })), COMPLIANT],
    ['fails without a window', replicationGroup({ preferredMaintenanceWindow: undefined }), NON_COMPLIANT],
    ['fails an empty window', cacheCluster({ preferredMaintenanceWindow: '' }), NON_COMPLIANT],
    ['does not apply to a serverless cache', serverlessCache(), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheMaintenanceWindow, build)).toBe(expected);
  });
});

describe('ElastiCacheMemcached', () => {
  test.each<Case>([
    ['fails a Memcached CacheCluster', memcachedCluster, NON_COMPLIANT],
    ['fails a Memcached serverless cache', serverlessCache({ engine: 'memcached', majorEngineVersion: '1.6' }), NON_COMPLIANT],
    ['fails a deploy-time Engine (it could be Memcached)', cacheCluster((s) => ({ engine: deployTimeString(s) })), NON_COMPLIANT],
    ['does not apply to a Valkey CacheCluster', cacheCluster(), NOT_APPLICABLE],
    ['does not apply to a replication group (always Redis OSS or Valkey)', replicationGroup(), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheMemcached, build)).toBe(expected);
  });
});

describe('ElastiCacheNonDefaultPort', () => {
  test.each<Case>([
    ['passes 6380', replicationGroup(), COMPLIANT],
    ['fails 6379', replicationGroup({ port: 6379 }), NON_COMPLIANT],
    ['fails Valkey on 6379 (AwsSolutions-AEC5 lets it pass)', replicationGroup({ engine: 'valkey', port: 6379 }), NON_COMPLIANT],
    ['fails an unset Port (the default 6379)', replicationGroup({ port: undefined }), NON_COMPLIANT],
    ['fails a deploy-time Port', replicationGroup((s) => ({ port: deployTimeNumber(s) })), NON_COMPLIANT],
    ['fails a Memcached CacheCluster on 11211', cacheCluster({ engine: 'memcached', port: 11211 }), NON_COMPLIANT],
    ['passes a Memcached CacheCluster on 6379', cacheCluster({ engine: 'memcached', port: 6379 }), COMPLIANT],
    ['fails 11211 when the Engine is only known at deploy time', cacheCluster((s) => ({ engine: deployTimeString(s), port: 11211 })), NON_COMPLIANT],
    ['does not apply to a serverless cache (fixed ports)', serverlessCache(), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheNonDefaultPort, build)).toBe(expected);
  });

  test('is reported as a warning', () => {
    // GIVEN
    const { app, stack } = newStack();
    replicationGroup({ port: 6379 })(stack);

    // WHEN
    const report = new HitrustChecks().validateScope(app);

    // THEN
    const violation = report.violations.find((v) => v.ruleName === 'HITRUST.CSF-ElastiCacheNonDefaultPort');
    expect(violation?.severity).toBe('warning');
  });

  test.each<[string, Case[1], string]>([
    ['6379', replicationGroup({ port: 6379 }), '`Port` is 6379, the engine default that scanners try first.'],
    ['an unset Port', replicationGroup({ port: undefined }), '`Port` is not set, so the cache listens on the engine default 6379.'],
    ['a deploy-time Port', replicationGroup((s) => ({ port: deployTimeNumber(s) })),
      '`Port` is known only at deploy time, so the template does not show a port other than the engine default.'],
  ])('says what it found for %s', (_, build, found) => {
    // GIVEN
    const { app, stack } = newStack();
    build(stack);

    // WHEN
    const report = new HitrustChecks().validateScope(app);

    // THEN
    const violation = report.violations.find((v) => v.ruleName === 'HITRUST.CSF-ElastiCacheNonDefaultPort');
    expect(violation?.description).toMatch(/^The ElastiCache cache listens on the engine default port that scanners try first/);
    expect(violation?.description).toContain(` Found: ${found.replace(/\.$/, '')} - (Control IDs: `);
  });
});

describe('ElastiCacheCustomParameterGroup', () => {
  test.each<Case>([
    ['passes a Ref to an AWS::ElastiCache::ParameterGroup', replicationGroup(), COMPLIANT],
    ['passes a named group of the deployment', cacheCluster({ cacheParameterGroupName: 'hardened-valkey8' }), COMPLIANT],
    ['fails a default group', replicationGroup({ cacheParameterGroupName: 'default.valkey8' }), NON_COMPLIANT],
    ['fails a default group in any case', replicationGroup({ cacheParameterGroupName: 'Default.Redis7.Cluster.On' }), NON_COMPLIANT],
    ['fails when no group is named (the default group)', replicationGroup({ cacheParameterGroupName: undefined }), NON_COMPLIANT],
    ['fails a deploy-time name (it could be a default group)', replicationGroup((s) => ({ cacheParameterGroupName: deployTimeString(s) })), NON_COMPLIANT],
    ['does not apply to a serverless cache', serverlessCache(), NOT_APPLICABLE],
    ['does not apply to the parameter group itself', (s) => new CfnParameterGroup(s, 'Group', { cacheParameterGroupFamily: 'valkey8', description: 'x' }), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheCustomParameterGroup, build)).toBe(expected);
  });
});

describe('pack findings for step 2', () => {
  test('name the failing raw CfnReplicationGroup by its construct path', () => {
    // GIVEN
    const { app, stack } = newStack();
    replicationGroup({ engine: 'redis', engineVersion: '5.0.6', autoMinorVersionUpgrade: false })(stack);

    // WHEN
    const result = findings(app);

    // THEN
    expect(result['HITRUST.CSF-ElastiCacheEngineVersion']).toEqual(['Stack/Cache']);
    expect(result['HITRUST.CSF-ElastiCacheAutoMinorVersionUpgrade']).toEqual(['Stack/Cache']);
  });
});
