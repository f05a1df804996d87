/**
 * How urgent a change is.
 *
 * Creating or deleting the cache, a node or a backup is CRITICAL; a change to what governs access or engine
 * behaviour is HIGH; any other configuration change is WARNING.
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
  /** What it means, for the README and the alert. */
  readonly description: string;
}
