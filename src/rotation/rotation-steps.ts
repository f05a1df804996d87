/**
 * The four Secrets Manager rotation steps for ElastiCache credentials (RBAC user passwords and AUTH
 * tokens), with every outside dependency passed in: SDK clients, the credential probe, the clock.
 *
 * A step that fails throws. Secrets Manager then stops the rotation (finishSecret is never called, so
 * AWSCURRENT stays on the old version) and retries the whole rotation later.
 *
 * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html
 */
import type { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AuthTokenStrategy, cacheEndpoint, type CacheContext, type CredentialStrategy, RbacUserStrategy } from './cache-credentials';
import { type Clock, PollingBudget, SYSTEM_CLOCK } from './polling';
import type { CacheEndpoint } from './resp-client';
import { RBAC_PASSWORD_MODE, type RotationConfig } from './rotation-config';
import { RotationError } from './rotation-error';
import { AWSCURRENT, AWSPENDING, SecretVersions, type VersionStages } from './secret-versions';

/** The event Secrets Manager sends for each step. */
export interface RotationEvent {
  readonly SecretId: string;
  readonly ClientRequestToken: string;
  readonly Step: string;
}

/** Authenticates with the given `AUTH` arguments, then pings; throws when the cache refuses either. */
export type CredentialProbe = (endpoint: CacheEndpoint, authArguments: string[]) => Promise<void>;

/** Everything a rotation talks to. */
export interface RotationDependencies {
  readonly secretsManager: SecretsManagerClient;
  readonly elastiCache: ElastiCacheClient;
  readonly probe: CredentialProbe;
  /** How long the step's waits may take in total (the function's remaining time minus a margin). */
  readonly budgetMs: number;
  /** Pause between two polls of ElastiCache. Default: 10 seconds. */
  readonly pollIntervalMs?: number;
  /** Default: the real clock. */
  readonly clock?: Clock;
  /** Default: no logging. Never receives a secret value. */
  readonly log?: (message: string) => void;
}

/** ElastiCache applies a password change in seconds to minutes; polling every 10 s is plenty. */
const DEFAULT_POLL_INTERVAL_MS = 10_000;

/** What a step works with. */
interface StepContext {
  readonly token: string;
  readonly config: RotationConfig;
  readonly versions: VersionStages;
  readonly secret: SecretVersions;
  readonly strategy: CredentialStrategy;
  readonly cache: CacheContext;
  readonly probe: CredentialProbe;
  readonly log: (message: string) => void;
}

/** The four steps, in the order Secrets Manager calls them. */
const STEPS = {
  /** Stores a new random password as AWSPENDING (once per token). */
  createSecret: async (ctx: StepContext): Promise<void> => {
    const current = await ctx.secret.current();
    ctx.strategy.password(current, AWSCURRENT); // the current value must have the expected shape
    if (await ctx.secret.hasPending(ctx.token)) {
      ctx.log(`createSecret: version ${ctx.token} already has a value`);
      return;
    }
    const password = await ctx.secret.randomPassword(ctx.config.passwordLength, ctx.config.excludeCharacters);
    await ctx.secret.putPending(ctx.token, ctx.strategy.withPassword(current, password));
    ctx.log(`createSecret: stored version ${ctx.token} as AWSPENDING`);
  },
  /** Makes the cache accept the AWSPENDING credential besides AWSCURRENT. */
  setSecret: async (ctx: StepContext): Promise<void> => {
    const [current, pending] = await Promise.all([ctx.secret.current(), ctx.secret.pending(ctx.token)]);
    await ctx.strategy.apply({ current, pending, token: ctx.token, versions: ctx.versions, secret: ctx.secret }, ctx.cache);
  },
  /** Authenticates with the AWSPENDING credential over TLS and pings. */
  testSecret: async (ctx: StepContext): Promise<void> => {
    const pending = await ctx.secret.pending(ctx.token);
    const endpoint = await cacheEndpoint(ctx.cache);
    await ctx.probe(endpoint, ctx.strategy.authArguments(pending, AWSPENDING));
    ctx.log(`testSecret: the AWSPENDING credential authenticates at ${endpoint.host}:${endpoint.port}`);
  },
  /** Makes AWSPENDING the AWSCURRENT version; the old one becomes AWSPREVIOUS and stays valid on the cache. */
  finishSecret: async (ctx: StepContext): Promise<void> => {
    await ctx.secret.moveLabel(AWSCURRENT, ctx.token, ctx.versions);
    ctx.log(`finishSecret: version ${ctx.token} is now AWSCURRENT`);
  },
} as const;

