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

let defaults: ReturnType<typeof detect> | undefined;

/**
 * `detect()` with the default props, built and synthesized once (on the fresh stack of the first test that asks) for
 * the tests that only read it.
 */
function detectDefaults(): ReturnType<typeof detect> {
  defaults ??= detect();
  return defaults;
}

function patternOf(template: Template, severity: string) {
  const rules = template.findResources('AWS::Events::Rule', { Properties: { Description: Match.stringLikeRegexp(`^${severity} `) } });
  expect(Object.keys(rules)).toHaveLength(1);
  return Object.values(rules)[0].Properties.EventPattern;
}

describe('CacheChangeDetection', () => {
  test('watches all 12 events of the drift document, with its severities', () => {
    const { detection } = detectDefaults();
    const watched = new Map(detection.watchedEvents.map((e) => [e.eventName, e.severity]));
    for (const e of SEED_EVENTS) expect(watched.has(e)).toBe(true);
    expect(watched.get('CreateReplicationGroup')).toEqual(ChangeSeverity.CRITICAL);
    expect(watched.get('DeleteCacheCluster')).toEqual(ChangeSeverity.CRITICAL);
    expect(watched.get('ModifyCacheParameterGroup')).toEqual(ChangeSeverity.HIGH);
    expect(watched.get('ModifyReplicationGroup')).toEqual(ChangeSeverity.WARNING);
    expect(watched.get('RebootCacheCluster')).toEqual(ChangeSeverity.WARNING);
  });

  test('adds what the seed misses: snapshot deletion and copy, users, user groups, shard configuration, subnet group', () => {
    const { detection } = detectDefaults();
    const names = detection.watchedEvents.map((e) => e.eventName);
    expect(names).toEqual(expect.arrayContaining([
      'DeleteSnapshot', 'CopySnapshot', 'ModifyUser', 'DeleteUser', 'ModifyUserGroup', 'DeleteUserGroup',
      'ModifyReplicationGroupShardConfiguration', 'TestFailover', 'ModifyCacheSubnetGroup', 'ResetCacheParameterGroup',
    ]));
  });

  test('one rule per severity on CloudTrail API calls of ElastiCache, excluding CloudFormation\'s own calls', () => {
    const { template } = detectDefaults();
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
    const { template } = detectDefaults();
    const critical = patternOf(template, 'CRITICAL');
    expect(critical.detail.$or).toEqual(expect.arrayContaining([
      { eventName: ['CreateCacheCluster', 'DeleteCacheCluster'], requestParameters: { cacheClusterId: [{ 'equals-ignore-case': 'phi-cache-001' }, { 'equals-ignore-case': 'phi-cache-002' }] } },
      // a replica added by hand under a name of its own names the group (found with event-ruler, test/engines)
      { eventName: ['CreateCacheCluster', 'DeleteCacheCluster'], requestParameters: { replicationGroupId: [{ 'equals-ignore-case': 'phi-cache' }] } },
      { eventName: ['CreateReplicationGroup', 'DeleteReplicationGroup'], requestParameters: { replicationGroupId: [{ 'equals-ignore-case': 'phi-cache' }] } },
      // the '-' after the ID keeps the snapshots of a group named phi-cache2 out
      { eventName: ['DeleteSnapshot'], requestParameters: { snapshotName: [{ prefix: 'automatic.phi-cache-' }, { 'equals-ignore-case': 'phi-cache' }, { prefix: 'phi-cache-' }] } },
    ]));
    const high = patternOf(template, 'HIGH');
    expect(high.detail.$or).toEqual(expect.arrayContaining([
      { eventName: ['ModifyCacheParameterGroup', 'ResetCacheParameterGroup'], requestParameters: { cacheParameterGroupName: [{ 'equals-ignore-case': 'phi-params' }] } },
      { eventName: ['ModifyUser', 'DeleteUser'], requestParameters: { userId: [{ 'equals-ignore-case': 'phi-cache-app' }] } },
    ]));
    // every event of each rule appears in a scoped branch, and only its own events
    for (const severity of ['CRITICAL', 'HIGH', 'WARNING']) {
      const pattern = patternOf(template, severity);
      expect(pattern.detail.$or.length).toBeGreaterThanOrEqual(2);
      const scoped = new Set<string>(pattern.detail.$or.flatMap((b: { eventName: string[] }) => b.eventName));
      expect([...scoped].sort()).toEqual([...pattern.detail.eventName].sort());
    }
  });

  test('sends a readable message with severity, event, actor, source IP and time to the topic', () => {
    const { template } = detectDefaults();
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
    // AWS fact elasticache-copysnapshot-parameters: CopySnapshot names its source in sourceSnapshotName (no snapshotName)
    expect(high.detail.requestParameters).toEqual({ sourceSnapshotName: [{ prefix: 'automatic.phi-cache-' }, { 'equals-ignore-case': 'phi-cache' }, { prefix: 'phi-cache-' }] });
  });

  // AWS facts eventbridge-anything-but-matching and cloudtrail-session-context-temporary-credentials: IAM users and the
  // root user have no sessionIssuer, and an anything-but never matches an absent field
  test('roles trusted for every event are excluded by their session issuer, calls without one still match', () => {
    const { template } = detect({ trustedRoleArns: ['arn:aws:iam::123456789012:role/rotation'] });
    const pattern = patternOf(template, 'HIGH');
    for (const branch of pattern.detail.$or ?? [pattern.detail]) {
      expect(branch.userIdentity.sessionContext).toEqual({
        sessionIssuer: { arn: [{ 'anything-but': ['arn:aws:iam::123456789012:role/rotation'] }, { exists: false }] },
      });
    }
  });

  test('a trusted caller is excluded for its own events only', () => {
    const { template } = detect({
      trustedCallers: [{ roleArn: 'arn:aws:iam::123456789012:role/export', eventNames: ['CopySnapshot'] }],
    });
    const high = patternOf(template, 'HIGH');
    const branches = high.detail.$or as Array<{ eventName: string[]; userIdentity?: unknown }>;
    const copy = branches.find((b) => b.eventName.includes('CopySnapshot'))!;
    expect(copy.userIdentity).toEqual({
      sessionContext: { sessionIssuer: { arn: [{ 'anything-but': ['arn:aws:iam::123456789012:role/export'] }, { exists: false }] } },
    });
    for (const b of branches.filter((x) => !x.eventName.includes('CopySnapshot'))) expect(b.userIdentity).toBeUndefined();
    expect(JSON.stringify(patternOf(template, 'CRITICAL'))).not.toContain('role/export');
  });
});
