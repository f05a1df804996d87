/**
 * Integration test for a real account: deploys the default CompliantRedisReplicationGroup (with its own audit trail, so
 * that change detection has CloudTrail events to route) and asserts, with AWS's own APIs, what the unit tests can
 * only read from the template:
 *
 * 1. the group is available with its security settings (encryption at rest with the customer key, TLS required,
 *    RBAC user group, Multi-AZ with automatic failover, 35-day snapshots, non-default port);
 * 2. ElastiCache's notification path is live (the member clusters' topic is `active`);
 * 3. an alarm put into ALARM with SetAlarmState delivers a message to an SQS queue subscribed to the alert topic;
 * 4. an out-of-band change by a non-CloudFormation identity (a role this test creates) reaches a queue subscribed to
 *    the alert topic, through the construct's change detection and the CloudTrail trail it created;
 * 5. a rotation of the password completes, and the new password authenticates against the cache (a probe in the VPC
 *    sends AUTH <user> <password> and PING over TLS).
 *
 * Nothing can deploy where CI runs: CI checks this app's snapshot (test/integ/integ.compliant-cache.ts.snapshot/)
 * with `integ-runner` offline. README "Integration tests" says how a maintainer runs it in an account.
 *
 * Two limits of the assertion provider shape every check below:
 * - CloudFormation refuses a custom resource response over 4,096 bytes, and the provider returns the whole API
 *   response (DescribeReplicationGroups of three nodes is about 3.3 KB, ten SQS messages far more). The large
 *   responses are therefore asserted one field at a time with `assertAtPath`, which returns only that field.
 * - `ExpectedResult.exact()` of integ-tests-alpha 2.245.0-alpha.0 is not understood by its own handler (the `$Exact`
 *   marker is compared as an object and always fails): `exactly()` below sends the plain value, which the handler
 *   compares with `Match.exact`. The handler also reads an actual value of false, 0 or '' as missing, so only truthy
 *   values are asserted.
 */
import { AwsApiCall, ExpectedResult, IApiCall, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Aws, CfnResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { BucketAutoDeleteObjects } from 'aws-cdk-lib/aws-s3/mixins';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { makeReadableByIntegRunner } from './assembly-compat';
import { CacheAuditTrail, CompliantRedisReplicationGroup, ReplacementGuard } from '../../src';

/** An exact match the assertion handler understands (see the file comment). */
class Exactly extends ExpectedResult {
  public readonly result: string;
  constructor(value: string | number | boolean) {
    super();
    this.result = JSON.stringify(value);
  }
}
const exactly = (value: string | number | boolean): ExpectedResult => new Exactly(value);

/** Escapes a literal for a regular expression (tokens pass through: their values have no special characters). */
const literal = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// No stack traces in the construct metadata (they hold this machine's absolute paths; the snapshot must be the same on
// every machine): integ-runner 2.197.10 sets neither context key. Traces recorded regardless are dropped after synth.
const app = new App({ stackTraces: false, context: { 'aws:cdk:disable-creation-stack-traces': true } });
const stack = new Stack(app, 'HitrustRedisInteg');

const vpc = new ec2.Vpc(stack, 'Vpc', {
  maxAzs: 2,
  natGateways: 1,
  subnetConfiguration: [
    { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
    { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
  ],
});

const cache = new CompliantRedisReplicationGroup(stack, 'Cache', {
  vpc,
  // a test stack: everything goes when the test ends (the archive is then not created, see README)
  removalPolicy: RemovalPolicy.DESTROY,
  auditTrail: CacheAuditTrail.create(),
  // integ-runner synthesizes in its own working directory: no lock file to keep between runs
  replacementGuard: ReplacementGuard.disabled(),
});

// CloudFormation deletes no bucket that still holds objects, and the trail writes log files (and S3 its access logs)
// from the first minute: empty both buckets when the stack is destroyed. The mixin's handler first denies new writes.
const trail = cache.auditTrail!;
for (const bucket of [trail.bucket, trail.accessLogBucket]) {
  bucket.with(new BucketAutoDeleteObjects());
}

// 3: an alarm whose metric nothing in this test can breach (a failed AUTH of the rotation's own test could put the
// AuthenticationFailures alarms in ALARM, and an alarm already in ALARM notifies nothing when set to ALARM again)
const alarm = cache.alarms!.alarms.find((a) =>
  a instanceof cloudwatch.Alarm && a.metric instanceof cloudwatch.Metric && a.metric.metricName === 'ChannelAuthorizationFailures');
if (!alarm) throw new Error('the construct has no ChannelAuthorizationFailures alarm');
const alarmName = alarm.alarmName;

// 3: a queue that receives only this alarm's ALARM notifications (a filter on the message body: CloudWatch's
// notification is a JSON object), so that the 27 alarms' OK notifications after creation do not hide it.
// SQS-managed encryption: SNS decrypts the topic's messages before it delivers them, and SSE-SQS involves no KMS key,
// so neither the topic's key policy nor a queue key policy needs a statement for this subscription.
const queueProps: sqs.QueueProps = {
  encryption: sqs.QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
  retentionPeriod: Duration.hours(4),
};
const alarmQueue = new sqs.Queue(stack, 'AlarmQueue', queueProps);
cache.notificationTopic.addSubscription(new subscriptions.SqsSubscription(alarmQueue, {
  rawMessageDelivery: true,
  filterPolicyWithMessageBody: {
    AlarmName: sns.FilterOrPolicy.filter(sns.SubscriptionFilter.stringFilter({ allowlist: [alarmName] })),
    NewStateValue: sns.FilterOrPolicy.filter(sns.SubscriptionFilter.stringFilter({ allowlist: ['ALARM'] })),
  },
}));

// 4: a queue that receives everything the alert topic sends (a change-detection message is a JSON string, which no
// body filter can select); the assertion reads it one message at a time.
const changeQueue = new sqs.Queue(stack, 'ChangeQueue', queueProps);
cache.notificationTopic.addSubscription(new subscriptions.SqsSubscription(changeQueue, { rawMessageDelivery: true }));

/** A function of this test, with a log group that goes with the stack. */
function testFunction(id: string, props: Omit<lambda.FunctionProps, 'runtime' | 'handler' | 'logGroup'>): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X, // its AWS SDK for JavaScript v3 is all the code below needs
    handler: 'index.handler',
    logGroup: new logs.LogGroup(stack, `${id}Logs`, { retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY }),
    ...props,
  });
}

