import { Token } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import { Construct } from 'constructs';
import * as defaults from './defaults';
import { snapshotRetentionPeriodFor } from './snapshot-retention-period';
import { HitrustValidationError } from '../private/errors';
import type { IRedisReplicationGroup } from '../redis/replication-group-base';

/** The AWS Config resource type of a replication group (aws-cdk-lib has no constant for it). */
const REPLICATION_GROUP = config.ResourceType.of('AWS::ElastiCache::ReplicationGroup');

/** AWS Config rule names: letters, digits, hyphens and underscores are safe everywhere. */
const CONFIG_RULE_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

/**
 * Properties of `CacheConfigRules`.
 */
export interface CacheConfigRulesProps {
  /** The replication group the rules evaluate (created here or imported). */
  readonly replicationGroup: IRedisReplicationGroup;

  /**
   * The least automatic-backup retention, in days, that the group must keep (the backup SOP; HITRUST 1616.09l1).
   *
   * A whole number from 1 to 35 (ElastiCache keeps automatic backups at most 35 days).
   *
   * @default 35
   */
  readonly minimumSnapshotRetentionDays?: number;

  /**
   * The KMS keys the group may be encrypted with at rest (`approvedKMSKeyIds` of
   * elasticache-repl-grp-encrypted-at-rest).
   *
   * AWS documents the parameter as key IDs but describes the rule as comparing the group's key ARN: pass what
   * DescribeReplicationGroups reports as `KmsKeyId` (the key ARN, e.g. `key.keyArn`).
   *
   * @default - any key: the rule checks only that encryption at rest is on
   */
  readonly approvedKmsKeyIds?: string[];

  /**
   * The user groups the group may use (`allowedUserGroupIDs` of elasticache-rbac-auth-enabled).
   *
   * @default - any user group: the rule checks only that RBAC is on (Redis OSS >= 6 and Valkey)
   */
  readonly allowedUserGroupIds?: string[];

  /**
   * Whether to create elasticache-rbac-auth-enabled. AWS Config: "The rule is NON_COMPLIANT if the Redis version is
   * 6 or above and 'UserGroupIds' is missing, empty, or does not match an entry provided by the
   * 'allowedUserGroupIDs' parameter": a group that authenticates with an AUTH token is non-compliant by definition,
   * so the rule would only ever report a known state. Set false for such a group.
   *
   * @see https://docs.aws.amazon.com/config/latest/developerguide/elasticache-rbac-auth-enabled.html
   * @default true
   */
  readonly rbacAuthentication?: boolean;

  /**
   * How often AWS Config evaluates the rules (they are periodic rules).
   *
   * @default config.MaximumExecutionFrequency.TWENTY_FOUR_HOURS
   */
  readonly maximumExecutionFrequency?: config.MaximumExecutionFrequency;
}

/** The check that an AUTH-token group fails by definition. */
const RBAC_CHECK_ID = 'RbacAuthentication';

/** What one rule needs: its managed rule, its name, what it evidences and its parameters. */
interface CacheConfigCheck {
  /** Construct ID of the rule. */
  readonly id: string;
  /** The managed rule identifier. */
  readonly identifier: string;
  /** Appended to the group ID in the rule name. */
  readonly nameSuffix: string;
  /** The guide step or SOP and the controls the rule evidences. */
  readonly evidences: string;
  /** What the rule checks, for its description. */
  readonly checks: (p: CheckInput) => string;
  /** The rule's input parameters, if any. */
  readonly inputParameters?: (p: CheckInput) => { [key: string]: string } | undefined;
}

/** The validated props a check sees. */
interface CheckInput {
  readonly minimumSnapshotRetentionDays: number;
  readonly approvedKmsKeyIds?: string[];
  readonly allowedUserGroupIds?: string[];
}

