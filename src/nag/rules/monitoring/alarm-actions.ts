import type { CfnResource } from 'aws-cdk-lib';
import { CfnAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { NagRuleCompliance } from 'cdk-nag';
import { compliantIf } from '../../utils/compliance';
import { isLiteralTrue, isNonEmptyList, resolvePrimitive } from '../../utils/resolve';
import { describeList, describeProperty } from '../finding-text';

/**
 * A CloudWatch alarm notifies someone: actions are not disabled and it has at least one alarm action. An alarm that
 * only changes state alerts nobody (guide Step 6: "alerting on irregularities"). A deploy-time action list counts
 * as set; a deploy-time ActionsEnabled fails closed.
 */
export function CloudWatchAlarmAction(node: CfnResource): NagRuleCompliance {
  if (!(node instanceof CfnAlarm)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  // absent (also `Aws.NO_VALUE`) = true; a deploy-time ActionsEnabled fails closed
  const enabled = resolvePrimitive(node, node.actionsEnabled).kind === 'absent' || isLiteralTrue(node, node.actionsEnabled);
  return compliantIf(enabled && isNonEmptyList(node, node.alarmActions), () => {
    const found = [
      ...(enabled ? [] : [describeProperty(node, 'ActionsEnabled', node.actionsEnabled)]),
      ...(isNonEmptyList(node, node.alarmActions) ? [] : [describeList(node, 'AlarmActions', node.alarmActions)]),
    ];
    return `${found.join(' and ')}; \`ActionsEnabled\` true (or not set) and at least one alarm action are required`;
  });
}
