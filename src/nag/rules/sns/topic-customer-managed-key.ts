import type { CfnResource } from 'aws-cdk-lib';
import { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance } from 'cdk-nag';
import { compliantIf } from '../../utils/compliance';
import { keyOwnership, KeyOwnership } from '../../utils/kms';

/**
 * The topic is encrypted with a customer managed KMS key: KmsMasterKeyId set and not `alias/aws/sns`
 * (CloudWatch alarms and EventBridge cannot publish to a topic under the AWS managed key: they fail silently).
 */
export function SNSTopicCustomerManagedKey(node: CfnResource): NagRuleCompliance {
  if (!(node instanceof CfnTopic)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return compliantIf(keyOwnership(node, node.kmsMasterKeyId) === KeyOwnership.CUSTOMER);
}
