import { Lazy } from 'aws-cdk-lib';
import { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance } from 'cdk-nag';
import {
  ElastiCacheAutomaticBackup,
  elastiCacheSnapshotRetention,
  ElastiCacheLogDelivery,
  ElastiCacheNotificationTopic,
  ElastiCacheSnapshotWindow,
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
  type Build,
  type Case,
} from './builders';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

describe('ElastiCacheAutomaticBackup', () => {
  test.each<Case>([
    ['passes 35 days', replicationGroup(), COMPLIANT],
    ['passes 1 day (the SOP only needs backups on)', replicationGroup({ snapshotRetentionLimit: 1 }), COMPLIANT],
    ['fails 0 days (backups off)', replicationGroup({ snapshotRetentionLimit: 0 }), NON_COMPLIANT],
    ['fails when absent (the default is 0)', replicationGroup({ snapshotRetentionLimit: undefined }), NON_COMPLIANT],
    ['fails a deploy-time retention', replicationGroup((s) => ({ snapshotRetentionLimit: deployTimeNumber(s) })), NON_COMPLIANT],
    ['fails a cache.t1 node type, which cannot snapshot', replicationGroup({ cacheNodeType: 'cache.t1.micro' }), NON_COMPLIANT],
    ['fails a deploy-time node type (it could be cache.t1)', replicationGroup((s) => ({ cacheNodeType: deployTimeString(s) })), NON_COMPLIANT],
    ['passes a Valkey CacheCluster with backups (HIPAA.Security never checks it)', cacheCluster(), COMPLIANT],
    ['fails a Valkey CacheCluster without backups', cacheCluster({ snapshotRetentionLimit: undefined }), NON_COMPLIANT],
    ['passes a serverless cache with backups', serverlessCache(), COMPLIANT],
    ['fails a serverless cache without backups', serverlessCache({ snapshotRetentionLimit: undefined }), NON_COMPLIANT],
    ['does not apply to Memcached (ElastiCacheMemcached covers it)', cacheCluster({ engine: 'memcached', snapshotRetentionLimit: undefined }), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheAutomaticBackup, build)).toBe(expected);
  });
});

describe('ElastiCacheSnapshotRetention', () => {
  test.each<[string, number, Build, NagRuleCompliance]>([
    ['passes 35 days against the default minimum of 35', 35, replicationGroup(), COMPLIANT],
    ['fails 34 days against 35', 35, replicationGroup({ snapshotRetentionLimit: 34 }), NON_COMPLIANT],
    ['fails 15 days (the HIPAA.Security threshold) against 35', 35, cacheCluster({ snapshotRetentionLimit: 15 }), NON_COMPLIANT],
    ['passes 7 days against a minimum of 7', 7, replicationGroup({ snapshotRetentionLimit: 7 }), COMPLIANT],
    ['fails 6 days against a minimum of 7', 7, replicationGroup({ snapshotRetentionLimit: 6 }), NON_COMPLIANT],
    ['fails when absent', 1, replicationGroup({ snapshotRetentionLimit: undefined }), NON_COMPLIANT],
    ['fails a deploy-time retention', 1, replicationGroup((s) => ({ snapshotRetentionLimit: deployTimeNumber(s) })), NON_COMPLIANT],
    ['passes a serverless cache with 35 days', 35, serverlessCache(), COMPLIANT],
    ['fails a serverless cache with 7 days against 35', 35, serverlessCache({ snapshotRetentionLimit: 7 }), NON_COMPLIANT],
    ['does not apply to Memcached', 35, cacheCluster({ engine: 'memcached' }), NOT_APPLICABLE],
  ])('%s', (_, minimum, build, expected) => {
    expect(runRule(elastiCacheSnapshotRetention(minimum), build)).toBe(expected);
  });
});

