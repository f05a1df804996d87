import { CfnParameter, Duration, type Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { NagRuleCompliance } from 'cdk-nag';
import { SecretsManagerSecretRotation } from '../../../src/nag/rules/secretsmanager';
import { findings, newStack } from '../fixtures';
import { runRule, type Build, type Case } from './builders';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

/** A secret with a rotation schedule whose rules are `rules` (none: no schedule at all). */
type Rules = secretsmanager.CfnRotationSchedule.RotationRulesProperty;
const secret = (rules?: Rules | ((s: Stack) => Rules)): Build =>
  (s) => {
    const cfn = new secretsmanager.CfnSecret(s, 'Secret', { generateSecretString: { passwordLength: 64 } });
    if (rules !== undefined) {
      new secretsmanager.CfnRotationSchedule(s, 'Rotation', {
        secretId: cfn.ref,
        rotationLambdaArn: 'arn:aws:lambda:us-east-1:111111111111:function:rotate',
        rotationRules: typeof rules === 'function' ? rules(s) : rules,
      });
    }
    return cfn;
  };

describe('SecretsManagerSecretRotation', () => {
  test.each<Case>([
    ['passes rate(30 days)', secret({ scheduleExpression: 'rate(30 days)' }), COMPLIANT],
    ['passes AutomaticallyAfterDays 90', secret({ automaticallyAfterDays: 90 }), COMPLIANT],
    ['passes rate(365 days), the limit', secret({ scheduleExpression: 'rate(365 days)' }), COMPLIANT],
    ['passes rate(4 hours)', secret({ scheduleExpression: 'rate(4 hours)' }), COMPLIANT],
    ['passes a repeating cron()', secret({ scheduleExpression: 'cron(0 16 1,15 * ? *)' }), COMPLIANT],
    ['fails a secret without a rotation schedule', secret(), NON_COMPLIANT],
    ['fails rate(400 days)', secret({ scheduleExpression: 'rate(400 days)' }), NON_COMPLIANT],
    ['fails AutomaticallyAfterDays 1000', secret({ automaticallyAfterDays: 1000 }), NON_COMPLIANT],
    ['fails a cron() pinned to one year', secret({ scheduleExpression: 'cron(0 0 1 1 ? 2030)' }), NON_COMPLIANT],
    ['fails a deploy-time interval (fails closed)', secret((s) => ({
      automaticallyAfterDays: new CfnParameter(s, 'Days', { type: 'Number' }).valueAsNumber,
    })), NON_COMPLIANT],
    ['fails when the only schedule rotates another secret', (s) => {
      const other = new secretsmanager.CfnSecret(s, 'Other', {});
      new secretsmanager.CfnRotationSchedule(s, 'Rotation', { secretId: other.ref, rotationRules: { automaticallyAfterDays: 30 } });
      return new secretsmanager.CfnSecret(s, 'Secret', {});
    }, NON_COMPLIANT],
    ['does not apply to a rotation schedule', (s) =>
      new secretsmanager.CfnRotationSchedule(s, 'Rotation', { secretId: 'arn', rotationRules: { automaticallyAfterDays: 30 } }), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(SecretsManagerSecretRotation, build)).toBe(expected);
  });

  test('sees the schedule that the L2 addRotationSchedule writes', () => {
    // GIVEN
    const { app, stack } = newStack();
    const l2 = new secretsmanager.Secret(stack, 'Secret');
    const fn = new lambda.Function(stack, 'Rotate', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {}'),
    });
    l2.addRotationSchedule('Rotation', { rotationLambda: fn, automaticallyAfter: Duration.days(30) });

    // WHEN / THEN
    expect(findings(app)['HITRUST.CSF-SecretsManagerSecretRotation']).toBeUndefined();
  });
});
