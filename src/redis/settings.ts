import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { CacheAuthentication } from './cache-authentication';
import { CacheEngineVersion } from './cache-engine-version';
import { CacheNodeType } from './cache-node-type';
import * as defaults from './defaults';
import type { CompliantRedisReplicationGroupProps } from './props';
import { ReplacementGuard } from './replacement-guard';

/**
 * The props with every default applied: the layer between "what the user said" and the resources.
 * (Best practice defaults, then the user's overrides; what HITRUST requires is not a setting at all.)
 */
export interface ResolvedSettings {
  readonly engineVersion: CacheEngineVersion;
  readonly nodeType: CacheNodeType;
  readonly port: number;
  readonly parameters: { [name: string]: string };
  readonly shards: number;
  readonly replicasPerShard: number;
  readonly authentication: CacheAuthentication;
  readonly snapshotRetention: Duration;
  readonly snapshotWindow: string;
  readonly maintenanceWindow: string;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly dataClassification: string;
  readonly allowReplacement: boolean;
  readonly replacementGuard: ReplacementGuard;
  /** Cluster mode enabled: more than one shard. */
  readonly clusterMode: boolean;
  /** Per-node alarms inside the construct. */
  readonly alarms: boolean;
  /** Change detection rules inside the construct. */
  readonly changeDetection: boolean;
  /** The daily export into the long-term archive. */
  readonly snapshotArchive: boolean;
  /** How long archived snapshots are kept (undefined: the archive's default). */
  readonly archiveRetention?: Duration;
}

/** Applies the HITRUST baseline defaults (src/redis/defaults.ts) to the props. */
export function resolveSettings(props: CompliantRedisReplicationGroupProps): ResolvedSettings {
  const shards = props.shards ?? defaults.DEFAULT_SHARDS;
  const nodeType = props.nodeType ?? CacheNodeType.R7G_LARGE;
  return {
    engineVersion: props.engineVersion ?? CacheEngineVersion.LATEST_VALKEY,
    nodeType,
    port: props.port ?? defaults.DEFAULT_PORT,
    parameters: props.parameters ?? {},
    shards,
    replicasPerShard: props.replicasPerShard ?? defaults.DEFAULT_REPLICAS_PER_SHARD,
    authentication: props.authentication ?? CacheAuthentication.rbacPassword(),
    snapshotRetention: props.snapshotRetention ?? Duration.days(defaults.DEFAULT_SNAPSHOT_RETENTION_DAYS),
    snapshotWindow: props.snapshotWindow ?? defaults.DEFAULT_SNAPSHOT_WINDOW,
    maintenanceWindow: props.maintenanceWindow ?? defaults.DEFAULT_MAINTENANCE_WINDOW,
    logRetention: props.logRetention ?? defaults.DEFAULT_LOG_RETENTION,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.SNAPSHOT,
    dataClassification: props.dataClassification ?? defaults.DEFAULT_DATA_CLASSIFICATION,
    allowReplacement: props.allowReplacement ?? false,
    replacementGuard: props.replacementGuard ?? ReplacementGuard.cdkApp(),
    clusterMode: shards > 1,
    alarms: props.alarms ?? true,
    changeDetection: props.changeDetection ?? true,
    // data-tiering groups cannot export snapshots, and a stack meant to be destroyed cannot hold a locked archive: no
    // archive there unless asked for (which validation then rejects)
    snapshotArchive: props.snapshotArchive ?? (!nodeType.isDataTiering && (props.removalPolicy ?? RemovalPolicy.SNAPSHOT) !== RemovalPolicy.DESTROY),
    archiveRetention: props.archiveRetention,
  };
}
