/**
 * Every message the library's resources publish reaches its SNS topic: for every publisher x topic policy x key
 * policy, judged by an IAM policy simulator (@cloud-copilot/iam-simulate) with the request context AWS sets
 * (see ./iam-simulator.ts for the context and its sources, ./publish-paths.ts for the paths).
 */
import { App, CfnElement, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { IConstruct } from 'constructs';
import { allowed, kmsContext, snsPublishContext } from './iam-simulator';
import {
  checkPath, pathName, publishPaths, report, undeliverable,
  type PublishPath, type PublisherKind,
} from './publish-paths';
import { ACCOUNT, REGION, resolveTemplate, type CfnTemplate } from './template-values';
import { CacheAuditTrail, CacheAuthentication, CompliantRedisReplicationGroup, type CompliantRedisReplicationGroupProps } from '../../src';
import { cacheStack } from '../helpers/cache-stack';

jest.setTimeout(180_000);

const KINDS: PublisherKind[] = [
  'cloudwatch-alarm', 'eventbridge-rule', 'elasticache-notification', 'cloudtrail-trail', 'lambda-environment', 'lambda-dead-letter',
];

/** Alarms per member node the construct documents (4 misuse + 5 health metrics). */
const ALARMS_PER_NODE = 9;

interface Synthesized {
  readonly stack: Stack;
  readonly cache: CompliantRedisReplicationGroup;
  readonly template: CfnTemplate;
  readonly paths: PublishPath[];
}

function synthesize(props: Omit<CompliantRedisReplicationGroupProps, 'vpc'>): Synthesized {
  const { stack, vpc } = cacheStack();
  const cache = new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, ...props });
  const template = resolveTemplate(Template.fromStack(stack).toJSON() as CfnTemplate);
  return { stack, cache, template, paths: publishPaths(template) };
}

function logicalId(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).getLogicalId(element);
}

function publishersOf(paths: PublishPath[], kind: PublisherKind): Set<string> {
  return new Set(paths.filter((p) => p.publisher.kind === kind).map((p) => p.publisher.logicalId));
}

describe.each([
  { variant: 'default', props: {} },
  { variant: 'AUTH token', props: { authentication: CacheAuthentication.authToken() } },
  { variant: '3 shards', props: { shards: 3 } },
  { variant: 'created audit trail', props: { auditTrail: CacheAuditTrail.create() } },
] as Array<{ variant: string; props: Omit<CompliantRedisReplicationGroupProps, 'vpc'> }>)('$variant', ({ props }) => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize(props);
  });

  test('finds every publisher the construct creates', () => {
    const { cache, paths } = s;
    const topic = logicalId(cache.notificationTopic);
    const alarms = publishersOf(paths, 'cloudwatch-alarm');
    const rules = publishersOf(paths, 'eventbridge-rule');

    // the per-node alarms: 9 per member node, each notifying the topic
    expect(cache.alarms).toBeDefined();
    expect(cache.alarms!.alarms).toHaveLength(ALARMS_PER_NODE * cache.memberClusterIds.length);
    for (const a of cache.alarms!.alarms) expect(alarms).toContain(logicalId(a));
    // the rotation failure alarm (password and AUTH token modes)
    expect(cache.credentialRotation?.failureAlarm).toBeDefined();
    expect(alarms).toContain(logicalId(cache.credentialRotation!.failureAlarm!));
    // the change-detection rules
    expect(cache.changeDetection?.rules.length).toBeGreaterThan(0);
    for (const r of cache.changeDetection!.rules) expect(rules).toContain(logicalId(r));
    // the snapshot archive's export function reports failures to the topic and uses it as dead-letter topic
    expect(cache.snapshotArchive).toBeDefined();
    const exportFunction = logicalId(cache.snapshotArchive!.exportFunction);
    expect(publishersOf(paths, 'lambda-environment')).toContain(exportFunction);
    expect(publishersOf(paths, 'lambda-dead-letter')).toContain(exportFunction);

    // a trail publishes only when it names a topic (CacheAuditTrail.create() creates one in its variant)
    const trails = Object.entries(s.template.Resources).filter(([, r]) => r.Type === 'AWS::CloudTrail::Trail');
    if (props.auditTrail) expect(trails.length).toBeGreaterThan(0);
    expect(publishersOf(paths, 'cloudtrail-trail')).toEqual(new Set(trails.filter(([, r]) => r.Properties?.SnsTopicName).map(([id]) => id)));

    // every path leads to a topic of the template whose policy and key were found; every alert (all but ElastiCache's
    // own notifications, which cannot go to an encrypted topic) to the construct's customer-managed-key topic
    expect(paths.length).toBeGreaterThanOrEqual(cache.alarms!.alarms.length + cache.changeDetection!.rules.length + 3);
    for (const path of paths) {
      expect({ path: pathName(path), inTemplate: path.topicLogicalId !== undefined && path.accessPolicy !== undefined })
        .toEqual({ path: pathName(path), inTemplate: true });
      if (path.publisher.kind === 'elasticache-notification') continue;
      expect({ path: pathName(path), topic: path.topicLogicalId, key: path.key?.kind })
        .toEqual({ path: pathName(path), topic, key: 'customer-managed' });
    }
  });

  test.each(KINDS)('every %s path delivers (topic policy, key policy)', async (kind) => {
    const failed = await undeliverable(s.paths.filter((p) => p.publisher.kind === kind));
    expect(report(failed)).toBe('');
  });
});

