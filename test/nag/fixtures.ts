import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { IConstruct } from 'constructs';
import { HitrustChecks, type HitrustChecksProps } from '../../src/nag';

/** A fresh app and stack (no validation plugin registered). */
export function newStack(): { app: App; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  return { app, stack };
}

/** The violations of the pack on `scope`, as `{ ruleName: [construct paths] }`. */
export function findings(scope: IConstruct, props?: HitrustChecksProps): Record<string, string[]> {
  const report = new HitrustChecks(undefined, props).validateScope(scope);
  return Object.fromEntries(report.violations.map((v) => [v.ruleName, v.violatingResources.map((r) => r.constructPath ?? '')]));
}

/** The supporting resources a compliant replication group references. */
export interface SupportingResources {
  readonly key: kms.CfnKey;
  readonly subnetGroup: elasticache.CfnSubnetGroup;
  readonly securityGroup: ec2.CfnSecurityGroup;
  readonly parameterGroup: elasticache.CfnParameterGroup;
  /** The alert topic: KMS-encrypted with the customer key, TLS only. */
  readonly topic: sns.CfnTopic;
  readonly topicPolicy: sns.CfnTopicPolicy;
  /**
   * The topic ElastiCache publishes to (NotificationTopicArn): unencrypted, since "The Amazon SNS topic you are
   * publishing to cannot be encrypted" (ElastiCache User Guide), TLS only, publishers limited with aws:SourceOwner.
   */
  readonly notificationTopic: sns.CfnTopic;
  readonly notificationTopicPolicy: sns.CfnTopicPolicy;
  readonly slowLog: logs.CfnLogGroup;
  readonly engineLog: logs.CfnLogGroup;
  readonly userGroup: elasticache.CfnUserGroup;
  /** The long-term snapshot archive: Object Lock in COMPLIANCE mode for 2192 days, KMS-encrypted. */
  readonly archiveBucket: s3.CfnBucket;
}

/**
 * The tag by which a replication group states its snapshot archive (as CompliantRedisReplicationGroup does, and any
 * app can on an L1 group): its value is the archive bucket's name.
 */
export const SNAPSHOT_ARCHIVE_TAG = 'hitrust:snapshot-archive-bucket';

/** The tag that states `bucket` as a replication group's snapshot archive, by a reference to its name (`{ Ref }`). */
export function archiveTag(bucket: s3.CfnBucket): { key: string; value: string } {
  return { key: SNAPSHOT_ARCHIVE_TAG, value: bucket.ref };
}

/** States `bucket` as the replication group's snapshot archive (the tag, a `Ref` to the bucket). */
export function stateArchive(replicationGroup: elasticache.CfnReplicationGroup, bucket: s3.CfnBucket): elasticache.CfnReplicationGroup {
  replicationGroup.tags.setTag(SNAPSHOT_ARCHIVE_TAG, bucket.ref);
  return replicationGroup;
}

/** Options of the compliant fixture. */
export interface CompliantFixtureOptions {
  /** @default 'valkey' */
  readonly engine?: 'valkey' | 'redis';
  /** @default '8.1' */
  readonly engineVersion?: string;
  /** NumNodeGroups 2 x ReplicasPerNodeGroup 2 instead of NumCacheClusters 3. @default false */
  readonly clusterMode?: boolean;
  /** AUTH token from Secrets Manager instead of an RBAC user group. @default 'rbac' */
  readonly auth?: 'rbac' | 'token';
  /** Property overrides applied last (set a key to undefined to remove it). */
  readonly overrides?: Partial<elasticache.CfnReplicationGroupProps>;
}

