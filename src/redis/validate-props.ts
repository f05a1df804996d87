import { RemovalPolicy, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { CacheAuthenticationMode } from './cache-authentication';
import * as defaults from './defaults';
import type { ResolvedSettings } from './settings';
import { parseDailyWindow, parseWeeklyWindow, windowsOverlap } from './windows';
import { MIN_ARCHIVE_RETENTION_DAYS } from '../private/baseline';

/** The settings a rule sees: the resolved settings plus the replication group ID. */
export interface ValidationInput extends ResolvedSettings {
  readonly replicationGroupId: string;
}

/**
 * One validation rule: `condition` is true when the input breaks it; `message` names the prop, the limit,
 * the HITRUST control (where one is at stake) and the value given.
 */
interface ValidationRule {
  readonly code: string;
  readonly condition: (s: ValidationInput) => boolean;
  readonly message: (s: ValidationInput) => string;
}

const known = (value: unknown) => !Token.isUnresolved(value);
const isWholeNumber = (n: number) => Number.isInteger(n);
const between = (n: number, min: number, max: number) => isWholeNumber(n) && n >= min && n <= max;

function retentionDays(s: ValidationInput): number {
  return s.snapshotRetention.toDays({ integral: false });
}

function windowMinutes(text: string, parse: typeof parseDailyWindow): number | undefined {
  return parse(text)?.length;
}

/** The rule table (STYLE.md §5). Each rule skips values that are unresolved tokens. */
export const VALIDATION_RULES: readonly ValidationRule[] = [
  // The version's format is checked by `CacheEngineVersion.of()`.
  {
    code: 'engineVersionEligible',
    condition: (s) => !s.engineVersion.isEligible,
    message: (s) =>
      '`engineVersion` must be HIPAA eligible and supported (Redis OSS >= 6.2 or Valkey >= 7.2) for HITRUST 0706.10b1, ' +
      `got: ${s.engineVersion}`,
  },
  {
    code: 'nodeTypeSnapshots',
    condition: (s) => !s.nodeType.supportsSnapshots,
    message: (s) => `\`nodeType\` must be able to take snapshots (not cache.t1.*) for HITRUST 1616.09l1, got: ${s.nodeType}`,
  },
  {
    code: 'port',
    condition: (s) => known(s.port) && !between(s.port, defaults.MIN_PORT, defaults.MAX_PORT),
    message: (s) => `\`port\` must be a whole number from ${defaults.MIN_PORT} to ${defaults.MAX_PORT}, got: ${s.port}`,
  },
  {
    code: 'clusterEnabledParameter',
    condition: (s) => 'cluster-enabled' in s.parameters,
    message: (s) =>
      `\`parameters\` must not set 'cluster-enabled' (it follows \`shards\`), got: '${s.parameters['cluster-enabled']}'`,
  },
  {
    code: 'shards',
    condition: (s) => known(s.shards) && !between(s.shards, 1, defaults.MAX_SHARDS),
    message: (s) => `\`shards\` must be a whole number from 1 to ${defaults.MAX_SHARDS}, got: ${s.shards}`,
  },
  {
    code: 'replicasPerShard',
    condition: (s) =>
      known(s.replicasPerShard) &&
      !between(s.replicasPerShard, defaults.MIN_REPLICAS_PER_SHARD, defaults.MAX_REPLICAS_PER_SHARD),
    message: (s) =>
      `\`replicasPerShard\` must be from ${defaults.MIN_REPLICAS_PER_SHARD} to ${defaults.MAX_REPLICAS_PER_SHARD} ` +
      `(Multi-AZ failover needs a replica) for HITRUST 1410.09e2 and 1601.12c1, got: ${s.replicasPerShard}`,
  },
  {
    code: 'alarmedNodes',
    condition: (s) => s.alarms && known(s.shards) && known(s.replicasPerShard) &&
      s.shards * (s.replicasPerShard + 1) > defaults.MAX_ALARMED_NODES,
    message: (s) =>
      `\`alarms\` create ${defaults.ALARMS_PER_NODE} alarms per node: at most ${defaults.MAX_ALARMED_NODES} nodes fit a CloudFormation stack ` +
      '(500 resources) beside the cache; set `alarms: false` and add `CacheAlarms` for this group in another stack (HITRUST 1202.09aa1), ' +
      `got: ${s.shards * (s.replicasPerShard + 1)} nodes (${s.shards} shards x ${s.replicasPerShard + 1})`,
  },
  {
    code: 'snapshotArchiveDataTiering',
    condition: (s) => s.snapshotArchive && s.nodeType.isDataTiering,
    message: (s) =>
      '`snapshotArchive` cannot export the snapshots of data-tiering node types (ElastiCache does not support it) for HITRUST ' +
      `1616.09l1: set it to false and archive otherwise, or choose another node type, got: ${s.nodeType}`,
  },
  {
    code: 'snapshotArchiveDestroy',
    condition: (s) => s.snapshotArchive && s.removalPolicy === RemovalPolicy.DESTROY,
    message: () =>
      '`snapshotArchive` cannot be true with `removalPolicy` DESTROY: the archive locks every export in S3 Object Lock compliance ' +
      'mode for at least 6 years, which no one can delete, so a stack meant to be destroyed would leave locked buckets behind ' +
      '(HITRUST 1616.09l1); leave `snapshotArchive` unset (test stacks get no archive) or keep the removal policy, got: true',
  },
  {
    code: 'snapshotWindowForArchive',
    condition: (s) => s.snapshotArchive && !known(s.snapshotWindow),
    message: () =>
      '`snapshotWindow` must be a literal \'hh24:mi-hh24:mi\' when `snapshotArchive` is on (the daily export is scheduled after ' +
      'it at synth) for HITRUST 1616.09l1, got: an unresolved token',
  },
  {
    code: 'archiveRetention',
    condition: (s) => s.snapshotArchive && s.archiveRetention !== undefined && !s.archiveRetention.isUnresolved() &&
      !between(s.archiveRetention.toDays({ integral: false }), MIN_ARCHIVE_RETENTION_DAYS, Number.MAX_SAFE_INTEGER),
    message: (s) =>
      `\`archiveRetention\` must be whole days, at least ${MIN_ARCHIVE_RETENTION_DAYS} (6 years, guide Step 5) for HITRUST 1616.09l1, ` +
      `got: ${s.archiveRetention!.toHumanString()}`,
  },
  {
    code: 'iamAuthVersion',
    condition: (s) => s.authentication.mode === CacheAuthenticationMode.IAM && !s.engineVersion.supportsIamAuth,
    message: (s) =>
      `\`authentication\` IAM needs Redis OSS >= 7.0 or Valkey >= 7.2 (HITRUST 0805.01m1), got: ${s.engineVersion}`,
  },
  {
    code: 'rbacUserName',
    condition: (s) => s.authentication.userName === 'default',
    message: () =>
      "`authentication` user name must not be 'default' (that user is always disabled) for HITRUST 0805.01m1, got: 'default'",
  },
  {
    code: 'accessStringNopass',
    condition: (s) => /(^|\s)nopass(\s|$)/.test(s.authentication.accessString ?? ''),
    message: (s) =>
      `\`authentication\` access string must not contain 'nopass' (a user without password) for HITRUST 1903.06d1, got: '${s.authentication.accessString}'`,
  },
  {
    code: 'snapshotRetention',
    condition: (s) =>
      !s.snapshotRetention.isUnresolved() &&
      !between(retentionDays(s), defaults.MIN_SNAPSHOT_RETENTION_DAYS, defaults.MAX_SNAPSHOT_RETENTION_DAYS),
    message: (s) =>
      `\`snapshotRetention\` must be whole days from ${defaults.MIN_SNAPSHOT_RETENTION_DAYS} to ` +
      `${defaults.MAX_SNAPSHOT_RETENTION_DAYS} for HITRUST 1616.09l1, got: ${s.snapshotRetention.toHumanString()}`,
  },
  {
    code: 'snapshotWindow',
    condition: (s) =>
      known(s.snapshotWindow) &&
      (windowMinutes(s.snapshotWindow, parseDailyWindow) ?? 0) < defaults.MIN_WINDOW_MINUTES,
    message: (s) =>
      `\`snapshotWindow\` must be 'hh24:mi-hh24:mi' (UTC) and at least ${defaults.MIN_WINDOW_MINUTES} minutes ` +
      `for HITRUST 1616.09l1, got: '${s.snapshotWindow}'`,
  },
  {
    code: 'maintenanceWindow',
    condition: (s) =>
      known(s.maintenanceWindow) &&
      (windowMinutes(s.maintenanceWindow, parseWeeklyWindow) ?? 0) < defaults.MIN_WINDOW_MINUTES,
    message: (s) =>
      `\`maintenanceWindow\` must be 'ddd:hh24:mi-ddd:hh24:mi' (UTC) and at least ${defaults.MIN_WINDOW_MINUTES} ` +
      `minutes, got: '${s.maintenanceWindow}'`,
  },
  {
    code: 'windowsOverlap',
    condition: (s) => {
      const daily = known(s.snapshotWindow) ? parseDailyWindow(s.snapshotWindow) : undefined;
      const weekly = known(s.maintenanceWindow) ? parseWeeklyWindow(s.maintenanceWindow) : undefined;
      return daily !== undefined && weekly !== undefined && windowsOverlap(daily, weekly);
    },
    message: (s) =>
      '`snapshotWindow` must not overlap `maintenanceWindow` (a snapshot during maintenance is skipped) for ' +
      `HITRUST 1616.09l1, got: '${s.snapshotWindow}' and '${s.maintenanceWindow}'`,
  },
  {
    code: 'logRetention',
    condition: (s) =>
      known(s.logRetention) &&
      s.logRetention !== logs.RetentionDays.INFINITE &&
      s.logRetention < defaults.MIN_LOG_RETENTION_DAYS,
    message: (s) =>
      `\`logRetention\` must be at least ${defaults.MIN_LOG_RETENTION_DAYS} days for HITRUST 1202.09aa1, got: ${s.logRetention} days`,
  },
  {
    code: 'replicationGroupId',
    condition: (s) =>
      known(s.replicationGroupId) &&
      !(
        s.replicationGroupId.length <= defaults.MAX_REPLICATION_GROUP_ID_LENGTH &&
        /^[a-z][a-z0-9-]*$/.test(s.replicationGroupId) &&
        !s.replicationGroupId.includes('--') &&
        !s.replicationGroupId.endsWith('-')
      ),
    message: (s) =>
      `\`replicationGroupId\` must be 1 to ${defaults.MAX_REPLICATION_GROUP_ID_LENGTH} lower-case letters, digits and ` +
      `hyphens, start with a letter, with no '--' and no trailing '-' (ElastiCache stores it lower case), got: '${s.replicationGroupId}'`,
  },
  {
    code: 'dataClassification',
    condition: (s) => known(s.dataClassification) && s.dataClassification.trim() === '',
    message: () => '`dataClassification` must not be empty (it tags every resource with the class of data it holds), got: \'\'',
  },
];

/** Every rule the input breaks, in table order. */
export function validationProblems(input: ValidationInput): string[] {
  return VALIDATION_RULES.filter((rule) => rule.condition(input)).map((rule) => rule.message(input));
}
