import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { WATCHED_EVENTS } from './watched-event-list';
import { ChangeScope, ChangeSeverity, WatchedCacheEvent } from './watched-events';
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
   * ARNs of IAM roles whose calls are expected automation for EVERY watched event. Matched against
   * `userIdentity.sessionContext.sessionIssuer.arn`; calls by IAM users and the root user, whose records carry no
   * `sessionIssuer`, are always reported. Prefer `trustedCallers`, which trusts a role for its own events only.
   *
   * @default - no role is trusted for every event
   */
  readonly trustedRoleArns?: string[];

  /**
   * IAM roles whose calls of the given events are expected automation, not drift (e.g. the credential rotation's
   * ModifyUser, the snapshot export's CopySnapshot). The same role calling any other watched event is reported.
   *
   * @default - every caller but CloudFormation is reported
   */
  readonly trustedCallers?: TrustedCaller[];
}

/**
 * An IAM role whose calls of some events are expected automation.
 */
export interface TrustedCaller {
  /** The role's ARN (as CloudTrail records it in `userIdentity.sessionContext.sessionIssuer.arn`). */
  readonly roleArn: string;
  /** The CloudTrail event names the role is expected to call, e.g. `['ModifyUser']`. */
  readonly eventNames: string[];
}

/**
 * Change detection for a replication group: it reports every change made to the cache outside CloudFormation.
 *
 * An EventBridge rule per severity on the default bus matches the CloudTrail management events of ElastiCache that
 * act on this group, its member nodes, parameter group, subnet group, users, user groups and snapshots, made by
 * anyone but CloudFormation itself, and sends a readable message (severity, event, actor, resource, source IP, time)
 * to the topic.
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
      [ChangeScope.SNAPSHOT]: snapshotNames(group.replicationGroupId),
      [ChangeScope.SOURCE_SNAPSHOT]: snapshotNames(group.replicationGroupId),
    };
    const trustedFor = (eventName: string): string[] => [...new Set([
      ...(props.trustedRoleArns ?? []),
      ...(props.trustedCallers ?? []).filter((c) => c.eventNames.includes(eventName)).map((c) => c.roleArn),
    ])];
    this.watchedEvents = WATCHED_EVENTS.filter((e) => scopes[e.scope].length > 0);

    for (const severity of [ChangeSeverity.CRITICAL, ChangeSeverity.HIGH, ChangeSeverity.WARNING]) {
      const watched = this.watchedEvents.filter((e) => e.severity === severity);
      if (watched.length === 0) continue;
      const branches = new Map<string, Branch>();
      for (const e of watched) {
        const trusted = trustedFor(e.eventName);
        const key = JSON.stringify([e.scope, trusted]);
        const branch = branches.get(key) ?? { scope: e.scope, eventNames: [], trustedRoleArns: trusted };
        branch.eventNames.push(e.eventName);
        branches.set(key, branch);
      }

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
            },
            ...scoped([...branches.values()], scopes),
          },
        },
      });
      rule.addTarget(new targets.SnsTopic(props.topic, { message: alertMessage(severity, group.replicationGroupId) }));
      this.rules.push(rule);
    }
  }
}

/** Events of one scope that trust the same roles. */
interface Branch {
  readonly scope: ChangeScope;
  readonly eventNames: string[];
  readonly trustedRoleArns: string[];
}

/**
 * Each event matched only when its own request parameter names this group's resource, and, where roles are
 * trusted for it, only when the caller is not one of them. EventBridge requires `$or` to have at least two
 * branches, so a single branch is written inline.
 */
function scoped(branches: Branch[], scopes: { [scopeKey: string]: unknown[] }): { [key: string]: unknown } {
  const pattern = (b: Branch, scopeKey: string) => ({
    eventName: b.eventNames,
    requestParameters: { [scopeKey]: scopes[scopeKey] },
    ...(b.trustedRoleArns.length > 0 ? { userIdentity: notCalledBy(b.trustedRoleArns) } : {}),
  });
  const patterns = branches.flatMap((b) => b.scope === ChangeScope.CACHE_CLUSTER
    // a node added by hand under a name of its own names the group in `replicationGroupId` (CreateCacheCluster)
    ? [pattern(b, b.scope), pattern(b, ChangeScope.REPLICATION_GROUP)]
    : [pattern(b, b.scope)]);
  return patterns.length === 1 ? patterns[0] : { $or: patterns };
}

/**
 * Excludes calls made with the given roles' sessions. An `anything-but` matches only a field that is present, and
 * the records of IAM users and of the root user carry no `sessionContext.sessionIssuer`: without the
 * `exists: false` branch, their calls would never be reported.
 */
function notCalledBy(roleArns: string[]): { [key: string]: unknown } {
  return { sessionContext: { sessionIssuer: { arn: [{ 'anything-but': roleArns }, { exists: false }] } } };
}

/**
 * The names of the group's snapshots: automatic ones are `automatic.<group id>-<yyyy-mm-dd-hh-mm>`, manual ones are
 * matched when named after the group (`<group id>` or `<group id>-...`). The `-` after the ID keeps the snapshots
 * of a group whose ID merely starts with this one (`cache-a` and `cache-ab`) out.
 */
function snapshotNames(replicationGroupId: string): unknown[] {
  return [
    { prefix: `automatic.${replicationGroupId}-` },
    ignoreCase(replicationGroupId),
    { prefix: `${replicationGroupId}-` },
  ];
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
