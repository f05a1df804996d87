import {
  DescribeReplicationGroupsCommand,
  DescribeUsersCommand,
  ElastiCacheClient,
  ModifyReplicationGroupCommand,
  ModifyUserCommand,
  type ReplicationGroup,
} from '@aws-sdk/client-elasticache';
import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { TOKEN_ROTATED_IN_LABEL } from '../../src/rotation/cache-credentials';
import type { Clock } from '../../src/rotation/polling';
import { RespServerError } from '../../src/rotation/resp-client';
import { handler } from '../../src/rotation/rotate.lambda';
import { readRotationConfig, type RotationConfig } from '../../src/rotation/rotation-config';
import { type CredentialProbe, rotate, type RotationEvent } from '../../src/rotation/rotation-steps';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:cache-secret-AbCdEf';
const CURRENT_VERSION = 'version-current';
const TOKEN = 'version-pending';
const GROUP_ID = 'cache-rg';
const USER_ID = 'cache-rg-app';

const RBAC: RotationConfig = {
  mode: 'rbac-password',
  secretArn: SECRET_ARN,
  replicationGroupId: GROUP_ID,
  userId: USER_ID,
  excludeCharacters: ' "%@/',
  passwordLength: 64,
};
const AUTH: RotationConfig = { ...RBAC, mode: 'auth-token', userId: undefined };

const RBAC_CURRENT = JSON.stringify({ username: 'app', password: 'current-password', host: 'kept.example' });
const RBAC_PENDING = JSON.stringify({ username: 'app', password: 'pending-password', host: 'kept.example' });

const secretsManager = mockClient(SecretsManagerClient);
const elastiCache = mockClient(ElastiCacheClient);

/** A clock whose sleep returns at once and moves time forward. */
function fakeClock(): Clock {
  let now = 0;
  return { now: () => now, sleep: async (ms) => { now += ms; } };
}

function event(step: string, token = TOKEN): RotationEvent {
  return { SecretId: SECRET_ARN, ClientRequestToken: token, Step: step };
}

function run(step: string, config: RotationConfig, probe: CredentialProbe = jest.fn(async () => undefined)) {
  return rotate(event(step), config, {
    secretsManager: new SecretsManagerClient({ region: 'us-east-1' }),
    elastiCache: new ElastiCacheClient({ region: 'us-east-1' }),
    probe,
    budgetMs: 60_000,
    pollIntervalMs: 10_000,
    clock: fakeClock(),
  });
}

/** The secret with its versions; `pending` undefined means createSecret has not run yet. */
function givenSecret(options: { current: string; pending?: string; stages?: Record<string, string[]>; rotationEnabled?: boolean }) {
  secretsManager.on(DescribeSecretCommand).resolves({
    RotationEnabled: options.rotationEnabled ?? true,
    VersionIdsToStages: options.stages ?? { [CURRENT_VERSION]: ['AWSCURRENT'], [TOKEN]: ['AWSPENDING'] },
  });
  secretsManager.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' }).resolves({ SecretString: options.current });
  const pending = secretsManager.on(GetSecretValueCommand, { VersionStage: 'AWSPENDING', VersionId: TOKEN });
  if (options.pending === undefined) {
    pending.rejects(new ResourceNotFoundException({ message: 'no such version', $metadata: {} }));
  } else {
    pending.resolves({ SecretString: options.pending });
  }
  secretsManager.on(GetRandomPasswordCommand).resolves({ RandomPassword: 'new-random-password' });
}

function givenGroup(group: ReplicationGroup) {
  elastiCache.on(DescribeReplicationGroupsCommand).resolves({ ReplicationGroups: [group] });
}

const AVAILABLE_GROUP: ReplicationGroup = {
  ReplicationGroupId: GROUP_ID,
  Status: 'available',
  AuthTokenEnabled: true,
  ClusterEnabled: false,
  NodeGroups: [{ PrimaryEndpoint: { Address: 'primary.cache.example', Port: 6380 } }],
};

