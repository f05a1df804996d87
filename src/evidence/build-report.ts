import {
  ControlStatus,
  EvidenceStatus,
  type ControlSummary,
  type EvidenceControl,
  type EvidenceInput,
  type EvidenceReport,
  type EvidenceRow,
  type RuleEvaluation,
} from './model';

/** `HITRUST.CSF-Rule[finding]` -> `HITRUST.CSF-Rule`. */
function baseRuleId(ruleId: string): string {
  return ruleId.replace(/\[.*\]$/, '');
}

/** Evaluated outcomes and attestations of one control. */
interface ControlCounts {
  readonly compliant: number;
  readonly nonCompliant: number;
  readonly acknowledged: number;
  readonly attestations: number;
}

function controlStatus(control: EvidenceControl, counts: ControlCounts, assumed: boolean): ControlStatus {
  if (control.manual) {
    return counts.attestations > 0 ? ControlStatus.ATTESTED : ControlStatus.ATTESTATION_MISSING;
  }
  if (counts.nonCompliant > 0) {
    return ControlStatus.NOT_MET;
  }
  if (counts.acknowledged > 0) {
    return ControlStatus.ACKNOWLEDGED;
  }
  if (counts.compliant > 0) {
    return ControlStatus.MET;
  }
  return assumed ? ControlStatus.ASSUMED : ControlStatus.NOT_EVALUATED;
}

function compareRows(a: EvidenceRow, b: EvidenceRow, controlOrder: Map<string, number>): number {
  return (controlOrder.get(a.controlId) ?? 0) - (controlOrder.get(b.controlId) ?? 0)
    || a.ruleId.localeCompare(b.ruleId)
    || a.resourcePath.localeCompare(b.resourcePath);
}

function rowReason(evaluation: RuleEvaluation): string | undefined {
  return evaluation.reason ?? (evaluation.error === undefined ? undefined : `rule error: ${evaluation.error}`);
}

/**
 * Builds the evidence report: one row per control -> rule -> resource (not-applicable evaluations are only counted),
 * a summary per control, the attestations with the manual controls that lack one, and the controls the app states
 * are provided outside it (assumed only where no rule applied: a rule's outcome always wins). Pure.
 */
export function buildEvidenceReport(input: EvidenceInput): EvidenceReport {
  const controlsByRule = new Map(input.rules.map((rule) => [rule.ruleId, rule.controls]));
  const controlOrder = new Map(input.controls.map((control, index) => [control.id, index]));

  const assumptions = input.assumptions ?? [];
  const rows: EvidenceRow[] = [];
  const notApplicable = new Map<string, number>();
  for (const evaluation of input.evaluations) {
    for (const controlId of controlsByRule.get(baseRuleId(evaluation.ruleId)) ?? []) {
      if (evaluation.status === EvidenceStatus.NOT_APPLICABLE) {
        notApplicable.set(controlId, (notApplicable.get(controlId) ?? 0) + 1);
        continue;
      }
      const reason = rowReason(evaluation);
      rows.push({
        controlId,
        ruleId: evaluation.ruleId,
        resourcePath: evaluation.resourcePath,
        status: evaluation.status,
        ...(reason === undefined ? {} : { reason }),
      });
    }
  }
  rows.sort((a, b) => compareRows(a, b, controlOrder));

  const controls: ControlSummary[] = input.controls.map((control) => {
    const own = rows.filter((row) => row.controlId === control.id);
    const count = (status: EvidenceStatus) => own.filter((row) => row.status === status).length;
    const counts = {
      compliant: count(EvidenceStatus.COMPLIANT),
      nonCompliant: count(EvidenceStatus.NON_COMPLIANT),
      acknowledged: count(EvidenceStatus.ACKNOWLEDGED),
      attestations: input.attestations.filter((attestation) => attestation.controlId === control.id).length,
    };
    return {
      controlId: control.id,
      framework: control.framework,
      title: control.title,
      guideSteps: control.guideSteps,
      status: controlStatus(control, counts, assumptions.some((a) => a.controls.includes(control.id))),
      rules: input.rules.filter((rule) => rule.controls.includes(control.id)).map((rule) => rule.ruleId).sort(),
      ...counts,
      notApplicable: notApplicable.get(control.id) ?? 0,
    };
  });

  const totals = Object.fromEntries(Object.values(ControlStatus).map((status) => [status, 0])) as Record<ControlStatus, number>;
  for (const control of controls) {
    totals[control.status] += 1;
  }

  return {
    schemaVersion: 1,
    pack: input.pack,
    generatedAt: input.generatedAt,
    settings: input.settings,
    totals,
    controls,
    rows,
    attestations: [...input.attestations],
    missingAttestations: controls.filter((c) => c.status === ControlStatus.ATTESTATION_MISSING).map((c) => c.controlId),
    assumptions: [...assumptions],
  };
}
