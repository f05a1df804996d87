import { CfnParameter, Stack, type CfnResource } from 'aws-cdk-lib';
import type { CfnReplicationGroup, CfnServerlessCache } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { appIndexOf } from '../../utils/app-index';
import { checkCache, EngineScope, type CacheContext } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { EngineFamily, versionAtLeast } from '../../utils/engine';
import { isNonEmptyList, isPresent, resolvePrimitive } from '../../utils/resolve';
import { describeList, describeProperty, notPossibleOnCacheCluster } from '../finding-text';

/**
 * A value made only of `{{resolve:secretsmanager:...}}` / `{{resolve:ssm-secure:...}}` dynamic references: CloudFormation
 * fetches the secret at deploy time and the template holds only its name. `{{resolve:ssm:...}}` (a plain-text
 * String parameter) is not one of them. A literal around the reference would put part of the token in the template.
 */
const ONLY_DYNAMIC_SECRET_REFERENCES = /^(?:\{\{resolve:(?:secretsmanager|ssm-secure):[^{}]+\}\})+$/;

/** Stands for a deploy-time part of an `Fn::Join` / `Fn::Sub` (the ARN of a secret of the app, a parameter...). */
const DEPLOY_TIME_PART = '\u0000';

/**
 * How an AuthToken is given.
 *
 * A CfnParameter keeps the token out of sight only with NoEcho and without a Default. AWS, CloudFormation User Guide,
 * "Parameters section syntax" (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html):
 *
 * - NoEcho: "Whether to mask the parameter value to prevent it from being displayed in the console, command line
 *   tools, or API. If you set the `NoEcho` attribute to `true`, CloudFormation returns the parameter value masked as
 *   asterisks (*****) for any calls that describe the stack or stack events, except for information stored in the
 *   locations specified below."
 * - Default: "A value of the appropriate type for the template to use if no value is specified when a stack is
 *   created." The Default is part of the template (the cloud assembly, GetTemplate), NoEcho or not.
 *
 * And the API's ParameterDeclaration.NoEcho (GetTemplateSummary), as the AWS SDK reference prints it
 * (https://docs.aws.amazon.com/sdk-for-python/v4/reference/clients/cloudformation/structures/ParameterDeclaration/):
 * "Flag that indicates whether the parameter value is shown as plain text in logs and in the Amazon Web Services
 * Management Console."
 */
enum AuthTokenSource {
  ABSENT = 'absent',
  /** Dynamic references only, or a Ref to a NoEcho CfnParameter without a Default: the token is not in the template or the console. */
  HIDDEN = 'hidden',
  /** A literal, or a Ref to a CfnParameter with a Default or without NoEcho: the token is in the template or shown in plain text. */
  EXPOSED = 'exposed',
  /** Any other deploy-time value (Fn::ImportValue, Fn::If, a pseudo parameter...): the pack cannot see where it comes from. */
  UNVERIFIABLE = 'unverifiable',
}

/**
 * The value as one string when it is a literal or an `Fn::Join` / `Fn::Sub` of literals and deploy-time parts (each
 * replaced by DEPLOY_TIME_PART), as CDK renders `SecretValue.secretsManager(secret.secretArn)`; undefined otherwise.
 */
function flatten(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const join = record['Fn::Join'];
  if (Array.isArray(join) && join.length === 2 && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return (join[1] as unknown[]).map((part) => flatten(part) ?? DEPLOY_TIME_PART).join(join[0]);
  }
  const sub = record['Fn::Sub'];
  const template = Array.isArray(sub) ? sub[0] : sub;
  if (typeof template === 'string') {
    // ${Name} is a deploy-time part, ${!Name} the literal text ${Name}
    return template.replace(/\$\{(!?)([^}]*)\}/g, (_, escaped: string, name: string) => (escaped ? `\${${name}}` : DEPLOY_TIME_PART));
  }
  return undefined;
}

/** The CfnParameter of the stack of `node` with the given logical ID. */
function parameterOf(node: CfnResource, logicalId: string): CfnParameter | undefined {
  const byStack = appIndexOf(node).derive('elasticache:cfn-parameters', (index) => {
    const map = new Map<Stack, Map<string, CfnParameter>>();
    for (const parameter of index.root.node.findAll().filter((c): c is CfnParameter => c instanceof CfnParameter)) {
      const stack = Stack.of(parameter);
      const ids = map.get(stack) ?? new Map<string, CfnParameter>();
      ids.set(stack.resolve(parameter.logicalId), parameter);
      map.set(stack, ids);
    }
    return map;
  });
  return byStack.get(Stack.of(node))?.get(logicalId);
}

/** How the AuthToken is given, and (when it fails) what the finding says: never the token itself. */
interface AuthToken {
  readonly source: AuthTokenSource;
  readonly finding?: string;
}

