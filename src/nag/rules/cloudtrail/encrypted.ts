import type { CfnResource } from 'aws-cdk-lib';
import type { NagRuleCompliance } from 'cdk-nag';
import { isPresent } from '../../utils/resolve';
import { checkTrail } from '../../utils/trail';
import { describeProperty, holds } from '../finding-text';

/** KMSKeyId is set (CloudTrail only takes customer managed keys: presence is what matters). */
export function CloudTrailEncrypted(node: CfnResource): NagRuleCompliance {
  return checkTrail(node, (trail) => holds(isPresent(trail, trail.kmsKeyId),
    () => `${describeProperty(trail, 'KMSKeyId', trail.kmsKeyId)}; a KMS key is required`));
}
