import { ArnFormat, Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, type IConstruct } from 'constructs';
import { checkRotationApiReachability } from './api-reachability';
import { acknowledgeRotationPeerFindings } from './peer-acknowledgements';
import { RotateFunction } from './rotate-function';
import { ENV } from './rotation-config';
import { allowAlarmsToPublish } from '../monitoring/alert-topic';
import { HitrustValidationError } from '../private/errors';
import { defaultFunctionSubnets, vpcNetworkInterfaceStatement } from '../private/vpc-function';
import { CacheAuthenticationMode } from '../redis/cache-authentication';
import { MIN_LOG_RETENTION_DAYS, PASSWORD_EXCLUDED_CHARACTERS, PASSWORD_LENGTH } from '../redis/defaults';

/** Rotate every 30 days unless told otherwise (a common HITRUST / PCI password age). */
const DEFAULT_ROTATION_SCHEDULE_DAYS = 30;
/** Rotating more often than daily only adds load; ElastiCache applies a change in minutes. */
const MIN_ROTATION_SCHEDULE_DAYS = 1;
/** A credential older than a year is not "rotated regularly". */
const MAX_ROTATION_SCHEDULE_DAYS = 365;
/** The rotation function's timeout: Lambda's maximum, since ElastiCache may take minutes to apply a change. */
const FUNCTION_TIMEOUT = Duration.minutes(15);
/** HTTPS, to reach the ElastiCache and Secrets Manager APIs. */
const HTTPS_PORT = 443;
/** The construct ID of the function's permission that lets Secrets Manager invoke it. */
const INVOKE_PERMISSION_ID = 'InvokedBySecretsManager';

/**
 * Props of {@link CacheCredentialRotation}.
 */
export interface CacheCredentialRotationProps {
  /**
   * The secret to rotate: `{"username", "password"}` JSON in RBAC password mode, the bare token in AUTH-token mode.
   *
   * When the secret is encrypted with a customer-managed key, the function may use that key through Secrets
   * Manager only (`kms:ViaService`); the key policy must allow IAM policies of the account (the default).
   */
  readonly secret: secretsmanager.ISecret;

  /**
   * What the secret holds. `IAM` is rejected: IAM users have no password to rotate.
   */
  readonly mode: CacheAuthenticationMode;

  /**
   * The replication group whose AUTH token changes (AUTH-token mode) or whose endpoint the new password is
   * tested against (RBAC password mode).
   */
  readonly replicationGroupId: string;

  /**
   * The ID of the ElastiCache user whose passwords change. Required in RBAC password mode, unused otherwise.
   *
   * @default - none (AUTH-token mode)
   */
  readonly userId?: string;

  /**
   * The VPC of the cache. The function runs in it to test the new credential against the cache.
   *
   * The function also calls the ElastiCache and Secrets Manager APIs over HTTPS, so the selected subnets need a
   * route to them: a NAT gateway, or VPC interface endpoints for `elasticache` and `secretsmanager` (see
   * `apiPeer`). This construct creates neither.
   */
  readonly vpc: ec2.IVpc;

  /**
   * Where in the VPC the function runs.
   *
   * @default - the private subnets with egress, or the isolated ones when the VPC has none
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The cache. Its security groups admit the function on the cache's default port, and the function's
   * security group lets it out to them on that port only.
   */
  readonly cache: ec2.IConnectable;

  /**
   * Where the function reaches the ElastiCache and Secrets Manager APIs (HTTPS, port 443).
   *
   * To keep that traffic inside the VPC, give the security group of your VPC interface endpoints for
   * `elasticache` and `secretsmanager` (or `ec2.Peer.ipv4(vpc.vpcCidrBlock)`).
   *
   * @default - any IPv4 address on port 443: through a NAT gateway or interface endpoints
   */
  readonly apiPeer?: ec2.IPeer;

