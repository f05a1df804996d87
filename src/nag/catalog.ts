import { NagMessageLevel } from 'cdk-nag';
import * as cloudtrail from './rules/cloudtrail';
import * as ec2 from './rules/ec2';
import * as elasticache from './rules/elasticache';
import * as kms from './rules/kms';
import * as logs from './rules/logs';
import * as monitoring from './rules/monitoring';
import * as secretsmanager from './rules/secretsmanager';
import * as sns from './rules/sns';
import type { HitrustRuleFunction, HitrustRuleOptions } from './utils/compliance';

/**
 * The rule catalog: the single source of truth for rule IDs, levels, HITRUST control IDs, guide steps and text.
 * The pack loops over it; RULES.md is rendered from it. Not exported from the package: it holds functions, which
 * jsii cannot express.
 */

/** A rule whose check depends on a pack option (built by a factory when the pack is created). */
export interface ConfigurableRule {
  /** Builds the rule function from the pack's options. */
  readonly configure: (options: HitrustRuleOptions) => HitrustRuleFunction;
}

/** The step of the HITRUST guide ('1'..'6') or the backup SOP ('SOP') a rule implements. */
export type GuideStep = '1' | '2' | '3' | '4' | '5' | '6' | 'SOP';

/** One catalog entry. */
export interface HitrustRule {
  /** The rule ID suffix: findings are `HITRUST.CSF-<id>`. Explicit, never derived from a file name. */
  readonly id: string;
  /** ERROR or WARN. Any unacknowledged finding fails synth whatever its level. */
  readonly level: NagMessageLevel;
  /** HITRUST CSF (and HIPAA / CIS v8) control IDs; each must exist in controls.ts. */
  readonly controls: readonly string[];
  /** Where the guide (or the SOP) asks for the setting. */
  readonly guideStep: GuideStep;
  /** What is wrong, one sentence without a final period (the pack appends the control IDs). */
  readonly info: string;
  /** Why it matters, what to do, and how deploy-time values are treated. */
  readonly explanation: string;
  /** The CloudFormation resource types the rule looks at. */
  readonly appliesTo: readonly string[];
  /** The pure rule, or a factory for rules with a configurable threshold. */
  readonly rule: HitrustRuleFunction | ConfigurableRule;
  /** The AWS Config managed rule that checks the same thing in a deployed account, if any. */
  readonly awsConfigRule?: string;
  /** The peer check this rule supersedes, and what the peer gets wrong. */
  readonly peer?: string;
}

/** The rule function of a catalog entry, built with the pack's options when the entry is configurable. */
export function ruleFunction(entry: HitrustRule, options: HitrustRuleOptions): HitrustRuleFunction {
  return typeof entry.rule === 'function' ? entry.rule : entry.rule.configure(options);
}

/** How the rules treat values they cannot read in the template (rendered into RULES.md). */
export const RESOLUTION_POLICY: readonly string[] = [
  'Rules judge every CfnResource of the app (raw L1s, L2s and L3s alike) as its template finally says it: a property an ' +
    'escape hatch wrote (`addPropertyOverride`, `addOverride`, `addPropertyDeletionOverride`) is read from the synthesized ' +
    'template, overrides merged; every other property from the L1, resolved with `Stack.resolve`. What the pack cannot ' +
    'see: changes made after synthesis (a template edited by hand, a CloudFormation macro or transform, a stack policy), ' +
    'values only known at deployment (below), and resources outside the app.',
  'A `Ref` or `Fn::GetAtt` to a resource of the same app counts as that resource, also across stacks ' +
    '(the token is reversed to its `Reference` target): a KmsKeyId that is the Arn of an AWS::KMS::Key is customer managed, ' +
    'a CacheParameterGroupName that is a Ref to an AWS::ElastiCache::ParameterGroup is the deployment\'s own group.',
  'A value that cannot be resolved (a CfnParameter, an Fn::ImportValue from outside the app, an Fn::If) fails closed where the ' +
    'value decides the control (a retention, a port, a boolean switch, a key that must be customer managed): the template ' +
    'proves nothing to an auditor. Acknowledge the finding with the reason if the deploy-time value is governed elsewhere.',
  'Where only presence matters (SnapshotWindow, NotificationTopicArn, a log group or trail KmsKeyId, SecurityGroupIds, ' +
    'UserGroupIds), a deploy-time value counts as set.',
  'An AuthToken must stay out of sight: a `{{resolve:secretsmanager:...}}` or `{{resolve:ssm-secure:...}}` dynamic ' +
    'reference, or a Ref to a CfnParameter with NoEcho and no Default, is compliant; a literal (a password in the template), ' +
    'a parameter with a Default or without NoEcho, and any other deploy-time value are not.',
  'An unresolvable Engine is checked like Redis OSS (every Redis rule applies) and flagged by ElastiCacheMemcached, since it ' +
    'could be Memcached.',
  'Rules never throw on tokens (imports, formatArn, Fn::Join, Fn::Select, Fn::ImportValue, CfnParameter, Lazy, Fn::If; a ' +
    'property test feeds them to every rule): every result is COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE. A finding says what ' +
    'it found where the rule can tell: the property, the value and the limit.',
  'AWS::ElastiCache::CacheCluster has no ReplicationGroupId in CloudFormation: every CacheCluster in a template is standalone. ' +
    'The nodes of a replication group are created by the ReplicationGroup and inherit its settings, so the group\'s ' +
    'findings cover them. A standalone Redis OSS / Valkey CacheCluster cannot fail over, be encrypted at rest or ' +
    'authenticate clients, and is non-compliant for those rules.',
  'Supporting rules (SNS, CloudWatch Logs, KMS, EC2 security groups, CloudTrail) apply to every resource of that type in the ' +
    'app: the pack cannot know which log group or key guards PHI. Acknowledge unrelated resources with a reason.',
];

