/**
 * Data model of the HITRUST evidence report (hitrust-evidence.json / .md).
 * Plain data: the pack fills it, pure functions summarise and render it.
 *
 * ## hitrust-evidence.json, schema version 2
 *
 * | field | content |
 * | --- | --- |
 * | `schemaVersion` | `2`. Bumped on any change a reader could trip over (a field removed, renamed or re-typed). |
 * | `pack` | the cdk-nag pack name, `HITRUST.CSF` |
 * | `generatedAt` | ISO 8601 time of the synthesis |
 * | `provenance` | what was checked, by what: {@link EvidenceProvenance} (library, cdk-nag and aws-cdk-lib versions, every template with its stack, account, region and SHA-256) |
 * | `settings` | pack options that change outcomes, as strings |
 * | `totals` | number of controls per {@link ControlStatus}, over `controls` and `sopMappings` |
 * | `controls` | one {@link ControlSummary} per HITRUST CSF / HIPAA control, in catalogue order |
 * | `sopMappings` | one {@link SopMappingSummary} per CIS Controls v8 ID the backup SOP maps to automatic backups |
 * | `rows` | one {@link EvidenceRow} per control, rule and resource the rule applied to (not-applicable pairs are left out) |
 * | `acknowledgements` | one {@link EvidenceAcknowledgement} per acknowledged finding: rule, resource, where and why |
 * | `attestations` | the {@link EvidenceAttestation}s given to the pack |
 * | `missingAttestations` | IDs of manual controls nobody attested |
 * | `assumptions` | {@link EvidenceAssumption}s: what the app states, or a rule accepted, is provided outside it |
 *
 * Version 1 had no `provenance`, `sopMappings`, `acknowledgements`, no `assumed` row status and no `ruleId` on
 * assumptions; its `controls[].notApplicable` counted rule x resource pairs (now `rulesNotApplied`, the rules of the
 * control that applied to no resource) and it reported the CIS v8 IDs among the controls.
 */

/** The version of hitrust-evidence.json this model describes. */
export const EVIDENCE_SCHEMA_VERSION = 2;

/** Written where a version or an environment could not be read. */
export const UNKNOWN = 'unknown';

/** Written for the account or region of a stack whose environment is a token (known only at deployment). */
export const ENVIRONMENT_AGNOSTIC = 'environment-agnostic';

/** What the backup SOP checks when it cites its CIS v8 IDs (shared/seeds/001_*). */
export const BACKUP_SOP_CHECK = 'automatic backups are enabled for ElastiCache Redis clusters (SnapshotRetentionLimit > 0)';

/** What the report says about the author of an acknowledgement, which the CDK does not record. */
export const ACKNOWLEDGEMENT_AUTHOR = "not recorded by the CDK; the acknowledgement's line in source control is the record";

/** The outcome of one rule on one resource. */
export enum EvidenceStatus {
  /** The rule passed on what the template contains. */
  COMPLIANT = 'compliant',
  /**
   * The rule passed only because the resource points outside the app (a subnet group name, security group IDs that
   * are not resources of the app): the template names the thing but cannot show it. The auditor verifies it.
   */
  ASSUMED = 'assumed',
  /** The rule failed and nobody acknowledged it. */
  NON_COMPLIANT = 'non-compliant',
  /** The rule failed and the finding is acknowledged (with a reason) on the resource or an ancestor. */
  ACKNOWLEDGED = 'acknowledged',
  /** The rule does not apply to the resource: neither listed nor counted per control. */
  NOT_APPLICABLE = 'not-applicable',
}

