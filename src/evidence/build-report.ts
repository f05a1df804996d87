import {
  ACKNOWLEDGEMENT_AUTHOR,
  BACKUP_SOP_CHECK,
  ControlStatus,
  EVIDENCE_SCHEMA_VERSION,
  EvidenceStatus,
  UNKNOWN,
  type ControlSummary,
  type EvidenceAcknowledgement,
  type EvidenceAssumption,
  type EvidenceControl,
  type EvidenceInput,
  type EvidenceReport,
  type EvidenceRow,
  type RuleEvaluation,
  type SopMappingSummary,
} from './model';

/** `HITRUST.CSF-Rule[finding]` -> `HITRUST.CSF-Rule`. */
function baseRuleId(ruleId: string): string {
  return ruleId.replace(/\[.*\]$/, '');
}

function key(ruleId: string, resourcePath: string): string {
  return `${ruleId}\u0000${resourcePath}`;
}

/** Evaluated outcomes and attestations of one control. */
interface ControlCounts {
  readonly compliant: number;
  readonly assumed: number;
  readonly nonCompliant: number;
  readonly acknowledged: number;
  readonly attestations: number;
}

/**
 * "met" only when a rule that evidences the control applied and every applicable evaluation of those rules passed on
 * what the templates contain. Anything resting on the outside (an accepted outside reference, a stated provider) is
 * "assumed"; an acknowledged failure is "acknowledged"; a CIS ID of the SOP no rule evidences is the SOP's mapping.
 */
function controlStatus(control: EvidenceControl, rules: readonly string[], counts: ControlCounts, stated: boolean): ControlStatus {
  if (control.manual) {
    return counts.attestations > 0 ? ControlStatus.ATTESTED : ControlStatus.ATTESTATION_MISSING;
  }
  if (control.sopStatement !== undefined && rules.length === 0) {
    return ControlStatus.SOP_MAPPING;
  }
  if (counts.nonCompliant > 0) {
    return ControlStatus.NOT_MET;
  }
  if (counts.acknowledged > 0) {
    return ControlStatus.ACKNOWLEDGED;
  }
  if (counts.assumed > 0) {
    return ControlStatus.ASSUMED;
  }
  if (counts.compliant > 0) {
    return ControlStatus.MET;
  }
  return stated ? ControlStatus.ASSUMED : ControlStatus.NOT_EVALUATED;
}

function compareRows(a: EvidenceRow, b: EvidenceRow, controlOrder: Map<string, number>): number {
  return (controlOrder.get(a.controlId) ?? 0) - (controlOrder.get(b.controlId) ?? 0)
    || a.ruleId.localeCompare(b.ruleId)
    || a.resourcePath.localeCompare(b.resourcePath);
}

function rowReason(evaluation: RuleEvaluation): string | undefined {
  const reason = evaluation.reason ?? (evaluation.error === undefined ? undefined : `rule error: ${evaluation.error}`);
  if (evaluation.detail === undefined) return reason;
  return reason === undefined ? `found: ${evaluation.detail}` : `${reason} (found: ${evaluation.detail})`;
}

/**
 * A compliant evaluation whose rule accepted a reference outside the app becomes `assumed`, with what is assumed as
 * its reason. Returns the evaluations and the outside references that changed one (as assumptions).
 */
function applyOutsideReferences(input: EvidenceInput, controlsByRule: Map<string, readonly string[]>): {
  evaluations: RuleEvaluation[];
  assumptions: EvidenceAssumption[];
} {
  const outside = new Map<string, string[]>();
  for (const reference of input.outsideReferences ?? []) {
    const k = key(reference.ruleId, reference.resourcePath);
    const descriptions = outside.get(k) ?? [];
    if (!descriptions.includes(reference.description)) {
      descriptions.push(reference.description);
    }
    outside.set(k, descriptions);
  }
  const used = new Set<string>();
  if (outside.size === 0) {
    return { evaluations: [...input.evaluations], assumptions: [] };
  }
  const evaluations = input.evaluations.map((evaluation) => {
    if (evaluation.status !== EvidenceStatus.COMPLIANT) {
      return evaluation;
    }
    const k = key(baseRuleId(evaluation.ruleId), evaluation.resourcePath);
    const descriptions = outside.get(k);
    if (evaluation.status !== EvidenceStatus.COMPLIANT || descriptions === undefined) {
      return evaluation;
    }
    used.add(k);
    return { ...evaluation, status: EvidenceStatus.ASSUMED, reason: descriptions.join('; ') };
  });
  const assumptions = (input.outsideReferences ?? [])
    .filter((reference, index, all) => used.has(key(reference.ruleId, reference.resourcePath))
      && all.findIndex((other) => other.ruleId === reference.ruleId && other.resourcePath === reference.resourcePath
        && other.description === reference.description) === index)
    .map((reference) => ({
      controls: [...(controlsByRule.get(reference.ruleId) ?? [])],
      description: reference.description,
      resourcePath: reference.resourcePath,
      ruleId: reference.ruleId,
    }))
    .sort((a, b) => a.resourcePath.localeCompare(b.resourcePath) || a.ruleId.localeCompare(b.ruleId));
  return { evaluations, assumptions };
}

