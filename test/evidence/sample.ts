import { EvidenceStatus, type EvidenceInput, type EvidenceProvenance, type RuleEvaluation } from '../../src/evidence';

/** A fixed provenance: one stack with a literal environment. */
export const SAMPLE_PROVENANCE: EvidenceProvenance = {
  library: { name: 'cdk-hitrust-redis', version: '1.2.3' },
  cdkNag: { name: 'cdk-nag', version: '3.0.2' },
  awsCdkLib: { name: 'aws-cdk-lib', version: '2.276.0' },
  templates: [{
    stack: 'App',
    templateFile: 'App.template.json',
    account: '111111111111',
    region: 'us-east-1',
    sha256: 'a'.repeat(64),
  }],
};

/** A small catalog: two automated controls, one manual control, one control no rule cites. */
export function sampleInput(evaluations: RuleEvaluation[], overrides: Partial<EvidenceInput> = {}): EvidenceInput {
  return {
    pack: 'HITRUST.CSF',
    generatedAt: '2025-01-15T10:00:00.000Z',
    provenance: SAMPLE_PROVENANCE,
    settings: { minimumSnapshotRetentionDays: '35' },
    rules: [
      { ruleId: 'HITRUST.CSF-MultiAZ', level: 'Error', controls: ['1410.09e2', '1618.09l1'], guideStep: '3', info: 'not Multi-AZ' },
      { ruleId: 'HITRUST.CSF-Backup', level: 'Error', controls: ['1618.09l1'], guideStep: '5', info: 'no backup' },
    ],
    controls: [
      { id: 'HIPAA 164.308', framework: 'HIPAA', title: 'BAA', guideSteps: ['1'], manual: true },
      { id: '1410.09e2', framework: 'HITRUST CSF', title: 'Disaster recovery', guideSteps: ['3'], manual: false },
      { id: '1618.09l1', framework: 'HITRUST CSF', title: 'Back-ups', guideSteps: ['3', '5'], manual: false },
      { id: '0805.01m1', framework: 'HITRUST CSF', title: 'Network segregation', guideSteps: ['3'], manual: false },
    ],
    evaluations,
    attestations: [],
    ...overrides,
  };
}

/** The sample catalog with two CIS v8 IDs of the backup SOP: 3.4 cited by the Backup rule, 6.7 by no rule. */
export function sampleInputWithSop(evaluations: RuleEvaluation[], overrides: Partial<EvidenceInput> = {}): EvidenceInput {
  const base = sampleInput(evaluations, overrides);
  return {
    ...base,
    rules: base.rules.map((rule) => rule.ruleId === 'HITRUST.CSF-Backup' ? { ...rule, controls: [...rule.controls, 'CIS v8 3.4'] } : rule),
    controls: [
      ...base.controls,
      { id: 'CIS v8 3.4', framework: 'CIS Controls v8', title: 'Enforce Data Retention', guideSteps: ['SOP'], manual: false, sopStatement: 'Encrypt Data on End-User Devices' },
      { id: 'CIS v8 6.7', framework: 'CIS Controls v8', title: 'Centralize Access Control', guideSteps: ['SOP'], manual: false, sopStatement: 'Implement Application Layer Filtering' },
    ],
  };
}

/** An evaluation of `rule` on `path`. */
export function evaluation(rule: string, path: string, status: EvidenceStatus, reason?: string): RuleEvaluation {
  return { ruleId: `HITRUST.CSF-${rule}`, resourcePath: path, status, ...(reason === undefined ? {} : { reason }) };
}
