import type { CfnResource } from 'aws-cdk-lib';
import { CfnUser } from 'aws-cdk-lib/aws-elasticache';
import { NagRuleCompliance } from 'cdk-nag';
import { compliantIf } from '../../utils/compliance';
import { isLiteralFalse, literalString, resolvePrimitive, resolveValue, structField } from '../../utils/resolve';

/** True when the user can log in without a password: NoPasswordRequired true, or authentication type `no-password-required`. */
export function opensWithoutPassword(node: CfnUser): boolean {
  // deploy-time values could open the door (fail closed)
  const flag = resolvePrimitive(node, node.noPasswordRequired);
  const flagOpen = flag.kind === 'unresolved' || (flag.kind === 'literal' && !isLiteralFalse(node, node.noPasswordRequired));
  const mode = resolveValue(node, node.authenticationMode);
  if (mode === undefined || mode === null) {
    return flagOpen;
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
 * An ElastiCache user that needs no password (NoPasswordRequired true or AuthenticationMode `no-password-required`)
 * must be switched off in its AccessString: otherwise anyone who reaches the port is that user.
 */
export function ElastiCacheUserPasswordRequired(node: CfnResource): NagRuleCompliance {
  if (!(node instanceof CfnUser)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return compliantIf(!opensWithoutPassword(node) || isSwitchedOff(node));
}
