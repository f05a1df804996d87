import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import {
  CloudTrailCloudWatchLogs,
  CloudTrailEncrypted,
  CloudTrailLogFileValidation,
  CloudTrailLogging,
  CloudTrailMultiRegion,
} from '../../../src/nag/rules/cloudtrail';
import { findings, newStack } from '../fixtures';
import { deployTimeString, deployTimeValue, runRule, type Build } from './builders';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;
type Rule = (node: Parameters<typeof CloudTrailLogging>[0]) => NagRuleResult;

const compliantTrail: cloudtrail.CfnTrailProps = {
  isLogging: true,
  s3BucketName: 'audit-bucket',
  isMultiRegionTrail: true,
  enableLogFileValidation: true,
  kmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555',
  cloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111111111111:log-group:trail:*',
  cloudWatchLogsRoleArn: 'arn:aws:iam::111111111111:role/trail',
};
const trail = (overrides: Partial<cloudtrail.CfnTrailProps> | ((s: Parameters<Build>[0]) => Partial<cloudtrail.CfnTrailProps>) = {}): Build =>
  (s) => new cloudtrail.CfnTrail(s, 'Trail', { ...compliantTrail, ...(typeof overrides === 'function' ? overrides(s) : overrides) });

describe.each<[string, Rule, Partial<cloudtrail.CfnTrailProps>, boolean]>([
  // rule, the property that breaks it, whether a deploy-time value is accepted (presence rules)
  ['CloudTrailLogging', CloudTrailLogging, { isLogging: false }, false],
  ['CloudTrailMultiRegion', CloudTrailMultiRegion, { isMultiRegionTrail: undefined }, false],
  ['CloudTrailLogFileValidation', CloudTrailLogFileValidation, { enableLogFileValidation: false }, false],
  ['CloudTrailEncrypted', CloudTrailEncrypted, { kmsKeyId: undefined }, true],
  ['CloudTrailCloudWatchLogs', CloudTrailCloudWatchLogs, { cloudWatchLogsLogGroupArn: undefined }, true],
])('%s', (_, rule, broken, presenceOnly) => {
  const property = Object.keys(broken)[0] as keyof cloudtrail.CfnTrailProps;

  test('passes a fully configured trail', () => {
    expect(runRule(rule, trail())).toBe(COMPLIANT);
  });

  test(`fails a trail with ${property} ${String(broken[property])}`, () => {
    expect(runRule(rule, trail(broken))).toBe(NON_COMPLIANT);
  });

  test(presenceOnly ? `passes a deploy-time ${property} (presence is what matters)` : `fails a deploy-time ${property}`, () => {
    const deployTime = (s: Parameters<Build>[0]) => ({ [property]: typeof compliantTrail[property] === 'string' ? deployTimeString(s) : deployTimeValue(s) });
    expect(runRule(rule, trail(deployTime))).toBe(presenceOnly ? COMPLIANT : NON_COMPLIANT);
  });

  test('does not apply to other resources', () => {
    expect(runRule(rule, (s) => new cloudtrail.CfnChannel(s, 'Channel'))).toBe(NOT_APPLICABLE);
  });
});

describe('CloudTrail findings', () => {
  test('report every missing setting of a minimal trail', () => {
    // GIVEN
    const { app, stack } = newStack();
    new cloudtrail.CfnTrail(stack, 'Trail', { isLogging: true, s3BucketName: 'audit-bucket' });

    // WHEN
    const result = findings(app);

    // THEN
    expect(Object.keys(result).sort()).toEqual([
      'HITRUST.CSF-CloudTrailCloudWatchLogs',
      'HITRUST.CSF-CloudTrailEncrypted',
      'HITRUST.CSF-CloudTrailLogFileValidation',
      'HITRUST.CSF-CloudTrailMultiRegion',
    ]);
  });
});
