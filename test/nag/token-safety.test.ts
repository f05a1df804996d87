/* eslint-disable no-template-curly-in-string -- Fn::Sub templates (`${AWS::Region}`) are plain strings here */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  App,
  Aws,
  CfnCondition,
  CfnParameter,
  CfnResource,
  Fn,
  type IPolicyValidationContext,
  Lazy,
  NestedStack,
  SecretValue,
  Stack,
  Token,
  Validations,
} from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { NagRuleCompliance } from 'cdk-nag';
import * as fc from 'fast-check';
import { bestCacheClusterProps, compliantReplicationGroup, compliantServerlessCacheProps, newStack } from './fixtures';
import { CompliantRedisReplicationGroup } from '../../src';
import { HitrustValidationError } from '../../src/private/errors';
import { cacheStack } from '../helpers/cache-stack';
import { replicationGroup, runRule, type Build } from './rules/builders';
import { HitrustChecks } from '../../src/nag';
import { HITRUST_RULES, ruleFunction } from '../../src/nag/catalog';
import { ElastiCacheDistinctAZs, ElastiCacheReplicaPerShard, ElastiCacheUserPasswordRequired } from '../../src/nag/rules/elasticache';
import { EventBridgeRuleTarget, CloudWatchAlarmAction } from '../../src/nag/rules/monitoring';
import { finalView } from '../../src/nag/utils/final-view';
import { referencedResource } from '../../src/nag/utils/references';
import { resolvePrimitive, resolveValue } from '../../src/nag/utils/resolve';

/**
 * Token safety: no rule throws on any token or intrinsic. Every value is a literal, a reference the pack can follow,
 * or deploy-time; each gets a COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE outcome, never "Rule threw an error".
 */

/** Runs per `npx projen test` (the inner loop); `npx projen test:thorough`, which CI runs, sets TOKEN_SAFETY_RUNS=300. Raise it for a longer search. */
const RUNS = Number(process.env.TOKEN_SAFETY_RUNS ?? 100);
/** Replays a failure: TOKEN_SAFETY_SEED and TOKEN_SAFETY_PATH are the `seed` and `path` fast-check printed. */
const REPLAY = process.env.TOKEN_SAFETY_SEED === undefined
  ? {}
  : { seed: Number(process.env.TOKEN_SAFETY_SEED), path: process.env.TOKEN_SAFETY_PATH };

const RULE_OPTIONS = { minimumSnapshotRetentionDays: 35 };
const OUTCOMES: readonly unknown[] = [NagRuleCompliance.COMPLIANT, NagRuleCompliance.NON_COMPLIANT, NagRuleCompliance.NOT_APPLICABLE];

// ---------------------------------------------------------------------------------------------------------------
// Values: a label (printed in counterexamples) and how to make the value in a stack
// ---------------------------------------------------------------------------------------------------------------

/** Where a value is made: the stack of the resource being built, and the resources built before it. */
interface Ctx {
  readonly stack: Stack;
  readonly pool: readonly CfnResource[];
  uid(prefix: string): string;
}

/** A generated property value. */
class V {
  constructor(public readonly label: string, public readonly make: (ctx: Ctx) => unknown) {}
  public toString(): string {
    return this.label;
  }
  public [fc.toStringMethod](): string {
    return this.label;
  }
}

const v = (label: string, make: (ctx: Ctx) => unknown): V => new V(label, make);
const lit = (literal: unknown): V => v(JSON.stringify(literal) ?? 'undefined', () => literal);
const ABSENT = v('absent', () => undefined);

/** A value that sets its property: a required property (or field) the L1 insists on, which may still be a token. */
const isSet = (x: V): boolean => x.label !== 'absent' && x.label !== 'null' && !x.label.endsWith('(undefined)');

/** A resource built before the one being built (by index), or undefined when there is none yet. */
function pooled(ctx: Ctx, index: number): CfnResource | undefined {
  return ctx.pool.length === 0 ? undefined : ctx.pool[index % ctx.pool.length];
}

function logicalIdOf(resource: CfnResource): string {
  return Stack.of(resource).resolve(resource.logicalId) as string;
}

const ATTRIBUTES = ['Arn', 'GroupId', 'CidrBlock', 'TopicArn', 'KeyId', 'Id'];

/**
 * References to resources of the app built before (same stack, another stack, a nested stack), in every shape: to a
 * resource of one of `types` (the kind the property names) when there is one, else to any.
 */
function referenceTo(...types: string[]): fc.Arbitrary<V> {
  const attributes = types.includes('AWS::EC2::VPC') ? ['CidrBlock'] : ATTRIBUTES;
  return fc.tuple(fc.nat(), fc.constantFrom(...attributes), fc.integer({ min: 0, max: 8 })).map(([index, attribute, shape]) =>
    v(`reference#${index} to ${types.join('|') || 'any'} shape ${shape} (${attribute})`, (ctx) => {
      const ofType = ctx.pool.filter((r) => types.includes(r.cfnResourceType));
      const target = ofType.length > 0 ? ofType[index % ofType.length] : pooled(ctx, index);
      return target === undefined ? Fn.importValue('NothingBuiltYet') : referenceShape(ctx, target, attribute, shape);
    }));
}

const referenceArb = referenceTo();

function referenceShape(ctx: Ctx, target: CfnResource, attribute: string, shape: number): unknown {
  switch (shape) {
    case 0: return target.ref;
    case 1: return Token.asString(target.getAtt(attribute));
    case 2: return `${target.ref}-suffix`; // a concatenation: no single resource
    case 3: return { Ref: logicalIdOf(target) }; // hand-written, raw
    case 4: return { 'Fn::GetAtt': [logicalIdOf(target), attribute] };
    case 5: return { 'Fn::GetAtt': `${logicalIdOf(target)}.${attribute}` };
    case 6: return Token.asString({ Ref: logicalIdOf(target) });
    case 7: return Lazy.string({ produce: () => target.ref });
    default: return Fn.join('', [Stack.of(ctx.stack).formatArn({ service: 'x', resource: 'y' }), target.ref]);
  }
}

const conditionIf = (a: unknown, b: unknown) => Fn.conditionIf('Cond', a, b);
const kmsKeyArn = (ctx: Ctx, resourceName = 'abc') => Stack.of(ctx.stack).formatArn({ service: 'kms', resource: 'key', resourceName });