// --- the checks can fail --------------------------------------------------------------------------------------

/** A small stack with one topic and the publishers a test adds. */
function miniStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: REGION } });
}

function pathsOf(stack: Stack): PublishPath[] {
  return publishPaths(resolveTemplate(Template.fromStack(stack).toJSON() as CfnTemplate));
}

function alarm(stack: Stack, topic: sns.ITopic, id = 'Alarm'): cloudwatch.Alarm {
  const a = new cloudwatch.Alarm(stack, id, {
    metric: new cloudwatch.Metric({ namespace: 'AWS/ElastiCache', metricName: 'EngineCPUUtilization', period: Duration.minutes(5) }),
    threshold: 90,
    evaluationPeriods: 1,
  });
  a.addAlarmAction(new cloudwatchActions.SnsAction(topic));
  return a;
}

function rule(stack: Stack, topic: sns.ITopic, id = 'Rule'): events.Rule {
  return new events.Rule(stack, id, {
    eventPattern: { source: ['aws.elasticache'] },
    targets: [new targets.SnsTopic(topic)],
  });
}

/** A customer managed key whose policy lets the given services use it through SNS (and the account, via IAM). */
function topicKey(stack: Stack, services: string[]): kms.Key {
  const key = new kms.Key(stack, 'Key');
  if (services.length > 0) {
    key.addToResourcePolicy(new iam.PolicyStatement({
      principals: services.map((s) => new iam.ServicePrincipal(s)),
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'],
    }));
  }
  return key;
}

async function verdict(paths: PublishPath[], kind: PublisherKind): Promise<{ delivered: boolean; problems: string }> {
  const matching = paths.filter((p) => p.publisher.kind === kind);
  expect(matching).toHaveLength(1);
  const check = await checkPath(matching[0]);
  return { delivered: check.delivered, problems: check.problems.join('\n') };
}

