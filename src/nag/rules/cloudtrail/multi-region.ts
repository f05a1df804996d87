import type { CfnResource } from 'aws-cdk-lib';
import type { NagRuleCompliance } from 'cdk-nag';
import { isLiteralTrue } from '../../utils/resolve';
import { checkTrail } from '../../utils/trail';
import { describeProperty, holds } from '../finding-text';

/** IsMultiRegionTrail is true: API calls in every region are recorded. */
export function CloudTrailMultiRegion(node: CfnResource): NagRuleCompliance {
  return checkTrail(node, (trail) => holds(isLiteralTrue(trail, trail.isMultiRegionTrail),
    () => `${describeProperty(trail, 'IsMultiRegionTrail', trail.isMultiRegionTrail)}; true is required`));
}
