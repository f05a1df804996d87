import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import { NagMessageLevel } from 'cdk-nag';
import { compliantReplicationGroup, findings, newStack } from './fixtures';
import type { EvidenceReport } from '../../src/evidence';
import { HitrustChecks, HitrustRuleId, type HitrustAttestation } from '../../src/nag';
import { HITRUST_RULES } from '../../src/nag/catalog';
import { HITRUST_CONTROLS } from '../../src/nag/controls';

const RULE = (id: string) => `HITRUST.CSF-${id}`;

describe('rule catalog', () => {
  test('has exactly these rules per level', () => {
    // WHEN
    const idsAt = (level: NagMessageLevel) => HITRUST_RULES.filter((r) => r.level === level).map((r) => r.id).sort();

    // THEN
    expect(idsAt(NagMessageLevel.ERROR)).toEqual([
      'CloudTrailCloudWatchLogs',
      'CloudTrailEncrypted',
      'CloudTrailLogFileValidation',
      'CloudTrailLogging',
      'CloudTrailMultiRegion',
      'CloudWatchAlarmAction',
      'CloudWatchLogGroupEncrypted',
      'CloudWatchLogGroupRetention',
      'EC2SecurityGroupNoPublicIngress',
      'ElastiCacheAtRestEncryption',
      'ElastiCacheAuthentication',
      'ElastiCacheAutoMinorVersionUpgrade',
      'ElastiCacheAutomaticBackup',
      'ElastiCacheAutomaticFailover',
      'ElastiCacheCustomParameterGroup',
      'ElastiCacheCustomerManagedKey',
      'ElastiCacheDistinctAZs',
      'ElastiCacheEngineVersion',
      'ElastiCacheLogDelivery',
      'ElastiCacheMaintenanceWindow',
      'ElastiCacheMemcached',
      'ElastiCacheMultiAZ',
      'ElastiCacheNotificationTopic',
      'ElastiCacheReplicaPerShard',
      'ElastiCacheSecurityGroups',
      'ElastiCacheSnapshotRetention',
      'ElastiCacheSnapshotWindow',
      'ElastiCacheSubnetGroup',
      'ElastiCacheTransitEncryption',
      'ElastiCacheUserGroupMembers',
      'ElastiCacheUserPasswordRequired',
      'EventBridgeRuleTarget',
      'KMSKeyRotation',
      'SNSTopicCustomerManagedKey',
      'SNSTopicSSLOnly',
      'SecretsManagerSecretRotation',
    ]);
    expect(idsAt(NagMessageLevel.WARN)).toEqual(['ElastiCacheNonDefaultPort', 'ElastiCacheSnapshotArchive']);
    expect(idsAt(NagMessageLevel.INFO)).toEqual([]);
  });

  test('gives every rule at least one control ID, each in the control catalogue', () => {
    const known = new Set(HITRUST_CONTROLS.map((c) => c.id));
    for (const rule of HITRUST_RULES) {
      expect({ rule: rule.id, controls: rule.controls.length > 0 }).toEqual({ rule: rule.id, controls: true });
      expect({ rule: rule.id, unknown: rule.controls.filter((c) => !known.has(c)) }).toEqual({ rule: rule.id, unknown: [] });
    }
  });

  test('has unique rule IDs, each a string constant of the public HitrustRuleId class', () => {
    const ids = HITRUST_RULES.map((r) => RULE(r.id));
    expect(new Set(ids).size).toBe(ids.length);
    // The class's own enumerable properties are exactly its static constants (jsii exposes them as strings).
    const constants: unknown[] = Object.values(HitrustRuleId);
    expect(constants.every((c) => typeof c === 'string')).toBe(true);
    expect([...ids].sort()).toEqual([...constants].sort());
  });

  test('cites a guide step that is one of the six steps or the SOP', () => {
    for (const rule of HITRUST_RULES) {
      expect(['1', '2', '3', '4', '5', '6', 'SOP']).toContain(rule.guideStep);
    }
  });

  test('writes info as one sentence without a final period (the pack appends the control IDs)', () => {
    for (const rule of HITRUST_RULES) {
      expect(rule.info).not.toMatch(/\.$/);
      expect(rule.explanation.length).toBeGreaterThan(40);
    }
  });

  test('leaves only the BAA as a manual control, and every automated control but the SOP\'s mappings has a rule', () => {
    const cited = new Set(HITRUST_RULES.flatMap((r) => r.controls));
    expect(HITRUST_CONTROLS.filter((c) => c.manual).map((c) => c.id)).toEqual(['HIPAA 164.308']);
    expect(HITRUST_CONTROLS.filter((c) => !c.manual && c.sopStatement === undefined && !cited.has(c.id))).toEqual([]);
    // the CIS v8 IDs the backup SOP maps are reported as its mapping unless a rule cites them
    expect(HITRUST_CONTROLS.filter((c) => c.sopStatement !== undefined).map((c) => c.id))
      .toEqual(['CIS v8 3.4', 'CIS v8 6.7', 'CIS v8 6.8', 'CIS v8 14.6']);
  });
});

