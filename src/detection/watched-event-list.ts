import { ChangeScope, ChangeSeverity, WatchedCacheEvent } from './watched-events';

// Internal module: not re-exported by the barrel (jsii omits runtime constants); the public copy of the list is
// `CacheChangeDetection.WATCHED_EVENTS`.

const watch = (eventName: string, severity: ChangeSeverity, scope: ChangeScope, description: string): WatchedCacheEvent =>
  ({ eventName, severity, scope, description });

const { CRITICAL, HIGH, WARNING } = ChangeSeverity;

/**
 * The events watched: the 12 of the original drift-detection design (whose own tool documents but never processes
 * them), plus the ones it misses and an auditor asks about.
 */
export const WATCHED_EVENTS: readonly WatchedCacheEvent[] = [
  // the 12 events of the original drift-detection design
  // cache clusters (member nodes)
  watch('CreateCacheCluster', CRITICAL, ChangeScope.CACHE_CLUSTER, 'a node was added'),
  watch('DeleteCacheCluster', CRITICAL, ChangeScope.CACHE_CLUSTER, 'a node was deleted'),
  watch('ModifyCacheCluster', WARNING, ChangeScope.CACHE_CLUSTER, 'a node was reconfigured'),
  watch('RebootCacheCluster', WARNING, ChangeScope.CACHE_CLUSTER, 'a node was rebooted'),
  // the replication group
  watch('CreateReplicationGroup', CRITICAL, ChangeScope.REPLICATION_GROUP, 'the group was created outside the pipeline'),
  watch('DeleteReplicationGroup', CRITICAL, ChangeScope.REPLICATION_GROUP, 'the group was deleted'),
  watch('ModifyReplicationGroup', WARNING, ChangeScope.REPLICATION_GROUP, 'the group was reconfigured'),
  watch('IncreaseReplicaCount', WARNING, ChangeScope.REPLICATION_GROUP, 'replicas were added'),
  watch('DecreaseReplicaCount', WARNING, ChangeScope.REPLICATION_GROUP, 'replicas were removed'),
  // the parameter group
  watch('CreateCacheParameterGroup', WARNING, ChangeScope.PARAMETER_GROUP, 'a parameter group of the same name was created'),
  watch('DeleteCacheParameterGroup', WARNING, ChangeScope.PARAMETER_GROUP, 'the parameter group was deleted'),
  watch('ModifyCacheParameterGroup', HIGH, ChangeScope.PARAMETER_GROUP, 'engine parameters were changed'),
  // added for auditors
  watch('ResetCacheParameterGroup', HIGH, ChangeScope.PARAMETER_GROUP, 'engine parameters were reset to defaults'),
  watch('ModifyReplicationGroupShardConfiguration', WARNING, ChangeScope.REPLICATION_GROUP, 'shards were added or removed'),
  watch('TestFailover', WARNING, ChangeScope.REPLICATION_GROUP, 'a failover was forced'),
  watch('DeleteSnapshot', CRITICAL, ChangeScope.SNAPSHOT, 'a backup was deleted (HITRUST 1616.09l1)'),
  watch('CopySnapshot', HIGH, ChangeScope.SOURCE_SNAPSHOT, 'a backup was copied, possibly out of the account or to S3'),
  watch('ModifyUser', HIGH, ChangeScope.USER, 'a user\'s password or access string was changed'),
  watch('DeleteUser', HIGH, ChangeScope.USER, 'a user was deleted'),
  watch('ModifyUserGroup', HIGH, ChangeScope.USER_GROUP, 'users were added to or removed from the user group'),
  watch('DeleteUserGroup', HIGH, ChangeScope.USER_GROUP, 'the user group was deleted'),
  watch('ModifyCacheSubnetGroup', HIGH, ChangeScope.SUBNET_GROUP, 'the subnets the cache may use were changed (HITRUST 0805.01m1)'),
  watch('DeleteCacheSubnetGroup', HIGH, ChangeScope.SUBNET_GROUP, 'the subnet group was deleted'),
];
