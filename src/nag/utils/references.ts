import { CfnElement, CfnResource, Reference, Stack, Tokenization } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { resolveValue } from './resolve';

/**
 * The CfnResource a property value points at, when the value is a `Ref` or `Fn::GetAtt` of a resource in the same app.
 *
 * 1. A CDK token (`key.attrArn`, `topic.ref`, or an L2 attribute) is reversed to its `Reference`, whose `target`
 *    is the resource. This also works across stacks: the consuming stack would render an `Fn::ImportValue`, but the
 *    construct-level token still knows its target.
 * 2. A hand-written intrinsic (`{ Ref: 'Key' }`, `{ 'Fn::GetAtt': ['Key', 'Arn'] }`) is looked up by logical ID in
 *    the stack of `node`.
 *
 * @returns the resource, or undefined for literals, parameters, imports and anything else.
 */
export function referencedResource(node: CfnResource, value: unknown): CfnResource | undefined {
  const reversed = reverseToken(value);
  if (reversed instanceof Reference && CfnResource.isCfnResource(reversed.target)) {
    return reversed.target;
  }
  const resolved = resolveValue(node, value);
  const logicalId = logicalIdOf(resolved);
  return logicalId === undefined ? undefined : findResourceByLogicalId(Stack.of(node), logicalId);
}

/**
 * The resource and attribute a `Fn::GetAtt` value reads (`vpc.attrCidrBlock`, or `{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }`
 * written by hand), when the resource is in the same app; `Ref` reads the attribute `Ref`.
 */
export function referencedAttribute(node: CfnResource, value: unknown): { resource: CfnResource; attribute: string } | undefined {
  const resource = referencedResource(node, value);
  if (resource === undefined) {
    return undefined;
  }
  const reversed = reverseToken(value);
  if (reversed instanceof Reference) {
    return { resource, attribute: reversed.displayName };
  }
  const resolved = resolveValue(node, value) as Record<string, unknown>;
  const getAtt = resolved['Fn::GetAtt'];
  const attribute = Array.isArray(getAtt) ? getAtt[1] : typeof getAtt === 'string' ? getAtt.split('.').slice(1).join('.') : 'Ref';
  return typeof attribute === 'string' ? { resource, attribute } : undefined;
}

function reverseToken(value: unknown): unknown {
  if (typeof value === 'string') {
    return Tokenization.reverseCompleteString(value);
  }
  if (typeof value === 'number') {
    return Tokenization.reverseNumber(value);
  }
  return Tokenization.isResolvable(value) ? value : undefined;
}

function logicalIdOf(resolved: unknown): string | undefined {
  if (typeof resolved !== 'object' || resolved === null) {
    return undefined;
  }
  const record = resolved as Record<string, unknown>;
  if (typeof record.Ref === 'string') {
    return record.Ref;
  }
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
    return getAtt[0];
  }
  if (typeof getAtt === 'string') {
    return getAtt.split('.')[0];
  }
  return undefined;
}

/** Finds the CfnResource with the given logical ID among the resources of `stack` (not of nested stacks). */
export function findResourceByLogicalId(stack: Stack, logicalId: string): CfnResource | undefined {
  return allResourcesOf(stack.node.root).find((construct) => Stack.of(construct) === stack
    && stack.resolve((construct as CfnElement).logicalId) === logicalId);
}

/** Every CfnResource of the app that `node` belongs to (all stacks and stages), in construct-tree order. */
export function allResourcesOfApp(node: CfnResource): readonly CfnResource[] {
  return allResourcesOf(node.node.root);
}

/**
 * The resources of the app being validated, collected once per validation run: rules that look across the app (topic
 * policies, rotation schedules, archive buckets) would otherwise walk the whole construct tree for every resource
 * they check, which makes a pack run grow with the square of the app's size.
 */
let appIndex: { readonly root: IConstruct; readonly resources: readonly CfnResource[] } | undefined;

function collectResources(root: IConstruct): CfnResource[] {
  return root.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c));
}

function allResourcesOf(root: IConstruct): readonly CfnResource[] {
  return appIndex?.root === root ? appIndex.resources : collectResources(root);
}

/** Runs `validate` with the app's resources indexed (the tree does not change while a pack validates it). */
export function withAppIndex<T>(root: IConstruct, validate: () => T): T {
  const previous = appIndex;
  appIndex = { root, resources: collectResources(root) };
  try {
    return validate();
  } finally {
    appIndex = previous;
  }
}
