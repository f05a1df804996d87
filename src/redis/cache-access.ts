import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CacheAuthentication, CacheAuthenticationMode } from './cache-authentication';
import { CacheEngine, type CacheEngineVersion } from './cache-engine-version';
import { DISABLED_DEFAULT_USER_ACCESS_STRING, PASSWORD_EXCLUDED_CHARACTERS, PASSWORD_LENGTH } from './defaults';
import { elastiCacheId } from '../private/physical-names';

/** ElastiCache user and user group IDs: 1 to 40 characters. */
const MAX_USER_ID_LENGTH = 40;

/** What a replication group needs to refer to for authentication. */
export interface CacheAccessResources {
  /** The user group (RBAC and IAM modes). */
  readonly userGroup?: elasticache.CfnUserGroup;
  /** The application user (RBAC and IAM modes). */
  readonly appUser?: elasticache.CfnUser;
  /** The secret holding the password or AUTH token (password modes). */
  readonly secret?: secretsmanager.ISecret;
  /** The AUTH token as a dynamic reference (AUTH token mode). */
  readonly authToken?: string;
}

/** Inputs to {@link CacheAccess}. */
export interface CacheAccessProps {
  readonly authentication: CacheAuthentication;
  readonly engineVersion: CacheEngineVersion;
  readonly replicationGroupId: string;
  readonly encryptionKey: kms.IKey;
}

/**
 * The users, user group and secrets behind one of the three authentication modes.
 */
export class CacheAccess extends Construct {
  public readonly resources: CacheAccessResources;

  constructor(scope: Construct, id: string, props: CacheAccessProps) {
    super(scope, id);
    const { authentication, replicationGroupId } = props;
    switch (authentication.mode) {
      case CacheAuthenticationMode.AUTH_TOKEN: {
        const secret = this.generatedSecret(props, `AUTH token of ElastiCache replication group ${replicationGroupId}`);
        this.resources = { secret, authToken: secret.secretValue.unsafeUnwrap() };
        break;
      }
      case CacheAuthenticationMode.IAM: {
        const userId = elastiCacheId(replicationGroupId, 'iam', MAX_USER_ID_LENGTH);
        const appUser = new elasticache.CfnUser(this, 'IamUser', {
          engine: props.engineVersion.engine.name,
          userId,
          userName: userId, // IAM users: the user name must equal the user ID
          accessString: authentication.accessString!,
          authenticationMode: { Type: 'iam' },
        });
        this.resources = { appUser, userGroup: this.userGroup(props, appUser) };
        break;
      }
      case CacheAuthenticationMode.RBAC_PASSWORD:
      default: {
        const secret = this.generatedSecret(
          props,
          `Password of user '${authentication.userName}' of ElastiCache replication group ${replicationGroupId}`,
          authentication.userName,
        );
        const appUser = new elasticache.CfnUser(this, 'AppUser', {
          engine: props.engineVersion.engine.name,
          userId: elastiCacheId(replicationGroupId, 'app', MAX_USER_ID_LENGTH),
          userName: authentication.userName!,
          accessString: authentication.accessString!,
          authenticationMode: {
            Type: 'password',
            Passwords: [secret.secretValueFromJson('password').unsafeUnwrap()],
          },
        });
        this.resources = { secret, appUser, userGroup: this.userGroup(props, appUser) };
        break;
      }
    }
  }

  /**
   * The user group of the application user. A Redis OSS group must also hold a user named `default`: it gets a
   * switched-off one. A Valkey group has no such requirement and "can only contain users who are using an
   * authentication mechanism (either password or IAM)" (ElastiCache User Guide, RBAC page): a
   * `no-password-required` user there fails the deployment, so a Valkey group holds the application user alone.
   */
  private userGroup(props: CacheAccessProps, appUser: elasticache.CfnUser): elasticache.CfnUserGroup {
    const engine = props.engineVersion.engine.name;
    const userIds = [appUser.ref];
    if (engine === CacheEngine.REDIS.name) {
      const defaultUser = new elasticache.CfnUser(this, 'DisabledDefaultUser', {
        engine,
        userId: elastiCacheId(props.replicationGroupId, 'default', MAX_USER_ID_LENGTH),
        userName: 'default',
        accessString: DISABLED_DEFAULT_USER_ACCESS_STRING,
        // `off` users cannot authenticate at all, so no password is needed (nor kept anywhere)
        authenticationMode: { Type: 'no-password-required' },
      });
      userIds.unshift(defaultUser.ref);
    }
    return new elasticache.CfnUserGroup(this, 'UserGroup', {
      engine,
      userGroupId: elastiCacheId(props.replicationGroupId, 'users', MAX_USER_ID_LENGTH),
      userIds,
    });
  }

  private generatedSecret(props: CacheAccessProps, description: string, userName?: string): secretsmanager.Secret {
    return new secretsmanager.Secret(this, 'Secret', {
      description,
      encryptionKey: props.encryptionKey,
      generateSecretString: {
        passwordLength: PASSWORD_LENGTH,
        excludeCharacters: PASSWORD_EXCLUDED_CHARACTERS,
        ...(userName === undefined
          ? {}
          : { secretStringTemplate: JSON.stringify({ username: userName }), generateStringKey: 'password' }),
      },
    });
  }
}
