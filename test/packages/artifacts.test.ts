/**
 * The packages as built by the packaging tasks (dist/), checked as a consumer receives them: `npx projen test:packages`
 * runs this after `package:js` and `package:python` (CI: .ci/run), never as part of `npx projen test`.
 *
 * The Lambda handlers are bundled into assets/ outside jsii's compile: a package without them installs fine and then
 * fails the consumer's synth with "Cannot find asset". The Python and Java packages carry the npm tarball inside them
 * (the jsii runtime loads it), so each is opened down to that tarball.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
/** The bundles that `npx projen bundle` writes and the constructs load as Lambda code. */
const LAMBDA_ASSETS = ['assets/archive/export.lambda/index.js', 'assets/archive/staging-acl.lambda/index.js', 'assets/rotation/rotate.lambda/index.js'];

function only(dir: string, pattern: RegExp): string {
  const found = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => pattern.test(f)) : [];
  if (found.length !== 1) throw new Error(`expected one ${pattern} in ${dir} (run the packaging task first), found: ${found.join(', ') || 'none'}`);
  return path.join(dir, found[0]);
}

function tarEntries(tarball: string): string[] {
  return execFileSync('tar', ['tzf', tarball], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\n').filter(Boolean);
}

/** Extracts a zip (wheel, jar) with Python's zipfile (no unzip binary needed) and returns the folder. */
function unzip(archive: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pkg-'));
  execFileSync('python3', ['-m', 'zipfile', '-e', archive, dir]);
  return dir;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

/** The fenced code blocks of a Markdown text with the given language tag. */
function codeBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
}

/** What only TypeScript writes: an ES import, a declaration, `new X(`, `const x =`, a type annotation on `this`. */
const TYPESCRIPT = /^\s*import \{|^\s*declare const |\bnew [A-Z]\w*\(|^\s*(const|let) \w+ =/m;

describe('the npm tarball (package:js)', () => {
  const tarball = only(path.join(DIST, 'js'), /\.tgz$/);
  const entries = tarEntries(tarball);

  test('holds the compiled library, the jsii assembly and every Lambda bundle', () => {
    expect(entries).toEqual(expect.arrayContaining(['package/lib/index.js', 'package/.jsii', ...LAMBDA_ASSETS.map((a) => `package/${a}`)]));
  });

  test('a consumer app synthesizes with it: the default cache, its rotation function\'s asset and the evidence report', () => {
    const consumer = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-'));
    const modules = path.join(consumer, 'node_modules');
    fs.mkdirSync(path.join(modules, 'cdk-hitrust-redis'), { recursive: true });
    execFileSync('tar', ['xzf', tarball, '-C', path.join(modules, 'cdk-hitrust-redis'), '--strip-components=1']);
    // the peer dependencies, as the consumer's own install would provide them
    for (const peer of ['aws-cdk-lib', 'constructs', 'cdk-nag']) fs.symlinkSync(path.join(ROOT, 'node_modules', peer), path.join(modules, peer));
    const outdir = path.join(consumer, 'cdk.out');
    fs.writeFileSync(path.join(consumer, 'app.js'), `
      const { App, Stack, Validations } = require('aws-cdk-lib');
      const ec2 = require('aws-cdk-lib/aws-ec2');
      const { CompliantRedisReplicationGroup, HitrustChecks } = require('cdk-hitrust-redis');
      const app = new App({ outdir: ${JSON.stringify(outdir)} });
      Validations.of(app).addPlugins(new HitrustChecks(app));
      const stack = new Stack(app, 'Consumer', { env: { account: '123456789012', region: 'us-east-1' } });
      const vpc = new ec2.Vpc(stack, 'Vpc', { availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] });
      new CompliantRedisReplicationGroup(stack, 'Cache', { vpc });
      app.synth();
    `);
    execFileSync(process.execPath, ['app.js'], { cwd: consumer, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } });

    const template = JSON.parse(fs.readFileSync(path.join(outdir, 'Consumer.template.json'), 'utf8'));
    const groups = Object.values(template.Resources as Record<string, { Type: string }>).filter((r) => r.Type === 'AWS::ElastiCache::ReplicationGroup');
    expect(groups).toHaveLength(1);
    const rotationBundle = fs.readFileSync(path.join(ROOT, 'assets/rotation/rotate.lambda/index.js'), 'utf8');
    const assetDirs = fs.readdirSync(outdir).filter((f) => f.startsWith('asset.'));
    expect(assetDirs.some((d) => fs.existsSync(path.join(outdir, d, 'index.js')) && fs.readFileSync(path.join(outdir, d, 'index.js'), 'utf8') === rotationBundle)).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(outdir, 'hitrust-evidence.json'), 'utf8')).pack).toBe('HITRUST.CSF');
  });
});

