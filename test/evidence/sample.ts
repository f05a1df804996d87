import { EvidenceStatus, type EvidenceInput, type RuleEvaluation } from '../../src/evidence';

/** A small catalog: two automated controls, one manual control, one control no rule cites. */
export function sampleInput(evaluations: RuleEvaluation[], overrides: Partial<EvidenceInput> = {}): EvidenceInput {
  return {
    pack: 'HITRUST.CSF',
    generatedAt: '2025-01-15T10:00:00.000Z',
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

/** An evaluation of `rule` on `path`. */
export function evaluation(rule: string, path: string, status: EvidenceStatus, reason?: string): RuleEvaluation {
  return { ruleId: `HITRUST.CSF-${rule}`, resourcePath: path, status, ...(reason === undefined ? {} : { reason }) };
}
