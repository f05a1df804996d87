import type * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * Sends every event of the bucket to Amazon EventBridge (AWS Control Tower CT.S3.PR.4: event notifications
 * configured): "Unlike other destinations, delivery of events to EventBridge can be either enabled or disabled for a
 * bucket. If enabled, all events will be sent to EventBridge and you can use EventBridge rules to route events to
 * additional targets." (AWS::S3::Bucket EventBridgeConfiguration). No destination resource and no rule: an
 * organization routes the events it wants (deletions in a log bucket, say) with its own rules on the default bus.
 *
 * Set on the L1 resource, not with `eventBridgeEnabled`: aws-cdk-lib writes that one through a custom resource and a
 * Lambda function of its own (Custom::S3BucketNotifications), which would be a function outside the VPC with an AWS
 * managed policy. CloudFormation sets the property natively.
 *
 * Not necessarily free: EventBridge's price list counts S3 events as "AWS opt-in data events", and names only AWS
 * management events as ingested for free. The buckets here receive few objects (a daily export per shard, log files),
 * so the events are few (README "Control Tower proactive controls").
 */
export function sendEventsToEventBridge(bucket: s3.Bucket): void {
  (bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
    eventBridgeConfiguration: { eventBridgeEnabled: true },
  };
}