function givenUser(status = 'active', userName = 'app') {
  elastiCache.on(DescribeUsersCommand).resolves({
    Users: [{ UserId: USER_ID, UserName: userName, Status: status, Authentication: { Type: 'password', PasswordCount: 1 } }],
  });
}

beforeEach(() => {
  secretsManager.reset();
  elastiCache.reset();
});

describe('version checks', () => {
  test.each(['createSecret', 'setSecret', 'testSecret', 'finishSecret'])('%s returns without a change for a version that is already AWSCURRENT', async (step) => {
    // GIVEN
    givenSecret({ current: RBAC_CURRENT, stages: { [TOKEN]: ['AWSCURRENT', 'AWSPENDING'] } });
    const probe = jest.fn(async () => undefined);

    // WHEN
    await run(step, RBAC, probe);

    // THEN
    expect(secretsManager).not.toHaveReceivedCommand(PutSecretValueCommand);
    expect(secretsManager).not.toHaveReceivedCommand(UpdateSecretVersionStageCommand);
    expect(elastiCache).not.toHaveReceivedCommand(ModifyUserCommand);
    expect(probe).not.toHaveBeenCalled();
  });

  test('fails when rotation is not enabled on the secret', async () => {
    givenSecret({ current: RBAC_CURRENT, rotationEnabled: false });
    await expect(run('createSecret', RBAC)).rejects.toThrow(
      `createSecret for user ${USER_ID} of replication group ${GROUP_ID} failed: rotation is not enabled on the secret`,
    );
  });

  test('fails when the token is not a version of the secret', async () => {
    givenSecret({ current: RBAC_CURRENT, stages: { [CURRENT_VERSION]: ['AWSCURRENT'] } });
    await expect(run('setSecret', RBAC)).rejects.toThrow(/setSecret .* failed: version version-pending is not a version of the secret; check/);
  });

  test('fails when the token is not AWSPENDING', async () => {
    givenSecret({ current: RBAC_CURRENT, stages: { [CURRENT_VERSION]: ['AWSCURRENT'], [TOKEN]: ['AWSPREVIOUS'] } });
    await expect(run('setSecret', RBAC)).rejects.toThrow(/version version-pending is not AWSPENDING \(its labels: AWSPREVIOUS\)/);
    expect(elastiCache).not.toHaveReceivedCommand(ModifyUserCommand);
  });

  test('fails when the event names another secret than the one configured', async () => {
    await expect(rotate({ ...event('createSecret'), SecretId: `${SECRET_ARN}x` }, RBAC, {} as never)).rejects.toThrow(
      /this function rotates .*cache-secret-AbCdEf only, got .*; check the secret's rotation configuration/,
    );
  });

  test('accepts the full ARN when it was configured with a partial one', async () => {
    givenSecret({ current: RBAC_CURRENT, stages: { [TOKEN]: ['AWSCURRENT'] } });
    await expect(run('finishSecret', { ...RBAC, secretArn: SECRET_ARN.slice(0, -7) })).resolves.toBeUndefined();
  });

  test('fails on an unknown step, naming the steps it knows', async () => {
    await expect(run('rotateSecret', AUTH)).rejects.toThrow(
      `unknown rotation step 'rotateSecret' for replication group ${GROUP_ID}; expected one of createSecret, setSecret, testSecret, finishSecret`,
    );
  });

  test('accepts the snake_case step names of the user guide', async () => {
    givenSecret({ current: RBAC_CURRENT, pending: RBAC_PENDING });
    await run('finish_secret', RBAC);
    expect(secretsManager).toHaveReceivedCommandWith(UpdateSecretVersionStageCommand, { VersionStage: 'AWSCURRENT', MoveToVersionId: TOKEN });
  });
});

