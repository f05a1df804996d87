import type { CfnResource } from 'aws-cdk-lib';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance } from 'cdk-nag';
import { compliantIf, describeProperty } from '../../utils/compliance';
import { isLiteralTrue, literalString, resolvePrimitive } from '../../utils/resolve';

/**
 * Whether `value` is absent (the default applies) or the literal `expected`. A deploy-time value counts as the
 * default here, so the key is treated as rotatable and must rotate (fail closed).
 */
function isDefaultOr(node: CfnKey, value: unknown, expected: string): boolean {
  const r = resolvePrimitive(node, value);
  return r.kind !== 'literal' || literalString(node, value)?.trim().toUpperCase() === expected;
}

/** Only symmetric encryption keys with KMS-generated material can rotate automatically. */
function canRotate(node: CfnKey): boolean {
  return isDefaultOr(node, node.keySpec, 'SYMMETRIC_DEFAULT')
    && isDefaultOr(node, node.keyUsage, 'ENCRYPT_DECRYPT')
    && isDefaultOr(node, node.origin, 'AWS_KMS');
}

/**
 * A symmetric KMS key (KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT, Origin AWS_KMS) has EnableKeyRotation
 * true. Asymmetric, HMAC, imported-material and custom-key-store keys cannot rotate automatically: not applicable.
 */
export function KMSKeyRotation(node: CfnResource): NagRuleCompliance {
  if (!(node instanceof CfnKey) || !canRotate(node)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return compliantIf(isLiteralTrue(node, node.enableKeyRotation), () => `${describeProperty(node, 'EnableKeyRotation', node.enableKeyRotation)}; true is required`);
}
