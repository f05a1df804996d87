import { Annotations, ArnFormat, Names, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { CacheAccess } from './cache-access';
import { CacheAuthenticationMode } from './cache-authentication';
import type { CacheEngineVersion } from './cache-engine-version';
import * as defaults from './defaults';
import { allowKeyUse, createEncryptionKey } from './encryption-key';
import { EngineLogs } from './engine-logs';
import { acknowledgeCachePeerFindings } from './peer-acknowledgements';
import type { CompliantRedisReplicationGroupProps } from './props';
import { IRedisReplicationGroup, RedisReplicationGroupAttributes, RedisReplicationGroupBase } from './replication-group-base';
import { resolveSettings, ResolvedSettings } from './settings';
import { validationProblems } from './validate-props';
import { SnapshotArchive } from '../archive/snapshot-archive';
import { CacheAuditTrail } from '../audit/cache-audit-trail';
import { CacheConfigRules } from '../audit/cache-config-rules';
import type { CompliantTrail } from '../audit/compliant-trail';
import { CacheChangeDetection } from '../detection/cache-change-detection';
import { createAlertTopic } from '../monitoring/alert-topic';
import { CacheAlarms } from '../monitoring/cache-alarms';
import { ServiceNotificationTopic } from '../monitoring/service-notification-topic';
import { HitrustValidationError } from '../private/errors';
import { SNAPSHOT_ARCHIVE_TAG } from '../private/metadata-keys';
import { elastiCacheId } from '../private/physical-names';
import { CacheCredentialRotation } from '../rotation/credential-rotation';

const IS_COMPLIANT_GROUP = Symbol.for('cdk-hitrust-redis.CompliantRedisReplicationGroup');

/**
 * An Amazon ElastiCache (Redis OSS or Valkey) replication group configured to the HITRUST CSF guide:
 * eligible engine, non-default port, its own parameter group, Multi-AZ with automatic failover, private
 * subnets and a closed security group, encryption at rest with a customer-managed key and in transit
 * (required), authentication, 35-day snapshots, notifications and engine logs.
 *
 * @example
 * import { CompliantRedisReplicationGroup } from 'cdk-hitrust-redis';
 *
 * declare const vpc: ec2.IVpc;
 * declare const fn: lambda.Function;
 * const cache = new CompliantRedisReplicationGroup(this, 'Cache', { vpc });
 * cache.connections.allowDefaultPortFrom(fn);
 * cache.grantConnect(fn);
 */
export class CompliantRedisReplicationGroup extends RedisReplicationGroupBase {
  /**
   * Imports a replication group created elsewhere (for metrics, grants and connections).
   *
   * @param scope the scope of the imported construct
   * @param id the imported construct's ID, unique in `scope`
   * @param attrs the group's ID and port, and optionally its security groups and member node IDs
   */
  public static fromReplicationGroupAttributes(
    scope: Construct,
    id: string,
    attrs: RedisReplicationGroupAttributes,
  ): IRedisReplicationGroup {
    class Import extends RedisReplicationGroupBase {
      public readonly replicationGroupId = attrs.replicationGroupId;
      public readonly port = attrs.port;
      public readonly memberClusterIds = attrs.memberClusterIds ?? [];
      public readonly connections = new ec2.Connections({
        securityGroups: attrs.securityGroups,
        defaultPort: ec2.Port.tcp(attrs.port),
      });
      public grantConnect(grantee: iam.IGrantable): iam.Grant {
        return iam.Grant.addToPrincipal({
          grantee,
          actions: ['elasticache:Connect'],
          resourceArns: [this.replicationGroupArn],
        });
      }
    }
    return new Import(scope, id);
  }

  /**
   * Whether the given object is a `CompliantRedisReplicationGroup`.
   *
   * @param x any object
   */
  public static isCompliantRedisReplicationGroup(x: unknown): x is CompliantRedisReplicationGroup {
    return typeof x === 'object' && x !== null && IS_COMPLIANT_GROUP in x;
  }

  /** The replication group ID (lower case). */
  public readonly replicationGroupId: string;
  /** The port the nodes listen on. */
  public readonly port: number;
  /** The member node IDs, `<id>-001` ... (cluster mode disabled) or `<id>-0001-001` ... (enabled). */
  public readonly memberClusterIds: string[];
  /** The engine and version. */
  public readonly engineVersion: CacheEngineVersion;
  /** Whether cluster mode is enabled (more than one shard). */
  public readonly clusterModeEnabled: boolean;
  /** Network access: the construct's security group plus any given ones, on the cache port. */
  public readonly connections: ec2.Connections;
  /** The construct's own security group (no ingress until `connections` opens it, no open egress). */
  public readonly securityGroup: ec2.ISecurityGroup;
  /** The customer-managed key that encrypts data, snapshots, secret, logs and topic. */
  public readonly encryptionKey: kms.IKey;
  /** The encrypted topic receiving the group's alerts (alarms, changes made outside CloudFormation, helper failures). */
  public readonly notificationTopic: sns.ITopic;
  /**
   * The unencrypted topic ElastiCache publishes its own notifications to (failovers, node replacements, snapshot
   * failures): its `NotificationTopicArn`. ElastiCache cannot publish to an encrypted topic; these messages name
   * resources and events, never cached data. Subscribe the same people as to `notificationTopic`.
   */
  public readonly serviceNotificationTopic: sns.ITopic;
  /** The secret with the password (`username`, `password`) or the AUTH token, not set in IAM mode. */
  public readonly secret?: secretsmanager.ISecret;
  /** The authentication mode. */
  public readonly authenticationMode: CacheAuthenticationMode;
  /** The user group (RBAC and IAM modes). */
  public readonly userGroupId?: string;
  /** The application user's ID (RBAC and IAM modes). */
  public readonly userId?: string;
  /** The log group receiving the slow log (JSON). */
  public readonly slowLogGroup: logs.ILogGroup;
  /** The log group receiving the engine log (JSON). */
  public readonly engineLogGroup: logs.ILogGroup;
  /** The EventBridge rules that report changes made outside CloudFormation (unless `changeDetection` is false). */
  public readonly changeDetection?: CacheChangeDetection;
  /** The per-node misuse and health alarms and the dashboard (unless `alarms` is false). */
  public readonly alarms?: CacheAlarms;
  /** The rotation of the password or AUTH token (password modes, unless `credentialRotation` is false). */
  public readonly credentialRotation?: CacheCredentialRotation;
  /** The daily export of snapshots into the locked long-term archive (unless `snapshotArchive` is false). */
  public readonly snapshotArchive?: SnapshotArchive;
  /** The trail the construct created (`CacheAuditTrail.create()` only). */
  public readonly auditTrail?: CompliantTrail;
  /** The AWS Config rules (when `configRules` is true). */
  public readonly configRules?: CacheConfigRules;
  /**
   * The underlying CloudFormation resource, as an escape hatch.
   *
   * Changes made to it are not validated by the construct (the HITRUST pack still checks the template).
   */
  public readonly resource: elasticache.CfnReplicationGroup;

  constructor(scope: Construct, id: string, props: CompliantRedisReplicationGroupProps) {
    super(scope, id);
    Object.defineProperty(this, IS_COMPLIANT_GROUP, { value: true });

    // 1. validate (every problem at once)
    const settings = resolveSettings(props);
    this.replicationGroupId = props.replicationGroupId ??
      elastiCacheId(Names.uniqueResourceName(this, { maxLength: 64, separator: '-' }), '', defaults.MAX_REPLICATION_GROUP_ID_LENGTH);
    const subnets = this.selectSubnets(props);
    const problems = [
      ...validationProblems({ ...settings, replicationGroupId: this.replicationGroupId }),
      ...subnets.problems,
      ...(props.serviceNotificationTopic instanceof sns.Topic && props.serviceNotificationTopic.masterKey
        ? ['`serviceNotificationTopic` must not be encrypted: "The Amazon SNS topic you are publishing to cannot be encrypted" ' +
          '(ElastiCache User Guide), so ElastiCache would deliver none of its notifications (guide Step 5, HITRUST 1202.09aa1), ' +
          `got: a topic with the key ${props.serviceNotificationTopic.masterKey.node.path}`]
        : []),
    ];
    if (problems.length > 0) {
      throw new HitrustValidationError('CompliantRedisReplicationGroup', problems);
    }
    this.warnAboutSoftIssues(settings);

    this.port = settings.port;
    this.engineVersion = settings.engineVersion;
    this.clusterModeEnabled = settings.clusterMode;
    this.memberClusterIds = memberClusterIds(this.replicationGroupId, settings);
    const helperRemovalPolicy = settings.removalPolicy === RemovalPolicy.DESTROY ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    // 2. network: subnet group and a closed security group
    const subnetGroup = new elasticache.CfnSubnetGroup(this, 'SubnetGroup', {
      cacheSubnetGroupName: this.replicationGroupId,
      description: `Private subnets of ${this.replicationGroupId}`,
      subnetIds: subnets.selection.subnetIds,
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `ElastiCache ${this.replicationGroupId}: no ingress until granted`,
      allowAllOutbound: false,
    });
    this.connections = new ec2.Connections({
      securityGroups: [this.securityGroup, ...(props.securityGroups ?? [])],
      defaultPort: ec2.Port.tcp(this.port),
    });

    // 3. encryption key, parameter group, authentication, notifications, logs
    const description = props.description ?? `HITRUST CSF compliant cache ${this.node.path}`;
    this.encryptionKey = props.encryptionKey ??
      createEncryptionKey(this, `Encrypts ElastiCache ${this.replicationGroupId}: data, snapshots, secret, logs, notifications`, helperRemovalPolicy);
    const parameterGroup = new elasticache.CfnParameterGroup(this, 'ParameterGroup', {
      cacheParameterGroupFamily: settings.engineVersion.parameterGroupFamily,
      description: `Parameters of ${this.replicationGroupId}`,
      properties: { ...settings.parameters, 'cluster-enabled': settings.clusterMode ? 'yes' : 'no' },
    });
    const access = new CacheAccess(this, 'Access', {
      authentication: settings.authentication,
      engineVersion: settings.engineVersion,
      replicationGroupId: this.replicationGroupId,
      encryptionKey: this.encryptionKey,
    }).resources;
    access.secret?.applyRemovalPolicy(helperRemovalPolicy);
    this.secret = access.secret;
    this.authenticationMode = settings.authentication.mode;
    this.userGroupId = access.userGroup?.ref;
    this.userId = access.appUser?.ref;

    this.notificationTopic = props.notificationTopic ?? createAlertTopic(this, 'Notifications', {
      displayName: `ElastiCache ${this.replicationGroupId} notifications`,
      encryptionKey: this.encryptionKey,
    });
    this.serviceNotificationTopic = props.serviceNotificationTopic ?? new ServiceNotificationTopic(this, 'ServiceNotifications', {
      displayName: `ElastiCache ${this.replicationGroupId} service notifications`,
    }).topic;
    const engineLogs = new EngineLogs(this, 'Logs', {
      replicationGroupId: this.replicationGroupId,
      encryptionKey: this.encryptionKey,
      retention: settings.logRetention,
      removalPolicy: helperRemovalPolicy,
    });
    this.slowLogGroup = engineLogs.logGroups['slow-log'];
    this.engineLogGroup = engineLogs.logGroups['engine-log'];
    allowKeyUse(
      this.encryptionKey,
      Stack.of(this).formatArn({ service: 'logs', resource: 'log-group', resourceName: `${engineLogs.logGroupNamePrefix}/*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
    );

    // 4. the replication group
    const azs = subnets.selection.availabilityZones;
    this.resource = new elasticache.CfnReplicationGroup(this, 'Resource', {
      replicationGroupId: this.replicationGroupId,
      replicationGroupDescription: description,
      engine: settings.engineVersion.engine.name,
      engineVersion: settings.engineVersion.version,
      cacheNodeType: settings.nodeType.name,
      port: this.port,
      cacheParameterGroupName: parameterGroup.ref,
      cacheSubnetGroupName: subnetGroup.ref,
      securityGroupIds: this.connections.securityGroups.map((sg) => sg.securityGroupId),
      networkType: 'ipv4',
      dataTieringEnabled: settings.nodeType.isDataTiering,
      multiAzEnabled: true,
      automaticFailoverEnabled: true,
      ...placement(settings, azs),
      atRestEncryptionEnabled: true,
      kmsKeyId: this.encryptionKey.keyArn,
      transitEncryptionEnabled: true,
      // Redis OSS 6.2 has no mode: TLS is always required there once transit encryption is on
      transitEncryptionMode: settings.engineVersion.supportsRequiredTransitMode ? 'required' : undefined,
      userGroupIds: access.userGroup ? [access.userGroup.ref] : undefined,
      authToken: access.authToken,
      snapshotRetentionLimit: settings.snapshotRetention.toDays(),
      snapshotWindow: settings.snapshotWindow,
      preferredMaintenanceWindow: settings.maintenanceWindow,
      autoMinorVersionUpgrade: true,
      // "The Amazon SNS topic you are publishing to cannot be encrypted" (ElastiCache User Guide): its own topic
      notificationTopicArn: this.serviceNotificationTopic.topicArn,
      logDeliveryConfigurations: engineLogs.deliveryConfigurations,
    });
    if (settings.clusterMode) {
      this.resource.cfnOptions.updatePolicy = { useOnlineResharding: true };
    }
    this.resource.applyRemovalPolicy(settings.removalPolicy);

    // 5. credential rotation (password modes), then monitoring (guide Step 6), all reporting to the topic
    if (access.secret && (props.credentialRotation ?? true)) {
      this.credentialRotation = new CacheCredentialRotation(this, 'Rotation', {
        secret: access.secret,
        mode: settings.authentication.mode,
        replicationGroupId: this.replicationGroupId,
        userId: settings.authentication.mode === CacheAuthenticationMode.RBAC_PASSWORD ? this.userId : undefined,
        vpc: props.vpc,
        vpcSubnets: props.vpcSubnets,
        cache: this,
        encryptionKey: this.encryptionKey,
        logGroupName: `${engineLogs.logGroupNamePrefix}/rotation`,
        logRetention: settings.logRetention,
        schedule: props.rotationSchedule,
        failureAlarmTopic: this.notificationTopic,
        removalPolicy: helperRemovalPolicy,
      });
    }
    if (settings.snapshotArchive) {
      this.snapshotArchive = new SnapshotArchive(this, 'Archive', {
        replicationGroup: this,
        vpc: props.vpc,
        vpcSubnets: props.vpcSubnets,
        encryptionKey: this.encryptionKey,
        notificationTopic: this.notificationTopic,
        snapshotWindow: settings.snapshotWindow,
        dataTiering: settings.nodeType.isDataTiering,
        logGroupName: `${engineLogs.logGroupNamePrefix}/archive`,
        logRetention: settings.logRetention,
        retention: settings.archiveRetention,
        removalPolicy: helperRemovalPolicy,
      });
      // states the archive on the group itself, as any app can (RULES.md): the HITRUST pack then checks the bucket
      this.resource.tags.setTag(SNAPSHOT_ARCHIVE_TAG, this.snapshotArchive.bucket.bucketName);
    }
    if (settings.changeDetection) {
      this.changeDetection = new CacheChangeDetection(this, 'ChangeDetection', {
        replicationGroup: this,
        topic: this.notificationTopic,
        parameterGroupName: parameterGroup.ref,
        subnetGroupName: subnetGroup.ref,
        userIds: access.userGroup ? access.userGroup.userIds : undefined,
        userGroupIds: access.userGroup ? [access.userGroup.ref] : undefined,
        // the rotation function's credential changes and the archive's snapshot exports are expected, not drift;
        // the same roles calling anything else are reported
        trustedCallers: [
          ...(this.credentialRotation ? [{
            roleArn: this.credentialRotation.role.roleArn,
            eventNames: settings.authentication.mode === CacheAuthenticationMode.AUTH_TOKEN ? ['ModifyReplicationGroup'] : ['ModifyUser'],
          }] : []),
          ...(this.snapshotArchive ? [{ roleArn: this.snapshotArchive.role.roleArn, eventNames: ['CopySnapshot'] }] : []),
        ],
      });
    }
    if (settings.alarms) {
      this.alarms = new CacheAlarms(this, 'Alarms', {
        replicationGroup: this,
        topic: this.notificationTopic,
        thresholds: props.alarmThresholds,
      });
    }

    // 6. audit: the trail (assumed or created, recorded for the evidence report) and the runtime Config rules
    this.auditTrail = (props.auditTrail ?? CacheAuditTrail.organizationTrail())
      ._bind(this, { removalPolicy: helperRemovalPolicy, evidenceTarget: this.resource }).trail;
    if (props.configRules ?? false) {
      this.configRules = new CacheConfigRules(this, 'ConfigRules', {
        replicationGroup: this,
        minimumSnapshotRetentionDays: settings.snapshotRetention.toDays(),
        approvedKmsKeyIds: [this.encryptionKey.keyArn, this.encryptionKey.keyId],
        allowedUserGroupIds: this.userGroupId ? [this.userGroupId] : undefined,
        // an AUTH-token group is NON_COMPLIANT for elasticache-rbac-auth-enabled by definition
        rbacAuthentication: settings.authentication.mode !== CacheAuthenticationMode.AUTH_TOKEN,
      });
    }

    // 7. tags, acknowledgements of peer checks that are wrong here, replacement guard
    Tags.of(this).add(defaults.DATA_CLASSIFICATION_TAG, settings.dataClassification);
    Tags.of(this).add(defaults.COMPLIANCE_TAG, defaults.COMPLIANCE_TAG_VALUE);
    acknowledgeCachePeerFindings(this, settings);
    const guard = settings.replacementGuard;
    this.node.addValidation({ validate: () => guard._check(this.resource, settings.allowReplacement) });
  }

  /**
   * The address clients connect to: the configuration endpoint in cluster mode, the primary endpoint otherwise.
   */
  public get endpointAddress(): string {
    return this.clusterModeEnabled ? this.resource.attrConfigurationEndPointAddress : this.resource.attrPrimaryEndPointAddress;
  }

  /** The primary endpoint (cluster mode disabled only). */
  public get primaryEndpointAddress(): string {
    this.requireClusterMode(false, 'primaryEndpointAddress');
    return this.resource.attrPrimaryEndPointAddress;
  }

  /** The reader endpoint, spreading reads over the replicas (cluster mode disabled only). */
  public get readerEndpointAddress(): string {
    this.requireClusterMode(false, 'readerEndpointAddress');
    return this.resource.attrReaderEndPointAddress;
  }

  /** The configuration endpoint (cluster mode enabled only). */
  public get configurationEndpointAddress(): string {
    this.requireClusterMode(true, 'configurationEndpointAddress');
    return this.resource.attrConfigurationEndPointAddress;
  }

  /**
   * Gives a principal what it needs to connect: `elasticache:Connect` on the group and the user in IAM mode,
   * read access to the credentials secret (and decrypt on its key) in password modes.
   *
   * @param grantee the principal that connects, e.g. a Lambda function
   */
  public grantConnect(grantee: iam.IGrantable): iam.Grant {
    if (this.authenticationMode === CacheAuthenticationMode.IAM) {
      return iam.Grant.addToPrincipal({
        grantee,
        actions: ['elasticache:Connect'],
        resourceArns: [
          this.replicationGroupArn,
          Stack.of(this).formatArn({ service: 'elasticache', resource: 'user', resourceName: this.userId!, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
        ],
      });
    }
    return this.secret!.grantRead(grantee);
  }

  private requireClusterMode(enabled: boolean, attribute: string): void {
    if (this.clusterModeEnabled !== enabled) {
      throw new Error(
        `${attribute} exists only with cluster mode ${enabled ? 'enabled (shards > 1)' : 'disabled (shards = 1)'}; use endpointAddress`,
      );
    }
  }

  private selectSubnets(props: CompliantRedisReplicationGroupProps): { selection: ec2.SelectedSubnets; problems: string[] } {
    const vpc = props.vpc;
    const selection = vpc.selectSubnets(
      props.vpcSubnets ?? {
        subnetType: vpc.privateSubnets.length > 0 ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED,
      },
    );
    const problems: string[] = [];
    const publicIds = new Set(vpc.publicSubnets.map((s) => s.subnetId));
    const selectedPublic = selection.subnets.filter((s) => publicIds.has(s.subnetId));
    if (props.vpcSubnets?.subnetType === ec2.SubnetType.PUBLIC || selectedPublic.length > 0) {
      problems.push(
        `\`vpcSubnets\` must select private or isolated subnets only for HITRUST 0805.01m1, got public subnets: ${selectedPublic.map((s) => s.node.path).join(', ') || 'PUBLIC'}`,
      );
    }
    const azCount = new Set(selection.availabilityZones).size;
    if (azCount < 2) {
      // an environmental fact (what the VPC has), not a prop mistake: reported on the construct
      Annotations.of(this).addError(
        `\`vpcSubnets\` must span at least 2 availability zones for Multi-AZ failover (HITRUST 1410.09e2), got: ${azCount}`,
      );
    }
    return { selection, problems };
  }

  private warnAboutSoftIssues(settings: ResolvedSettings): void {
    // port 6379 has no warning here: HitrustChecks' ElastiCacheNonDefaultPort is the one place that reports it
    if (!settings.snapshotRetention.isUnresolved() &&
      settings.snapshotRetention.toDays({ integral: false }) < defaults.DEFAULT_SNAPSHOT_RETENTION_DAYS) {
      Annotations.of(this).addWarningV2(
        'cdk-hitrust-redis:snapshotRetention',
        `\`snapshotRetention\` ${settings.snapshotRetention.toHumanString()} is below the guide's ${defaults.DEFAULT_SNAPSHOT_RETENTION_DAYS} days ` +
        '(Step 5): HitrustChecks reports it unless its minimumSnapshotRetentionDays is lowered',
      );
    }
    if (settings.nodeType.isPreviousGeneration) {
      Annotations.of(this).addWarningV2(
        'cdk-hitrust-redis:previousGenerationNodeType',
        `\`nodeType\` ${settings.nodeType} is a previous generation; use a current one such as cache.r7g.large`,
      );
    }
    if (settings.nodeType.isDataTiering && !settings.snapshotArchive) {
      Annotations.of(this).addWarningV2(
        'cdk-hitrust-redis:archiveUnavailable',
        `\`nodeType\` ${settings.nodeType} uses data tiering, whose snapshots cannot be exported: there is no archive beyond ` +
        'the 35 days of automatic snapshots (guide Step 5, HITRUST 1616.09l1); HitrustChecks reports it until you acknowledge it',
      );
    }
    if (settings.removalPolicy === RemovalPolicy.DESTROY) {
      Annotations.of(this).addWarningV2(
        'cdk-hitrust-redis:removalPolicyDestroy',
        '`removalPolicy` DESTROY deletes the cache without a final snapshot, and its key, secret and log groups (HITRUST 1616.09l1): ' +
        'use it for test stacks only. Such a group gets no snapshot archive (unless `snapshotArchive` says otherwise, which is an error): ' +
        'what S3 Object Lock keeps in compliance mode no one can delete, so the stack could not be destroyed cleanly; HitrustChecks reports the missing archive',
      );
    }
  }
}

/** Member node IDs as ElastiCache names them. */
function memberClusterIds(replicationGroupId: string, s: ResolvedSettings): string[] {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const nodesPerShard = s.replicasPerShard + 1;
  const ids: string[] = [];
  for (let shard = 1; shard <= s.shards; shard++) {
    for (let node = 1; node <= nodesPerShard; node++) {
      ids.push(s.clusterMode ? `${replicationGroupId}-${pad(shard, 4)}-${pad(node, 3)}` : `${replicationGroupId}-${pad(node, 3)}`);
    }
  }
  return ids;
}

/**
 * Node counts and placement: each node of a shard in another availability zone than the previous one
 * (round robin over the subnets' AZs), so a replica survives the loss of the primary's AZ.
 */
function placement(s: ResolvedSettings, azs: string[]): Partial<elasticache.CfnReplicationGroupProps> {
  const distinct = [...new Set(azs)];
  const az = (i: number) => distinct[i % distinct.length];
  const nodesPerShard = s.replicasPerShard + 1;
  if (!s.clusterMode) {
    return {
      numCacheClusters: nodesPerShard,
      preferredCacheClusterAZs: Array.from({ length: nodesPerShard }, (_, i) => az(i)),
    };
  }
  return {
    numNodeGroups: s.shards,
    replicasPerNodeGroup: s.replicasPerShard,
    nodeGroupConfiguration: Array.from({ length: s.shards }, (_, shard) => ({
      nodeGroupId: String(shard + 1).padStart(4, '0'),
      primaryAvailabilityZone: az(shard),
      replicaAvailabilityZones: Array.from({ length: s.replicasPerShard }, (_unused, r) => az(shard + 1 + r)),
      replicaCount: s.replicasPerShard,
    })),
  };
}
