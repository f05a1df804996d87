import type { CfnResource } from 'aws-cdk-lib';
import type { NagRuleCompliance } from 'cdk-nag';
import { isLiteralTrue } from '../../utils/resolve';
import { checkTrail } from '../../utils/trail';
import { describeProperty, holds } from '../finding-text';

/** EnableLogFileValidation is true: tampering with delivered log files can be detected. */
export function CloudTrailLogFileValidation(node: CfnResource): NagRuleCompliance {
  return checkTrail(node, (trail) => holds(isLiteralTrue(trail, trail.enableLogFileValidation),
    () => `${describeProperty(trail, 'EnableLogFileValidation', trail.enableLogFileValidation)}; true is required`));
}
