/**
 * The ElastiCache side of a rotation, one strategy per password mode. Both keep two credentials valid
 * during the changeover, so connected clients never break mid-rotation:
 *
 * - RBAC user: ElastiCache users may hold two passwords. setSecret sets exactly [AWSCURRENT, AWSPENDING];
 *   the previous password (AWSPREVIOUS after finishSecret) stays valid until the next rotation's setSecret.
 * - AUTH token: a group holds at most two tokens. `ROTATE` adds the new token and, when the group already
 *   holds two, removes the oldest (ElastiCache user guide, "Modifying the AUTH token on an existing
 *   cluster"). So each rotation's ROTATE is also the previous rotation's "SET once clients moved": the
 *   group ends up with exactly [AWSCURRENT, AWSPENDING]. `SET` itself is never needed, and the API allows
 *   it only with the token rotated in last.
 */
// eslint-disable-next-line import/no-extraneous-dependencies -- Lambda code bundled by esbuild; the nodejs24.x runtime provides @aws-sdk/*
import {
  DescribeReplicationGroupsCommand,
  DescribeUsersCommand,
  ElastiCacheClient,
  ModifyReplicationGroupCommand,
  ModifyUserCommand,
  type ReplicationGroup,
  type User,
} from '@aws-sdk/client-elasticache';
import type { PollingBudget } from './polling';
import type { CacheEndpoint } from './resp-client';
import { RotationError } from './rotation-error';
import { AWSCURRENT, holderOf, type SecretVersions, type VersionStages } from './secret-versions';

/**
 * Custom staging label on the secret version whose AUTH token was last rotated into the group. It makes
 * setSecret idempotent (a retried attempt does not ROTATE the same token twice) and tells when an
 * abandoned rotation left a token on the group that would push AWSCURRENT out.
 */
export const TOKEN_ROTATED_IN_LABEL = 'ROTATED_INTO_CACHE';

/** ElastiCache's states in which a change can be made. */
const GROUP_AVAILABLE = 'available';
const USER_ACTIVE = 'active';

/** What a strategy works with. */
export interface CacheContext {
  readonly client: ElastiCacheClient;
  readonly replicationGroupId: string;
  /** Bounds every wait of the step. */
  readonly budget: PollingBudget;
  readonly log: (message: string) => void;
}

/** What setSecret hands to a strategy. */
export interface ApplyInput {
  /** The AWSCURRENT secret value. */
  readonly current: string;
  /** The AWSPENDING secret value. */
  readonly pending: string;
  /** The pending version ID. */
  readonly token: string;
  readonly versions: VersionStages;
  readonly secret: SecretVersions;
}

/** How one password mode reads its secret and changes the cache. */
export interface CredentialStrategy {
  /** Who the credential belongs to, for messages. */
  readonly subject: string;
  /** The password or token inside a secret value (checks the value's shape). */
  password(secretValue: string, stage: string): string;
  /** The value of a new version: like `template`, with another password. */
  withPassword(template: string, password: string): string;
  /** The arguments of the `AUTH` command for a secret value. */
  authArguments(secretValue: string, stage: string): string[];
  /** Makes the cache accept both the current and the pending credential (setSecret). */
  apply(input: ApplyInput, cache: CacheContext): Promise<void>;
}

/** RBAC password user: secret `{"username": ..., "password": ..., ...}`. */
export class RbacUserStrategy implements CredentialStrategy {
  public readonly subject: string;

  constructor(private readonly userId: string, replicationGroupId: string) {
    this.subject = `user ${userId} of replication group ${replicationGroupId}`;
  }

  public password(secretValue: string, stage: string): string {
    return parseUserSecret(secretValue, stage).password;
  }

  public withPassword(template: string, password: string): string {
    return JSON.stringify({ ...parseUserSecret(template, AWSCURRENT), password });
  }

  public authArguments(secretValue: string, stage: string): string[] {
    const { username, password } = parseUserSecret(secretValue, stage);
    return [username, password];
  }

  public async apply(input: ApplyInput, cache: CacheContext): Promise<void> {
    const current = parseUserSecret(input.current, AWSCURRENT);
    const user = await this.waitUntilActive(cache, 'before its passwords change');
    if (user.UserName !== current.username) {
      throw new RotationError(
        `ElastiCache user ${this.userId} is named '${user.UserName}' but the secret is for '${current.username}'; ` +
        'check the USER_ID the rotation was configured with',
      );
    }
    if (user.Authentication?.Type !== 'password') {
      throw new RotationError(
        `ElastiCache user ${this.userId} authenticates with '${user.Authentication?.Type}', not passwords; ` +
        'check the authentication mode the rotation was configured with',
      );
    }
    await cache.client.send(new ModifyUserCommand({
      UserId: this.userId,
      AuthenticationMode: { Type: 'password', Passwords: [current.password, this.password(input.pending, 'AWSPENDING')] },
    }));
    cache.log(`setSecret: user ${this.userId} now accepts the AWSCURRENT and the AWSPENDING password`);
    await this.waitUntilActive(cache, 'after its passwords changed');
  }

  private async waitUntilActive(cache: CacheContext, when: string): Promise<User> {
    return cache.budget.waitFor({
      poll: async () => {
        const user = (await cache.client.send(new DescribeUsersCommand({ UserId: this.userId }))).Users?.[0];
        if (!user) throw new RotationError(`ElastiCache user ${this.userId} does not exist; check the USER_ID the rotation was configured with`);
        return user;
      },
      done: (user) => user.Status === USER_ACTIVE,
      timeoutMessage: (user, seconds) =>
        `${this.subject} did not become '${USER_ACTIVE}' ${when} within ${seconds} s (last status: '${user.Status}'); ` +
        'check the user and its user group in the ElastiCache console, then let Secrets Manager retry the rotation',
    });
  }
}

