import * as fs from 'fs';
import * as path from 'path';
import { Annotations, Stack } from 'aws-cdk-lib';
import type * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as cxapi from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';

/** The lock file's name when none is given. */
const DEFAULT_LOCK_FILE_NAME = 'cdk-hitrust-redis.lock.json';
const LOCK_FILE_VERSION = 2;

/**
 * Where the create-only settings of a replication group are recorded between synths.
 *
 * CloudFormation answers a change to a create-only property (port, KMS key, subnet group, engine,
 * availability zones ...) by creating a new, empty replication group and deleting the old one. The guard
 * records those settings per construct path in a JSON lock file that is committed with the app (like
 * `cdk.context.json`); a later synth that would change one fails unless `allowReplacement` is set, together with a
 * new `replicationGroupId` (CloudFormation cannot replace a resource whose name stays the same).
 *
 * Synth cannot see deployments: the lock keeps the settings last accepted until `allowReplacement` is removed
 * with the new settings still in place, and takes the replacement as deployed then. Entries of groups that are
 * no longer in the app are dropped.
 *
 * A lock file is used rather than the previous template in `cdk.out` because `cdk.out` is not kept between
 * CI runs, and rather than the deployed stack because synth must not need AWS credentials.
 */
export class ReplacementGuard {
  /**
   * The lock file beside the app's `cdk.json`, used when the app is synthesized by the CDK CLI (which sets
   * `CDK_OUTDIR` and runs the app from the directory of `cdk.json`). Unit tests and scripts that create an
   * `App` themselves are not guarded, so that test stacks never write into the lock.
   *
   * @param fileName the lock file's name in the app directory
   */
  public static cdkApp(fileName: string = DEFAULT_LOCK_FILE_NAME): ReplacementGuard {
    return new ReplacementGuard(() =>
      process.env[cxapi.OUTDIR_ENV] ? path.resolve(process.cwd(), fileName) : undefined,
    );
  }

  /**
   * A lock file at the given path, whatever runs the synth.
   *
   * @param filePath path of the JSON lock file (created on first synth)
   */
  public static lockFile(filePath: string): ReplacementGuard {
    return new ReplacementGuard(() => path.resolve(filePath));
  }

  /** No guard: changes that replace the group are not detected. */
  public static disabled(): ReplacementGuard {
    return new ReplacementGuard(() => undefined);
  }

  private constructor(private readonly lockPath: () => string | undefined) {}

  /**
   * Compares the group's create-only settings with the lock and records them.
   *
   * The lock holds, per construct path, the settings last accepted (the baseline) and, while `allowReplacement`
   * is set, the settings of the pending replacement. Synth cannot see deployments, so every synth compares with the
   * baseline: a `cdk diff` before `cdk deploy` reports the same replacement as the deploy. When `allowReplacement`
   * is removed and the settings equal the pending ones, the replacement is taken as deployed and becomes the
   * baseline.
   *
   * @returns the validation errors (empty when nothing would be replaced, or when replacement is allowed)
   * @internal
   */
  public _check(resource: elasticache.CfnReplicationGroup, allowReplacement: boolean): string[] {
    const lockPath = this.lockPath();
    if (lockPath === undefined) return [];
    const group = resource.node.scope!;
    const key = group.node.path;
    const current = createOnlySettings(resource);
    const lock = readLock(lockPath);
    const pruned = pruneRemovedGroups(lock, group.node.root);
    const baseline = lock.replicationGroups[key];
    const pending = lock.pendingReplacements[key];
    const changes = baseline === undefined ? [] : diff(baseline, current);
    let write = pruned;

    if (baseline === undefined) {
      lock.replicationGroups[key] = current;
      write = true;
    } else if (allowReplacement) {
      if (changes.length > 0 && !changes.some((c) => c.startsWith(`${REPLICATION_GROUP_ID} `))) {
        // "You can't perform an update that causes a custom-named resource to be replaced. If you must replace the
        // resource, specify a new name." (AWS CloudFormation, Name type)
        return [
          `\`allowReplacement\` cannot replace the group while its \`replicationGroupId\` stays ${JSON.stringify(baseline[REPLICATION_GROUP_ID])}: ` +
          `changing ${changes.join('; ')} replaces the group, and "You can't perform an update that causes a custom-named resource ` +
          'to be replaced. If you must replace the resource, specify a new name." (AWS CloudFormation User Guide, Name type). ' +
          'Set `replicationGroupId` to a new value in the ' +
          'same deployment (the new group, its subnet group, users and user group get new names; the old group is deleted ' +
          'after a final snapshot; HITRUST 1616.09l1)',
        ];
      }
      Annotations.of(group).addWarningV2(
        'cdk-hitrust-redis:allowReplacement',
        changes.length > 0
          ? `allowReplacement is set: this deployment replaces the replication group (${changes.join('; ')}); remove it after the deployment`
          : 'allowReplacement is set but nothing would replace the replication group: remove it',
      );
      if (changes.length > 0 && !sameSettings(pending, current)) {
        lock.pendingReplacements[key] = current;
        write = true;
      }
    } else if (changes.length > 0) {
      if (!sameSettings(pending, current)) {
        return [
          `changing ${changes.join('; ')} replaces the replication group: CloudFormation creates a new, empty group ` +
          'and deletes the old one after a final snapshot. Revert the change, or set `allowReplacement: true` (with a new ' +
          `\`replicationGroupId\`) for the one deployment that makes it (the lock is ${lockPath})`,
        ];
      }
      // allowReplacement was removed with the settings it deployed: the replacement is the new baseline
      lock.replicationGroups[key] = current;
      delete lock.pendingReplacements[key];
      write = true;
    } else if (pending !== undefined) {
      // back to the baseline without replacing: the pending replacement was abandoned
      delete lock.pendingReplacements[key];
      write = true;
    }
    if (write) writeLock(lockPath, lock);
    return [];
  }
}