/** String tokens of every kind (and raw intrinsics, which L1 props accept too). */
const STRING_TOKENS: readonly V[] = [
  v("Fn.importValue('X')", () => Fn.importValue('X')),
  v("Fn.join('', ['a', Aws.REGION])", () => Fn.join('', ['a', Aws.REGION])),
  v("Fn.join(':', [arn parts with pseudo parameters])", () => Fn.join(':', ['arn', Aws.PARTITION, 'kms', Aws.REGION, Aws.ACCOUNT_ID, 'key/abc'])),
  v("Fn.select(0, Fn.split(',', 'a,b'))", () => Fn.select(0, Fn.split(',', 'a,b'))),
  v("Fn.select(0, Fn.split(',', Fn.importValue('L')))", () => Fn.select(0, Fn.split(',', Fn.importValue('L')))),
  v('Fn.select(1, Fn.getAzs())', () => Fn.select(1, Fn.getAzs())),
  v('CfnParameter.valueAsString', (ctx) => new CfnParameter(ctx.stack, ctx.uid('P'), { type: 'String' }).valueAsString),
  v('CfnParameter(noEcho).valueAsString', (ctx) => new CfnParameter(ctx.stack, ctx.uid('P'), { type: 'String', noEcho: true }).valueAsString),
  v('Token.asString(CfnParameter.valueAsNumber)', (ctx) => Token.asString(new CfnParameter(ctx.stack, ctx.uid('P'), { type: 'Number' }).valueAsNumber)),
  v('ssm.StringParameter.valueForStringParameter', (ctx) => ssm.StringParameter.valueForStringParameter(ctx.stack, '/hitrust/value')),
  v("Lazy.string('x')", () => Lazy.string({ produce: () => 'x' })),
  v('Lazy.string(undefined)', () => Lazy.string({ produce: () => undefined })),
  v("Lazy.string(Fn.importValue('X'))", () => Lazy.string({ produce: () => Fn.importValue('X') })),
  v("Lazy.string('alias/aws/elasticache')", () => Lazy.string({ produce: () => 'alias/aws/elasticache' })),
  v('formatArn(kms key/abc)', (ctx) => kmsKeyArn(ctx)),
  v('formatArn(kms alias/aws/elasticache)', (ctx) => Stack.of(ctx.stack).formatArn({ service: 'kms', resource: 'alias', resourceName: 'aws/elasticache' })),
  v('formatArn(sns topic)', (ctx) => Stack.of(ctx.stack).formatArn({ service: 'sns', resource: 'events' })),
  v("Fn.conditionIf('Cond', 'a', 'b')", () => Token.asString(conditionIf('a', 'b'))),
  v("Fn.conditionIf('Cond', Fn.importValue('X'), Aws.NO_VALUE)", () => Token.asString(conditionIf(Fn.importValue('X'), Aws.NO_VALUE))),
  v("Token.asString({ Ref: 'Something' })", () => Token.asString({ Ref: 'Something' })),
  v('Aws.ACCOUNT_ID', () => Aws.ACCOUNT_ID),
  v('Aws.NO_VALUE', () => Aws.NO_VALUE),
  v('Key.fromKeyArn(formatArn).keyArn', (ctx) => kms.Key.fromKeyArn(ctx.stack, ctx.uid('K'), kmsKeyArn(ctx)).keyArn),
  v('Key.fromKeyArn(formatArn).keyId', (ctx) => kms.Key.fromKeyArn(ctx.stack, ctx.uid('K'), kmsKeyArn(ctx)).keyId),
  v("Key.fromKeyArn(Fn.importValue('KeyArn')).keyArn", (ctx) => kms.Key.fromKeyArn(ctx.stack, ctx.uid('K'), Fn.importValue('KeyArn')).keyArn),
  v("Alias.fromAliasName('alias/aws/elasticache').keyArn", (ctx) => kms.Alias.fromAliasName(ctx.stack, ctx.uid('A'), 'alias/aws/elasticache').keyArn),
  v("Alias.fromAliasName('alias/aws/elasticache').aliasName", (ctx) => kms.Alias.fromAliasName(ctx.stack, ctx.uid('A'), 'alias/aws/elasticache').aliasName),
  v("Fn.sub('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/elasticache')",
    () => Fn.sub('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/elasticache')),
  v("`prefix-${Fn.importValue('X')}`", () => `prefix-${Fn.importValue('X')}`),
  v('`${Aws.ACCOUNT_ID}:${Aws.REGION}`', () => `${Aws.ACCOUNT_ID}:${Aws.REGION}`),
  v("SecretValue.secretsManager('s').unsafeUnwrap()", () => SecretValue.secretsManager('s').unsafeUnwrap()),
  v("SecretValue.ssmSecure('p').unsafeUnwrap()", () => SecretValue.ssmSecure('p').unsafeUnwrap()),
  v("Fn.base64('x')", () => Fn.base64('x')),
  v("Fn.findInMap('M', 'a', 'b')", () => Fn.findInMap('M', 'a', 'b')),
  v("Fn.getAtt('Missing', 'Arn')", () => Token.asString(Fn.getAtt('Missing', 'Arn'))),
  v('Stack.toJsonString({ r: Aws.REGION })', (ctx) => Stack.of(ctx.stack).toJsonString({ r: Aws.REGION })),
  v("Fn.join(',', CfnParameter.valueAsList)", (ctx) => Fn.join(',', new CfnParameter(ctx.stack, ctx.uid('P'), { type: 'CommaDelimitedList' }).valueAsList)),
  v("Token.asString(Lazy.any({ Ref: 'X' }))", () => Token.asString(Lazy.any({ produce: () => ({ Ref: 'X' }) }))),
  v('Token.asString(CfnParameter.value)', (ctx) => Token.asString(new CfnParameter(ctx.stack, ctx.uid('P')).value)),
  // raw intrinsics (an escape hatch, JavaScript, or `as any`)
  v("{ Ref: 'Something' }", () => ({ Ref: 'Something' })),
  v("{ 'Fn::GetAtt': ['X', 'Arn'] }", () => ({ 'Fn::GetAtt': ['X', 'Arn'] })),
  v("{ 'Fn::GetAtt': 'X.Arn' }", () => ({ 'Fn::GetAtt': 'X.Arn' })),
  v("{ 'Fn::ImportValue': 'Y' }", () => ({ 'Fn::ImportValue': 'Y' })),
  v("{ 'Fn::If': ['Cond', 'a', { Ref: 'AWS::NoValue' }] }", () => ({ 'Fn::If': ['Cond', 'a', { Ref: 'AWS::NoValue' }] })),
  v("{ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }", () => ({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] })),
  v("{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kms:::alias/aws/sns']] }",
    () => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kms:::alias/aws/sns']] })),
  v("{ Ref: 'AWS::NoValue' }", () => ({ Ref: 'AWS::NoValue' })),
  v("{ 'Fn::GetAtt': [1, 2] }", () => ({ 'Fn::GetAtt': [1, 2] })),
  v('{ Ref: 5 }', () => ({ Ref: 5 })),
  v("{ 'Fn::GetAtt': null }", () => ({ 'Fn::GetAtt': null })),
  v("{ 'Fn::GetAtt': 'NoDot' }", () => ({ 'Fn::GetAtt': 'NoDot' })),
];

/** Number tokens of every kind. */
const NUMBER_TOKENS: readonly V[] = [
  v('CfnParameter.valueAsNumber', (ctx) => new CfnParameter(ctx.stack, ctx.uid('P'), { type: 'Number' }).valueAsNumber),
  v('Lazy.number(35)', () => Lazy.number({ produce: () => 35 })),
  v('Lazy.number(undefined)', () => Lazy.number({ produce: () => undefined })),
  v('Lazy.number(CfnParameter.valueAsNumber)', (ctx) => Lazy.number({ produce: () => new CfnParameter(ctx.stack, ctx.uid('P'), { type: 'Number' }).valueAsNumber })),
  v("Token.asNumber(Fn.importValue('N'))", () => Token.asNumber(Fn.importValue('N'))),
  v("Token.asNumber(Fn.conditionIf('Cond', 1, 40))", () => Token.asNumber(conditionIf(1, 40))),
  v("Token.asNumber({ Ref: 'N' })", () => Token.asNumber({ Ref: 'N' })),
  v('Token.asNumber(Aws.NO_VALUE)', () => Token.asNumber(Aws.NO_VALUE)),
  v("Token.asNumber(Fn.select(0, Fn.split(',', Fn.importValue('N'))))", () => Token.asNumber(Fn.select(0, Fn.split(',', Fn.importValue('N'))))),
  v("{ Ref: 'N' }", () => ({ Ref: 'N' })),
  v("{ 'Fn::If': ['Cond', 35, 1] }", () => ({ 'Fn::If': ['Cond', 35, 1] })),
  v('NaN', () => NaN),
  v('Infinity', () => Infinity),
];

/** Boolean tokens of every kind. */
const BOOLEAN_TOKENS: readonly V[] = [
  v('CfnParameter.value', (ctx) => new CfnParameter(ctx.stack, ctx.uid('P'), { type: 'String', allowedValues: ['true', 'false'] }).value),
  v("Fn.conditionIf('Cond', true, false)", () => conditionIf(true, false)),
  v("Fn.conditionEquals(Aws.REGION, 'us-east-1')", () => Fn.conditionEquals(Aws.REGION, 'us-east-1')),
  v('Lazy.any(true)', () => Lazy.any({ produce: () => true })),
  v('Lazy.any(undefined)', () => Lazy.any({ produce: () => undefined })),
  v("Token.asAny(Fn.importValue('B'))", () => Token.asAny(Fn.importValue('B'))),
  v("Fn.importValue('B') (a string token)", () => Fn.importValue('B')),
  v("{ Ref: 'B' }", () => ({ Ref: 'B' })),
  v('Aws.NO_VALUE', () => Aws.NO_VALUE),
];

/** List tokens of every kind. */
const LIST_TOKENS: readonly V[] = [
  v('CfnParameter.valueAsList', (ctx) => new CfnParameter(ctx.stack, ctx.uid('P'), { type: 'CommaDelimitedList' }).valueAsList),
  v("Fn.split(',', Fn.importValue('L'))", () => Fn.split(',', Fn.importValue('L'))),
  v("Fn.split(',', 'a,b')", () => Fn.split(',', 'a,b')),
  v("Token.asList(Fn.importValue('L'))", () => Token.asList(Fn.importValue('L'))),
  v("Token.asList({ Ref: 'L' })", () => Token.asList({ Ref: 'L' })),
  v("Token.asList(Fn.conditionIf('Cond', ['a'], Aws.NO_VALUE))", () => Token.asList(conditionIf(['a'], Aws.NO_VALUE))),
  v("Lazy.list(['a'])", () => Lazy.list({ produce: () => ['a'] })),
  v('Lazy.list(undefined)', () => Lazy.list({ produce: () => undefined })),
  v("Lazy.any(['a', Aws.NO_VALUE])", () => Lazy.any({ produce: () => ['a', Aws.NO_VALUE] })),
  v('Fn.getAzs()', () => Fn.getAzs()),
  v("Fn.cidr('10.0.0.0/16', 2)", () => Fn.cidr('10.0.0.0/16', 2)),
  v('ssm.StringListParameter.valueForTypedListParameter', (ctx) => ssm.StringListParameter.valueForTypedListParameter(ctx.stack, '/hitrust/list')),
  v("{ 'Fn::Split': [',', 'a,b'] }", () => ({ 'Fn::Split': [',', 'a,b'] })),
  v("{ Ref: 'L' }", () => ({ Ref: 'L' })),
  v("Fn.importValue('L') (a string token)", () => Fn.importValue('L')),
  v('Aws.NO_VALUE', () => Aws.NO_VALUE),
  v('[]', () => []),
];