describe('findings', () => {
  test('print the control IDs in the description', () => {
    // GIVEN
    const { app, stack } = newStack();
    new elasticache.CfnReplicationGroup(stack, 'Bare', { replicationGroupDescription: 'no settings' });

    // WHEN
    const report = new HitrustChecks().validateScope(app);

    // THEN
    const multiAz = report.violations.find((v) => v.ruleName === HitrustRuleId.ELASTICACHE_MULTI_AZ);
    expect(multiAz?.description).toBe('The ElastiCache cache is not Multi-AZ. Found: `MultiAZEnabled` is not set; true is required - (Control IDs: 1410.09e2, 1601.12c1, 1618.09l1, 1620.09l1).');
    for (const violation of report.violations) {
      expect(violation.description).toMatch(/ - \(Control IDs: [^)]+\)\.$/);
    }
  });

  test('carry the control IDs, guide step and level in ruleMetadata', () => {
    // GIVEN
    const { app, stack } = newStack();
    compliantReplicationGroup(stack, { overrides: { transitEncryptionMode: 'preferred', port: 6379 } });

    // WHEN
    const report = new HitrustChecks().validateScope(app);

    // THEN
    expect(report.violations.map((v) => [v.ruleName, v.ruleMetadata])).toEqual([
      [HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT, { controls: '0706.10b1', guideStep: '2', level: 'Warning' }],
      [HitrustRuleId.ELASTICACHE_TRANSIT_ENCRYPTION, { controls: '0808.10b2,0903.10f1,1903.06d1,19141.06c1', guideStep: '4', level: 'Error' }],
    ]);
  });

  test('group resources under one violation per rule', () => {
    // GIVEN
    const { app, stack } = newStack();
    compliantReplicationGroup(stack, { overrides: { multiAzEnabled: false } });
    const other = new Stack(app, 'Other');
    compliantReplicationGroup(other, { overrides: { multiAzEnabled: false } });

    // WHEN
    const result = findings(app);

    // THEN
    expect(result).toEqual({ [HitrustRuleId.ELASTICACHE_MULTI_AZ]: ['Stack/Cache', 'Other/Cache'] });
  });
});

