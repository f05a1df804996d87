import type { CfnResource } from 'aws-cdk-lib';
import { CfnRotationSchedule, CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagRuleCompliance } from 'cdk-nag';
import { compliantIf } from '../../utils/compliance';
import { resourcesPointingAt } from '../../utils/references';
import { literalNumber, literalString, resolveValue, structField } from '../../utils/resolve';

/** The longest rotation interval accepted (the construct's own limit for its schedule). */
export const MAXIMUM_ROTATION_INTERVAL_DAYS = 365;

/**
 * Days between rotations of a schedule: `RotationRules.AutomaticallyAfterDays`, or a `rate(N days|hours)`
 * `ScheduleExpression`. A `cron(...)` expression counts as at most yearly (its year field repeats); anything else,
 * including a deploy-time value, is unknown.
 */
function rotationIntervalDays(schedule: CfnRotationSchedule): number | undefined {
  const rules = resolveValue(schedule, schedule.rotationRules);
  const afterDays = literalNumber(schedule, structField(rules, 'automaticallyAfterDays'));
  if (afterDays !== undefined) {
    return afterDays;
  }
  const expression = literalString(schedule, structField(rules, 'scheduleExpression'))?.trim();
  const rate = expression === undefined ? null : /^rate\((\d+)\s+(day|days|hour|hours)\)$/.exec(expression);
  if (rate) {
    return rate[2].startsWith('hour') ? Number(rate[1]) / 24 : Number(rate[1]);
  }
  return expression !== undefined && /^cron\(.*\)$/.test(expression) && !/\s\d{4}\)$/.test(expression) ? 1 : undefined;
}

/**
 * The secret is rotated automatically at least once a year: an AWS::SecretsManager::RotationSchedule of the app
 * names it (Ref or ARN) and its interval is known and at most 365 days. AwsSolutions-SMG4 checks the presence of a
 * schedule only, and only in the secret's own stack.
 */
export function SecretsManagerSecretRotation(node: CfnResource): NagRuleCompliance {
  if (!(node instanceof CfnSecret)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const schedules = resourcesPointingAt('secretsmanager:rotation-schedules', node,
    (r): r is CfnRotationSchedule => r instanceof CfnRotationSchedule, (schedule) => [schedule.secretId]);
  return compliantIf(schedules.some((schedule) => {
    const days = rotationIntervalDays(schedule);
    return days !== undefined && days <= MAXIMUM_ROTATION_INTERVAL_DAYS;
  }));
}
