/**
 * Integration test for a real account: deploys the default CompliantRedisReplicationGroup (with its own audit trail, so
 * that change detection has CloudTrail events to route) and asserts, with AWS's own APIs, what the unit tests can
 * only read from the template:
 *
 * 1. the group is available with its security settings (encryption at rest with the customer key, TLS required,
 *    RBAC user group, Multi-AZ with automatic failover, 35-day snapshots, non-default port);
 * 2. ElastiCache's notification path is live (the member clusters' topic is `active`);
 * 3. an alarm put into ALARM with SetAlarmState delivers a message to an SQS queue subscribed to the alert topic;
 * 4. an out-of-band change by a non-CloudFormation identity (a role this test creates) reaches the queue;
 * 5. a rotation of the password completes, and the new password authenticates against the cache.
 *
 * Nothing can deploy where CI runs: CI checks this app's snapshot (test/integ/integ.compliant-cache.ts.snapshot/)
 * with `integ-runner` offline. README "Integration tests" says how a maintainer runs it in an account.
 */
import { App, ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { CacheAuditTrail, CompliantRedisReplicationGroup, ReplacementGuard } from '../../src';

const app = new App();
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

// 3 and 4: a queue that receives what the alert topic sends (SQS-managed encryption: the topic's KMS key would need
// a key policy statement for SQS, which is not what is under test)
const queue = new sqs.Queue(stack, 'AlertQueue', {
  encryption: sqs.QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
  retentionPeriod: Duration.hours(1),
});
(cache.notificationTopic as sns.ITopic).addSubscription(new subscriptions.SqsSubscription(queue, { rawMessageDelivery: true }));

// 4: a role that is not CloudFormation's changes the group's description out of band (ModifyReplicationGroup, a
// watched event; the description changes nothing that a control rests on)
const groupArn = stack.formatArn({
  service: 'elasticache',
  resource: 'replicationgroup',
  resourceName: cache.replicationGroupId,
  arnFormat: ArnFormat.COLON_RESOURCE_NAME,
});
const outOfBand = new lambda.Function(stack, 'OutOfBandChange', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
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
outOfBand.addToRolePolicy(new iam.PolicyStatement({ actions: ['elasticache:ModifyReplicationGroup'], resources: [groupArn] }));

// 5: a probe in the VPC that authenticates with the secret's current password over TLS (AUTH user password, then PING)
const probe = new lambda.Function(stack, 'AuthProbe', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  timeout: Duration.seconds(30),
  vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
  code: lambda.Code.fromInline([
    "const tls = require('tls');",
    "const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');",
    'const command = (args) => `*${args.length}\\r\\n` + args.map((a) => `$${Buffer.byteLength(a)}\\r\\n${a}\\r\\n`).join("");',
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
    "  return { authenticated: reply.startsWith('+OK\\r\\n+PONG'), versionId: secret.VersionId };",
    '};',
  ].join('\n')),
  environment: { SECRET_ARN: cache.secret!.secretArn, HOST: cache.endpointAddress, PORT: String(cache.port) },
});
cache.secret!.grantRead(probe);
cache.connections.allowDefaultPortFrom(probe);

const integ = new IntegTest(app, 'CompliantCacheInteg', {
  testCases: [stack],
  // the group takes about 15 minutes to create and as long to delete
  cdkCommandOptions: { destroy: { args: { force: true } } },
});

// The assertions run one after the other: each waits for the one before (a rotation must not start while the
// group is still being created, and the alert queue is read in order).
const secretArn = cache.secret!.secretArn;
const receive = () => integ.assertions.awsApiCall('SQS', 'receiveMessage', { QueueUrl: queue.queueUrl, WaitTimeSeconds: 20, MaxNumberOfMessages: 10 });

// 1. available, with its security settings
const available = integ.assertions.awsApiCall('ElastiCache', 'describeReplicationGroups', { ReplicationGroupId: cache.replicationGroupId })
  .expect(ExpectedResult.objectLike({
    ReplicationGroups: [Match.objectLike({
      Status: 'available',
      AtRestEncryptionEnabled: true,
      KmsKeyId: cache.encryptionKey.keyArn,
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: 'required',
      AuthTokenEnabled: false,
      UserGroupIds: [cache.userGroupId!],
      MultiAZ: 'enabled',
      AutomaticFailover: 'enabled',
      SnapshotRetentionLimit: 35,
    })],
  }));
available.waitForAssertions({ totalTimeout: Duration.minutes(45), interval: Duration.minutes(1) });

// 2. ElastiCache's own notifications: the topic of every member cluster is active
let last = available;
for (const memberClusterId of cache.memberClusterIds) {
  const notifications = integ.assertions.awsApiCall('ElastiCache', 'describeCacheClusters', { CacheClusterId: memberClusterId })
    .expect(ExpectedResult.objectLike({
      CacheClusters: [Match.objectLike({
        NotificationConfiguration: { TopicArn: cache.serviceNotificationTopic.topicArn, TopicStatus: 'active' },
      })],
    }));
  last = last.next(notifications);
}

// 3. an alarm in ALARM reaches the queue through the alert topic
const alarmName = cache.alarms!.alarms[0].alarmName;
const alarmDelivered = receive()
  .expect(ExpectedResult.objectLike({ Messages: Match.arrayWith([Match.objectLike({ Body: Match.stringLikeRegexp(alarmName) })]) }));
alarmDelivered.waitForAssertions({ totalTimeout: Duration.minutes(5), interval: Duration.seconds(30) });
last = last
  .next(integ.assertions.awsApiCall('CloudWatch', 'setAlarmState', {
    AlarmName: alarmName,
    StateValue: 'ALARM',
    StateReason: 'cdk-hitrust-redis integration test: is the alert path live?',
  }))
  .next(alarmDelivered);

// 4. an out-of-band change by a non-CloudFormation identity reaches the queue (CloudTrail delivers within minutes)
const changeDelivered = receive()
  .expect(ExpectedResult.objectLike({ Messages: Match.arrayWith([Match.objectLike({ Body: Match.stringLikeRegexp('ModifyReplicationGroup') })]) }));
changeDelivered.waitForAssertions({ totalTimeout: Duration.minutes(20), interval: Duration.seconds(30) });
last = last
  .next(integ.assertions.invokeFunction({ functionName: outOfBand.functionName })
    .expect(ExpectedResult.objectLike({ Payload: Match.stringLikeRegexp('"changed":true') })))
  .next(changeDelivered);

// 5. a rotation completes (the new version is AWSCURRENT) and the password the secret then holds authenticates
const rotation = integ.assertions.awsApiCall('SecretsManager', 'rotateSecret', { SecretId: secretArn });
const newVersion = rotation.getAttString('VersionId');
const rotated = integ.assertions.awsApiCall('SecretsManager', 'listSecretVersionIds', { SecretId: secretArn })
  .expect(ExpectedResult.objectLike({
    Versions: Match.arrayWith([Match.objectLike({ VersionId: newVersion, VersionStages: Match.arrayWith(['AWSCURRENT']) })]),
  }));
rotated.waitForAssertions({ totalTimeout: Duration.minutes(15), interval: Duration.seconds(30) });
last
  .next(rotation)
  .next(rotated)
  .next(integ.assertions.invokeFunction({ functionName: probe.functionName })
    .expect(ExpectedResult.objectLike({ Payload: Match.stringLikeRegexp(`"authenticated":true,"versionId":"${newVersion}"`) })));

app.synth();
