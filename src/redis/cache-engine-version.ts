import { HitrustValidationError } from '../private/errors';

/** `major.minor` or `major.minor.patch`, as ElastiCache's `EngineVersion` takes it. */
const VERSION_PATTERN = /^(\d+)\.(\d+)(\.\d+)?$/;

/**
 * The cache engine of a replication group.
 *
 * Both engines speak the Redis protocol; Valkey is the open-source fork that ElastiCache
 * recommends for new deployments.
 */
export class CacheEngine {
  /** Redis OSS. */
  public static readonly REDIS = new CacheEngine('redis');
  /** Valkey. */
  public static readonly VALKEY = new CacheEngine('valkey');

  /**
   * An engine by its CloudFormation name (`redis` or `valkey`).
   *
   * Memcached is not offered: it has no encryption at rest and no backups, so it cannot
   * hold PHI under HITRUST 0808.10b2 and 1616.09l1.
   *
   * @param name the engine's CloudFormation `Engine` value, `redis` or `valkey` (case-insensitive)
   */
  public static of(name: string): CacheEngine {
    const lower = name.toLowerCase();
    if (lower === CacheEngine.REDIS.name) return CacheEngine.REDIS;
    if (lower === CacheEngine.VALKEY.name) return CacheEngine.VALKEY;
    throw new Error(
      `CacheEngine must be 'redis' or 'valkey' (Memcached cannot meet HITRUST 0808.10b2 and 1616.09l1), got: '${name}'`,
    );
  }

  /** @param name the `Engine` value CloudFormation expects */
  private constructor(public readonly name: string) {}
}

/**
 * An ElastiCache engine version with the facts that depend on it.
 *
 * Only versions that are HIPAA eligible and still supported are listed (HITRUST 0706.10b1):
 * Redis OSS 6.2 and later, Valkey 7.2 and later. Older versions given through `of()` are rejected
 * by `CompliantRedisReplicationGroup` at synth.
 *
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/supported-engine-versions.html
 */
export class CacheEngineVersion {
  /** Redis OSS 6.2. */
  public static readonly REDIS_6_2 = new CacheEngineVersion(CacheEngine.REDIS, '6.2');
  /** Redis OSS 7.0. */
  public static readonly REDIS_7_0 = new CacheEngineVersion(CacheEngine.REDIS, '7.0');
  /** Redis OSS 7.1. */
  public static readonly REDIS_7_1 = new CacheEngineVersion(CacheEngine.REDIS, '7.1');
  /** Valkey 7.2. */
  public static readonly VALKEY_7_2 = new CacheEngineVersion(CacheEngine.VALKEY, '7.2');
  /** Valkey 8.0. */
  public static readonly VALKEY_8_0 = new CacheEngineVersion(CacheEngine.VALKEY, '8.0');
  /** Valkey 8.1. */
  public static readonly VALKEY_8_1 = new CacheEngineVersion(CacheEngine.VALKEY, '8.1');

  /** The newest Valkey version this library knows, and the construct's default. */
  public static readonly LATEST_VALKEY = CacheEngineVersion.VALKEY_8_1;

  /**
   * A version not (yet) listed as a constant, such as a newer Valkey line.
   *
   * Throws when `version` is not `major.minor` or `major.minor.patch` (a literal: a deploy-time value is rejected
   * too, since the version decides HITRUST 0706.10b1 at synth).
   *
   * @param engine the engine
   * @param version `major.minor`, as ElastiCache's `EngineVersion` takes it (e.g. '8.1'), or `major.minor.patch`
   */
  public static of(engine: CacheEngine, version: string): CacheEngineVersion {
    if (!VERSION_PATTERN.test(version)) {
      throw new HitrustValidationError('CacheEngineVersion', [
        `\`version\` must be 'major.minor' or 'major.minor.patch' (e.g. '7.1' or '8.0') for HITRUST 0706.10b1, got: '${version}'`,
      ]);
    }
    return new CacheEngineVersion(engine, version);
  }

  /** The major version: 8 for `8.1`. */
  public readonly majorVersion: number;
  /** The minor version: 1 for `8.1`. */
  public readonly minorVersion: number;

  private constructor(
    /** The engine. */
    public readonly engine: CacheEngine,
    /** The version as written to `EngineVersion`. */
    public readonly version: string,
  ) {
    const match = VERSION_PATTERN.exec(version)!; // checked by `of()`; the constants are well-formed
    this.majorVersion = Number(match[1]);
    this.minorVersion = Number(match[2]);
  }

  /**
   * The parameter group family: `redis6.x`, `redis7`, `valkey7`, `valkey8` ...
   *
   * Cluster mode is a parameter (`cluster-enabled`) of the same family.
   */
  public get parameterGroupFamily(): string {
    if (this.engine === CacheEngine.REDIS && this.majorVersion <= 6) {
      return `redis${this.majorVersion}.x`;
    }
    return `${this.engine.name}${this.majorVersion}`;
  }

  /**
   * Whether this version is HIPAA eligible and supported: Redis OSS >= 6.2 or Valkey >= 7.2.
   *
   * Redis OSS 4 and 5 are in extended support and 3.x/2.x are end of life; they also lack
   * RBAC, engine logs and `required` transit encryption.
   */
  public get isEligible(): boolean {
    return this.atLeast(this.engine === CacheEngine.VALKEY ? 7 : 6, 2);
  }

  /** Role-based access control (user groups): Redis OSS >= 6 and every Valkey. */
  public get supportsRbac(): boolean {
    return this.engine === CacheEngine.VALKEY || this.atLeast(6, 0);
  }

  /** IAM authentication: Redis OSS >= 7.0 or Valkey >= 7.2. */
  public get supportsIamAuth(): boolean {
    return this.engine === CacheEngine.VALKEY ? this.atLeast(7, 2) : this.atLeast(7, 0);
  }

  /** Engine-log delivery: Redis OSS >= 6.2 and every Valkey. */
  public get supportsEngineLog(): boolean {
    return this.engine === CacheEngine.VALKEY || this.atLeast(6, 2);
  }

  /**
   * TransitEncryptionMode `required`: Redis OSS >= 7.0.5 (ElastiCache's 7.0 line) or Valkey >= 7.2.
   */
  public get supportsRequiredTransitMode(): boolean {
    return this.engine === CacheEngine.VALKEY ? this.atLeast(7, 2) : this.atLeast(7, 0);
  }

  /** `valkey 8.1` */
  public toString(): string {
    return `${this.engine.name} ${this.version}`;
  }

  private atLeast(major: number, minor: number): boolean {
    return this.majorVersion > major || (this.majorVersion === major && this.minorVersion >= minor);
  }
}
