import * as fs from 'fs';
import * as path from 'path';
import { Annotations, Stack } from 'aws-cdk-lib';
import type * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as cxapi from 'aws-cdk-lib/cx-api';

/** The lock file's name when none is given. */
const DEFAULT_LOCK_FILE_NAME = 'cdk-hitrust-redis.lock.json';
const LOCK_FILE_VERSION = 1;

/**
 * Where the create-only settings of a replication group are recorded between synths.
 *
 * CloudFormation answers a change to a create-only property (port, KMS key, subnet group, engine,
 * availability zones ...) by creating a new, empty replication group and deleting the old one. The guard
 * records those settings per construct path in a JSON lock file that is committed with the app (like
 * `cdk.context.json`); a later synth that would change one fails unless `allowReplacement` is set.
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
   * @returns the validation errors (empty when nothing would be replaced, or when replacement is allowed)
   * @internal
   */
  public _check(resource: elasticache.CfnReplicationGroup, allowReplacement: boolean): string[] {
    const lockPath = this.lockPath();
    if (lockPath === undefined) return [];
    const key = resource.node.scope!.node.path;
    const current = createOnlySettings(resource);
    const lock = readLock(lockPath);
    const previous = lock.replicationGroups[key];
    const changes = previous === undefined ? [] : diff(previous, current);

    if (changes.length > 0 && !allowReplacement) {
      return [
        `changing ${changes.join('; ')} replaces the replication group: CloudFormation creates a new, empty group ` +
        'and deletes the old one after a final snapshot. Revert the change, or set `allowReplacement: true` for the ' +
        `one deployment that makes it (the lock is ${lockPath})`,
      ];
    }
    if (allowReplacement) {
      Annotations.of(resource.node.scope!).addWarningV2(
        'cdk-hitrust-redis:allowReplacement',
        changes.length > 0
          ? `allowReplacement is set: this deployment replaces the replication group (${changes.join('; ')}). Remove it afterwards`
          : 'allowReplacement is set but nothing would replace the replication group: remove it',
      );
    }
    if (previous === undefined || changes.length > 0) {
      lock.replicationGroups[key] = current;
      writeLock(lockPath, lock);
    }
    return [];
  }
}

interface LockFile {
  version: number;
  comment: string;
  replicationGroups: { [constructPath: string]: CreateOnlySettings };
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

function readLock(lockPath: string): LockFile {
  if (!fs.existsSync(lockPath)) {
    return {
      version: LOCK_FILE_VERSION,
      comment: 'Create-only settings of CompliantRedisReplicationGroup constructs (cdk-hitrust-redis). Commit this file.',
      replicationGroups: {},
    };
  }
  const lock = JSON.parse(fs.readFileSync(lockPath, 'utf-8')) as LockFile;
  if (lock.version !== LOCK_FILE_VERSION || typeof lock.replicationGroups !== 'object') {
    throw new Error(`${lockPath} is not a cdk-hitrust-redis lock file of version ${LOCK_FILE_VERSION}`);
  }
  return lock;
}

function writeLock(lockPath: string, lock: LockFile): void {
  const sorted: LockFile['replicationGroups'] = {};
  for (const k of Object.keys(lock.replicationGroups).sort()) sorted[k] = lock.replicationGroups[k];
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  fs.writeFileSync(lockPath, JSON.stringify({ ...lock, replicationGroups: sorted }, undefined, 2) + '\n');
}