// 4: a role that is not CloudFormation's changes the group's description out of band (ModifyReplicationGroup, a
// watched event; the description changes nothing that a control rests on). CloudTrail records the call with the
// function's role session, which no rule trusts for ModifyReplicationGroup in RBAC mode.
const outOfBand = testFunction('OutOfBandChange', {
  timeout: Duration.seconds(30),
  code: lambda.Code.fromInline([
    "const { ElastiCacheClient, ModifyReplicationGroupCommand } = require('@aws-sdk/client-elasticache');",
    'exports.handler = async () => {',
    '  await new ElastiCacheClient({}).send(new ModifyReplicationGroupCommand({',
    '    ReplicationGroupId: process.env.GROUP_ID,',
    "    ReplicationGroupDescription: 'changed out of band by the cdk-hitrust-redis integration test',",
    '    ApplyImmediately: true,',
    '  }));',
    '  return { changed: true };',
    '};',
  ].join('\n')),
  environment: { GROUP_ID: cache.replicationGroupId },
});
outOfBand.addToRolePolicy(new iam.PolicyStatement({ actions: ['elasticache:ModifyReplicationGroup'], resources: [cache.replicationGroupArn] }));

// 5: a probe in the VPC that authenticates with the secret's current password over TLS (AUTH user password, then
// PING). It returns the replies' first bytes only (never the password) and the secret version it used.
const probe = testFunction('AuthProbe', {
  timeout: Duration.seconds(30),
  vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
  code: lambda.Code.fromInline([
    "const tls = require('tls');",
    "const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');",
    // a RESP array of bulk strings: *<count>, then $<bytes> and the bytes of each argument
    "const command = (args) => '*' + args.length + '\\r\\n' + args.map((a) => '$' + Buffer.byteLength(a) + '\\r\\n' + a + '\\r\\n').join('');",
    'exports.handler = async () => {',
    '  const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: process.env.SECRET_ARN }));',
    '  const { username, password } = JSON.parse(secret.SecretString);',
    '  const reply = await new Promise((resolve, reject) => {',
    '    const socket = tls.connect({ host: process.env.HOST, port: Number(process.env.PORT), servername: process.env.HOST });',
    "    let data = '';",
    "    socket.setTimeout(10000, () => { socket.destroy(); reject(new Error('timeout')); });",
    "    socket.on('secureConnect', () => socket.write(command(['AUTH', username, password]) + command(['PING'])));",
    "    socket.on('data', (chunk) => { data += chunk; if (data.split('\\r\\n').length > 2) { socket.end(); resolve(data); } });",
    "    socket.on('error', reject);",
    '  });',
    "  return { authenticated: reply.startsWith('+OK\\r\\n+PONG\\r\\n'), versionId: secret.VersionId, reply: reply.slice(0, 40) };",
    '};',
  ].join('\n')),
  environment: { SECRET_ARN: cache.secret!.secretArn, HOST: cache.endpointAddress, PORT: String(cache.port) },
});
cache.grantConnect(probe); // read on the secret and decrypt on its key
cache.connections.allowDefaultPortFrom(probe, 'integration test probe');

