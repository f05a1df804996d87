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
 * (AWS managed keys are normally addressed by their `alias/aws/...` name, which is detected). So is a key ARN that is
 * literal but for pseudo parameters (`Stack.formatArn`, `Key.fromKeyArn` of it); any other deploy-time value is
 * UNKNOWN. An empty ID is ABSENT.
 */
export function keyOwnership(node: CfnResource, value: unknown): KeyOwnership {
  const r = resolvePrimitive(node, value);
  // an empty ID names no key (SNS reads an empty KmsMasterKeyId as "no encryption")
  if (r.kind === 'absent' || (r.kind === 'literal' && String(r.value).trim() === '')) {
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
  if (JSON.stringify(r.expression).includes('alias/aws/')) {
    return KeyOwnership.AWS_MANAGED;
  }
  // `Stack.formatArn` (and `Key.fromKeyArn` of it) is literal but for the partition, region and account the stack
  // deploys to: its key ID or alias name is literal, and is taken as a literal one is
  const arn = literalButPseudoParameters(r.expression);
  return arn !== undefined && KMS_ARN_WITH_LITERAL_RESOURCE.test(arn) ? KeyOwnership.CUSTOMER : KeyOwnership.UNKNOWN;
}

/** The pseudo parameters: where the stack deploys, never which key it names. */
const PSEUDO_PARAMETERS: ReadonlySet<string> = new Set(['AWS::Partition', 'AWS::Region', 'AWS::AccountId', 'AWS::URLSuffix']);

/** How a pseudo parameter reads in the text of an expression (no `:`, so ARN fields stay apart). */
const PSEUDO_PARAMETER_PLACEHOLDER = '{pseudo}';

/** A KMS key or alias ARN whose resource part (`key/<id>`, `alias/<name>`) is literal. */
const KMS_ARN_WITH_LITERAL_RESOURCE = /^arn:[^:]*:kms:[^:]*:[^:]*:(key|alias)\/[^{}$]+$/;

/**
 * The text of an expression that is literal but for pseudo parameters (`Fn::Join` of strings and `Ref`s to them, as
 * `Stack.formatArn` renders, or an `Fn::Sub` whose only variables they are), each pseudo parameter read as
 * `{pseudo}`; undefined for anything else (a parameter, an import, an Fn::If...).
 */
function literalButPseudoParameters(expression: unknown): string | undefined {
  if (typeof expression === 'string') {
    return expression;
  }
  if (typeof expression !== 'object' || expression === null || Object.keys(expression).length !== 1) {
    return undefined;
  }
  const record = expression as Record<string, unknown>;
  if (typeof record.Ref === 'string') {
    return PSEUDO_PARAMETERS.has(record.Ref) ? PSEUDO_PARAMETER_PLACEHOLDER : undefined;
  }
  const join = record['Fn::Join'];
  if (Array.isArray(join) && join.length === 2 && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = join[1].map(literalButPseudoParameters);
    return parts.every((part): part is string => part !== undefined) ? parts.join(join[0]) : undefined;
  }
  const sub = record['Fn::Sub'];
  if (typeof sub === 'string') {
    const variables = [...sub.matchAll(/\$\{([^}]*)\}/g)].map((match) => match[1]);
    return variables.every((name) => PSEUDO_PARAMETERS.has(name)) ? sub.replace(/\$\{([^}]*)\}/g, PSEUDO_PARAMETER_PLACEHOLDER) : undefined;
  }
  return undefined;
}
