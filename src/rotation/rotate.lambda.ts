/**
 * Secrets Manager rotation function for the password or AUTH token of an ElastiCache (Redis OSS / Valkey)
 * replication group. Configured by the environment that `CacheCredentialRotation` sets; the work is done
 * in ./rotation-steps.ts.
 */
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context, SecretsManagerRotationEvent } from 'aws-lambda';
import { authenticateAndPing } from './resp-client';
import { readRotationConfig } from './rotation-config';
import { rotate } from './rotation-steps';
import { SDK_CLIENT_OPTIONS } from '../private/sdk-client-options';

/** Time kept back from the function's timeout, so that a step fails with its own message rather than a bare timeout. */
const SAFETY_MARGIN_MS = 30_000;
/** The most a TLS connect, AUTH and PING may take. */
const PROBE_TIMEOUT_MS = 10_000;

const secretsManager = new SecretsManagerClient(SDK_CLIENT_OPTIONS);
const elastiCache = new ElastiCacheClient(SDK_CLIENT_OPTIONS);

/** Runs one rotation step. */
export async function handler(event: SecretsManagerRotationEvent, context: Context): Promise<void> {
  await rotate(event, readRotationConfig(process.env), {
    secretsManager,
    elastiCache,
    probe: (endpoint, authArguments) => authenticateAndPing(endpoint, authArguments, { timeoutMs: PROBE_TIMEOUT_MS }),
    budgetMs: context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS,
    log: (message) => console.info(message),
  });
}