/** The five managed rules (identifiers verified against the AWS Config developer guide). */
const CACHE_CONFIG_CHECKS: readonly CacheConfigCheck[] = [
  {
    id: 'AutomaticBackup',
    identifier: config.ManagedRuleIdentifiers.ELASTICACHE_REDIS_CLUSTER_AUTOMATIC_BACKUP_CHECK,
    nameSuffix: 'automatic-backup',
    evidences: 'Backup SOP (CIS v8 3.4, 6.7, 6.8, 14.6), HITRUST 1616.09l1',
    checks: (p) => `automatic backups kept at least ${p.minimumSnapshotRetentionDays} days`,
    inputParameters: (p) => ({
      snapshotRetentionPeriod: String(snapshotRetentionPeriodFor(p.minimumSnapshotRetentionDays)),
    }),
  },
  {
    id: 'EncryptedAtRest',
    identifier: 'ELASTICACHE_REPL_GRP_ENCRYPTED_AT_REST',
    nameSuffix: 'encrypted-at-rest',
    evidences: 'Guide Step 4, HITRUST 0808.10b2, 0903.10f1',
    checks: (p) => `encryption at rest${p.approvedKmsKeyIds ? ' with an approved KMS key' : ''}`,
    inputParameters: (p) => (p.approvedKmsKeyIds ? { approvedKMSKeyIds: p.approvedKmsKeyIds.join(',') } : undefined),
  },
  {
    id: 'EncryptedInTransit',
    identifier: 'ELASTICACHE_REPL_GRP_ENCRYPTED_IN_TRANSIT',
    nameSuffix: 'encrypted-in-transit',
    evidences: 'Guide Step 4, HITRUST 0808.10b2, 0903.10f1',
    checks: () => 'encryption in transit (TLS)',
  },
  {
    id: 'AutomaticFailover',
    identifier: 'ELASTICACHE_REPL_GRP_AUTO_FAILOVER_ENABLED',
    nameSuffix: 'automatic-failover',
    evidences: 'Guide Step 3, HITRUST 1410.09e2',
    checks: () => 'automatic failover',
  },
  {
    id: RBAC_CHECK_ID,
    identifier: 'ELASTICACHE_RBAC_AUTH_ENABLED',
    nameSuffix: 'rbac-auth',
    evidences: 'Guide Step 2, HITRUST 0805.01m1',
    checks: (p) => `role-based access control${p.allowedUserGroupIds ? ' with an allowed user group' : ''}`,
    inputParameters: (p) => (p.allowedUserGroupIds ? { allowedUserGroupIDs: p.allowedUserGroupIds.join(',') } : undefined),
  },
];

/**
 * Runtime audit of a replication group with AWS Config managed rules (the backup SOP: deployed clusters are
 * audited, not only templates): automatic backups kept long enough (SOP, HITRUST 1616.09l1), encryption at rest
 * and in transit (0808.10b2, 0903.10f1), automatic failover (1410.09e2) and RBAC (0805.01m1).
 *
 * Each rule is scoped to the group (`AWS::ElastiCache::ReplicationGroup` with its ID) and named
 * `hitrust-<group id>-<check>`.
 *
 * AWS Config rules evaluate nothing unless an AWS Config configuration recorder is running in the account and
 * Region (AWS Control Tower and most landing zones set one up). The rules are periodic: AWS documents the scope
 * as what triggers an evaluation, so verify in the account that periodic results list only this group.
 *
 * @see https://docs.aws.amazon.com/config/latest/developerguide/elasticache-redis-cluster-automatic-backup-check.html
 * @see https://docs.aws.amazon.com/config/latest/developerguide/elasticache-rbac-auth-enabled.html
 */
export class CacheConfigRules extends Construct {
  /** elasticache-redis-cluster-automatic-backup-check. */
  public readonly automaticBackupRule: config.ManagedRule;
  /** elasticache-repl-grp-encrypted-at-rest. */
  public readonly encryptedAtRestRule: config.ManagedRule;
  /** elasticache-repl-grp-encrypted-in-transit. */
  public readonly encryptedInTransitRule: config.ManagedRule;
  /** elasticache-repl-grp-auto-failover-enabled. */
  public readonly automaticFailoverRule: config.ManagedRule;
  /** elasticache-rbac-auth-enabled (unless `rbacAuthentication` is false). */
  public readonly rbacAuthenticationRule?: config.ManagedRule;
  /** All the rules: five, or four without elasticache-rbac-auth-enabled. */
  public readonly rules: config.ManagedRule[];

