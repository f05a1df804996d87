import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ChangeScope, ChangeSeverity, WATCHED_EVENTS, WatchedCacheEvent } from './watched-events';
import type { IRedisReplicationGroup } from '../redis/replication-group-base';

/** CloudFormation's own calls carry this `invokedBy`; they are the deployment, not drift. */
const CLOUDFORMATION = 'cloudformation.amazonaws.com';

/**
 * Properties of a `CacheChangeDetection`.
 */
export interface CacheChangeDetectionProps {
  /** The replication group whose changes are watched. */
  readonly replicationGroup: IRedisReplicationGroup;

  /** The topic that receives one readable message per change. */
  readonly topic: sns.ITopic;

  /**
   * The parameter group's name.
   *
   * @default - parameter group events are not watched
   */
  readonly parameterGroupName?: string;

  /**
   * The subnet group's name.
   *
   * @default - subnet group events are not watched
   */
  readonly subnetGroupName?: string;

  /**
   * IDs of the users of the group's user group.
   *
   * @default - user events are not watched
   */
  readonly userIds?: string[];

  /**
   * IDs of the group's user groups.
   *
   * @default - user group events are not watched
   */
  readonly userGroupIds?: string[];

  /**
   * ARNs of IAM roles whose calls are expected automation, not drift (e.g. the credential rotation and the
   * snapshot export functions). Matched against `userIdentity.sessionContext.sessionIssuer.arn`.
   *
   * @default - every caller but CloudFormation is reported
   */
  readonly trustedRoleArns?: string[];
}

/**
 * Change detection for a replication group (the drift seed, done natively): an EventBridge rule per severity
 * on the default bus matches the CloudTrail management events of ElastiCache that act on this group, its
 * member nodes, parameter group, subnet group, users, user groups and snapshots, made by anyone but
 * CloudFormation itself, and sends a readable message (severity, event, actor, resource, source IP, time) to the
 * topic.
 *
 * Events reach EventBridge only where a CloudTrail trail logs management events (HITRUST 12100.09ab2).
 *
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/logging-using-cloudtrail.html
 */
export class CacheChangeDetection extends Construct {
  /** Every event that a `CacheChangeDetection` can watch, with its severity. */
  public static readonly WATCHED_EVENTS: WatchedCacheEvent[] = [...WATCHED_EVENTS];

  /** One rule per severity that has events in scope. */
  public readonly rules: events.IRule[] = [];

  /** The events watched, given what was in scope. */
  public readonly watchedEvents: WatchedCacheEvent[];

  constructor(scope: Construct, id: string, props: CacheChangeDetectionProps) {
    super(scope, id);
    const group = props.replicationGroup;
    const scopes: { [scopeKey: string]: unknown[] } = {
      [ChangeScope.REPLICATION_GROUP]: [group.replicationGroupId].map(ignoreCase),
      [ChangeScope.CACHE_CLUSTER]: group.memberClusterIds.map(ignoreCase),
      [ChangeScope.PARAMETER_GROUP]: optional(props.parameterGroupName).map(ignoreCase),
      [ChangeScope.SUBNET_GROUP]: optional(props.subnetGroupName).map(ignoreCase),
      [ChangeScope.USER]: (props.userIds ?? []).map(ignoreCase),
      [ChangeScope.USER_GROUP]: (props.userGroupIds ?? []).map(ignoreCase),
      // automatic snapshots are named automatic.<group id>-<date>; manual ones by convention start with the group id
      [ChangeScope.SNAPSHOT]: [{ prefix: `automatic.${group.replicationGroupId}` }, { prefix: group.replicationGroupId }],
    };
    this.watchedEvents = WATCHED_EVENTS.filter((e) => scopes[e.scope].length > 0);

    for (const severity of [ChangeSeverity.CRITICAL, ChangeSeverity.HIGH, ChangeSeverity.WARNING]) {
      const watched = this.watchedEvents.filter((e) => e.severity === severity);
      if (watched.length === 0) continue;
      const byScope = new Map<ChangeScope, string[]>();
      for (const e of watched) byScope.set(e.scope, [...(byScope.get(e.scope) ?? []), e.eventName]);

      const rule = new events.Rule(this, `${title(severity)}Changes`, {
        description: `${severity} changes to ElastiCache ${group.replicationGroupId} made outside CloudFormation`,
        eventPattern: {
          source: ['aws.elasticache'],
          detailType: ['AWS API Call via CloudTrail'],
          detail: {
            eventSource: ['elasticache.amazonaws.com'],
            eventName: watched.map((e) => e.eventName),
            userIdentity: {
              // the `exists: false` branch is required: console and CLI calls carry no invokedBy
              invokedBy: [{ 'anything-but': [CLOUDFORMATION] }, { exists: false }],
              ...(props.trustedRoleArns && props.trustedRoleArns.length > 0
                ? { sessionContext: { sessionIssuer: { arn: [{ 'anything-but': props.trustedRoleArns }] } } }
                : {}),
            },
            ...scoped(byScope, scopes),
          },
        },
      });
      rule.addTarget(new targets.SnsTopic(props.topic, { message: alertMessage(severity, group.replicationGroupId) }));
      this.rules.push(rule);
    }
  }
}

/**
 * Each event matched only when its own request parameter names this group's resource. EventBridge requires
 * `$or` to have at least two branches, so a single scope is written inline.
 */
function scoped(byScope: Map<ChangeScope, string[]>, scopes: { [scopeKey: string]: unknown[] }): { [key: string]: unknown } {
  const branches = [...byScope.entries()].map(([scopeKey, eventNames]) => ({
    eventName: eventNames,
    requestParameters: { [scopeKey]: scopes[scopeKey] },
  }));
  return branches.length === 1 ? branches[0] : { $or: branches };
}

/** IDs typed in the console or CLI may differ in case from the stored (lower-case) ones. */
function ignoreCase(value: string): { 'equals-ignore-case': string } {
  return { 'equals-ignore-case': value };
}

function optional(value: string | undefined): string[] {
  return value === undefined ? [] : [value];
}

function title(severity: ChangeSeverity): string {
  return severity.charAt(0) + severity.slice(1).toLowerCase();
}

/** One line a person reads: what, who, from where, when, on what. */
function alertMessage(severity: ChangeSeverity, replicationGroupId: string): events.RuleTargetInput {
  const f = (p: string) => events.EventField.fromPath(p);
  return events.RuleTargetInput.fromText(
    `[${severity}] ElastiCache ${f('$.detail.eventName')} on ${replicationGroupId} by ${f('$.detail.userIdentity.arn')} ` +
    `from ${f('$.detail.sourceIPAddress')} at ${f('$.detail.eventTime')} (account ${f('$.account')}, ${f('$.region')}). ` +
    `Request: ${f('$.detail.requestParameters')}. Made outside CloudFormation: review it against the change record.`,
  );
}
