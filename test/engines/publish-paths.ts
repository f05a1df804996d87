/**
 * Every way a message is published to an SNS topic in a synthesized template, and whether AWS would deliver it.
 *
 * `publishPaths(template)` lists each publisher -> topic pair of a template resolved with `resolveTemplate`:
 * - AWS::CloudWatch::Alarm AlarmActions / OKActions / InsufficientDataActions that are topics
 *   (cloudwatch.amazonaws.com on behalf of the alarm),
 * - AWS::Events::Rule targets whose Arn is a topic (events.amazonaws.com on behalf of the rule, or the target's
 *   RoleArn when it has one),
 * - AWS::ElastiCache::ReplicationGroup / CacheCluster NotificationTopicArn (elasticache.amazonaws.com),
 * - AWS::CloudTrail::Trail SnsTopicName (cloudtrail.amazonaws.com on behalf of the trail),
 * - AWS::Lambda::Function environment variables holding a topic ARN, and DeadLetterConfig TargetArn that is a topic
 *   (the function's execution role, with the role's policies as identity policies; Lambda publishes a failed
 *   asynchronous event to the dead-letter topic with the execution role:
 *   https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html#invocation-dlq).
 * and for each the topic, its effective access policy and its key.
 *
 * `checkPath(path)` then asks the IAM simulator (`./iam-simulator`) whether sns:Publish is allowed by the topic
 * policy (and the publisher's identity policies), and kms:GenerateDataKey and kms:Decrypt by the key policy, with
 * the request context AWS sets (`snsPublishContext`, `kmsContext`).
 */
import {
  allowed, describe as describeRequest, isServicePrincipal, kmsContext, snsPublishContext,
  type AllowedRequest, type Decision, type IdentityPolicy, type PolicyDocument, type PolicyStatementJson,
} from './iam-simulator';
import { ACCOUNT, PARTITION, REGION, TemplateValues, type CfnResourceJson, type CfnTemplate } from './template-values';

// --- what the documentation says ------------------------------------------------------------------------------

/**
 * A topic without a topic policy has SNS's default access policy: "Amazon SNS grants a default policy to all newly
 * created topics" (https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html). Its text, as the
 * EventBridge guide prints `get-topic-attributes` of a new topic: Principal {"AWS": "*"}, eight topic actions
 * including SNS:Publish, Condition StringEquals AWS:SourceOwner = the topic owner
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions).
 * The ElastiCache guide adds that "Newly created Amazon SNS topics default to aws:SourceAccount in their access
 * policy" (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ECEvents.SNS.html): both variants are
 * documented, so a publish through the default policy must be allowed by both.
 */
export const DEFAULT_TOPIC_POLICY_URL = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions';

/** SNS's default topic policy, with either documented owner condition key. */
export function defaultTopicPolicy(topicArn: string, ownerKey: 'AWS:SourceOwner' | 'aws:SourceAccount', owner = ACCOUNT): PolicyDocument {
  return {
    Version: '2012-10-17',
    Id: '__default_policy_ID',
    Statement: [{
      Sid: '__default_statement_ID',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: [
        'SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission',
        'SNS:DeleteTopic', 'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish',
      ],
      Resource: topicArn,
      Condition: { StringEquals: { [ownerKey]: owner } },
    }],
  };
}

/**
 * A key without KeyPolicy gets the default key policy: the account root may do kms:*, which makes IAM policies count
 * (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam).
 */
export function defaultKeyPolicy(account = ACCOUNT): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:${PARTITION}:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
  };
}

/**
 * The AWS managed key of SNS (`alias/aws/sns`). Its key policy cannot be changed
 * (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key) and lets only principals of
 * the account use the key through SNS, which is why AWS service event sources need a customer managed key: "To allow
 * these event sources to work with encrypted topics ... 1. Use a customer managed KMS"
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
 * The policy below is that shape (AWS principals, kms:CallerAccount and kms:ViaService sns.<region>): VERIFY against
 * `aws kms get-key-policy` of a real aws/sns key.
 */
