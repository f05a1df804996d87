import type { CfnResource } from 'aws-cdk-lib';

/**
 * Template metadata key under which a resource lists the AWS Control Tower proactive controls it does not meet, each
 * with the reason (`[{ control: 'CT.S3.PR.2', reason: '...' }]`).
 *
 * The metadata informs: the Guard rules of Control Tower have no suppression mechanism, so an account whose Control
 * Tower enables one of these controls blocks the stack whatever the metadata says (README "Control Tower proactive
 * controls"). The project's CI fails on any Control Tower finding that is not stated here, and on any statement here
 * that no finding needs.
 */
export const CONTROL_TOWER_METADATA_KEY = 'cdk-hitrust-redis:control-tower-exceptions';

/** One Control Tower control a resource does not meet, and why. */
export interface ControlTowerException {
  /** The control's ID, as Control Tower names it (`CT.S3.PR.2`). */
  readonly control: string;
  /** Why the resource does not meet it, in terms an auditor can check. */
  readonly reason: string;
}

/** States on the resource's template metadata the Control Tower controls it does not meet, with the reasons. */
export function stateControlTowerExceptions(resource: CfnResource, exceptions: readonly ControlTowerException[]): void {
  const stated = (resource.getMetadata(CONTROL_TOWER_METADATA_KEY) as ControlTowerException[] | undefined) ?? [];
  const added = exceptions.filter((e) => !stated.some((s) => s.control === e.control));
  resource.addMetadata(CONTROL_TOWER_METADATA_KEY, [...stated, ...added]);
}
