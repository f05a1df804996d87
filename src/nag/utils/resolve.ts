import { CfnResource, Stack, Tokenization, TreeInspector, type IInspectable } from 'aws-cdk-lib';
import { overriddenValue } from './final-view';

/**
 * What a property value turned into after `Stack.of(node).resolve()`.
 *
 * - `absent`: not set (undefined, null or `{ Ref: 'AWS::NoValue' }`).
 * - `literal`: a string, number or boolean written in the template.
 * - `unresolved`: an intrinsic (Ref to a CfnParameter, Fn::ImportValue, Fn::If, ...) whose value is only known at deploy time.
 */
export type ResolvedPrimitive =
  | { readonly kind: 'absent' }
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  | { readonly kind: 'unresolved'; readonly expression: unknown };

/** The result of resolving a list property. */
export type ResolvedList =
  | { readonly kind: 'absent' }
  | { readonly kind: 'list'; readonly items: readonly unknown[] }
  | { readonly kind: 'unresolved'; readonly expression: unknown };

/**
 * Resolves any value (tokens included) in the stack of `node`; never throws on tokens.
 *
 * An item of a list token (`Token.asList(...)`, `CfnParameter.valueAsList`: a JavaScript array holding one encoded
 * list string) stands for the whole list, which the CDK refuses to resolve as a scalar: it resolves to that list's
 * expression (a deploy-time value), as the array around it does.
 */
export function resolveValue(node: CfnResource, value: unknown): unknown {
  if (typeof value === 'string' && Tokenization.reverseList([value]) !== undefined) {
    return Stack.of(node).resolve([value]);
  }
  return Stack.of(node).resolve(value);
}

function isNoValue(resolved: unknown): boolean {
  return typeof resolved === 'object' && resolved !== null && (resolved as Record<string, unknown>).Ref === 'AWS::NoValue';
}

/** Resolves a scalar property and classifies it as absent, a literal, or an unresolved expression. */
export function resolvePrimitive(node: CfnResource, value: unknown): ResolvedPrimitive {
  const resolved = resolveValue(node, value);
  if (resolved === undefined || resolved === null || isNoValue(resolved)) {
    return { kind: 'absent' };
  }
  if (typeof resolved === 'string' || typeof resolved === 'number' || typeof resolved === 'boolean') {
    return { kind: 'literal', value: resolved };
  }
  return { kind: 'unresolved', expression: resolved };
}

/** Resolves a list property: an array (items resolved), absent, or an unresolved expression such as `Fn::Split`. */
export function resolveList(node: CfnResource, value: unknown): ResolvedList {
  const resolved = resolveValue(node, value);
  if (resolved === undefined || resolved === null || isNoValue(resolved)) {
    return { kind: 'absent' };
  }
  if (Array.isArray(resolved)) {
    return { kind: 'list', items: resolved.filter((item) => !isNoValue(item)) };
  }
  return { kind: 'unresolved', expression: resolved };
}

/** True only for a literal `true` (CloudFormation also accepts the string `"true"`). */
export function isLiteralTrue(node: CfnResource, value: unknown): boolean {
  const r = resolvePrimitive(node, value);
  return r.kind === 'literal' && (r.value === true || (typeof r.value === 'string' && r.value.toLowerCase() === 'true'));
}

/** True only for a literal `false` (or the string `"false"`). */
export function isLiteralFalse(node: CfnResource, value: unknown): boolean {
  const r = resolvePrimitive(node, value);
  return r.kind === 'literal' && (r.value === false || (typeof r.value === 'string' && r.value.toLowerCase() === 'false'));
}

/** The literal number (a numeric string counts), or undefined when absent, unresolved or not a number. */
export function literalNumber(node: CfnResource, value: unknown): number | undefined {
  const r = resolvePrimitive(node, value);
  if (r.kind !== 'literal') {
    return undefined;
  }
  if (typeof r.value === 'number') {
    return r.value;
  }
  if (typeof r.value === 'string' && r.value.trim() !== '' && !Number.isNaN(Number(r.value))) {
    return Number(r.value);
  }
  return undefined;
}

/** The literal string, or undefined when absent, unresolved or not a string. */
export function literalString(node: CfnResource, value: unknown): string | undefined {
  const r = resolvePrimitive(node, value);
  return r.kind === 'literal' && typeof r.value === 'string' ? r.value : undefined;
}

/**
 * Presence check: a literal non-empty value or an unresolved expression counts as set.
 * Used where the control only needs the setting to exist (the resolution policy accepts deploy-time values there).
 */
export function isPresent(node: CfnResource, value: unknown): boolean {
  const r = resolvePrimitive(node, value);
  if (r.kind === 'absent') {
    return false;
  }
  return !(r.kind === 'literal' && typeof r.value === 'string' && r.value.trim() === '');
}

/** Presence check for a list: a non-empty array, or an unresolved list expression. */
export function isNonEmptyList(node: CfnResource, value: unknown): boolean {
  const r = resolveList(node, value);
  return r.kind === 'unresolved' || (r.kind === 'list' && r.items.length > 0);
}

/**
 * Reads a field of a resolved struct. L1 getters hold camelCase keys (`logType`) while raw
 * CloudFormation JSON (an IResolvable or an escape hatch) holds PascalCase keys (`LogType`): both are accepted.
 */
export function structField(struct: unknown, camelCaseName: string): unknown {
  if (typeof struct !== 'object' || struct === null) {
    return undefined;
  }
  const record = struct as Record<string, unknown>;
  const pascalCaseName = camelCaseName.charAt(0).toUpperCase() + camelCaseName.slice(1);
  return record[camelCaseName] !== undefined ? record[camelCaseName] : record[pascalCaseName];
}

/**
 * Reads an L1 property through the resource's tree inspection (`aws:cdk:cloudformation:props`) instead of its
 * getter. For deprecated properties: their getters print a jsii deprecation warning on every read (and throw under
 * `JSII_DEPRECATED=fail`), which a rule run at every synth must not do.
 */
export function inspectedProperty(node: CfnResource & IInspectable, camelCaseName: string): unknown {
  const overridden = overriddenValue(node, camelCaseName);
  if (overridden.found) return overridden.value;
  const inspector = new TreeInspector();
  node.inspect(inspector);
  return structField(inspector.attributes['aws:cdk:cloudformation:props'], camelCaseName);
}