/** Whole-struct tokens (a struct property given as one deploy-time value). */
const STRUCT_TOKENS: readonly V[] = [
  v('CfnParameter.value', (ctx) => new CfnParameter(ctx.stack, ctx.uid('P')).value),
  v("Token.asAny(Fn.importValue('S'))", () => Token.asAny(Fn.importValue('S'))),
  v("Fn.conditionIf('Cond', {}, Aws.NO_VALUE)", () => conditionIf({}, Aws.NO_VALUE)),
  v('Lazy.any(undefined)', () => Lazy.any({ produce: () => undefined })),
  v("{ Ref: 'S' }", () => ({ Ref: 'S' })),
  v("Fn.importValue('S') (a string token)", () => Fn.importValue('S')),
  v('Aws.NO_VALUE', () => Aws.NO_VALUE),
];

/** Mostly the property's own literals (so rules go deep), often a token, sometimes absent. */
function propValue(literals: fc.Arbitrary<V>, tokens: readonly V[], references: boolean = true): fc.Arbitrary<V> {
  return fc.oneof(
    { arbitrary: literals, weight: 4 },
    { arbitrary: fc.constantFrom(...tokens), weight: 4 },
    ...(references ? [{ arbitrary: referenceArb, weight: 2 }] : []),
    { arbitrary: fc.constant(ABSENT), weight: 1 },
  );
}

const str = (...literals: string[]) => propValue(fc.constantFrom(...literals).map(lit), STRING_TOKENS);
/**
 * A string prop the L1 constructor checks is a string (`IKeyRef | string` and the like): a raw intrinsic can only be
 * given wrapped in `Token.asString`, and null not at all.
 */
const strict = (arb: fc.Arbitrary<V>) => arb.map((x) => v(x.label, (ctx) => {
  const made = x.make(ctx);
  return made === null ? undefined : typeof made === 'object' ? Token.asString(made) : made;
}));
const strictStr = (...literals: string[]) => strict(str(...literals));
const num = (...literals: number[]) => propValue(fc.constantFrom(...literals).map(lit), NUMBER_TOKENS, false);
const bool = () => propValue(fc.constantFrom(true, false).map(lit), BOOLEAN_TOKENS, false);

/** A string prop that names a resource: its literals and tokens, or often a reference to a resource of `types`. */
function refs(arb: fc.Arbitrary<V>, ...types: string[]): fc.Arbitrary<V> {
  return fc.oneof({ arbitrary: arb, weight: 3 }, { arbitrary: referenceTo(...types), weight: 2 });
}

/** A list: literal arrays whose items are strings or tokens (a token inside a literal array), or a list token. */
function list(...literals: string[]): fc.Arbitrary<V> {
  return listOf(str(...literals));
}

function listOf(item: fc.Arbitrary<V>): fc.Arbitrary<V> {
  const array = fc.array(item, { maxLength: 3 }).map((items) =>
    v(`[${items.map(String).join(', ')}]`, (ctx) => items.map((i) => i.make(ctx))));
  return propValue(array, LIST_TOKENS, false);
}

/** A list prop whose items the L1 constructor checks are strings (`ITopicRef | string` and the like). */
const strictList = (...literals: string[]) => strictListOf(str(...literals));
const strictListOf = (item: fc.Arbitrary<V>) => listOf(item).map((x) => v(x.label, (ctx) => {
  const made = x.make(ctx);
  return Array.isArray(made) ? made.map((i) => (i === null ? undefined : typeof i === 'object' ? Token.asString(i) : i)) : made;
}));

/** A struct whose fields are filled property by property, or a whole-struct token, or absent. */
function struct(fields: Record<string, fc.Arbitrary<V>>, ...required: string[]): fc.Arbitrary<V> {
  const withRequired = Object.fromEntries(Object.entries(fields).map(([k, arb]) => [k, required.includes(k) ? arb.filter(isSet) : arb]));
  const literal = fc.record(withRequired, { requiredKeys: required }).map((record) => {
    const entries = Object.entries(record as Record<string, V>);
    return v(`{ ${entries.map(([k, f]) => `${k}: ${f}`).join(', ')} }`, (ctx) =>
      Object.fromEntries(entries.map(([k, f]) => [k, f.make(ctx)]).filter(([, made]) => made !== undefined)));
  });
  return fc.oneof(
    { arbitrary: literal, weight: 6 },
    { arbitrary: fc.constantFrom(...STRUCT_TOKENS), weight: 2 },
    { arbitrary: fc.constant(ABSENT), weight: 1 },
  );
}

/** A list of structs: a literal array (each item a struct or a token), or a list token. */
function structs(fields: Record<string, fc.Arbitrary<V>>, ...required: string[]): fc.Arbitrary<V> {
  const array = fc.array(struct(fields, ...required), { maxLength: 3 }).map((items) =>
    v(`[${items.map(String).join(', ')}]`, (ctx) => items.map((i) => i.make(ctx))));
  // list tokens that resolve to a list of strings are no list of structs (the L1 rejects them at synth)
  const listTokens = LIST_TOKENS.filter((t) => !["Fn.split(',', 'a,b')", "Lazy.list(['a'])", "Lazy.any(['a', Aws.NO_VALUE])"].includes(t.label));
  return fc.oneof({ arbitrary: array, weight: 6 }, { arbitrary: fc.constantFrom(...STRUCT_TOKENS, ...listTokens), weight: 2 });
}

/** JSON values (any value, or an object) with tokens anywhere inside. */
const JSON_KEYS = ['Statement', 'Effect', 'Principal', 'AWS', 'Action', 'Condition', 'Bool', 'aws:SecureTransport', 'Resource'];
const jsonArbs = fc.letrec<{ json: V; object: V }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    str('*', 'Deny', 'Allow', 'sns:Publish', 'false', 'aws:SecureTransport'),
    bool(),
    fc.array(tie('json'), { maxLength: 3 }).map((items) => v(`[${items.map(String).join(', ')}]`, (ctx) => items.map((i) => i.make(ctx)))),
    tie('object'),
  ),
  object: fc.dictionary(fc.constantFrom(...JSON_KEYS), tie('json'), { maxKeys: 4 }).map((record) =>
    v(`{ ${Object.entries(record).map(([k, f]) => `${k}: ${f}`).join(', ')} }`, (ctx) =>
      Object.fromEntries(Object.entries(record).map(([k, f]) => [k, f.make(ctx)])))),
}));

/** A JSON document (a policy: an object, or a whole-document token) with tokens anywhere inside. */
const policyJson: fc.Arbitrary<V> = fc.oneof({ arbitrary: jsonArbs.object, weight: 4 }, { arbitrary: fc.constantFrom(...STRUCT_TOKENS), weight: 1 });

/** The SSL-only statement, with tokens in its fields (so the policy rule looks at every field). */
const sslStatement = struct({
  Effect: str('Deny', 'Allow'),
  Principal: fc.oneof(str('*'), struct({ AWS: list('*', '111111111111') })),
  Action: list('sns:Publish', 'sns:*', '*'),
  Resource: str('*'),
  Condition: struct({ Bool: struct({ 'aws:SecureTransport': str('false', 'true') }) }),
});

// ---------------------------------------------------------------------------------------------------------------
// Resources: every type the catalog's rules apply to, and the types they follow references to
// ---------------------------------------------------------------------------------------------------------------

type Props = Record<string, V>;

interface ResourceKind {
  readonly name: string;
  readonly props: fc.Arbitrary<Props>;
  readonly build: (scope: Stack, id: string, props: Record<string, unknown>) => CfnResource;
}

