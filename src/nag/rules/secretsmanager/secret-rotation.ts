import type { CfnResource } from 'aws-cdk-lib';
import { CfnRotationSchedule, CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagRuleCompliance } from 'cdk-nag';
import { compliantIf } from '../../utils/compliance';
import { resourcesPointingAt } from '../../utils/references';
import { literalNumber, literalString, resolvePrimitive, resolveValue, structField } from '../../utils/resolve';
import { describeProperty, ONLY_KNOWN_AT_DEPLOYMENT } from '../finding-text';

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

/** What the finding requires. */
const ROTATION_REQUIRED = `rotation at least every ${MAXIMUM_ROTATION_INTERVAL_DAYS} days is required`;

/** How a schedule's interval reads, e.g. "`RotationRules.AutomaticallyAfterDays` is 400 days on Stack/Rotation". */
function scheduleFinding(schedule: CfnRotationSchedule): string {
  const where = ` on rotation schedule ${schedule.node.path}`;
  if (resolvePrimitive(schedule, schedule.rotationRules).kind === 'absent') {
    return `\`RotationRules\` is not set${where}`;
  }
  const rules = resolveValue(schedule, schedule.rotationRules);
  if (typeof rules !== 'object' || rules === null || Object.keys(rules).some((key) => key === 'Ref' || key.startsWith('Fn::'))) {
    return `\`RotationRules\` ${ONLY_KNOWN_AT_DEPLOYMENT}${where}`;
  }
  const afterDays = structField(rules, 'automaticallyAfterDays');
  if (literalNumber(schedule, afterDays) !== undefined) {
    return `${describeProperty(schedule, 'RotationRules.AutomaticallyAfterDays', afterDays, ' days')}${where}`;
  }
  const expression = structField(rules, 'scheduleExpression');
  if (resolvePrimitive(schedule, expression).kind === 'absent') {
    return `${describeProperty(schedule, 'RotationRules.AutomaticallyAfterDays', afterDays)} and \`RotationRules.ScheduleExpression\` is not set${where}`;
  }
  const days = rotationIntervalDays(schedule);
  const interval = days === undefined ? ', neither a rate(N days) nor a cron(...) that repeats every year' : ` (every ${days} days)`;
  return `${describeProperty(schedule, 'RotationRules.ScheduleExpression', expression)}${where}${literalString(schedule, expression) === undefined ? '' : interval}`;
}

/** Why no schedule rotates the secret often enough: none names it, or each one's interval. */
function rotationFinding(schedules: readonly CfnRotationSchedule[]): string {
  const found = schedules.length === 0
    ? 'no AWS::SecretsManager::RotationSchedule of the app names this secret in its `SecretId`'
    : schedules.map(scheduleFinding).join(' and ');
  return `${found}; ${ROTATION_REQUIRED}`;
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
  }), () => rotationFinding(schedules));
}
