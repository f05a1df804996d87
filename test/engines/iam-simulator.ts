/**
 * A thin wrapper over `@cloud-copilot/iam-simulate` (offline AWS IAM policy evaluation: identity and resource
 * policies, conditions, same-account trust rules, KMS key-policy trust): one request in, the simulator's decision
 * out, with a readable explanation when the request is denied.
 *
 * Two things the wrapper does on top of `runSimulation`, both because of the simulator (0.1.173):
 * - It refuses context keys the simulator drops. `runSimulation` silently removes every context key it does not
 *   know for the action (`ignoredContextKeys`); a condition on a dropped key then fails as if the key were absent.
 *   A test that sets a key AWS sets must not be judged without it, so an unexpected drop throws.
 * - `kms:EncryptionContext:<key>` is one such key: the simulator matches variable condition keys only when the
 *   variable follows a `/` (`aws:PrincipalTag/x`), while KMS's is `kms:EncryptionContext:${EncryptionContextKey}`.
 *   When only those keys were dropped, the decision is taken again with `runUnsafeSimulation` (no input
 *   validation, full context). Its resource policy must be passed pre-loaded: given a raw document it crashes
 *   reading the policy's name (`resourcePolicy.metadata().name`), so the document goes in the `ValidatedPolicy`
 *   shape of `@cloud-copilot/iam-policy` (`__validated`, `policyDocument`, `metadata`, `errors`). The explanation
 *   then still comes from the validated run, computed without the encryption context.
 */
import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { ACCOUNT, REGION } from './template-values';

/** An IAM policy document (JSON). */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Id?: string;
  readonly Statement: PolicyStatementJson[] | PolicyStatementJson;
}

/** One statement of a policy document (JSON). */
export interface PolicyStatementJson {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly [element: string]: unknown;
}

/** A policy attached to the requesting principal (a role's inline or managed policy). */
export interface IdentityPolicy {
  readonly name: string;
  readonly policy: PolicyDocument;
}

/** The request to judge. */
export interface AllowedRequest {
  /** A service principal (`cloudwatch.amazonaws.com`) or an IAM role ARN. */
  readonly principal: string;
  /** `service:Action`, e.g. `sns:Publish`. */
  readonly action: string;
  /** The ARN of the resource acted on. */
  readonly resource: string;
  /** The account that owns the resource. @default ACCOUNT */
  readonly resourceAccount?: string;
  /** The resource's policy (topic policy, key policy), if it has one. */
  readonly resourcePolicy?: PolicyDocument;
  /** The policies of the principal (roles only; service principals have none). */
  readonly identityPolicies?: IdentityPolicy[];
  /** The request context: only keys AWS sets for this request. */
  readonly context: Record<string, string | string[]>;
}

/** The simulator's decision. */
export interface Decision {
  readonly allowed: boolean;
  readonly result: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
  /** Why the request is denied, statement by statement (only when denied). */
  readonly explanation?: string;
  /** Context keys the validated simulation could not take (only `kms:EncryptionContext:*`, judged unvalidated). */
  readonly unvalidatedContextKeys: string[];
}

/** Context keys the simulator cannot validate but evaluates correctly when given them unvalidated. */
const UNVALIDATED_KEY = /^kms:EncryptionContext:/i;

