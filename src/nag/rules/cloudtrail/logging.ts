import type { CfnResource } from 'aws-cdk-lib';
import type { NagRuleCompliance } from 'cdk-nag';
import { isLiteralTrue } from '../../utils/resolve';
import { checkTrail } from '../../utils/trail';
import { describeProperty, holds } from '../finding-text';

/** IsLogging is true: audit logging is always on while the system is active. */
export function CloudTrailLogging(node: CfnResource): NagRuleCompliance {
  return checkTrail(node, (trail) => holds(isLiteralTrue(trail, trail.isLogging),
    () => `${describeProperty(trail, 'IsLogging', trail.isLogging)}; true is required`));
}
