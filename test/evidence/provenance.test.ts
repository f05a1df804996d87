import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aws, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { installedPackage, libraryPackage, sha256OfFile, templateProvenance } from '../../src/evidence';

const ROOT = path.join(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf-8'));

describe('package versions', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'provenance-'));
  });
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('the library is read from this package\'s package.json', () => {
    expect(libraryPackage()).toEqual({ name: 'cdk-hitrust-redis', version: readJson(path.join(ROOT, 'package.json')).version });
  });

  test('the library is read two levels above the compiled lib/evidence directory', () => {
    // GIVEN an installed package: node_modules/cdk-hitrust-redis/{package.json, lib/evidence/}
    const root = path.join(tmp, 'node_modules', 'cdk-hitrust-redis');
    fs.mkdirSync(path.join(root, 'lib', 'evidence'), { recursive: true });
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'cdk-hitrust-redis', version: '4.5.6' }));
    fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify({ name: 'the-app', version: '9.9.9' }));

    // THEN
    expect(libraryPackage(path.join(root, 'lib', 'evidence'))).toEqual({ name: 'cdk-hitrust-redis', version: '4.5.6' });
  });

  test('the library version is unknown when no package.json names it (never another package\'s version)', () => {
    fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify({ name: 'the-app', version: '9.9.9' }));
    fs.mkdirSync(path.join(tmp, 'a', 'b'), { recursive: true });
    expect(libraryPackage(path.join(tmp, 'a', 'b'))).toEqual({ name: 'cdk-hitrust-redis', version: 'unknown' });
  });

  test('cdk-nag and aws-cdk-lib are read as Node resolves them', () => {
    expect(installedPackage('cdk-nag')).toEqual({ name: 'cdk-nag', version: readJson(require.resolve('cdk-nag/package.json')).version });
    expect(installedPackage('aws-cdk-lib').version).toEqual(readJson(require.resolve('aws-cdk-lib/package.json')).version);
  });

  test('a package that cannot be resolved is unknown', () => {
    expect(installedPackage('no-such-package-for-provenance')).toEqual({ name: 'no-such-package-for-provenance', version: 'unknown' });
  });
});

describe('templates', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'provenance-'));
  });
  afterEach(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

  test('each is hashed as written, with its stack and a literal or environment-agnostic environment', () => {
    // GIVEN
    const app = new App({ outdir });
    new CfnTopic(new Stack(app, 'Pinned', { env: { account: '111111111111', region: 'eu-west-1' } }), 'PinnedTopic');
    new CfnTopic(new Stack(app, 'Agnostic'), 'AgnosticTopic');
    new CfnTopic(new Stack(app, 'Tokens', { env: { account: Aws.ACCOUNT_ID, region: 'us-east-2' } }), 'TokensTopic');
    const assembly = app.synth();
    const templatePaths = assembly.stacks.map((s) => s.templateFullPath);

    // WHEN
    const templates = templateProvenance({ templatePaths, appConstruct: app }, outdir);

    // THEN (sorted by stack; every hash differs as the templates do)
    expect(templates).toEqual([
      { stack: 'Agnostic', templateFile: 'Agnostic.template.json', account: 'environment-agnostic', region: 'environment-agnostic', sha256: sha(path.join(outdir, 'Agnostic.template.json')) },
      { stack: 'Pinned', templateFile: 'Pinned.template.json', account: '111111111111', region: 'eu-west-1', sha256: sha(path.join(outdir, 'Pinned.template.json')) },
      { stack: 'Tokens', templateFile: 'Tokens.template.json', account: 'environment-agnostic', region: 'us-east-2', sha256: sha(path.join(outdir, 'Tokens.template.json')) },
    ]);
    expect(new Set(templates.map((t) => t.sha256)).size).toBe(3);
  });

  test('a stack of a nested stage is named by its path and its template relative to the assembly', () => {
    // GIVEN
    const app = new App({ outdir });
    const stage = new Stage(app, 'Prod', { env: { account: '222222222222', region: 'us-west-2' } });
    new CfnTopic(new Stack(stage, 'Cache'), 'Topic');
    const assembly = app.synth();
    const templatePaths = assembly.getNestedAssembly(stage.artifactId).stacks.map((s) => s.templateFullPath);

    // WHEN
    const [template] = templateProvenance({ templatePaths, appConstruct: app }, outdir);

    // THEN
    expect(template).toMatchObject({ stack: 'Prod/Cache', account: '222222222222', region: 'us-west-2', templateFile: expect.stringMatching(/^assembly-Prod\/.*\.template\.json$/) });
    expect(template.sha256).toBe(sha(path.join(outdir, template.templateFile)));
  });

  test('nested stacks inside a checked stack are hashed too', () => {
    // GIVEN
    const app = new App({ outdir });
    const parent = new Stack(app, 'Parent', { env: { account: '111111111111', region: 'eu-west-1' } });
    new CfnTopic(new NestedStack(parent, 'Inner'), 'Topic');
    const assembly = app.synth();

    // WHEN
    const templates = templateProvenance({ templatePaths: [assembly.getStackByName('Parent').templateFullPath], appConstruct: app }, outdir);

    // THEN
    expect(templates).toHaveLength(2);
    expect(templates[1]).toMatchObject({ stack: 'Parent/Inner', parentStack: 'Parent', account: '111111111111', region: 'eu-west-1' });
    expect(templates[1].sha256).toBe(sha(path.join(outdir, templates[1].templateFile)));
  });

  test('without the construct tree, the stack comes from stackTemplates; an unreadable file hashes to unknown', () => {
    const file = path.join(outdir, 'Gone.template.json');
    expect(templateProvenance({
      templatePaths: [file],
      stackTemplates: [{ stackConstructPath: 'Gone', templatePath: file, accountId: undefined, region: 'us-east-1' }],
    }, outdir)).toEqual([{ stack: 'Gone', templateFile: 'Gone.template.json', account: 'environment-agnostic', region: 'us-east-1', sha256: 'unknown' }]);
    expect(sha256OfFile(file)).toBe('unknown');
  });
});