/** The status of a control in the summary. */
export enum ControlStatus {
  /**
   * At least one rule that evidences the control (per the catalog) applied to at least one resource, and every
   * applicable evaluation of those rules is compliant on what the templates contain.
   */
  MET = 'met',
  /** At least one unacknowledged failure. */
  NOT_MET = 'not met',
  /** No unacknowledged failure, at least one acknowledged one. */
  ACKNOWLEDGED = 'acknowledged',
  /**
   * No failure, but the control rests on something outside the app: a rule passed on a reference outside it, or no
   * rule applied and the app states that something outside provides the control.
   */
  ASSUMED = 'assumed',
  /** No rule of the control applied to any resource of the app. */
  NOT_EVALUATED = 'not evaluated',
  /** A manual control with an attestation. */
  ATTESTED = 'attested',
  /** A manual control nobody attested. */
  ATTESTATION_MISSING = 'attestation missing',
  /** A CIS v8 ID the backup SOP maps to automatic backups that no rule evidences: the SOP's claim, not a finding. */
  SOP_MAPPING = 'SOP mapping (not evidenced by a rule)',
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
  /** What the finding found, for NON_COMPLIANT and ACKNOWLEDGED: the property, the value and the limit. */
  readonly detail?: string;
}

/**
 * A control provided outside the app: stated by the app (e.g. an organization trail that records the cache's API
 * calls), or accepted by a rule on a reference outside the app (`ruleId` set). The auditor verifies it.
 */
export interface EvidenceAssumption {
  /** Controls the assumption covers. */
  readonly controls: readonly string[];
  /** What is assumed, e.g. `assumed: organization trail org-trail`. */
  readonly description: string;
  /** Construct path of the resource that states it or holds the reference. */
  readonly resourcePath: string;
  /** The rule that accepted a reference outside the app (absent for what the app states). */
  readonly ruleId?: string;
}

