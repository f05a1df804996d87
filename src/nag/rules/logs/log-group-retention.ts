import type { CfnResource } from 'aws-cdk-lib';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { NagRuleCompliance } from 'cdk-nag';
import { compliantIf, describeProperty } from '../../utils/compliance';
import { literalNumber, resolvePrimitive } from '../../utils/resolve';

/** HITRUST (guide step 6): records retained 90 days and archived at least a year; AWS Config's default is 365 days too. */
export const MINIMUM_LOG_RETENTION_DAYS = 365;

/** RetentionInDays is at least 365 days, or absent (never expire). A deploy-time value fails closed. */
export function CloudWatchLogGroupRetention(node: CfnResource): NagRuleCompliance {
  if (!(node instanceof CfnLogGroup)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  if (resolvePrimitive(node, node.retentionInDays).kind === 'absent') {
    return NagRuleCompliance.COMPLIANT;
  }
  const days = literalNumber(node, node.retentionInDays);
  return compliantIf(days !== undefined && days >= MINIMUM_LOG_RETENTION_DAYS,
    () => `${describeProperty(node, 'RetentionInDays', node.retentionInDays, ' days')}, at least ${MINIMUM_LOG_RETENTION_DAYS} (or never expire) are required`);
}
