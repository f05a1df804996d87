import { CfnParameter } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import { NagRuleCompliance } from 'cdk-nag';
import { runRule, type Build, type Case } from './builders';
import { CloudWatchAlarmAction, EventBridgeRuleTarget } from '../../../src/nag/rules/monitoring';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

const alarm = (props: Partial<cloudwatch.CfnAlarmProps> = {}): Build => (s) => new cloudwatch.CfnAlarm(s, 'Alarm', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  threshold: 0,
  metricName: 'AuthenticationFailures',
  namespace: 'AWS/ElastiCache',
  period: 300,
  statistic: 'Sum',
  alarmActions: ['arn:aws:sns:us-east-1:111111111111:alerts'],
  ...props,
});
const target = { id: 'Topic', arn: 'arn:aws:sns:us-east-1:111111111111:alerts' };
const rule = (props: Partial<events.CfnRuleProps> = {}): Build => (s) =>
  new events.CfnRule(s, 'Rule', { eventPattern: { source: ['aws.elasticache'] }, targets: [target], ...props });

describe('CloudWatchAlarmAction', () => {
  test.each<Case>([
    ['passes an alarm with an alarm action', alarm(), COMPLIANT],
    ['passes actions explicitly enabled', alarm({ actionsEnabled: true }), COMPLIANT],
    ['passes a deploy-time action list', (s) => alarm({ alarmActions: new CfnParameter(s, 'Topics', { type: 'CommaDelimitedList' }).valueAsList })(s), COMPLIANT],
    ['fails an alarm without actions', alarm({ alarmActions: undefined }), NON_COMPLIANT],
    ['fails an alarm with only an OK action', alarm({ alarmActions: undefined, okActions: ['arn:aws:sns:us-east-1:111111111111:alerts'] }), NON_COMPLIANT],
    ['fails disabled actions', alarm({ actionsEnabled: false }), NON_COMPLIANT],
    ['fails a deploy-time ActionsEnabled (fails closed)', (s) => alarm({
      actionsEnabled: new CfnParameter(s, 'Enabled', { type: 'String' }).valueAsString as unknown as boolean,
    })(s), NON_COMPLIANT],
    ['does not apply to a rule', rule(), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(CloudWatchAlarmAction, build)).toBe(expected);
  });
});

describe('EventBridgeRuleTarget', () => {
  test.each<Case>([
    ['passes an enabled rule with a target', rule(), COMPLIANT],
    ['passes State ENABLED', rule({ state: 'ENABLED' }), COMPLIANT],
    ['passes a schedule with a target', rule({ eventPattern: undefined, scheduleExpression: 'cron(30 5 * * ? *)' }), COMPLIANT],
    ['fails a rule without targets', rule({ targets: undefined }), NON_COMPLIANT],
    ['fails a disabled rule', rule({ state: 'DISABLED' }), NON_COMPLIANT],
    ['fails a deploy-time State (fails closed)', (s) => rule({ state: new CfnParameter(s, 'State', { type: 'String' }).valueAsString })(s), NON_COMPLIANT],
    ['does not apply to an alarm', alarm(), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(EventBridgeRuleTarget, build)).toBe(expected);
  });
});
