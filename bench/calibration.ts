/**
 * The calibration stack of the breakdown: the aws-cdk-lib L2 constructs the cache construct is built of (alarms with
 * SNS actions and a dashboard, KMS-encrypted buckets, a Lambda function in the VPC with its log group, EventBridge rules,
 * a secret, a role with grants), used directly by plain application code, with no code of this library.
 *
 * Measured against its own typed-L1 floor (B built from its templates, as for the construct), it tells what aws-cdk-lib's
 * L2s cost over L1s by themselves, so the construct's A/B can be read against it: what the library adds is the part of
 * A/B above this ratio.
 */
import { Duration, type Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';

/** Alarms of the calibration stack: as many as the construct creates by default (7 metrics on 4 nodes). */
export const CALIBRATION_ALARMS = 28;

/** Metrics per node, as in the construct's alarms. */
const METRICS_PER_NODE = 7;

/**
 * Adds the calibration resources to `stack`: every construct an aws-cdk-lib L2 with the settings a compliant app would
 * give it. The Lambda code is inline (no asset), so nothing is staged or hashed.
 *
 * @param vpc the VPC the function and the security group are in (imported: no VPC resources in the template)
 */
export function addCalibrationResources(stack: Stack, vpc: ec2.IVpc): void {
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const topic = new sns.Topic(stack, 'Topic', { masterKey: key, enforceSSL: true });
  const action = new cw_actions.SnsAction(topic);

  const metrics: cloudwatch.Metric[] = [];
  for (let i = 0; i < CALIBRATION_ALARMS; i++) {
    const metric = new cloudwatch.Metric({
      namespace: 'AWS/ElastiCache',
      metricName: `Metric${i % METRICS_PER_NODE}`,
      dimensionsMap: { CacheClusterId: `node-${Math.floor(i / METRICS_PER_NODE) + 1}` },
      period: Duration.minutes(5),
      statistic: 'Sum',
    });
    metrics.push(metric);
    const alarm = new cloudwatch.Alarm(stack, `Alarm${i}`, {
      metric,
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `calibration alarm ${i}`,
    });
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }
  new cloudwatch.Dashboard(stack, 'Dashboard', {
    widgets: [Array.from({ length: METRICS_PER_NODE }, (_, m) => new cloudwatch.GraphWidget({
      title: `Metric${m}`,
      width: 8,
      left: metrics.filter((_metric, i) => i % METRICS_PER_NODE === m),
    }))],
  });

  const accessLogs = new s3.Bucket(stack, 'AccessLogs', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  });
  const bucket = new s3.Bucket(stack, 'Bucket', {
    encryptionKey: key,
    enforceSSL: true,
    versioned: true,
    serverAccessLogsBucket: accessLogs,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  });

  const securityGroup = new ec2.SecurityGroup(stack, 'SecurityGroup', { vpc, allowAllOutbound: false });
  const fn = new lambda.Function(stack, 'Function', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    securityGroups: [securityGroup],
    logGroup: new logs.LogGroup(stack, 'FunctionLogs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR }),
    environment: { BUCKET: bucket.bucketName },
  });
  bucket.grantReadWrite(fn);
  key.grantEncryptDecrypt(fn);
  new events.Rule(stack, 'Schedule', { schedule: events.Schedule.rate(Duration.days(1)), targets: [new targets.LambdaFunction(fn)] });
  new events.Rule(stack, 'Changes', { eventPattern: { source: ['aws.elasticache'] }, targets: [new targets.SnsTopic(topic)] });

  const secret = new secretsmanager.Secret(stack, 'Secret', { encryptionKey: key, generateSecretString: { excludePunctuation: true } });
  secret.grantRead(fn);
  new logs.LogGroup(stack, 'EngineLogs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR });
  const role = new iam.Role(stack, 'PublisherRole', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com') });
  topic.grantPublish(role);
}
