import type { CfnResource } from 'aws-cdk-lib';
import { CfnRule } from 'aws-cdk-lib/aws-events';
import { NagRuleCompliance } from 'cdk-nag';
import { compliantIf } from '../../utils/compliance';
import { isNonEmptyList, literalString, resolvePrimitive } from '../../utils/resolve';
import { describeList, describeProperty } from '../finding-text';

/**
 * An EventBridge rule delivers what it matches: it is not disabled and has at least one target. A rule that watches
 * CloudTrail events without a target detects changes that nobody hears of. A deploy-time target list counts as set;
 * a deploy-time State fails closed.
 */
export function EventBridgeRuleTarget(node: CfnResource): NagRuleCompliance {
  if (!(node instanceof CfnRule)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  // absent (also `Aws.NO_VALUE`) = ENABLED; a deploy-time State fails closed
  const state = resolvePrimitive(node, node.state).kind === 'absent' ? 'ENABLED' : literalString(node, node.state);
  const enabled = state !== undefined && state.toUpperCase().startsWith('ENABLED');
  return compliantIf(enabled && isNonEmptyList(node, node.targets), () => {
    const found = [
      ...(enabled ? [] : [describeProperty(node, 'State', node.state)]),
      ...(isNonEmptyList(node, node.targets) ? [] : [describeList(node, 'Targets', node.targets)]),
    ];
    return `${found.join(' and ')}; \`State\` 'ENABLED' (or not set) and at least one target are required`;
  });
}
