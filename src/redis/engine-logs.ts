import { RemovalPolicy } from 'aws-cdk-lib';
import type * as elasticache from 'aws-cdk-lib/aws-elasticache';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { stackInstanceId } from '../private/physical-names';

/** The two engine logs ElastiCache delivers (slow-log: Redis OSS >= 6.0 / Valkey; engine-log: >= 6.2 / Valkey). */
export const ENGINE_LOG_TYPES = ['slow-log', 'engine-log'] as const;

/** Props of {@link EngineLogs}. */
export interface EngineLogsProps {
  readonly replicationGroupId: string;
  readonly encryptionKey: kms.IKey;
  readonly retention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * KMS-encrypted CloudWatch log groups for the slow log and the engine log (guide Step 6,
 * HITRUST 1202.09aa1, 1203.09aa1, 1204.09aa1), under `/aws/vendedlogs/` so that ElastiCache's delivery does
 * not grow the account's CloudWatch Logs resource policy (which has a size limit), named
 * `/aws/vendedlogs/elasticache/<group id>/<stack instance id>/<log type>`: retained log groups of a deleted stack
 * never collide with those of the stack created again.
 */
export class EngineLogs extends Construct {
  /** The log group name prefix of this group's logs. */
  public readonly logGroupNamePrefix: string;
  /** One log group per log type. */
  public readonly logGroups: { [logType: string]: logs.LogGroup } = {};

  constructor(scope: Construct, id: string, props: EngineLogsProps) {
    super(scope, id);
    // the stack's instance ID keeps a recreated stack clear of the log groups a deleted one retained
    this.logGroupNamePrefix = `/aws/vendedlogs/elasticache/${props.replicationGroupId}/${stackInstanceId()}`;
    for (const logType of ENGINE_LOG_TYPES) {
      this.logGroups[logType] = new logs.LogGroup(this, logType === 'slow-log' ? 'SlowLog' : 'EngineLog', {
        logGroupName: `${this.logGroupNamePrefix}/${logType}`,
        encryptionKey: props.encryptionKey,
        retention: props.retention,
        removalPolicy: props.removalPolicy,
      });
    }
  }

  /** The `LogDeliveryConfigurations` of the replication group: JSON into CloudWatch Logs. */
  public get deliveryConfigurations(): elasticache.CfnReplicationGroup.LogDeliveryConfigurationRequestProperty[] {
    return ENGINE_LOG_TYPES.map((logType) => ({
      logType,
      logFormat: 'json',
      destinationType: 'cloudwatch-logs',
      destinationDetails: { cloudWatchLogsDetails: { logGroup: this.logGroups[logType].logGroupName } },
    }));
  }
}
