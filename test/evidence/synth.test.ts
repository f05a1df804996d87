import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { buildExampleApp } from '../../examples/app';
import { CompliantRedisReplicationGroup } from '../../src';
import { DETAILS_HEADING, type EvidenceReport } from '../../src/evidence';
import { HitrustChecks, HitrustRuleId } from '../../src/nag';
import { cacheStack } from '../helpers/cache-stack';
import { compliantReplicationGroup } from '../nag/fixtures';

/**
 * The evidence report as an auditor gets it: an app synthesized with `Validations.of(app).addPlugins(new HitrustChecks(app))`,
 * both files read back from the cloud assembly.
 */
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf-8'));
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const ROOT = path.join(__dirname, '..', '..');

function readEvidence(outdir: string): { json: EvidenceReport; markdown: string } {
  return {
    json: readJson(path.join(outdir, 'hitrust-evidence.json')),
    markdown: fs.readFileSync(path.join(outdir, 'hitrust-evidence.md'), 'utf-8'),
  };
}

/** An app with the pack registered, synthesized into `outdir`. */
function synthesize(outdir: string, build: (app: App) => void): { json: EvidenceReport; markdown: string } {
  const app = new App({ outdir });
  Validations.of(app).addPlugins(new HitrustChecks(app));
  build(app);
  app.synth();
  return readEvidence(outdir);
}

