import type { CfnResource } from 'aws-cdk-lib';
import { CfnRule } from 'aws-cdk-lib/aws-events';
import { NagRuleCompliance } from 'cdk-nag';
import { compliantIf } from '../../utils/compliance';
import { isNonEmptyList, literalString } from '../../utils/resolve';

/**
 * An EventBridge rule delivers what it matches: it is not disabled and has at least one target. A rule that watches
 * CloudTrail events without a target detects changes that nobody hears of. A deploy-time target list counts as set;
 * a deploy-time State fails closed.
 */
export function EventBridgeRuleTarget(node: CfnResource): NagRuleCompliance {
  if (!(node instanceof CfnRule)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const state = node.state === undefined ? 'ENABLED' : literalString(node, node.state);
  return compliantIf(state !== undefined && state.toUpperCase().startsWith('ENABLED') && isNonEmptyList(node, node.targets));
}