/** Every acknowledged evaluation once, with where it was acknowledged (`unknown` when the pack did not say). */
function acknowledgementsOf(input: EvidenceInput, evaluations: readonly RuleEvaluation[]): EvidenceAcknowledgement[] {
  const records = new Map((input.acknowledgements ?? []).map((record) => [key(record.ruleId, record.resourcePath), record]));
  const result = new Map<string, EvidenceAcknowledgement>();
  for (const evaluation of evaluations.filter((e) => e.status === EvidenceStatus.ACKNOWLEDGED)) {
    const k = key(evaluation.ruleId, evaluation.resourcePath);
    const record = records.get(k);
    result.set(k, {
      ruleId: evaluation.ruleId,
      resourcePath: evaluation.resourcePath,
      recordedAt: record?.recordedAt ?? UNKNOWN,
      reason: record?.reason ?? evaluation.reason ?? '',
      who: ACKNOWLEDGEMENT_AUTHOR,
    });
  }
  return [...result.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.resourcePath.localeCompare(b.resourcePath));
}

/**
 * Builds the evidence report: one row per control -> rule -> resource (not-applicable evaluations are left out), a
 * summary per control, the CIS v8 IDs the backup SOP maps in their own list, the acknowledged findings with where and
 * why, the attestations with the manual controls that lack one, and what is assumed to be provided outside the app
 * (stated by it: only where no rule applied; accepted by a rule on an outside reference: that evaluation is
 * `assumed`). Pure.
 */
export function buildEvidenceReport(input: EvidenceInput): EvidenceReport {
  const controlsByRule = new Map(input.rules.map((rule) => [rule.ruleId, rule.controls]));
  const controlOrder = new Map(input.controls.map((control, index) => [control.id, index]));

  const outside = applyOutsideReferences(input, controlsByRule);
  const evaluations = outside.evaluations;
  const applied = new Set(evaluations.filter((e) => e.status !== EvidenceStatus.NOT_APPLICABLE).map((e) => baseRuleId(e.ruleId)));

  const stated = input.assumptions ?? [];
  const rows: EvidenceRow[] = [];
  for (const evaluation of evaluations) {
    if (evaluation.status === EvidenceStatus.NOT_APPLICABLE) {
      continue;
    }
    const reason = rowReason(evaluation);
    for (const controlId of controlsByRule.get(baseRuleId(evaluation.ruleId)) ?? []) {
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

  const rowsByControl = new Map<string, EvidenceRow[]>();
  for (const row of rows) {
    const own = rowsByControl.get(row.controlId);
    if (own === undefined) rowsByControl.set(row.controlId, [row]); else own.push(row);
  }
  const summaries = input.controls.map((control): ControlSummary => {
    const own = rowsByControl.get(control.id) ?? [];
    const count = (status: EvidenceStatus) => own.filter((row) => row.status === status).length;
    const counts = {
      compliant: count(EvidenceStatus.COMPLIANT),
      assumed: count(EvidenceStatus.ASSUMED),
      nonCompliant: count(EvidenceStatus.NON_COMPLIANT),
      acknowledged: count(EvidenceStatus.ACKNOWLEDGED),
      attestations: input.attestations.filter((attestation) => attestation.controlId === control.id).length,
    };
    const rules = input.rules.filter((rule) => rule.controls.includes(control.id)).map((rule) => rule.ruleId).sort();
    return {
      controlId: control.id,
      framework: control.framework,
      title: control.title,
      guideSteps: control.guideSteps,
      status: controlStatus(control, rules, counts, stated.some((a) => a.controls.includes(control.id))),
      rules,
      rulesNotApplied: rules.filter((rule) => !applied.has(rule)),
      ...counts,
    };
  });
  const isSop = (index: number) => input.controls[index].sopStatement !== undefined;
  const controls = summaries.filter((_, index) => !isSop(index));
  const sopMappings = summaries.flatMap((summary, index): SopMappingSummary[] => isSop(index)
    ? [{ ...summary, sopStatement: input.controls[index].sopStatement!, sopCheck: BACKUP_SOP_CHECK }]
    : []);

  const totals = Object.fromEntries(Object.values(ControlStatus).map((status) => [status, 0])) as Record<ControlStatus, number>;
  for (const summary of summaries) {
    totals[summary.status] += 1;
  }

  return {
    schemaVersion: EVIDENCE_SCHEMA_VERSION,
    pack: input.pack,
    generatedAt: input.generatedAt,
    provenance: input.provenance,
    settings: input.settings,
    totals,
    controls,
    sopMappings,
    rows,
    acknowledgements: acknowledgementsOf(input, evaluations),
    attestations: [...input.attestations],
    missingAttestations: summaries.filter((c) => c.status === ControlStatus.ATTESTATION_MISSING).map((c) => c.controlId),
    assumptions: [...stated, ...outside.assumptions],
  };
}
