import type { CfnResource } from 'aws-cdk-lib';
import { CfnSecurityGroup, CfnSecurityGroupIngress, CfnSubnet, CfnVPC } from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance } from 'cdk-nag';
import { compliantIf } from '../../utils/compliance';
import { referencedAttribute } from '../../utils/references';
import { resolveList, resolvePrimitive, structField } from '../../utils/resolve';

/** A CIDR with prefix length 0 (`0.0.0.0/0`, `::/0`, `::0/0` ...) is the whole internet. */
function isWholeInternet(cidr: string): boolean {
  const [, prefix] = cidr.trim().split('/');
  return prefix !== undefined && Number(prefix) === 0;
}

/**
 * `Fn::GetAtt` of the `CidrBlock` of a VPC or subnet in the app (what `Peer.ipv4(vpc.vpcCidrBlock)` writes, e.g. for
 * interface endpoints) reads that resource's own `CidrBlock` property.
 */
function followCidrReference(node: CfnResource, cidr: unknown): unknown {
  const ref = referencedAttribute(node, cidr);
  if (ref?.attribute === 'CidrBlock' && (ref.resource instanceof CfnVPC || ref.resource instanceof CfnSubnet)) {
    return ref.resource.cidrBlock;
  }
  return cidr;
}

/** True when a CIDR value is open to the internet, or only known at deploy time (fail closed). */
function cidrIsOpen(node: CfnResource, cidr: unknown): boolean {
  const r = resolvePrimitive(node, followCidrReference(node, cidr));
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
