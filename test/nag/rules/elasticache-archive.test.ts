import { CfnParameter, Fn, Duration, type Stack } from 'aws-cdk-lib';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { ElastiCacheSnapshotArchive } from '../../../src/nag/rules/elasticache';
import { compliantReplicationGroupProps, stateArchive, supportingResources } from '../fixtures';
import { cacheCluster, runRule, type Build, type Case } from './builders';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

/** A compliant group that states `archive(stack)` as its archive bucket (none: states nothing). */
const groupWithArchive = (archive?: (stack: Stack) => s3.CfnBucket): Build => (stack) => {
  const group = new elasticache.CfnReplicationGroup(stack, 'Cache', compliantReplicationGroupProps(supportingResources(stack)));
  return archive ? stateArchive(group, archive(stack)) : group;
};
const locked = (defaultRetention: s3.CfnBucket.DefaultRetentionProperty, objectLockEnabled: boolean = true) => (stack: Stack) =>
  new s3.CfnBucket(stack, 'Archive', { objectLockEnabled, objectLockConfiguration: { objectLockEnabled: 'Enabled', rule: { defaultRetention } } });

describe('ElastiCacheSnapshotArchive', () => {
  test.each<Case>([
    ['passes a stated bucket locked in COMPLIANCE mode for 2192 days', groupWithArchive(locked({ mode: 'COMPLIANCE', days: 2192 })), COMPLIANT],
    ['passes a lock of 6 years', groupWithArchive(locked({ mode: 'COMPLIANCE', years: 6 })), COMPLIANT],
    ['passes the L2 bucket the SnapshotArchive writes', groupWithArchive((s) => new s3.Bucket(s, 'L2', {
      objectLockEnabled: true, objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(2190)),
    }).node.defaultChild as s3.CfnBucket), COMPLIANT],
    ['fails a group that states no archive', groupWithArchive(), NON_COMPLIANT],
    ['fails a lock of 5 years', groupWithArchive(locked({ mode: 'COMPLIANCE', years: 5 })), NON_COMPLIANT],
    ['fails GOVERNANCE mode (can be lifted)', groupWithArchive(locked({ mode: 'GOVERNANCE', days: 2192 })), NON_COMPLIANT],
    ['fails a bucket without Object Lock', groupWithArchive(locked({ mode: 'COMPLIANCE', days: 2192 }, false)), NON_COMPLIANT],
    ['fails a bucket with no default retention', groupWithArchive((s) => new s3.CfnBucket(s, 'Archive', { objectLockEnabled: true })), NON_COMPLIANT],
    ['fails a deploy-time retention (fails closed)', groupWithArchive((s) =>
      locked({ mode: 'COMPLIANCE', days: new CfnParameter(s, 'Days', { type: 'Number' }).valueAsNumber })(s)), NON_COMPLIANT],
    ['fails a stated bucket that is not in the app', (stack) => {
      const group = new elasticache.CfnReplicationGroup(stack, 'Cache', compliantReplicationGroupProps(supportingResources(stack)));
      group.tags.setTag('hitrust:snapshot-archive-bucket', 'a-bucket-of-another-app');
      return group;
    }, NON_COMPLIANT],
    ['fails a tag that names an imported bucket (its lock cannot be seen)', (stack) => {
      const group = new elasticache.CfnReplicationGroup(stack, 'Cache', compliantReplicationGroupProps(supportingResources(stack)));
      group.tags.setTag('hitrust:snapshot-archive-bucket', Fn.importValue('ArchiveBucketName'));
      return group;
    }, NON_COMPLIANT],
    ['does not apply to a cache cluster', cacheCluster(), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheSnapshotArchive, build)).toBe(expected);
  });
});
