import { Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  CacheAuthentication,
  CacheEngine,
  CacheEngineVersion,
  CacheNodeType,
  CompliantRedisReplicationGroup,
  CompliantRedisReplicationGroupProps,
} from '../../src';
import { cacheStack } from '../helpers/cache-stack';

let stack: Stack;
let vpc: ec2.Vpc;

beforeEach(() => {
  ({ stack, vpc } = cacheStack());
});

const create = (props: Partial<CompliantRedisReplicationGroupProps>) =>
  () => new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, ...props });

describe('validation', () => {
  test.each([
    {
      description: 'fails for Redis OSS 5.0.6 (extended support), naming 0706.10b1',
      props: { engineVersion: CacheEngineVersion.of(CacheEngine.REDIS, '5.0.6') },
      error: /`engineVersion` must be HIPAA eligible and supported \(Redis OSS >= 6.2 or Valkey >= 7.2\) for HITRUST 0706.10b1, got: redis 5.0.6/,
    },
    {
      description: 'fails for Redis OSS 6.0',
      props: { engineVersion: CacheEngineVersion.of(CacheEngine.REDIS, '6.0') },
      error: /got: redis 6.0/,
    },
    {
      description: 'fails for cache.t1 nodes, which cannot snapshot',
      props: { nodeType: CacheNodeType.of('cache.t1.micro') },
      error: /`nodeType` must be able to take snapshots \(not cache.t1.\*\) for HITRUST 1616.09l1, got: cache.t1.micro/,
    },
    { description: 'fails for a privileged port', props: { port: 80 }, error: /`port` must be a whole number from 1024 to 65535, got: 80/ },
    { description: 'fails for a fractional port', props: { port: 6380.5 }, error: /got: 6380.5/ },
    {
      description: 'fails when parameters set cluster-enabled',
      props: { parameters: { 'cluster-enabled': 'yes' } },
      error: /`parameters` must not set 'cluster-enabled' \(it follows `shards`\), got: 'yes'/,
    },
    { description: 'fails for zero shards', props: { shards: 0 }, error: /`shards` must be a whole number from 1 to 500, got: 0/ },
    {
      description: 'fails for zero replicas, naming the failover controls',
      props: { replicasPerShard: 0 },
      error: /`replicasPerShard` must be from 1 to 5 \(Multi-AZ failover needs a replica\) for HITRUST 1410.09e2 and 1601.12c1, got: 0/,
    },
    { description: 'fails for six replicas', props: { replicasPerShard: 6 }, error: /got: 6/ },
    {
      description: 'fails when per-node alarms would not fit a CloudFormation stack (14 shards of 3 nodes)',
      props: { shards: 14 },
      error: /`alarms` create 9 alarms per node: at most 40 nodes fit a CloudFormation stack .*add `CacheAlarms` for this group in another stack \(HITRUST 1202.09aa1\), got: 42 nodes \(14 shards x 3\)/,
    },
    {
      description: 'fails for an archive of a data-tiering node type, which cannot export snapshots',
      props: { nodeType: CacheNodeType.R6GD_XLARGE, snapshotArchive: true },
      error: /`snapshotArchive` cannot export the snapshots of data-tiering node types .* for HITRUST 1616.09l1: .*got: cache.r6gd.xlarge/,
    },
    {
      description: 'fails for an archive kept less than the guide\'s 6 years',
      props: { archiveRetention: Duration.days(365) },
      error: /`archiveRetention` must be whole days, at least 2190 \(6 years, guide Step 5\) for HITRUST 1616.09l1, got: 365 days/,
    },
    {
      description: 'fails for a snapshot window known only at deploy time while the archive needs it',
      props: { snapshotWindow: Lazy.string({ produce: () => '01:00-02:00' }) },
      error: /`snapshotWindow` must be a literal 'hh24:mi-hh24:mi' when `snapshotArchive` is on .*got: an unresolved token/,
    },
    {
      description: 'fails for IAM authentication on Redis OSS 6.2',
      props: { engineVersion: CacheEngineVersion.REDIS_6_2, authentication: CacheAuthentication.iam() },
      error: /`authentication` IAM needs Redis OSS >= 7.0 or Valkey >= 7.2 \(HITRUST 0805.01m1\), got: redis 6.2/,
    },
    {
      description: 'fails for an RBAC user named default',
      props: { authentication: CacheAuthentication.rbacPassword({ userName: 'default' }) },
      error: /`authentication` user name must not be 'default'/,
    },
    {
      description: 'fails for an access string with nopass',
      props: { authentication: CacheAuthentication.rbacPassword({ accessString: 'on nopass ~* +@all' }) },
      error: /must not contain 'nopass' .* for HITRUST 1903.06d1, got: 'on nopass ~\* \+@all'/,
    },
    {
      description: 'fails for 7 days of snapshots, naming 1616.09l1',
      props: { snapshotRetention: Duration.days(7) },
      error: /`snapshotRetention` must be whole days from 15 to 35 for HITRUST 1616.09l1, got: 7 days/,
    },
    { description: 'fails for 36 days of snapshots', props: { snapshotRetention: Duration.days(36) }, error: /got: 36 days/ },
    { description: 'fails for a retention that is not whole days', props: { snapshotRetention: Duration.hours(400) }, error: /got: 16 days 16 hours/ },
    {
      description: 'fails for a malformed snapshot window',
      props: { snapshotWindow: '3am' },
      error: /`snapshotWindow` must be 'hh24:mi-hh24:mi' \(UTC\) and at least 60 minutes for HITRUST 1616.09l1, got: '3am'/,
    },
    { description: 'fails for a 30-minute snapshot window', props: { snapshotWindow: '03:00-03:30' }, error: /got: '03:00-03:30'/ },
    {
      description: 'fails for a malformed maintenance window',
      props: { maintenanceWindow: 'sunday 6am' },
      error: /`maintenanceWindow` must be 'ddd:hh24:mi-ddd:hh24:mi' \(UTC\) and at least 60 minutes, got: 'sunday 6am'/,
    },
    {
      description: 'fails when the snapshot and maintenance windows overlap',
      props: { snapshotWindow: '05:00-07:00', maintenanceWindow: 'sun:06:00-sun:07:00' },
      error: /`snapshotWindow` must not overlap `maintenanceWindow` .* for HITRUST 1616.09l1, got: '05:00-07:00' and 'sun:06:00-sun:07:00'/,
    },
    {
      description: 'fails for log retention under a year, naming 1202.09aa1',
      props: { logRetention: logs.RetentionDays.SIX_MONTHS },
      error: /`logRetention` must be at least 365 days for HITRUST 1202.09aa1, got: 180 days/,
    },
    {
      description: 'fails for a mixed-case replication group ID',
      props: { replicationGroupId: 'MyCache' },
      error: /`replicationGroupId` must be 1 to 40 lower-case letters.*got: 'MyCache'/,
    },
    { description: 'fails for a replication group ID with --', props: { replicationGroupId: 'my--cache' }, error: /got: 'my--cache'/ },
    { description: 'fails for a replication group ID ending in -', props: { replicationGroupId: 'cache-' }, error: /got: 'cache-'/ },
    { description: 'fails for a replication group ID of 41 characters', props: { replicationGroupId: 'a'.repeat(41) }, error: /got: 'a{41}'/ },
    { description: 'fails for an empty data classification', props: { dataClassification: ' ' }, error: /`dataClassification` must not be empty/ },
    {
      description: 'fails for public subnets, naming 0805.01m1',
      props: { vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } },
      error: /`vpcSubnets` must select private or isolated subnets only for HITRUST 0805.01m1, got public subnets: Stack\/Vpc\/publicSubnet1/,
    },
  ])('$description', ({ props, error }) => {
    expect(create(props as Partial<CompliantRedisReplicationGroupProps>)).toThrow(error);
  });

  test('a large cluster without the built-in alarms is accepted', () => {
    create({ shards: 60, alarms: false })();
    const nodeAlarms = Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm', { Properties: { Namespace: 'AWS/ElastiCache' } });
    expect(nodeAlarms).toEqual({});
  });

  test('fails once, listing every problem', () => {
    // WHEN
    let message = '';
    try {
      create({ port: 1, snapshotRetention: Duration.days(1), replicasPerShard: 0 })();
    } catch (e) {
      message = (e as Error).message;
    }
    // THEN
    expect(message.split('\n')).toEqual([
      'CompliantRedisReplicationGroup validation failed:',
      expect.stringMatching(/^- `port`/),
      expect.stringMatching(/^- `replicasPerShard`/),
      expect.stringMatching(/^- `snapshotRetention`/),
    ]);
  });

  test('does not validate unresolved tokens against literals', () => {
    // GIVEN
    const port = Token.asNumber(Lazy.number({ produce: () => 6390 }));
    const window = Lazy.string({ produce: () => '01:00-02:00' });

    // WHEN
    create({ port, snapshotWindow: window, replicationGroupId: Lazy.string({ produce: () => 'late' }), snapshotArchive: false })();

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      Port: 6390, SnapshotWindow: '01:00-02:00', ReplicationGroupId: 'late',
    });
  });
});
