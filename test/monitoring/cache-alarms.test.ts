import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CacheAlarms, CompliantRedisReplicationGroup, IRedisReplicationGroup } from '../../src';
import { cacheStack } from '../helpers/cache-stack';

let stack: Stack;
let topic: sns.Topic;

const imported = (memberClusterIds: string[]): IRedisReplicationGroup =>
  CompliantRedisReplicationGroup.fromReplicationGroupAttributes(stack, 'Group', { replicationGroupId: 'phi', port: 6380, memberClusterIds });

beforeEach(() => {
  ({ stack } = cacheStack());
  topic = new sns.Topic(stack, 'Topic');
});

describe('CacheAlarms', () => {
  test.each([
    { shards: 1, nodes: ['phi-001', 'phi-002', 'phi-003'] },
    { shards: 3, nodes: ['0001', '0002', '0003'].flatMap((s) => ['001', '002', '003'].map((n) => `phi-${s}-${n}`)) },
  ])('one alarm per metric per member node ($shards shard(s), $nodes.length nodes)', ({ nodes }) => {
    // WHEN
    new CacheAlarms(stack, 'Alarms', { replicationGroup: imported(nodes), topic });
    const template = Template.fromStack(stack);

    // THEN
    template.resourceCountIs('AWS::CloudWatch::Alarm', nodes.length * 9);
    for (const node of nodes) {
      for (const metric of CacheAlarms.ALARMED_METRICS) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          MetricName: metric,
          Namespace: 'AWS/ElastiCache',
          Dimensions: [{ Name: 'CacheClusterId', Value: node }],
          AlarmActions: [{ Ref: Match.stringLikeRegexp('^Topic') }],
          OKActions: [{ Ref: Match.stringLikeRegexp('^Topic') }],
        });
      }
    }
  });

  test('misuse alarms fire on any failure in 5 minutes', () => {
    new CacheAlarms(stack, 'Alarms', { replicationGroup: imported(['phi-001']), topic });
    const template = Template.fromStack(stack);
    for (const metric of ['AuthenticationFailures', 'CommandAuthorizationFailures', 'KeyAuthorizationFailures', 'ChannelAuthorizationFailures']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: metric,
        Statistic: 'Sum',
        Period: 300,
        Threshold: 0,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      });
    }
  });

  test('health thresholds are props', () => {
    new CacheAlarms(stack, 'Alarms', {
      replicationGroup: imported(['phi-001']),
      topic,
      thresholds: { engineCpuUtilizationPercent: 70, databaseMemoryUsagePercent: 60, evictions: 10, replicationLagSeconds: 5, currConnections: 100 },
    });
    const template = Template.fromStack(stack);
    for (const [metric, threshold] of [['EngineCPUUtilization', 70], ['DatabaseMemoryUsagePercentage', 60], ['Evictions', 10], ['ReplicationLag', 5], ['CurrConnections', 100]]) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: metric, Threshold: threshold });
    }
  });

  test('defaults: CPU 90, memory 80, evictions 0, lag 30 s, connections 5000', () => {
    new CacheAlarms(stack, 'Alarms', { replicationGroup: imported(['phi-001']) });
    const template = Template.fromStack(stack);
    for (const [metric, threshold] of [['EngineCPUUtilization', 90], ['DatabaseMemoryUsagePercentage', 80], ['Evictions', 0], ['ReplicationLag', 30], ['CurrConnections', 5000]]) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: metric, Threshold: threshold, AlarmActions: Match.absent() });
    }
  });

  test('a dashboard graphs every metric for every node', () => {
    new CacheAlarms(stack, 'Alarms', { replicationGroup: imported(['phi-001', 'phi-002']) });
    const template = Template.fromStack(stack);
    const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0];
    const body = JSON.stringify(stack.resolve(dashboard.Properties.DashboardBody));
    for (const metric of CacheAlarms.ALARMED_METRICS) expect(body).toContain(metric);
    expect(body).toContain('phi-002');
  });

  test('fails for a percentage above 100', () => {
    expect(() => new CacheAlarms(stack, 'Alarms', { replicationGroup: imported(['phi-001']), thresholds: { engineCpuUtilizationPercent: 120 } }))
      .toThrow(/`thresholds.engineCpuUtilizationPercent` must be from 0 to 100, got: 120/);
  });
});
