import { evaluation, SAMPLE_PROVENANCE, sampleInput, sampleInputWithSop } from './sample';
import { ACKNOWLEDGEMENT_AUTHOR, buildEvidenceReport, ControlStatus, EvidenceStatus } from '../../src/evidence';

const { COMPLIANT, ASSUMED, NON_COMPLIANT, ACKNOWLEDGED, NOT_APPLICABLE } = EvidenceStatus;

describe('evidence rows', () => {
  test('list one row per control of the rule, resource and status', () => {
    // GIVEN
    const input = sampleInput([evaluation('MultiAZ', 'App/Cache', COMPLIANT)]);

    // WHEN
    const report = buildEvidenceReport(input);

    // THEN
    expect(report.rows).toEqual([
      { controlId: '1410.09e2', ruleId: 'HITRUST.CSF-MultiAZ', resourcePath: 'App/Cache', status: COMPLIANT },
      { controlId: '1618.09l1', ruleId: 'HITRUST.CSF-MultiAZ', resourcePath: 'App/Cache', status: COMPLIANT },
    ]);
  });

  test('carry the acknowledgement reason', () => {
    // GIVEN
    const input = sampleInput([evaluation('Backup', 'App/Cache', ACKNOWLEDGED, 'the cache holds no PHI')]);

    // WHEN
    const report = buildEvidenceReport(input);

    // THEN
    expect(report.rows).toEqual([
      { controlId: '1618.09l1', ruleId: 'HITRUST.CSF-Backup', resourcePath: 'App/Cache', status: ACKNOWLEDGED, reason: 'the cache holds no PHI' },
    ]);
  });

  test('leave not-applicable evaluations out, and name the rules that applied to no resource (not rule x resource pairs)', () => {
    // GIVEN
    const input = sampleInput([
      evaluation('Backup', 'App/Topic', NOT_APPLICABLE),
      evaluation('Backup', 'App/Key', NOT_APPLICABLE),
      evaluation('MultiAZ', 'App/Cache', COMPLIANT),
      evaluation('MultiAZ', 'App/Key', NOT_APPLICABLE),
    ]);

    // WHEN
    const report = buildEvidenceReport(input);

    // THEN
    expect(report.rows.map((r) => r.ruleId)).toEqual(['HITRUST.CSF-MultiAZ', 'HITRUST.CSF-MultiAZ']);
    expect(report.controls.find((c) => c.controlId === '1618.09l1')?.rulesNotApplied).toEqual(['HITRUST.CSF-Backup']);
    expect(report.controls.find((c) => c.controlId === '1410.09e2')?.rulesNotApplied).toEqual([]);
    expect(report.controls[0]).not.toHaveProperty('notApplicable');
  });

  test('turn a rule error into a non-compliant row that says so', () => {
    // GIVEN
    const input = sampleInput([{ ruleId: 'HITRUST.CSF-Backup', resourcePath: 'App/Cache', status: NON_COMPLIANT, error: 'boom' }]);

    // WHEN
    const report = buildEvidenceReport(input);

    // THEN
    expect(report.rows[0]).toMatchObject({ status: NON_COMPLIANT, reason: 'rule error: boom' });
  });

  test('map a findings-style rule ID to the controls of its rule', () => {
    // GIVEN
    const input = sampleInput([evaluation('Backup[window]', 'App/Cache', NON_COMPLIANT)]);

    // WHEN
    const report = buildEvidenceReport(input);

    // THEN
    expect(report.rows.map((r) => [r.controlId, r.ruleId])).toEqual([['1618.09l1', 'HITRUST.CSF-Backup[window]']]);
  });

  test('sort by control (catalogue order), then rule, then resource', () => {
    // GIVEN
    const input = sampleInput([
      evaluation('MultiAZ', 'App/B', COMPLIANT),
      evaluation('Backup', 'App/A', COMPLIANT),
      evaluation('MultiAZ', 'App/A', COMPLIANT),
    ]);

    // WHEN
    const report = buildEvidenceReport(input);

    // THEN
    expect(report.rows.map((r) => `${r.controlId} ${r.ruleId} ${r.resourcePath}`)).toEqual([
      '1410.09e2 HITRUST.CSF-MultiAZ App/A',
      '1410.09e2 HITRUST.CSF-MultiAZ App/B',
      '1618.09l1 HITRUST.CSF-Backup App/A',
      '1618.09l1 HITRUST.CSF-MultiAZ App/A',
      '1618.09l1 HITRUST.CSF-MultiAZ App/B',
    ]);
  });
});