describe('the checks can fail', () => {
  test('a topic policy without the publisher\'s statement denies it (CDK enforceSSL allows only what was granted)', async () => {
    const stack = miniStack();
    const topic = new sns.Topic(stack, 'Topic', { masterKey: topicKey(stack, ['cloudwatch.amazonaws.com', 'events.amazonaws.com']), enforceSSL: true });
    alarm(stack, topic);
    rule(stack, topic); // SnsTopic target adds the events.amazonaws.com statement to the topic policy
    const paths = pathsOf(stack);

    const cw = await verdict(paths, 'cloudwatch-alarm');
    expect(cw.delivered).toBe(false);
    expect(cw.problems).toMatch(/TopicPolicy TopicPolicy\w+:[\s\S]*ImplicitlyDenied: cloudwatch\.amazonaws\.com -> sns:Publish/);
    expect(cw.problems).toMatch(/not applicable: Allow statement \d+: principal does not match \(events\.amazonaws\.com\)/);
    // the rule's statement is there: the same topic and key deliver the rule's messages
    expect(await verdict(paths, 'eventbridge-rule')).toEqual({ delivered: true, problems: '' });
  });

  test('a key policy without the publisher\'s statement denies kms:GenerateDataKey and kms:Decrypt', async () => {
    const stack = miniStack();
    const topic = new sns.Topic(stack, 'Topic', { masterKey: topicKey(stack, ['events.amazonaws.com']) });
    topic.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')], actions: ['sns:Publish'], resources: [topic.topicArn],
    }));
    alarm(stack, topic);
    rule(stack, topic);
    const paths = pathsOf(stack);

    const cw = await verdict(paths, 'cloudwatch-alarm');
    expect(cw.delivered).toBe(false);
    expect(cw.problems).not.toMatch(/sns:Publish/);
    expect(cw.problems).toMatch(/key policy of Key\w+:[\s\S]*cloudwatch\.amazonaws\.com -> kms:GenerateDataKey/);
    expect(cw.problems).toMatch(/key policy of Key\w+:[\s\S]*cloudwatch\.amazonaws\.com -> kms:Decrypt/);
    expect(await verdict(paths, 'eventbridge-rule')).toEqual({ delivered: true, problems: '' });
  });

  test('the AWS managed alias/aws/sns key is unusable for service publishers, usable for a role in the account', async () => {
    const stack = miniStack();
    const topic = new sns.Topic(stack, 'Topic', { masterKey: kms.Alias.fromAliasName(stack, 'SnsKey', 'alias/aws/sns') });
    topic.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')], actions: ['sns:Publish'], resources: [topic.topicArn],
    }));
    alarm(stack, topic);
    rule(stack, topic);
    const fn = new lambda.Function(stack, 'Function', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {}'),
      environment: { TOPIC_ARN: topic.topicArn },
    });
    topic.grantPublish(fn);
    const paths = pathsOf(stack);

    for (const kind of ['cloudwatch-alarm', 'eventbridge-rule'] as const) {
      const v = await verdict(paths, kind);
      expect(v.delivered).toBe(false);
      expect(v.problems).toMatch(/encrypted with the AWS managed key alias\/aws\/sns, which (cloudwatch|events)\.amazonaws\.com cannot use/);
      expect(v.problems).toMatch(/AWS managed key alias\/aws\/sns:[\s\S]*kms:GenerateDataKey/);
    }
    expect(await verdict(paths, 'lambda-environment')).toEqual({ delivered: true, problems: '' });
  });

  test('a role publisher needs sns:Publish and the key in its own policies', async () => {
    const stack = miniStack();
    const topic = new sns.Topic(stack, 'Topic', { masterKey: topicKey(stack, []) });
    new lambda.Function(stack, 'Function', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {}'),
      environment: { TOPIC_ARN: topic.topicArn },
    });
    const v = await verdict(pathsOf(stack), 'lambda-environment');
    expect(v.delivered).toBe(false);
    expect(v.problems).toMatch(/default topic policy \(AWS:SourceOwner\):[\s\S]*arn:aws:iam::123456789012:role\/\w+ -> sns:Publish/);
    expect(v.problems).toMatch(/kms:GenerateDataKey/);
  });

  test('ElastiCache notifications to an encrypted topic are undeliverable; to an unencrypted topic they need aws:SourceOwner', async () => {
    const stack = miniStack();
    const encrypted = new sns.Topic(stack, 'Encrypted', { masterKey: topicKey(stack, ['elasticache.amazonaws.com']) });
    encrypted.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['sns:Publish'],
      resources: [encrypted.topicArn],
      conditions: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
    }));
    const plainDefault = new sns.Topic(stack, 'PlainDefault');
    const plainSourceAccount = new sns.Topic(stack, 'PlainSourceAccount');
    plainSourceAccount.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['sns:Publish'],
      resources: [plainSourceAccount.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    }));
    const group = (id: string, topic: sns.ITopic) => new elasticache.CfnReplicationGroup(stack, id, {
      replicationGroupDescription: id, engine: 'valkey', cacheNodeType: 'cache.t4g.micro', numCacheClusters: 2, notificationTopicArn: topic.topicArn,
    });
    group('ToEncrypted', encrypted);
    group('ToPlainDefault', plainDefault);
    group('ToPlainSourceAccount', plainSourceAccount);
    const checks = await Promise.all(pathsOf(stack).map((p) => checkPath(p)));
    const byGroup = (id: string) => checks.find((c) => c.path.publisher.logicalId === id)!;

    expect(byGroup('ToEncrypted').delivered).toBe(false);
    expect(byGroup('ToEncrypted').problems.join('\n')).toMatch(/The Amazon SNS topic you are publishing to cannot be encrypted/);
    // the topic policy itself allows it: the encryption alone makes the path undeliverable
    expect(byGroup('ToEncrypted').steps.map((st) => st.decision.result)).toEqual(['Allowed']);
    // the default policy: allowed by its AWS:SourceOwner variant, denied by the aws:SourceAccount one (ElastiCache
    // sends no aws:SourceAccount), which the ElastiCache guide documents
    expect(byGroup('ToPlainDefault').steps.map((st) => [st.policy, st.decision.result])).toEqual([
      ['default topic policy (AWS:SourceOwner)', 'Allowed'],
      ['default topic policy (aws:SourceAccount)', 'ImplicitlyDenied'],
    ]);
    expect(byGroup('ToPlainSourceAccount').delivered).toBe(false);
    expect(byGroup('ToPlainSourceAccount').problems.join('\n')).toMatch(/condition StringEquals aws:SourceAccount \[123456789012\] fails \(key absent from the request\)/);
  });

  test('SNS\'s default topic policy lets an alarm publish, not a rule (EventBridge needs its own statement)', async () => {
    const stack = miniStack();
    const topic = new sns.Topic(stack, 'Topic');
    alarm(stack, topic);
    new events.CfnRule(stack, 'Rule', { eventPattern: { source: ['aws.elasticache'] }, targets: [{ id: 'Topic', arn: topic.topicArn }] });
    const paths = pathsOf(stack);
    expect(paths.find((p) => p.publisher.kind === 'cloudwatch-alarm')!.accessPolicy!.source).toBe('default');
    expect(await verdict(paths, 'cloudwatch-alarm')).toEqual({ delivered: true, problems: '' });
    const eb = await verdict(paths, 'eventbridge-rule');
    expect(eb.delivered).toBe(false);
    expect(eb.problems).toMatch(/default topic policy \(AWS:SourceOwner\):[\s\S]*events\.amazonaws\.com -> sns:Publish/);
  });
});

