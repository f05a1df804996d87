import { App, Stack, Validations } from 'aws-cdk-lib';
import { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { acknowledgementReason } from '../../src/evidence';

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
