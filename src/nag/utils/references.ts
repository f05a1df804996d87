import { CfnElement, CfnResource, Reference, Stack, Tokenization } from 'aws-cdk-lib';
import { appIndexOf } from './app-index';
import { finalView } from './final-view';
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
    return finalView(reversed.target);
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
    // a concatenation (`arn:${partition}:...`) points at no single resource: undefined, never an error
    return Tokenization.reverse(value, { failConcat: false });
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
  const byStack = appIndexOf(stack).derive('logical-ids', (index) => {
    const map = new Map<Stack, Map<string, CfnResource>>();
    for (const resource of index.resources) {
      const owner = Stack.of(resource);
      let ids = map.get(owner);
      if (ids === undefined) {
        ids = new Map<string, CfnResource>();
        map.set(owner, ids);
      }
      const id = owner.resolve((resource as CfnElement).logicalId);
      if (!ids.has(id)) {
        ids.set(id, resource);
      }
    }
    return map;
  });
  return byStack.get(stack)?.get(logicalId);
}

/** The CfnResource of the app at a construct path (`Stack/Bucket/Resource`), if there is one. */
export function resourceAtPath(node: CfnResource, path: string): CfnResource | undefined {
  return appIndexOf(node).derive('paths', (index) => new Map(index.resources.map((r) => [r.node.path, r]))).get(path);
}

/**
 * The resources of the app that point at `target` (a `Ref` or `Fn::GetAtt`, also across stacks; see
 * `referencedResource`): each resource `isSource` accepts, through the values `references` reads from it. The
 * relation is resolved once per validation run, so checking every target costs one pass over the sources.
 *
 * @param key names the relation in the index, e.g. `sns:topic-policies`
 * @param target the resource pointed at
 * @param isSource which resources can point at it
 * @param references the property values of a source that may point at a resource
 */
export function resourcesPointingAt<T extends CfnResource>(
  key: string,
  target: CfnResource,
  isSource: (resource: CfnResource) => resource is T,
  references: (source: T) => readonly unknown[],
): readonly T[] {
  const byTarget = appIndexOf(target).derive(key, (index) => {
    const map = new Map<CfnResource, T[]>();
    for (const source of index.resources.filter(isSource)) {
      for (const pointedAt of new Set(references(source).map((value) => referencedResource(source, value)))) {
        if (pointedAt === undefined) {
          continue;
        }
        const sources = map.get(pointedAt);
        if (sources === undefined) {
          map.set(pointedAt, [source]);
        } else {
          sources.push(source);
        }
      }
    }
    return map;
  });
  return byTarget.get(target) ?? [];
}
