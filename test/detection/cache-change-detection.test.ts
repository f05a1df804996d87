import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CacheChangeDetection, ChangeSeverity, CompliantRedisReplicationGroup, IRedisReplicationGroup } from '../../src';
import { cacheStack } from '../helpers/cache-stack';

const SEED_EVENTS = [
  'CreateCacheCluster', 'DeleteCacheCluster', 'ModifyCacheCluster', 'RebootCacheCluster',
  'CreateReplicationGroup', 'DeleteReplicationGroup', 'ModifyReplicationGroup', 'IncreaseReplicaCount', 'DecreaseReplicaCount',
  'CreateCacheParameterGroup', 'DeleteCacheParameterGroup', 'ModifyCacheParameterGroup',
];

let stack: Stack;
let group: IRedisReplicationGroup;
let topic: sns.Topic;

beforeEach(() => {
  ({ stack } = cacheStack());
  topic = new sns.Topic(stack, 'Topic');
  group = CompliantRedisReplicationGroup.fromReplicationGroupAttributes(stack, 'Group', {
    replicationGroupId: 'phi-cache', port: 6380, memberClusterIds: ['phi-cache-001', 'phi-cache-002'],
  });
});

function detect(extra: Partial<ConstructorParameters<typeof CacheChangeDetection>[2]> = {}) {
  const detection = new CacheChangeDetection(stack, 'Detection', {
    replicationGroup: group,
    topic,
    parameterGroupName: 'phi-params',
    subnetGroupName: 'phi-subnets',
    userIds: ['phi-cache-app'],
    userGroupIds: ['phi-cache-users'],
    ...extra,
  });
  return { detection, template: Template.fromStack(stack) };
}

function patternOf(template: Template, severity: string) {
  const rules = template.findResources('AWS::Events::Rule', { Properties: { Description: Match.stringLikeRegexp(`^${severity} `) } });
  expect(Object.keys(rules)).toHaveLength(1);
  return Object.values(rules)[0].Properties.EventPattern;
}

