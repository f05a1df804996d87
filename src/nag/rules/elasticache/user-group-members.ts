import type { CfnResource } from 'aws-cdk-lib';
import { CfnUser, CfnUserGroup } from 'aws-cdk-lib/aws-elasticache';
import { NagRuleCompliance } from 'cdk-nag';
import { opensWithoutPassword } from './user-password-required';
import { noteFindingDetail } from '../../utils/compliance';
import { referencedResource } from '../../utils/references';
import { literalString, resolveList } from '../../utils/resolve';
import { plural } from '../finding-text';

/** The ID of the default user ElastiCache creates in every account and Region. */
const BUILT_IN_DEFAULT_USER_ID = 'default';

/**
 * A user group ElastiCache accepts, with members that must authenticate:
 *
 * - VALKEY: "A user group configured for the "VALKEY" engine can only contain users who are using an authentication
 *   mechanism (either password or IAM)": a member of the app that needs no password is non-compliant (the
 *   deployment fails, and the group is meant to authenticate everyone).
 * - REDIS: "A user named default must be included" (AWS::ElastiCache::UserGroup UserIds): a group whose members are
 *   all known and none is named `default` (a user of the app with UserName `default`, or the ID `default`) is
 *   non-compliant.
 *
 * Members that are not users of the app (literal IDs, imports) are taken as they are; a deploy-time list cannot be
 * judged and passes (a Redis group without `default` fails its deployment visibly).
 */
export function ElastiCacheUserGroupMembers(node: CfnResource): NagRuleCompliance {
  if (!(node instanceof CfnUserGroup)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const list = resolveList(node, node.userIds);
  if (list.kind !== 'list' || !Array.isArray(node.userIds)) {
    if (list.kind === 'absent') {
      noteFindingDetail('`UserIds` is not set; a user group needs members');
      return NagRuleCompliance.NON_COMPLIANT;
    }
    return NagRuleCompliance.COMPLIANT;
  }
  const members = node.userIds.map((value) => ({ value, user: referencedResource(node, value) }));
  const engine = literalString(node, node.engine)?.toLowerCase();
  if (engine === 'valkey') {
    const open = members.map((m, index) => ({ ...m, index })).filter((m) => m.user instanceof CfnUser && opensWithoutPassword(m.user));
    if (open.length > 0) {
      noteFindingDetail(() => `${open.map((m) => `\`UserIds[${m.index}]\` is user ${m.user?.node.path}, which needs no password`).join(' and ')}; ` +
        'a VALKEY user group only accepts users who authenticate (password or IAM)');
      return NagRuleCompliance.NON_COMPLIANT;
    }
    return NagRuleCompliance.COMPLIANT;
  }
  if (engine === 'redis') {
    const isDefault = (m: { value: unknown; user: CfnResource | undefined }) =>
      m.user instanceof CfnUser
        ? literalString(m.user, m.user.userName) === 'default'
        : m.user === undefined && (literalString(node, m.value) === BUILT_IN_DEFAULT_USER_ID || literalString(node, m.value) === undefined);
    if (members.some(isDefault)) {
      return NagRuleCompliance.COMPLIANT;
    }
    noteFindingDetail(() => `\`UserIds\` (${plural(members.length, 'user')}) has no user named 'default'; ` +
      'a REDIS user group must include the user named default');
    return NagRuleCompliance.NON_COMPLIANT;
  }
  return NagRuleCompliance.COMPLIANT; // a deploy-time engine: nothing to judge
}