describe('the evidence report of a synthesized app', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-synth-'));
  });
  afterEach(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  describe('the default app (the example)', () => {
    // the tests only read the report: one synth for all of them, into a directory of its own
    let exampleOutdir: string;
    let json: EvidenceReport;
    let markdown: string;
    let before: number;
    beforeAll(() => {
      exampleOutdir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-synth-'));
      before = Date.now();
      buildExampleApp(exampleOutdir).synth();
      ({ json, markdown } = readEvidence(exampleOutdir));
    });
    afterAll(() => {
      fs.rmSync(exampleOutdir, { recursive: true, force: true });
    });

    test('records its provenance: versions, generation time, and each template with its environment and SHA-256', () => {
      expect(json.schemaVersion).toBe(2);
      expect(json.provenance.library).toEqual({ name: 'cdk-hitrust-redis', version: readJson(path.join(ROOT, 'package.json')).version });
      expect(json.provenance.cdkNag).toEqual({ name: 'cdk-nag', version: readJson(require.resolve('cdk-nag/package.json')).version });
      expect(json.provenance.awsCdkLib.version).toEqual(readJson(require.resolve('aws-cdk-lib/package.json')).version);
      expect(Date.parse(json.generatedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(json.generatedAt)).toBeLessThanOrEqual(Date.now());
      const template = path.join(exampleOutdir, 'HitrustRedisExample.template.json');
      expect(json.provenance.templates).toEqual([{
        stack: 'HitrustRedisExample',
        templateFile: 'HitrustRedisExample.template.json',
        account: '123456789012',
        region: 'us-east-1',
        sha256: sha256(template),
      }]);
      expect(markdown).toContain(`| HitrustRedisExample | 123456789012 | us-east-1 | HitrustRedisExample.template.json | ${sha256(template)} |`);
      expect(markdown).toContain(`by cdk-hitrust-redis ${json.provenance.library.version} with cdk-nag ${json.provenance.cdkNag.version}`);
    });

    test('never reports the CIS v8 IDs of the backup SOP among the controls, and those no rule evidences never as met', () => {
      expect(json.controls.filter((c) => c.controlId.startsWith('CIS'))).toEqual([]);
      expect(json.sopMappings.map((s) => s.controlId)).toEqual(['CIS v8 3.4', 'CIS v8 6.7', 'CIS v8 6.8', 'CIS v8 14.6']);
      for (const id of ['CIS v8 6.7', 'CIS v8 6.8', 'CIS v8 14.6']) {
        expect(json.sopMappings.find((s) => s.controlId === id)).toMatchObject({ status: 'SOP mapping (not evidenced by a rule)', rules: [] });
      }
      expect(json.sopMappings.filter((s) => s.status === 'met').every((s) => s.rules.length > 0)).toBe(true);
      expect(json.rows.filter((r) => ['CIS v8 6.7', 'CIS v8 6.8', 'CIS v8 14.6'].includes(r.controlId))).toEqual([]);
      expect(markdown).toContain('## Mapped by the backup SOP');
      expect(markdown).toContain('| CIS v8 6.7 | Centralize Access Control | Implement Application Layer Filtering and Content Control – ' +
        'Ensure appropriate content filtering is applied to sensitive files. | SOP mapping (not evidenced by a rule) | no rule |');
      expect(markdown).toContain('| CIS v8 14.6 | Train Workforce Members on Recognizing and Reporting Security Incidents |');
    });

    test('opens with a summary of about a page, before the first details heading', () => {
      const lines = markdown.split('\n');
      const details = lines.indexOf(DETAILS_HEADING);
      const summary = lines.indexOf('## Summary');
      expect(summary).toBeGreaterThan(0);
      expect(details).toBeGreaterThan(summary);
      expect(lines.slice(0, summary).concat(lines.slice(summary + 1, details)).filter((l) => l.startsWith('## '))).toEqual([]);
      expect(details).toBeLessThan(60);
      const text = lines.slice(0, details).join('\n');
      expect(text).toContain('**Provenance**');
      expect(text).toContain('**Totals**: 17 controls: ');
      expect(text).toContain('- **1270.09ad1** Logging & monitoring: **assumed**');
      expect(text).toContain('- **HIPAA 164.308** Signed Business Associate Addendum (BAA) with AWS before handling PHI: **attestation missing**');
      expect(text).toContain('**Attestations missing**: HIPAA 164.308');
    });
  });

  test('an environment-agnostic stack is said to be so', () => {
    const { json, markdown } = synthesize(outdir, (app) => compliantReplicationGroup(new Stack(app, 'Stack')));
    expect(json.provenance.templates).toEqual([{
      stack: 'Stack',
      templateFile: 'Stack.template.json',
      account: 'environment-agnostic',
      region: 'environment-agnostic',
      sha256: sha256(path.join(outdir, 'Stack.template.json')),
    }]);
    expect(markdown).toContain('| Stack | environment-agnostic | environment-agnostic | Stack.template.json |');
  });

  test('hashes every stack\'s template, each with its own environment', () => {
    const { json } = synthesize(outdir, (app) => {
      compliantReplicationGroup(new Stack(app, 'East', { env: { account: '111111111111', region: 'us-east-1' } }));
      compliantReplicationGroup(new Stack(app, 'West', { env: { account: '222222222222', region: 'us-west-2' } }));
    });
    expect(json.provenance.templates.map((t) => [t.stack, t.account, t.region, t.sha256])).toEqual([
      ['East', '111111111111', 'us-east-1', sha256(path.join(outdir, 'East.template.json'))],
      ['West', '222222222222', 'us-west-2', sha256(path.join(outdir, 'West.template.json'))],
    ]);
  });

  test('a subnet group name and a security group ID from outside the app are assumed, not compliant', () => {
    // WHEN
    const { json, markdown } = synthesize(outdir, (app) => compliantReplicationGroup(new Stack(app, 'Stack'), {
      overrides: { cacheSubnetGroupName: 'shared-cache-subnets', securityGroupIds: ['sg-0123456789abcdef0'] },
    }));

    // THEN
    const rowsOf = (ruleId: string) => json.rows.filter((r) => r.ruleId === ruleId && r.resourcePath === 'Stack/Cache');
    expect(rowsOf(HitrustRuleId.ELASTICACHE_SUBNET_GROUP).map((r) => r.status)).toEqual(['assumed']);
    expect(rowsOf(HitrustRuleId.ELASTICACHE_SECURITY_GROUPS).map((r) => r.status)).toEqual(['assumed']);
    expect(json.controls.find((c) => c.controlId === '0805.01m1')).toMatchObject({ status: 'assumed', assumed: 2, nonCompliant: 0 });
    // (sorted by resource, then rule)
    expect(json.assumptions).toEqual([
      {
        controls: ['0805.01m1'],
        description: "SecurityGroupIds 'sg-0123456789abcdef0' are not security groups of the app: verify their rules admit only the application",
        resourcePath: 'Stack/Cache',
        ruleId: HitrustRuleId.ELASTICACHE_SECURITY_GROUPS,
      },
      {
        controls: ['0805.01m1'],
        description: "CacheSubnetGroupName 'shared-cache-subnets' names a subnet group that is not in the app: verify it holds only the deployment's private subnets",
        resourcePath: 'Stack/Cache',
        ruleId: HitrustRuleId.ELASTICACHE_SUBNET_GROUP,
      },
    ]);
    const summary = markdown.slice(0, markdown.indexOf(DETAILS_HEADING));
    const line = summary.split('\n').find((l) => l.startsWith('- **0805.01m1** Network segregation: **assumed**, rests on something outside the app: '));
    expect(line).toContain("CacheSubnetGroupName 'shared-cache-subnets'");
    expect(line).toContain("SecurityGroupIds 'sg-0123456789abcdef0'");
  });

  test('the construct with an imported security group makes network segregation assumed', () => {
    // GIVEN
    const outdirApp = (() => {
      const { app, stack, vpc } = cacheStack();
      Validations.of(app).addPlugins(new HitrustChecks(app));
      const imported = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Shared', 'sg-0fedcba9876543210');
      new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, securityGroups: [imported] });
      return app.synth().directory;
    })();

    // WHEN
    const { json } = readEvidence(outdirApp);

    // THEN
    expect(json.controls.find((c) => c.controlId === '0805.01m1')?.status).toBe('assumed');
    expect(json.assumptions.filter((a) => a.ruleId !== undefined).map((a) => [a.ruleId, a.resourcePath])).toEqual([
      [HitrustRuleId.ELASTICACHE_SECURITY_GROUPS, 'Stack/Cache/Resource'],
    ]);
  });

  test('an acknowledged finding shows where it was acknowledged and why, and that who is not recorded', () => {
    // WHEN the stack (an ancestor of the cache) acknowledges the default port
    const { json, markdown } = synthesize(outdir, (app) => {
      const stack = new Stack(app, 'Stack');
      compliantReplicationGroup(stack, { overrides: { port: 6379 } });
      Validations.of(stack).acknowledge({ id: HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT, reason: 'legacy clients only speak 6379 (CHG-1234)' });
    });

    // THEN
    expect(json.acknowledgements).toEqual([{
      ruleId: HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT,
      resourcePath: 'Stack/Cache',
      recordedAt: 'Stack',
      reason: 'legacy clients only speak 6379 (CHG-1234)',
      who: "not recorded by the CDK; the acknowledgement's line in source control is the record",
    }]);
    expect(json.controls.find((c) => c.controlId === '0706.10b1')?.status).toBe('acknowledged');
    expect(markdown).toContain(`| ${HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT} | Stack/Cache | Stack | legacy clients only speak 6379 (CHG-1234) |`);
    expect(markdown).toContain("Who: not recorded by the CDK; the acknowledgement's line in source control is the record.");
    const summary = markdown.slice(0, markdown.indexOf(DETAILS_HEADING));
    expect(summary).toContain(`- **0706.10b1** Vulnerability management: **acknowledged**, 1 acknowledged finding: \`${HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT}\` on \`Stack/Cache\`.`);
    expect(summary).toContain('**Acknowledged findings**: 1');
  });
});
