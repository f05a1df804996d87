import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { allowAlarmsToPublish } from './alert-topic';
import { HitrustValidationError } from '../private/errors';
import type { IRedisReplicationGroup } from '../redis/replication-group-base';

/**
 * Alarm thresholds of the health metrics. The misuse metrics (authentication and authorization failures)
 * have no threshold to set: any failure is reported.
 */
export interface CacheAlarmThresholds {
  /**
   * Engine thread CPU, percent (average over 5 minutes, 3 periods in a row).
   *
   * @default 90
   */
  readonly engineCpuUtilizationPercent?: number;

  /**
   * Memory used, percent of maxmemory (average over 5 minutes, 3 periods in a row).
   *
   * @default 80
   */
  readonly databaseMemoryUsagePercent?: number;

  /**
   * Keys evicted in 5 minutes. A PHI cache that evicts keys loses data silently.
   *
   * @default 0
   */
  readonly evictions?: number;

  /**
   * Replication lag in seconds (maximum over 5 minutes, 3 periods in a row): the data a failover would lose.
   *
   * @default 30
   */
  readonly replicationLagSeconds?: number;

  /**
   * Client connections (maximum over 5 minutes): a surge can mean a leak or an attack.
   *
   * @default 5000
   */
  readonly currConnections?: number;
}

/**
 * Properties of `CacheAlarms`.
 */
export interface CacheAlarmsProps {
  /** The replication group to watch (its `memberClusterIds` decide the nodes). */
  readonly replicationGroup: IRedisReplicationGroup;

  /**
   * The topic every alarm notifies, on alarm and when it recovers.
   *
   * A topic created in the app gets a statement that lets CloudWatch alarms of this account publish (a topic
   * policy replaces SNS's default one); an encrypted topic's key must also allow `cloudwatch.amazonaws.com`
   * `kms:GenerateDataKey*` and `kms:Decrypt`. An imported topic's policies are its owner's to set.
   *
   * @default - alarms without actions
   */
  readonly topic?: sns.ITopic;

  /**
   * Thresholds of the health alarms.
   *
   * @default - see `CacheAlarmThresholds`
   */
  readonly thresholds?: CacheAlarmThresholds;

  /**
   * Whether to create a CloudWatch dashboard with every metric of every node.
   *
   * @default true
   */
  readonly dashboard?: boolean;
}

/** One alarm kind, created once per member node. */
interface AlarmSpec {
  readonly metricName: string;
  readonly statistic: string;
  readonly threshold: (t: Required<CacheAlarmThresholds>) => number;
  readonly evaluationPeriods: number;
  readonly what: string;
}

const DEFAULT_THRESHOLDS: Required<CacheAlarmThresholds> = {
  engineCpuUtilizationPercent: 90,
  databaseMemoryUsagePercent: 80,
  evictions: 0,
  replicationLagSeconds: 30,
  currConnections: 5000,
};

/** Misuse (guide Step 6: "alerting on irregularities indicative of misuse"): any failure in 5 minutes. */
const MISUSE: readonly AlarmSpec[] = [
  { metricName: 'AuthenticationFailures', statistic: 'Sum', threshold: () => 0, evaluationPeriods: 1, what: 'failed AUTH attempts' },
  { metricName: 'CommandAuthorizationFailures', statistic: 'Sum', threshold: () => 0, evaluationPeriods: 1, what: 'commands run without permission' },
  { metricName: 'KeyAuthorizationFailures', statistic: 'Sum', threshold: () => 0, evaluationPeriods: 1, what: 'keys accessed without permission' },
  { metricName: 'ChannelAuthorizationFailures', statistic: 'Sum', threshold: () => 0, evaluationPeriods: 1, what: 'channels accessed without permission' },
];

/** Health ("indicative of malfunction"). */
const HEALTH: readonly AlarmSpec[] = [
  { metricName: 'EngineCPUUtilization', statistic: 'Average', threshold: (t) => t.engineCpuUtilizationPercent, evaluationPeriods: 3, what: 'engine CPU percent' },
  { metricName: 'DatabaseMemoryUsagePercentage', statistic: 'Average', threshold: (t) => t.databaseMemoryUsagePercent, evaluationPeriods: 3, what: 'memory used percent' },
  { metricName: 'Evictions', statistic: 'Sum', threshold: (t) => t.evictions, evaluationPeriods: 1, what: 'keys evicted' },
  { metricName: 'ReplicationLag', statistic: 'Maximum', threshold: (t) => t.replicationLagSeconds, evaluationPeriods: 3, what: 'replication lag seconds' },
  { metricName: 'CurrConnections', statistic: 'Maximum', threshold: (t) => t.currConnections, evaluationPeriods: 1, what: 'client connections' },
];

