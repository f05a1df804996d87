import type { CfnResource } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { NagRuleCompliance } from 'cdk-nag';
import { compliantIf } from './compliance';

/** Applies `check` to AWS::CloudTrail::Trail resources; NOT_APPLICABLE for everything else. */
export function checkTrail(node: CfnResource, check: (trail: CfnTrail) => boolean): NagRuleCompliance {
  return node instanceof CfnTrail ? compliantIf(check(node)) : NagRuleCompliance.NOT_APPLICABLE;
}