  constructor(scope: Construct, id: string, props: CacheConfigRulesProps) {
    super(scope, id);
    const groupId = props.replicationGroup.replicationGroupId;
    const input: CheckInput = {
      minimumSnapshotRetentionDays: props.minimumSnapshotRetentionDays ?? defaults.DEFAULT_MINIMUM_SNAPSHOT_RETENTION_DAYS,
      approvedKmsKeyIds: props.approvedKmsKeyIds,
      allowedUserGroupIds: props.allowedUserGroupIds,
    };
    validateConfigRulesInput(groupId, input);

    const rbac = props.rbacAuthentication ?? true;
    this.rules = CACHE_CONFIG_CHECKS.filter((check) => rbac || check.id !== RBAC_CHECK_ID).map(
      (check) =>
        new config.ManagedRule(this, check.id, {
          identifier: check.identifier,
          configRuleName: configRuleName(groupId, check.nameSuffix),
          description: `${check.evidences}: ElastiCache ${groupId} has ${check.checks(input)}`,
          inputParameters: check.inputParameters?.(input),
          ruleScope: config.RuleScope.fromResource(REPLICATION_GROUP, groupId),
          maximumExecutionFrequency: props.maximumExecutionFrequency ?? config.MaximumExecutionFrequency.TWENTY_FOUR_HOURS,
        }),
    );
    [
      this.automaticBackupRule,
      this.encryptedAtRestRule,
      this.encryptedInTransitRule,
      this.automaticFailoverRule,
      this.rbacAuthenticationRule,
    ] = this.rules;
  }
}

/** `hitrust-<group id>-<check>`: deterministic, readable, and sorted by group in the AWS Config console. */
function configRuleName(groupId: string, suffix: string): string {
  return `hitrust-${groupId}-${suffix}`;
}

/** Throws one error listing every problem. Unresolved tokens are skipped. */
function validateConfigRulesInput(groupId: string, p: CheckInput): void {
  const problems: string[] = [];
  const days = p.minimumSnapshotRetentionDays;
  if (!Token.isUnresolved(days) && !(Number.isInteger(days) && days >= 1 && days <= defaults.MAX_SNAPSHOT_RETENTION_DAYS)) {
    problems.push(
      `\`minimumSnapshotRetentionDays\` must be a whole number from 1 to ${defaults.MAX_SNAPSHOT_RETENTION_DAYS} ` +
        `(ElastiCache keeps automatic backups at most ${defaults.MAX_SNAPSHOT_RETENTION_DAYS} days) for HITRUST 1616.09l1, got: ${days}`,
    );
  }
  for (const [prop, ids] of [['approvedKmsKeyIds', p.approvedKmsKeyIds], ['allowedUserGroupIds', p.allowedUserGroupIds]] as const) {
    if (ids === undefined) continue;
    const bad = ids.filter((v) => !Token.isUnresolved(v) && (v.trim() === '' || v.includes(',')));
    if (ids.length === 0 || bad.length > 0) {
      problems.push(
        `\`${prop}\` must list at least one ID, none empty or holding a comma (AWS Config takes them as CSV; ` +
          `omit the prop to accept any), got: [${ids.map((v) => `'${v}'`).join(', ')}]`,
      );
    }
  }
  const longest = CACHE_CONFIG_CHECKS.map((c) => configRuleName(groupId, c.nameSuffix)).reduce((a, b) => (b.length > a.length ? b : a));
  if (!Token.isUnresolved(groupId) && (longest.length > defaults.MAX_CONFIG_RULE_NAME_LENGTH || !CONFIG_RULE_NAME_PATTERN.test(longest))) {
    problems.push(
      '`replicationGroup` ID must be letters, digits, hyphens and underscores, short enough for AWS Config rule ' +
        `names (at most ${defaults.MAX_CONFIG_RULE_NAME_LENGTH} characters, e.g. '${longest}'), got: '${groupId}'`,
    );
  }
  if (problems.length > 0) throw new HitrustValidationError('CacheConfigRules', problems);
}
