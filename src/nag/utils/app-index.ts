import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { finalView, resetFinalViews } from './final-view';

/**
 * What the rules that look across the app (topic policies, rotation schedules, archive buckets, hand-written `Ref`s)
 * read about it, computed once per validation run.
 *
 * Without it, a rule walks and resolves every resource of the app for each resource it checks, which makes a pack run
 * grow with the square of the app's size (measured: 21x from 10 to 200 stacks before the resource list was shared,
 * and the topic-policy and rotation-schedule lookups still resolved N x N properties after that).
 */
export class AppIndex {
  /** Every CfnResource of the app, in construct-tree order, each as its template finally says it. */
  public readonly resources: readonly CfnResource[];

  private readonly derived = new Map<string, unknown>();

  constructor(public readonly root: IConstruct) {
    resetFinalViews();
    // as the template finally says them (overrides applied): see ./final-view.ts
    this.resources = root.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c)).map((r) => finalView(r));
  }

  /**
   * A value computed from the app once per index (per validation run): `compute` runs on the first call with `key`,
   * later calls return its result. Keys are namespaced by their callers (e.g. `sns:topic-policies`).
   */
  public derive<T>(key: string, compute: (index: AppIndex) => T): T {
    if (!this.derived.has(key)) {
      this.derived.set(key, compute(this));
    }
    return this.derived.get(key) as T;
  }
}

let active: AppIndex | undefined;

/**
 * The index of the app that `node` belongs to: the one of the running validation, or (for a rule called on its own,
 * as in unit tests) a fresh one that is not kept, so a direct call is always correct, only slower.
 */
export function appIndexOf(node: IConstruct): AppIndex {
  const root = node.node.root;
  return active?.root === root ? active : new AppIndex(root);
}

/** Runs `validate` with the app indexed (the tree does not change while a pack validates it). */
export function withAppIndex<T>(root: IConstruct, validate: () => T): T {
  const previous = active;
  active = new AppIndex(root);
  try {
    return validate();
  } finally {
    active = previous;
  }
}