describe('conditions are evaluated with the context AWS sets', () => {
  const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:Topic`;
  const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0f2b3c4d-1111-2222-3333-444455556666`;
  const alarmArn = `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:cpu`;
  const cloudwatchAlarm = { principal: 'cloudwatch.amazonaws.com', sourceArn: alarmArn };

  const publishPolicy = (service: string, condition?: object) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow' as const, Principal: { Service: service }, Action: 'sns:Publish', Resource: topicArn, ...(condition ? { Condition: condition } : {}) }],
  });
  const keyPolicy = (service: string, condition?: object) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow' as const, Principal: { Service: service }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: '*', ...(condition ? { Condition: condition } : {}) }],
  });

  test('aws:SourceArn: the alarm\'s own ARN is allowed, another alarm\'s is not', async () => {
    const publish = (condition: object) => allowed({
      principal: 'cloudwatch.amazonaws.com',
      action: 'sns:Publish',
      resource: topicArn,
      resourcePolicy: publishPolicy('cloudwatch.amazonaws.com', condition),
      context: snsPublishContext(cloudwatchAlarm),
    });
    expect((await publish({ ArnEquals: { 'aws:SourceArn': alarmArn } })).allowed).toBe(true);
    expect((await publish({ ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:*` } })).allowed).toBe(true);
    const other = await publish({ ArnEquals: { 'aws:SourceArn': `${alarmArn}-other` } });
    expect(other.allowed).toBe(false);
    expect(other.explanation).toMatch(/condition ArnEquals aws:SourceArn/);
  });

  test('kms:EncryptionContext:aws:sns:topicArn: the topic\'s own ARN is allowed, another topic\'s is not', async () => {
    const generate = (condition: object) => allowed({
      principal: 'cloudwatch.amazonaws.com',
      action: 'kms:GenerateDataKey',
      resource: keyArn,
      resourcePolicy: keyPolicy('cloudwatch.amazonaws.com', condition),
      context: kmsContext(cloudwatchAlarm, topicArn),
    });
    const own = await generate({ StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn } });
    expect(own.allowed).toBe(true);
    // the simulator cannot validate this key; the wrapper judges it unvalidated (see iam-simulator.ts)
    expect(own.unvalidatedContextKeys).toEqual(['kms:EncryptionContext:aws:sns:topicArn']);
    expect((await generate({ StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': `${topicArn}-other` } })).allowed).toBe(false);
  });

  test('EventBridge: conditions on aws:SourceArn / aws:SourceAccount do not match (documented as unsupported)', async () => {
    const ruleArn = `arn:aws:events:${REGION}:${ACCOUNT}:rule/changes`;
    const context = snsPublishContext({ principal: 'events.amazonaws.com', sourceArn: ruleArn });
    const publish = (condition?: object) => allowed({
      principal: 'events.amazonaws.com', action: 'sns:Publish', resource: topicArn, resourcePolicy: publishPolicy('events.amazonaws.com', condition), context,
    });
    expect((await publish()).allowed).toBe(true);
    expect((await publish({ ArnEquals: { 'aws:SourceArn': ruleArn } })).allowed).toBe(false);
    expect((await publish({ StringEquals: { 'aws:SourceAccount': ACCOUNT } })).allowed).toBe(false);
  });

  test('an enforceSSL deny does not stop a publisher that uses TLS', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'AllowPublishThroughSSLOnly', Effect: 'Deny' as const, Principal: '*', Action: 'sns:Publish', Resource: topicArn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ...publishPolicy('cloudwatch.amazonaws.com').Statement,
      ],
    };
    const tls = await allowed({ principal: 'cloudwatch.amazonaws.com', action: 'sns:Publish', resource: topicArn, resourcePolicy: policy, context: snsPublishContext(cloudwatchAlarm) });
    expect(tls.allowed).toBe(true);
    const plain = await allowed({
      principal: 'cloudwatch.amazonaws.com',
      action: 'sns:Publish',
      resource: topicArn,
      resourcePolicy: policy,
      context: { ...snsPublishContext(cloudwatchAlarm), 'aws:SecureTransport': 'false' },
    });
    expect(plain.result).toBe('ExplicitlyDenied');
    expect(plain.explanation).toMatch(/DENIED BY Deny statement AllowPublishThroughSSLOnly/);
  });
});