/** A reference outside the app that a rule accepted (recorded by the rule while the pack ran). */
export interface OutsideReference {
  /** Full rule ID. */
  readonly ruleId: string;
  /** Construct path of the resource. */
  readonly resourcePath: string;
  /** What is assumed. */
  readonly description: string;
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
  /** Title, in the framework's words. */
  readonly title: string;
  /** Guide steps citing it. */
  readonly guideSteps: readonly string[];
  /** True when only an attestation can prove it. */
  readonly manual: boolean;
  /** For an ID the backup SOP maps: the SOP's description of it. Such controls are reported in `sopMappings`. */
  readonly sopStatement?: string;
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

/** A package and its version (`unknown` when it could not be read). */
export interface EvidencePackage {
  /** npm package name. */
  readonly name: string;
  /** Its version, or `unknown`. */
  readonly version: string;
}

/** One template the pack checked, as written to the cloud assembly. */
export interface EvidenceTemplate {
  /** Construct path of the stack (its hierarchical ID in the assembly). */
  readonly stack: string;
  /** The template file, relative to the cloud assembly directory (`Stack.template.json`). */
  readonly templateFile: string;
  /** The stack's account: the literal ID, `environment-agnostic` when a token, `unknown` when not found. */
  readonly account: string;
  /** The stack's region: the literal name, `environment-agnostic` when a token, `unknown` when not found. */
  readonly region: string;
  /** SHA-256 of the file's bytes as written (lower-case hex), or `unknown` when it could not be read. */
  readonly sha256: string;
  /** For a nested stack: the construct path of the stack whose template deploys it. */
  readonly parentStack?: string;
}

/** What was checked, and by what. */
export interface EvidenceProvenance {
  /** This library (cdk-hitrust-redis), read from its package.json. */
  readonly library: EvidencePackage;
  /** The cdk-nag that ran the pack. */
  readonly cdkNag: EvidencePackage;
  /** The aws-cdk-lib that synthesized the templates. */
  readonly awsCdkLib: EvidencePackage;
  /** Every template checked: the stacks given to the pack, then the nested stacks inside them. */
  readonly templates: readonly EvidenceTemplate[];
}

/** Where an acknowledgement was found: input to the report. */
export interface AcknowledgementRecord {
  /** Full rule ID acknowledged (with its `[finding]` suffix, if any). */
  readonly ruleId: string;
  /** Construct path of the resource the finding is about. */
  readonly resourcePath: string;
  /** Construct path of the construct carrying the acknowledgement (the resource or an ancestor; `(app root)` for the App). */
  readonly recordedAt: string;
  /** The reason given. */
  readonly reason: string;
}

/** One acknowledged finding: what, where, why, and who. */
export interface EvidenceAcknowledgement extends AcknowledgementRecord {
  /** Always {@link ACKNOWLEDGEMENT_AUTHOR}: `Validations.acknowledge` records no author. */
  readonly who: string;
}

/** Everything needed to build a report. */
export interface EvidenceInput {
  /** The pack name (`HITRUST.CSF`). */
  readonly pack: string;
  /** ISO timestamp of the synthesis. */
  readonly generatedAt: string;
  /** Versions and templates. */
  readonly provenance: EvidenceProvenance;
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
  /** References outside the app that rules accepted: their compliant evaluations become `assumed`. */
  readonly outsideReferences?: readonly OutsideReference[];
  /**
   * Where each acknowledged finding was acknowledged. Without it the report still lists every acknowledged
   * evaluation, with `recordedAt` `unknown`.
   */
  readonly acknowledgements?: readonly AcknowledgementRecord[];
}

/** One detail row: control -> rule -> resource -> status. */
export interface EvidenceRow {
  /** Control ID. */
  readonly controlId: string;
  /** Full rule ID. */
  readonly ruleId: string;
  /** Construct path of the resource. */
  readonly resourcePath: string;
  /** compliant, assumed, non-compliant or acknowledged. */
  readonly status: EvidenceStatus;
  /** Acknowledgement reason, what is assumed, or the rule error. */
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
  /** Rules that provide evidence for the control (per the catalog). */
  readonly rules: readonly string[];
  /** Rules of the control that applied to no resource of the app. */
  readonly rulesNotApplied: readonly string[];
  /** Compliant evaluations. */
  readonly compliant: number;
  /** Evaluations compliant only on a reference outside the app. */
  readonly assumed: number;
  /** Unacknowledged failures. */
  readonly nonCompliant: number;
  /** Acknowledged failures. */
  readonly acknowledged: number;
  /** Attestations for the control. */
  readonly attestations: number;
}

/** A CIS v8 ID the backup SOP maps to automatic backups. */
export interface SopMappingSummary extends ControlSummary {
  /** The SOP's own description of the ID. */
  readonly sopStatement: string;
  /** What the SOP checks when it cites the ID. */
  readonly sopCheck: string;
}

/** The evidence report written next to the cloud assembly. */
export interface EvidenceReport {
  /** Format version of this JSON: {@link EVIDENCE_SCHEMA_VERSION}. */
  readonly schemaVersion: typeof EVIDENCE_SCHEMA_VERSION;
  /** The pack name. */
  readonly pack: string;
  /** ISO timestamp of the synthesis. */
  readonly generatedAt: string;
  /** Versions and templates checked. */
  readonly provenance: EvidenceProvenance;
  /** Pack settings. */
  readonly settings: Readonly<Record<string, string>>;
  /** Number of controls per status (controls and SOP mappings). */
  readonly totals: Readonly<Record<ControlStatus, number>>;
  /** One summary per HITRUST CSF / HIPAA control, in catalogue order. */
  readonly controls: readonly ControlSummary[];
  /** The CIS v8 IDs the backup SOP maps, in catalogue order. */
  readonly sopMappings: readonly SopMappingSummary[];
  /** Detail rows (not-applicable evaluations omitted). */
  readonly rows: readonly EvidenceRow[];
  /** Every acknowledged finding, with where it was acknowledged and why. */
  readonly acknowledgements: readonly EvidenceAcknowledgement[];
  /** The attestations given. */
  readonly attestations: readonly EvidenceAttestation[];
  /** Manual controls nobody attested. */
  readonly missingAttestations: readonly string[];
  /** Controls provided outside the app (stated by it, or references a rule accepted). */
  readonly assumptions: readonly EvidenceAssumption[];
}