/** The kind's props; `required` ones are never absent (the L1 constructor insists), though they may be tokens. */
function props(fields: Record<string, fc.Arbitrary<V>>, ...required: string[]): fc.Arbitrary<Props> {
  const withRequired = Object.fromEntries(Object.entries(fields).map(([k, arb]) => [k, required.includes(k) ? arb.filter(isSet) : arb]));
  return fc.record(withRequired) as fc.Arbitrary<Props>;
}

const KEY_IDS = ['alias/aws/elasticache', 'alias/aws/sns', 'alias/phi', 'arn:aws:kms:us-east-1:111111111111:key/abc',
  'arn:aws:kms:us-east-1:111111111111:alias/aws/elasticache', '1234abcd-12ab-34cd-56ef-1234567890ab', ''];
const ENGINES = ['redis', 'valkey', 'memcached', 'Valkey ', 'REDIS', 'other', ''];
const VERSIONS = ['7.1', '6.2', '6.x', '5.0.6', '8', '8.1', 'x', 'latest', ''];
const LOG_DELIVERY = structs({
  logType: str('slow-log', 'engine-log', 'SLOW-LOG'),
  logFormat: str('json', 'text'),
  destinationType: str('cloudwatch-logs', 'kinesis-firehose'),
  destinationDetails: struct({
    cloudWatchLogsDetails: struct({ logGroup: refs(str('slow', '/aws/vendedlogs/x'), 'AWS::Logs::LogGroup') }, 'logGroup'),
    kinesisFirehoseDetails: struct({ deliveryStream: str('stream') }, 'deliveryStream'),
  }),
}, 'logType', 'logFormat', 'destinationType', 'destinationDetails');
const CACHE_NODE = {
  engineVersion: str(...VERSIONS),
  autoMinorVersionUpgrade: bool(),
  port: num(6379, 6380, 11211, 0, -1),
  cacheParameterGroupName: refs(str('default.redis7', 'hardened', 'DEFAULT.valkey8', ''), 'AWS::ElastiCache::ParameterGroup'),
  cacheSubnetGroupName: refs(str('default', 'cache-subnets', ''), 'AWS::ElastiCache::SubnetGroup'),
  cacheSecurityGroupNames: list('classic'),
  transitEncryptionEnabled: bool(),
  snapshotRetentionLimit: num(0, 1, 15, 35, 36, -1),
  snapshotWindow: str('03:00-05:00', '', ' '),
  cacheNodeType: str('cache.r7g.large', 'cache.t1.micro', 'CACHE.T1.MICRO', ''),
  preferredMaintenanceWindow: str('sun:06:00-sun:07:00', ''),
  notificationTopicArn: refs(str('arn:aws:sns:us-east-1:111111111111:events', ''), 'AWS::SNS::Topic'),
  logDeliveryConfigurations: LOG_DELIVERY,
};