/** A KMS key, subnet group, security group, parameter group, SNS topic (+ SSL-only policy), two log groups and a user group. */
export function supportingResources(stack: Stack, engine: string = 'valkey'): SupportingResources {
  const key = new kms.CfnKey(stack, 'Key', {
    enableKeyRotation: true,
    keyPolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' }],
    },
  });
  const subnetGroup = new elasticache.CfnSubnetGroup(stack, 'SubnetGroup', {
    description: 'private subnets of the cache',
    subnetIds: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb', 'subnet-0cccccccccccccccc'],
  });
  const securityGroup = new ec2.CfnSecurityGroup(stack, 'SecurityGroup', {
    groupDescription: 'cache clients only',
    vpcId: 'vpc-0123456789abcdef0',
    securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 6380, toPort: 6380, sourceSecurityGroupId: 'sg-0a1b2c3d4e5f60718' }],
  });
  const parameterGroup = new elasticache.CfnParameterGroup(stack, 'ParameterGroup', {
    cacheParameterGroupFamily: engine === 'valkey' ? 'valkey8' : 'redis7',
    description: 'hardened parameters',
  });
  const topic = new sns.CfnTopic(stack, 'Topic', { kmsMasterKeyId: key.attrArn });
  const topicPolicy = new sns.CfnTopicPolicy(stack, 'TopicPolicy', {
    topics: [topic.ref],
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{
        Sid: 'AllowPublishThroughSSLOnly',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Resource: topic.ref,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }],
    },
  });
  const notificationTopic = new sns.CfnTopic(stack, 'NotificationTopic', {});
  const notificationTopicPolicy = new sns.CfnTopicPolicy(stack, 'NotificationTopicPolicy', {
    topics: [notificationTopic.ref],
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowPublishThroughSSLOnly',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sns:Publish',
          Resource: notificationTopic.ref,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        {
          Sid: 'AllowElastiCacheNotifications',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'sns:Publish',
          Resource: notificationTopic.ref,
          Condition: { StringEquals: { 'aws:SourceOwner': '111111111111' } },
        },
      ],
    },
  });
  const logGroup = (id: string) => new logs.CfnLogGroup(stack, id, {
    logGroupName: `/aws/vendedlogs/elasticache/${id.toLowerCase()}`,
    kmsKeyId: key.attrArn,
    retentionInDays: 365,
  });
  // Redis OSS user groups must hold a user named default (switched off here); Valkey groups only password or IAM users
  const defaultUser = engine === 'redis' ? new elasticache.CfnUser(stack, 'DefaultUser', {
    engine,
    userId: 'hitrust-default',
    userName: 'default',
    accessString: 'off -@all',
    noPasswordRequired: true,
  }) : undefined;
  const appUser = new elasticache.CfnUser(stack, 'AppUser', {
    engine,
    userId: 'app',
    userName: 'app',
    accessString: 'on ~app:* +@read +@write',
    passwords: ['{{resolve:secretsmanager:app-user:SecretString:password}}'],
  });
  const userGroup = new elasticache.CfnUserGroup(stack, 'UserGroup', {
    engine,
    userGroupId: 'hitrust-users',
    userIds: defaultUser ? [defaultUser.ref, appUser.ref] : [appUser.ref],
  });
  const archiveBucket = new s3.CfnBucket(stack, 'ArchiveBucket', {
    bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.attrArn } }] },
    versioningConfiguration: { status: 'Enabled' },
    objectLockEnabled: true,
    objectLockConfiguration: { objectLockEnabled: 'Enabled', rule: { defaultRetention: { mode: 'COMPLIANCE', days: 2192 } } },
  });
  return {
    key,
    subnetGroup,
    securityGroup,
    parameterGroup,
    topic,
    topicPolicy,
    notificationTopic,
    notificationTopicPolicy,
    slowLog: logGroup('SlowLog'),
    engineLog: logGroup('EngineLog'),
    userGroup,
    archiveBucket,
  };
}

