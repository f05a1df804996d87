/**
 * Data model of the HITRUST evidence report (hitrust-evidence.json / .md).
 * Plain data: the pack fills it, pure functions summarise and render it.
 */

/** The outcome of one rule on one resource. */
export enum EvidenceStatus {
  /** The rule passed. */
  COMPLIANT = 'compliant',
  /** The rule failed and nobody acknowledged it. */
  NON_COMPLIANT = 'non-compliant',
  /** The rule failed and the finding is acknowledged (with a reason) on the resource or an ancestor. */
  ACKNOWLEDGED = 'acknowledged',
  /** The rule does not apply to the resource: counted, not listed. */
  NOT_APPLICABLE = 'not-applicable',
}

/** The status of a control in the summary. */
export enum ControlStatus {
  /** Every evaluated rule passed. */
  MET = 'met',
  /** At least one unacknowledged failure. */
  NOT_MET = 'not met',
  /** No unacknowledged failure, at least one acknowledged one. */
  ACKNOWLEDGED = 'acknowledged',
  /** No rule of the control applied to any resource of the app. */
  NOT_EVALUATED = 'not evaluated',
  /** No rule of the control applied, but the app states that something outside it provides the control. */
  ASSUMED = 'assumed',
  /** A manual control with an attestation. */
  ATTESTED = 'attested',
  /** A manual control nobody attested. */
  ATTESTATION_MISSING = 'attestation missing',
}

/** One rule evaluation recorded by the pack. */
export interface RuleEvaluation {
  /** Full rule ID (`HITRUST.CSF-<id>`, with a `[finding]` suffix for findings-style results). */
  readonly ruleId: string;
  /** Construct path of the resource. */
  readonly resourcePath: string;
  /** The outcome. */
  readonly status: EvidenceStatus;
  /** The acknowledgement reason, for ACKNOWLEDGED. */
  readonly reason?: string;
  /** The error message when the rule threw (recorded as NON_COMPLIANT). */
  readonly error?: string;
}

/**
 * A control provided outside the app, as the app states it (e.g. an organization trail that records the cache's
 * API calls). The auditor verifies it; the report shows it instead of "not evaluated".
 */
export interface EvidenceAssumption {
  /** Controls the assumption covers. */
  readonly controls: readonly string[];
  /** What is assumed, e.g. `assumed: organization trail org-trail`. */
  readonly description: string;
  /** Construct path of the resource that states it. */
  readonly resourcePath: string;
}

/** What the report needs to know about a rule. */
export interface EvidenceRule {
  /** Full rule ID. */
  readonly ruleId: string;
  /** Error or Warning. */
  readonly level: string;
  /** Control IDs the rule provides evidence for. */
  readonly controls: readonly string[];
  /** Guide step ('1'..'6' or 'SOP'). */
  readonly guideStep: string;
  /** What a failure means. */
  readonly info: string;
}

/** What the report needs to know about a control. */
export interface EvidenceControl {
  /** Control ID. */
  readonly id: string;
  /** Framework (HITRUST CSF, HIPAA, CIS Controls v8). */
  readonly framework: string;
  /** Title. */
  readonly title: string;
  /** Guide steps citing it. */
  readonly guideSteps: readonly string[];
  /** True when only an attestation can prove it. */
  readonly manual: boolean;
}

/** A statement by a person that a manual control is in place. */
export interface EvidenceAttestation {
  /** The control attested. */
  readonly controlId: string;
  /** What is attested. */
  readonly statement: string;
  /** Who attests. */
  readonly attestedBy: string;
  /** When (ISO 8601 date). */
  readonly date: string;
}

/** Everything needed to build a report. */
export interface EvidenceInput {
  /** The pack name (`HITRUST.CSF`). */
  readonly pack: string;
  /** ISO timestamp of the synthesis. */
  readonly generatedAt: string;
  /** The pack settings worth recording (e.g. the snapshot retention minimum). */
  readonly settings: Readonly<Record<string, string>>;
  /** The catalog's rules. */
  readonly rules: readonly EvidenceRule[];
  /** The control catalogue. */
  readonly controls: readonly EvidenceControl[];
  /** Every recorded evaluation. */
  readonly evaluations: readonly RuleEvaluation[];
  /** The user's attestations. */
  readonly attestations: readonly EvidenceAttestation[];
  /** Controls the app states are provided outside it. */
  readonly assumptions?: readonly EvidenceAssumption[];
}

/** One detail row: control -> rule -> resource -> status. */
export interface EvidenceRow {
  /** Control ID. */
  readonly controlId: string;
  /** Full rule ID. */
  readonly ruleId: string;
  /** Construct path of the resource. */
  readonly resourcePath: string;
  /** compliant, non-compliant or acknowledged. */
  readonly status: EvidenceStatus;
  /** Acknowledgement reason or rule error. */
  readonly reason?: string;
}

/** The summary of one control. */
export interface ControlSummary {
  /** Control ID. */
  readonly controlId: string;
  /** Framework. */
  readonly framework: string;
  /** Title. */
  readonly title: string;
  /** Guide steps. */
  readonly guideSteps: readonly string[];
  /** Overall status. */
  readonly status: ControlStatus;
  /** Rules that provide evidence for the control. */
  readonly rules: readonly string[];
  /** Compliant evaluations. */
  readonly compliant: number;
  /** Unacknowledged failures. */
  readonly nonCompliant: number;
  /** Acknowledged failures. */
  readonly acknowledged: number;
  /** Evaluations where a rule did not apply. */
  readonly notApplicable: number;
  /** Attestations for the control. */
  readonly attestations: number;
}

/** The evidence report written next to the cloud assembly. */
export interface EvidenceReport {
  /** Format version of this JSON. */
  readonly schemaVersion: 1;
  /** The pack name. */
  readonly pack: string;
  /** ISO timestamp of the synthesis. */
  readonly generatedAt: string;
  /** Pack settings. */
  readonly settings: Readonly<Record<string, string>>;
  /** Number of controls per status. */
  readonly totals: Readonly<Record<ControlStatus, number>>;
  /** One summary per control, in catalogue order. */
  readonly controls: readonly ControlSummary[];
  /** Detail rows (not-applicable evaluations omitted, counted in the summary). */
  readonly rows: readonly EvidenceRow[];
  /** The attestations given. */
  readonly attestations: readonly EvidenceAttestation[];
  /** Manual controls nobody attested. */
  readonly missingAttestations: readonly string[];
  /** Controls the app states are provided outside it. */
  readonly assumptions: readonly EvidenceAssumption[];
}