/** Judges one request with the simulator. */
export async function allowed(request: AllowedRequest): Promise<Decision> {
  const simulation: Simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount ?? ACCOUNT },
      contextVariables: request.context,
    },
    identityPolicies: (request.identityPolicies ?? []).map((p) => ({ name: p.name, policy: p.policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: request.resourcePolicy,
  };
  const response = await runSimulation(simulation, {});
  if (response.resultType === 'error') {
    throw new Error(`iam-simulator: the simulator rejected the request ${describe(request)}: ${JSON.stringify(response.errors)}`);
  }
  if (response.resultType !== 'single') {
    throw new Error(`iam-simulator: ${describe(request)} names a wildcard resource; judge one resource at a time`);
  }
  const ignored = response.result.ignoredContextKeys ?? [];
  const unexpected = ignored.filter((k) => !UNVALIDATED_KEY.test(k));
  if (unexpected.length > 0) {
    throw new Error(`iam-simulator: ${describe(request)}: the simulator does not take the context keys ${unexpected.join(', ')} for this action`);
  }

  let result = response.overallResult;
  if (ignored.length > 0) {
    result = runUnsafeSimulation({
      ...simulation,
      // the ValidatedPolicy shape: a raw document makes runUnsafeSimulation crash on the policy's missing name
      resourcePolicy: request.resourcePolicy === undefined ? undefined : {
        __validated: true, policyDocument: request.resourcePolicy, metadata: { name: 'ResourcePolicy' }, errors: [],
      },
    }, {});
  }
  const isAllowed = result === 'Allowed';
  return {
    allowed: isAllowed,
    result,
    explanation: isAllowed ? undefined : explain(request, response.result.analysis, result, ignored),
    unvalidatedContextKeys: ignored,
  };
}

/** One line naming the request. */
export function describe(request: AllowedRequest): string {
  return `${request.principal} -> ${request.action} on ${request.resource}`;
}

// --- request contexts ----------------------------------------------------------------------------------------

/**
 * Who publishes, as the simulator needs it to build the request context: a service publishing on behalf of one of
 * its resources (`sourceArn`: the alarm, the rule), or an IAM role (a Lambda function's execution role).
 */
export interface PublisherIdentity {
  /** A service principal or a role ARN. */
  readonly principal: string;
  /** The resource the service publishes for (alarm ARN, rule ARN, trail ARN). */
  readonly sourceArn?: string;
  /** The account of the publisher's resource (or of the role). @default ACCOUNT */
  readonly account?: string;
}

/** True for `*.amazonaws.com` service principals. */
export function isServicePrincipal(principal: string): boolean {
  return /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(principal);
}

/**
 * What each AWS service puts in its sns:Publish request, as far as AWS documents it. `false` means AWS documents
 * that the key cannot be relied on for this service, so the simulation leaves it out: a policy statement that
 * conditions on it is then (correctly) not applicable. Source keys are the confused-deputy keys of
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn
 * (aws:SourceArn, aws:SourceAccount) and SNS's older aws:SourceOwner
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html#source-account-versus-source-owner:
 * "Use aws:SourceOwner to allow publishing requests from another AWS service").
 */
interface ServiceKeys {
  /** aws:SourceArn and aws:SourceAccount in the sns:Publish request. */
  readonly snsSourceKeys: boolean;
  /** aws:SourceOwner in the sns:Publish request. */
  readonly snsSourceOwner: boolean;
  /** aws:SourceArn and aws:SourceAccount in the KMS requests SNS makes on the service's behalf. */
  readonly kmsSourceKeys: boolean;
}

const SERVICE_KEYS: { [service: string]: ServiceKeys } = {
  // CloudWatch alarms: SNS documents a topic policy for "any CloudWatch alarm" as aws:SourceArn ArnLike
  // arn:aws:cloudwatch:<region>:<account>:alarm:* (https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html,
  // "Allow any CloudWatch alarm to publish to a topic in a different account"); alarms also publish to a topic that
  // still has SNS's default policy, which matches on AWS:SourceOwner only (see DEFAULT_TOPIC_POLICY_URL). SNS passes
  // the source keys on to KMS for service publishers: AWS shows key policies for SNS-encrypted topics conditioned on
  // aws:SourceArn of the publishing resource (GameLift,
  // https://docs.aws.amazon.com/gamelift/latest/flexmatchguide/queue-notification-sns-sse.html; End User Messaging SMS,
  // https://docs.aws.amazon.com/sms-voice/latest/userguide/configuration-sets-sns-creating-role.html).
  'cloudwatch.amazonaws.com': { snsSourceKeys: true, snsSourceOwner: true, kmsSourceKeys: true },
  // EventBridge: "You can't use Condition blocks in Amazon SNS topic policies for EventBridge"
  // (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions), and a new
  // topic's default policy (aws:SourceOwner) does not let a rule publish: the page has you add an unconditioned
  // statement for events.amazonaws.com. For the key, the current SNS page reportedly says aws:SourceAccount,
  // aws:SourceArn and aws:SourceOrgID in the key policy are not supported for EventBridge-to-encrypted topics (quoted by
  // AWS's own modern-data-architecture-accelerator, grantCloudWatchAlarmsTopicAccess; VERIFY on
  // https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services). So none are set.
  'events.amazonaws.com': { snsSourceKeys: false, snsSourceOwner: false, kmsSourceKeys: false },
  // ElastiCache notifications: "the topic's access policy must use the aws:SourceOwner condition key, not
  // aws:SourceAccount ... If your Amazon SNS topic uses aws:SourceAccount, ElastiCache cannot publish"
  // (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ECEvents.SNS.html, "SNS topic access policy requirement").
  // KMS never comes into it: ElastiCache cannot publish to an encrypted topic (ElastiCacheSNS.html).
  'elasticache.amazonaws.com': { snsSourceKeys: false, snsSourceOwner: true, kmsSourceKeys: false },
  // CloudTrail: its documented topic policy conditions on aws:SourceArn = the trail ARN
  // (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-permissions-for-sns-notifications.html).
  'cloudtrail.amazonaws.com': { snsSourceKeys: true, snsSourceOwner: false, kmsSourceKeys: true },
};

function serviceKeys(service: string): ServiceKeys {
  const keys = SERVICE_KEYS[service];
  if (!keys) throw new Error(`iam-simulator: no documented request context for ${service} publishing to SNS`);
  return keys;
}

/**
 * The context of the sns:Publish request a publisher makes.
 *
 * Every request: aws:SecureTransport (the global key is always present; AWS services and the SDKs call SNS over
 * HTTPS, and CDK's `enforceSSL` statement denies `false`),
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-securetransport.
 * Service principals: aws:PrincipalIsAWSService = true and aws:PrincipalServiceName = the service (both set "when the
 * call is made by an AWS service principal", same page), plus the source keys the service documents (SERVICE_KEYS).
 * Roles: aws:PrincipalArn (the role ARN for an assumed-role session), aws:PrincipalAccount, aws:PrincipalType
 * AssumedRole, aws:PrincipalIsAWSService = false (same page, "Properties of the principal").
 */
export function snsPublishContext(publisher: PublisherIdentity): Record<string, string> {
  const account = publisher.account ?? ACCOUNT;
  const context: Record<string, string> = { 'aws:SecureTransport': 'true' };
  if (isServicePrincipal(publisher.principal)) {
    const keys = serviceKeys(publisher.principal);
    context['aws:PrincipalIsAWSService'] = 'true';
    context['aws:PrincipalServiceName'] = publisher.principal;
    if (keys.snsSourceKeys) {
      if (publisher.sourceArn) context['aws:SourceArn'] = publisher.sourceArn;
      context['aws:SourceAccount'] = account;
    }
    if (keys.snsSourceOwner) context['aws:SourceOwner'] = account;
  } else {
    Object.assign(context, rolePrincipalKeys(publisher.principal, account));
  }
  return context;
}

/** The Region's SNS endpoint service name, the value of kms:ViaService for SNS. */
export const SNS_VIA_SERVICE = `sns.${REGION}.amazonaws.com`;

/**
 * The context of the kms:GenerateDataKey / kms:Decrypt requests SNS makes on the publisher's behalf when the topic
 * is encrypted. The principal KMS sees is the publisher itself: SNS's key-management page has the key policy name
 * the publishing service ("To allow the AWS service to have the kms:GenerateDataKey* and kms:Decrypt permissions, add
 * the following statement to the KMS policy", Principal {"Service": "service.amazonaws.com"}), and an IAM publisher
 * "must have the kms:GenerateDataKey and kms:Decrypt permissions for the AWS KMS key"
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services and
 * #send-to-encrypted-topic).
 *
 * Every request: kms:EncryptionContext:aws:sns:topicArn = the topic ARN (the encryption context SNS uses; AWS
 * conditions SNS key statements on it, e.g. the GameLift page above). Service principals: the source keys where
 * SERVICE_KEYS says SNS forwards them; no kms:ViaService / kms:CallerAccount, which KMS documents for requests made
 * on behalf of IAM principals (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service,
 * #conditions-kms-caller-account), so a key statement conditioned on them does not count for a service. Roles:
 * kms:ViaService = sns.<region>.amazonaws.com (the request comes through SNS) and kms:CallerAccount, plus the
 * principal keys.
 */
export function kmsContext(publisher: PublisherIdentity, topicArn: string): Record<string, string> {
  const account = publisher.account ?? ACCOUNT;
  const context: Record<string, string> = {
    'aws:SecureTransport': 'true',
    'kms:EncryptionContext:aws:sns:topicArn': topicArn,
  };
  if (isServicePrincipal(publisher.principal)) {
    context['aws:PrincipalIsAWSService'] = 'true';
    context['aws:PrincipalServiceName'] = publisher.principal;
    if (serviceKeys(publisher.principal).kmsSourceKeys) {
      if (publisher.sourceArn) context['aws:SourceArn'] = publisher.sourceArn;
      context['aws:SourceAccount'] = account;
    }
  } else {
    Object.assign(context, rolePrincipalKeys(publisher.principal, account));
    context['kms:ViaService'] = SNS_VIA_SERVICE;
    context['kms:CallerAccount'] = account;
  }
  return context;
}

function rolePrincipalKeys(roleArn: string, account: string): Record<string, string> {
  return {
    'aws:PrincipalArn': roleArn,
    'aws:PrincipalAccount': account,
    'aws:PrincipalType': 'AssumedRole',
    'aws:PrincipalIsAWSService': 'false',
  };
}

// --- explanation -------------------------------------------------------------------------------------------

interface Explain {
  identifier: string;
  effect: string;
  matches: boolean;
  actionMatch: boolean;
  resourceMatch: boolean;
  principalMatch: string;
  conditionMatch: boolean;
  principals?: { principal: string; matches: string } | { principal: string; matches: string }[];
  conditions?: Array<{
    operator: string;
    conditionKeyValue: string;
    matches: boolean;
    failedBecauseMissing?: boolean;
    values: { value: string; matches: boolean } | Array<{ value: string; matches: boolean }>;
  }>;
}

interface Analysis {
  result: string;
  allowStatements: Array<{ explain: Explain }>;
  denyStatements: Array<{ explain: Explain }>;
  unmatchedStatements: Array<{ explain: Explain }>;
}

function explain(
  request: AllowedRequest,
  analysis: { result: string; identityAnalysis?: Analysis; resourceAnalysis?: Analysis },
  result: string,
  unvalidated: string[],
): string {
  const lines = [`${result}: ${describe(request)}`];
  if (unvalidated.length > 0) {
    lines.push(`  (decision taken with ${unvalidated.join(', ')}; the statements below were evaluated without them)`);
  }
  const section = (title: string, a: Analysis | undefined) => {
    if (!a) return;
    lines.push(`  ${title}: ${a.result}`);
    for (const s of a.denyStatements) lines.push(`    DENIED BY ${statementLine(s.explain)}`);
    for (const s of a.allowStatements) lines.push(`    allowed by ${statementLine(s.explain)}`);
    for (const s of a.unmatchedStatements) {
      if (s.explain.actionMatch) lines.push(`    not applicable: ${statementLine(s.explain)}`);
    }
  };
  section(request.resourcePolicy ? 'resource policy' : 'resource policy (none)', analysis.resourceAnalysis);
  if ((request.identityPolicies ?? []).length > 0) section('identity policies', analysis.identityAnalysis);
  return lines.join('\n');
}

function statementLine(e: Explain): string {
  const why: string[] = [];
  if (!e.actionMatch) why.push('action does not match');
  if (!e.resourceMatch) why.push('resource does not match');
  if (e.principalMatch === 'NoMatch') {
    const principals = [e.principals ?? []].flat().map((p) => p.principal);
    why.push(`principal does not match (${principals.join(', ')})`);
  }
  if (!e.conditionMatch) {
    for (const c of e.conditions ?? []) {
      if (c.matches) continue;
      const values = [c.values].flat().map((v) => v.value).join(', ');
      why.push(`condition ${c.operator} ${c.conditionKeyValue} [${values}] fails${c.failedBecauseMissing ? ' (key absent from the request)' : ''}`);
    }
  }
  return `${e.effect} statement ${e.identifier}${why.length > 0 ? `: ${why.join('; ')}` : ''}`;
}