describe('ElastiCacheSnapshotWindow', () => {
  test.each<Case>([
    ['passes a window', replicationGroup(), COMPLIANT],
    ['passes a deploy-time window (presence is what matters)', replicationGroup((s) => ({ snapshotWindow: deployTimeString(s) })), COMPLIANT],
    ['fails without a window', replicationGroup({ snapshotWindow: undefined }), NON_COMPLIANT],
    ['fails a CacheCluster without a window', cacheCluster({ snapshotWindow: undefined }), NON_COMPLIANT],
    ['passes a serverless DailySnapshotTime', serverlessCache(), COMPLIANT],
    ['fails a serverless cache without DailySnapshotTime', serverlessCache({ dailySnapshotTime: undefined }), NON_COMPLIANT],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheSnapshotWindow, build)).toBe(expected);
  });
});

describe('ElastiCacheNotificationTopic', () => {
  test.each<Case>([
    ['passes a Ref to an unencrypted topic', replicationGroup(), COMPLIANT],
    // AWS fact elasticache-sns-topic-cannot-be-encrypted: ElastiCache marks an encrypted topic inactive
    ['fails a Ref to a KMS-encrypted topic of the app (ElastiCache cannot publish to it)',
      replicationGroup((s) => ({ notificationTopicArn: new CfnTopic(s, 'Encrypted', { kmsMasterKeyId: 'alias/cache-key' }).ref })), NON_COMPLIANT],
    ['fails a CacheCluster pointing at a KMS-encrypted topic of the app',
      cacheCluster((s) => ({ notificationTopicArn: new CfnTopic(s, 'Encrypted', { kmsMasterKeyId: 'alias/cache-key' }).ref })), NON_COMPLIANT],
    ['passes a literal topic ARN', cacheCluster(), COMPLIANT],
    ['passes a deploy-time ARN (presence is what matters)', replicationGroup((s) => ({ notificationTopicArn: deployTimeString(s) })), COMPLIANT],
    ['fails without a topic', replicationGroup({ notificationTopicArn: undefined }), NON_COMPLIANT],
    ['fails a Memcached CacheCluster without a topic', cacheCluster({ engine: 'memcached', notificationTopicArn: undefined }), NON_COMPLIANT],
    ['does not apply to a serverless cache (no notification topic)', serverlessCache(), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheNotificationTopic, build)).toBe(expected);
  });
});

describe('ElastiCacheLogDelivery', () => {
  const delivery = (logType: string) => ({
    logType, logFormat: 'json', destinationType: 'cloudwatch-logs', destinationDetails: { cloudWatchLogsDetails: { logGroup: logType } },
  });
  test.each<Case>([
    ['passes slow-log and engine-log', replicationGroup(), COMPLIANT],
    ['passes raw CloudFormation JSON behind a token',
      replicationGroup({ logDeliveryConfigurations: Lazy.any({ produce: () => [{ LogType: 'engine-log' }, { LogType: 'slow-log' }] }) }), COMPLIANT],
    ['fails slow-log alone', replicationGroup({ logDeliveryConfigurations: [delivery('slow-log')] }), NON_COMPLIANT],
    ['fails engine-log alone', cacheCluster({ logDeliveryConfigurations: [delivery('engine-log')] }), NON_COMPLIANT],
    ['fails without log delivery', replicationGroup({ logDeliveryConfigurations: undefined }), NON_COMPLIANT],
    ['fails a deploy-time list', replicationGroup((s) => ({ logDeliveryConfigurations: deployTimeValue(s) })), NON_COMPLIANT],
    ['fails a deploy-time log type',
      replicationGroup((s) => ({ logDeliveryConfigurations: [delivery('slow-log'), delivery(deployTimeString(s))] })), NON_COMPLIANT],
    ['passes a CacheCluster with both logs', cacheCluster(), COMPLIANT],
    ['does not apply to a serverless cache', serverlessCache(), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheLogDelivery, build)).toBe(expected);
  });
});

describe('pack findings for steps 5 and 6', () => {
  test('fail a replication group without backups for both backup rules and nothing else', () => {
    // GIVEN
    const { app, stack } = newStack();
    replicationGroup({ snapshotRetentionLimit: 0 })(stack);

    // WHEN
    const result = findings(app);

    // THEN
    expect(result).toEqual({
      'HITRUST.CSF-ElastiCacheAutomaticBackup': ['Stack/Cache'],
      'HITRUST.CSF-ElastiCacheSnapshotRetention': ['Stack/Cache'],
    });
  });
});