const KINDS: readonly ResourceKind[] = [
  {
    name: 'KMS::Key',
    props: props({
      enableKeyRotation: bool(),
      keySpec: str('SYMMETRIC_DEFAULT', 'RSA_2048', 'HMAC_256', 'symmetric_default'),
      keyUsage: str('ENCRYPT_DECRYPT', 'SIGN_VERIFY'),
      origin: str('AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM'),
      keyPolicy: policyJson,
    }),
    build: (s, id, p) => new kms.CfnKey(s, id, p),
  },
  {
    name: 'KMS::Alias',
    props: props({ aliasName: str('alias/aws/elasticache', 'alias/phi', 'alias/aws/sns'), targetKeyId: strict(refs(str('k'), 'AWS::KMS::Key')) }, 'aliasName', 'targetKeyId'),
    build: (s, id, p) => new kms.CfnAlias(s, id, p as unknown as kms.CfnAliasProps),
  },
  {
    name: 'KMS::ReplicaKey',
    props: props({ keyPolicy: policyJson, primaryKeyArn: str('arn:aws:kms:us-west-2:111111111111:key/abc') }, 'keyPolicy', 'primaryKeyArn'),
    build: (s, id, p) => new kms.CfnReplicaKey(s, id, p as unknown as kms.CfnReplicaKeyProps),
  },
  {
    name: 'EC2::VPC',
    props: props({ cidrBlock: str('10.0.0.0/16', '0.0.0.0/0', '::/0') }),
    build: (s, id, p) => new ec2.CfnVPC(s, id, p),
  },
  {
    name: 'EC2::Subnet',
    props: props({ vpcId: strict(refs(str('vpc-1'), 'AWS::EC2::VPC')), cidrBlock: str('10.0.1.0/24', '0.0.0.0/0') }, 'vpcId'),
    build: (s, id, p) => new ec2.CfnSubnet(s, id, p as unknown as ec2.CfnSubnetProps),
  },
  {
    name: 'EC2::SecurityGroup',
    props: props({
      groupDescription: str('sg'),
      securityGroupIngress: structs({
        ipProtocol: str('tcp', '-1'),
        fromPort: num(6380, 0),
        toPort: num(6380, 65535),
        cidrIp: refs(str('0.0.0.0/0', '10.0.0.0/8', '0.0.0.0', ''), 'AWS::EC2::VPC', 'AWS::EC2::Subnet'),
        cidrIpv6: refs(str('::/0', '::0/0', 'fd00::/8'), 'AWS::EC2::VPC', 'AWS::EC2::Subnet'),
        sourceSecurityGroupId: strict(refs(str('sg-1'), 'AWS::EC2::SecurityGroup')),
      }, 'ipProtocol'),
    }, 'groupDescription'),
    build: (s, id, p) => new ec2.CfnSecurityGroup(s, id, p as unknown as ec2.CfnSecurityGroupProps),
  },
  {
    name: 'EC2::SecurityGroupIngress',
    props: props({ ipProtocol: str('tcp'), groupId: strictStr('sg-1'), cidrIp: refs(str('0.0.0.0/0', '10.0.0.0/8'), 'AWS::EC2::VPC', 'AWS::EC2::Subnet'), cidrIpv6: refs(str('::/0', 'fd00::/8'), 'AWS::EC2::VPC') }, 'ipProtocol'),
    build: (s, id, p) => new ec2.CfnSecurityGroupIngress(s, id, p as unknown as ec2.CfnSecurityGroupIngressProps),
  },
  {
    name: 'ElastiCache::SubnetGroup',
    props: props({ description: str('d'), subnetIds: strictListOf(refs(str('subnet-a', 'subnet-b'), 'AWS::EC2::Subnet')) }, 'description', 'subnetIds'),
    build: (s, id, p) => new elasticache.CfnSubnetGroup(s, id, p as unknown as elasticache.CfnSubnetGroupProps),
  },
  {
    name: 'ElastiCache::ParameterGroup',
    props: props({ description: str('d'), cacheParameterGroupFamily: str('valkey8', 'redis7') }, 'description', 'cacheParameterGroupFamily'),
    build: (s, id, p) => new elasticache.CfnParameterGroup(s, id, p as unknown as elasticache.CfnParameterGroupProps),
  },
  {
    name: 'Logs::LogGroup',
    props: props({ kmsKeyId: strict(refs(str(...KEY_IDS), 'AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::KMS::ReplicaKey')), retentionInDays: num(1, 365, 3653, 0, -1), logGroupName: strictStr('/aws/vendedlogs/x') }),
    build: (s, id, p) => new logs.CfnLogGroup(s, id, p),
  },
  {
    name: 'SNS::Topic',
    props: props({ kmsMasterKeyId: strict(refs(str(...KEY_IDS), 'AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::KMS::ReplicaKey')) }),
    build: (s, id, p) => new sns.CfnTopic(s, id, p),
  },
  {
    name: 'SNS::TopicPolicy',
    props: props({
      topics: listOf(refs(str('arn:aws:sns:us-east-1:111111111111:events'), 'AWS::SNS::Topic')),
      policyDocument: fc.oneof(
        struct({
          Version: str('2012-10-17'),
          Statement: fc.oneof(sslStatement, fc.array(sslStatement, { maxLength: 2 })
            .map((items) => v(`[${items.map(String).join(', ')}]`, (ctx) => items.map((i) => i.make(ctx))))),
        }),
        policyJson,
      ),
    }, 'topics', 'policyDocument'),
    build: (s, id, p) => new sns.CfnTopicPolicy(s, id, p as unknown as sns.CfnTopicPolicyProps),
  },
  {
    name: 'S3::Bucket',
    props: props({
      bucketName: str('archive', 'ARCHIVE'),
      objectLockEnabled: bool(),
      objectLockConfiguration: struct({
        objectLockEnabled: str('Enabled'),
        rule: struct({ defaultRetention: struct({ mode: str('COMPLIANCE', 'GOVERNANCE'), days: num(2190, 2192, 1), years: num(6, 7, 1) }) }),
      }),
    }),
    build: (s, id, p) => new s3.CfnBucket(s, id, p),
  },
  {
    name: 'SecretsManager::Secret',
    props: props({ name: str('secret'), kmsKeyId: strict(refs(str(...KEY_IDS), 'AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::KMS::ReplicaKey')) }),
    build: (s, id, p) => new secretsmanager.CfnSecret(s, id, p),
  },
  {
    name: 'SecretsManager::RotationSchedule',
    props: props({
      secretId: strict(refs(str('arn:aws:secretsmanager:us-east-1:111111111111:secret:x'), 'AWS::SecretsManager::Secret')),
      rotateImmediatelyOnUpdate: bool(),
      rotationRules: struct({
        automaticallyAfterDays: num(30, 365, 366, 0),
        scheduleExpression: str('rate(30 days)', 'rate(400 days)', 'rate(12 hours)', 'cron(0 0 1 * ? *)', 'cron(0 0 1 1 ? 2030)', 'nonsense'),
        duration: str('2h'),
      }),
    }, 'secretId'),
    build: (s, id, p) => new secretsmanager.CfnRotationSchedule(s, id, p as unknown as secretsmanager.CfnRotationScheduleProps),
  },
  {
    name: 'ElastiCache::User',
    props: props({
      engine: str('redis', 'valkey', 'iam'),
      userId: str('app', 'default'),
      userName: str('app', 'default'),
      accessString: str('on ~* +@all', 'off -@all', 'on off', 'off on', ''),
      noPasswordRequired: bool(),
      passwords: list('{{resolve:secretsmanager:x}}'),
      authenticationMode: struct({ type: str('password', 'iam', 'no-password-required', 'No-Password-Required'), passwords: list('p') }, 'type'),
    }, 'engine', 'userId', 'userName'),
    build: (s, id, p) => new elasticache.CfnUser(s, id, p as unknown as elasticache.CfnUserProps),
  },
  {
    name: 'ElastiCache::UserGroup',
    props: props({ engine: str('redis', 'valkey', 'REDIS', 'valkey '), userGroupId: strictStr('users'), userIds: listOf(refs(str('default', 'app'), 'AWS::ElastiCache::User')) }, 'engine', 'userGroupId', 'userIds'),
    build: (s, id, p) => new elasticache.CfnUserGroup(s, id, p as unknown as elasticache.CfnUserGroupProps),
  },
  {
    name: 'ElastiCache::ReplicationGroup',
    props: props({
      replicationGroupDescription: str('PHI cache'),
      engine: str(...ENGINES),
      ...CACHE_NODE,
      multiAzEnabled: bool(),
      automaticFailoverEnabled: bool(),
      numCacheClusters: num(1, 2, 3, 0),
      numNodeGroups: num(1, 2),
      replicasPerNodeGroup: num(0, 1, 2),
      clusterMode: str('enabled', 'disabled'),
      preferredCacheClusterAZs: list('us-east-1a', 'us-east-1b', 'US-EAST-1A'),
      nodeGroupConfiguration: structs({
        nodeGroupId: str('0001'),
        primaryAvailabilityZone: str('us-east-1a', 'us-east-1b'),
        replicaAvailabilityZones: list('us-east-1a', 'us-east-1b'),
        replicaCount: num(0, 1, 2),
      }),
      securityGroupIds: strictListOf(refs(str('sg-1'), 'AWS::EC2::SecurityGroup')),
      atRestEncryptionEnabled: bool(),
      kmsKeyId: strict(refs(str(...KEY_IDS), 'AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::KMS::ReplicaKey')),
      transitEncryptionMode: str('required', 'preferred', 'REQUIRED '),
      authToken: str('plain-password', '{{resolve:secretsmanager:cache-auth:SecretString:token}}', '{{resolve:ssm-secure:p}}', ''),
      userGroupIds: listOf(refs(str('users'), 'AWS::ElastiCache::UserGroup')),
      tags: fc.array(fc.tuple(fc.constantFrom('hitrust:snapshot-archive-bucket', 'owner').map(lit),
        strict(refs(str('archive', 'team'), 'AWS::S3::Bucket')).filter(isSet)), { maxLength: 2 }).map((tags) =>
        v(`[${tags.map(([k, x]) => `${k}=${x}`).join(', ')}]`, (ctx) => tags.map(([k, x]) => ({ key: k.make(ctx), value: x.make(ctx) })))),
    }, 'replicationGroupDescription'),
    build: (s, id, p) => new elasticache.CfnReplicationGroup(s, id, p as unknown as elasticache.CfnReplicationGroupProps),
  },
  {
    name: 'ElastiCache::CacheCluster',
    props: props({
      engine: str(...ENGINES),
      numCacheNodes: num(1, 2),
      ...CACHE_NODE,
      vpcSecurityGroupIds: strictListOf(refs(str('sg-1'), 'AWS::EC2::SecurityGroup')),
    }, 'engine', 'numCacheNodes', 'cacheNodeType'),
    build: (s, id, p) => new elasticache.CfnCacheCluster(s, id, p as unknown as elasticache.CfnCacheClusterProps),
  },
  {
    name: 'ElastiCache::ServerlessCache',
    props: props({
      serverlessCacheName: str('phi'),
      engine: str(...ENGINES),
      majorEngineVersion: str('7', '8', '6', 'x'),
      kmsKeyId: strict(refs(str(...KEY_IDS), 'AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::KMS::ReplicaKey')),
      securityGroupIds: strictListOf(refs(str('sg-1'), 'AWS::EC2::SecurityGroup')),
      subnetIds: strictList('subnet-a'),
      userGroupId: strictStr('users', ''),
      snapshotRetentionLimit: num(0, 35),
      dailySnapshotTime: str('03:00', ''),
    }, 'serverlessCacheName', 'engine'),
    build: (s, id, p) => new elasticache.CfnServerlessCache(s, id, p as unknown as elasticache.CfnServerlessCacheProps),
  },
  {
    name: 'ElastiCache::SecurityGroup',
    props: props({ description: str('classic') }, 'description'),
    build: (s, id, p) => new elasticache.CfnSecurityGroup(s, id, p as unknown as elasticache.CfnSecurityGroupProps),
  },
  {
    name: 'ElastiCache::SecurityGroupIngress',
    props: props({ cacheSecurityGroupName: str('classic'), ec2SecurityGroupName: str('ec2') }, 'cacheSecurityGroupName', 'ec2SecurityGroupName'),
    build: (s, id, p) => new elasticache.CfnSecurityGroupIngress(s, id, p as unknown as elasticache.CfnSecurityGroupIngressProps),
  },
  {
    name: 'CloudWatch::Alarm',
    props: props({
      comparisonOperator: str('GreaterThanThreshold'),
      evaluationPeriods: num(1),
      actionsEnabled: bool(),
      alarmActions: strictListOf(refs(str('arn:aws:sns:us-east-1:111111111111:alerts'), 'AWS::SNS::Topic')),
    }, 'comparisonOperator', 'evaluationPeriods'),
    build: (s, id, p) => new cloudwatch.CfnAlarm(s, id, p as unknown as cloudwatch.CfnAlarmProps),
  },
  {
    name: 'Events::Rule',
    props: props({
      state: str('ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS', 'enabled'),
      targets: structs({ arn: refs(str('arn:aws:sns:us-east-1:111111111111:alerts'), 'AWS::SNS::Topic'), id: str('t') }, 'arn', 'id'),
    }),
    build: (s, id, p) => new events.CfnRule(s, id, p),
  },
  {
    name: 'CloudTrail::Trail',
    props: props({
      isLogging: bool(),
      s3BucketName: strict(refs(str('trail'), 'AWS::S3::Bucket')),
      isMultiRegionTrail: bool(),
      enableLogFileValidation: bool(),
      kmsKeyId: strict(refs(str(...KEY_IDS), 'AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::KMS::ReplicaKey')),
      cloudWatchLogsLogGroupArn: strict(refs(str('arn:aws:logs:us-east-1:111111111111:log-group:trail', ''), 'AWS::Logs::LogGroup')),
    }, 'isLogging', 's3BucketName'),
    build: (s, id, p) => new cloudtrail.CfnTrail(s, id, p as unknown as cloudtrail.CfnTrailProps),
  },
];

/** The CloudFormation types the catalog's rules apply to must all be generated. */
const KIND_TYPES = new Set(KINDS.map((k) => `AWS::${k.name}`));

/** Values an L1 prop would reject at synth, but an override writes into the template as they are. */
const WRONG_TYPES: readonly V[] = [lit('35'), lit('abc'), lit('true'), lit('FALSE'), lit(1), lit('a,b'), lit([]), lit({}), lit([{ LogType: 'slow-log' }])];

