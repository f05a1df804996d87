import type { CfnResource } from 'aws-cdk-lib';
import type { NagRuleCompliance } from 'cdk-nag';
import { isPresent } from '../../utils/resolve';
import { checkTrail } from '../../utils/trail';

/** KMSKeyId is set (CloudTrail only takes customer managed keys: presence is what matters). */
export function CloudTrailEncrypted(node: CfnResource): NagRuleCompliance {
  return checkTrail(node, (trail) => isPresent(trail, trail.kmsKeyId));
}