function authToken(node: CfnReplicationGroup): AuthToken {
  const token = resolvePrimitive(node, node.authToken);
  if (token.kind === 'absent' || (token.kind === 'literal' && String(token.value) === '')) {
    return { source: AuthTokenSource.ABSENT };
  }
  const expression = token.kind === 'literal' ? token.value : token.expression;
  const flat = flatten(expression);
  if (flat !== undefined && ONLY_DYNAMIC_SECRET_REFERENCES.test(flat)) {
    return { source: AuthTokenSource.HIDDEN };
  }
  if (token.kind === 'literal' || (flat !== undefined && !flat.includes(DEPLOY_TIME_PART))) {
    // the token, or part of it, is written in the template
    return { source: AuthTokenSource.EXPOSED, finding: '`AuthToken` is written in the template, not only as a secret dynamic reference' };
  }
  const ref = (expression as Record<string, unknown>).Ref;
  const parameter = typeof ref === 'string' ? parameterOf(node, ref) : undefined;
  if (parameter !== undefined) {
    if (parameter.default !== undefined) {
      return { source: AuthTokenSource.EXPOSED, finding: `\`AuthToken\` is parameter ${ref}, whose Default is in the template` };
    }
    return parameter.noEcho === true
      ? { source: AuthTokenSource.HIDDEN }
      : { source: AuthTokenSource.EXPOSED, finding: `\`AuthToken\` is parameter ${ref} without NoEcho, shown in plain text by the console and DescribeStacks` };
  }
  // fails closed: an Fn::ImportValue, Fn::If or pseudo parameter proves nothing
  const intrinsic = Object.keys(expression as Record<string, unknown>)[0] ?? 'an intrinsic';
  return { source: AuthTokenSource.UNVERIFIABLE, finding: `\`AuthToken\` is a deploy-time value (${intrinsic}) the template does not show the origin of` };
}

/** RBAC (user groups, IAM users) exists on Redis OSS >= 6 and every Valkey version. */
function supportsRbac(context: CacheContext): boolean {
  if (context.engine !== EngineFamily.REDIS || context.version.kind !== 'parsed') {
    // absent = latest; a deploy-time version below 6 would make CloudFormation reject UserGroupIds
    return true;
  }
  return versionAtLeast(context.version.version, 6, 0);
}

function authenticates(node: CfnReplicationGroup, context: CacheContext, token: AuthTokenSource): boolean {
  if (token === AuthTokenSource.EXPOSED || token === AuthTokenSource.UNVERIFIABLE) {
    return false; // a token in the template, in plain text, or of unknown origin is never acceptable, whatever else is set
  }
  return token === AuthTokenSource.HIDDEN || (supportsRbac(context) && isNonEmptyList(node, node.userGroupIds));
}

/** What a group without an AuthToken lacks: a user group, or an engine that has RBAC. */
function withoutTokenFinding(node: CfnReplicationGroup): string {
  const token = resolvePrimitive(node, node.authToken).kind === 'absent' ? '`AuthToken` is not set' : '`AuthToken` is empty';
  const groups = isNonEmptyList(node, node.userGroupIds)
    ? `\`UserGroupIds\` needs Redis OSS 6 or later, and ${describeProperty(node, 'EngineVersion', node.engineVersion)}`
    : describeList(node, 'UserGroupIds', node.userGroupIds);
  return `${token} and ${groups}; a user group (Redis OSS >= 6 or Valkey) or an AuthToken kept in a secret is required`;
}

/**
 * Clients must authenticate: UserGroupIds (RBAC or IAM users; Redis OSS >= 6 and Valkey) or an AuthToken kept out of
 * sight: `{{resolve:secretsmanager:...}}` / `{{resolve:ssm-secure:...}}` dynamic references (also inside Fn::Join or
 * Fn::Sub), or a Ref to a CfnParameter of the app with NoEcho and no Default. A literal, a parameter with a Default or
 * without NoEcho, and any other deploy-time value (Fn::ImportValue...) fail. A standalone CacheCluster has neither
 * (non-compliant); a serverless cache needs a UserGroupId.
 */
export function ElastiCacheAuthentication(node: CfnResource): NagRuleCompliance {
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: (n: CfnReplicationGroup, context: CacheContext) => {
      const token = authToken(n);
      return compliantIf(authenticates(n, context, token.source), token.finding ?? (() => withoutTokenFinding(n)));
    },
    cacheCluster: notPossibleOnCacheCluster('an AWS::ElastiCache::CacheCluster has neither `AuthToken` nor `UserGroupIds`; ' +
      'a ReplicationGroup with a user group or an AuthToken kept in a secret is required'),
    serverlessCache: (n: CfnServerlessCache) => compliantIf(isPresent(n, n.userGroupId),
      () => `${describeProperty(n, 'UserGroupId', n.userGroupId)}; a user group is required`),
  });
}
