import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildExampleApp, EXAMPLE_LOCK_FILE, ExampleCacheStack } from '../../examples/app';
import { summarize } from '../../examples/summary';

describe('example app', () => {
  // Every test reads the same example app, synthesized once into its own directory (each test built and synthesized
  // an identical one before): the lock file is read before that synth, for the test that compares it after.
  let outdir: string;
  let app: App;
  let lockBefore: string;
  let assembly: CloudAssembly;
  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-'));
    lockBefore = fs.readFileSync(EXAMPLE_LOCK_FILE, 'utf-8');
    app = buildExampleApp(outdir);
    assembly = app.synth();
  });
  afterAll(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('synthesizes a template into the given directory without any context lookup', () => {
    // WHEN (beforeAll): buildExampleApp(outdir).synth()

    // THEN
    expect(assembly.manifest.missing ?? []).toEqual([]);
    expect(fs.existsSync(path.join(outdir, 'HitrustRedisExample.template.json'))).toBe(true);
    const summary = summarize(assembly);
    expect(summary.stacks).toEqual([{ name: 'HitrustRedisExample', resources: expect.any(Number) }]);
    for (const file of summary.evidenceFiles) expect(fs.existsSync(file)).toBe(true);
  });

  test('the summary lists the controls that only an attestation or a trail outside the app can prove', () => {
    const summary = summarize(assembly);
    expect(summary.controlTotals.met).toBeGreaterThan(15);
    expect(summary.controlTotals['not met']).toBeUndefined();
    expect(summary.openControls.map((c) => `${c.controlId}: ${c.status}`).sort())
      .toEqual(['1270.09ad1: assumed', 'HIPAA 164.308: attestation missing']);
  });

  test('puts the cache subnets in three AZs with no route to the internet', () => {
    // WHEN
    const stack = app.node.findChild('HitrustRedisExample') as ExampleCacheStack;
    const template = Template.fromStack(stack);

    // THEN
    template.resourceCountIs('AWS::EC2::Subnet', 3);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
  });

  test('reaches its APIs through endpoints: Secrets Manager, ElastiCache and SNS (interface), S3 (gateway)', () => {
    const stack = app.node.findChild('HitrustRedisExample') as ExampleCacheStack;
    const template = Template.fromStack(stack);
    // the rotation function needs Secrets Manager and ElastiCache; the archive's functions ElastiCache, SNS and S3
    for (const service of ['secretsmanager', 'elasticache', 'sns']) {
      template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        VpcEndpointType: 'Interface',
        ServiceName: `com.amazonaws.us-east-1.${service}`,
        PrivateDnsEnabled: true,
      });
    }
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
    });
  });

  test('deploys one compliant cache with all defaults', () => {
    const stack = app.node.findChild('HitrustRedisExample') as ExampleCacheStack;
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ElastiCache::ReplicationGroup', 1);
    template.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      ReplicationGroupId: 'hitrust-example',
      Engine: 'valkey',
      TransitEncryptionMode: 'required',
    });
  });

  test('matches the committed replacement lock, which the synth leaves untouched', () => {
    // GIVEN (beforeAll): the lock as committed, read before the synth
    // WHEN (beforeAll): buildExampleApp(outdir).synth()
    // THEN
    expect(fs.readFileSync(EXAMPLE_LOCK_FILE, 'utf-8')).toEqual(lockBefore);
  });
});