export const AWS_MANAGED_SNS_KEY_ARN = `arn:${PARTITION}:kms:${REGION}:${ACCOUNT}:key/aws-managed-sns-key`;
export function awsManagedSnsKeyPolicy(account = ACCOUNT): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{
      Sid: 'Allow access through SNS for all principals in the account that are authorized to use SNS',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': `sns.${REGION}.amazonaws.com` } },
    }],
  };
}

/** ElastiCache's requirement on a notification topic. */
export const ELASTICACHE_ENCRYPTED_TOPIC = 'ElastiCache cannot publish to an encrypted topic: "The Amazon SNS topic you are publishing to ' +
  'cannot be encrypted" (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ElastiCacheSNS.html)';

// --- the model ----------------------------------------------------------------------------------------------

/** How a publisher reaches the topic. */
export type PublisherKind =
  | 'cloudwatch-alarm'
  | 'eventbridge-rule'
  | 'elasticache-notification'
  | 'cloudtrail-trail'
  | 'lambda-environment'
  | 'lambda-dead-letter';

/** Who publishes. */
export interface Publisher {
  readonly kind: PublisherKind;
  /** The logical ID of the alarm, rule, replication group, trail or function. */
  readonly logicalId: string;
  /** Where in the resource the topic is named (`AlarmActions`, `Targets[0]`, `Environment.TOPIC_ARN` ...). */
  readonly via: string;
  /** A service principal, or the role ARN a function (or a rule target with RoleArn) publishes with. */
  readonly principal: string;
  /** The ARN of the publisher's resource (alarm, rule, trail), for aws:SourceArn. */
  readonly sourceArn?: string;
  /** The role's policies, when the principal is a role. */
  readonly identityPolicies?: IdentityPolicy[];
}

/** The topic's access policy as SNS evaluates it. */
export interface TopicAccessPolicy {
  /** `TopicPolicy`: an AWS::SNS::TopicPolicy / TopicInlinePolicy names the topic; `default`: SNS's default policy. */
  readonly source: 'TopicPolicy' | 'default';
  /** The TopicPolicy resource(s). */
  readonly logicalIds: string[];
  /** The documents a publish must pass (the default policy has two documented variants, both must allow). */
  readonly documents: Array<{ name: string; document: PolicyDocument }>;
}

/** The topic's encryption key. */
export type TopicKey =
  | { readonly kind: 'none' }
  | { readonly kind: 'customer-managed'; readonly logicalId: string; readonly keyArn: string; readonly keyPolicy: PolicyDocument; readonly defaultKeyPolicy: boolean }
  | { readonly kind: 'aws-managed'; readonly reference: string }
  | { readonly kind: 'not-in-template'; readonly reference: string };

/** One publisher -> topic path. */
export interface PublishPath {
  readonly publisher: Publisher;
  readonly topicArn: string;
  /** The AWS::SNS::Topic, undefined when the topic is not in the template (imported). */
  readonly topicLogicalId?: string;
  readonly accessPolicy?: TopicAccessPolicy;
  readonly key?: TopicKey;
  /** Reasons the path cannot deliver that need no simulation (documented service limits, missing resources). */
  readonly problems: string[];
}

// --- listing the paths -----------------------------------------------------------------------------------------

const SNS_ARN = /^arn:aws[a-z-]*:sns:/;
const ALARM_ACTION_PROPERTIES = ['AlarmActions', 'OKActions', 'InsufficientDataActions'];