describe('control summary', () => {
  test.each([
    { description: 'is met when every evaluation passed', statuses: [COMPLIANT, COMPLIANT], expected: ControlStatus.MET },
    { description: 'is not met when one failure is unacknowledged', statuses: [COMPLIANT, ACKNOWLEDGED, NON_COMPLIANT], expected: ControlStatus.NOT_MET },
    { description: 'is acknowledged when every failure is acknowledged', statuses: [COMPLIANT, ACKNOWLEDGED], expected: ControlStatus.ACKNOWLEDGED },
    { description: 'is not evaluated when no rule applied', statuses: [NOT_APPLICABLE], expected: ControlStatus.NOT_EVALUATED },
  ])('$description', ({ statuses, expected }) => {
    // GIVEN
    const input = sampleInput(statuses.map((status, i) => evaluation('MultiAZ', `App/Cache${i}`, status, status === ACKNOWLEDGED ? 'why' : undefined)));

    // WHEN
    const summary = buildEvidenceReport(input).controls.find((c) => c.controlId === '1410.09e2');

    // THEN
    expect(summary?.status).toBe(expected);
  });

  test('counts outcomes and names the rules of each control', () => {
    // GIVEN
    const input = sampleInput([evaluation('MultiAZ', 'App/A', COMPLIANT), evaluation('Backup', 'App/A', NON_COMPLIANT)]);

    // WHEN
    const summary = buildEvidenceReport(input).controls.find((c) => c.controlId === '1618.09l1');

    // THEN
    expect(summary).toEqual({
      controlId: '1618.09l1',
      framework: 'HITRUST CSF',
      title: 'Back-ups',
      guideSteps: ['3', '5'],
      status: ControlStatus.NOT_MET,
      rules: ['HITRUST.CSF-Backup', 'HITRUST.CSF-MultiAZ'],
      rulesNotApplied: [],
      compliant: 1,
      assumed: 0,
      nonCompliant: 1,
      acknowledged: 0,
      attestations: 0,
    });
  });

  test('totals the controls per status', () => {
    // GIVEN
    const input = sampleInput([evaluation('MultiAZ', 'App/A', COMPLIANT)]);

    // WHEN
    const report = buildEvidenceReport(input);

    // THEN
    expect(report.totals).toEqual({
      [ControlStatus.MET]: 2,
      [ControlStatus.NOT_MET]: 0,
      [ControlStatus.ACKNOWLEDGED]: 0,
      [ControlStatus.NOT_EVALUATED]: 1,
      [ControlStatus.ASSUMED]: 0,
      [ControlStatus.ATTESTED]: 0,
      [ControlStatus.ATTESTATION_MISSING]: 1,
      [ControlStatus.SOP_MAPPING]: 0,
    });
  });
});

describe('attestations', () => {
  const baa = { controlId: 'HIPAA 164.308', statement: 'BAA accepted in AWS Artifact', attestedBy: 'Jane Doe, CISO', date: '2025-01-10' };

  test('flag a manual control without an attestation as missing', () => {
    // WHEN
    const report = buildEvidenceReport(sampleInput([]));

    // THEN
    expect(report.controls.find((c) => c.controlId === 'HIPAA 164.308')?.status).toBe(ControlStatus.ATTESTATION_MISSING);
    expect(report.missingAttestations).toEqual(['HIPAA 164.308']);
  });

  test('mark an attested manual control and keep the attestation', () => {
    // WHEN
    const report = buildEvidenceReport(sampleInput([], { attestations: [baa] }));

    // THEN
    expect(report.controls.find((c) => c.controlId === 'HIPAA 164.308')).toMatchObject({ status: ControlStatus.ATTESTED, attestations: 1 });
    expect(report.missingAttestations).toEqual([]);
    expect(report.attestations).toEqual([baa]);
  });

  test('do not change the status of an automated control', () => {
    // GIVEN
    const attestation = { ...baa, controlId: '1410.09e2', statement: 'DR tested quarterly' };

    // WHEN
    const report = buildEvidenceReport(sampleInput([evaluation('MultiAZ', 'App/A', NON_COMPLIANT)], { attestations: [attestation] }));

    // THEN
    expect(report.controls.find((c) => c.controlId === '1410.09e2')).toMatchObject({ status: ControlStatus.NOT_MET, attestations: 1 });
  });
});

