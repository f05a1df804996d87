/**
 * The control IDs the pack reports, with where they come from.
 *
 * HITRUST CSF IDs and their "related to" titles are those of the HITRUST configuration guide for ElastiCache for
 * Redis (shared/seeds/000_*: six steps). The CIS Controls v8 IDs are those the ElastiCache backup SOP
 * (shared/seeds/001_*) maps to automatic backups; their titles here are CIS Controls v8's own safeguard titles, and
 * `sopStatement` keeps the SOP's words for the same ID (which differ: the SOP's mapping is its own). No public AWS
 * source maps rules to HITRUST: this file and the rule catalog are the mapping. A control is evidenced by the rules
 * whose catalog entry lists it; a CIS ID no rule lists is reported as the SOP's mapping, never as met.
 */

/** Where a control ID comes from. */
export enum ControlFramework {
  /** HITRUST CSF, as cited by the configuration guide. */
  HITRUST_CSF = 'HITRUST CSF',
  /** The HIPAA Security Rule. */
  HIPAA = 'HIPAA',
  /** CIS Critical Security Controls v8, as cited by the backup SOP. */
  CIS_V8 = 'CIS Controls v8',
}

/** One control of the catalogue. */
export interface HitrustControl {
  /** The ID printed in findings and the evidence report. */
  readonly id: string;
  /** The framework the ID belongs to. */
  readonly framework: ControlFramework;
  /** What the control is about, in the source document's words. */
  readonly title: string;
  /** The guide steps ('1'..'6') or 'SOP' that cite the control. */
  readonly guideSteps: readonly string[];
  /** The guide's requirement reference (e.g. `System.12`), when it gives one. */
  readonly reference?: string;
  /**
   * True when no template can prove the control (e.g. a signed BAA): the evidence report asks for an attestation.
   */
  readonly manual: boolean;
  /**
   * For an ID the backup SOP maps to "automatic backups are enabled": the SOP's own description of it, verbatim. The
   * evidence report lists such controls in their own section ("mapped by the backup SOP"), with this statement next to
   * the framework's title.
   */
  readonly sopStatement?: string;
}

const hitrust = (id: string, title: string, guideSteps: string[], reference: string): HitrustControl =>
  ({ id, framework: ControlFramework.HITRUST_CSF, title, guideSteps, reference, manual: false });

const cis = (id: string, title: string, sopStatement: string): HitrustControl =>
  ({ id: `CIS v8 ${id}`, framework: ControlFramework.CIS_V8, title, guideSteps: ['SOP'], manual: false, sopStatement });

/** Every control ID the catalog may cite, in guide order. */
export const HITRUST_CONTROLS: readonly HitrustControl[] = [
  {
    id: 'HIPAA 164.308',
    framework: ControlFramework.HIPAA,
    title: 'Signed Business Associate Addendum (BAA) with AWS before handling PHI',
    guideSteps: ['1'],
    reference: 'NA: AWS does not provide API access to their Artifact service',
    manual: true,
  },
  hitrust('0706.10b1', 'Vulnerability management', ['2'], 'System.12'),
  hitrust('1410.09e2', 'Disaster recovery', ['3'], 'System.23'),
  hitrust('1601.12c1', 'Disaster recovery', ['3'], 'Organizational.1238'),
  hitrust('1618.09l1', 'Disaster recovery; back-ups', ['3', '5'], 'Organizational.45'),
  hitrust('1620.09l1', 'Disaster recovery; back-ups', ['3', '5'], 'Organizational.8'),
  hitrust('0805.01m1', 'Network segregation', ['3'], 'Organizational.12'),
  hitrust('0808.10b2', 'Encryption', ['4'], 'System.3'),
  hitrust('0903.10f1', 'Encryption', ['4'], 'Organizational.1'),
  hitrust('1903.06d1', 'Encryption', ['4'], 'Organizational.3456711'),
  hitrust('19141.06c1', 'Encryption', ['4'], 'Organizational.7'),
  hitrust('1616.09l1', 'Back-ups', ['5'], 'Organizational.16'),
  hitrust('1202.09aa1', 'Logging & monitoring', ['6'], 'System.1'),
  hitrust('1203.09aa1', 'Logging & monitoring', ['6'], 'System.2'),
  hitrust('1204.09aa1', 'Logging & monitoring', ['6'], 'System.3'),
  hitrust('12100.09ab2', 'Logging & monitoring', ['6'], 'System.15'),
  hitrust('1270.09ad1', 'Logging & monitoring', ['6'], 'System.12'),
  // CIS v8 safeguard titles; the SOP cites these IDs for "automatic backups are enabled", with its own descriptions
  cis('3.4', 'Enforce Data Retention',
    'Encrypt Data on End-User Devices – Ensure data encryption during file system access.'),
  cis('6.7', 'Centralize Access Control',
    'Implement Application Layer Filtering and Content Control – Ensure appropriate content filtering is applied to sensitive files.'),
  cis('6.8', 'Define and Maintain Role-Based Access Control',
    'Define and Maintain Role-Based Access Control – Implement and manage role-based access for file systems.'),
  cis('14.6', 'Train Workforce Members on Recognizing and Reporting Security Incidents',
    'Protect Information Through Access Control Lists – Apply strict access control to file systems.'),
];
