import type { CfnResource } from 'aws-cdk-lib';
import type { NagRuleCompliance } from 'cdk-nag';
import { isPresent } from '../../utils/resolve';
import { checkTrail } from '../../utils/trail';

/** CloudWatchLogsLogGroupArn is set, so events can be searched and alarmed on. */
export function CloudTrailCloudWatchLogs(node: CfnResource): NagRuleCompliance {
  return checkTrail(node, (trail) => isPresent(trail, trail.cloudWatchLogsLogGroupArn));
}