describe('minimumSnapshotRetentionDays', () => {
  test('defaults to the guide\'s 35 days', () => {
    // GIVEN
    const { app, stack } = newStack();
    compliantReplicationGroup(stack, { overrides: { snapshotRetentionLimit: 34 } });

    // THEN
    expect(findings(app)).toEqual({ [HitrustRuleId.ELASTICACHE_SNAPSHOT_RETENTION]: ['Stack/Cache'] });
  });

  test('lowers the threshold', () => {
    // GIVEN
    const { app, stack } = newStack();
    compliantReplicationGroup(stack, { overrides: { snapshotRetentionLimit: 7 } });

    // THEN
    expect(findings(app, { minimumSnapshotRetentionDays: 7 })).toEqual({});
    expect(findings(app, { minimumSnapshotRetentionDays: 8 })).toEqual({ [HitrustRuleId.ELASTICACHE_SNAPSHOT_RETENTION]: ['Stack/Cache'] });
  });

  test.each([
    { description: 'throws for 0 days', days: 0 },
    { description: 'throws for 36 days (ElastiCache keeps 35 at most)', days: 36 },
    { description: 'throws for a fraction of a day', days: 1.5 },
  ])('$description', ({ days }) => {
    expect(() => new HitrustChecks(undefined, { minimumSnapshotRetentionDays: days }))
      .toThrow(new RegExp(`minimumSnapshotRetentionDays\` must be a whole number from 1 to 35, got: ${days}`));
  });
});

describe('acknowledgements', () => {
  test('remove the finding when given on the resource with the bare rule ID', () => {
    // GIVEN
    const { app, stack } = newStack();
    const { replicationGroup } = compliantReplicationGroup(stack, { overrides: { port: 6379 } });
    Validations.of(replicationGroup).acknowledge({ id: HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT, reason: 'legacy clients only speak 6379' });

    // THEN
    expect(findings(app)).toEqual({});
  });

  test('remove the finding when given on an ancestor', () => {
    // GIVEN
    const { app, stack } = newStack();
    compliantReplicationGroup(stack, { overrides: { port: 6379 } });
    Validations.of(stack).acknowledge({ id: 'HITRUST.CSF-ElastiCacheNonDefaultPort', reason: 'legacy clients only speak 6379' });

    // THEN
    expect(findings(app)).toEqual({});
  });

  test('leave other rules and other resources alone', () => {
    // GIVEN
    const { app, stack } = newStack();
    const { replicationGroup } = compliantReplicationGroup(stack, { overrides: { port: 6379, multiAzEnabled: false } });
    Validations.of(replicationGroup).acknowledge({ id: HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT, reason: 'legacy clients' });
    const other = new Stack(app, 'Other');
    compliantReplicationGroup(other, { overrides: { port: 6379 } });

    // THEN
    expect(findings(app)).toEqual({
      [HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT]: ['Other/Cache'],
      [HitrustRuleId.ELASTICACHE_MULTI_AZ]: ['Stack/Cache'],
    });
  });
});

describe('registered as a validation plugin', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'hitrust-'));
  });
  afterEach(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('fails synth for a non-compliant raw CfnReplicationGroup', () => {
    // GIVEN
    const app = new App({ outdir });
    Validations.of(app).addPlugins(new HitrustChecks(app));
    const stack = new Stack(app, 'Stack');
    compliantReplicationGroup(stack, { overrides: { transitEncryptionMode: 'preferred' } });

    // WHEN / THEN
    expect(() => app.synth()).toThrow(/HITRUST\.CSF-ElastiCacheTransitEncryption/);
  });

  test('synthesizes the compliant fixture', () => {
    // GIVEN
    const app = new App({ outdir });
    Validations.of(app).addPlugins(new HitrustChecks(app));
    compliantReplicationGroup(new Stack(app, 'Stack'));

    // WHEN
    const assembly = app.synth();

    // THEN
    expect(assembly.getStackByName('Stack').template.Resources).toBeDefined();
  });

  test('writes the control IDs into validation-report.json', () => {
    // GIVEN
    const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    Validations.of(app).addPlugins(new HitrustChecks(app));
    compliantReplicationGroup(new Stack(app, 'Stack'), { overrides: { multiAzEnabled: false } });

    // WHEN
    app.synth();

    // THEN
    const report = fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf-8');
    expect(report).toContain(HitrustRuleId.ELASTICACHE_MULTI_AZ);
    expect(report).toContain('"controls": "1410.09e2,1601.12c1,1618.09l1,1620.09l1"');
  });
});

