import type { CfnResource } from 'aws-cdk-lib';
import type { CfnReplicationGroup, CfnServerlessCache } from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleCompliance } from 'cdk-nag';
import { checkCache, EngineScope, NOT_POSSIBLE_ON_CACHE_CLUSTER, type CacheContext } from '../../utils/cache';
import { compliantIf } from '../../utils/compliance';
import { EngineFamily, versionAtLeast } from '../../utils/engine';
import { isNonEmptyList, isPresent, resolvePrimitive } from '../../utils/resolve';

/** CloudFormation dynamic references that keep a secret out of the template. */
const DYNAMIC_SECRET_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure):/;

/** How an AuthToken is given. */
enum AuthTokenSource {
  ABSENT = 'absent',
  /** A dynamic reference, or a deploy-time value (a NoEcho parameter): the secret is not in the template. */
  PROTECTED = 'protected',
  /** A plain literal: the password is in the template and the cloud assembly. */
  LITERAL = 'literal',
}

function authTokenSource(node: CfnReplicationGroup): AuthTokenSource {
  const token = resolvePrimitive(node, node.authToken);
  if (token.kind === 'absent' || (token.kind === 'literal' && String(token.value) === '')) {
    return AuthTokenSource.ABSENT;
  }
  if (token.kind === 'literal') {
    return DYNAMIC_SECRET_REFERENCE.test(String(token.value)) ? AuthTokenSource.PROTECTED : AuthTokenSource.LITERAL;
  }
  return AuthTokenSource.PROTECTED;
}

/** RBAC (user groups, IAM users) exists on Redis OSS >= 6 and every Valkey version. */
function supportsRbac(context: CacheContext): boolean {
  if (context.engine !== EngineFamily.REDIS || context.version.kind !== 'parsed') {
    // absent = latest; a deploy-time version below 6 would make CloudFormation reject UserGroupIds
    return true;
  }
  return versionAtLeast(context.version.version, 6, 0);
}

function authenticates(node: CfnReplicationGroup, context: CacheContext): boolean {
  const token = authTokenSource(node);
  if (token === AuthTokenSource.LITERAL) {
    return false; // a password in the template is never acceptable, whatever else is set
  }
  return token === AuthTokenSource.PROTECTED || (supportsRbac(context) && isNonEmptyList(node, node.userGroupIds));
}

/**
 * Clients must authenticate: UserGroupIds (RBAC or IAM users; Redis OSS >= 6 and Valkey) or an AuthToken that is not
 * a plain literal. A standalone CacheCluster has neither (non-compliant); a serverless cache needs a UserGroupId.
 */
export function ElastiCacheAuthentication(node: CfnResource): NagRuleCompliance {
  return checkCache(node, {
    engines: EngineScope.REDIS_COMPATIBLE,
    replicationGroup: (n: CfnReplicationGroup, context: CacheContext) => compliantIf(authenticates(n, context)),
    cacheCluster: NOT_POSSIBLE_ON_CACHE_CLUSTER,
    serverlessCache: (n: CfnServerlessCache) => compliantIf(isPresent(n, n.userGroupId)),
  });
}
