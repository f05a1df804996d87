import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NagRuleCompliance } from 'cdk-nag';
import { CloudWatchLogGroupEncrypted, CloudWatchLogGroupRetention } from '../../../src/nag/rules/logs';
import { findings, newStack } from '../fixtures';
import { deployTimeNumber, deployTimeString, runRule, type Build, type Case } from './builders';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

describe('CloudWatchLogGroupEncrypted', () => {
  test.each<Case>([
    ['passes a KMS key', (s) => new logs.CfnLogGroup(s, 'Logs', { kmsKeyId: new kms.CfnKey(s, 'Key').attrArn }), COMPLIANT],
    ['passes a deploy-time key ARN (only customer keys exist for logs)', (s) => new logs.CfnLogGroup(s, 'Logs', { kmsKeyId: deployTimeString(s) }), COMPLIANT],
    ['fails an unencrypted log group', (s) => new logs.CfnLogGroup(s, 'Logs'), NON_COMPLIANT],
    ['does not apply to a key', (s) => new kms.CfnKey(s, 'Key'), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(CloudWatchLogGroupEncrypted, build)).toBe(expected);
  });
});

describe('CloudWatchLogGroupRetention', () => {
  const retention = (retentionInDays: number | undefined): Build => (s) => new logs.CfnLogGroup(s, 'Logs', { retentionInDays });
  test.each<Case>([
    ['passes 365 days', retention(365), COMPLIANT],
    ['passes 3653 days', retention(3653), COMPLIANT],
    ['passes no retention (never expire)', retention(undefined), COMPLIANT],
    ['fails 90 days', retention(90), NON_COMPLIANT],
    ['fails 364 days', retention(364), NON_COMPLIANT],
    ['passes the L2 LogGroup default (731 days)', (s) => new logs.LogGroup(s, 'Logs').node.defaultChild as logs.CfnLogGroup, COMPLIANT],
    ['fails a deploy-time retention', (s) => new logs.CfnLogGroup(s, 'Logs', { retentionInDays: deployTimeNumber(s) }), NON_COMPLIANT],
  ])('%s', (_, build, expected) => {
    expect(runRule(CloudWatchLogGroupRetention, build)).toBe(expected);
  });

  test('reports the log group by construct path', () => {
    // GIVEN
    const { app, stack } = newStack();
    new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_MONTH, encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }) });

    // WHEN
    const result = findings(app);

    // THEN
    expect(result).toEqual({ 'HITRUST.CSF-CloudWatchLogGroupRetention': ['Stack/Logs/Resource'] });
  });
});
