import { ArnFormat, Duration, Resource, Stack } from 'aws-cdk-lib';
import type { IResource } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as iam from 'aws-cdk-lib/aws-iam';

/**
 * A Redis OSS or Valkey replication group, created here or imported.
 */
export interface IRedisReplicationGroup extends IResource, ec2.IConnectable {
  /** The replication group ID. @attribute */
  readonly replicationGroupId: string;
  /** The replication group ARN. @attribute */
  readonly replicationGroupArn: string;
  /** The port the nodes listen on. @attribute */
  readonly port: number;
  /** The IDs of the member nodes (cache clusters): the `CacheClusterId` dimension of their metrics. */
  readonly memberClusterIds: string[];

  /**
   * A metric of one member node, in namespace AWS/ElastiCache with dimension `CacheClusterId`.
   *
   * @param metricName e.g. 'AuthenticationFailures'
   * @param memberClusterId one of `memberClusterIds`
   * @param props options (period defaults to 5 minutes, statistic to Average)
   */
  metric(metricName: string, memberClusterId: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * Gives a principal what it needs to connect: `elasticache:Connect` in IAM mode, read access to the
   * credentials secret in password modes.
   *
   * @param grantee the principal that connects, e.g. a Lambda function
   */
  grantConnect(grantee: iam.IGrantable): iam.Grant;
}

/**
 * Attributes to import a replication group created elsewhere.
 */
export interface RedisReplicationGroupAttributes {
  /** The replication group ID. */
  readonly replicationGroupId: string;
  /** The port the nodes listen on. */
  readonly port: number;
  /**
   * Security groups of the group, for `connections`.
   *
   * @default - none
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
  /**
   * The member node IDs, for per-node metrics.
   *
   * @default - none
   */
  readonly memberClusterIds?: string[];
}

/**
 * What a created and an imported replication group share: ARN, metrics.
 */
export abstract class RedisReplicationGroupBase extends Resource implements IRedisReplicationGroup {
  public abstract readonly replicationGroupId: string;
  public abstract readonly port: number;
  public abstract readonly memberClusterIds: string[];
  public abstract readonly connections: ec2.Connections;

  /** The replication group ARN. */
  public get replicationGroupArn(): string {
    return Stack.of(this).formatArn({
      service: 'elasticache',
      resource: 'replicationgroup',
      resourceName: this.replicationGroupId,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  /**
   * Gives a principal what it needs to connect: `elasticache:Connect` in IAM mode, read access to the
   * credentials secret in password modes.
   *
   * @param grantee the principal that connects, e.g. a Lambda function
   */
  public abstract grantConnect(grantee: iam.IGrantable): iam.Grant;

  /**
   * A metric of one member node, in namespace AWS/ElastiCache with dimension `CacheClusterId`.
   *
   * @param metricName e.g. 'AuthenticationFailures'
   * @param memberClusterId one of `memberClusterIds`
   * @param props options (period defaults to 5 minutes, statistic to Average)
   */
  public metric(metricName: string, memberClusterId: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/ElastiCache',
      metricName,
      dimensionsMap: { CacheClusterId: memberClusterId },
      period: Duration.minutes(5),
      ...props,
    }).attachTo(this);
  }

  /**
   * Failed AUTH attempts (wrong password or token) on one node: a sign of misuse (HITRUST 1202.09aa1). Sum over 5 minutes.
   *
   * @param memberClusterId the node, one of `memberClusterIds`
   * @param props options that override the metric's defaults (period, statistic, label ...)
   */
  public metricAuthenticationFailures(memberClusterId: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('AuthenticationFailures', memberClusterId, { statistic: 'Sum', ...props });
  }

  /**
   * Commands a user ran without permission, on one node. Sum over 5 minutes.
   *
   * @param memberClusterId the node, one of `memberClusterIds`
   * @param props options that override the metric's defaults (period, statistic, label ...)
   */
  public metricCommandAuthorizationFailures(memberClusterId: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('CommandAuthorizationFailures', memberClusterId, { statistic: 'Sum', ...props });
  }

  /**
   * Keys a user accessed without permission, on one node. Sum over 5 minutes.
   *
   * @param memberClusterId the node, one of `memberClusterIds`
   * @param props options that override the metric's defaults (period, statistic, label ...)
   */
  public metricKeyAuthorizationFailures(memberClusterId: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('KeyAuthorizationFailures', memberClusterId, { statistic: 'Sum', ...props });
  }

  /**
   * Channels a user accessed without permission, on one node. Sum over 5 minutes.
   *
   * @param memberClusterId the node, one of `memberClusterIds`
   * @param props options that override the metric's defaults (period, statistic, label ...)
   */
  public metricChannelAuthorizationFailures(memberClusterId: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ChannelAuthorizationFailures', memberClusterId, { statistic: 'Sum', ...props });
  }

  /**
   * CPU of the engine thread, percent, on one node. Average over 5 minutes.
   *
   * @param memberClusterId the node, one of `memberClusterIds`
   * @param props options that override the metric's defaults (period, statistic, label ...)
   */
  public metricEngineCPUUtilization(memberClusterId: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('EngineCPUUtilization', memberClusterId, props);
  }

  /**
   * Memory used, percent of maxmemory, on one node. Average over 5 minutes.
   *
   * @param memberClusterId the node, one of `memberClusterIds`
   * @param props options that override the metric's defaults (period, statistic, label ...)
   */
  public metricDatabaseMemoryUsagePercentage(memberClusterId: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('DatabaseMemoryUsagePercentage', memberClusterId, props);
  }

  /**
   * Keys evicted for lack of memory, on one node. Sum over 5 minutes.
   *
   * @param memberClusterId the node, one of `memberClusterIds`
   * @param props options that override the metric's defaults (period, statistic, label ...)
   */
  public metricEvictions(memberClusterId: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('Evictions', memberClusterId, { statistic: 'Sum', ...props });
  }

  /**
   * Seconds a replica lags behind its primary (replicas only). Maximum over 5 minutes.
   *
   * @param memberClusterId the node, one of `memberClusterIds`
   * @param props options that override the metric's defaults (period, statistic, label ...)
   */
  public metricReplicationLag(memberClusterId: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ReplicationLag', memberClusterId, { statistic: 'Maximum', ...props });
  }

  /**
   * Client connections, on one node. Maximum over 5 minutes.
   *
   * @param memberClusterId the node, one of `memberClusterIds`
   * @param props options that override the metric's defaults (period, statistic, label ...)
   */
  public metricCurrConnections(memberClusterId: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('CurrConnections', memberClusterId, { statistic: 'Maximum', ...props });
  }
}
