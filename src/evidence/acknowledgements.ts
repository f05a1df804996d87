import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { EvidenceStatus, type AcknowledgementRecord, type RuleEvaluation } from './model';

/**
 * Acknowledged IDs are stored qualified: `Annotation::<id>` (aws-cdk-lib >= 2.262.1; `annotation::` before) for bare
 * IDs, `<plugin>::<id>` for the printed form (which aws-cdk-lib suppresses at synth). Both count.
 */
const NAMESPACE_PREFIX = /^[^:]*::/;

/** How the report names the App itself, whose construct path is empty. */
export const APP_ROOT = '(app root)';

/** An acknowledgement found for a rule: why, and on which construct it was recorded. */
export interface FoundAcknowledgement {
  /** The reason given. */
  readonly reason: string;
  /** Construct path of the construct carrying it (the resource or an ancestor; {@link APP_ROOT} for the App). */
  readonly recordedAt: string;
}

/**
 * The acknowledgement of `ruleId` made with `Validations.of(scope).acknowledge({ id, reason })` on the construct or the
 * closest ancestor that acknowledges it (the same lookup cdk-nag and aws-cdk-lib use).
 *
 * @returns the reason and where it was recorded, or undefined when the rule is not acknowledged there.
 */
export function findAcknowledgement(construct: IConstruct, ruleId: string): FoundAcknowledgement | undefined {
  let current: IConstruct | undefined = construct;
  while (current) {
    for (const entry of current.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || typeof entry.data !== 'object' || entry.data === null) {
        continue;
      }
      for (const [qualifiedId, reason] of Object.entries(entry.data as Record<string, unknown>)) {
        if (qualifiedId.replace(NAMESPACE_PREFIX, '') === ruleId) {
          return { reason: typeof reason === 'string' ? reason : String(reason), recordedAt: current.node.path || APP_ROOT };
        }
      }
    }
    current = current.node.scope;
  }
  return undefined;
}

/**
 * The reason given with `Validations.of(scope).acknowledge({ id, reason })` for `ruleId`, on the construct or the
 * closest ancestor that acknowledges it.
 *
 * @returns the reason, or undefined when the rule is not acknowledged there.
 */
export function acknowledgementReason(construct: IConstruct, ruleId: string): string | undefined {
  return findAcknowledgement(construct, ruleId)?.reason;
}

/**
 * Where each acknowledged evaluation was acknowledged, looked up in the app under `root` (one walk of the tree).
 * An evaluation whose resource is not found keeps the reason it was recorded with, at `unknown`.
 */
export function acknowledgementRecords(root: IConstruct, evaluations: readonly RuleEvaluation[]): AcknowledgementRecord[] {
  const acknowledged = evaluations.filter((e) => e.status === EvidenceStatus.ACKNOWLEDGED);
  if (acknowledged.length === 0) {
    return [];
  }
  const byPath = new Map(root.node.findAll().map((construct) => [construct.node.path, construct]));
  return acknowledged.flatMap((evaluation) => {
    const construct = byPath.get(evaluation.resourcePath);
    const found = construct === undefined ? undefined : findAcknowledgement(construct, evaluation.ruleId);
    if (found === undefined) {
      return evaluation.reason === undefined ? [] : [{
        ruleId: evaluation.ruleId, resourcePath: evaluation.resourcePath, recordedAt: 'unknown', reason: evaluation.reason,
      }];
    }
    return [{ ruleId: evaluation.ruleId, resourcePath: evaluation.resourcePath, ...found }];
  });
}