describe('CacheChangeDetection', () => {
  test('watches all 12 events of the drift document, with its severities', () => {
    const { detection } = detect();
    const watched = new Map(detection.watchedEvents.map((e) => [e.eventName, e.severity]));
    for (const e of SEED_EVENTS) expect(watched.has(e)).toBe(true);
    expect(watched.get('CreateReplicationGroup')).toEqual(ChangeSeverity.CRITICAL);
    expect(watched.get('DeleteCacheCluster')).toEqual(ChangeSeverity.CRITICAL);
    expect(watched.get('ModifyCacheParameterGroup')).toEqual(ChangeSeverity.HIGH);
    expect(watched.get('ModifyReplicationGroup')).toEqual(ChangeSeverity.WARNING);
    expect(watched.get('RebootCacheCluster')).toEqual(ChangeSeverity.WARNING);
  });

  test('adds what the seed misses: snapshot deletion and copy, users, user groups, shard configuration, subnet group', () => {
    const { detection } = detect();
    const names = detection.watchedEvents.map((e) => e.eventName);
    expect(names).toEqual(expect.arrayContaining([
      'DeleteSnapshot', 'CopySnapshot', 'ModifyUser', 'DeleteUser', 'ModifyUserGroup', 'DeleteUserGroup',
      'ModifyReplicationGroupShardConfiguration', 'TestFailover', 'ModifyCacheSubnetGroup', 'ResetCacheParameterGroup',
    ]));
  });

  test('one rule per severity on CloudTrail API calls of ElastiCache, excluding CloudFormation\'s own calls', () => {
    const { template } = detect();
    template.resourceCountIs('AWS::Events::Rule', 3);
    for (const severity of ['CRITICAL', 'HIGH', 'WARNING']) {
      const pattern = patternOf(template, severity);
      expect(pattern.source).toEqual(['aws.elasticache']);
      expect(pattern['detail-type']).toEqual(['AWS API Call via CloudTrail']);
      expect(pattern.detail.eventSource).toEqual(['elasticache.amazonaws.com']);
      expect(pattern.detail.userIdentity.invokedBy).toEqual([{ 'anything-but': ['cloudformation.amazonaws.com'] }, { exists: false }]);
    }
  });

  test('every event name of a rule is scoped: group, member nodes, parameter group ... matched ignoring case', () => {
    const { template } = detect();
    const critical = patternOf(template, 'CRITICAL');
    expect(critical.detail.$or).toEqual(expect.arrayContaining([
      { eventName: ['CreateCacheCluster', 'DeleteCacheCluster'], requestParameters: { cacheClusterId: [{ 'equals-ignore-case': 'phi-cache-001' }, { 'equals-ignore-case': 'phi-cache-002' }] } },
      { eventName: ['CreateReplicationGroup', 'DeleteReplicationGroup'], requestParameters: { replicationGroupId: [{ 'equals-ignore-case': 'phi-cache' }] } },
      { eventName: ['DeleteSnapshot'], requestParameters: { snapshotName: [{ prefix: 'automatic.phi-cache' }, { prefix: 'phi-cache' }] } },
    ]));
    const high = patternOf(template, 'HIGH');
    expect(high.detail.$or).toEqual(expect.arrayContaining([
      { eventName: ['ModifyCacheParameterGroup', 'ResetCacheParameterGroup'], requestParameters: { cacheParameterGroupName: [{ 'equals-ignore-case': 'phi-params' }] } },
      { eventName: ['ModifyUser', 'DeleteUser'], requestParameters: { userId: [{ 'equals-ignore-case': 'phi-cache-app' }] } },
    ]));
    // every event of each rule appears in exactly one scoped branch
    for (const severity of ['CRITICAL', 'HIGH', 'WARNING']) {
      const pattern = patternOf(template, severity);
      expect(pattern.detail.$or.length).toBeGreaterThanOrEqual(2);
      const scoped = pattern.detail.$or.flatMap((b: { eventName: string[] }) => b.eventName).sort();
      expect(scoped).toEqual([...pattern.detail.eventName].sort());
    }
  });

  test('sends a readable message with severity, event, actor, source IP and time to the topic', () => {
    const { template } = detect();
    const rules = template.findResources('AWS::Events::Rule', { Properties: { Description: Match.stringLikeRegexp('^CRITICAL') } });
    const target = Object.values(rules)[0].Properties.Targets[0];
    expect(target.Arn).toEqual({ Ref: expect.stringMatching(/^Topic/) });
    expect(target.InputTransformer.InputPathsMap).toEqual(expect.objectContaining({
      'detail-eventName': '$.detail.eventName',
      'detail-userIdentity-arn': '$.detail.userIdentity.arn',
      'detail-sourceIPAddress': '$.detail.sourceIPAddress',
      'detail-eventTime': '$.detail.eventTime',
    }));
    expect(target.InputTransformer.InputTemplate).toMatch(/^"\[CRITICAL\] ElastiCache <detail-eventName> on phi-cache by <detail-userIdentity-arn> from <detail-sourceIPAddress> at <detail-eventTime>/);
  });

  test('leaves out what is not in scope', () => {
    const { detection, template } = detect({
      parameterGroupName: undefined, subnetGroupName: undefined, userIds: undefined, userGroupIds: undefined,
    });
    const names = detection.watchedEvents.map((e) => e.eventName);
    expect(names).not.toContain('ModifyCacheParameterGroup');
    expect(names).not.toContain('ModifyUser');
    expect(names).toContain('ModifyReplicationGroup');
    // a single scope is written without $or (EventBridge needs two branches for $or)
    const high = patternOf(template, 'HIGH');
    expect(high.detail.eventName).toEqual(['CopySnapshot']);
    expect(high.detail.$or).toBeUndefined();
    expect(high.detail.requestParameters).toEqual({ snapshotName: [{ prefix: 'automatic.phi-cache' }, { prefix: 'phi-cache' }] });
  });

  test('trusted roles (rotation, export) are excluded by their session issuer', () => {
    const { template } = detect({ trustedRoleArns: ['arn:aws:iam::123456789012:role/rotation'] });
    const pattern = patternOf(template, 'HIGH');
    expect(pattern.detail.userIdentity.sessionContext).toEqual({
      sessionIssuer: { arn: [{ 'anything-but': ['arn:aws:iam::123456789012:role/rotation'] }] },
    });
  });
});