/**
 * Misuse and health alarms for every member node of a replication group, all notifying one topic, and a dashboard.
 *
 * Every metric is alarmed on every node, not only on the first one or two as is common, because roles move:
 * after a failover, the replica whose lag was irrelevant is the one that matters.
 *
 * Evidences HITRUST 1202.09aa1, 1203.09aa1 and 1204.09aa1 (guide Step 6).
 */
export class CacheAlarms extends Construct {
  /** The metric names alarmed on every node: misuse first, then health. */
  public static readonly ALARMED_METRICS: string[] = [...MISUSE, ...HEALTH].map((s) => s.metricName);

  /** Every alarm, node by node. */
  public readonly alarms: cloudwatch.IAlarm[] = [];

  /** The dashboard, when created. */
  public readonly dashboard?: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: CacheAlarmsProps) {
    super(scope, id);
    const thresholds: Required<CacheAlarmThresholds> = { ...DEFAULT_THRESHOLDS, ...definedOnly(props.thresholds) };
    validateThresholds(thresholds);
    const group = props.replicationGroup;
    const action = props.topic ? new cw_actions.SnsAction(props.topic) : undefined;
    if (props.topic) allowAlarmsToPublish(props.topic);

    group.memberClusterIds.forEach((node, index) => {
      for (const spec of [...MISUSE, ...HEALTH]) {
        const threshold = spec.threshold(thresholds);
        const alarm = new cloudwatch.Alarm(this, `${spec.metricName}${nodeKey(group.replicationGroupId, node, index)}`, {
          metric: group.metric(spec.metricName, node, { statistic: spec.statistic, period: Duration.minutes(5) }),
          threshold,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: spec.evaluationPeriods,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
          alarmDescription: `ElastiCache ${node}: ${spec.what} above ${threshold} (${spec.metricName})`,
        });
        if (action) {
          alarm.addAlarmAction(action);
          alarm.addOkAction(action);
        }
        this.alarms.push(alarm);
      }
    });

    if (props.dashboard ?? true) {
      this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
        widgets: [[...MISUSE, ...HEALTH].map((spec) => new cloudwatch.GraphWidget({
          title: spec.metricName,
          width: 8,
          left: group.memberClusterIds.map((node) =>
            group.metric(spec.metricName, node, { statistic: spec.statistic, label: node })),
        }))],
      });
    }
  }
}

/**
 * A construct ID part for a node: its ID without the group ID (`-001`, `-0002-001`), which stays the same when
 * shards or replicas are added and contains no token even when the group ID is one.
 */
function nodeKey(replicationGroupId: string, node: string, index: number): string {
  const suffix = node.startsWith(replicationGroupId) ? node.slice(replicationGroupId.length) : `-${node}`;
  return Token.isUnresolved(suffix) ? `-node${index + 1}` : suffix;
}

function definedOnly(t: CacheAlarmThresholds | undefined): CacheAlarmThresholds {
  return Object.fromEntries(Object.entries(t ?? {}).filter(([, v]) => v !== undefined));
}

function validateThresholds(t: Required<CacheAlarmThresholds>): void {
  const problems: string[] = [];
  const check = (name: keyof CacheAlarmThresholds, max: number) => {
    const value = t[name];
    if (!(value >= 0 && value <= max)) problems.push(`\`thresholds.${name}\` must be from 0 to ${max}, got: ${value}`);
  };
  check('engineCpuUtilizationPercent', 100);
  check('databaseMemoryUsagePercent', 100);
  check('evictions', Number.MAX_SAFE_INTEGER);
  check('replicationLagSeconds', Number.MAX_SAFE_INTEGER);
  check('currConnections', 65000);
  if (problems.length > 0) {
    throw new HitrustValidationError('CacheAlarms', problems);
  }
}