  /**
   * The key that encrypts the function's environment and its log group (encryption at rest).
   *
   * Its key policy must let CloudWatch Logs (`logs.<region>.amazonaws.com`) use it for `logGroupName`;
   * `CompliantRedisReplicationGroup`'s key does so for every log group under `/aws/vendedlogs/elasticache/<id>/`.
   */
  readonly encryptionKey: kms.IKey;

  /**
   * The name of the function's log group, e.g. `/aws/vendedlogs/elasticache/<replicationGroupId>/rotation`.
   */
  readonly logGroupName: string;

  /**
   * How long the function's logs are kept. HITRUST (guide Step 6) and AWS Config ask for at least one year.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Time between two rotations, from 1 to 365 days. After each rotation the previous credential stays valid
   * until the next one, so clients that cached it have one whole schedule period to read the secret again.
   *
   * @default Duration.days(30)
   */
  readonly schedule?: Duration;

  /**
   * Where to send an alarm when a rotation step fails (the function's Errors metric, 5-minute sum >= 1).
   * `CompliantRedisReplicationGroup` passes its notification topic.
   *
   * @default - no alarm: failures show in the function's Errors metric and log group only
   */
  readonly failureAlarmTopic?: sns.ITopic;

  /**
   * What happens to the log group when the construct leaves the stack (the function, role and security
   * group hold no data and are always deleted).
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Rotates the password of an ElastiCache RBAC user, or the AUTH token of a replication group, with a Secrets
 * Manager rotation schedule and a bundled rotation function (createSecret, setSecret, testSecret, finishSecret).
 *
 * Connected clients never break mid-rotation: the user (or group) accepts the current and the new credential
 * during the changeover, and the old one until the next rotation. A rotation whose new credential fails the
 * TLS `AUTH` + `PING` test stops before the secret's AWSCURRENT version moves.
 *
 * The function runs in the cache's VPC with its own security group (no ingress; egress to the cache port and
 * HTTPS only), one concurrent execution, a KMS-encrypted environment and log group, and a role whose only
 * policy is a customer-managed, least-privilege one. The first rotation starts as soon as the schedule is
 * created (after the cache), then every `schedule`.
 *
 * @example
 * import { CacheAuthenticationMode, CacheCredentialRotation, CompliantRedisReplicationGroup } from 'cdk-hitrust-redis';
 *
 * declare const vpc: ec2.IVpc;
 * const cache = new CompliantRedisReplicationGroup(this, 'Cache', { vpc });
 * new CacheCredentialRotation(this, 'Rotation', {
 *   secret: cache.secret!,
 *   mode: CacheAuthenticationMode.RBAC_PASSWORD,
 *   replicationGroupId: cache.replicationGroupId,
 *   userId: cache.userId,
 *   vpc,
 *   cache,
 *   encryptionKey: cache.encryptionKey,
 *   logGroupName: `/aws/vendedlogs/elasticache/${cache.replicationGroupId}/rotation`,
 * });
 */
export class CacheCredentialRotation extends Construct {
  /** The rotation function. */
  public readonly rotationFunction: lambda.IFunction;
  /** The function's execution role. */
  public readonly role: iam.IRole;
  /** The function's security group. */
  public readonly securityGroup: ec2.ISecurityGroup;
  /** The function's log group. */
  public readonly logGroup: logs.ILogGroup;
  /** The alarm on failed rotation steps (only with `failureAlarmTopic`). */
  public readonly failureAlarm?: cloudwatch.IAlarm;