const integ = new IntegTest(app, 'CompliantCacheInteg', {
  testCases: [stack],
  // one create, assert, destroy: deploying the committed snapshot first (the update workflow) would create a second
  // group for 15 minutes more, and the snapshot would have to carry every Lambda asset
  stackUpdateWorkflow: false,
  cdkCommandOptions: { destroy: { args: { force: true } } },
});

// The assertions run one after the other (`next`: a rotation must not start while the group is created or modified,
// and the queues are read after what should reach them).
const secretArn = cache.secret!.secretArn;
const describeGroup = () => integ.assertions.awsApiCall('ElastiCache', 'describeReplicationGroups', { ReplicationGroupId: cache.replicationGroupId });
const groupAvailable = (timeout: Duration) => describeGroup()
  .assertAtPath('ReplicationGroups.0.Status', exactly('available'))
  .waitForAssertions({ totalTimeout: timeout, interval: Duration.minutes(1) });

/** Runs `checks` after `first` (in parallel with each other) and returns a call that runs after all of them. */
function allAfter(first: IApiCall, checks: IApiCall[], then: IApiCall): IApiCall {
  for (const check of checks) {
    first.next(check).next(then);
  }
  return then;
}

// 1. available, with its security settings
const available = groupAvailable(Duration.minutes(45));
const securitySettings: Array<[string, ExpectedResult]> = [
  ['AtRestEncryptionEnabled', exactly(true)],
  // the key ARN the group was created with (or its ID, should the API ever return that)
  ['KmsKeyId', ExpectedResult.stringLikeRegexp(`(^|/)${cache.encryptionKey.keyId}$`)],
  ['TransitEncryptionEnabled', exactly(true)],
  ['TransitEncryptionMode', exactly('required')],
  // RBAC: the user group is attached. (`AuthTokenEnabled: false` cannot be asserted: the handler reads a false, 0 or
  // empty actual value as missing.)
  ['UserGroupIds.0', exactly(cache.userGroupId!)],
  ['MultiAZ', exactly('enabled')],
  ['AutomaticFailover', exactly('enabled')],
  ['SnapshotRetentionLimit', exactly(35)],
  ['NodeGroups.0.PrimaryEndpoint.Port', exactly(cache.port)],
];

// 2. ElastiCache's own notifications: every member cluster's topic is the service topic, and active
const describeCluster = (id: string) => integ.assertions.awsApiCall('ElastiCache', 'describeCacheClusters', { CacheClusterId: id });
const notificationChecks = cache.memberClusterIds.flatMap((id) => [
  describeCluster(id).assertAtPath('CacheClusters.0.NotificationConfiguration.TopicArn', exactly(cache.serviceNotificationTopic.topicArn)),
  describeCluster(id).assertAtPath('CacheClusters.0.NotificationConfiguration.TopicStatus', exactly('active'))
    .waitForAssertions({ totalTimeout: Duration.minutes(10), interval: Duration.seconds(30) }),
]);

// 3. an alarm in ALARM reaches the queue through the alert topic. Set to OK first, so that ALARM is a transition, which
// is what triggers the alarm's actions. The reason is ours only, so the message proves that this SetAlarmState was
// delivered (and the subscription filter that it is this alarm's ALARM notification).
const stateReason = `cdk-hitrust-redis integration test: sets ${alarmName} to ALARM to prove the alert path`;
const setAlarmState = (state: string, reason: string) =>
  integ.assertions.awsApiCall('CloudWatch', 'setAlarmState', { AlarmName: alarmName, StateValue: state, StateReason: reason });
const setOk = setAlarmState('OK', 'cdk-hitrust-redis integration test: from OK');
const setAlarm = setAlarmState('ALARM', stateReason);
const alarmDelivered = integ.assertions.awsApiCall('SQS', 'receiveMessage', { QueueUrl: alarmQueue.queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 20 })
  .assertAtPath('Messages.0.Body.NewStateReason', exactly(stateReason))
  .waitForAssertions({ totalTimeout: Duration.minutes(10), interval: Duration.seconds(30) });