/** Every publish path of a template resolved with `resolveTemplate`. */
export function publishPaths(template: CfnTemplate): PublishPath[] {
  const index = new TemplateIndex(template);
  const paths: PublishPath[] = [];
  const add = (publisher: Publisher, topicRef: string) => paths.push(index.path(publisher, topicRef));

  for (const [id, r] of index.resources('AWS::CloudWatch::Alarm')) {
    const sourceArn = index.values.getAtt(id, 'Arn');
    for (const property of ALARM_ACTION_PROPERTIES) {
      const actions = asStrings(r.Properties?.[property]);
      for (const action of new Set(actions.filter((a) => SNS_ARN.test(a)))) {
        add({ kind: 'cloudwatch-alarm', logicalId: id, via: property, principal: 'cloudwatch.amazonaws.com', sourceArn }, action);
      }
    }
  }
  for (const [id, r] of index.resources('AWS::Events::Rule')) {
    const sourceArn = index.values.getAtt(id, 'Arn');
    const targets = (r.Properties?.Targets ?? []) as Array<{ Arn?: unknown; Id?: unknown; RoleArn?: unknown }>;
    targets.forEach((target, i) => {
      if (typeof target.Arn !== 'string' || !SNS_ARN.test(target.Arn)) return;
      const via = `Targets[${i}] (${String(target.Id ?? i)})`;
      // With a RoleArn, EventBridge calls the target with that role instead of its service principal
      // (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html, "Important").
      const role = typeof target.RoleArn === 'string' ? target.RoleArn : undefined;
      add(role
        ? { kind: 'eventbridge-rule', logicalId: id, via, principal: role, sourceArn, identityPolicies: index.rolePolicies(role) }
        : { kind: 'eventbridge-rule', logicalId: id, via, principal: 'events.amazonaws.com', sourceArn }, target.Arn);
    });
  }
  for (const type of ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster']) {
    for (const [id, r] of index.resources(type)) {
      const topic = r.Properties?.NotificationTopicArn;
      if (typeof topic === 'string' && topic !== '') {
        add({ kind: 'elasticache-notification', logicalId: id, via: 'NotificationTopicArn', principal: 'elasticache.amazonaws.com' }, topic);
      }
    }
  }
  for (const [id, r] of index.resources('AWS::CloudTrail::Trail')) {
    const topic = r.Properties?.SnsTopicName;
    if (typeof topic === 'string' && topic !== '') {
      add({ kind: 'cloudtrail-trail', logicalId: id, via: 'SnsTopicName', principal: 'cloudtrail.amazonaws.com', sourceArn: index.values.getAtt(id, 'Arn') }, topic);
    }
  }
  for (const [id, r] of index.resources('AWS::Lambda::Function')) {
    const role = r.Properties?.Role;
    if (typeof role !== 'string') continue;
    const identityPolicies = index.rolePolicies(role);
    const variables = ((r.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {});
    for (const [name, value] of Object.entries(variables)) {
      if (typeof value === 'string' && index.isTopic(value)) {
        add({ kind: 'lambda-environment', logicalId: id, via: `Environment.${name}`, principal: role, identityPolicies }, value);
      }
    }
    const dlq = (r.Properties?.DeadLetterConfig as { TargetArn?: unknown } | undefined)?.TargetArn;
    if (typeof dlq === 'string' && SNS_ARN.test(dlq)) {
      add({ kind: 'lambda-dead-letter', logicalId: id, via: 'DeadLetterConfig.TargetArn', principal: role, identityPolicies }, dlq);
    }
  }
  return paths;
}

// --- checking a path -------------------------------------------------------------------------------------------

/** One simulated request of a path. */
export interface PathStep {
  readonly request: AllowedRequest;
  /** Which policy document was the resource policy (`TopicPolicy X`, `default (AWS:SourceOwner)`, `key policy K`). */
  readonly policy: string;
  readonly decision: Decision;
}

/** The verdict on one path. */
export interface PathCheck {
  readonly path: PublishPath;
  readonly steps: PathStep[];
  /** Every reason the message does not arrive (structural problems and denied requests). */
  readonly problems: string[];
  readonly delivered: boolean;
}

/** Simulates sns:Publish and, for an encrypted topic, kms:GenerateDataKey and kms:Decrypt for one path. */
export async function checkPath(path: PublishPath): Promise<PathCheck> {
  const problems = [...path.problems];
  const steps: PathStep[] = [];
  const { publisher } = path;
  const identity = { principal: publisher.principal, sourceArn: publisher.sourceArn };

  if (path.accessPolicy) {
    for (const { name, document } of path.accessPolicy.documents) {
      const request: AllowedRequest = {
        principal: publisher.principal,
        action: 'sns:Publish',
        resource: path.topicArn,
        resourcePolicy: document,
        identityPolicies: publisher.identityPolicies,
        context: snsPublishContext(identity),
      };
      steps.push({ request, policy: name, decision: await allowed(request) });
    }
  }

  const key = path.key;
  const keyRequest = (action: string, keyArn: string, keyPolicy: PolicyDocument): AllowedRequest => ({
    principal: publisher.principal,
    action,
    resource: keyArn,
    resourcePolicy: keyPolicy,
    identityPolicies: publisher.identityPolicies,
    context: kmsContext(identity, path.topicArn),
  });
  if (key?.kind === 'customer-managed' && publisher.kind !== 'elasticache-notification') {
    for (const action of ['kms:GenerateDataKey', 'kms:Decrypt']) {
      const request = keyRequest(action, key.keyArn, key.keyPolicy);
      steps.push({ request, policy: `key policy of ${key.logicalId}${key.defaultKeyPolicy ? ' (default key policy)' : ''}`, decision: await allowed(request) });
    }
  } else if (key?.kind === 'aws-managed' && publisher.kind !== 'elasticache-notification') {
    for (const action of ['kms:GenerateDataKey', 'kms:Decrypt']) {
      const request = keyRequest(action, AWS_MANAGED_SNS_KEY_ARN, awsManagedSnsKeyPolicy());
      steps.push({ request, policy: `AWS managed key ${key.reference}`, decision: await allowed(request) });
    }
  }

  for (const step of steps) {
    if (!step.decision.allowed) problems.push(`${step.policy}:\n${indent(step.decision.explanation ?? describeRequest(step.request))}`);
  }
  return { path, steps, problems, delivered: problems.length === 0 };
}

/** Checks every path; the ones that do not deliver, each with its reasons. */
export async function undeliverable(paths: PublishPath[]): Promise<PathCheck[]> {
  const checks = await Promise.all(paths.map((p) => checkPath(p)));
  return checks.filter((c) => !c.delivered);
}

/**
 * A readable report of failed checks: paths failing for the same reasons are grouped (an alarm's AlarmActions and
 * OKActions, 27 alarms denied by the same statement).
 */
export function report(checks: PathCheck[]): string {
  const groups = new Map<string, string[]>();
  for (const c of checks) {
    const reasons = c.problems.map((p) => indent(`- ${p}`)).join('\n');
    groups.set(reasons, [...(groups.get(reasons) ?? []), pathName(c.path)]);
  }
  return [...groups.entries()]
    .map(([reasons, names]) => `${names.length} path(s):\n${names.map((n) => `  ${n}`).join('\n')}\n  fail because\n${reasons}`)
    .join('\n\n');
}

/** `cloudwatch-alarm CacheAlarmsX (AlarmActions) -> arn:...:Topic`. */
export function pathName(path: PublishPath): string {
  return `${path.publisher.kind} ${path.publisher.logicalId} (${path.publisher.via}) -> ${path.topicLogicalId ?? path.topicArn}`;
}

// --- template index ------------------------------------------------------------------------------------------

class TemplateIndex {
  public readonly values: TemplateValues;
  private readonly topicsByArn = new Map<string, string>();
  private readonly topicsByName = new Map<string, string>();
  private readonly keysByReference = new Map<string, string>();
  private readonly aliasTargets = new Map<string, string>();
  private readonly rolesByReference = new Map<string, string>();

  constructor(private readonly template: CfnTemplate) {
    this.values = new TemplateValues(template);
    for (const [id] of this.resources('AWS::SNS::Topic')) {
      const arn = this.values.getAtt(id, 'TopicArn');
      this.topicsByArn.set(arn, id);
      this.topicsByName.set(arn.split(':').pop()!, id);
    }
    for (const [id] of this.resources('AWS::KMS::Key')) {
      this.keysByReference.set(this.values.getAtt(id, 'Arn'), id);
      this.keysByReference.set(this.values.ref(id), id);
    }
    for (const [, r] of this.resources('AWS::KMS::Alias')) {
      const name = r.Properties?.AliasName;
      const target = r.Properties?.TargetKeyId;
      if (typeof name === 'string' && typeof target === 'string') this.aliasTargets.set(name, target);
    }
    for (const [id] of this.resources('AWS::IAM::Role')) {
      this.rolesByReference.set(this.values.getAtt(id, 'Arn'), id);
      this.rolesByReference.set(this.values.ref(id), id);
    }
  }

  public resources(type: string): Array<[string, CfnResourceJson]> {
    return Object.entries(this.template.Resources).filter(([, r]) => r.Type === type);
  }

  public isTopic(value: string): boolean {
    return this.topicsByArn.has(value) || SNS_ARN.test(value);
  }

  /** The path to the topic named by an ARN (or, for CloudTrail, a name). */
  public path(publisher: Publisher, topicRef: string): PublishPath {
    const topicLogicalId = this.topicsByArn.get(topicRef) ?? this.topicsByName.get(topicRef);
    const topicArn = topicLogicalId ? this.values.getAtt(topicLogicalId, 'TopicArn') : topicRef;
    if (!topicLogicalId) {
      return { publisher, topicArn, problems: [`the topic ${topicRef} is not in this template: its policies cannot be checked`] };
    }
    const accessPolicy = this.accessPolicy(topicArn);
    const key = this.key(topicLogicalId);
    const problems: string[] = [];
    if (accessPolicy.source === 'TopicPolicy' && accessPolicy.logicalIds.length > 1) {
      problems.push(`${accessPolicy.logicalIds.length} topic policies name ${topicLogicalId} (${accessPolicy.logicalIds.join(', ')}): ` +
        'a topic has one access policy, and which of them SNS keeps depends on the order CloudFormation applies them');
    }
    if (publisher.kind === 'elasticache-notification' && key.kind !== 'none') {
      problems.push(`${ELASTICACHE_ENCRYPTED_TOPIC}; ${topicLogicalId} is encrypted (KmsMasterKeyId)`);
    }
    if (key.kind === 'aws-managed' && isServicePrincipal(publisher.principal) && publisher.kind !== 'elasticache-notification') {
      problems.push(`${topicLogicalId} is encrypted with the AWS managed key ${key.reference}, which ${publisher.principal} cannot use: ` +
        'its key policy cannot be changed to allow the service, and AWS service event sources need a customer managed key ' +
        '(https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services)');
    }
    if (key.kind === 'not-in-template') {
      problems.push(`${topicLogicalId} is encrypted with ${key.reference}, which is not in this template: its key policy cannot be checked`);
    }
    if (publisher.identityPolicies === undefined && !isServicePrincipal(publisher.principal)) {
      problems.push(`the role ${publisher.principal} is not in this template: its policies cannot be checked`);
    }
    return { publisher, topicArn, topicLogicalId, accessPolicy, key, problems };
  }

  private accessPolicy(topicArn: string): TopicAccessPolicy {
    const policies: Array<{ id: string; document: PolicyDocument }> = [];
    for (const [id, r] of this.resources('AWS::SNS::TopicPolicy')) {
      if (asStrings(r.Properties?.Topics).includes(topicArn)) policies.push({ id, document: r.Properties!.PolicyDocument as PolicyDocument });
    }
    for (const [id, r] of this.resources('AWS::SNS::TopicInlinePolicy')) {
      if (r.Properties?.TopicArn === topicArn) policies.push({ id, document: r.Properties!.PolicyDocument as PolicyDocument });
    }
    if (policies.length > 0) {
      return { source: 'TopicPolicy', logicalIds: policies.map((p) => p.id), documents: policies.map((p) => ({ name: `TopicPolicy ${p.id}`, document: p.document })) };
    }
    return {
      source: 'default',
      logicalIds: [],
      documents: [
        { name: 'default topic policy (AWS:SourceOwner)', document: defaultTopicPolicy(topicArn, 'AWS:SourceOwner') },
        { name: 'default topic policy (aws:SourceAccount)', document: defaultTopicPolicy(topicArn, 'aws:SourceAccount') },
      ],
    };
  }

  private key(topicLogicalId: string): TopicKey {
    const reference = this.template.Resources[topicLogicalId].Properties?.KmsMasterKeyId;
    if (reference === undefined || reference === '') return { kind: 'none' };
    if (typeof reference !== 'string') return { kind: 'not-in-template', reference: JSON.stringify(reference) };
    const aliasName = reference.includes(':alias/') ? reference.slice(reference.indexOf(':alias/') + 1) : reference;
    if (aliasName.startsWith('alias/aws/')) return { kind: 'aws-managed', reference: aliasName };
    const target = this.aliasTargets.get(aliasName) ?? reference;
    const keyId = this.keysByReference.get(target);
    if (!keyId) return { kind: 'not-in-template', reference };
    const keyPolicy = this.template.Resources[keyId].Properties?.KeyPolicy as PolicyDocument | undefined;
    return {
      kind: 'customer-managed',
      logicalId: keyId,
      keyArn: this.values.getAtt(keyId, 'Arn'),
      keyPolicy: keyPolicy ?? defaultKeyPolicy(),
      defaultKeyPolicy: keyPolicy === undefined,
    };
  }

  /**
   * The identity policies of a role (by ARN or name): its inline Policies, the AWS::IAM::Policy resources naming it
   * in Roles, and the AWS::IAM::ManagedPolicy resources it lists in ManagedPolicyArns or that name it in Roles.
   * Undefined when the role is not in the template. AWS managed policies (arn:aws:iam::aws:policy/...) are not in
   * the template and are left out.
   */
  public rolePolicies(roleReference: string): IdentityPolicy[] | undefined {
    const roleId = this.rolesByReference.get(roleReference);
    if (!roleId) return undefined;
    const role = this.template.Resources[roleId];
    const roleName = this.values.ref(roleId);
    const policies: IdentityPolicy[] = [];
    for (const p of (role.Properties?.Policies ?? []) as Array<{ PolicyName: string; PolicyDocument: PolicyDocument }>) {
      policies.push({ name: `${roleId} inline ${p.PolicyName}`, policy: p.PolicyDocument });
    }
    for (const [id, r] of this.resources('AWS::IAM::Policy')) {
      if (asStrings(r.Properties?.Roles).includes(roleName)) policies.push({ name: id, policy: r.Properties!.PolicyDocument as PolicyDocument });
    }
    const managedArns = asStrings(role.Properties?.ManagedPolicyArns);
    for (const [id, r] of this.resources('AWS::IAM::ManagedPolicy')) {
      if (managedArns.includes(this.values.ref(id)) || asStrings(r.Properties?.Roles).includes(roleName)) {
        policies.push({ name: id, policy: r.Properties!.PolicyDocument as PolicyDocument });
      }
    }
    return policies;
  }
}

function asStrings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

function indent(text: string): string {
  return text.split('\n').map((l) => `    ${l}`).join('\n');
}

/** Statements of a policy document as an array. */
export function statements(document: PolicyDocument): PolicyStatementJson[] {
  return [document.Statement].flat();
}
