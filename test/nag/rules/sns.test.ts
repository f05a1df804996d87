import { Stack } from 'aws-cdk-lib';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance } from 'cdk-nag';
import { SNSTopicCustomerManagedKey, SNSTopicSSLOnly } from '../../../src/nag/rules/sns';
import { findings, newStack } from '../fixtures';
import { deployTimeString, deployTimeValue, runRule, type Build, type Case } from './builders';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

const sslOnlyStatement = (topic: sns.CfnTopic, overrides: Record<string, unknown> = {}) => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 'sns:Publish',
  Resource: topic.ref,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...overrides,
});

/** A topic plus a topic policy listing it, with the given statement. */
function topicWithPolicy(statement: (topic: sns.CfnTopic) => object, topics?: (topic: sns.CfnTopic) => string[]): Build {
  return (stack) => {
    const topic = new sns.CfnTopic(stack, 'Topic', { kmsMasterKeyId: 'alias/cache-events' });
    new sns.CfnTopicPolicy(stack, 'Policy', {
      topics: topics ? topics(topic) : [topic.ref],
      policyDocument: { Version: '2012-10-17', Statement: [statement(topic)] },
    });
    return topic;
  };
}

describe('SNSTopicCustomerManagedKey', () => {
  test.each<Case>([
    ['passes Fn::GetAtt Key.Arn', (s) => new sns.CfnTopic(s, 'Topic', { kmsMasterKeyId: new kms.CfnKey(s, 'Key').attrArn }), COMPLIANT],
    ['passes an L2 topic with an L2 key', (s) => new sns.Topic(s, 'Topic', { masterKey: new kms.Key(s, 'Key') }).node.defaultChild as sns.CfnTopic, COMPLIANT],
    ['passes a customer alias', (s) => new sns.CfnTopic(s, 'Topic', { kmsMasterKeyId: 'alias/cache-events' }), COMPLIANT],
    ['fails alias/aws/sns (alarms and EventBridge fail silently)', (s) => new sns.CfnTopic(s, 'Topic', { kmsMasterKeyId: 'alias/aws/sns' }), NON_COMPLIANT],
    ['fails an unencrypted topic', (s) => new sns.CfnTopic(s, 'Topic'), NON_COMPLIANT],
    ['fails a deploy-time key', (s) => new sns.CfnTopic(s, 'Topic', { kmsMasterKeyId: deployTimeString(s) }), NON_COMPLIANT],
    ['does not apply to a key', (s) => new kms.CfnKey(s, 'Key'), NOT_APPLICABLE],
    // AWS fact elasticache-sns-topic-cannot-be-encrypted: the topic ElastiCache publishes to must stay unencrypted
    ['does not apply to the NotificationTopicArn of a replication group of the app', (s) => {
      const topic = new sns.CfnTopic(s, 'Topic');
      new elasticache.CfnReplicationGroup(s, 'Cache', { replicationGroupDescription: 'c', notificationTopicArn: topic.ref });
      return topic;
    }, NOT_APPLICABLE],
    ['does not apply to the NotificationTopicArn of a cache cluster of the app', (s) => {
      const topic = new sns.CfnTopic(s, 'Topic');
      new elasticache.CfnCacheCluster(s, 'Cache', { cacheNodeType: 'cache.r7g.large', engine: 'valkey', numCacheNodes: 1, notificationTopicArn: topic.attrTopicArn });
      return topic;
    }, NOT_APPLICABLE],
    ['fails an unencrypted topic that a replication group does not notify', (s) => {
      const topic = new sns.CfnTopic(s, 'Topic');
      new elasticache.CfnReplicationGroup(s, 'Cache', { replicationGroupDescription: 'c', notificationTopicArn: 'arn:aws:sns:us-east-1:111111111111:other' });
      return topic;
    }, NON_COMPLIANT],
  ])('%s', (_, build, expected) => {
    expect(runRule(SNSTopicCustomerManagedKey, build)).toBe(expected);
  });
});

describe('SNSTopicSSLOnly', () => {
  test.each<Case>([
    ['passes a policy that denies publishing without TLS', topicWithPolicy((t) => sslOnlyStatement(t)), COMPLIANT],
    ['passes the policy the L2 writes with enforceSSL', (s) => new sns.Topic(s, 'Topic', { enforceSSL: true }).node.defaultChild as sns.CfnTopic, COMPLIANT],
    ['passes Principal AWS * and sns:* with a boolean false', topicWithPolicy((t) => sslOnlyStatement(t, {
      Principal: { AWS: '*' }, Action: ['sns:*'], Condition: { Bool: { 'aws:SecureTransport': false } },
    })), COMPLIANT],
    ['passes BoolIfExists', topicWithPolicy((t) => sslOnlyStatement(t, { Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } })), COMPLIANT],
    ['passes a policy that lists the topic by GetAtt TopicArn', topicWithPolicy((t) => sslOnlyStatement(t), (t) => [t.attrTopicArn]), COMPLIANT],
    ['fails a topic without any policy', (s) => new sns.CfnTopic(s, 'Topic', { kmsMasterKeyId: 'alias/cache-events' }), NON_COMPLIANT],
    ['fails an Allow statement', topicWithPolicy((t) => sslOnlyStatement(t, { Effect: 'Allow' })), NON_COMPLIANT],
    ['fails a deny that does not cover sns:Publish', topicWithPolicy((t) => sslOnlyStatement(t, { Action: 'sns:Subscribe' })), NON_COMPLIANT],
    ['fails a deny for one principal only', topicWithPolicy((t) => sslOnlyStatement(t, { Principal: { AWS: 'arn:aws:iam::1:root' } })), NON_COMPLIANT],
    ['fails a deny without the SecureTransport condition', topicWithPolicy((t) => sslOnlyStatement(t, { Condition: undefined })), NON_COMPLIANT],
    ['fails a compliant policy that lists another topic', topicWithPolicy((t) => sslOnlyStatement(t), () => ['arn:aws:sns:us-east-1:1:other']), NON_COMPLIANT],
    ['fails a deploy-time policy document', (s) => {
      const topic = new sns.CfnTopic(s, 'Topic');
      new sns.CfnTopicPolicy(s, 'Policy', { topics: [topic.ref], policyDocument: deployTimeValue(s) });
      return topic;
    }, NON_COMPLIANT],
    ['does not apply to a topic policy', (s) => new sns.CfnTopicPolicy(s, 'Policy', { topics: [], policyDocument: {} }), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(SNSTopicSSLOnly, build)).toBe(expected);
  });

  test('passes a topic whose policy lives in another stack of the app', () => {
    // GIVEN
    const { app, stack } = newStack();
    const topic = new sns.CfnTopic(stack, 'Topic', { kmsMasterKeyId: 'alias/cache-events' });
    const policyStack = new Stack(app, 'PolicyStack');
    new sns.CfnTopicPolicy(policyStack, 'Policy', {
      topics: [topic.ref],
      policyDocument: { Version: '2012-10-17', Statement: [sslOnlyStatement(topic, { Resource: '*' })] },
    });

    // WHEN
    const result = SNSTopicSSLOnly(topic);

    // THEN
    expect(result).toBe(COMPLIANT);
  });

  test('reports the topic, not the policy', () => {
    // GIVEN
    const { app, stack } = newStack();
    new sns.CfnTopic(stack, 'Topic', { kmsMasterKeyId: 'alias/cache-events' });

    // WHEN
    const result = findings(app);

    // THEN
    expect(result).toEqual({ 'HITRUST.CSF-SNSTopicSSLOnly': ['Stack/Topic'] });
  });
});