/** Redis AUTH token: the secret is the bare token. */
export class AuthTokenStrategy implements CredentialStrategy {
  public readonly subject: string;

  constructor(private readonly replicationGroupId: string) {
    this.subject = `replication group ${replicationGroupId}`;
  }

  public password(secretValue: string, stage: string): string {
    if (secretValue.length === 0) throw new RotationError(`the ${stage} AUTH token is empty; check the secret's value`);
    return secretValue;
  }

  public withPassword(_template: string, password: string): string {
    return password;
  }

  public authArguments(secretValue: string, stage: string): string[] {
    return [this.password(secretValue, stage)];
  }

  public async apply(input: ApplyInput, cache: CacheContext): Promise<void> {
    const group = await waitUntilAvailable(cache, 'before its AUTH token changes');
    if (!group.AuthTokenEnabled) {
      throw new RotationError(
        `${this.subject} has no AUTH token (AuthTokenEnabled is false); check that it uses AUTH-token authentication, not RBAC`,
      );
    }
    let versions = input.versions;
    const lastRotatedIn = holderOf(TOKEN_ROTATED_IN_LABEL, versions);
    if (lastRotatedIn === input.token) {
      cache.log(`setSecret: the AWSPENDING token was already rotated into ${this.subject} by an earlier attempt`);
    } else {
      if (lastRotatedIn !== undefined && !versions[lastRotatedIn].includes(AWSCURRENT)) {
        // An abandoned rotation left its token as the newest of two: the next ROTATE would remove AWSCURRENT
        // (the oldest). Rotating AWSCURRENT in again makes it the newest, so that only the stale token goes.
        const currentVersion = holderOf(AWSCURRENT, versions)!;
        await this.rotateIn(cache, input.current, 'AWSCURRENT');
        versions = await input.secret.moveLabel(TOKEN_ROTATED_IN_LABEL, currentVersion, versions);
        await waitUntilAvailable(cache, 'after AWSCURRENT was rotated in again');
      }
      await this.rotateIn(cache, this.password(input.pending, 'AWSPENDING'), 'AWSPENDING');
      await input.secret.moveLabel(TOKEN_ROTATED_IN_LABEL, input.token, versions);
    }
    await waitUntilAvailable(cache, 'after its AUTH token changed');
  }

  private async rotateIn(cache: CacheContext, token: string, stage: string): Promise<void> {
    await cache.client.send(new ModifyReplicationGroupCommand({
      ReplicationGroupId: this.replicationGroupId,
      AuthToken: token,
      AuthTokenUpdateStrategy: 'ROTATE',
      ApplyImmediately: true,
    }));
    cache.log(`setSecret: rotated the ${stage} token into ${this.subject} (ROTATE)`);
  }
}

/** The address to test a credential against: the configuration endpoint (cluster mode) or the primary. */
export async function cacheEndpoint(cache: CacheContext): Promise<CacheEndpoint> {
  const group = await describeGroup(cache);
  const endpoint = group.ClusterEnabled ? group.ConfigurationEndpoint : group.NodeGroups?.[0]?.PrimaryEndpoint;
  if (!endpoint?.Address || endpoint.Port === undefined) {
    throw new RotationError(
      `replication group ${cache.replicationGroupId} reports no ${group.ClusterEnabled ? 'configuration' : 'primary'} endpoint ` +
      `(status: '${group.Status}'); check that the group is available`,
    );
  }
  return { host: endpoint.Address, port: endpoint.Port };
}

async function describeGroup(cache: CacheContext): Promise<ReplicationGroup> {
  const response = await cache.client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: cache.replicationGroupId }));
  const group = response.ReplicationGroups?.[0];
  if (!group) {
    throw new RotationError(`replication group ${cache.replicationGroupId} does not exist; check the REPLICATION_GROUP_ID the rotation was configured with`);
  }
  return group;
}

async function waitUntilAvailable(cache: CacheContext, when: string): Promise<ReplicationGroup> {
  return cache.budget.waitFor({
    poll: () => describeGroup(cache),
    done: (group) => group.Status === GROUP_AVAILABLE && group.PendingModifiedValues?.AuthTokenStatus === undefined,
    timeoutMessage: (group, seconds) =>
      `replication group ${cache.replicationGroupId} did not become '${GROUP_AVAILABLE}' ${when} within ${seconds} s ` +
      `(last status: '${group.Status}'${group.PendingModifiedValues?.AuthTokenStatus ? `, AUTH token ${group.PendingModifiedValues.AuthTokenStatus}` : ''}); ` +
      'check the events of the group in the ElastiCache console, then let Secrets Manager retry the rotation',
  });
}

/** The fields of an RBAC user secret (other keys are kept as they are). */
interface UserSecret {
  readonly username: string;
  readonly password: string;
  readonly [key: string]: unknown;
}

function parseUserSecret(secretValue: string, stage: string): UserSecret {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretValue);
  } catch {
    // the value is never quoted: it may be a password
    parsed = undefined;
  }
  const record = parsed as Record<string, unknown> | undefined;
  if (typeof record !== 'object' || record === null || typeof record.username !== 'string' || typeof record.password !== 'string') {
    throw new RotationError(
      `the ${stage} version is not JSON with string fields 'username' and 'password'; check the secret's value`,
    );
  }
  return record as UserSecret;
}