/** The props of a replication group that meets every control, referencing `resources`. */
export function compliantReplicationGroupProps(
  resources: SupportingResources,
  options: CompliantFixtureOptions = {},
): elasticache.CfnReplicationGroupProps {
  const logDelivery = (logType: string, logGroup: logs.CfnLogGroup) => ({
    logType,
    logFormat: 'json',
    destinationType: 'cloudwatch-logs',
    destinationDetails: { cloudWatchLogsDetails: { logGroup: logGroup.ref } },
  });
  const topology = options.clusterMode
    ? { clusterMode: 'enabled', numNodeGroups: 2, replicasPerNodeGroup: 2 }
    : { numCacheClusters: 3, preferredCacheClusterAZs: ['us-east-1a', 'us-east-1b', 'us-east-1c'] };
  const authentication = options.auth === 'token'
    ? { authToken: '{{resolve:secretsmanager:cache-auth:SecretString:token}}' }
    : { userGroupIds: [resources.userGroup.ref] };
  return {
    replicationGroupDescription: 'PHI cache',
    engine: options.engine ?? 'valkey',
    engineVersion: options.engineVersion ?? '8.1',
    cacheNodeType: 'cache.r7g.large',
    port: 6380,
    cacheParameterGroupName: resources.parameterGroup.ref,
    cacheSubnetGroupName: resources.subnetGroup.ref,
    securityGroupIds: [resources.securityGroup.attrGroupId],
    multiAzEnabled: true,
    automaticFailoverEnabled: true,
    ...topology,
    atRestEncryptionEnabled: true,
    kmsKeyId: resources.key.attrArn,
    transitEncryptionEnabled: true,
    transitEncryptionMode: 'required',
    ...authentication,
    snapshotRetentionLimit: 35,
    snapshotWindow: '03:00-05:00',
    preferredMaintenanceWindow: 'sun:06:00-sun:07:00',
    autoMinorVersionUpgrade: true,
    notificationTopicArn: resources.notificationTopic.ref,
    logDeliveryConfigurations: [logDelivery('slow-log', resources.slowLog), logDelivery('engine-log', resources.engineLog)],
    ...options.overrides,
  };
}

/**
 * A raw-L1 replication group with everything a HITRUST deployment needs (the shape the L3 construct produces),
 * with its supporting resources.
 */
export function compliantReplicationGroup(
  stack: Stack,
  options: CompliantFixtureOptions = {},
): { replicationGroup: elasticache.CfnReplicationGroup } & SupportingResources {
  const resources = supportingResources(stack, options.engine ?? 'valkey');

  // the archive is stated as any app can on an L1 group: a tag whose value is the archive bucket's name
  const replicationGroup = new elasticache.CfnReplicationGroup(stack, 'Cache', {
    tags: [archiveTag(resources.archiveBucket)],
    ...compliantReplicationGroupProps(resources, options),
  });
  return { replicationGroup, ...resources };
}

/** Props of a standalone CacheCluster with everything a CacheCluster can set. */
export function bestCacheClusterProps(overrides: Partial<elasticache.CfnCacheClusterProps> = {}): elasticache.CfnCacheClusterProps {
  return {
    engine: 'valkey',
    engineVersion: '8.1',
    cacheNodeType: 'cache.r7g.large',
    numCacheNodes: 1,
    port: 6380,
    cacheParameterGroupName: 'hardened-valkey8',
    cacheSubnetGroupName: 'cache-subnets',
    vpcSecurityGroupIds: ['sg-cache'],
    transitEncryptionEnabled: true,
    snapshotRetentionLimit: 35,
    snapshotWindow: '03:00-05:00',
    preferredMaintenanceWindow: 'sun:06:00-sun:07:00',
    notificationTopicArn: 'arn:aws:sns:us-east-1:111111111111:cache-events',
    logDeliveryConfigurations: [
      { logType: 'slow-log', logFormat: 'json', destinationType: 'cloudwatch-logs', destinationDetails: { cloudWatchLogsDetails: { logGroup: 'slow' } } },
      { logType: 'engine-log', logFormat: 'json', destinationType: 'cloudwatch-logs', destinationDetails: { cloudWatchLogsDetails: { logGroup: 'engine' } } },
    ],
    ...overrides,
  };
}

/** Props of a serverless cache that meets every control that applies to it. */
export function compliantServerlessCacheProps(overrides: Partial<elasticache.CfnServerlessCacheProps> = {}): elasticache.CfnServerlessCacheProps {
  return {
    serverlessCacheName: 'phi-cache',
    engine: 'valkey',
    majorEngineVersion: '8',
    kmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555',
    securityGroupIds: ['sg-cache'],
    subnetIds: ['subnet-a', 'subnet-b'],
    userGroupId: 'hitrust-users',
    snapshotRetentionLimit: 35,
    dailySnapshotTime: '03:00',
    ...overrides,
  };
}