const ELASTICACHE = ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster', 'AWS::ElastiCache::ServerlessCache'];
const NODE_BASED = ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster'];
const STEP_3_AVAILABILITY = ['1410.09e2', '1601.12c1', '1618.09l1', '1620.09l1'];
const STEP_4_ENCRYPTION = ['0808.10b2', '0903.10f1', '1903.06d1', '19141.06c1'];
const STEP_5_BACKUPS = ['1616.09l1', '1618.09l1', '1620.09l1'];
const STEP_6_LOGGING = ['1202.09aa1', '1203.09aa1', '1204.09aa1'];
// The backup SOP also cites CIS v8 6.7, 6.8 and 14.6 for automatic backups; their own titles (access control, RBAC,
// security awareness training) are not about backups, so no rule claims them: the evidence report shows them as the
// SOP's mapping. CIS v8 3.4 (data retention) is what a backup retention evidences.
const SOP_BACKUPS = ['CIS v8 3.4', '1616.09l1'];
const FAIL_CLOSED = 'A deploy-time value fails closed.';

/** Every rule of the HITRUST.CSF pack. */
export const HITRUST_RULES: readonly HitrustRule[] = [
  // --- Step 2: Redis settings ------------------------------------------------------------------
  {
    id: 'ElastiCacheEngineVersion',
    level: NagMessageLevel.ERROR,
    controls: ['0706.10b1'],
    guideStep: '2',
    appliesTo: ELASTICACHE,
    info: 'The ElastiCache cache does not pin a supported engine version: Redis OSS >= 6.2 or Valkey >= 7.2',
    explanation: 'AWS requires a current HIPAA-eligible engine to store PHI, and at-rest/in-transit encryption, RBAC, engine logs ' +
      'and auto minor upgrades all exist from Redis OSS 6.2 and Valkey 7.2. Set EngineVersion (MajorEngineVersion for ' +
      'serverless) explicitly: without it the cache gets whatever was latest on the day it was created, which the template ' +
      `cannot prove and which differs between environments. Redis OSS 4/5 are in extended support and 3.x is end of life. ${FAIL_CLOSED}`,
    rule: elasticache.ElastiCacheEngineVersion,
  },
  {
    id: 'ElastiCacheAutoMinorVersionUpgrade',
    level: NagMessageLevel.ERROR,
    controls: ['0706.10b1'],
    guideStep: '2',
    appliesTo: NODE_BASED,
    info: 'The ElastiCache cache turns automatic minor version upgrades off',
    explanation: 'Minor versions carry security fixes (vulnerability management). Remove AutoMinorVersionUpgrade: false (the ' +
      `default is true) and let upgrades happen in the maintenance window. Serverless caches always upgrade. ${FAIL_CLOSED}`,
    rule: elasticache.ElastiCacheAutoMinorVersionUpgrade,
    awsConfigRule: 'elasticache-auto-minor-version-upgrade-check',
    peer: 'Security Hub ElastiCache.2 looks at CacheCluster only and Control Tower CT.ELASTICACHE.PR.2 skips engine valkey: ' +
      'both miss Valkey replication groups.',
  },
  {
    id: 'ElastiCacheNonDefaultPort',
    level: NagMessageLevel.WARN,
    controls: ['0706.10b1'],
    guideStep: '2',
    appliesTo: NODE_BASED,
    info: 'The ElastiCache cache listens on the engine default port that scanners try first (6379 for Redis OSS and Valkey, ' +
      '11211 for Memcached), or its template does not show another port',
    explanation: 'The guide strongly recommends a non-default port so scanners looking for open Redis ports do not find it. Set ' +
      'Port (e.g. 6380, the default of CompliantRedisReplicationGroup); an unset Port is the default. Port is create-only: ' +
      'changing it replaces the cluster. Serverless caches have fixed ports: not applicable. This rule is the only place ' +
      'that reports 6379, also for CompliantRedisReplicationGroup; like every unacknowledged finding of the pack it fails ' +
      'synth, whatever its level: where clients cannot use another port, acknowledge it with the reason ' +
      `(\`HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT\`). ${FAIL_CLOSED}`,
    rule: elasticache.ElastiCacheNonDefaultPort,
    peer: 'AwsSolutions-AEC5 lets a valkey replication group on 6379 pass (it only knows the engine name redis).',
  },
  {
    id: 'ElastiCacheCustomParameterGroup',
    level: NagMessageLevel.ERROR,
    controls: ['0706.10b1'],
    guideStep: '2',
    appliesTo: NODE_BASED,
    info: 'The ElastiCache cache uses a default parameter group',
    explanation: 'Default parameter groups cannot be changed, so no hardening parameter can ever be set. Create an ' +
      'AWS::ElastiCache::ParameterGroup for the engine family (e.g. valkey8, redis7, with .cluster.on for cluster mode) and ' +
      'reference it in CacheParameterGroupName. A major upgrade must switch the group in the same update. A deploy-time name ' +
      'could be a default.* group and fails closed.',
    rule: elasticache.ElastiCacheCustomParameterGroup,
  },
  // --- Step 3: advanced settings (availability, network) ------------------------------------------
  {
    id: 'ElastiCacheMultiAZ',
    level: NagMessageLevel.ERROR,
    controls: STEP_3_AVAILABILITY,
    guideStep: '3',
    appliesTo: NODE_BASED,
    info: 'The ElastiCache cache is not Multi-AZ',
    explanation: 'HITRUST and HIPAA require availability: set MultiAZEnabled: true on the replication group. A standalone ' +
      'CacheCluster is one node in one AZ: use a ReplicationGroup. Serverless caches span AZs by design (not applicable). ' +
      FAIL_CLOSED,
    rule: elasticache.ElastiCacheMultiAZ,
    peer: 'AwsSolutions-AEC4 looks at ReplicationGroup only: a standalone Redis OSS or Valkey CacheCluster is never checked.',
  },
  {
    id: 'ElastiCacheAutomaticFailover',
    level: NagMessageLevel.ERROR,
    controls: STEP_3_AVAILABILITY,
    guideStep: '3',
    appliesTo: NODE_BASED,
    info: 'The ElastiCache cache does not fail over automatically',
    explanation: 'Without automatic failover a primary failure is an outage until someone promotes a replica. Set ' +
      'AutomaticFailoverEnabled: true (it needs a replica in every shard). A standalone CacheCluster cannot fail over. ' +
      FAIL_CLOSED,
    rule: elasticache.ElastiCacheAutomaticFailover,
    awsConfigRule: 'elasticache-repl-grp-auto-failover-enabled',
    peer: 'Control Tower CT.ELASTICACHE.PR.3 skips engine valkey.',
  },
  {
    id: 'ElastiCacheReplicaPerShard',
    level: NagMessageLevel.ERROR,
    controls: STEP_3_AVAILABILITY,
    guideStep: '3',
    appliesTo: NODE_BASED,
    info: 'An ElastiCache shard has no replica to fail over to',
    explanation: 'Multi-AZ and automatic failover need at least one replica per shard: NumCacheClusters >= 2 (cluster mode ' +
      'disabled), ReplicasPerNodeGroup >= 1, or ReplicaCount >= 1 in every NodeGroupConfiguration (a node group\'s own count ' +
      `wins). An absent count means no replica. A standalone CacheCluster has none. ${FAIL_CLOSED}`,
    rule: elasticache.ElastiCacheReplicaPerShard,
  },
  {
    id: 'ElastiCacheDistinctAZs',
    level: NagMessageLevel.ERROR,
    controls: STEP_3_AVAILABILITY,
    guideStep: '3',
    appliesTo: ['AWS::ElastiCache::ReplicationGroup'],
    info: 'The AZs given for the ElastiCache nodes put a shard in a single Availability Zone',
    explanation: 'The guide asks for at least one replica in a different AZ from its primary, or no preference (ElastiCache ' +
      'then spreads the nodes, which is compliant). When PreferredCacheClusterAZs or NodeGroupConfiguration AZs are given, ' +
      'each shard\'s nodes must span two AZs. Literal AZ names and Fn::Select over Fn::GetAZs are compared; other deploy-time ' +
      'AZs fail closed. PreferredCacheClusterAZs is create-only.',
    rule: elasticache.ElastiCacheDistinctAZs,
  },
  {
    id: 'ElastiCacheSubnetGroup',
    level: NagMessageLevel.ERROR,
    controls: ['0805.01m1'],
    guideStep: '3',
    appliesTo: ELASTICACHE,
    info: 'The ElastiCache cache is not in its own VPC subnet group',
    explanation: 'Network segregation: without CacheSubnetGroupName (or with `default`) the cache lands in the default VPC. ' +
      'Create an AWS::ElastiCache::SubnetGroup of private subnets and reference it; serverless caches need SubnetIds. ' +
      'CacheSubnetGroupName is create-only. A deploy-time name could be `default` and fails closed.',
    rule: elasticache.ElastiCacheSubnetGroup,
    awsConfigRule: 'elasticache-subnet-group-check',
    peer: 'AwsSolutions-AEC1 accepts the subnet group named default.',
  },
  // --- Step 4: security settings ---------------------------------------------------------------------
  {
    id: 'ElastiCacheSecurityGroups',
    level: NagMessageLevel.ERROR,
    controls: ['0805.01m1'],
    guideStep: '4',
    appliesTo: [...ELASTICACHE, 'AWS::ElastiCache::SecurityGroup', 'AWS::ElastiCache::SecurityGroupIngress'],
    info: 'The ElastiCache cache is not guarded by VPC security groups, or uses an EC2-Classic cache security group',
    explanation: 'A security group is the cache\'s firewall. Set SecurityGroupIds (VpcSecurityGroupIds on a CacheCluster) to ' +
      'groups that admit only the application. CacheSecurityGroupNames and AWS::ElastiCache::SecurityGroup are EC2-Classic, ' +
      'which no longer exists. Deploy-time IDs count as set.',
    rule: elasticache.ElastiCacheSecurityGroups,
  },
  {
    id: 'ElastiCacheAtRestEncryption',
    level: NagMessageLevel.ERROR,
    controls: STEP_4_ENCRYPTION,
    guideStep: '4',
    appliesTo: NODE_BASED,
    info: 'The ElastiCache cache is not encrypted at rest',
    explanation: 'PHI must be encrypted at rest, snapshots and swap included. Set AtRestEncryptionEnabled: true (create-only: ' +
      'changing it replaces the group). A CacheCluster cannot be encrypted at rest: use a ReplicationGroup. Serverless caches ' +
      `are always encrypted (see ElastiCacheCustomerManagedKey). ${FAIL_CLOSED}`,
    rule: elasticache.ElastiCacheAtRestEncryption,
    awsConfigRule: 'elasticache-repl-grp-encrypted-at-rest',
    peer: 'AwsSolutions-AEC3 looks at ReplicationGroup only: a CacheCluster, which cannot be encrypted at rest, is never checked.',
  },
  {
    id: 'ElastiCacheCustomerManagedKey',
    level: NagMessageLevel.ERROR,
    controls: STEP_4_ENCRYPTION,
    guideStep: '4',
    appliesTo: ELASTICACHE,
    info: 'The ElastiCache cache is not encrypted with a customer managed KMS key',
    explanation: 'With the AWS owned key (no KmsKeyId) or an AWS managed alias such as alias/aws/elasticache, nobody can ' +
      'restrict, audit or revoke use of the key. Set KmsKeyId to an AWS::KMS::Key with rotation on (create-only). A ' +
      'deploy-time key could be AWS managed and fails closed; a literal key ID is taken as customer managed.',
    rule: elasticache.ElastiCacheCustomerManagedKey,
    peer: 'AwsSolutions-AEC3 ignores KmsKeyId.',
  },
  {
    id: 'ElastiCacheTransitEncryption',
    level: NagMessageLevel.ERROR,
    controls: STEP_4_ENCRYPTION,
    guideStep: '4',
    appliesTo: NODE_BASED,
    info: 'The ElastiCache cache does not require TLS for every connection',
    explanation: 'Set TransitEncryptionEnabled: true and TransitEncryptionMode: required (absent means required). `preferred` ' +
      'still accepts plaintext: use it only for the migration deployment. `required` needs Redis OSS >= 7.0.5 or Valkey >= 7.2; ' +
      'Valkey groups must set TransitEncryptionEnabled explicitly. Serverless caches always require TLS. ' + FAIL_CLOSED,
    rule: elasticache.ElastiCacheTransitEncryption,
    awsConfigRule: 'elasticache-repl-grp-encrypted-in-transit',
    peer: 'AwsSolutions-AEC3 passes TransitEncryptionMode preferred, where plaintext connections are still accepted.',
  },
  {
    id: 'ElastiCacheAuthentication',
    level: NagMessageLevel.ERROR,
    controls: ['0805.01m1', '1903.06d1'],
    guideStep: '4',
    appliesTo: ELASTICACHE,
    info: 'Clients of the ElastiCache cache do not have to authenticate, or the AUTH token is not kept out of the template and the console',
    explanation: 'Use UserGroupIds (RBAC or IAM users: Redis OSS >= 6 and Valkey) or, below Redis 6, an AuthToken that stays out ' +
      'of sight: a `{{resolve:secretsmanager:...}}` or `{{resolve:ssm-secure:...}}` dynamic reference (also inside Fn::Join, as ' +
      'CDK renders `SecretValue.secretsManager`), or a Ref to a CfnParameter of the app with NoEcho: true and no Default. A ' +
      'literal AuthToken is a password in the template and the cloud assembly; a parameter Default is in the template too, ' +
      'and a parameter without NoEcho is shown in plain text by the console and DescribeStacks. Any other deploy-time value ' +
      '(an Fn::ImportValue, an Fn::If, a pseudo parameter) fails closed: the pack cannot see where it comes from, so ' +
      'acknowledge the finding with the reason if the token is governed elsewhere. Serverless caches need UserGroupId; a ' +
      'CacheCluster cannot authenticate. The guide has no separate ' +
      'authentication control: access to the PHI store is covered by network segregation (0805.01m1) and data protection ' +
      '(1903.06d1).',
    rule: elasticache.ElastiCacheAuthentication,
    awsConfigRule: 'elasticache-rbac-auth-enabled',
    peer: 'AwsSolutions-AEC6 requires an AuthToken and flags RBAC user groups: a false positive on Redis OSS 6+ and Valkey.',
  },
  {
    id: 'ElastiCacheUserPasswordRequired',
    level: NagMessageLevel.ERROR,
    controls: ['0805.01m1', '1903.06d1'],
    guideStep: '4',
    appliesTo: ['AWS::ElastiCache::User'],
    info: 'An ElastiCache user needs no password and is switched on',
    explanation: 'A user with NoPasswordRequired: true (or AuthenticationMode type no-password-required) is an open door to ' +
      'every group it belongs to. Give it passwords or IAM authentication, or switch it off: the `default` user a Redis user ' +
      `group needs should have an AccessString starting with \`off\`. ${FAIL_CLOSED}`,
    rule: elasticache.ElastiCacheUserPasswordRequired,
  },
  {
    id: 'ElastiCacheUserGroupMembers',
    level: NagMessageLevel.ERROR,
    controls: ['0805.01m1', '1903.06d1'],
    guideStep: '4',
    appliesTo: ['AWS::ElastiCache::UserGroup'],
    info: 'The ElastiCache user group holds members its engine does not accept',
    explanation: 'A VALKEY user group: "A user group configured for the "VALKEY" engine can only contain users who are using ' +
      'an authentication mechanism (either password or IAM)" (Amazon ElastiCache User Guide, Role-Based Access Control, ' +
      'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html); Valkey has no default-user requirement, so ' +
      'leave the `default` user out. A REDIS user group: "A user named default must be included" (AWS::ElastiCache::UserGroup ' +
      'UserIds); give it a `default` user with an AccessString starting with `off` (see ElastiCacheUserPasswordRequired). ' +
      'Either mistake fails the deployment. Members outside the app count as they are; a deploy-time list passes.',
    rule: elasticache.ElastiCacheUserGroupMembers,
  },
  {
    id: 'ElastiCacheMemcached',
    level: NagMessageLevel.ERROR,
    controls: [...STEP_4_ENCRYPTION, ...STEP_5_BACKUPS],
    guideStep: '4',
    appliesTo: ['AWS::ElastiCache::CacheCluster', 'AWS::ElastiCache::ServerlessCache'],
    info: 'The ElastiCache cache runs Memcached, which cannot meet the encryption-at-rest and backup controls',
    explanation: 'Node-based Memcached cannot be encrypted at rest and no Memcached cache can be backed up. Use Valkey or Redis ' +
      'OSS for PHI. If the cache holds no PHI, acknowledge this rule with that reason. An unresolvable Engine could be ' +
      'Memcached and fails closed.',
    rule: elasticache.ElastiCacheMemcached,
  },
  // --- Step 5: backups and maintenance -----------------------------------------------------------------
  {
    id: 'ElastiCacheAutomaticBackup',
    level: NagMessageLevel.ERROR,
    controls: SOP_BACKUPS,
    guideStep: 'SOP',
    appliesTo: ELASTICACHE,
    info: 'The ElastiCache cache does not take automatic backups',
    explanation: 'The backup SOP requires SnapshotRetentionLimit > 0 (the default 0 means no automatic backup). cache.t1.* ' +
      `node types cannot take snapshots: use a current generation. ${FAIL_CLOSED}`,
    rule: elasticache.ElastiCacheAutomaticBackup,
    awsConfigRule: 'elasticache-redis-cluster-automatic-backup-check',
    peer: 'HIPAA.Security / NIST.800.53 ElastiCacheRedisClusterAutomaticBackup never check a valkey CacheCluster.',
  },
  {
    id: 'ElastiCacheSnapshotRetention',
    level: NagMessageLevel.ERROR,
    controls: STEP_5_BACKUPS,
    guideStep: '5',
    appliesTo: ELASTICACHE,
    info: 'The ElastiCache cache keeps automatic snapshots for fewer days than required',
    explanation: 'The guide recommends keeping snapshots in ElastiCache for 35 days (the service maximum) and archiving them ' +
      'for at least 6 years beyond that. The minimum is the pack\'s minimumSnapshotRetentionDays (default 35). ' + FAIL_CLOSED,
    rule: { configure: (options) => elasticache.elastiCacheSnapshotRetention(options.minimumSnapshotRetentionDays) },
    awsConfigRule: 'elasticache-redis-cluster-automatic-backup-check',
    peer: 'HIPAA.Security / NIST.800.53 ElastiCacheRedisClusterAutomaticBackup require 15 days, not the guide\'s 35.',
  },
  {
    id: 'ElastiCacheSnapshotWindow',
    level: NagMessageLevel.ERROR,
    controls: STEP_5_BACKUPS,
    guideStep: '5',
    appliesTo: ELASTICACHE,
    info: 'The ElastiCache cache does not choose its daily backup window',
    explanation: 'The guide asks for a backup window aligned with the organisation\'s policies and SLAs: set SnapshotWindow ' +
      '(e.g. 03:00-05:00, not overlapping the maintenance window) or DailySnapshotTime for serverless. Deploy-time values count as set.',
    rule: elasticache.ElastiCacheSnapshotWindow,
  },
  {
    id: 'ElastiCacheSnapshotArchive',
    level: NagMessageLevel.WARN,
    controls: ['1616.09l1'],
    guideStep: '5',
    appliesTo: ['AWS::ElastiCache::ReplicationGroup'],
    info: 'The ElastiCache replication group has no snapshot archive locked for at least six years',
    explanation: 'ElastiCache keeps automatic snapshots at most 35 days; the guide recommends compliant archiving beyond ' +
      'that for at least 6 years. The group states its archive bucket in a tag, which any app can set on a plain ' +
      '`CfnReplicationGroup`: `hitrust:snapshot-archive-bucket` = the bucket\'s name, as a reference to an AWS::S3::Bucket ' +
      'of the app (`bucket.ref`) or its literal name (CompliantRedisReplicationGroup sets it). The rule verifies that ' +
      'bucket: ObjectLockEnabled, default retention in COMPLIANCE mode, at least 2190 days. It cannot see how snapshots ' +
      'reach the bucket (an export needs a staging bucket ElastiCache may write to, see SnapshotArchive). Warning level: ' +
      'the guide recommends rather than requires it. Data-tiering node types cannot export snapshots: acknowledge with the ' +
      'archive you use instead. A bucket outside the app or a deploy-time retention fails closed.',
    rule: elasticache.ElastiCacheSnapshotArchive,
    peer: 'No peer check looks beyond the 35 days ElastiCache itself keeps.',
  },
  {
    id: 'ElastiCacheMaintenanceWindow',
    level: NagMessageLevel.ERROR,
    controls: ['0706.10b1'],
    guideStep: '5',
    appliesTo: NODE_BASED,
    info: 'The ElastiCache cache does not choose its maintenance window',
    explanation: 'Patches (vulnerability management) are applied in the maintenance window: set PreferredMaintenanceWindow ' +
      '(e.g. sun:06:00-sun:07:00) so they land when the organisation expects. Serverless caches have none. Deploy-time values ' +
      'count as set.',
    rule: elasticache.ElastiCacheMaintenanceWindow,
  },
  {
    id: 'ElastiCacheNotificationTopic',
    level: NagMessageLevel.ERROR,
    controls: STEP_5_BACKUPS,
    guideStep: '5',
    appliesTo: NODE_BASED,
    info: 'The ElastiCache cache does not send its events to an SNS topic it can publish to',
    explanation: 'Failed snapshots, failovers and node replacements are only seen if NotificationTopicArn names an SNS topic ' +
      'that ElastiCache can publish to. AWS: "The Amazon SNS topic you are publishing to cannot be encrypted" and "the ' +
      'topic\'s access policy must use the aws:SourceOwner condition key, not aws:SourceAccount" (Amazon ElastiCache User ' +
      'Guide, Managing ElastiCache Amazon SNS notifications, https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ECEvents.SNS.html): ' +
      'a topic of the app with a KmsMasterKeyId is non-compliant, since ElastiCache marks it inactive and delivers nothing. ' +
      'Such a topic carries event notifications only, never cached data; SNSTopicCustomerManagedKey does not apply to it. ' +
      'Serverless caches have no notification topic. A topic outside the app (literal ARN, import, parameter) counts as set.',
    rule: elasticache.ElastiCacheNotificationTopic,
  },
  // --- Step 6: logging and monitoring --------------------------------------------------------------------
  {
    id: 'ElastiCacheLogDelivery',
    level: NagMessageLevel.ERROR,
    controls: STEP_6_LOGGING,
    guideStep: '6',
    appliesTo: NODE_BASED,
    info: 'The ElastiCache cache does not deliver both its slow log and its engine log',
    explanation: 'Add LogDeliveryConfigurations for slow-log (Redis OSS >= 6.0 / Valkey) and engine-log (Redis OSS >= 6.2 / ' +
      'Valkey), to CloudWatch Logs (a log group under /aws/vendedlogs/ avoids the resource-policy size limit) or Kinesis ' +
      'Data Firehose. Serverless caches have no log delivery. A deploy-time list fails closed.',
    rule: elasticache.ElastiCacheLogDelivery,
  },
  {
    id: 'SNSTopicCustomerManagedKey',
    level: NagMessageLevel.ERROR,
    controls: ['0903.10f1', '12100.09ab2'],
    guideStep: '6',
    appliesTo: ['AWS::SNS::Topic'],
    info: 'The SNS topic is not encrypted with a customer managed KMS key',
    explanation: 'Set KmsMasterKeyId to an AWS::KMS::Key whose policy lets the publishers use it (events.amazonaws.com, ' +
      'cloudwatch.amazonaws.com). Under the AWS managed alias/aws/sns key, CloudWatch alarms and EventBridge rules cannot ' +
      'publish and the alert is lost silently ("you cannot modify the AWS managed key for Amazon SNS"). A deploy-time key ' +
      'could be alias/aws/sns and fails closed. Not applicable to a topic that an ElastiCache cache of the app names as its ' +
      'NotificationTopicArn: "The Amazon SNS topic you are publishing to cannot be encrypted" (Amazon ElastiCache User Guide); ' +
      'see ElastiCacheNotificationTopic.',
    rule: sns.SNSTopicCustomerManagedKey,
    awsConfigRule: 'sns-encrypted-kms',
    peer: 'HIPAA.Security-SNSEncryptedKMS and NIST.800.53.R5-SNSEncryptedKMS accept alias/aws/sns.',
  },
  {
    id: 'SNSTopicSSLOnly',
    level: NagMessageLevel.ERROR,
    controls: ['0903.10f1', '12100.09ab2'],
    guideStep: '6',
    appliesTo: ['AWS::SNS::Topic'],
    info: 'The SNS topic accepts publishing over plain HTTP',
    explanation: 'Add an AWS::SNS::TopicPolicy whose Topics list references the topic and which denies sns:Publish to ' +
      'everyone when aws:SecureTransport is false (the L2 Topic writes it with enforceSSL: true). A policy that cannot be ' +
      'resolved does not count.',
    rule: sns.SNSTopicSSLOnly,
    peer: 'AwsSolutions-SNS3 skips the policy check when the topic has any KmsMasterKeyId and looks only in the topic\'s own stack.',
  },
  {
    id: 'CloudWatchLogGroupEncrypted',
    level: NagMessageLevel.ERROR,
    controls: ['0903.10f1', '1202.09aa1'],
    guideStep: '6',
    appliesTo: ['AWS::Logs::LogGroup'],
    info: 'The CloudWatch log group is not encrypted with a KMS key',
    explanation: 'Slow logs hold command arguments, which can be PHI. Set KmsKeyId to a customer managed key whose policy ' +
      'allows logs.<region>.amazonaws.com. CloudWatch Logs only takes customer managed keys, so a deploy-time ARN counts as set.',
    rule: logs.CloudWatchLogGroupEncrypted,
    awsConfigRule: 'cloudwatch-log-group-encrypted',
  },
  {
    id: 'CloudWatchLogGroupRetention',
    level: NagMessageLevel.ERROR,
    controls: STEP_6_LOGGING,
    guideStep: '6',
    appliesTo: ['AWS::Logs::LogGroup'],
    info: 'The CloudWatch log group keeps its events for less than 365 days',
    explanation: 'The guide requires records to be kept for 90 days and archived for at least a year. Set RetentionInDays to ' +
      `365 or more (365, 400, 545, 731, 1827, 3653 are accepted by every common checker), or leave it unset (never expire). ${FAIL_CLOSED}`,
    rule: logs.CloudWatchLogGroupRetention,
    awsConfigRule: 'cw-loggroup-retention-period-check',
  },
  {
    id: 'KMSKeyRotation',
    level: NagMessageLevel.ERROR,
    controls: ['0903.10f1', '19141.06c1'],
    guideStep: '4',
    appliesTo: ['AWS::KMS::Key'],
    info: 'The symmetric KMS key does not rotate automatically',
    explanation: 'Set EnableKeyRotation: true on symmetric encryption keys. Asymmetric, HMAC, imported-material and custom ' +
      `key store keys cannot rotate automatically (not applicable). ${FAIL_CLOSED}`,
    rule: kms.KMSKeyRotation,
    awsConfigRule: 'cmk-backing-key-rotation-enabled',
  },
  {
    id: 'SecretsManagerSecretRotation',
    level: NagMessageLevel.ERROR,
    controls: ['0805.01m1', '1903.06d1'],
    guideStep: '4',
    appliesTo: ['AWS::SecretsManager::Secret'],
    info: 'The Secrets Manager secret is not rotated automatically at least once a year',
    explanation: 'Cache passwords and AUTH tokens must be rotated regularly (the drift document: "Rotate auth tokens ' +
      'regularly"). Add an AWS::SecretsManager::RotationSchedule for the secret (CompliantRedisReplicationGroup does, ' +
      'every 30 days) with RotationRules.AutomaticallyAfterDays or a rate() of at most 365 days; a cron() expression ' +
      'repeats at least yearly. A deploy-time interval fails closed.',
    rule: secretsmanager.SecretsManagerSecretRotation,
    awsConfigRule: 'secretsmanager-scheduled-rotation-success-check',
    peer: 'AwsSolutions-SMG4 and HIPAA/NIST SecretsManagerRotationEnabled check that a schedule exists, not how often it rotates.',
  },
  {
    id: 'EC2SecurityGroupNoPublicIngress',
    level: NagMessageLevel.ERROR,
    controls: ['0805.01m1'],
    guideStep: '4',
    appliesTo: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    info: 'The security group admits traffic from the whole internet (0.0.0.0/0 or ::/0)',
    explanation: 'The guide asks for properly scoped security groups in front of the cache. The rule looks at every port of ' +
      'every security group of the app (it cannot know which groups lead to the cache): admit security groups or prefix ' +
      'lists instead, and acknowledge a public load balancer\'s group with the reason. The CidrBlock of a VPC or subnet ' +
      'of the app read with Fn::GetAtt (as interface endpoints do) is that resource\'s own CidrBlock; any other ' +
      'deploy-time CIDR fails closed.',
    rule: ec2.EC2SecurityGroupNoPublicIngress,
  },
  {
    id: 'CloudWatchAlarmAction',
    level: NagMessageLevel.ERROR,
    controls: ['1202.09aa1', '1203.09aa1', '1204.09aa1'],
    guideStep: '6',
    appliesTo: ['AWS::CloudWatch::Alarm'],
    info: 'The CloudWatch alarm notifies no one',
    explanation: 'The guide asks for alerting on irregularities indicative of malfunction or misuse: an alarm that only ' +
      'changes state alerts nobody. Give it an alarm action (an SNS topic encrypted with a customer-managed key) and ' +
      'leave ActionsEnabled on. A deploy-time action list counts as set; a deploy-time ActionsEnabled fails closed.',
    rule: monitoring.CloudWatchAlarmAction,
    awsConfigRule: 'cloudwatch-alarm-action-check',
    peer: 'NIST.800.53.R5-CloudWatchAlarmAction also accepts an alarm whose only action is an OK or INSUFFICIENT_DATA action.',
  },
  {
    id: 'EventBridgeRuleTarget',
    level: NagMessageLevel.ERROR,
    controls: ['1202.09aa1', '12100.09ab2'],
    guideStep: '6',
    appliesTo: ['AWS::Events::Rule'],
    info: 'The EventBridge rule is disabled or has no target',
    explanation: 'Change detection matches CloudTrail events with EventBridge rules: a disabled rule, or one without a ' +
      'target, detects changes nobody hears of. Keep State ENABLED and give it a target (the notification topic). A ' +
      'deploy-time target list counts as set; a deploy-time State fails closed.',
    rule: monitoring.EventBridgeRuleTarget,
  },
  {
    id: 'CloudTrailLogging',
    level: NagMessageLevel.ERROR,
    controls: ['1202.09aa1', '1203.09aa1'],
    guideStep: '6',
    appliesTo: ['AWS::CloudTrail::Trail'],
    info: 'The CloudTrail trail is not logging',
    explanation: `Audit logging must always be on while the system is active: set IsLogging: true. ${FAIL_CLOSED}`,
    rule: cloudtrail.CloudTrailLogging,
    awsConfigRule: 'cloudtrail-enabled',
  },
  {
    id: 'CloudTrailMultiRegion',
    level: NagMessageLevel.ERROR,
    controls: ['1202.09aa1', '1270.09ad1'],
    guideStep: '6',
    appliesTo: ['AWS::CloudTrail::Trail'],
    info: 'The CloudTrail trail records a single region',
    explanation: 'The audit trail must cover every action, privileged ones included, in every region: set ' +
      `IsMultiRegionTrail: true. ${FAIL_CLOSED}`,
    rule: cloudtrail.CloudTrailMultiRegion,
    awsConfigRule: 'multi-region-cloudtrail-enabled',
  },
  {
    id: 'CloudTrailLogFileValidation',
    level: NagMessageLevel.ERROR,
    controls: ['1202.09aa1', '1270.09ad1'],
    guideStep: '6',
    appliesTo: ['AWS::CloudTrail::Trail'],
    info: 'The CloudTrail trail does not validate its log files',
    explanation: `Set EnableLogFileValidation: true so tampering with delivered audit records can be detected. ${FAIL_CLOSED}`,
    rule: cloudtrail.CloudTrailLogFileValidation,
    awsConfigRule: 'cloud-trail-log-file-validation-enabled',
  },
  {
    id: 'CloudTrailEncrypted',
    level: NagMessageLevel.ERROR,
    controls: ['1202.09aa1', '1270.09ad1'],
    guideStep: '6',
    appliesTo: ['AWS::CloudTrail::Trail'],
    info: 'The CloudTrail trail is not encrypted with a KMS key',
    explanation: 'Set KMSKeyId to a customer managed key so reading the audit trail needs key permission. CloudTrail only ' +
      'takes customer managed keys, so a deploy-time ARN counts as set.',
    rule: cloudtrail.CloudTrailEncrypted,
    awsConfigRule: 'cloud-trail-encryption-enabled',
  },
  {
    id: 'CloudTrailCloudWatchLogs',
    level: NagMessageLevel.ERROR,
    controls: ['12100.09ab2', '1202.09aa1'],
    guideStep: '6',
    appliesTo: ['AWS::CloudTrail::Trail'],
    info: 'The CloudTrail trail does not send its events to CloudWatch Logs',
    explanation: 'Alerting on irregularities needs the events where metric filters and alarms can see them: set ' +
      'CloudWatchLogsLogGroupArn (and CloudWatchLogsRoleArn). Deploy-time ARNs count as set.',
    rule: cloudtrail.CloudTrailCloudWatchLogs,
    awsConfigRule: 'cloud-trail-cloud-watch-logs-enabled',
  },
];