type StepName = keyof typeof STEPS;

/** What to check when a step fails with an error that does not say so itself. */
const HINTS: Record<StepName, string> = {
  createSecret: "the secret's value and the function's secretsmanager permissions",
  setSecret: "the group's events in the ElastiCache console and the function's elasticache permissions",
  testSecret:
    'that setSecret applied the AWSPENDING credential, that the function\'s security group reaches the cache port ' +
    'and that the VPC reaches the ElastiCache API (NAT or an interface endpoint)',
  finishSecret: 'the version stages of the secret (DescribeSecret)',
};

/**
 * Runs one rotation step.
 *
 * @throws Error whose message names the step, the user or group, and what to check
 */
export async function rotate(event: RotationEvent, config: RotationConfig, deps: RotationDependencies): Promise<void> {
  const step = stepName(event.Step);
  if (!isSameSecret(event.SecretId, config.secretArn)) {
    throw new RotationError(
      `${step ?? event.Step}: this function rotates ${config.secretArn} only, got ${event.SecretId}; ` +
      "check the secret's rotation configuration (RotationLambdaARN)",
    );
  }
  const strategy: CredentialStrategy = config.mode === RBAC_PASSWORD_MODE
    ? new RbacUserStrategy(config.userId!, config.replicationGroupId)
    : new AuthTokenStrategy(config.replicationGroupId);
  if (step === undefined) {
    throw new RotationError(
      `unknown rotation step '${event.Step}' for ${strategy.subject}; expected one of ${Object.keys(STEPS).join(', ')}`,
    );
  }
  const log = deps.log ?? (() => undefined);
  try {
    const secret = new SecretVersions(deps.secretsManager, event.SecretId);
    const check = await secret.check(event.ClientRequestToken);
    if (check.alreadyCurrent) {
      log(`${step}: version ${event.ClientRequestToken} is already AWSCURRENT; nothing to do`);
      return;
    }
    const budget = new PollingBudget(deps.budgetMs, deps.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, deps.clock ?? SYSTEM_CLOCK);
    await STEPS[step]({
      token: event.ClientRequestToken,
      config,
      versions: check.versions,
      secret,
      strategy,
      cache: { client: deps.elastiCache, replicationGroupId: config.replicationGroupId, budget, log },
      probe: deps.probe,
      log,
    });
  } catch (e) {
    throw stepError(step, strategy.subject, e);
  }
}

/**
 * The step's name. The user guide spells steps `create_secret` ...; Secrets Manager sends `createSecret` ...
 * (what every AWS rotation template matches). Both are accepted.
 */
function stepName(step: string): StepName | undefined {
  const camel = step.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
  return Object.prototype.hasOwnProperty.call(STEPS, camel) ? (camel as StepName) : undefined;
}

/**
 * The event names the full ARN; the function may have been given a partial one, without the `-` and six
 * random characters that Secrets Manager appends.
 */
function isSameSecret(secretId: string, configured: string): boolean {
  return secretId === configured ||
    (secretId.length === configured.length + 7 && secretId.startsWith(`${configured}-`));
}

function stepError(step: StepName, subject: string, cause: unknown): Error {
  const error = cause instanceof Error ? cause : new Error(String(cause));
  const message = error instanceof RotationError
    ? `${step} for ${subject} failed: ${error.message}`
    : `${step} for ${subject} failed: ${error.name}: ${error.message}; check ${HINTS[step]}`;
  return new RotationError(message);
}
