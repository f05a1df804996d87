/**
 * How urgent a change is. The levels and their use follow the drift coverage document in seeds/
 * (CRITICAL for create/delete, HIGH for parameter-group changes, WARNING otherwise).
 */
export enum ChangeSeverity {
  /** Creation or deletion of the cache, a member node or a snapshot: possible loss or exposure of PHI. */
  CRITICAL = 'CRITICAL',
  /** A change to what governs access or engine behaviour: parameters, users, user groups, subnet group. */
  HIGH = 'HIGH',
  /** Any other configuration change made outside the deployment pipeline. */
  WARNING = 'WARNING',
}

/**
 * Which request parameter of a CloudTrail event names the resource it acts on, so that a rule can be scoped
 * to one replication group.
 */
export enum ChangeScope {
  /** `requestParameters.replicationGroupId` */
  REPLICATION_GROUP = 'replicationGroupId',
  /** `requestParameters.cacheClusterId` (a member node) */
  CACHE_CLUSTER = 'cacheClusterId',
  /** `requestParameters.cacheParameterGroupName` */
  PARAMETER_GROUP = 'cacheParameterGroupName',
  /** `requestParameters.cacheSubnetGroupName` */
  SUBNET_GROUP = 'cacheSubnetGroupName',
  /** `requestParameters.userId` */
  USER = 'userId',
  /** `requestParameters.userGroupId` */
  USER_GROUP = 'userGroupId',
  /** `requestParameters.snapshotName` (DeleteSnapshot), matched by the group's snapshot names */
  SNAPSHOT = 'snapshotName',
  /**
   * `requestParameters.sourceSnapshotName` (CopySnapshot, whose request parameters are sourceSnapshotName,
   * targetSnapshotName, targetBucket and kmsKeyId: it has no snapshotName)
   */
  SOURCE_SNAPSHOT = 'sourceSnapshotName',
}

/**
 * One CloudTrail event that change detection watches.
 */
export interface WatchedCacheEvent {
  /** The CloudTrail `eventName`. */
  readonly eventName: string;
  /** The alert's severity. */
  readonly severity: ChangeSeverity;
  /** The request parameter that scopes it to this group. */
  readonly scope: ChangeScope;
  /** Where the event comes from: 'seed' (the drift document's 12 events) or 'audit' (added for auditors). */
  readonly origin: string;
  /** What it means, for the README and the alert. */
  readonly description: string;
}

const seed = (eventName: string, severity: ChangeSeverity, scope: ChangeScope, description: string): WatchedCacheEvent =>
  ({ eventName, severity, scope, origin: 'seed', description });
const audit = (eventName: string, severity: ChangeSeverity, scope: ChangeScope, description: string): WatchedCacheEvent =>
  ({ eventName, severity, scope, origin: 'audit', description });

const { CRITICAL, HIGH, WARNING } = ChangeSeverity;

/**
 * The events watched: the drift document's 12 (whose own tool documents but never processes them), plus
 * the ones it misses and an auditor asks about.
 */
export const WATCHED_EVENTS: readonly WatchedCacheEvent[] = [
  // cache clusters (member nodes)
  seed('CreateCacheCluster', CRITICAL, ChangeScope.CACHE_CLUSTER, 'a node was added'),
  seed('DeleteCacheCluster', CRITICAL, ChangeScope.CACHE_CLUSTER, 'a node was deleted'),
  seed('ModifyCacheCluster', WARNING, ChangeScope.CACHE_CLUSTER, 'a node was reconfigured'),
  seed('RebootCacheCluster', WARNING, ChangeScope.CACHE_CLUSTER, 'a node was rebooted'),
  // the replication group
  seed('CreateReplicationGroup', CRITICAL, ChangeScope.REPLICATION_GROUP, 'the group was created outside the pipeline'),
  seed('DeleteReplicationGroup', CRITICAL, ChangeScope.REPLICATION_GROUP, 'the group was deleted'),
  seed('ModifyReplicationGroup', WARNING, ChangeScope.REPLICATION_GROUP, 'the group was reconfigured'),
  seed('IncreaseReplicaCount', WARNING, ChangeScope.REPLICATION_GROUP, 'replicas were added'),
  seed('DecreaseReplicaCount', WARNING, ChangeScope.REPLICATION_GROUP, 'replicas were removed'),
  // the parameter group
  seed('CreateCacheParameterGroup', WARNING, ChangeScope.PARAMETER_GROUP, 'a parameter group of the same name was created'),
  seed('DeleteCacheParameterGroup', WARNING, ChangeScope.PARAMETER_GROUP, 'the parameter group was deleted'),
  seed('ModifyCacheParameterGroup', HIGH, ChangeScope.PARAMETER_GROUP, 'engine parameters were changed'),
  // added for auditors
  audit('ResetCacheParameterGroup', HIGH, ChangeScope.PARAMETER_GROUP, 'engine parameters were reset to defaults'),
  audit('ModifyReplicationGroupShardConfiguration', WARNING, ChangeScope.REPLICATION_GROUP, 'shards were added or removed'),
  audit('TestFailover', WARNING, ChangeScope.REPLICATION_GROUP, 'a failover was forced'),
  audit('DeleteSnapshot', CRITICAL, ChangeScope.SNAPSHOT, 'a backup was deleted (HITRUST 1616.09l1)'),
  audit('CopySnapshot', HIGH, ChangeScope.SOURCE_SNAPSHOT, 'a backup was copied, possibly out of the account or to S3'),
  audit('ModifyUser', HIGH, ChangeScope.USER, 'a user\'s password or access string was changed'),
  audit('DeleteUser', HIGH, ChangeScope.USER, 'a user was deleted'),
  audit('ModifyUserGroup', HIGH, ChangeScope.USER_GROUP, 'users were added to or removed from the user group'),
  audit('DeleteUserGroup', HIGH, ChangeScope.USER_GROUP, 'the user group was deleted'),
  audit('ModifyCacheSubnetGroup', HIGH, ChangeScope.SUBNET_GROUP, 'the subnets the cache may use were changed (HITRUST 0805.01m1)'),
  audit('DeleteCacheSubnetGroup', HIGH, ChangeScope.SUBNET_GROUP, 'the subnet group was deleted'),
];
