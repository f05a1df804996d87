import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledged IDs are stored qualified: `Annotation::<id>` (aws-cdk-lib >= 2.262.1; `annotation::` before) for bare
 * IDs, `<plugin>::<id>` for the printed form (which aws-cdk-lib suppresses at synth). Both count.
 */
const NAMESPACE_PREFIX = /^[^:]*::/;

/**
 * The reason given with `Validations.of(scope).acknowledge({ id, reason })` for `ruleId`, on the construct or the
 * closest ancestor that acknowledges it (the same lookup cdk-nag and aws-cdk-lib use).
 *
 * @returns the reason, or undefined when the rule is not acknowledged there.
 */
export function acknowledgementReason(construct: IConstruct, ruleId: string): string | undefined {
  let current: IConstruct | undefined = construct;
  while (current) {
    for (const entry of current.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || typeof entry.data !== 'object' || entry.data === null) {
        continue;
      }
      for (const [qualifiedId, reason] of Object.entries(entry.data as Record<string, unknown>)) {
        if (qualifiedId.replace(NAMESPACE_PREFIX, '') === ruleId) {
          return typeof reason === 'string' ? reason : String(reason);
        }
      }
    }
    current = current.node.scope;
  }
  return undefined;
}