describe('assumptions', () => {
  const control = (id: string) => ({ id, framework: 'HITRUST CSF', title: id, guideSteps: ['6'], manual: false });
  const rule = { ruleId: 'HITRUST.CSF-Trail', level: 'Error', controls: ['1270.09ad1', '1202.09aa1'], guideStep: '6', info: 'x' };
  const base = {
    pack: 'HITRUST.CSF',
    generatedAt: '2026-01-01T00:00:00.000Z',
    provenance: SAMPLE_PROVENANCE,
    settings: {},
    rules: [rule],
    controls: [control('1270.09ad1'), control('1202.09aa1')],
    attestations: [],
  };
  const assumption = { controls: ['1270.09ad1', '1202.09aa1'], description: 'assumed: organization trail org', resourcePath: 'S/Cache/Resource' };

  test('a control no rule evaluated is assumed when the app states it is provided outside', () => {
    const report = buildEvidenceReport({ ...base, evaluations: [], assumptions: [assumption] });
    expect(report.controls.map((c) => c.status)).toEqual([ControlStatus.ASSUMED, ControlStatus.ASSUMED]);
    expect(report.assumptions).toEqual([assumption]);
  });

  test('a rule outcome wins over an assumption: an evaluated failure stays not met', () => {
    const report = buildEvidenceReport({
      ...base,
      assumptions: [assumption],
      evaluations: [{ ruleId: 'HITRUST.CSF-Trail', resourcePath: 'S/Trail', status: EvidenceStatus.NON_COMPLIANT }],
    });
    expect(report.controls.map((c) => c.status)).toEqual([ControlStatus.NOT_MET, ControlStatus.NOT_MET]);
  });

  test('without assumptions nothing changes: not evaluated stays not evaluated', () => {
    const report = buildEvidenceReport({ ...base, evaluations: [] });
    expect(report.controls.map((c) => c.status)).toEqual([ControlStatus.NOT_EVALUATED, ControlStatus.NOT_EVALUATED]);
    expect(report.assumptions).toEqual([]);
  });
});

describe('statuses that never overclaim', () => {
  const outside = { ruleId: 'HITRUST.CSF-MultiAZ', resourcePath: 'App/Cache', description: "subnet group 'x' is not in the app" };

  test('met needs a rule of the control applied to a resource: not-applicable everywhere is not evaluated', () => {
    const report = buildEvidenceReport(sampleInput([evaluation('MultiAZ', 'App/Key', NOT_APPLICABLE)]));
    expect(report.controls.find((c) => c.controlId === '1410.09e2')?.status).toBe(ControlStatus.NOT_EVALUATED);
  });

  test('a compliant evaluation on a reference outside the app is assumed, and so is the control', () => {
    // WHEN
    const report = buildEvidenceReport(sampleInput([evaluation('MultiAZ', 'App/Cache', COMPLIANT)], { outsideReferences: [outside] }));

    // THEN
    expect(report.rows).toContainEqual({
      controlId: '1410.09e2', ruleId: 'HITRUST.CSF-MultiAZ', resourcePath: 'App/Cache', status: ASSUMED, reason: outside.description,
    });
    expect(report.controls.find((c) => c.controlId === '1410.09e2')).toMatchObject({ status: ControlStatus.ASSUMED, assumed: 1, compliant: 0 });
    expect(report.assumptions).toEqual([{ controls: ['1410.09e2', '1618.09l1'], ...outside }]);
  });

  test('an assumed evaluation does not turn a failure elsewhere into assumed, nor an acknowledgement', () => {
    const failing = buildEvidenceReport(sampleInput([
      evaluation('MultiAZ', 'App/Cache', COMPLIANT),
      evaluation('MultiAZ', 'App/Other', NON_COMPLIANT),
    ], { outsideReferences: [outside] }));
    expect(failing.controls.find((c) => c.controlId === '1410.09e2')?.status).toBe(ControlStatus.NOT_MET);
    const acknowledged = buildEvidenceReport(sampleInput([
      evaluation('MultiAZ', 'App/Cache', COMPLIANT),
      evaluation('MultiAZ', 'App/Other', ACKNOWLEDGED, 'why'),
    ], { outsideReferences: [outside] }));
    expect(acknowledged.controls.find((c) => c.controlId === '1410.09e2')?.status).toBe(ControlStatus.ACKNOWLEDGED);
  });

  test('an outside reference recorded for a failing evaluation changes nothing and is not listed', () => {
    const report = buildEvidenceReport(sampleInput([evaluation('MultiAZ', 'App/Cache', NON_COMPLIANT)], { outsideReferences: [outside] }));
    expect(report.rows.every((r) => r.status === NON_COMPLIANT)).toBe(true);
    expect(report.assumptions).toEqual([]);
  });

  test('an acknowledged control is acknowledged, never met', () => {
    const report = buildEvidenceReport(sampleInput([evaluation('MultiAZ', 'App/Cache', ACKNOWLEDGED, 'legacy')]));
    expect(report.controls.find((c) => c.controlId === '1410.09e2')?.status).toBe(ControlStatus.ACKNOWLEDGED);
  });
});

