import type { CfnResource, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as events from 'aws-cdk-lib/aws-events';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { IConstruct } from 'constructs';
import { bestCacheClusterProps, compliantReplicationGroup, supportingResources } from './fixtures';
import { HitrustChecks } from '../../src/nag';

/**
 * Escape-hatch overrides that break a control on an otherwise compliant resource, one per catalog rule.
 *
 * The pack judges resources as their synthesized template finally says them (src/nag/utils/final-view.ts): an
 * `addPropertyOverride`, `addOverride('Properties.X', ...)` or `addPropertyDeletionOverride` that breaks a control
 * must be a finding, although the L1 getters still hold the compliant value the construct set.
 */

/** What a case builds: the resource the override goes on, and the resource the rule then reports. */
export interface Built {
  /** The resource `breakIt` applies its override to. */
  readonly overridden: CfnResource;
  /**
   * The resource the rule reports once the override is applied. Differs from `overridden` for rules that read a
   * resource pointing at the one they judge (a topic policy for its topic, a rotation schedule for its secret, the
   * archive bucket a replication group states).
   *
   * @default overridden
   */
  readonly reported?: CfnResource;
}

/** One row of the table: a compliant resource and one override that breaks the rule on it. */
export interface OverrideCase {
  /** The override, in words (the test title). */
  readonly override: string;
  /** Builds the compliant resource(s) in `stack` (the fixtures of ./fixtures.ts). */
  readonly build: (stack: Stack) => Built;
  /** Applies exactly one escape-hatch override to `resource` that breaks the rule. */
  readonly breakIt: (resource: CfnResource) => void;
}

/** The construct paths the pack reports per rule name (`HITRUST.CSF-<id>`), for the whole app of `scope`. */
export function packFindings(scope: IConstruct): Record<string, string[]> {
  const report = new HitrustChecks(undefined, { evidenceReport: false }).validateScope(scope.node.root);
  const result: Record<string, string[]> = {};
  for (const violation of report.violations) {
    result[violation.ruleName] = [
      ...(result[violation.ruleName] ?? []),
      ...violation.violatingResources.map((r) => r.constructPath ?? ''),
    ];
  }
  return result;
}

/** The construct of `stack` with the id `id` (a supporting resource of the fixtures). */
function child<T extends IConstruct>(scope: IConstruct, id: string): T {
  return scope.node.findChild(id) as T;
}

/** The compliant raw-L1 replication group of ./fixtures.ts (with every supporting resource), overridden itself. */
function replicationGroup(stack: Stack): Built {
  return { overridden: compliantReplicationGroup(stack).replicationGroup };
}

/** A supporting resource of the compliant replication group fixture, overridden itself. */
function supporting(id: string): (stack: Stack) => Built {
  return (stack) => {
    compliantReplicationGroup(stack);
    return { overridden: child<CfnResource>(stack, id) };
  };
}

/** A trail with every setting the CloudTrail rules ask for (a customer managed key of the fixtures). */
function trail(stack: Stack): Built {
  const { key } = supportingResources(stack);
  return {
    overridden: new cloudtrail.CfnTrail(stack, 'Trail', {
      isLogging: true,
      s3BucketName: 'audit-bucket',
      isMultiRegionTrail: true,
      enableLogFileValidation: true,
      kmsKeyId: key.attrArn,
      cloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111111111111:log-group:trail:*',
      cloudWatchLogsRoleArn: 'arn:aws:iam::111111111111:role/trail',
    }),
  };
}

/** The table: rule id (the catalog's `id`) -> the compliant resource and the override that breaks it. */
export const OVERRIDE_CASES: Readonly<Record<string, OverrideCase>> = {
  // --- Step 2 ---------------------------------------------------------------------------------------------
  ElastiCacheEngineVersion: {
    override: 'addPropertyDeletionOverride(EngineVersion): unpinned, "latest at create time"',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyDeletionOverride('EngineVersion'),
  },
  ElastiCacheAutoMinorVersionUpgrade: {
    override: 'addPropertyOverride(AutoMinorVersionUpgrade, false)',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyOverride('AutoMinorVersionUpgrade', false),
  },
  ElastiCacheNonDefaultPort: {
    override: 'addPropertyOverride(Port, 6379)',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyOverride('Port', 6379),
  },
  ElastiCacheCustomParameterGroup: {
    override: 'addPropertyOverride(CacheParameterGroupName, default.valkey8)',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyOverride('CacheParameterGroupName', 'default.valkey8'),
  },
  // --- Step 3 ---------------------------------------------------------------------------------------------
  ElastiCacheMultiAZ: {
    override: 'addOverride(Properties.MultiAZEnabled, false)',
    build: replicationGroup,
    breakIt: (r) => r.addOverride('Properties.MultiAZEnabled', false),
  },
  ElastiCacheAutomaticFailover: {
    override: 'addPropertyOverride(AutomaticFailoverEnabled, false)',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyOverride('AutomaticFailoverEnabled', false),
  },
  ElastiCacheReplicaPerShard: {
    override: 'addPropertyOverride(NumCacheClusters, 1): a primary without replica',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyOverride('NumCacheClusters', 1),
  },
  ElastiCacheDistinctAZs: {
    override: 'addPropertyOverride(PreferredCacheClusterAZs, [us-east-1a x 3]): every node in one AZ',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyOverride('PreferredCacheClusterAZs', ['us-east-1a', 'us-east-1a', 'us-east-1a']),
  },
  ElastiCacheSubnetGroup: {
    override: 'addPropertyOverride(CacheSubnetGroupName, default)',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyOverride('CacheSubnetGroupName', 'default'),
  },
  // --- Step 4 ---------------------------------------------------------------------------------------------
  ElastiCacheSecurityGroups: {
    override: 'addPropertyDeletionOverride(SecurityGroupIds)',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyDeletionOverride('SecurityGroupIds'),
  },
  ElastiCacheAtRestEncryption: {
    override: 'addPropertyOverride(AtRestEncryptionEnabled, false)',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyOverride('AtRestEncryptionEnabled', false),
  },
  ElastiCacheCustomerManagedKey: {
    override: 'addPropertyDeletionOverride(KmsKeyId): the AWS owned key',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyDeletionOverride('KmsKeyId'),
  },
  ElastiCacheTransitEncryption: {
    override: 'addPropertyOverride(TransitEncryptionMode, preferred)',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyOverride('TransitEncryptionMode', 'preferred'),
  },
  ElastiCacheAuthentication: {
    override: 'addPropertyOverride(AuthToken, <a literal password>)',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyOverride('AuthToken', 'a-password-in-the-template-0123456789'),
  },
  ElastiCacheUserPasswordRequired: {
    override: 'addPropertyOverride(NoPasswordRequired, true) on the switched-on app user',
    build: supporting('AppUser'),
    breakIt: (r) => r.addPropertyOverride('NoPasswordRequired', true),
  },
  ElastiCacheUserGroupMembers: {
    override: 'addPropertyOverride(UserIds, [app]) on a REDIS user group: no `default` user left',
    build: (stack) => ({ overridden: supportingResources(stack, 'redis').userGroup }),
    breakIt: (r) => r.addPropertyOverride('UserIds', ['app']),
  },
  ElastiCacheMemcached: {
    // the rule looks at CacheCluster and ServerlessCache only (a ReplicationGroup is always Redis OSS / Valkey)
    override: 'addPropertyOverride(Engine, memcached) on a Valkey CacheCluster',
    build: (stack) => ({ overridden: new elasticache.CfnCacheCluster(stack, 'Cluster', bestCacheClusterProps()) }),
    breakIt: (r) => r.addPropertyOverride('Engine', 'memcached'),
  },
  // --- Step 5 / SOP ---------------------------------------------------------------------------------------
  ElastiCacheAutomaticBackup: {
    override: 'addPropertyDeletionOverride(SnapshotRetentionLimit): the default 0, no automatic backup',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyDeletionOverride('SnapshotRetentionLimit'),
  },
  ElastiCacheSnapshotRetention: {
    override: 'addPropertyOverride(SnapshotRetentionLimit, 1)',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyOverride('SnapshotRetentionLimit', 1),
  },
  ElastiCacheSnapshotWindow: {
    override: 'addPropertyDeletionOverride(SnapshotWindow)',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyDeletionOverride('SnapshotWindow'),
  },
  ElastiCacheSnapshotArchive: {
    // the rule judges the replication group by the archive bucket its tag names: the bucket's lock is what an
    // override can weaken (an override of the group's Tags: see the separate test in final-template.test.ts)
    override: 'addPropertyOverride(ObjectLockConfiguration.Rule.DefaultRetention.Mode, GOVERNANCE) on the stated archive bucket',
    build: (stack) => {
      const { replicationGroup: group, archiveBucket } = compliantReplicationGroup(stack);
      return { overridden: archiveBucket, reported: group };
    },
    breakIt: (r) => r.addPropertyOverride('ObjectLockConfiguration.Rule.DefaultRetention.Mode', 'GOVERNANCE'),
  },
  ElastiCacheMaintenanceWindow: {
    override: 'addPropertyDeletionOverride(PreferredMaintenanceWindow)',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyDeletionOverride('PreferredMaintenanceWindow'),
  },
  ElastiCacheNotificationTopic: {
    override: 'addPropertyOverride(NotificationTopicArn, <the KMS-encrypted alert topic>): ElastiCache cannot publish to it',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyOverride('NotificationTopicArn', child<sns.CfnTopic>(r.stack, 'Topic').ref),
  },
  // --- Step 6 ---------------------------------------------------------------------------------------------
  ElastiCacheLogDelivery: {
    // the rule checks which log types are delivered, not where to (a LogGroup override keeps both types): a nested
    // override of the second configuration's LogType leaves the engine log undelivered
    override: 'addPropertyOverride(LogDeliveryConfigurations.1.LogType, slow-log): the engine log is not delivered',
    build: replicationGroup,
    breakIt: (r) => r.addPropertyOverride('LogDeliveryConfigurations.1.LogType', 'slow-log'),
  },
  SNSTopicCustomerManagedKey: {
    override: 'addPropertyOverride(KmsMasterKeyId, alias/aws/sns) on the alert topic',
    build: supporting('Topic'),
    breakIt: (r) => r.addPropertyOverride('KmsMasterKeyId', 'alias/aws/sns'),
  },
  SNSTopicSSLOnly: {
    // the rule judges a topic by the topic policies that list it: the policy is what an override can weaken
    override: 'addPropertyOverride(PolicyDocument.Statement.0.Effect, Allow) on the topic\'s SSL-only policy',
    build: (stack) => {
      const { topic, topicPolicy } = compliantReplicationGroup(stack);
      return { overridden: topicPolicy, reported: topic };
    },
    breakIt: (r) => r.addPropertyOverride('PolicyDocument.Statement.0.Effect', 'Allow'),
  },
  CloudWatchLogGroupEncrypted: {
    override: 'addPropertyDeletionOverride(KmsKeyId) on the slow-log group',
    build: supporting('SlowLog'),
    breakIt: (r) => r.addPropertyDeletionOverride('KmsKeyId'),
  },
  CloudWatchLogGroupRetention: {
    override: 'addPropertyOverride(RetentionInDays, 30) on the slow-log group',
    build: supporting('SlowLog'),
    breakIt: (r) => r.addPropertyOverride('RetentionInDays', 30),
  },
  KMSKeyRotation: {
    override: 'addPropertyOverride(EnableKeyRotation, false) on the cache key',
    build: supporting('Key'),
    breakIt: (r) => r.addPropertyOverride('EnableKeyRotation', false),
  },
  SecretsManagerSecretRotation: {
    // the rule judges a secret by the rotation schedules that name it: the schedule is what an override can weaken
    override: 'addPropertyOverride(RotationRules.AutomaticallyAfterDays, 400) on the secret\'s rotation schedule',
    build: (stack) => {
      const secret = new secretsmanager.CfnSecret(stack, 'Secret', { generateSecretString: { passwordLength: 64 } });
      const schedule = new secretsmanager.CfnRotationSchedule(stack, 'Rotation', {
        secretId: secret.ref,
        rotationLambdaArn: 'arn:aws:lambda:us-east-1:111111111111:function:rotate',
        rotationRules: { automaticallyAfterDays: 30 },
      });
      return { overridden: schedule, reported: secret };
    },
    breakIt: (r) => r.addPropertyOverride('RotationRules.AutomaticallyAfterDays', 400),
  },
  EC2SecurityGroupNoPublicIngress: {
    override: 'addPropertyOverride(SecurityGroupIngress, [0.0.0.0/0 on 6380]) on the cache security group',
    build: supporting('SecurityGroup'),
    breakIt: (r) => r.addPropertyOverride('SecurityGroupIngress', [{ IpProtocol: 'tcp', FromPort: 6380, ToPort: 6380, CidrIp: '0.0.0.0/0' }]),
  },
  CloudWatchAlarmAction: {
    override: 'addPropertyOverride(ActionsEnabled, false)',
    build: (stack) => {
      const { topic } = compliantReplicationGroup(stack);
      return {
        overridden: new cloudwatch.CfnAlarm(stack, 'Alarm', {
          comparisonOperator: 'GreaterThanThreshold',
          evaluationPeriods: 1,
          threshold: 0,
          metricName: 'AuthenticationFailures',
          namespace: 'AWS/ElastiCache',
          period: 300,
          statistic: 'Sum',
          alarmActions: [topic.ref],
        }),
      };
    },
    breakIt: (r) => r.addPropertyOverride('ActionsEnabled', false),
  },
  EventBridgeRuleTarget: {
    override: 'addPropertyOverride(State, DISABLED)',
    build: (stack) => {
      const { topic } = compliantReplicationGroup(stack);
      return {
        overridden: new events.CfnRule(stack, 'Rule', {
          eventPattern: { 'source': ['aws.elasticache'], 'detail-type': ['AWS API Call via CloudTrail'] },
          targets: [{ id: 'Topic', arn: topic.ref }],
        }),
      };
    },
    breakIt: (r) => r.addPropertyOverride('State', 'DISABLED'),
  },
  CloudTrailLogging: {
    override: 'addPropertyOverride(IsLogging, false)',
    build: trail,
    breakIt: (r) => r.addPropertyOverride('IsLogging', false),
  },
  CloudTrailMultiRegion: {
    override: 'addPropertyDeletionOverride(IsMultiRegionTrail)',
    build: trail,
    breakIt: (r) => r.addPropertyDeletionOverride('IsMultiRegionTrail'),
  },
  CloudTrailLogFileValidation: {
    override: 'addOverride(Properties.EnableLogFileValidation, false)',
    build: trail,
    breakIt: (r) => r.addOverride('Properties.EnableLogFileValidation', false),
  },
  CloudTrailEncrypted: {
    // the CloudFormation name is KMSKeyId, the L1 getter kmsKeyId
    override: 'addPropertyDeletionOverride(KMSKeyId)',
    build: trail,
    breakIt: (r) => r.addPropertyDeletionOverride('KMSKeyId'),
  },
  CloudTrailCloudWatchLogs: {
    override: 'addPropertyDeletionOverride(CloudWatchLogsLogGroupArn)',
    build: trail,
    breakIt: (r) => r.addPropertyDeletionOverride('CloudWatchLogsLogGroupArn'),
  },
};
