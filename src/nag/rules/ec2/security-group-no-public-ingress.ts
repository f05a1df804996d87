import type { CfnResource } from 'aws-cdk-lib';
import { CfnSecurityGroup, CfnSecurityGroupIngress, CfnSubnet, CfnVPC } from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance } from 'cdk-nag';
import { compliantIf, noteFindingDetail } from '../../utils/compliance';
import { referencedAttribute } from '../../utils/references';
import { resolveList, resolvePrimitive, resolveValue, structField } from '../../utils/resolve';
import { ONLY_KNOWN_AT_DEPLOYMENT } from '../finding-text';

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

/** What an open CIDR property holds: "`CidrIp` is '0.0.0.0/0'" or deploy-time; undefined when it is not open. */
function openCidrFinding(node: CfnResource, name: string, cidr: unknown): string | undefined {
  if (!cidrIsOpen(node, cidr)) {
    return undefined;
  }
  const r = resolvePrimitive(node, followCidrReference(node, cidr));
  return r.kind === 'literal' ? `\`${name}\` is '${r.value}'` : `\`${name}\` ${ONLY_KNOWN_AT_DEPLOYMENT}`;
}

/** The open CIDRs of one ingress rule, `prefix` naming where it is (`SecurityGroupIngress[0].`). */
function openCidrFindings(node: CfnResource, prefix: string, cidrIp: unknown, cidrIpv6: unknown): string[] {
  return [openCidrFinding(node, `${prefix}CidrIp`, cidrIp), openCidrFinding(node, `${prefix}CidrIpv6`, cidrIpv6)]
    .filter((finding): finding is string => finding !== undefined);
}

/** The limit every finding of the rule states. */
const NO_PUBLIC_SOURCE = 'a source narrower than the whole internet (prefix length above 0) is required';

/** The open CIDRs of the inline rules, by their index in the template. */
function inlineFinding(node: CfnSecurityGroup): string {
  const resolved = resolveValue(node, node.securityGroupIngress);
  const rules = Array.isArray(resolved) ? resolved : [];
  const found = rules.flatMap((rule, index) => openCidrFindings(node, `SecurityGroupIngress[${index}].`,
    structField(rule, 'cidrIp'), structField(rule, 'cidrIpv6')));
  return `${found.join(' and ')}; ${NO_PUBLIC_SOURCE}`;
}

/**
 * No ingress from 0.0.0.0/0 or ::/0, on any port (inline SecurityGroupIngress and standalone
 * AWS::EC2::SecurityGroupIngress). Sources that are security groups or prefix lists are fine.
 */
export function EC2SecurityGroupNoPublicIngress(node: CfnResource): NagRuleCompliance {
  if (node instanceof CfnSecurityGroupIngress) {
    return compliantIf(!cidrIsOpen(node, node.cidrIp) && !cidrIsOpen(node, node.cidrIpv6),
      () => `${openCidrFindings(node, '', node.cidrIp, node.cidrIpv6).join(' and ')}; ${NO_PUBLIC_SOURCE}`);
  }
  if (node instanceof CfnSecurityGroup) {
    const rules = resolveList(node, node.securityGroupIngress);
    if (rules.kind === 'unresolved') {
      noteFindingDetail(`\`SecurityGroupIngress\` ${ONLY_KNOWN_AT_DEPLOYMENT}; ${NO_PUBLIC_SOURCE}`);
      return NagRuleCompliance.NON_COMPLIANT;
    }
    return compliantIf(rules.kind === 'absent' || !rules.items.some((rule) => ruleIsOpen(node, rule)), () => inlineFinding(node));
  }
  return NagRuleCompliance.NOT_APPLICABLE;
}
