import { DEFAULT_ACCESS_STRING, DEFAULT_USER_NAME } from './defaults';

/**
 * How clients authenticate to the cache.
 */
export enum CacheAuthenticationMode {
  /**
   * RBAC: a user group with one password user whose secret lives in Secrets Manager (and, on Redis OSS, the
   * `default` user that Redis OSS groups must hold, switched off).
   */
  RBAC_PASSWORD = 'rbac-password',
  /** RBAC with IAM users: clients sign a short-lived token with `elasticache:Connect`. */
  IAM = 'iam',
  /** Legacy Redis AUTH: one shared token kept in Secrets Manager. */
  AUTH_TOKEN = 'auth-token',
}

/**
 * Options for RBAC password authentication.
 */
export interface RbacPasswordAuthenticationOptions {
  /**
   * The application user's name (what clients send in `AUTH <user> <password>`).
   *
   * Must not be `default`: that user is always disabled.
   *
   * @default 'app'
   */
  readonly userName?: string;

  /**
   * The Redis ACL access string of the application user.
   *
   * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html#Access-string
   * @default 'on ~* &* +@all -@dangerous'
   */
  readonly accessString?: string;
}

/**
 * Options for IAM authentication.
 */
export interface IamAuthenticationOptions {
  /**
   * The Redis ACL access string of the IAM user.
   *
   * @default 'on ~* &* +@all -@dangerous'
   */
  readonly accessString?: string;
}

/**
 * How clients authenticate (HITRUST 0805.01m1 and 1903.06d1: only identified clients reach PHI).
 *
 * There is no "no authentication" choice.
 *
 * @example
 * import { CacheAuthentication, CompliantRedisReplicationGroup } from 'cdk-hitrust-redis';
 *
 * declare const vpc: ec2.IVpc;
 * new CompliantRedisReplicationGroup(this, 'Cache', {
 *   vpc,
 *   authentication: CacheAuthentication.iam(),
 * });
 */
export class CacheAuthentication {
  /**
   * Role-based access control with a password user (the default).
   *
   * Creates a user group with an application user whose generated password is kept in a Secrets Manager
   * secret encrypted with the cache's KMS key. On Redis OSS, the group also holds the `default` user that
   * ElastiCache requires there, switched off (`off -@all`); a Valkey group holds the application user alone,
   * since Valkey groups accept only users with a password or IAM authentication.
   * Needs Redis OSS >= 6 or Valkey.
   *
   * @param options the application user's name and access string (all optional)
   */
  public static rbacPassword(options: RbacPasswordAuthenticationOptions = {}): CacheAuthentication {
    return new CacheAuthentication(
      CacheAuthenticationMode.RBAC_PASSWORD,
      options.userName ?? DEFAULT_USER_NAME,
      options.accessString ?? DEFAULT_ACCESS_STRING,
    );
  }

  /**
   * Role-based access control with an IAM user: no password exists at all.
   *
   * Clients sign an authentication token with credentials that `grantConnect()` allowed.
   * Needs Redis OSS >= 7.0 or Valkey >= 7.2. The user name equals the user ID (an AWS requirement).
   *
   * @param options the IAM user's access string (optional)
   * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html
   */
  public static iam(options: IamAuthenticationOptions = {}): CacheAuthentication {
    return new CacheAuthentication(CacheAuthenticationMode.IAM, undefined, options.accessString ?? DEFAULT_ACCESS_STRING);
  }

  /**
   * Redis AUTH with one shared token, for clients that cannot send a user name.
   *
   * The token is generated in Secrets Manager with the characters AUTH accepts and reaches
   * CloudFormation only as a dynamic reference, never in plain text.
   */
  public static authToken(): CacheAuthentication {
    return new CacheAuthentication(CacheAuthenticationMode.AUTH_TOKEN, undefined, undefined);
  }

  private constructor(
    /** The mode. */
    public readonly mode: CacheAuthenticationMode,
    /** The application user's name (RBAC password mode only). */
    public readonly userName: string | undefined,
    /** The application user's access string (RBAC and IAM modes). */
    public readonly accessString: string | undefined,
  ) {}
}
