import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { CompliantRedisReplicationGroup, CompliantRedisReplicationGroupProps, ReplacementGuard } from '../../src';
import { cacheStack } from '../helpers/cache-stack';

let dir: string;
let lockFile: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-'));
  lockFile = path.join(dir, 'cdk-hitrust-redis.lock.json');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** One synth of a fresh app, as `cdk synth` would run it after an edit. */
function synth(props: Partial<CompliantRedisReplicationGroupProps> = {}, guard = ReplacementGuard.lockFile(lockFile)) {
  const { app, stack, vpc } = cacheStack();
  new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, replacementGuard: guard, ...props });
  return { app, stack, synth: () => app.synth() };
}

describe('replacement guard', () => {
  test('the first synth records the create-only settings in the lock file', () => {
    // WHEN
    synth().synth();

    // THEN
    const lock = JSON.parse(fs.readFileSync(lockFile, 'utf-8'));
    expect(lock.version).toEqual(1);
    expect(lock.replicationGroups['Stack/Cache']).toEqual(expect.objectContaining({
      Engine: 'valkey',
      Port: 6380,
      AtRestEncryptionEnabled: true,
      NetworkType: 'ipv4',
      DataTieringEnabled: false,
      PreferredCacheClusterAZs: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      AuthToken: 'absent',
      KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^CacheKey/), 'Arn'] },
    }));
  });

  test('an unchanged synth passes and leaves the lock file as it was', () => {
    synth().synth();
    const before = fs.readFileSync(lockFile, 'utf-8');
    synth().synth();
    expect(fs.readFileSync(lockFile, 'utf-8')).toEqual(before);
  });

  test('a change that only updates in place passes (snapshot retention, windows)', () => {
    synth().synth();
    expect(() => synth({ snapshotWindow: '01:00-02:00' }).synth()).not.toThrow();
  });

  test.each([
    { change: 'the port', props: { port: 6390 }, property: /Port \(6380 -> 6390\)/ },
    { change: 'the replica count (the AZ list is create-only)', props: { replicasPerShard: 1 }, property: /PreferredCacheClusterAZs/ },
    { change: 'cluster mode', props: { shards: 2 }, property: /NumCacheClusters|NodeGroupConfiguration/ },
  ])('fails for a change of $change without allowReplacement', ({ props, property }) => {
    // GIVEN
    synth().synth();
    // WHEN / THEN
    expect(() => synth(props).synth()).toThrow(property);
    expect(() => synth(props).synth()).toThrow(/replaces the replication group.*allowReplacement: true/s);
  });

  test('allowReplacement accepts the change with a warning and updates the lock', () => {
    // GIVEN
    synth().synth();
    // WHEN
    const next = synth({ port: 6390, allowReplacement: true });
    next.synth();
    // THEN
    Annotations.fromStack(next.stack).hasWarning('/Stack/Cache', Match.stringLikeRegexp('replaces the replication group \\(Port'));
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf-8')).replicationGroups['Stack/Cache'].Port).toEqual(6390);
    expect(() => synth({ port: 6390 }).synth()).not.toThrow();
  });

  test('allowReplacement with nothing to replace asks to remove it', () => {
    synth().synth();
    const next = synth({ allowReplacement: true });
    next.synth();
    Annotations.fromStack(next.stack).hasWarning('/Stack/Cache', Match.stringLikeRegexp('nothing would replace'));
  });

  test('cdkApp() is inactive outside the CDK CLI (no CDK_OUTDIR), so unit tests write no lock', () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      delete process.env[cxapi.OUTDIR_ENV];
      synth({}, ReplacementGuard.cdkApp()).synth();
      expect(fs.existsSync(path.join(dir, 'cdk-hitrust-redis.lock.json'))).toBe(false);
    } finally {
      process.chdir(cwd);
    }
  });

  test('cdkApp() writes the lock beside cdk.json when the CLI runs the app', () => {
    const cwd = process.cwd();
    process.chdir(dir);
    process.env[cxapi.OUTDIR_ENV] = path.join(dir, 'cdk.out');
    try {
      synth({}, ReplacementGuard.cdkApp()).synth();
      expect(fs.existsSync(path.join(dir, 'cdk-hitrust-redis.lock.json'))).toBe(true);
    } finally {
      delete process.env[cxapi.OUTDIR_ENV];
      process.chdir(cwd);
    }
  });

  test('disabled() never reads or writes a lock', () => {
    synth({}, ReplacementGuard.disabled()).synth();
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  test('fails for a lock file of another format', () => {
    fs.writeFileSync(lockFile, JSON.stringify({ version: 99 }));
    expect(() => synth().synth()).toThrow(/is not a cdk-hitrust-redis lock file of version 1/);
  });
});