/** The create-only property that names the group. */
const REPLICATION_GROUP_ID = 'ReplicationGroupId';

interface LockFile {
  version: number;
  comment: string;
  /** The settings last accepted, per construct path of a CompliantRedisReplicationGroup. */
  replicationGroups: { [constructPath: string]: CreateOnlySettings };
  /** The settings of a replacement allowed with `allowReplacement` and not yet taken as deployed. */
  pendingReplacements: { [constructPath: string]: CreateOnlySettings };
}

type CreateOnlySettings = { [property: string]: unknown };

/**
 * The properties whose change makes CloudFormation replace the group (FIELD-NOTES §3), resolved.
 * The AUTH token is recorded by presence only: adding or removing one replaces the group.
 */
function createOnlySettings(resource: elasticache.CfnReplicationGroup): CreateOnlySettings {
  const stack = Stack.of(resource);
  const r = (value: unknown) => (value === undefined ? null : stack.resolve(value));
  return {
    Engine: r(resource.engine),
    Port: r(resource.port),
    ReplicationGroupId: r(resource.replicationGroupId),
    AtRestEncryptionEnabled: r(resource.atRestEncryptionEnabled),
    KmsKeyId: r(resource.kmsKeyId),
    CacheSubnetGroupName: r(resource.cacheSubnetGroupName),
    NetworkType: r(resource.networkType),
    DataTieringEnabled: r(resource.dataTieringEnabled),
    PreferredCacheClusterAZs: r(resource.preferredCacheClusterAZs),
    ReplicasPerNodeGroup: r(resource.replicasPerNodeGroup),
    NodeGroupConfiguration: r(resource.nodeGroupConfiguration),
    ClusterMode: r(resource.clusterMode),
    AuthToken: resource.authToken === undefined ? 'absent' : 'present',
  };
}

function diff(previous: CreateOnlySettings, current: CreateOnlySettings): string[] {
  return Object.keys({ ...previous, ...current })
    .sort()
    .filter((k) => JSON.stringify(previous[k] ?? null) !== JSON.stringify(current[k] ?? null))
    .map((k) => `${k} (${JSON.stringify(previous[k] ?? null)} -> ${JSON.stringify(current[k] ?? null)})`);
}

function sameSettings(a: CreateOnlySettings | undefined, b: CreateOnlySettings): boolean {
  return a !== undefined && diff(a, b).length === 0;
}

/**
 * Drops the entries of groups that are no longer in the app (a lock belongs to one app: the one beside its
 * `cdk.json`). Returns whether anything was dropped.
 */
function pruneRemovedGroups(lock: LockFile, root: IConstruct): boolean {
  let pruned = false;
  for (const entries of [lock.replicationGroups, lock.pendingReplacements]) {
    for (const constructPath of Object.keys(entries)) {
      if (findByPath(root, constructPath) === undefined) {
        delete entries[constructPath];
        pruned = true;
      }
    }
  }
  return pruned;
}

function findByPath(root: IConstruct, constructPath: string): IConstruct | undefined {
  let node: IConstruct | undefined = root;
  for (const id of constructPath.split('/')) {
    node = node?.node.tryFindChild(id);
  }
  return node;
}

function readLock(lockPath: string): LockFile {
  const empty = (): LockFile => ({
    version: LOCK_FILE_VERSION,
    comment: 'Create-only settings of CompliantRedisReplicationGroup constructs (cdk-hitrust-redis). Commit this file.',
    replicationGroups: {},
    pendingReplacements: {},
  });
  if (!fs.existsSync(lockPath)) return empty();
  const lock = JSON.parse(fs.readFileSync(lockPath, 'utf-8')) as Partial<LockFile>;
  if (lock.version === 1 && typeof lock.replicationGroups === 'object') {
    // version 1 had no pending replacements
    return { ...empty(), replicationGroups: lock.replicationGroups };
  }
  if (lock.version !== LOCK_FILE_VERSION || typeof lock.replicationGroups !== 'object' || typeof lock.pendingReplacements !== 'object') {
    throw new Error(`${lockPath} is not a cdk-hitrust-redis lock file of version ${LOCK_FILE_VERSION}`);
  }
  return lock as LockFile;
}

function writeLock(lockPath: string, lock: LockFile): void {
  const sorted = (entries: { [constructPath: string]: CreateOnlySettings }) =>
    Object.fromEntries(Object.keys(entries).sort().map((k) => [k, entries[k]]));
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  fs.writeFileSync(lockPath, JSON.stringify({
    ...lock,
    version: LOCK_FILE_VERSION,
    replicationGroups: sorted(lock.replicationGroups),
    pendingReplacements: sorted(lock.pendingReplacements),
  }, undefined, 2) + '\n');
}