describe('evidence report', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'hitrust-evidence-'));
  });
  afterEach(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  const baa: HitrustAttestation = {
    controlId: 'HIPAA 164.308',
    statement: 'AWS BAA accepted in AWS Artifact for the production account',
    attestedBy: 'Jane Doe, Security Officer',
    date: '2025-01-15',
  };
  const readReport = (): EvidenceReport => JSON.parse(fs.readFileSync(path.join(outdir, 'hitrust-evidence.json'), 'utf-8'));

  test('is written with the cloud assembly, every automated control met for the compliant fixture', () => {
    // GIVEN
    const app = new App({ outdir });
    Validations.of(app).addPlugins(new HitrustChecks(app));
    compliantReplicationGroup(new Stack(app, 'Stack'));

    // WHEN
    app.synth();

    // THEN
    const report = readReport();
    // (1270.09ad1 is only checked on CloudTrail trails, which the fixture has none of)
    expect(report.controls.filter((c) => c.status !== 'met').map((c) => [c.controlId, c.status])).toEqual([
      ['HIPAA 164.308', 'attestation missing'],
      ['1270.09ad1', 'not evaluated'],
    ]);
    expect(report.rows).toContainEqual({
      controlId: '0808.10b2', ruleId: HitrustRuleId.ELASTICACHE_TRANSIT_ENCRYPTION, resourcePath: 'Stack/Cache', status: 'compliant',
    });
    expect(fs.readFileSync(path.join(outdir, 'hitrust-evidence.md'), 'utf-8')).toContain('- **HIPAA 164.308: attestation missing.**');
  });

  test('a resource that states an audit trail outside the app turns its controls from not evaluated to assumed', () => {
    // GIVEN a raw L1 with the metadata CacheAuditTrail writes (any app may state it)
    const app = new App({ outdir });
    Validations.of(app).addPlugins(new HitrustChecks(app));
    const { replicationGroup } = compliantReplicationGroup(new Stack(app, 'Stack'));
    replicationGroup.node.addMetadata('cdk-hitrust-redis:audit-trail', {
      assumed: true, description: 'assumed: organization trail org-trail', controls: ['1270.09ad1'],
    });

    // WHEN
    app.synth();

    // THEN
    const report = readReport();
    expect(report.controls.find((c) => c.controlId === '1270.09ad1')?.status).toEqual('assumed');
    expect(report.assumptions).toEqual([{ controls: ['1270.09ad1'], description: 'assumed: organization trail org-trail', resourcePath: 'Stack/Cache' }]);
  });

  test('metadata of a created trail (assumed: false) states nothing', () => {
    const app = new App({ outdir });
    Validations.of(app).addPlugins(new HitrustChecks(app));
    const { replicationGroup } = compliantReplicationGroup(new Stack(app, 'Stack'));
    replicationGroup.node.addMetadata('cdk-hitrust-redis:audit-trail', { assumed: false, description: 'created', controls: ['1270.09ad1'] });
    app.synth();
    expect(readReport().controls.find((c) => c.controlId === '1270.09ad1')?.status).toEqual('not evaluated');
  });

  test('records acknowledged findings with their reason, and attestations', () => {
    // GIVEN
    const app = new App({ outdir });
    Validations.of(app).addPlugins(new HitrustChecks(app, { attestations: [baa] }));
    const { replicationGroup } = compliantReplicationGroup(new Stack(app, 'Stack'), { overrides: { port: 6379 } });
    Validations.of(replicationGroup).acknowledge({ id: HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT, reason: 'legacy clients only speak 6379' });

    // WHEN
    app.synth();

    // THEN
    const report = readReport();
    expect(report.rows.filter((r) => r.status !== 'compliant')).toEqual([{
      controlId: '0706.10b1',
      ruleId: HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT,
      resourcePath: 'Stack/Cache',
      status: 'acknowledged',
      reason: 'legacy clients only speak 6379 (found: `Port` is 6379, the engine default that scanners try first)',
    }]);
    expect(report.controls.find((c) => c.controlId === '0706.10b1')?.status).toBe('acknowledged');
    expect(report.controls.find((c) => c.controlId === 'HIPAA 164.308')?.status).toBe('attested');
    expect(report.attestations).toEqual([baa]);
    expect(report.settings).toEqual({ minimumSnapshotRetentionDays: '35' });
  });

  test('is written even when synth fails, with the failing control not met', () => {
    // GIVEN
    const app = new App({ outdir });
    Validations.of(app).addPlugins(new HitrustChecks(app));
    compliantReplicationGroup(new Stack(app, 'Stack'), { overrides: { multiAzEnabled: false } });

    // WHEN
    expect(() => app.synth()).toThrow(/ElastiCacheMultiAZ/);

    // THEN
    const report = readReport();
    expect(report.controls.find((c) => c.controlId === '1410.09e2')?.status).toBe('not met');
    expect(report.rows).toContainEqual({
      controlId: '1410.09e2',
      ruleId: HitrustRuleId.ELASTICACHE_MULTI_AZ,
      resourcePath: 'Stack/Cache',
      status: 'non-compliant',
      reason: 'found: `MultiAZEnabled` is false; true is required',
    });
  });

  test('is not written when evidenceReport is false', () => {
    // GIVEN
    const app = new App({ outdir });
    Validations.of(app).addPlugins(new HitrustChecks(app, { evidenceReport: false }));
    compliantReplicationGroup(new Stack(app, 'Stack'));

    // WHEN
    app.synth();

    // THEN
    expect(fs.existsSync(path.join(outdir, 'hitrust-evidence.json'))).toBe(false);
    expect(fs.existsSync(path.join(outdir, 'hitrust-evidence.md'))).toBe(false);
  });

  test('is not written by validateScope (tests and direct calls)', () => {
    // GIVEN
    const app = new App({ outdir });
    compliantReplicationGroup(new Stack(app, 'Stack'));

    // WHEN
    new HitrustChecks().validateScope(app);

    // THEN
    expect(fs.readdirSync(outdir)).toEqual([]);
  });
});