// 4. an out-of-band change by a non-CloudFormation identity reaches the queue. CloudTrail hands the management event to
// EventBridge within minutes; the message is change detection's text, `[WARNING] ElastiCache ModifyReplicationGroup on
// <group> by <caller ARN> from ...`. Each receive hides the message it returns for 12 hours, so that the next one
// returns another (the OK notifications of the 27 alarms arrive here too) until the change is found.
const changed = integ.assertions.invokeFunction({ functionName: outOfBand.functionName })
  .expect(ExpectedResult.objectLike({ Payload: Match.serializedJson({ changed: true }) }));
const changeMessage = [
  '\\[WARNING\\] ElastiCache ModifyReplicationGroup on ', literal(cache.replicationGroupId),
  ' by arn:', Aws.PARTITION, ':sts::', Aws.ACCOUNT_ID, ':assumed-role/', outOfBand.role!.roleName, '/',
].join('');
const changeDelivered = integ.assertions.awsApiCall('SQS', 'receiveMessage', {
  QueueUrl: changeQueue.queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 20, VisibilityTimeout: 43200,
})
  .assertAtPath('Messages.0.Body', ExpectedResult.stringLikeRegexp(changeMessage))
  .waitForAssertions({ totalTimeout: Duration.minutes(25), interval: Duration.seconds(10) });

// 5. a rotation completes (the new version is AWSCURRENT) and the password the secret then holds authenticates.
// RotateSecret is retried while the rotation that the schedule started on creation is still running ("A previous
// rotation isn't complete"); its caller needs lambda:InvokeFunction on the rotation function (RotateSecret API
// reference). No call of the provider reads the secret's value, so it needs no kms:Decrypt.
const rotation = integ.assertions.awsApiCall('SecretsManager', 'rotateSecret', { SecretId: secretArn })
  .waitForAssertions({ totalTimeout: Duration.minutes(20), interval: Duration.minutes(1) }) as AwsApiCall;
const invokeRotation = {
  Effect: 'Allow',
  Action: ['lambda:InvokeFunction'],
  Resource: [cache.credentialRotation!.rotationFunction.functionArn],
};
rotation.provider.addToRolePolicy(invokeRotation);
rotation.waiterProvider!.addToRolePolicy(invokeRotation);
const newVersion = rotation.getAttString('VersionId');
const rotated = integ.assertions.awsApiCall('SecretsManager', 'listSecretVersionIds', { SecretId: secretArn })
  .expect(ExpectedResult.objectLike({
    Versions: Match.arrayWith([Match.objectLike({ VersionId: newVersion, VersionStages: Match.arrayWith(['AWSCURRENT']) })]),
  }))
  .waitForAssertions({ totalTimeout: Duration.minutes(15), interval: Duration.seconds(30) });
const authenticated = integ.assertions.invokeFunction({ functionName: probe.functionName })
  .expect(ExpectedResult.objectLike({
    Payload: Match.serializedJson(Match.objectLike({ authenticated: true, versionId: newVersion })),
  }))
  .waitForAssertions({ totalTimeout: Duration.minutes(5), interval: Duration.seconds(30) });

const settingChecks = securitySettings.map(([path, expected]) => describeGroup().assertAtPath(`ReplicationGroups.0.${path}`, expected));
allAfter(available, [...settingChecks, ...notificationChecks], setOk)
  .next(setAlarm)
  .next(alarmDelivered)
  .next(changed)
  .next(changeDelivered)
  // the out-of-band ModifyReplicationGroup may leave the group `modifying` for a while
  .next(groupAvailable(Duration.minutes(30)))
  .next(rotation)
  .next(rotated)
  .next(authenticated);

// `salt: Date.now()` on every assertion makes CloudFormation rerun it on each update; integ-runner creates the stacks
// afresh on each run, so a constant keeps the committed snapshot the same from machine to machine.
for (const construct of app.node.findAll()) {
  if (construct instanceof CfnResource && construct.cfnResourceType.startsWith('Custom::DeployAssert@')) {
    construct.addPropertyOverride('salt', 'cdk-hitrust-redis');
  }
}

// integ-runner 2.197.10 reads cloud assembly schema 53 at most, and leaves traces in the metadata (see assembly-compat.ts)
makeReadableByIntegRunner(app.synth().directory);
