import type { CfnResource } from 'aws-cdk-lib';
import { CfnSecurityGroup, CfnSecurityGroupIngress } from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance } from 'cdk-nag';
import { compliantIf } from '../../utils/compliance';
import { resolveList, resolvePrimitive, structField } from '../../utils/resolve';

/** A CIDR with prefix length 0 (`0.0.0.0/0`, `::/0`, `::0/0` ...) is the whole internet. */
function isWholeInternet(cidr: string): boolean {
  const [, prefix] = cidr.trim().split('/');
  return prefix !== undefined && Number(prefix) === 0;
}

/** True when a CIDR value is open to the internet, or only known at deploy time (fail closed). */
function cidrIsOpen(node: CfnResource, cidr: unknown): boolean {
  const r = resolvePrimitive(node, cidr);
  if (r.kind === 'absent') {
    return false;
  }
  return r.kind === 'unresolved' || isWholeInternet(String(r.value));
}

function ruleIsOpen(node: CfnResource, rule: unknown): boolean {
  return cidrIsOpen(node, structField(rule, 'cidrIp')) || cidrIsOpen(node, structField(rule, 'cidrIpv6'));
}

/**
 * No ingress from 0.0.0.0/0 or ::/0, on any port (inline SecurityGroupIngress and standalone
 * AWS::EC2::SecurityGroupIngress). Sources that are security groups or prefix lists are fine.
 */
export function EC2SecurityGroupNoPublicIngress(node: CfnResource): NagRuleCompliance {
  if (node instanceof CfnSecurityGroupIngress) {
    return compliantIf(!cidrIsOpen(node, node.cidrIp) && !cidrIsOpen(node, node.cidrIpv6));
  }
  if (node instanceof CfnSecurityGroup) {
    const rules = resolveList(node, node.securityGroupIngress);
    if (rules.kind === 'unresolved') {
      return NagRuleCompliance.NON_COMPLIANT;
    }
    return compliantIf(rules.kind === 'absent' || !rules.items.some((rule) => ruleIsOpen(node, rule)));
  }
  return NagRuleCompliance.NOT_APPLICABLE;
}
