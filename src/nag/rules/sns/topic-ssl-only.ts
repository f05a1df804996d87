import type { CfnResource } from 'aws-cdk-lib';
import { CfnTopic, CfnTopicPolicy } from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance } from 'cdk-nag';
import { compliantIf } from '../../utils/compliance';
import { resourcesPointingAt } from '../../utils/references';
import { resolveList, resolveValue } from '../../utils/resolve';

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function lowerStrings(value: unknown): string[] {
  return asArray(value).filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase());
}

function isEveryone(principal: unknown): boolean {
  if (principal === '*') {
    return true;
  }
  const aws = typeof principal === 'object' && principal !== null ? (principal as Record<string, unknown>).AWS : undefined;
  return lowerStrings(aws).includes('*');
}

function coversPublish(action: unknown): boolean {
  return lowerStrings(action).some((a) => a === '*' || a === 'sns:*' || a === 'sns:publish');
}

function deniesPlainTransport(condition: unknown): boolean {
  if (typeof condition !== 'object' || condition === null) {
    return false;
  }
  const record = condition as Record<string, unknown>;
  return ['Bool', 'BoolIfExists'].some((operator) => {
    const test = record[operator];
    const secureTransport = typeof test === 'object' && test !== null ? (test as Record<string, unknown>)['aws:SecureTransport'] : undefined;
    return asArray(secureTransport).some((v) => v === false || (typeof v === 'string' && v.toLowerCase() === 'false'));
  });
}

/** The statement `Deny * sns:Publish when aws:SecureTransport is false` (what the L2 `enforceSSL: true` writes). */
function isSslOnlyStatement(statement: unknown): boolean {
  if (typeof statement !== 'object' || statement === null) {
    return false;
  }
  const s = statement as Record<string, unknown>;
  return s.Effect === 'Deny' && isEveryone(s.Principal) && coversPublish(s.Action) && deniesPlainTransport(s.Condition);
}

/** The topics a policy lists, when `Topics` resolves to a list (a deploy-time list names no topic). */
function listedTopics(policy: CfnTopicPolicy): readonly unknown[] {
  return resolveList(policy, policy.topics).kind === 'list' && Array.isArray(policy.topics) ? policy.topics : [];
}

function deniesPlainPublish(policy: CfnTopicPolicy): boolean {
  const document = resolveValue(policy, policy.policyDocument);
  const statements = typeof document === 'object' && document !== null ? (document as Record<string, unknown>).Statement : undefined;
  return asArray(statements).some(isSslOnlyStatement);
}

/**
 * A CfnTopicPolicy of the app lists the topic (a Ref/GetAtt to it, also across stacks) and denies `sns:Publish`
 * to everyone when `aws:SecureTransport` is false. A policy that cannot be resolved does not count (fail closed).
 */
export function SNSTopicSSLOnly(node: CfnResource): NagRuleCompliance {
  if (!(node instanceof CfnTopic)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const policies = resourcesPointingAt('sns:topic-policies', node, (r): r is CfnTopicPolicy => r instanceof CfnTopicPolicy, listedTopics);
  return compliantIf(policies.some(deniesPlainPublish), () => (policies.length === 0
    ? 'no AWS::SNS::TopicPolicy of the app lists this topic in its `Topics`'
    : `no \`PolicyDocument\` of the topic policies that list this topic (${policies.map((p) => p.node.path).join(', ')}) ` +
      'denies sns:Publish to every principal when aws:SecureTransport is false') +
    '; a topic policy with that Deny statement is required');
}