/** An escape-hatch override on a generated resource: a property set (or deleted) after construction. */
const overrideArb = fc.option(fc.tuple(
  fc.constantFrom('KmsKeyId', 'Engine', 'SnapshotRetentionLimit', 'TransitEncryptionMode', 'UserIds', 'Topics', 'SecretId',
    'NotificationTopicArn', 'CacheParameterGroupName', 'State', 'RotationRules', 'LogDeliveryConfigurations', 'SecurityGroupIngress',
    'KmsMasterKeyId', 'EnableKeyRotation', 'RetentionInDays', 'IsLogging', 'ActionsEnabled', 'AlarmActions', 'Targets', 'NoPasswordRequired',
    'AuthenticationMode', 'ObjectLockConfiguration', 'PolicyDocument', 'SecurityGroupIds', 'VpcSecurityGroupIds', 'CacheSecurityGroupNames',
    'NodeGroupConfiguration', 'PreferredCacheClusterAZs', 'AuthToken', 'UserGroupIds', 'CidrIp', 'CidrBlock', 'AliasName', 'Tags',
    // nested paths into structs and lists
    'LogDeliveryConfigurations.0.DestinationDetails', 'LogDeliveryConfigurations.1.LogType', 'RotationRules.AutomaticallyAfterDays',
    'ObjectLockConfiguration.Rule.DefaultRetention.Days', 'NodeGroupConfiguration.0.ReplicaCount', 'SecurityGroupIngress.0.CidrIp',
    'AuthenticationMode.Type', 'PolicyDocument.Statement'),
  fc.oneof(
    fc.constantFrom(...STRING_TOKENS, ...NUMBER_TOKENS, ...BOOLEAN_TOKENS, ...LIST_TOKENS, ...STRUCT_TOKENS, ...WRONG_TYPES),
    referenceArb,
    fc.constant(ABSENT),
  ),
), { freq: 4, nil: undefined });

/** One generated resource: its kind, its props, the stack it lives in (0 main, 1 another, 2 a nested stack), an override. */
const resourceArb = (kind: ResourceKind) => fc.record({
  props: kind.props,
  scope: fc.constantFrom(0, 0, 1, 2),
  override: overrideArb,
});

const appArb = fc.record({ specs: fc.tuple(...KINDS.map(resourceArb)), evidence: fc.boolean() });

/** Builds the generated app: every kind once, in dependency order, each value made where its resource lives. */
function buildApp(specs: ReadonlyArray<{ props: Props; scope: number; override?: [string, V] }>): { app: App; resources: CfnResource[] } {
  const app = new App({ outdir: propertyOutdir });
  const main = new Stack(app, 'Stack');
  const other = new Stack(app, 'Other');
  const nested = new NestedStack(main, 'Nested');
  const stacks: Stack[] = [main, other, nested];
  for (const stack of stacks) {
    new CfnCondition(stack, 'Cond', { expression: Fn.conditionEquals(Aws.REGION, 'us-east-1') });
  }
  const pool: CfnResource[] = [];
  let counter = 0;
  specs.forEach((spec, i) => {
    const kind = KINDS[i];
    const stack = stacks[spec.scope];
    const ctx: Ctx = { stack, pool, uid: (prefix) => `${prefix}${counter++}` };
    const made = Object.fromEntries(Object.entries(spec.props).map(([k, f]) => [k, f.make(ctx)]));
    const resource = kind.build(stack, kind.name.replace('::', ''), made);
    if (spec.override) {
      const [property, overrideValue] = spec.override;
      const madeOverride = overrideValue.make(ctx);
      if (madeOverride === undefined) {
        resource.addPropertyDeletionOverride(property);
      } else {
        resource.addPropertyOverride(property, madeOverride);
      }
    }
    pool.push(resource);
  });
  return { app, resources: pool };
}

/** Each catalog rule called directly on each resource: it returns an outcome, it does not throw. */
function directOutcomes(resources: readonly CfnResource[]): string[] {
  const problems: string[] = [];
  // as the rule is written (the resource itself), and as the pack calls it (the template's final view)
  for (const resource of resources.flatMap((r) => [r, finalView(r)])) {
    for (const entry of HITRUST_RULES) {
      try {
        const result = ruleFunction(entry, RULE_OPTIONS)(resource);
        if (!Array.isArray(result) && !OUTCOMES.includes(result)) {
          problems.push(`${entry.id} on ${resource.node.path} returned ${String(result)}`);
        }
        // the pack calls a rule only on the types its entry applies to: on any other it must not apply
        if (!entry.appliesTo.includes(resource.cfnResourceType) && result !== NagRuleCompliance.NOT_APPLICABLE) {
          problems.push(`${entry.id} returned ${String(result)} on ${resource.node.path}, a ${resource.cfnResourceType}, ` +
            `which its appliesTo (${entry.appliesTo.join(', ')}) does not list`);
        }
      } catch (error) {
        problems.push(`${entry.id} on ${resource.node.path} threw: ${error instanceof Error ? error.stack?.split('\n').slice(0, 14).join('\n') : String(error)}`);
      }
    }
  }
  return problems;
}

/**
 * The pack's violations that report a rule error: from `validateScope` (no evidence report), or, with `evidence`,
 * from `validate` as a synth calls it, which also builds and writes the evidence report of every evaluation.
 */
function thrownFindings(app: App, evidence: boolean = false): string[] {
  const report = evidence
    ? new HitrustChecks(undefined, { verbose: true }).validate({ appConstruct: app, templatePaths: [] } as unknown as IPolicyValidationContext)
    : new HitrustChecks(undefined, { evidenceReport: false, verbose: true }).validateScope(app);
  return report.violations
    .filter((violation) => violation.description.includes('threw an error'))
    .map((violation) => `${violation.ruleName} on ${violation.violatingResources.map((r) => r.constructPath).join(', ')}: ${violation.description}`);
}

/** One output directory for every generated app (the evidence report lands there), instead of a temp dir each. */
let propertyOutdir: string;
const deprecated = process.env.JSII_DEPRECATED;
beforeAll(() => {
  process.env.JSII_DEPRECATED = 'quiet'; // EC2-Classic cache security groups are generated on purpose
  propertyOutdir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-safety-'));
});
afterAll(() => {
  if (deprecated === undefined) delete process.env.JSII_DEPRECATED; else process.env.JSII_DEPRECATED = deprecated;
  fs.rmSync(propertyOutdir, { recursive: true, force: true });
});

