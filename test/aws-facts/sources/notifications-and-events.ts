import type { AwsFact } from '../fact';

/**
 * Notification and event facts: ElastiCache RBAC user groups, ElastiCache SNS notifications, ElastiCache EventBridge
 * events, SNS topics encrypted with KMS and their AWS service publishers (EventBridge, CloudWatch alarms), SNS topic
 * policies, EventBridge pattern matching, the CloudTrail userIdentity element, ElastiCache snapshot APIs and the
 * ElastiCache CloudTrail record.
 *
 * Every `quote` is copied from the text of the cited page as returned by the documentation search (or, where a fact says
 * so in its `section`, from a public repository copy of that AWS page found with the same search tool); only line breaks
 * and runs of whitespace are collapsed to single spaces, and Markdown code marks (backticks) are dropped, as the HTML
 * page renders them as code font.
 */
export const NOTIFICATION_AND_EVENT_FACTS: AwsFact[] = [
  // ---------------------------------------------------------------- ElastiCache RBAC user groups
  {
    id: 'valkey-user-group-authenticated-users-only',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html',
    section: 'Role-Based Access Control (RBAC) — limitations (text read from a repository copy of the page; the ko, ja, zh and pt translations of the same page carry the same limitation)',
    quote: 'A user group configured for the "VALKEY" engine can only contain users who are using an authentication mechanism (either password or IAM). This means all users with the engine "VALKEY", and any other users with the engine "Redis" who have their setup configured to authenticate with password or IAM, can be in this user group.',
    constrains: [
      { resourceType: 'AWS::ElastiCache::UserGroup', property: 'Engine' },
      { resourceType: 'AWS::ElastiCache::UserGroup', property: 'UserIds' },
      { resourceType: 'AWS::ElastiCache::User', property: 'AuthenticationMode' },
      { resourceType: 'AWS::ElastiCache::User', property: 'NoPasswordRequired' },
    ],
    consequence: 'Every user the construct puts in a VALKEY user group must have AuthenticationMode password or iam (never no-password-required), including any user it adds in place of the default user.',
  },
  {
    id: 'valkey-user-group-no-default-user-requirement',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html',
    section: 'Role-Based Access Control (RBAC) — RBAC with Valkey (text read from a repository copy of the page)',
    quote: 'Valkey users must use either password protection or IAM authentication. VALKEY user groups can only be associated to VALKEY clusters There is no default user requirement. When the Valkey user group is attached to clusters, the default user requirement is automatically disabled.',
    constrains: [
      { resourceType: 'AWS::ElastiCache::UserGroup', property: 'Engine' },
      { resourceType: 'AWS::ElastiCache::UserGroup', property: 'UserIds' },
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'UserGroupIds' },
      { resourceType: 'AWS::ElastiCache::User', property: 'AuthenticationMode' },
    ],
    consequence: 'A VALKEY user group needs no user named default and may only be attached to a replication group whose Engine is valkey, so the construct must pair engine and user-group engine and must not add an unauthenticated default user to it.',
  },
  {
    id: 'redis-user-group-must-include-default-user',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticache-usergroup.html',
    section: 'AWS::ElastiCache::UserGroup — Properties — UserIds',
    quote: 'The list of user IDs that belong to the user group. A user named default must be included.',
    constrains: [
      { resourceType: 'AWS::ElastiCache::UserGroup', property: 'UserIds' },
      { resourceType: 'AWS::ElastiCache::UserGroup', property: 'Engine' },
      { resourceType: 'AWS::ElastiCache::User', property: 'UserName' },
    ],
    consequence: 'A user group with Engine redis must list a user whose UserName is default, so the construct must supply its own disabled or password-protected default user rather than leave the open built-in one.',
  },

  // ---------------------------------------------------------------- ElastiCache SNS notifications
  {
    id: 'elasticache-sns-topic-cannot-be-encrypted',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ElastiCacheSNS.html',
    section: 'Event Notifications and Amazon SNS — requirements for notifications',
    quote: 'The Amazon SNS topic you are publishing to cannot be encrypted. Note It is possible to attach an encrypted (at-rest) Amazon SNS topic to the cluster. However, the status of the topic from the ElastiCache console will show as inactive, which effectively disassociates the topic from the cluster when ElastiCache pushes messages to the topic.',
    constrains: [
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'NotificationTopicArn' },
      { resourceType: 'AWS::SNS::Topic', property: 'KmsMasterKeyId' },
    ],
    consequence: 'A topic with KmsMasterKeyId set must never be used as the replication group NotificationTopicArn (it silently goes inactive), so an encrypted alerting topic has to be fed by another path such as EventBridge.',
  },
  {
    id: 'elasticache-sns-topic-single-same-account',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ElastiCacheSNS.html',
    section: 'Event Notifications and Amazon SNS — requirements for notifications',
    quote: 'Only one topic can be configured for ElastiCache notifications. The AWS account that owns the Amazon SNS topic must be the same account that owns the cache cluster on which notifications are enabled.',
    constrains: [
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'NotificationTopicArn' },
    ],
    consequence: 'NotificationTopicArn must name a single unencrypted topic owned by the stack account, never a cross-account topic.',
  },
  {
    id: 'elasticache-sns-topic-policy-source-owner',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ECEvents.SNS.html',
    section: 'Managing ElastiCache Amazon SNS notifications — SNS topic access policy requirement',
    quote: "When you configure an Amazon SNS topic for ElastiCache notifications, the topic's access policy must use the aws:SourceOwner condition key, not aws:SourceAccount. Newly created Amazon SNS topics default to aws:SourceAccount in their access policy, which ElastiCache does not support for event notifications. If your Amazon SNS topic uses aws:SourceAccount, ElastiCache cannot publish notifications to the topic and automatically sets the topic status to inactive.",
    constrains: [
      { resourceType: 'AWS::SNS::TopicPolicy', property: 'PolicyDocument' },
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'NotificationTopicArn' },
    ],
    consequence: 'If the construct ever wires NotificationTopicArn, the topic policy statement that lets ElastiCache publish must condition on aws:SourceOwner (the page shows Principal AWS "*", Action SNS:Publish, StringEquals AWS:SourceOwner), not on aws:SourceAccount.',
  },

  // ---------------------------------------------------------------- ElastiCache events in EventBridge
  {
    id: 'elasticache-eventbridge-service-events',
    url: 'https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-elasticache.html',
    section: 'Amazon ElastiCache events — ElastiCache service events',
    quote: 'ElastiCache sends service events directly to EventBridge, as well as via AWS CloudTrail. ElastiCache service events ElastiCache sends the following events directly to EventBridge: Cache Created Cache Creation Failed Cache Deleted Snapshot Created Snapshot Creation Failed Cache Update Failed Cache Updated Cache Limit Approaching Snapshot Export Failed Snapshot Copy Failed Delivery type: Best effort',
    constrains: [
      { resourceType: 'AWS::Events::Rule', property: 'EventPattern' },
    ],
    consequence: 'A rule for ElastiCache service events must match source aws.elasticache and only these ten detail-type values, and must not be the sole alarm path for anything that needs guaranteed delivery, since delivery is best effort.',
  },
  {
    id: 'elasticache-eventbridge-event-detail-keys',
    url: 'https://docs.aws.amazon.com/cdk/api/v2/python/aws_cdk.mixins_preview.aws_elasticache.events/CacheCreated.html',
    section: 'aws_cdk.mixins_preview.aws_elasticache.events.CacheCreated (generated from the EventBridge schema registry schema aws.elasticache@CacheCreated)',
    quote: '(experimental) EventBridge event pattern for aws.elasticache@CacheCreated. event_categories (Optional[Sequence[str]]) – (experimental) EventCategories property. Specify an array of string values to match this event if the actual value of EventCategories is one of the values in the array. event_id (Optional[Sequence[str]]) – (experimental) EventID property. Specify an array of string values to match this event if the actual value of EventID is one of the values in the array.',
    constrains: [
      { resourceType: 'AWS::Events::Rule', property: 'EventPattern' },
    ],
    consequence: 'Patterns on the detail of ElastiCache service events must use the schema registry keys EventCategories, EventID, Message, SourceArn, SourceIdentifier and SourceType (PascalCase, as the generated code maps them), never kebab-case or camelCase variants, or the rule never matches.',
  },
  {
    id: 'elasticache-eventbridge-events-documented-for-serverless-caches',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/serverless-metrics-events-redis.html',
    section: 'Serverless cache events — Serverless Events (the second sentence was read from a repository copy of the page; the first is also on docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/serverless-events.html)',
    quote: 'You can choose to monitor, ingest, transform, and act on ElastiCache events using Amazon EventBridge. This section documents the different types of events that you may receive for your serverless caches.',
    constrains: [
      { resourceType: 'AWS::Events::Rule', property: 'EventPattern' },
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'NotificationTopicArn' },
    ],
    consequence: 'AWS documents the EventBridge Cache Created … Snapshot Copy Failed events (source serverless-cache / serverless-cache-snapshot, resources holding the cache and snapshot ARNs) only for serverless caches, so the construct must not assume a node-based replication group emits them and must keep a CloudTrail-based or metric-based path for replication groups.',
  },

  // ---------------------------------------------------------------- AWS service publishers to KMS-encrypted SNS topics
  {
    id: 'aws-service-publisher-to-encrypted-topic-needs-cmk-grant',
    url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html',
    section: 'Managing Amazon SNS encryption keys and costs — Enable compatibility between event sources from AWS services and encrypted topics (text read from a repository copy of the page; its table lists Amazon CloudWatch → cloudwatch.amazonaws.com and Amazon CloudWatch Events → events.amazonaws.com)',
    quote: 'Several AWS services publish events to Amazon SNS topics. To allow these event sources to work with encrypted topics, you must perform the following steps. Use a customer managed key. For more information, see Creating Keys in the AWS Key Management Service Developer Guide. To allow the AWS service to have the kms:GenerateDataKey* and kms:Decrypt permissions, add the following statement to the KMS policy.',
    constrains: [
      { resourceType: 'AWS::SNS::Topic', property: 'KmsMasterKeyId' },
      { resourceType: 'AWS::KMS::Key', property: 'KeyPolicy' },
    ],
    consequence: 'Every encrypted topic the construct creates for EventBridge or CloudWatch alarms must use a customer managed key whose key policy allows events.amazonaws.com and cloudwatch.amazonaws.com kms:GenerateDataKey* and kms:Decrypt.',
  },
  {
    id: 'eventbridge-encrypted-topic-key-policy-no-source-conditions',
    url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html',
    section: 'Managing Amazon SNS encryption keys and costs — Enable compatibility between event sources from AWS services and encrypted topics, step 3 — Important (text read from a repository copy of the page)',
    quote: 'Add the aws:SourceAccount and aws:SourceArn condition keys to the KMS resource policy to further protect the KMS key from confused deputy attacks. Refer to service specific documentation list (above) for exact details in each case. Important Adding the aws:SourceAccount, aws:SourceArn, and aws:SourceOrgID to a AWS KMS policy is not supported for EventBridge-to-encrypted topics.',
    constrains: [
      { resourceType: 'AWS::KMS::Key', property: 'KeyPolicy' },
    ],
    consequence: 'The key policy statement for events.amazonaws.com must carry no aws:SourceAccount, aws:SourceArn or aws:SourceOrgID condition (EventBridge delivery would fail), while the cloudwatch.amazonaws.com statement may and should carry them.',
  },
  {
    id: 'aws-managed-sns-key-cannot-be-modified',
    url: 'https://docs.aws.amazon.com/sms-voice/latest/userguide/configuration-sets-sns-creating-role.html',
    section: 'Amazon SNS access policy — Access policy for encrypted Amazon SNS topics',
    quote: 'If your Amazon SNS topic has server-side encryption enabled with AWS Key Management Service, add the following policy to the associated symmetric encryption customer managed key. You must add the policy to a customer managed key because you cannot modify the AWS managed key for Amazon SNS.',
    constrains: [
      { resourceType: 'AWS::SNS::Topic', property: 'KmsMasterKeyId' },
    ],
    consequence: 'KmsMasterKeyId must never be alias/aws/sns (or the AWS managed key) on a topic that an AWS service publishes to, because that key policy cannot be given the service grant.',
  },
  {
    id: 'cloudwatch-alarm-needs-sns-publish-in-topic-policy',
    url: 'https://www.repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger',
    section: 'AWS re:Post Knowledge Center (AWS-authored), cloudwatch-receive-sns-for-alarm-trigger — Resolution',
    quote: 'SNS uses access policies to restrict the sources that can publish messages to the topic. If a permissions error occurs, then add the following permissions under the Statement section of the SNS access policy. The policy update grants permissions to the CloudWatch alarms service to publish messages to the SNS topic:',
    constrains: [
      { resourceType: 'AWS::SNS::TopicPolicy', property: 'PolicyDocument' },
      { resourceType: 'AWS::CloudWatch::Alarm', property: 'AlarmActions' },
    ],
    consequence: 'A topic named in AlarmActions must have a topic policy statement allowing cloudwatch.amazonaws.com sns:Publish on that topic (scoped with aws:SourceArn to the alarms), or alarm actions fail with not authorized to perform SNS:Publish.',
  },

  // ---------------------------------------------------------------- SNS topic policy
  {
    id: 'sns-set-topic-attributes-policy-sets-new-value',
    url: 'https://docs.aws.amazon.com/sns/latest/api/API_SetTopicAttributes.html',
    section: 'SetTopicAttributes — AttributeName — Policy',
    quote: 'Allows a topic owner to set an attribute of the topic to a new value. Policy – The policy that defines who can access your topic. By default, only the topic owner can publish or subscribe to the topic.',
    constrains: [
      { resourceType: 'AWS::SNS::TopicPolicy', property: 'PolicyDocument' },
      { resourceType: 'AWS::SNS::TopicPolicy', property: 'Topics' },
    ],
    consequence: 'The topic Policy attribute is set as a whole, so the single policy document the construct attaches must itself hold every statement needed (EventBridge and CloudWatch publish, TLS-only deny); nothing from a default policy can be relied on.',
  },

  // ---------------------------------------------------------------- EventBridge pattern matching
  {
    id: 'eventbridge-pattern-fields-must-be-present',
    url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern.html',
    section: 'Event pattern syntax',
    quote: 'For an event pattern to match an event, the event must contain all the field names listed in the event pattern. The field names must also appear in the event with the same nesting structure.',
    constrains: [
      { resourceType: 'AWS::Events::Rule', property: 'EventPattern' },
    ],
    consequence: 'A pattern field (including one using anything-but) never matches an event that lacks the field, so the construct must not put fields in its patterns that some matching events omit, for example userIdentity.type, which AWS service events leave out.',
  },
  {
    id: 'eventbridge-exists-matching-leaf-nodes',
    url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html',
    section: 'Content filtering in Amazon EventBridge event patterns — Exists matching (text read from the awsdocs repository copy of the page)',
    quote: 'Exists matching works on the presence or absence of a field in the JSON of the event. Exists matching only works on leaf nodes. It does not work on intermediate nodes.',
    constrains: [
      { resourceType: 'AWS::Events::Rule', property: 'EventPattern' },
    ],
    consequence: 'An exists test in a construct pattern must name a leaf such as detail.userIdentity.invokedBy, never an object such as detail.userIdentity.sessionContext.',
  },
  {
    id: 'eventbridge-anything-but-matching',
    url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html',
    section: 'Comparison operators for use in event patterns in Amazon EventBridge',
    quote: 'Comparison operators only work on leaf nodes, with the exception of $or and anything-but. Anything-but State is any value besides "initializing". "state": [ { "anything-but": "initializing" } ]',
    constrains: [
      { resourceType: 'AWS::Events::Rule', property: 'EventPattern' },
    ],
    consequence: 'Exclusions in the construct patterns must be written as anything-but on a field every matching event carries, since anything-but still requires the field to be present.',
  },
  {
    id: 'eventbridge-cloudtrail-events-require-trail',
    url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail.html',
    section: 'AWS service events delivered via AWS CloudTrail',
    quote: 'To record events with one of the CloudTrail detail-type values, you must enable a CloudTrail trail with logging.',
    constrains: [
      { resourceType: 'AWS::Events::Rule', property: 'EventPattern' },
      { resourceType: 'AWS::CloudTrail::Trail', property: 'IsLogging' },
    ],
    consequence: 'Rules on AWS API Call via CloudTrail (for ElastiCache CopySnapshot, DeleteSnapshot and the like) only fire when a logging trail exists in the account and Region, so the construct must document or check that prerequisite instead of assuming the events arrive.',
  },

  // ---------------------------------------------------------------- CloudTrail userIdentity
  {
    id: 'cloudtrail-user-identity-types',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html',
    section: 'CloudTrail userIdentity element — Fields — type (text read from a repository copy of the page)',
    quote: "Root – The request was made with your AWS account credentials. If the userIdentity type is Root, and you set an alias for your account, the userName field contains your account alias. For more information, see Your AWS account ID and its alias. IAMUser – The request was made with the credentials of an IAM user. AssumedRole – The request was made with temporary security credentials that were obtained with a role by making a call to the AWS Security Token Service (AWS STS) AssumeRole API. This can include roles for Amazon EC2 and cross-account API access. Role – The request was made with a persistent IAM identity that has specific permissions. The issuer of the role sessions is always the role. For more information about roles, see Roles terms and concepts in the IAM User Guide. FederatedUser – The request was made with temporary security credentials obtained from a call to the AWS STS GetFederationToken API. The sessionIssuer element indicates if the API was called with root or IAM user credentials. For more information about temporary security credentials, see Temporary Security Credentials in the IAM User Guide. Directory – The request was made to a directory service, and the type is unknown. Directory services include the following: Amazon WorkDocs and Amazon Quick Suite. AWSAccount – The request was made by another AWS account AWSService – The request was made by an AWS account that belongs to an AWS service. For example, AWS Elastic Beanstalk assumes an IAM role in your account to call other AWS services on your behalf. IdentityCenterUser – The request was made on behalf of an IAM Identity Center user. Unknown – The request was made with an identity type that CloudTrail can't determine.",
    constrains: [
      { resourceType: 'AWS::Events::Rule', property: 'EventPattern' },
    ],
    consequence: 'Code that names the actor of a CloudTrail event must handle every type value (Root, IAMUser, AssumedRole, Role, FederatedUser, Directory, AWSAccount, AWSService, IdentityCenterUser, Unknown) and events with no type at all.',
  },
  {
    id: 'cloudtrail-session-context-temporary-credentials',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html',
    section: 'CloudTrail userIdentity element — Fields — sessionContext (text read from a repository copy of the page)',
    quote: 'If the request was made with temporary security credentials, sessionContext provides information about the session created for those credentials. You create a session when you call any API that returns temporary credentials. Users also create sessions when they work in the console and make requests with APIs that include multi-factor authentication. The following attributes can appear in sessionContext: sessionIssuer – If a user make a request with temporary security credentials, sessionIssuer provides information about how the user obtained credentials.',
    constrains: [
      { resourceType: 'AWS::Events::Rule', property: 'EventPattern' },
    ],
    consequence: 'The construct may read detail.userIdentity.sessionContext.sessionIssuer only for temporary-credential identities (AssumedRole, FederatedUser) and must treat it as absent for IAMUser, Root and AWSService.',
  },
  {
    id: 'cloudtrail-assumed-role-user-name-in-session-issuer',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html',
    section: 'CloudTrail userIdentity element — Fields — userName (text read from a repository copy of the page)',
    quote: 'For the AssumedRole type, you can find the userName field in sessionContext as part of the sessionIssuer element.',
    constrains: [
      { resourceType: 'AWS::Events::Rule', property: 'EventPattern' },
    ],
    consequence: 'For AssumedRole actors the role name must be taken from sessionContext.sessionIssuer.userName, since userIdentity.userName is not present.',
  },
  {
    id: 'cloudtrail-invoked-by-aws-service',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html',
    section: 'CloudTrail userIdentity element — Fields — invokedBy (text read from a repository copy of the page)',
    quote: 'The name of the AWS service that made the request, when a request is made by an AWS service such as Amazon EC2 Auto Scaling or AWS Elastic Beanstalk. This field is only present when a request is made by an AWS service. This includes requests made by services using forward access sessions (FAS), AWS service principals, service-linked roles, or service roles used by an AWS service.',
    constrains: [
      { resourceType: 'AWS::Events::Rule', property: 'EventPattern' },
    ],
    consequence: 'To separate service-made calls from human ones the construct must test userIdentity.invokedBy (present or absent), which can appear alongside any type, including IAMUser and Root sessions signed in through the console.',
  },
  {
    id: 'cloudtrail-aws-service-events-no-api-request',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/non-api-aws-service-events.html',
    section: 'AWS service events',
    quote: 'CloudTrail supports logging non-API service events. These events are created by AWS services but are not directly triggered by a request to a public AWS API. For these events, the eventType field is AwsServiceEvent.',
    constrains: [
      { resourceType: 'AWS::Events::Rule', property: 'EventPattern' },
    ],
    consequence: 'AwsServiceEvent records (whose documented userIdentity holds only accountId and invokedBy, with no type) must be handled by any parser of CloudTrail records the construct ships.',
  },

  // ---------------------------------------------------------------- ElastiCache snapshot APIs
  {
    id: 'elasticache-copysnapshot-parameters',
    url: 'https://docs.aws.amazon.com/sdkforruby/api/Aws/ElastiCache/Types/CopySnapshotMessage.html',
    section: 'Aws::ElastiCache::Types::CopySnapshotMessage — Instance Attribute Details (CopySnapshot request parameters)',
    quote: '#kms_key_id ⇒ String The ID of the KMS key used to encrypt the target snapshot. #source_snapshot_name ⇒ String The name of an existing snapshot from which to make a copy. #target_bucket ⇒ String The Amazon S3 bucket to which the snapshot is exported. #target_snapshot_name ⇒ String A name for the snapshot copy. Instance Attribute Details #kms_key_id ⇒ String The ID of the KMS key used to encrypt the target snapshot. #source_snapshot_name ⇒ String The name of an existing snapshot from which to make a copy. #target_bucket ⇒ String The Amazon S3 bucket to which the snapshot is exported. This parameter is used only when exporting a snapshot for external access.',
    constrains: [
      { resourceType: 'AWS::Events::Rule', property: 'EventPattern' },
    ],
    consequence: 'A CopySnapshot call exports a snapshot out of ElastiCache exactly when TargetBucket is set, so the construct\'s exfiltration detection must treat CopySnapshot with a targetBucket request parameter as an export and read sourceSnapshotName, targetSnapshotName and kmsKeyId from the record.',
  },
  {
    id: 'elasticache-copysnapshot-s3-export-permission',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CopySnapshot.html',
    section: 'CopySnapshot — Important',
    quote: 'Users or groups that have permissions to use the CopySnapshot operation can create their own Amazon S3 buckets and copy snapshots to it. To control access to your snapshots, use an IAM policy to control who has the ability to use the CopySnapshot operation.',
    constrains: [
      { resourceType: 'AWS::IAM::Policy', property: 'PolicyDocument' },
      { resourceType: 'AWS::Events::Rule', property: 'EventPattern' },
    ],
    consequence: 'elasticache:CopySnapshot is a data-export permission: the construct must not grant it broadly and should alert on every CopySnapshot call.',
  },
  {
    id: 'elasticache-deletesnapshot-snapshot-name',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteSnapshot.html',
    section: 'DeleteSnapshot — Request Parameters',
    quote: 'Deletes an existing snapshot. When you receive a successful response from this operation, ElastiCache immediately begins deleting the snapshot; you cannot cancel or revert this operation. Note This operation is valid for Valkey or Redis OSS only. Request Parameters For information about the parameters that are common to all actions, see Common Parameters. SnapshotName The name of the snapshot to be deleted. Type: String Required: Yes',
    constrains: [
      { resourceType: 'AWS::Events::Rule', property: 'EventPattern' },
    ],
    consequence: 'A DeleteSnapshot cannot be undone, so the construct must alert on it (identifying the snapshot by the snapshotName request parameter) as evidence destruction rather than wait to reconcile.',
  },

  // ---------------------------------------------------------------- ElastiCache CloudTrail record
  {
    id: 'elasticache-cloudtrail-log-entry-shape',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/logging-using-cloudtrail.html',
    section: 'Logging Amazon ElastiCache API calls with AWS CloudTrail — Understanding ElastiCache log file entries (text read from the awsdocs repository copy of the page)',
    quote: 'The following example shows a CloudTrail log entry that demonstrates the CreateCacheCluster action.',
    constrains: [
      { resourceType: 'AWS::Events::Rule', property: 'EventPattern' },
    ],
    consequence: 'ElastiCache CloudTrail records carry eventSource elasticache.amazonaws.com and camelCase requestParameters (cacheClusterId, numCacheNodes …), so construct patterns and parsers must use those key spellings, not the API\'s PascalCase parameter names.',
  },
];
