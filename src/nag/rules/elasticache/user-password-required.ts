import type { CfnResource } from 'aws-cdk-lib';
import { CfnUser } from 'aws-cdk-lib/aws-elasticache';
import { NagRuleCompliance } from 'cdk-nag';
import { compliantIf } from '../../utils/compliance';
import { isLiteralFalse, literalString, resolvePrimitive, resolveValue, structField } from '../../utils/resolve';
import { describeProperty, ONLY_KNOWN_AT_DEPLOYMENT } from '../finding-text';

/** True when the user can log in without a password: NoPasswordRequired true, or authentication type `no-password-required`. */
export function opensWithoutPassword(node: CfnUser): boolean {
  // deploy-time values could open the door (fail closed)
  const flag = resolvePrimitive(node, node.noPasswordRequired);
  const flagOpen = flag.kind === 'unresolved' || (flag.kind === 'literal' && !isLiteralFalse(node, node.noPasswordRequired));
  const mode = resolveValue(node, node.authenticationMode);
  if (resolvePrimitive(node, node.authenticationMode).kind === 'absent') {
    return flagOpen; // not set (also `Aws.NO_VALUE`)
  }
  const type = structField(mode, 'type');
  return flagOpen || typeof type !== 'string' || type.trim().toLowerCase() === 'no-password-required';
}

/** True when the access string switches the user off: the last `on`/`off` keyword is `off`. */
function isSwitchedOff(node: CfnUser): boolean {
  const accessString = literalString(node, node.accessString);
  if (accessString === undefined) {
    return false; // absent or deploy-time: not provably off
  }
  const switches = accessString.trim().toLowerCase().split(/\s+/).filter((word) => word === 'on' || word === 'off');
  return switches.length > 0 && switches[switches.length - 1] === 'off';
}

/**
 * Why the user is open and switched on, e.g. "`NoPasswordRequired` is true and `AccessString` is 'on ~* +@all'". The
 * passwords (`Passwords`, `AuthenticationMode.Passwords`) are never read.
 */
function openUserFinding(node: CfnUser): string {
  const found: string[] = [];
  const flag = resolvePrimitive(node, node.noPasswordRequired);
  if (flag.kind === 'unresolved' || (flag.kind === 'literal' && !isLiteralFalse(node, node.noPasswordRequired))) {
    found.push(describeProperty(node, 'NoPasswordRequired', node.noPasswordRequired));
  }
  if (resolvePrimitive(node, node.authenticationMode).kind !== 'absent') {
    const mode = resolveValue(node, node.authenticationMode);
    const type = structField(mode, 'type');
    const intrinsic = typeof mode !== 'object' || mode === null || Object.keys(mode).some((key) => key === 'Ref' || key.startsWith('Fn::'));
    if (intrinsic) {
      found.push(`\`AuthenticationMode\` ${ONLY_KNOWN_AT_DEPLOYMENT}`);
    } else if (typeof type !== 'string') {
      found.push(type === undefined ? '`AuthenticationMode.Type` is not set' : `\`AuthenticationMode.Type\` ${ONLY_KNOWN_AT_DEPLOYMENT}`);
    } else if (type.trim().toLowerCase() === 'no-password-required') {
      found.push(`\`AuthenticationMode.Type\` is '${type}'`);
    }
  }
  const accessString = literalString(node, node.accessString);
  found.push(accessString === undefined
    ? describeProperty(node, 'AccessString', node.accessString)
    : `\`AccessString\` is '${accessString}', which does not switch the user off`);
  return `${found.join(' and ')}; a password, or 'off' in \`AccessString\`, is required`;
}

/**
 * An ElastiCache user that needs no password (NoPasswordRequired true or AuthenticationMode `no-password-required`)
 * must be switched off in its AccessString: otherwise anyone who reaches the port is that user.
 */
export function ElastiCacheUserPasswordRequired(node: CfnResource): NagRuleCompliance {
  if (!(node instanceof CfnUser)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return compliantIf(!opensWithoutPassword(node) || isSwitchedOff(node), () => openUserFinding(node));
}