describe('property: no rule throws on any token or intrinsic', () => {
  test('every resource type the catalog applies to is generated', () => {
    const applied = new Set(HITRUST_RULES.flatMap((entry) => entry.appliesTo));
    expect([...applied].filter((type) => !KIND_TYPES.has(type))).toEqual([]);
  });

  test(`${RUNS} generated apps: the pack and every rule called directly give an outcome, never an error`, () => {
    fc.assert(fc.property(appArb, ({ specs, evidence }) => {
      const { app, resources } = buildApp(specs);
      expect(directOutcomes(resources)).toEqual([]);
      expect(thrownFindings(app)).toEqual([]);
      if (evidence) expect(thrownFindings(app, true)).toEqual([]);
    }), { numRuns: RUNS, ...REPLAY });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Focused cases: each crash found (and each misread token fixed), with the outcome the rule's policy gives it
// ---------------------------------------------------------------------------------------------------------------

/** The pack on an app: the rules that threw, and every violation as `rule: paths`. */
function packOutcome(app: App): { thrown: string[]; violations: string[] } {
  const report = new HitrustChecks(undefined, { evidenceReport: false, verbose: true }).validateScope(app);
  return {
    thrown: report.violations.filter((violation) => violation.description.includes('threw an error')).map((violation) => violation.ruleName),
    violations: report.violations.map((violation) => `${violation.ruleName}: ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`).sort(),
  };
}

/** The compliant fixture with `overrides` applied to its replication group, and the pack's outcome on it. */
function fixtureOutcome(overrides: (stack: Stack) => Partial<elasticache.CfnReplicationGroupProps>): { thrown: string[]; violations: string[] } {
  const { app, stack } = newStack();
  compliantReplicationGroup(stack, { overrides: overrides(stack) });
  return packOutcome(app);
}

const CMK = 'HITRUST.CSF-ElastiCacheCustomerManagedKey: Stack/Cache';
const formatKeyArn = (stack: Stack, resourceName = 'abc') => Stack.of(stack).formatArn({ service: 'kms', resource: 'key', resourceName });

describe('known crash: a customer key imported with Key.fromKeyArn(Stack.formatArn(...)) as KmsKeyId', () => {
  // was "Rule threw an error during validation" (Tokenization.reverseCompleteString: argument must not be a concatenation)
  test('the compliant fixture with it is compliant: a literal key ID in the stack\'s own partition, region and account', () => {
    const outcome = fixtureOutcome((stack) => ({ kmsKeyId: kms.Key.fromKeyArn(stack, 'K', formatKeyArn(stack)).keyArn }));
    expect(outcome).toEqual({ thrown: [], violations: [] });
  });

  test('it synthesizes with the pack registered', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-safety-'));
    try {
      const app = new App({ outdir });
      Validations.of(app).addPlugins(new HitrustChecks(app));
      const stack = new Stack(app, 'Stack');
      compliantReplicationGroup(stack, { overrides: { kmsKeyId: kms.Key.fromKeyArn(stack, 'K', formatKeyArn(stack)).keyArn } });
      expect(() => app.synth()).not.toThrow();
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('a concatenation points at no single resource: referencedResource is undefined, not an error', () => {
    const { stack } = newStack();
    const cache = compliantReplicationGroup(stack).replicationGroup;
    expect(referencedResource(cache, formatKeyArn(stack))).toBeUndefined();
    expect(referencedResource(cache, `${cache.ref}-suffix`)).toBeUndefined();
  });
});

describe('known crash: the AWS managed alias/aws/elasticache as KmsKeyId', () => {
  test('is non-compliant, with no error', () => {
    expect(fixtureOutcome(() => ({ kmsKeyId: 'alias/aws/elasticache' }))).toEqual({ thrown: [], violations: [CMK] });
  });

  test('fails synth with the finding, not with a rule error', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-safety-'));
    try {
      const app = new App({ outdir });
      Validations.of(app).addPlugins(new HitrustChecks(app));
      compliantReplicationGroup(new Stack(app, 'Stack'), { overrides: { kmsKeyId: 'alias/aws/elasticache' } });
      expect(() => app.synth()).toThrow(/HITRUST\.CSF-ElastiCacheCustomerManagedKey/);
      expect(() => app.synth()).not.toThrow(/threw an error/);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test.each<[string, (stack: Stack) => string]>([
    ['its formatArn', (stack) => Stack.of(stack).formatArn({ service: 'kms', resource: 'alias', resourceName: 'aws/elasticache' })],
    ['Alias.fromAliasName(...).keyArn', (stack) => kms.Alias.fromAliasName(stack, 'A', 'alias/aws/elasticache').keyArn],
    ['Alias.fromAliasName(...).aliasName', (stack) => kms.Alias.fromAliasName(stack, 'A', 'alias/aws/elasticache').aliasName],
    ['Lazy.string of it', () => Lazy.string({ produce: () => 'alias/aws/elasticache' })],
    ['Fn.sub of its ARN', () => Fn.sub('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/elasticache')],
  ])('%s is non-compliant, with no error', (_, kmsKeyId) => {
    expect(fixtureOutcome((stack) => ({ kmsKeyId: kmsKeyId(stack) }))).toEqual({ thrown: [], violations: [CMK] });
  });
});

describe('known crashes through CompliantRedisReplicationGroup: an imported encryptionKey', () => {
  const awsManaged = (stack: Stack) => kms.Alias.fromAliasName(stack, 'A', 'alias/aws/elasticache');
  test.each<[string, (stack: Stack) => kms.IKey, boolean | undefined, 'compliant' | 'rejected' | 'non-compliant']>([
    ['Key.fromKeyArn(Stack.formatArn(...))', (stack) => kms.Key.fromKeyArn(stack, 'K', formatKeyArn(stack)), undefined, 'compliant'],
    // the snapshot archive needs a key, not an alias: the construct refuses it
    ["Alias.fromAliasName('alias/aws/elasticache')", awsManaged, undefined, 'rejected'],
    ["Alias.fromAliasName('alias/aws/elasticache') without a snapshot archive", awsManaged, false, 'non-compliant'],
  ])('%s: a clear outcome, never a rule error', (_, key, snapshotArchive, expected) => {
    const { app, stack, vpc } = cacheStack();
    let built = true;
    try {
      new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, encryptionKey: key(stack), snapshotArchive });
    } catch (error) {
      // the construct may refuse the key itself: then that is the outcome, and the pack never runs
      expect(error).toBeInstanceOf(HitrustValidationError);
      built = false;
    }
    if (!built) {
      expect(expected).toBe('rejected');
      return;
    }
    const outcome = packOutcome(app);
    expect(outcome.thrown).toEqual([]);
    const keyFindings = outcome.violations.filter((v2) => v2.startsWith('HITRUST.CSF-ElastiCacheCustomerManagedKey'));
    expect(keyFindings.length > 0 ? 'non-compliant' : 'compliant').toBe(expected);
  });
});

describe('KMS key IDs that are literal but for pseudo parameters (kms.ts)', () => {
  test.each<[string, (stack: Stack) => string, string[]]>([
    ['a formatArn key ARN is customer managed', (stack) => formatKeyArn(stack), []],
    ['a formatArn customer alias ARN is customer managed', (stack) => Stack.of(stack).formatArn({ service: 'kms', resource: 'alias', resourceName: 'phi' }), []],
    ['an Fn::Sub key ARN of pseudo parameters is customer managed', () => Fn.sub('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/abc'), []],
    ['an ARN joined around an import fails closed', () => Fn.join(':', ['arn', Aws.PARTITION, 'kms', Aws.REGION, Aws.ACCOUNT_ID, Fn.importValue('KeyId')]), [CMK]],
    ['a formatArn whose key ID is a parameter fails closed', (stack) => formatKeyArn(stack, new CfnParameter(stack, 'KeyId').valueAsString), [CMK]],
    ['an Fn::Sub with a parameter fails closed', () => Fn.sub('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${KeyId}'), [CMK]],
    ['a pseudo parameter alone fails closed', () => Aws.ACCOUNT_ID, [CMK]],
    ['a formatArn of another service fails closed', (stack) => Stack.of(stack).formatArn({ service: 'sns', resource: 'key', resourceName: 'abc' }), [CMK]],
    ['Key.fromKeyArn of an import fails closed', (stack) => kms.Key.fromKeyArn(stack, 'K', Fn.importValue('KeyArn')).keyArn, [CMK]],
    ['an empty key ID is no key', () => '', [CMK]],
  ])('%s', (_, kmsKeyId, expected) => {
    expect(fixtureOutcome((stack) => ({ kmsKeyId: kmsKeyId(stack) }))).toEqual({ thrown: [], violations: expected });
  });

  test('an SNS topic under a formatArn key is customer managed; under an empty KmsMasterKeyId it is not encrypted', () => {
    const { app, stack } = newStack();
    new sns.CfnTopic(stack, 'Encrypted', { kmsMasterKeyId: formatKeyArn(stack) });
    new sns.CfnTopic(stack, 'Empty', { kmsMasterKeyId: '' });
    expect(packOutcome(app).violations).toEqual([
      'HITRUST.CSF-SNSTopicCustomerManagedKey: Stack/Empty',
      'HITRUST.CSF-SNSTopicSSLOnly: Stack/Encrypted, Stack/Empty',
    ]);
  });
});

describe('crash: an item of a list token resolved on its own (resolve.ts)', () => {
  // `Token.asList(x)` and `CfnParameter.valueAsList` are arrays holding one encoded list string, which
  // Stack.resolve refuses in a scalar context ("Found an encoded list token string in a scalar string context"):
  // ElastiCacheSecurityGroups and ElastiCacheSubnetGroup threw on them through their list items
  test('the item resolves to the list it stands for', () => {
    const { stack } = newStack();
    const cache = compliantReplicationGroup(stack).replicationGroup;
    const parameterList = new CfnParameter(stack, 'List', { type: 'CommaDelimitedList' }).valueAsList;
    expect(resolveValue(cache, parameterList[0])).toEqual({ Ref: 'List' });
    expect(resolvePrimitive(cache, Token.asList(Fn.importValue('L'))[0])).toEqual({ kind: 'unresolved', expression: { 'Fn::ImportValue': 'L' } });
  });

  test('deploy-time security group IDs count as set on a replication group', () => {
    expect(fixtureOutcome(() => ({ securityGroupIds: Token.asList(Fn.importValue('SecurityGroupIds')) }))).toEqual({ thrown: [], violations: [] });
  });

  test('a parameter list of security group IDs counts as set on a replication group', () => {
    const outcome = fixtureOutcome((stack) => ({ securityGroupIds: new CfnParameter(stack, 'Groups', { type: 'List<AWS::EC2::SecurityGroup::Id>' }).valueAsList }));
    expect(outcome).toEqual({ thrown: [], violations: [] });
  });

  test('deploy-time subnet and security group IDs count as set on a serverless cache and a cache cluster', () => {
    const { app, stack } = newStack();
    new elasticache.CfnServerlessCache(stack, 'Serverless', compliantServerlessCacheProps({
      subnetIds: Token.asList(Fn.importValue('SubnetIds')),
      securityGroupIds: new CfnParameter(stack, 'Groups', { type: 'CommaDelimitedList' }).valueAsList,
    }));
    new elasticache.CfnCacheCluster(stack, 'Cluster', bestCacheClusterProps({ vpcSecurityGroupIds: Token.asList(Fn.importValue('SecurityGroupIds')) }));
    const outcome = packOutcome(app);
    expect(outcome.thrown).toEqual([]);
    expect(outcome.violations.filter((v2) => /SecurityGroups|SubnetGroup/.test(v2))).toEqual([]);
  });

  test('a deploy-time user list and topic list are judged as lists', () => {
    const { app, stack } = newStack();
    new elasticache.CfnUserGroup(stack, 'Users', { engine: 'redis', userGroupId: 'users', userIds: Token.asList(Fn.importValue('UserIds')) });
    const topic = new sns.CfnTopic(stack, 'Topic', { kmsMasterKeyId: 'alias/phi' });
    new sns.CfnTopicPolicy(stack, 'Policy', { topics: Token.asList(Fn.importValue('Topics')), policyDocument: {} });
    expect(packOutcome(app)).toEqual({ thrown: [], violations: [`HITRUST.CSF-SNSTopicSSLOnly: ${topic.node.path}`] });
  });
});

describe('Aws.NO_VALUE is an absent property, not a deploy-time value', () => {
  const { COMPLIANT, NON_COMPLIANT } = NagRuleCompliance;
  const topicArn = 'arn:aws:sns:us-east-1:111111111111:alerts';
  test.each<[string, Build, (node: CfnResource) => unknown, NagRuleCompliance]>([
    ['EventBridge State NO_VALUE is ENABLED', (s) => new events.CfnRule(s, 'Rule', { state: Aws.NO_VALUE, targets: [{ arn: topicArn, id: 't' }] }),
      EventBridgeRuleTarget, COMPLIANT],
    ['EventBridge State Fn::If DISABLED / NO_VALUE fails closed',
      (s) => new events.CfnRule(s, 'Rule', { state: Token.asString(Fn.conditionIf(condition(s).logicalId, 'DISABLED', Aws.NO_VALUE)), targets: [{ arn: topicArn, id: 't' }] }),
      EventBridgeRuleTarget, NON_COMPLIANT],
    ['alarm ActionsEnabled NO_VALUE is true', (s) => new cloudwatch.CfnAlarm(s, 'Alarm', {
      comparisonOperator: 'GreaterThanThreshold', evaluationPeriods: 1, actionsEnabled: Aws.NO_VALUE as unknown as boolean, alarmActions: [topicArn],
    }), CloudWatchAlarmAction, COMPLIANT],
    ['user AuthenticationMode NO_VALUE: NoPasswordRequired false decides', (s) => new elasticache.CfnUser(s, 'User', {
      engine: 'valkey', userId: 'app', userName: 'app', accessString: 'on ~* +@all', noPasswordRequired: false, authenticationMode: Aws.NO_VALUE,
    }), ElastiCacheUserPasswordRequired, COMPLIANT],
    ['node group ReplicaCount NO_VALUE falls back to ReplicasPerNodeGroup', replicationGroup({
      numCacheClusters: undefined,
      preferredCacheClusterAZs: undefined,
      numNodeGroups: 1,
      replicasPerNodeGroup: 1,
      nodeGroupConfiguration: [{ nodeGroupId: '0001', replicaCount: Token.asNumber(Aws.NO_VALUE) }],
    }), ElastiCacheReplicaPerShard, COMPLIANT],
    ['node group PrimaryAvailabilityZone NO_VALUE leaves the primary to the service', replicationGroup({
      preferredCacheClusterAZs: undefined,
      nodeGroupConfiguration: [{ nodeGroupId: '0001', primaryAvailabilityZone: Aws.NO_VALUE, replicaAvailabilityZones: ['us-east-1a'] }],
    }), ElastiCacheDistinctAZs, COMPLIANT],
  ])('%s', (_, build, rule, expected) => {
    expect(runRule(rule as (node: CfnResource) => NagRuleCompliance, build)).toBe(expected);
  });
});

describe('a template brought in with CfnInclude: every intrinsic parsed into tokens', () => {
  test('no rule throws on it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-safety-'));
    try {
      const templateFile = path.join(dir, 'template.json');
      fs.writeFileSync(templateFile, JSON.stringify(INCLUDED_TEMPLATE));
      const { app, stack } = newStack();
      new CfnInclude(stack, 'Included', { templateFile });
      const outcome = packOutcome(app);
      expect(outcome.thrown).toEqual([]);
      // the parameter-driven key fails closed, the imported engine is checked like Redis OSS and fails closed too
      expect(outcome.violations).toContain('HITRUST.CSF-ElastiCacheCustomerManagedKey: Stack/Included/Cache');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

function condition(stack: Stack): CfnCondition {
  return stack.node.tryFindChild('IsProd') as CfnCondition | undefined
    ?? new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(Aws.REGION, 'us-east-1') });
}

/** A hand-written template with a replication group and its supporting resources, using every intrinsic. */
const INCLUDED_TEMPLATE = {
  Parameters: {
    KeyArn: { Type: 'String' },
    Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' },
    Retention: { Type: 'Number', Default: 35 },
  },
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } },
  Mappings: { Ports: { 'us-east-1': { Port: 6380 } } },
  Resources: {
    Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: { 'Fn::If': ['IsProd', true, false] } } },
    Alias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: { 'Fn::Sub': 'alias/${AWS::StackName}' }, TargetKeyId: { Ref: 'Key' } } },
    SubnetGroup: { Type: 'AWS::ElastiCache::SubnetGroup', Properties: { Description: 'd', SubnetIds: { Ref: 'Subnets' } } },
    Group: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'cache',
        SecurityGroupIngress: [
          { IpProtocol: 'tcp', FromPort: 6380, ToPort: 6380, CidrIp: { 'Fn::Select': [0, { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }] } },
          { 'Fn::If': ['IsProd', { IpProtocol: 'tcp', CidrIp: '10.1.0.0/16' }, { Ref: 'AWS::NoValue' }] },
        ],
      },
    },
    Topic: { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } } },
    Policy: { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [{ Ref: 'Topic' }], PolicyDocument: { Statement: { 'Fn::If': ['IsProd', [], []] } } } },
    Logs: { Type: 'AWS::Logs::LogGroup', Properties: { KmsKeyId: { 'Fn::ImportValue': 'LogKey' }, RetentionInDays: { 'Fn::If': ['IsProd', 365, 7] } } },
    Cache: {
      Type: 'AWS::ElastiCache::ReplicationGroup',
      Properties: {
        ReplicationGroupDescription: { 'Fn::Join': ['-', ['cache', { Ref: 'AWS::StackName' }]] },
        Engine: { 'Fn::ImportValue': 'Engine' },
        EngineVersion: { 'Fn::Select': [1, { 'Fn::Split': [',', '7.1,8.1'] }] },
        Port: { 'Fn::FindInMap': ['Ports', { Ref: 'AWS::Region' }, 'Port'] },
        KmsKeyId: { 'Fn::If': ['IsProd', { Ref: 'KeyArn' }, { Ref: 'AWS::NoValue' }] },
        CacheSubnetGroupName: { Ref: 'SubnetGroup' },
        SecurityGroupIds: [{ 'Fn::GetAtt': ['Group', 'GroupId'] }],
        PreferredCacheClusterAZs: [{ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, { 'Fn::Select': [1, { 'Fn::GetAZs': '' }] }],
        NumCacheClusters: 2,
        SnapshotRetentionLimit: { Ref: 'Retention' },
        NotificationTopicArn: { Ref: 'Topic' },
        AuthToken: { 'Fn::Sub': '{{resolve:secretsmanager:${AWS::StackName}-auth:SecretString:token}}' },
        LogDeliveryConfigurations: [{
          LogType: 'slow-log',
          LogFormat: 'json',
          DestinationType: 'cloudwatch-logs',
          DestinationDetails: { CloudWatchLogsDetails: { LogGroup: { Ref: 'Logs' } } },
        }],
        Tags: [{ Key: 'hitrust:snapshot-archive-bucket', Value: { 'Fn::ImportValue': 'ArchiveBucket' } }],
      },
    },
  },
};
