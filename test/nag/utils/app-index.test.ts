import { Fn, Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { appIndexOf, withAppIndex } from '../../../src/nag/utils/app-index';
import { findResourceByLogicalId, resourceAtPath, resourcesPointingAt } from '../../../src/nag/utils/references';
import { findings, newStack } from '../fixtures';

const isTopicPolicy = (r: unknown): r is sns.CfnTopicPolicy => r instanceof sns.CfnTopicPolicy;
const topicsOf = (policy: sns.CfnTopicPolicy) => policy.topics;

const sslOnly = { Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };

describe('app index', () => {
  test('computes a derived value once per validation run, and afresh in the next run', () => {
    // GIVEN
    const { app } = newStack();
    let computed = 0;
    const derive = () => appIndexOf(app).derive('test:count', () => ++computed);

    // WHEN
    const inRun = withAppIndex(app, () => [derive(), derive(), derive()]);
    const nextRun = withAppIndex(app, () => derive());

    // THEN
    expect(inRun).toEqual([1, 1, 1]);
    expect(nextRun).toBe(2);
  });

  test('outside a validation run, sees resources added since the last one', () => {
    // GIVEN
    const { app, stack } = newStack();
    withAppIndex(app, () => appIndexOf(app).resources);
    const topic = new sns.CfnTopic(stack, 'Topic');

    // WHEN
    const resources = appIndexOf(app).resources;

    // THEN
    expect(resources).toContain(topic);
  });

  test('maps each topic to the policies listing it, by token, by hand-written Ref and across stacks', () => {
    // GIVEN
    const { app, stack } = newStack();
    const [a, b, c] = ['A', 'B', 'C'].map((id) => new sns.CfnTopic(stack, id));
    const both = new sns.CfnTopicPolicy(stack, 'Both', { topics: [a.ref, b.attrTopicArn], policyDocument: {} });
    const byRef = new sns.CfnTopicPolicy(stack, 'ByRef', { topics: [Fn.ref('B')], policyDocument: {} });
    const elsewhere = new sns.CfnTopicPolicy(new Stack(app, 'Other'), 'Elsewhere', { topics: [a.ref, a.ref], policyDocument: {} });

    // WHEN
    const pointing = withAppIndex(app, () => [a, b, c].map((t) => resourcesPointingAt('test:policies', t, isTopicPolicy, topicsOf)));

    // THEN
    expect(pointing).toEqual([[both, elsewhere], [both, byRef], []]);
  });

  test('finds resources by logical ID within their own stack and by construct path', () => {
    // GIVEN
    const { app, stack } = newStack();
    const topic = new sns.CfnTopic(stack, 'Topic');
    const other = new Stack(app, 'Other');

    // WHEN
    const found = withAppIndex(app, () => ({
      byId: findResourceByLogicalId(stack, 'Topic'),
      inOtherStack: findResourceByLogicalId(other, 'Topic'),
      byPath: resourceAtPath(topic, 'Stack/Topic'),
      missingPath: resourceAtPath(topic, 'Stack/Nothing'),
    }));

    // THEN
    expect(found).toEqual({ byId: topic, inOtherStack: undefined, byPath: topic, missingPath: undefined });
  });

  test('gives a pack run the same findings as rules called one by one', () => {
    // GIVEN: two topics and two rotated secrets, one of each covered by a resource in another stack
    const { app, stack } = newStack();
    const other = new Stack(app, 'Other');
    const covered = new sns.CfnTopic(stack, 'Covered', { kmsMasterKeyId: 'alias/cache-events' });
    new sns.CfnTopic(stack, 'Uncovered', { kmsMasterKeyId: 'alias/cache-events' });
    new sns.CfnTopicPolicy(other, 'Policy', { topics: [covered.ref], policyDocument: { Statement: [sslOnly] } });
    const rotated = new secretsmanager.CfnSecret(stack, 'Rotated', { kmsKeyId: 'alias/cache' });
    new secretsmanager.CfnSecret(stack, 'NotRotated', { kmsKeyId: 'alias/cache' });
    new secretsmanager.CfnRotationSchedule(other, 'Schedule', {
      secretId: rotated.ref,
      rotationLambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:rotate',
      rotationRules: { automaticallyAfterDays: 30 },
    });

    // WHEN
    const result = findings(app);

    // THEN
    expect(result['HITRUST.CSF-SNSTopicSSLOnly']).toEqual(['Stack/Uncovered']);
    expect(result['HITRUST.CSF-SecretsManagerSecretRotation']).toEqual(['Stack/NotRotated']);
  });
});