describe('attestations', () => {
  const valid: HitrustAttestation = { controlId: 'HIPAA 164.308', statement: 'BAA accepted', attestedBy: 'Jane Doe', date: '2025-01-15' };

  test.each([
    { description: 'throws for an unknown control ID', attestation: { ...valid, controlId: '9999.99z9' }, error: /attestations\[0\]`\.controlId must be one of HIPAA 164\.308, .*got: 9999\.99z9/ },
    { description: 'throws for a date that is not ISO 8601', attestation: { ...valid, date: '15/01/2025' }, error: /attestations\[0\]`\.date must be an ISO 8601 date \(YYYY-MM-DD\), got: 15\/01\/2025/ },
    { description: 'throws for an empty statement', attestation: { ...valid, statement: ' ' }, error: /attestations\[0\]`\.statement must not be empty/ },
    { description: 'throws for an empty attester', attestation: { ...valid, attestedBy: '' }, error: /attestations\[0\]`\.attestedBy must not be empty/ },
  ])('$description', ({ attestation, error }) => {
    expect(() => new HitrustChecks(undefined, { attestations: [attestation] })).toThrow(error);
  });

  test('throws once with every problem listed', () => {
    expect(() => new HitrustChecks(undefined, { minimumSnapshotRetentionDays: 0, attestations: [{ ...valid, date: 'soon' }] }))
      .toThrow(/^HitrustChecks validation failed:\n- `minimumSnapshotRetentionDays` .*\n- `attestations\[0\]`\.date/);
  });
});
