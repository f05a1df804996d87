import { App, Stack, Validations } from 'aws-cdk-lib';
import { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { acknowledgementReason, acknowledgementRecords, APP_ROOT, EvidenceStatus, findAcknowledgement } from '../../src/evidence';

describe('acknowledgement reasons', () => {
  let stack: Stack;
  let topic: CfnTopic;
  beforeEach(() => {
    stack = new Stack(new App(), 'Stack');
    topic = new CfnTopic(stack, 'Topic');
  });

  test('are read from the resource', () => {
    // GIVEN
    Validations.of(topic).acknowledge({ id: 'HITRUST.CSF-SNSTopicSSLOnly', reason: 'internal topic' });

    // THEN
    expect(acknowledgementReason(topic, 'HITRUST.CSF-SNSTopicSSLOnly')).toBe('internal topic');
  });

  test('are read from an ancestor', () => {
    // GIVEN
    Validations.of(stack).acknowledge({ id: 'HITRUST.CSF-SNSTopicSSLOnly', reason: 'stack-wide' });

    // THEN
    expect(acknowledgementReason(topic, 'HITRUST.CSF-SNSTopicSSLOnly')).toBe('stack-wide');
  });

  test('prefer the closest acknowledgement', () => {
    // GIVEN
    Validations.of(stack).acknowledge({ id: 'HITRUST.CSF-SNSTopicSSLOnly', reason: 'stack-wide' });
    Validations.of(topic).acknowledge({ id: 'HITRUST.CSF-SNSTopicSSLOnly', reason: 'this topic' });

    // THEN
    expect(acknowledgementReason(topic, 'HITRUST.CSF-SNSTopicSSLOnly')).toBe('this topic');
  });

  test('accept the lower-case annotation:: prefix of older aws-cdk-lib versions', () => {
    // GIVEN
    topic.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { 'annotation::HITRUST.CSF-SNSTopicSSLOnly': 'old format' });

    // THEN
    expect(acknowledgementReason(topic, 'HITRUST.CSF-SNSTopicSSLOnly')).toBe('old format');
  });

  test('accept the printed plugin::rule form', () => {
    // GIVEN
    Validations.of(topic).acknowledge({ id: 'HITRUST.CSF::HITRUST.CSF-SNSTopicSSLOnly', reason: 'printed form' });

    // THEN
    expect(acknowledgementReason(topic, 'HITRUST.CSF-SNSTopicSSLOnly')).toBe('printed form');
  });

  test('are undefined for another rule', () => {
    // GIVEN
    Validations.of(topic).acknowledge({ id: 'HITRUST.CSF-SNSTopicSSLOnly', reason: 'internal topic' });

    // THEN
    expect(acknowledgementReason(topic, 'HITRUST.CSF-SNSTopicCustomerManagedKey')).toBeUndefined();
  });
});

describe('where an acknowledgement was recorded', () => {
  let app: App;
  let stack: Stack;
  let topic: CfnTopic;
  beforeEach(() => {
    app = new App();
    stack = new Stack(app, 'Stack');
    topic = new CfnTopic(stack, 'Topic');
  });

  test('is the resource when it carries the acknowledgement', () => {
    Validations.of(topic).acknowledge({ id: 'HITRUST.CSF-SNSTopicSSLOnly', reason: 'this topic' });
    expect(findAcknowledgement(topic, 'HITRUST.CSF-SNSTopicSSLOnly')).toEqual({ reason: 'this topic', recordedAt: 'Stack/Topic' });
  });

  test('is the ancestor that carries it, the app root by name', () => {
    Validations.of(stack).acknowledge({ id: 'HITRUST.CSF-SNSTopicSSLOnly', reason: 'stack-wide' });
    Validations.of(app).acknowledge({ id: 'HITRUST.CSF-SNSTopicCustomerManagedKey', reason: 'app-wide' });
    expect(findAcknowledgement(topic, 'HITRUST.CSF-SNSTopicSSLOnly')).toEqual({ reason: 'stack-wide', recordedAt: 'Stack' });
    expect(findAcknowledgement(topic, 'HITRUST.CSF-SNSTopicCustomerManagedKey')).toEqual({ reason: 'app-wide', recordedAt: APP_ROOT });
  });

  test('is looked up for every acknowledged evaluation, and only those', () => {
    // GIVEN
    Validations.of(stack).acknowledge({ id: 'HITRUST.CSF-SNSTopicSSLOnly', reason: 'stack-wide' });
    const evaluations = [
      { ruleId: 'HITRUST.CSF-SNSTopicSSLOnly', resourcePath: 'Stack/Topic', status: EvidenceStatus.ACKNOWLEDGED, reason: 'stack-wide' },
      { ruleId: 'HITRUST.CSF-SNSTopicCustomerManagedKey', resourcePath: 'Stack/Topic', status: EvidenceStatus.COMPLIANT },
      { ruleId: 'HITRUST.CSF-SNSTopicSSLOnly', resourcePath: 'Gone/Topic', status: EvidenceStatus.ACKNOWLEDGED, reason: 'kept' },
    ];

    // WHEN
    const records = acknowledgementRecords(app, evaluations);

    // THEN
    expect(records).toEqual([
      { ruleId: 'HITRUST.CSF-SNSTopicSSLOnly', resourcePath: 'Stack/Topic', recordedAt: 'Stack', reason: 'stack-wide' },
      { ruleId: 'HITRUST.CSF-SNSTopicSSLOnly', resourcePath: 'Gone/Topic', recordedAt: 'unknown', reason: 'kept' },
    ]);
  });
});