describe('the CIS v8 IDs mapped by the backup SOP', () => {
  test('an ID no rule evidences is the SOP\'s mapping, in its own list, never among the controls, never met', () => {
    // WHEN backups are on everywhere
    const report = buildEvidenceReport(sampleInputWithSop([evaluation('Backup', 'App/Cache', COMPLIANT)]));

    // THEN
    expect(report.controls.map((c) => c.controlId)).not.toContain('CIS v8 6.7');
    expect(report.sopMappings.find((s) => s.controlId === 'CIS v8 6.7')).toMatchObject({
      title: 'Centralize Access Control',
      sopStatement: 'Implement Application Layer Filtering',
      sopCheck: expect.stringContaining('automatic backups are enabled'),
      status: ControlStatus.SOP_MAPPING,
      rules: [],
    });
    expect(report.totals[ControlStatus.SOP_MAPPING]).toBe(1);
  });

  test('an ID a rule evidences gets that rule\'s outcome and names it', () => {
    const report = buildEvidenceReport(sampleInputWithSop([evaluation('Backup', 'App/Cache', COMPLIANT)]));
    expect(report.sopMappings.find((s) => s.controlId === 'CIS v8 3.4')).toMatchObject({ status: ControlStatus.MET, rules: ['HITRUST.CSF-Backup'] });
    const failing = buildEvidenceReport(sampleInputWithSop([evaluation('Backup', 'App/Cache', NON_COMPLIANT)]));
    expect(failing.sopMappings.find((s) => s.controlId === 'CIS v8 3.4')?.status).toBe(ControlStatus.NOT_MET);
  });
});

describe('provenance and acknowledgements', () => {
  test('the report is schema version 2 and carries the provenance as given', () => {
    const report = buildEvidenceReport(sampleInput([]));
    expect(report.schemaVersion).toBe(2);
    expect(report.provenance).toEqual(SAMPLE_PROVENANCE);
  });

  test('every acknowledged finding is listed with where and why, and says who is not recorded', () => {
    // GIVEN
    const input = sampleInput([evaluation('MultiAZ', 'App/Cache', ACKNOWLEDGED, 'single AZ test cache')], {
      acknowledgements: [{ ruleId: 'HITRUST.CSF-MultiAZ', resourcePath: 'App/Cache', recordedAt: 'App', reason: 'single AZ test cache' }],
    });

    // WHEN
    const report = buildEvidenceReport(input);

    // THEN (one entry per finding, not per control)
    expect(report.acknowledgements).toEqual([{
      ruleId: 'HITRUST.CSF-MultiAZ', resourcePath: 'App/Cache', recordedAt: 'App', reason: 'single AZ test cache', who: ACKNOWLEDGEMENT_AUTHOR,
    }]);
    expect(ACKNOWLEDGEMENT_AUTHOR).toBe("not recorded by the CDK; the acknowledgement's line in source control is the record");
  });

  test('an acknowledged evaluation the pack gave no location for is still listed, at unknown', () => {
    const report = buildEvidenceReport(sampleInput([evaluation('Backup', 'App/Cache', ACKNOWLEDGED, 'no PHI')]));
    expect(report.acknowledgements).toEqual([{
      ruleId: 'HITRUST.CSF-Backup', resourcePath: 'App/Cache', recordedAt: 'unknown', reason: 'no PHI', who: ACKNOWLEDGEMENT_AUTHOR,
    }]);
  });
});
