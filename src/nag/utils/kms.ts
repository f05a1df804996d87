import type { CfnResource } from 'aws-cdk-lib';
import { CfnAlias, CfnKey, CfnReplicaKey } from 'aws-cdk-lib/aws-kms';
import { referencedResource } from './references';
import { literalString, resolvePrimitive } from './resolve';

/** Who manages the KMS key a property points at. */
export enum KeyOwnership {
  /** Not set: the service uses an AWS owned or AWS managed key. */
  ABSENT = 'absent',
  /** A customer managed key: an AWS::KMS::Key (or ReplicaKey / customer alias) of the app, or a literal key ID/ARN/alias. */
  CUSTOMER = 'customer',
  /** An AWS managed key: `alias/aws/<service>` or its ARN. */
  AWS_MANAGED = 'aws-managed',
  /** A deploy-time value (parameter, import) the template cannot prove anything about. */
  UNKNOWN = 'unknown',
}

const AWS_MANAGED_ALIAS = /(^|:)alias\/aws\//;

/**
 * Classifies a KmsKeyId / KmsMasterKeyId value.
 *
 * A literal key ID cannot be told apart from the ID of an AWS managed key; it is taken as customer managed
 * (AWS managed keys are normally addressed by their `alias/aws/...` name, which is detected).
 */
export function keyOwnership(node: CfnResource, value: unknown): KeyOwnership {
  const r = resolvePrimitive(node, value);
  if (r.kind === 'absent') {
    return KeyOwnership.ABSENT;
  }
  const target = referencedResource(node, value);
  if (target instanceof CfnKey || target instanceof CfnReplicaKey) {
    return KeyOwnership.CUSTOMER;
  }
  if (target instanceof CfnAlias) {
    const aliasName = literalString(target, target.aliasName);
    return aliasName !== undefined && AWS_MANAGED_ALIAS.test(aliasName) ? KeyOwnership.AWS_MANAGED : KeyOwnership.CUSTOMER;
  }
  if (r.kind === 'literal') {
    return AWS_MANAGED_ALIAS.test(String(r.value)) ? KeyOwnership.AWS_MANAGED : KeyOwnership.CUSTOMER;
  }
  // an expression built around an AWS managed alias (e.g. an ARN joined from `alias/aws/sns`) is still AWS managed
  return JSON.stringify(r.expression).includes('alias/aws/') ? KeyOwnership.AWS_MANAGED : KeyOwnership.UNKNOWN;
}
