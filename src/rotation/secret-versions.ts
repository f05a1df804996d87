/**
 * The Secrets Manager side of a rotation: version checks, reading and writing versions, moving labels.
 */
// eslint-disable-next-line import/no-extraneous-dependencies -- Lambda code bundled by esbuild; the nodejs24.x runtime provides @aws-sdk/*
import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { RotationError } from './rotation-error';

/** The version clients read. */
export const AWSCURRENT = 'AWSCURRENT';
/** The version being rotated in. */
export const AWSPENDING = 'AWSPENDING';

/** Version ID to staging labels, as DescribeSecret returns them. */
export type VersionStages = Record<string, string[]>;

/** The outcome of the standard version checks. */
export interface VersionCheck {
  /** The token is already AWSCURRENT: this step has nothing left to do. */
  readonly alreadyCurrent: boolean;
  /** Every version and its labels. */
  readonly versions: VersionStages;
}

/** Reads and writes the versions of one secret. */
export class SecretVersions {
  constructor(
    private readonly client: SecretsManagerClient,
    /** The secret's ARN. */
    public readonly secretId: string,
  ) {}

  /**
   * The checks every rotation function makes first: rotation is enabled, the token is a version of the
   * secret, and it is either already AWSCURRENT (nothing to do) or AWSPENDING.
   *
   * @throws Error naming what is wrong and what to check
   */
  public async check(token: string): Promise<VersionCheck> {
    const described = await this.client.send(new DescribeSecretCommand({ SecretId: this.secretId }));
    if (!described.RotationEnabled) {
      throw new RotationError('rotation is not enabled on the secret; check its rotation configuration (RotationEnabled)');
    }
    const versions: VersionStages = described.VersionIdsToStages ?? {};
    const stages = versions[token];
    if (stages === undefined) {
      throw new RotationError(`version ${token} is not a version of the secret; check that the rotation was started by Secrets Manager`);
    }
    if (stages.includes(AWSCURRENT)) return { alreadyCurrent: true, versions };
    if (!stages.includes(AWSPENDING)) {
      throw new RotationError(
        `version ${token} is not AWSPENDING (its labels: ${stages.join(', ') || 'none'}); ` +
        'check the version stages of the secret (DescribeSecret) for an interrupted rotation',
      );
    }
    return { alreadyCurrent: false, versions };
  }

  /** The value of the AWSCURRENT version. */
  public async current(): Promise<string> {
    return this.value(AWSCURRENT);
  }

  /** The value of the pending version `token`. */
  public async pending(token: string): Promise<string> {
    return this.value(AWSPENDING, token);
  }

  /** Whether the pending version `token` already has a value (a retried createSecret). */
  public async hasPending(token: string): Promise<boolean> {
    try {
      await this.pending(token);
      return true;
    } catch (e) {
      if (e instanceof ResourceNotFoundException) return false;
      throw e;
    }
  }

  /** A new random password of the given length without the given characters. */
  public async randomPassword(length: number, excludeCharacters: string): Promise<string> {
    const response = await this.client.send(new GetRandomPasswordCommand({
      PasswordLength: length,
      ExcludeCharacters: excludeCharacters,
    }));
    if (!response.RandomPassword) throw new Error('GetRandomPassword returned no password');
    return response.RandomPassword;
  }

  /** Stores `value` as the AWSPENDING version `token`. */
  public async putPending(token: string, value: string): Promise<void> {
    await this.client.send(new PutSecretValueCommand({
      SecretId: this.secretId,
      ClientRequestToken: token,
      SecretString: value,
      VersionStages: [AWSPENDING],
    }));
  }

  /**
   * Moves a staging label to version `token`, taking it off whichever version holds it now.
   * No call is made when `token` holds it already.
   *
   * @returns the version stages after the move
   */
  public async moveLabel(label: string, token: string, versions: VersionStages): Promise<VersionStages> {
    const holder = holderOf(label, versions);
    if (holder === token) return versions;
    await this.client.send(new UpdateSecretVersionStageCommand({
      SecretId: this.secretId,
      VersionStage: label,
      MoveToVersionId: token,
      RemoveFromVersionId: holder,
    }));
    const moved: VersionStages = {};
    for (const [id, labels] of Object.entries(versions)) moved[id] = labels.filter((l) => l !== label);
    moved[token] = [...(moved[token] ?? []), label];
    return moved;
  }

  private async value(stage: string, versionId?: string): Promise<string> {
    const response = await this.client.send(new GetSecretValueCommand({ SecretId: this.secretId, VersionStage: stage, VersionId: versionId }));
    if (response.SecretString === undefined) {
      throw new RotationError(`the ${stage} version has no SecretString; check that the secret holds text, not binary`);
    }
    return response.SecretString;
  }
}

/** The version that carries `label`, if any. */
export function holderOf(label: string, versions: VersionStages): string | undefined {
  return Object.keys(versions).find((id) => versions[id].includes(label));
}
