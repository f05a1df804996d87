/**
 * Findings say what they found, as the construct's own errors do: the property, the value and the limit.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnParameter, Stack, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { compliantReplicationGroup } from './fixtures';
import { HitrustChecks, HitrustRuleId } from '../../src';

function descriptions(app: App, ruleName: string): string[] {
  return new HitrustChecks(undefined, { evidenceReport: false }).validateScope(app).violations
    .filter((v) => v.ruleName === ruleName)
    .map((v) => v.description);
}

function newStack(): { app: App; stack: Stack } {
  const app = new App();
  return { app, stack: new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } }) };
}

describe('a finding names the property, the value found and the limit', () => {
  test('snapshot retention: 7 days, at least 35', () => {
    const { app, stack } = newStack();
    compliantReplicationGroup(stack).replicationGroup.addPropertyOverride('SnapshotRetentionLimit', 7);
    expect(descriptions(app, 'HITRUST.CSF-ElastiCacheSnapshotRetention')).toEqual([
      expect.stringContaining('Found: `SnapshotRetentionLimit` is 7 days, at least 35 are required - (Control IDs: '),
    ]);
  });

  test('snapshot retention off says so', () => {
    const { app, stack } = newStack();
    compliantReplicationGroup(stack).replicationGroup.addPropertyOverride('SnapshotRetentionLimit', 0);
    expect(descriptions(app, 'HITRUST.CSF-ElastiCacheSnapshotRetention')[0]).toContain('`SnapshotRetentionLimit` is 0 days (automatic backups off), at least 35');
  });

  test('a deploy-time value says that it fails closed', () => {
    const { app, stack } = newStack();
    const days = new CfnParameter(stack, 'Days', { type: 'Number' });
    compliantReplicationGroup(stack).replicationGroup.addPropertyOverride('SnapshotRetentionLimit', days.valueAsNumber);
    expect(descriptions(app, 'HITRUST.CSF-ElastiCacheSnapshotRetention')[0])
      .toContain('`SnapshotRetentionLimit` is only known at deployment (a parameter, an import or a condition), which fails closed');
  });

  test('transit encryption: the mode found and the one required', () => {
    const { app, stack } = newStack();
    compliantReplicationGroup(stack).replicationGroup.addPropertyOverride('TransitEncryptionMode', 'preferred');
    expect(descriptions(app, 'HITRUST.CSF-ElastiCacheTransitEncryption')[0])
      .toContain("`TransitEncryptionEnabled` is true and `TransitEncryptionMode` is 'preferred'; true and 'required' are required");
  });

  test('engine version: the version found and the minimum', () => {
    const { app, stack } = newStack();
    compliantReplicationGroup(stack).replicationGroup.addPropertyOverride('EngineVersion', '7.0');
    expect(descriptions(app, 'HITRUST.CSF-ElastiCacheEngineVersion')[0]).toContain("`EngineVersion` is '7.0' for engine valkey; Redis OSS 6.2 or later, or Valkey 7.2 or later");
  });

  test('log retention: 30 days, at least 365', () => {
    const { app, stack } = newStack();
    new logs.CfnLogGroup(stack, 'Logs', { retentionInDays: 30, kmsKeyId: new kms.Key(stack, 'K', { enableKeyRotation: true }).keyArn });
    expect(descriptions(app, 'HITRUST.CSF-CloudWatchLogGroupRetention')[0]).toContain('`RetentionInDays` is 30 days, at least 365 (or never expire) are required');
  });

  test('key rotation off', () => {
    const { app, stack } = newStack();
    new kms.CfnKey(stack, 'Key', { enableKeyRotation: false });
    expect(descriptions(app, 'HITRUST.CSF-KMSKeyRotation')[0]).toContain('`EnableKeyRotation` is false; true is required');
  });

  test('resources with different values get one finding each, with their own value', () => {
    const { app, stack } = newStack();
    const key = new kms.Key(stack, 'K', { enableKeyRotation: true }).keyArn;
    new logs.CfnLogGroup(stack, 'A', { retentionInDays: 30, kmsKeyId: key });
    new logs.CfnLogGroup(stack, 'B', { retentionInDays: 90, kmsKeyId: key });
    const found = descriptions(app, 'HITRUST.CSF-CloudWatchLogGroupRetention');
    expect(found).toHaveLength(2);
    expect(found.join('\n')).toMatch(/is 30 days[\s\S]*is 90 days|is 90 days[\s\S]*is 30 days/);
  });
});

describe('the evidence report carries what a finding found', () => {
  test('an acknowledged finding\'s row shows the reason and the value found', () => {
    // GIVEN an acknowledged short retention, synthesized with the pack
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'details-'));
    const app = new App({ outdir });
    Validations.of(app).addPlugins(new HitrustChecks(app));
    const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
    const { replicationGroup } = compliantReplicationGroup(stack);
    replicationGroup.addPropertyOverride('SnapshotRetentionLimit', 7);
    Validations.of(replicationGroup).acknowledge({ id: HitrustRuleId.ELASTICACHE_SNAPSHOT_RETENTION, reason: 'dev cache, no PHI (CHG-1)' });

    // WHEN
    app.synth();

    // THEN
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'hitrust-evidence.json'), 'utf-8'));
    const rows = (report.rows as { ruleId: string; status: string; reason?: string }[])
      .filter((r) => r.ruleId === HitrustRuleId.ELASTICACHE_SNAPSHOT_RETENTION);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.status).toEqual('acknowledged');
      expect(row.reason).toEqual('dev cache, no PHI (CHG-1) (found: `SnapshotRetentionLimit` is 7 days, at least 35 are required)');
    }
  });
});