  constructor(scope: Construct, id: string, props: CacheCredentialRotationProps) {
    super(scope, id);
    const problems = validationProblems(props);
    if (problems.length > 0) {
      throw new HitrustValidationError('CacheCredentialRotation', problems);
    }
    const schedule = props.schedule ?? Duration.days(DEFAULT_ROTATION_SCHEDULE_DAYS);
    const description = `Rotates the ${props.mode} credential of ElastiCache replication group ${props.replicationGroupId}`;

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `${description}: no ingress; egress to the cache port and HTTPS`,
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(
      props.apiPeer ?? ec2.Peer.anyIpv4(),
      ec2.Port.tcp(HTTPS_PORT),
      'HTTPS to the ElastiCache and Secrets Manager APIs',
    );

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: props.logGroupName,
      encryptionKey: props.encryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });

    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description: `${description}: least privilege`,
      statements: this.policyStatements(props, this.logGroup),
    });
    const role = new iam.Role(this, 'ServiceRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description,
      managedPolicies: [policy],
    });
    this.role = role;

    const subnetSelection = props.vpcSubnets ?? defaultFunctionSubnets(props.vpc);
    // checked after construction: the app may add the VPC's interface endpoints later
    this.node.addValidation({
      validate: () => checkRotationApiReachability(this, props.vpc, props.vpc.selectSubnets(subnetSelection)),
    });
    const fn = new RotateFunction(this, 'Function', {
      description,
      role,
      vpc: props.vpc,
      vpcSubnets: subnetSelection,
      securityGroups: [this.securityGroup],
      timeout: FUNCTION_TIMEOUT,
      reservedConcurrentExecutions: 1, // two rotations of one secret never overlap
      environment: {
        [ENV.mode]: props.mode,
        [ENV.secretArn]: props.secret.secretFullArn ?? props.secret.secretArn,
        [ENV.replicationGroupId]: props.replicationGroupId,
        ...(props.userId === undefined ? {} : { [ENV.userId]: props.userId }),
        [ENV.excludeCharacters]: PASSWORD_EXCLUDED_CHARACTERS,
        [ENV.passwordLength]: String(PASSWORD_LENGTH),
      },
      environmentEncryption: props.encryptionKey,
      logGroup: this.logGroup,
    });
    this.rotationFunction = fn;
    props.cache.connections.allowDefaultPortFrom(fn, `${description}: test the new credential`);

    // What secret.addRotationSchedule() creates, without the grants it adds by itself: its KMS grant goes to
    // the key policy (kms:Encrypt, kms:ReEncrypt* and kms:GenerateDataKey* for this role) and closes a
    // dependency cycle key -> role -> policy -> key; the policy above already holds every statement needed.
    const rotationSchedule = new secretsmanager.CfnRotationSchedule(this, 'Schedule', {
      secretId: props.secret.secretArn,
      rotationLambdaArn: fn.functionArn,
      rotationRules: { scheduleExpression: events.Schedule.rate(schedule).expressionString },
    });
    // Secrets Manager may invoke the function for this secret only: "if you include the context key aws:SourceArn in
    // your Lambda rotation function policy, the rotation function can only be used to rotate the secret specified by
    // that ARN" (Secrets Manager user guide, Permissions for rotation), which is all this function does. The account as
    // well, as AWS recommends both against the confused deputy (AWS Control Tower CT.LAMBDA.PR.2). Secrets Manager
    // checks the permission when the schedule is created, so the permission comes first.
    fn.addPermission(INVOKE_PERMISSION_ID, {
      principal: new iam.ServicePrincipal('secretsmanager.amazonaws.com'),
      action: 'lambda:InvokeFunction',
      sourceArn: props.secret.secretFullArn ?? `${props.secret.secretArn}-??????`,
      sourceAccount: Stack.of(this).account,
    });
    rotationSchedule.node.addDependency(fn.node.findChild(INVOKE_PERMISSION_ID));
    if (isConstruct(props.cache)) {
      // The first rotation starts when the schedule is created: only once the cache exists. Its default child
      // (the replication group), since this construct may well be a child of the cache construct itself.
      rotationSchedule.node.addDependency(props.cache.node.defaultChild ?? props.cache);
    }

    if (props.failureAlarmTopic) {
      const alarm = new cloudwatch.Alarm(this, 'FailureAlarm', {
        alarmDescription: `A rotation step failed: ${description}. AWSCURRENT still holds the previous credential; ` +
          'see the function\'s log group for the step, the cause and what to check',
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new cloudwatchActions.SnsAction(props.failureAlarmTopic));
      allowAlarmsToPublish(props.failureAlarmTopic);
      this.failureAlarm = alarm;
    }

    acknowledgeRotationPeerFindings(this);
  }

  /** The complete, least-privilege policy of the function. */
  private policyStatements(props: CacheCredentialRotationProps, logGroup: logs.ILogGroup): iam.PolicyStatement[] {
    const stack = Stack.of(this);
    const elastiCacheArn = (resource: string, resourceName: string) =>
      stack.formatArn({ service: 'elasticache', resource, resourceName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const groupArn = elastiCacheArn('replicationgroup', props.replicationGroupId);
    const elastiCache = props.mode === CacheAuthenticationMode.RBAC_PASSWORD
      ? [
        statement('ChangeTheUserPasswords', ['elasticache:ModifyUser', 'elasticache:DescribeUsers'], [elastiCacheArn('user', props.userId!)]),
        statement('FindTheEndpoint', ['elasticache:DescribeReplicationGroups'], [groupArn]),
      ]
      : [statement('ChangeTheAuthToken', ['elasticache:ModifyReplicationGroup', 'elasticache:DescribeReplicationGroups'], [groupArn])];
    const secretKey = props.secret.encryptionKey;

    return [
      statement(
        'ReadAndStageTheSecret',
        ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
        [props.secret.secretFullArn ?? `${props.secret.secretArn}-??????`],
      ),
      // AWS has no resource-level permission for GetRandomPassword: it touches no resource
      statement('GenerateTheNewPassword', ['secretsmanager:GetRandomPassword'], ['*']),
      ...(secretKey === undefined ? [] : [new iam.PolicyStatement({
        sid: 'UseTheSecretKeyThroughSecretsManager',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [secretKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com` } },
      })]),
      ...elastiCache,
      // Lambda creates the function's network interfaces with its role
      vpcNetworkInterfaceStatement(),
      statement('WriteTheLogs', ['logs:CreateLogStream', 'logs:PutLogEvents'], [logGroup.logGroupArn]),
    ];
  }
}

function isConstruct(x: unknown): x is IConstruct {
  return Construct.isConstruct(x);
}

function statement(sid: string, actions: string[], resources: string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({ sid, actions, resources });
}

/** Every problem of the props, one sentence each. */
function validationProblems(props: CacheCredentialRotationProps): string[] {
  const problems: string[] = [];
  if (props.mode === CacheAuthenticationMode.IAM) {
    problems.push(`\`mode\` must be RBAC_PASSWORD or AUTH_TOKEN: IAM users have no password to rotate, got: ${props.mode}`);
  }
  if (props.mode === CacheAuthenticationMode.RBAC_PASSWORD && props.userId === undefined) {
    problems.push('`userId` must be set when `mode` is RBAC_PASSWORD (the user whose passwords rotate), got: undefined');
  }
  if (props.mode === CacheAuthenticationMode.AUTH_TOKEN && props.userId !== undefined) {
    problems.push(`\`userId\` must not be set when \`mode\` is AUTH_TOKEN (the group's token rotates, no user), got: ${props.userId}`);
  }
  const schedule = props.schedule;
  if (schedule !== undefined && !schedule.isUnresolved()) {
    const days = schedule.toDays({ integral: false });
    if (days < MIN_ROTATION_SCHEDULE_DAYS || days > MAX_ROTATION_SCHEDULE_DAYS) {
      problems.push(`\`schedule\` must be from ${MIN_ROTATION_SCHEDULE_DAYS} to ${MAX_ROTATION_SCHEDULE_DAYS} days, got: ${schedule.toHumanString()}`);
    }
  }
  if (props.logRetention !== undefined && props.logRetention < MIN_LOG_RETENTION_DAYS) {
    problems.push(`\`logRetention\` must be at least ${MIN_LOG_RETENTION_DAYS} days for HITRUST, got: ${props.logRetention} days`);
  }
  return problems;
}
