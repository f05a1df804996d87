import type { CfnResource } from 'aws-cdk-lib';
import type { NagRuleCompliance } from 'cdk-nag';
import { isPresent } from '../../utils/resolve';
import { checkTrail } from '../../utils/trail';
import { describeProperty, holds } from '../finding-text';

/** CloudWatchLogsLogGroupArn is set, so events can be searched and alarmed on. */
export function CloudTrailCloudWatchLogs(node: CfnResource): NagRuleCompliance {
  return checkTrail(node, (trail) => holds(isPresent(trail, trail.cloudWatchLogsLogGroupArn),
    () => `${describeProperty(trail, 'CloudWatchLogsLogGroupArn', trail.cloudWatchLogsLogGroupArn)}; a CloudWatch Logs log group ARN is required`));
}