describe('createSecret', () => {
  test('stores a new RBAC password as AWSPENDING with the same JSON shape, other keys kept', async () => {
    // GIVEN
    givenSecret({ current: RBAC_CURRENT });

    // WHEN
    await run('createSecret', RBAC);

    // THEN
    expect(secretsManager).toHaveReceivedCommandWith(GetRandomPasswordCommand, { PasswordLength: 64, ExcludeCharacters: ' "%@/' });
    expect(secretsManager).toHaveReceivedCommandWith(PutSecretValueCommand, {
      SecretId: SECRET_ARN,
      ClientRequestToken: TOKEN,
      VersionStages: ['AWSPENDING'],
    });
    const put = secretsManager.commandCalls(PutSecretValueCommand)[0].args[0].input;
    expect(JSON.parse(put.SecretString!)).toEqual({ username: 'app', password: 'new-random-password', host: 'kept.example' });
  });

  test('stores a new AUTH token as the bare string', async () => {
    givenSecret({ current: 'current-token' });
    await run('createSecret', AUTH);
    expect(secretsManager).toHaveReceivedCommandWith(PutSecretValueCommand, { SecretString: 'new-random-password', ClientRequestToken: TOKEN });
  });

  test('does nothing when the pending version already has a value (a retried step)', async () => {
    givenSecret({ current: RBAC_CURRENT, pending: RBAC_PENDING });
    await run('createSecret', RBAC);
    expect(secretsManager).not.toHaveReceivedCommand(GetRandomPasswordCommand);
    expect(secretsManager).not.toHaveReceivedCommand(PutSecretValueCommand);
  });

  test('fails without quoting the value when the current RBAC secret is not JSON with username and password', async () => {
    givenSecret({ current: 'plain-secret-value' });
    const failure = run('createSecret', RBAC);
    await expect(failure).rejects.toThrow(/createSecret .* failed: the AWSCURRENT version is not JSON with string fields 'username' and 'password'; check/);
    await expect(failure).rejects.not.toThrow(/plain-secret-value/);
  });

  test('fails with the step, the group and a hint when Secrets Manager refuses', async () => {
    givenSecret({ current: 'current-token' });
    secretsManager.on(PutSecretValueCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    await expect(run('createSecret', AUTH)).rejects.toThrow(
      `createSecret for replication group ${GROUP_ID} failed: AccessDeniedException: not authorized; check the secret's value and the function's secretsmanager permissions`,
    );
  });
});

describe('setSecret for an RBAC user', () => {
  test('sets both the current and the pending password, then waits for the user to be active', async () => {
    // GIVEN
    givenSecret({ current: RBAC_CURRENT, pending: RBAC_PENDING });
    givenUser();

    // WHEN
    await run('setSecret', RBAC);

    // THEN
    expect(elastiCache).toHaveReceivedCommandTimes(ModifyUserCommand, 1);
    expect(elastiCache).toHaveReceivedCommandWith(ModifyUserCommand, {
      UserId: USER_ID,
      AuthenticationMode: { Type: 'password', Passwords: ['current-password', 'pending-password'] },
    });
    expect(elastiCache).toHaveReceivedCommandTimes(DescribeUsersCommand, 2); // before and after the change
  });

  test('waits for a user that is still modifying before changing it', async () => {
    givenSecret({ current: RBAC_CURRENT, pending: RBAC_PENDING });
    const user = { UserId: USER_ID, UserName: 'app', Authentication: { Type: 'password' as const } };
    elastiCache.on(DescribeUsersCommand)
      .resolvesOnce({ Users: [{ ...user, Status: 'modifying' }] })
      .resolves({ Users: [{ ...user, Status: 'active' }] });

    await run('setSecret', RBAC);

    expect(elastiCache).toHaveReceivedCommandTimes(DescribeUsersCommand, 3);
    expect(elastiCache).toHaveReceivedCommandTimes(ModifyUserCommand, 1);
  });

  test('fails when the user never becomes active, naming the user, its last status and what to check', async () => {
    givenSecret({ current: RBAC_CURRENT, pending: RBAC_PENDING });
    givenUser('modifying');
    await expect(run('setSecret', RBAC)).rejects.toThrow(
      `setSecret for user ${USER_ID} of replication group ${GROUP_ID} failed: user ${USER_ID} of replication group ${GROUP_ID} ` +
      "did not become 'active' before its passwords change within 60 s (last status: 'modifying'); check the user and its user group",
    );
    expect(elastiCache).not.toHaveReceivedCommand(ModifyUserCommand);
  });

  test('fails when the ElastiCache user is not the one the secret is for', async () => {
    givenSecret({ current: RBAC_CURRENT, pending: RBAC_PENDING });
    givenUser('active', 'someone-else');
    await expect(run('setSecret', RBAC)).rejects.toThrow(/is named 'someone-else' but the secret is for 'app'; check the USER_ID/);
    expect(elastiCache).not.toHaveReceivedCommand(ModifyUserCommand);
  });
});

describe('setSecret for an AUTH token', () => {
  test('rotates the pending token in with ROTATE, applied immediately, and marks the version', async () => {
    // GIVEN: the first rotation of a group created with one token
    givenSecret({ current: 'current-token', pending: 'pending-token' });
    givenGroup(AVAILABLE_GROUP);

    // WHEN
    await run('setSecret', AUTH);

    // THEN
    expect(elastiCache).toHaveReceivedCommandTimes(ModifyReplicationGroupCommand, 1);
    expect(elastiCache).toHaveReceivedCommandWith(ModifyReplicationGroupCommand, {
      ReplicationGroupId: GROUP_ID,
      AuthToken: 'pending-token',
      AuthTokenUpdateStrategy: 'ROTATE',
      ApplyImmediately: true,
    });
    expect(secretsManager).toHaveReceivedCommandWith(UpdateSecretVersionStageCommand, {
      VersionStage: TOKEN_ROTATED_IN_LABEL,
      MoveToVersionId: TOKEN,
      RemoveFromVersionId: undefined,
    });
  });

  test('never issues SET before ROTATE: ROTATE itself removes the older of two tokens, which is AWSPREVIOUS', async () => {
    // GIVEN: the previous rotation rotated AWSCURRENT in, so the group holds AWSPREVIOUS and AWSCURRENT
    givenSecret({
      current: 'current-token',
      pending: 'pending-token',
      stages: { 'version-previous': ['AWSPREVIOUS'], [CURRENT_VERSION]: ['AWSCURRENT', TOKEN_ROTATED_IN_LABEL], [TOKEN]: ['AWSPENDING'] },
    });
    givenGroup(AVAILABLE_GROUP);

    // WHEN
    await run('setSecret', AUTH);

    // THEN
    const strategies = elastiCache.commandCalls(ModifyReplicationGroupCommand).map((c) => c.args[0].input.AuthTokenUpdateStrategy);
    expect(strategies).toEqual(['ROTATE']);
    expect(secretsManager).toHaveReceivedCommandWith(UpdateSecretVersionStageCommand, {
      VersionStage: TOKEN_ROTATED_IN_LABEL,
      MoveToVersionId: TOKEN,
      RemoveFromVersionId: CURRENT_VERSION,
    });
  });

  test('does not ROTATE again when an earlier attempt already rotated the pending token in', async () => {
    givenSecret({
      current: 'current-token',
      pending: 'pending-token',
      stages: { [CURRENT_VERSION]: ['AWSCURRENT'], [TOKEN]: ['AWSPENDING', TOKEN_ROTATED_IN_LABEL] },
    });
    givenGroup(AVAILABLE_GROUP);

    await run('setSecret', AUTH);

    expect(elastiCache).not.toHaveReceivedCommand(ModifyReplicationGroupCommand);
    expect(elastiCache).toHaveReceivedCommandTimes(DescribeReplicationGroupsCommand, 2); // still waits until available
  });

  test('rotates AWSCURRENT in again first when an abandoned rotation left its token as the newest', async () => {
    // GIVEN: the group holds AWSCURRENT and the token of an abandoned version; a plain ROTATE would drop AWSCURRENT
    givenSecret({
      current: 'current-token',
      pending: 'pending-token',
      stages: { [CURRENT_VERSION]: ['AWSCURRENT'], 'version-abandoned': [TOKEN_ROTATED_IN_LABEL], [TOKEN]: ['AWSPENDING'] },
    });
    givenGroup(AVAILABLE_GROUP);

    // WHEN
    await run('setSecret', AUTH);

    // THEN
    const tokens = elastiCache.commandCalls(ModifyReplicationGroupCommand)
      .map((c) => [c.args[0].input.AuthToken, c.args[0].input.AuthTokenUpdateStrategy]);
    expect(tokens).toEqual([['current-token', 'ROTATE'], ['pending-token', 'ROTATE']]);
    const moves = secretsManager.commandCalls(UpdateSecretVersionStageCommand)
      .map((c) => [c.args[0].input.RemoveFromVersionId, c.args[0].input.MoveToVersionId]);
    expect(moves).toEqual([['version-abandoned', CURRENT_VERSION], [CURRENT_VERSION, TOKEN]]);
  });

  test('fails when the group has no AUTH token', async () => {
    givenSecret({ current: 'current-token', pending: 'pending-token' });
    givenGroup({ ...AVAILABLE_GROUP, AuthTokenEnabled: false });
    await expect(run('setSecret', AUTH)).rejects.toThrow(/has no AUTH token \(AuthTokenEnabled is false\); check that it uses AUTH-token authentication, not RBAC/);
    expect(elastiCache).not.toHaveReceivedCommand(ModifyReplicationGroupCommand);
  });

  test('fails with a clear message when the group never becomes available (polling is bounded)', async () => {
    // GIVEN
    givenSecret({ current: 'current-token', pending: 'pending-token' });
    elastiCache.on(DescribeReplicationGroupsCommand)
      .resolvesOnce({ ReplicationGroups: [AVAILABLE_GROUP] })
      .resolves({ ReplicationGroups: [{ ...AVAILABLE_GROUP, Status: 'modifying', PendingModifiedValues: { AuthTokenStatus: 'ROTATING' } }] });

    // WHEN
    const failure = run('setSecret', AUTH);

    // THEN
    await expect(failure).rejects.toThrow(
      `setSecret for replication group ${GROUP_ID} failed: replication group ${GROUP_ID} did not become 'available' after its AUTH token changed ` +
      "within 60 s (last status: 'modifying', AUTH token ROTATING); check the events of the group in the ElastiCache console",
    );
    // 1 poll before the change, then one every 10 s of the 60 s budget
    expect(elastiCache).toHaveReceivedCommandTimes(DescribeReplicationGroupsCommand, 8);
  });
});

describe('testSecret', () => {
  test('authenticates the RBAC user with the pending password at the primary endpoint', async () => {
    givenSecret({ current: RBAC_CURRENT, pending: RBAC_PENDING });
    givenGroup(AVAILABLE_GROUP);
    const probe = jest.fn(async () => undefined);

    await run('testSecret', RBAC, probe);

    expect(probe).toHaveBeenCalledWith({ host: 'primary.cache.example', port: 6380 }, ['app', 'pending-password']);
  });

  test('authenticates with the pending AUTH token at the configuration endpoint in cluster mode', async () => {
    givenSecret({ current: 'current-token', pending: 'pending-token' });
    givenGroup({ ...AVAILABLE_GROUP, ClusterEnabled: true, NodeGroups: [], ConfigurationEndpoint: { Address: 'config.cache.example', Port: 6380 } });
    const probe = jest.fn(async () => undefined);

    await run('testSecret', AUTH, probe);

    expect(probe).toHaveBeenCalledWith({ host: 'config.cache.example', port: 6380 }, ['pending-token']);
  });

  test('a failed test throws and leaves AWSCURRENT where it was', async () => {
    // GIVEN
    givenSecret({ current: RBAC_CURRENT, pending: RBAC_PENDING });
    givenGroup(AVAILABLE_GROUP);
    const probe = jest.fn(async () => {
      throw new RespServerError('AUTH', 'WRONGPASS invalid username-password pair or user is disabled.');
    });

    // WHEN
    const failure = run('testSecret', RBAC, probe);

    // THEN
    await expect(failure).rejects.toThrow(
      `testSecret for user ${USER_ID} of replication group ${GROUP_ID} failed: RespServerError: AUTH was refused by the server: ` +
      'WRONGPASS invalid username-password pair or user is disabled.; check that setSecret applied the AWSPENDING credential',
    );
    await expect(failure).rejects.not.toThrow(/pending-password/);
    expect(secretsManager).not.toHaveReceivedCommand(UpdateSecretVersionStageCommand);
  });

  test('fails when the group reports no endpoint', async () => {
    givenSecret({ current: 'current-token', pending: 'pending-token' });
    givenGroup({ ...AVAILABLE_GROUP, Status: 'creating', NodeGroups: [] });
    await expect(run('testSecret', AUTH)).rejects.toThrow(/reports no primary endpoint \(status: 'creating'\); check that the group is available/);
  });
});

describe('finishSecret', () => {
  test('moves AWSCURRENT to the pending version and off the current one', async () => {
    givenSecret({ current: RBAC_CURRENT, pending: RBAC_PENDING });
    await run('finishSecret', RBAC);
    expect(secretsManager).toHaveReceivedCommandTimes(UpdateSecretVersionStageCommand, 1);
    expect(secretsManager).toHaveReceivedCommandWith(UpdateSecretVersionStageCommand, {
      SecretId: SECRET_ARN,
      VersionStage: 'AWSCURRENT',
      MoveToVersionId: TOKEN,
      RemoveFromVersionId: CURRENT_VERSION,
    });
    expect(elastiCache).not.toHaveReceivedAnyCommand();
  });
});

describe('configuration from the environment', () => {
  const ENV = {
    MODE: 'rbac-password',
    SECRET_ARN,
    REPLICATION_GROUP_ID: GROUP_ID,
    USER_ID,
    EXCLUDE_CHARACTERS: ' "',
    PASSWORD_LENGTH: '64',
  };

  test('reads every variable the construct sets', () => {
    expect(readRotationConfig(ENV)).toEqual({ ...RBAC, excludeCharacters: ' "' });
  });

  test('fails naming every missing or invalid variable at once', () => {
    expect(() => readRotationConfig({ MODE: 'iam', PASSWORD_LENGTH: '8' })).toThrow(
      'rotation function misconfigured (check the environment the CacheCredentialRotation construct sets):\n' +
      "- MODE must be 'rbac-password' or 'auth-token', got: 'iam'\n" +
      '- SECRET_ARN must be set\n' +
      '- REPLICATION_GROUP_ID must be set\n' +
      "- PASSWORD_LENGTH must be an integer from 16 to 128, got: '8'",
    );
  });

  test('fails when RBAC mode has no user ID', () => {
    expect(() => readRotationConfig({ ...ENV, USER_ID: undefined })).toThrow('- USER_ID must be set');
  });

  test('the handler reads the environment and passes the event on', async () => {
    // GIVEN
    const saved = process.env;
    process.env = { ...saved, ...ENV };
    secretsManager.on(DescribeSecretCommand).resolves({ RotationEnabled: true, VersionIdsToStages: { [TOKEN]: ['AWSCURRENT'] } });
    const context = { getRemainingTimeInMillis: () => 900_000 } as unknown as Context;
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);

    try {
      // WHEN
      await handler({ SecretId: SECRET_ARN, ClientRequestToken: TOKEN, Step: 'finishSecret' }, context);
    } finally {
      process.env = saved;
    }
    expect(info).toHaveBeenCalledWith(`finishSecret: version ${TOKEN} is already AWSCURRENT; nothing to do`);

    // THEN
    expect(secretsManager).toHaveReceivedCommandWith(DescribeSecretCommand, { SecretId: SECRET_ARN });
    expect(secretsManager).not.toHaveReceivedCommand(UpdateSecretVersionStageCommand);
  });
});
