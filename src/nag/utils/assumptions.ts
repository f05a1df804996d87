import type { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { referencedResource } from './references';
import { resolveList, resolveValue } from './resolve';
import { SideChannel } from './side-channel';

/**
 * A rule passed because the resource points outside the app (a subnet group name, security group IDs): the template
 * names the thing, but does not contain it, so the pack cannot show what it is. The evidence report turns the
 * compliant evaluation into "assumed" and lists the reference for the auditor to verify.
 */
export interface RecordedAssumption {
  /** Full rule ID (`HITRUST.CSF-<id>`) that accepted the reference. */
  readonly ruleId: string;
  /** Construct path of the resource that holds the reference. */
  readonly resourcePath: string;
  /** What is assumed, e.g. `subnet group 'cache-subnets' is not in the app`. */
  readonly description: string;
}

const ASSUMPTIONS = new SideChannel<RecordedAssumption>();

/**
 * Notes, from inside a rule, that `ruleId` accepts `node` only on a reference to something outside the app. Outside a
 * collection (a rule called on its own, or `validateScope` without the evidence report) nothing is kept.
 */
export function recordAssumption(node: IConstruct, ruleId: string, description: string): void {
  const resourcePath = node.node.path;
  ASSUMPTIONS.note({ ruleId, resourcePath, description },
    (a) => a.ruleId === ruleId && a.resourcePath === resourcePath && a.description === description);
}

/**
 * Runs `run` (a pack's validation) with a fresh collection and returns what the rules recorded during it, once each.
 * Collections nest: the outer one is restored afterwards, also when `run` throws.
 */
export function collectAssumptions<T>(run: () => T): { result: T; assumptions: RecordedAssumption[] } {
  const { result, noted } = ASSUMPTIONS.collect(run);
  return { result, assumptions: noted };
}

/** How a value the pack cannot follow reads in an assumption: a literal as itself, anything else as its expression. */
export function describeReference(resolved: unknown): string {
  if (typeof resolved === 'string' || typeof resolved === 'number' || typeof resolved === 'boolean') {
    return `'${String(resolved)}'`;
  }
  const text = JSON.stringify(resolved) ?? String(resolved);
  return `the deploy-time value ${text.length > 80 ? `${text.slice(0, 77)}...` : text}`;
}

/**
 * The items of a list property (subnet IDs, security group IDs) that are not resources of the app `isOwn` accepts,
 * each described for an assumption; a list known only at deployment is one item. A `Ref` or `Fn::GetAtt` to a
 * resource of the app, also across stacks, is the app's own (see `referencedResource`).
 */
export function outsideListItems(node: CfnResource, value: unknown, isOwn: (resource: CfnResource) => boolean): string[] {
  const own = (item: unknown) => {
    const resource = referencedResource(node, item);
    return resource !== undefined && isOwn(resource);
  };
  if (Array.isArray(value)) {
    return value.filter((item) => !own(item)).map((item) => describeReference(resolveValue(node, item)));
  }
  const list = resolveList(node, value);
  if (list.kind === 'unresolved') {
    return [describeReference(list.expression)];
  }
  return list.kind === 'list' ? list.items.filter((item) => !own(item)).map((item) => describeReference(item)) : [];
}
