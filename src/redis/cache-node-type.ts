/**
 * An ElastiCache node type (instance class), e.g. `cache.r7g.large`.
 *
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html
 */
export class CacheNodeType {
  /** Graviton3 memory optimized, 2 vCPU, 13 GiB: the construct's default. */
  public static readonly R7G_LARGE = new CacheNodeType('cache.r7g.large');
  /** Graviton3 memory optimized, 4 vCPU, 26 GiB. */
  public static readonly R7G_XLARGE = new CacheNodeType('cache.r7g.xlarge');
  /** Graviton3 general purpose, 2 vCPU, 6 GiB. */
  public static readonly M7G_LARGE = new CacheNodeType('cache.m7g.large');
  /** Graviton2 burstable, 2 vCPU, 3 GiB (development and test). */
  public static readonly T4G_MEDIUM = new CacheNodeType('cache.t4g.medium');
  /** Graviton2 memory optimized with data tiering (SSD), 2 vCPU. Snapshots cannot be exported to S3. */
  public static readonly R6GD_XLARGE = new CacheNodeType('cache.r6gd.xlarge');

  /**
   * A node type by name.
   *
   * @param name the `CacheNodeType` value, e.g. 'cache.r7g.2xlarge'
   */
  public static of(name: string): CacheNodeType {
    return new CacheNodeType(name);
  }

  private constructor(
    /** The name CloudFormation takes, e.g. `cache.r7g.large`. */
    public readonly name: string,
  ) {}

  /** The family, e.g. `r7g` for `cache.r7g.large` (empty when the name is not `cache.<family>.<size>`). */
  public get family(): string {
    return /^cache\.([a-z0-9]+)\./.exec(this.name)?.[1] ?? '';
  }

  /**
   * Whether the node type keeps part of its data on SSD (data tiering, the `d` families such as r6gd).
   * Those groups must set `DataTieringEnabled` and cannot export snapshots.
   */
  public get isDataTiering(): boolean {
    return /^r\d+gd$/.test(this.family);
  }

  /** `cache.t1.*` nodes cannot take snapshots (HITRUST 1616.09l1 backups are impossible). */
  public get supportsSnapshots(): boolean {
    return this.family !== 't1';
  }

  /**
   * Whether the node type is of a previous-generation family (m1, m2, m3, c1, r3, t1, t2).
   *
   * AWS no longer recommends these families, and most lack current engine features.
   */
  public get isPreviousGeneration(): boolean {
    return ['m1', 'm2', 'm3', 'c1', 'r3', 't1', 't2'].includes(this.family);
  }

  /** The name. */
  public toString(): string {
    return this.name;
  }
}
