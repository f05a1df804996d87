import { type CfnElement, type CfnResource, Stack } from 'aws-cdk-lib';

/**
 * The resource as its template finally says it: escape-hatch overrides (`addPropertyOverride`, `addOverride`,
 * `addPropertyDeletionOverride`) applied.
 *
 * Rules read a resource through its L1 getters (`node.transitEncryptionMode`), which hold what the construct set and
 * not what `addPropertyOverride('TransitEncryptionMode', 'preferred')` wrote later: the template then says
 * `preferred` while the getter says `required`. The view answers every getter of an overridden property with the
 * value of the synthesized template (the resource's `_toCloudFormation()`, resolved in its stack: overrides deep-merged
 * exactly as CloudFormation gets them). Everything else, including properties no override touches (whose tokens stay
 * intact, so references can still be followed across stacks), comes from the resource itself.
 *
 * A resource without property overrides is returned as it is: the view costs nothing there.
 */
export function finalView<T extends CfnResource>(node: T): T {
  if (isView(node)) return node;
  const overridden = overriddenProperties(node);
  if (overridden.size === 0) return node;
  let view = VIEWS.get(node);
  if (view === undefined) {
    view = makeView(node, overridden);
    VIEWS.set(node, view);
    TARGETS.set(view, node);
  }
  return view as T;
}

/** The resource behind a view (or the resource itself). */
export function viewTarget<T extends CfnResource>(node: T): T {
  return (TARGETS.get(node) as T | undefined) ?? node;
}

/**
 * The final value of an L1 property, by its camelCase name: the template's value when an override touches it, else
 * `undefined` (the caller then reads the resource itself). `found` says which.
 */
export function overriddenValue(node: CfnResource, camelCaseName: string): { found: boolean; value?: unknown } {
  const target = viewTarget(node);
  const key = matchingKey(overriddenProperties(target), camelCaseName);
  return key === undefined ? { found: false } : { found: true, value: finalValue(target, key) };
}

/**
 * The final value of an overridden property. A whole value written by `addPropertyOverride('X', value)` is returned as
 * written, tokens intact, so that a reference in it (also to another stack) can still be followed; a partial override
 * (`addPropertyOverride('X.0.Y', value)`, which builds prototype-less objects) is merged into the L1's value by
 * rendering the resource's template.
 */
function finalValue(node: CfnResource, key: string): unknown {
  const raw = (node as unknown as { rawOverrides: Record<string, Record<string, unknown>> }).rawOverrides.Properties[key];
  const partial = raw !== null && typeof raw === 'object' && Object.getPrototypeOf(raw) === null;
  return partial ? finalProperties(node)[key] : raw;
}

let VIEWS = new WeakMap<CfnResource, CfnResource>();
const TARGETS = new WeakMap<object, CfnResource>();
let RENDERED = new WeakMap<CfnResource, Record<string, unknown>>();

/**
 * Forgets every view: a validation run starts from the overrides as they are now (an app may add overrides between
 * two runs). Called when a run indexes the app.
 */
export function resetFinalViews(): void {
  VIEWS = new WeakMap();
  RENDERED = new WeakMap();
}

function isView(node: CfnResource): boolean {
  return TARGETS.has(node);
}

/** The CloudFormation names of the properties an override sets or deletes. */
function overriddenProperties(node: CfnResource): Set<string> {
  const raw = (node as unknown as { rawOverrides?: Record<string, unknown> }).rawOverrides;
  const properties = raw?.Properties;
  if (properties === undefined || properties === null || typeof properties !== 'object') return new Set();
  return new Set(Object.keys(properties));
}

/** The CloudFormation property name that `camelCaseName` stands for (names differ only in case: `sseSpecification`). */
function matchingKey(names: ReadonlySet<string>, camelCaseName: string): string | undefined {
  const lower = camelCaseName.toLowerCase();
  for (const name of names) if (name.toLowerCase() === lower) return name;
  return undefined;
}

/** The resource's Properties in the synthesized template (resolved: overrides merged, intrinsics as JSON). */
function finalProperties(node: CfnResource): Record<string, unknown> {
  let rendered = RENDERED.get(node);
  if (rendered === undefined) {
    const stack = Stack.of(node);
    const template = stack.resolve((node as unknown as { _toCloudFormation(): unknown })._toCloudFormation()) as
      { Resources?: Record<string, { Properties?: Record<string, unknown> }> } | undefined;
    const logicalId = stack.resolve((node as CfnElement).logicalId) as string;
    rendered = template?.Resources?.[logicalId]?.Properties ?? {};
    RENDERED.set(node, rendered);
  }
  return rendered;
}

function makeView(node: CfnResource, overridden: ReadonlySet<string>): CfnResource {
  return new Proxy(node, {
    get(target, property) {
      // `tags` is the TagManager, not a property value; `node` is the construct node
      if (typeof property === 'string' && property !== 'tags' && property !== 'node') {
        const key = matchingKey(overridden, property);
        if (key !== undefined) return finalValue(target, key);
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
