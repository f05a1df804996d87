/**
 * The rotation function's configuration: the environment variables that {@link CacheCredentialRotation}
 * sets, read and checked once per cold start. Shared by the construct (which writes them) and the
 * handler (which reads them), so both sides use the same names.
 *
 * This module must stay free of aws-cdk-lib imports: it is bundled into the Lambda function.
 */

/** The password modes the function rotates (the values of `CacheAuthenticationMode`). */
export type RotationMode = 'rbac-password' | 'auth-token';

/** RBAC: the secret is `{"username": ..., "password": ...}` and the user may hold two passwords. */
export const RBAC_PASSWORD_MODE: RotationMode = 'rbac-password';
/** Redis AUTH: the secret is the bare token and the group may hold two tokens. */
export const AUTH_TOKEN_MODE: RotationMode = 'auth-token';

/** Names of the environment variables. */
export const ENV = {
  mode: 'MODE',
  secretArn: 'SECRET_ARN',
  replicationGroupId: 'REPLICATION_GROUP_ID',
  userId: 'USER_ID',
  excludeCharacters: 'EXCLUDE_CHARACTERS',
  passwordLength: 'PASSWORD_LENGTH',
} as const;

/** ElastiCache accepts passwords and AUTH tokens of 16 to 128 characters. */
export const MIN_PASSWORD_LENGTH = 16;
/** ElastiCache accepts passwords and AUTH tokens of 16 to 128 characters. */
export const MAX_PASSWORD_LENGTH = 128;

/** What the handler needs to know about the credential it rotates. */
export interface RotationConfig {
  readonly mode: RotationMode;
  /** The one secret this function may rotate (full or partial ARN). */
  readonly secretArn: string;
  readonly replicationGroupId: string;
  /** The ElastiCache user whose passwords change (RBAC mode only). */
  readonly userId?: string;
  /** Characters new passwords must not contain (those ElastiCache rejects). */
  readonly excludeCharacters: string;
  readonly passwordLength: number;
}

/**
 * Reads and checks the configuration; every problem is reported at once.
 *
 * @throws Error naming each missing or invalid variable
 */
export function readRotationConfig(env: Readonly<Record<string, string | undefined>>): RotationConfig {
  const problems: string[] = [];
  const required = (name: string): string => {
    const value = env[name];
    if (value === undefined || value === '') problems.push(`${name} must be set`);
    return value ?? '';
  };

  const mode = required(ENV.mode);
  if (mode !== '' && mode !== RBAC_PASSWORD_MODE && mode !== AUTH_TOKEN_MODE) {
    problems.push(`${ENV.mode} must be '${RBAC_PASSWORD_MODE}' or '${AUTH_TOKEN_MODE}', got: '${mode}'`);
  }
  const secretArn = required(ENV.secretArn);
  const replicationGroupId = required(ENV.replicationGroupId);
  const userId = mode === RBAC_PASSWORD_MODE ? required(ENV.userId) : undefined;
  const excludeCharacters = env[ENV.excludeCharacters] ?? '';
  const lengthText = required(ENV.passwordLength);
  const passwordLength = Number(lengthText);
  if (lengthText !== '' && !(Number.isInteger(passwordLength) && passwordLength >= MIN_PASSWORD_LENGTH && passwordLength <= MAX_PASSWORD_LENGTH)) {
    problems.push(`${ENV.passwordLength} must be an integer from ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH}, got: '${lengthText}'`);
  }

  if (problems.length > 0) {
    throw new Error(`rotation function misconfigured (check the environment the CacheCredentialRotation construct sets):\n- ${problems.join('\n- ')}`);
  }
  return { mode: mode as RotationMode, secretArn, replicationGroupId, userId, excludeCharacters, passwordLength };
}