describe('the Python wheel (package:python)', () => {
  const wheel = only(path.join(DIST, 'python'), /\.whl$/);
  const dir = unzip(wheel);
  const files = walk(dir);

  test('carries the npm tarball, and that tarball every Lambda bundle', () => {
    const embedded = files.filter((f) => /cdk_hitrust_redis\/_jsii\/cdk-hitrust-redis@.*\.jsii\.tgz$/.test(f));
    expect(embedded).toHaveLength(1);
    expect(tarEntries(embedded[0])).toEqual(expect.arrayContaining(LAMBDA_ASSETS.map((a) => `package/${a}`)));
  });

  test('its PyPI description (the README) has no TypeScript in a python block, and rosetta translated the TypeScript ones', () => {
    const metadata = fs.readFileSync(files.find((f) => /\.dist-info\/METADATA$/.test(f))!, 'utf8');
    const blocks = codeBlocks(metadata, 'python');
    expect(blocks.filter((b) => TYPESCRIPT.test(b))).toEqual([]);
    expect(codeBlocks(metadata, 'ts')).toEqual([]);
    // the README's "Cluster mode" example, written only in TypeScript there, as rosetta writes it in Python
    expect(blocks.some((b) => b.includes('CompliantRedisReplicationGroup(self, "Sharded", vpc=vpc, shards=3, replicas_per_shard=2)'))).toBe(true);
  });

  test('its docstrings have no TypeScript examples', () => {
    const init = fs.readFileSync(files.find((f) => /cdk_hitrust_redis\/__init__\.py$/.test(f))!, 'utf8');
    expect(init).not.toMatch(/declare const |import \{ /);
    expect(init).toContain('Example::');
  });
});

describe('the Java jar (package:java)', () => {
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
  const artifacts = path.join(DIST, 'java', 'io', 'github', 'cdkhitrustredis', 'cdk-hitrust-redis', version);
  const jar = only(artifacts, new RegExp(`^cdk-hitrust-redis-${version.replace(/\./g, '\\.')}\\.jar$`));
  const files = walk(unzip(jar));

  test('carries the npm tarball, and that tarball every Lambda bundle', () => {
    const embedded = files.filter((f) => /io\/github\/cdkhitrustredis\/cdk-hitrust-redis@.*\.jsii\.tgz$/.test(f));
    expect(embedded).toHaveLength(1);
    expect(tarEntries(embedded[0])).toEqual(expect.arrayContaining(LAMBDA_ASSETS.map((a) => `package/${a}`)));
  });

  test('its sources\' Javadoc has no TypeScript examples, and rosetta wrote them in Java', () => {
    const sources = walk(unzip(only(artifacts, /-sources\.jar$/))).filter((f) => f.endsWith('.java'));
    const text = sources.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    expect(text).not.toMatch(/declare const |import \{ /);
    // HitrustRuleId's example, as Java: an Acknowledgment built with the rule ID constant
    expect(text).toMatch(/Acknowledgment\.builder\(\)\s*\n?\s*\*?\s*\.id\(HitrustRuleId\.ELASTICACHE_NON_DEFAULT_PORT\)/);
  });
});
