import type { CfnResource } from 'aws-cdk-lib';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { NagRuleCompliance } from 'cdk-nag';
import { compliantIf } from '../../utils/compliance';
import { isPresent } from '../../utils/resolve';

/**
 * The log group is encrypted with a KMS key (KmsKeyId set). CloudWatch Logs only takes customer managed keys, so
 * presence is what matters: a deploy-time key ARN is accepted.
 */
export function CloudWatchLogGroupEncrypted(node: CfnResource): NagRuleCompliance {
  if (!(node instanceof CfnLogGroup)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return compliantIf(isPresent(node, node.kmsKeyId), '`KmsKeyId` is not set; a KMS key is required');
}
