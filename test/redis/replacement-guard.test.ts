import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
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
    expect(lock.version).toEqual(2);
    expect(lock.pendingReplacements).toEqual({});
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
    expect(() => synth(props).synth()).toThrow(/replaces the replication group.*allowReplacement: true.*with a new\s+`replicationGroupId`/s);
  });

  // AWS fact cfn-custom-name-replacement-blocks-update: "You can't perform an update that causes a custom-named
  // resource to be replaced. If you must replace the resource, specify a new name."
  test('fails for allowReplacement without a new replicationGroupId: CloudFormation cannot replace a custom-named resource', () => {
    // GIVEN
    synth({ replicationGroupId: 'phi-cache' }).synth();
    // WHEN / THEN
    expect(() => synth({ replicationGroupId: 'phi-cache', port: 6390, allowReplacement: true }).synth()).toThrow(
      /`allowReplacement` cannot replace the group while its `replicationGroupId` stays "phi-cache": changing Port \(6380 -> 6390\).*You can't perform an update that causes a custom-named resource to be replaced.*HITRUST 1616\.09l1/s);
  });

  test('the default replicationGroupId (derived from the path) also needs a new one for a replacement', () => {
    synth().synth();
    expect(() => synth({ port: 6390, allowReplacement: true }).synth()).toThrow(/cannot replace the group while its `replicationGroupId` stays/);
  });

  test('allowReplacement with a new replicationGroupId accepts the change with a warning, the lock keeps the baseline', () => {
    // GIVEN
    synth({ replicationGroupId: 'phi-cache' }).synth();
    // WHEN
    const next = synth({ replicationGroupId: 'phi-cache-v2', port: 6390, allowReplacement: true });
    next.synth();
    // THEN
    Annotations.fromStack(next.stack).hasWarning('/Stack/Cache', Match.stringLikeRegexp('replaces the replication group \\(Port'));
    const lock = JSON.parse(fs.readFileSync(lockFile, 'utf-8'));
    expect(lock.replicationGroups['Stack/Cache'].Port).toEqual(6380);
    expect(lock.pendingReplacements['Stack/Cache']).toEqual(expect.objectContaining({ Port: 6390, ReplicationGroupId: 'phi-cache-v2' }));
  });

  test('a cdk diff before cdk deploy: every synth with allowReplacement reports the same replacement', () => {
    synth({ replicationGroupId: 'phi-cache' }).synth();
    const diff = synth({ replicationGroupId: 'phi-cache-v2', port: 6390, allowReplacement: true });
    diff.synth();
    const deploy = synth({ replicationGroupId: 'phi-cache-v2', port: 6390, allowReplacement: true });
    deploy.synth();
    Annotations.fromStack(deploy.stack).hasWarning('/Stack/Cache', Match.stringLikeRegexp('this deployment replaces the replication group'));
    Annotations.fromStack(deploy.stack).hasNoWarning('/Stack/Cache', Match.stringLikeRegexp('nothing would replace'));
  });

  test('removing allowReplacement after the replacement takes the new settings as the baseline', () => {
    synth({ replicationGroupId: 'phi-cache' }).synth();
    synth({ replicationGroupId: 'phi-cache-v2', port: 6390, allowReplacement: true }).synth();
    // WHEN the flag is removed with the deployed settings
    expect(() => synth({ replicationGroupId: 'phi-cache-v2', port: 6390 }).synth()).not.toThrow();
    // THEN
    const lock = JSON.parse(fs.readFileSync(lockFile, 'utf-8'));
    expect(lock.replicationGroups['Stack/Cache']).toEqual(expect.objectContaining({ Port: 6390, ReplicationGroupId: 'phi-cache-v2' }));
    expect(lock.pendingReplacements).toEqual({});
    // a further change is guarded against the new baseline
    expect(() => synth({ replicationGroupId: 'phi-cache-v2', port: 6391 }).synth()).toThrow(/Port \(6390 -> 6391\)/);
  });

  test('going back to the baseline drops an abandoned pending replacement', () => {
    synth({ replicationGroupId: 'phi-cache' }).synth();
    synth({ replicationGroupId: 'phi-cache-v2', port: 6390, allowReplacement: true }).synth();
    synth({ replicationGroupId: 'phi-cache' }).synth();
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf-8')).pendingReplacements).toEqual({});
    expect(() => synth({ replicationGroupId: 'phi-cache-v2', port: 6390 }).synth()).toThrow(/replaces the replication group/);
  });

  test('entries of groups no longer in the app are dropped', () => {
    // GIVEN a lock with a group the app has removed
    synth().synth();
    const lock = JSON.parse(fs.readFileSync(lockFile, 'utf-8'));
    lock.replicationGroups['Stack/Removed'] = lock.replicationGroups['Stack/Cache'];
    lock.pendingReplacements['Stack/Removed'] = lock.replicationGroups['Stack/Cache'];
    fs.writeFileSync(lockFile, JSON.stringify(lock));
    // WHEN
    synth().synth();
    // THEN
    const after = JSON.parse(fs.readFileSync(lockFile, 'utf-8'));
    expect(Object.keys(after.replicationGroups)).toEqual(['Stack/Cache']);
    expect(after.pendingReplacements).toEqual({});
  });

  test('reads a version 1 lock file and writes it as version 2', () => {
    synth().synth();
    const lock = JSON.parse(fs.readFileSync(lockFile, 'utf-8'));
    fs.writeFileSync(lockFile, JSON.stringify({ version: 1, comment: lock.comment, replicationGroups: lock.replicationGroups }));
    expect(() => synth({ port: 6390 }).synth()).toThrow(/Port \(6380 -> 6390\)/);
    synth({ replicationGroupId: 'renamed', port: 6390, allowReplacement: true }).synth();
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf-8')).version).toEqual(2);
  });

  test('allowReplacement with nothing to replace asks to remove it', () => {
    synth().synth();
    const next = synth({ allowReplacement: true });
    next.synth();
    Annotations.fromStack(next.stack).hasWarning('/Stack/Cache', Match.stringLikeRegexp('nothing would replace'));
  });

  // AWS fact cfn-custom-name-unique-across-stacks: the group, its subnet group, users and user group are named after
  // replicationGroupId, so a new ID renames every custom-named resource the replacement creates
  test('a new replicationGroupId renames the subnet group, users and user group with it', () => {
    const { stack } = synth({ replicationGroupId: 'phi-cache-v2' }, ReplacementGuard.disabled());
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ElastiCache::SubnetGroup', { CacheSubnetGroupName: 'phi-cache-v2' });
    template.hasResourceProperties('AWS::ElastiCache::UserGroup', { UserGroupId: 'phi-cache-v2-users' });
    template.hasResourceProperties('AWS::ElastiCache::User', { UserId: 'phi-cache-v2-app' });
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
    expect(() => synth().synth()).toThrow(/is not a cdk-hitrust-redis lock file of version 2/);
  });
});
