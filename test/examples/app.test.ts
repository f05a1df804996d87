import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildExampleApp, ExampleCacheStack } from '../../examples/app';
import { summarize } from '../../examples/summary';

describe('example app', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-'));
  });
  afterEach(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('synthesizes a template into the given directory without any context lookup', () => {
    // WHEN
    const assembly = buildExampleApp(outdir).synth();

    // THEN
    expect(assembly.manifest.missing ?? []).toEqual([]);
    expect(fs.existsSync(path.join(outdir, 'HitrustRedisExample.template.json'))).toBe(true);
    expect(summarize(assembly).stacks).toEqual([
      { name: 'HitrustRedisExample', resources: expect.any(Number) },
    ]);
  });

  test('puts the cache subnets in three AZs with no route to the internet', () => {
    // WHEN
    const app = buildExampleApp(outdir);
    const stack = app.node.findChild('HitrustRedisExample') as ExampleCacheStack;
    const template = Template.fromStack(stack);

    // THEN
    template.resourceCountIs('AWS::EC2::Subnet', 3);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
  });
});
