import type { AwsFact } from '../fact';

/**
 * Platform facts: CloudFormation naming/update behaviour, ElastiCache engine, TLS, AUTH and log delivery, S3, CloudWatch
 * Logs, Secrets Manager rotation networking and permissions, Lambda and ElastiCache VPC access, CloudTrail and AWS Config.
 *
 * Every `quote` is copied from the text of the cited page as returned by the documentation search; only line breaks and
 * runs of whitespace are collapsed to single spaces (the pages render paragraphs, list items and code on separate lines).
 */
export const PLATFORM_FACTS: AwsFact[] = [
  // ---------------------------------------------------------------- CloudFormation custom names
  {
    id: 'cfn-custom-name-replacement-blocks-update',
    url: 'https://docs.aws.amazon.com/en_us/AWSCloudFormation/latest/UserGuide/aws-properties-name.html',
    section: 'Name type (CloudFormation resource custom naming) — Important',
    quote: "You can't perform an update that causes a custom-named resource to be replaced. If you must replace the resource, specify a new name.",
    constrains: [
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'ReplicationGroupId' },
      { resourceType: 'AWS::ElastiCache::SubnetGroup', property: 'CacheSubnetGroupName' },
    ],
    consequence: 'Because the replication group (and its subnet group) carry an explicit name, any property change that would replace them fails the stack update unless the name changes too, so the construct must detect replacement-causing changes while the ReplicationGroupId stays the same.',
  },
  {
    id: 'cfn-custom-name-unique-across-stacks',
    url: 'https://docs.aws.amazon.com/en_us/AWSCloudFormation/latest/UserGuide/aws-properties-name.html',
    section: 'Name type (CloudFormation resource custom naming)',
    quote: 'Resource names must be unique across all your active stacks. If you reuse templates to create multiple stacks, you must change or remove custom names from your template.',
    constrains: [
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'ReplicationGroupId' },
      { resourceType: 'AWS::ElastiCache::SubnetGroup', property: 'CacheSubnetGroupName' },
    ],
    consequence: 'Every custom name the construct emits must be derived from the ReplicationGroupId so that two instances (or two stacks) never synthesize the same physical name.',
  },

  // ---------------------------------------------------------------- AWS::ElastiCache::ReplicationGroup properties
  {
    id: 'cfn-replicationgroup-at-rest-encryption-create-only',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticache-replicationgroup.html',
    section: 'AWS::ElastiCache::ReplicationGroup — Properties — AtRestEncryptionEnabled',
    quote: 'You cannot modify the value of AtRestEncryptionEnabled after the replication group is created. To enable encryption at rest on a replication group you must set AtRestEncryptionEnabled to true when you create the replication group.',
    constrains: [
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'AtRestEncryptionEnabled' },
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'KmsKeyId' },
    ],
    consequence: 'The construct must set AtRestEncryptionEnabled to true (with its customer managed KmsKeyId) on the very first deployment, since encryption at rest cannot be switched on later without a new replication group.',
  },
  {
    id: 'elasticache-transit-encryption-mode-two-step',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption-enable.html',
    section: 'Enabling in-transit encryption',
    quote: 'Enabling encryption in transit, is a two-step process, you must first set the transit encryption mode to preferred. This mode allows your Valkey or Redis OSS clients to connect using both encrypted and unencrypted connections. After you migrate all your Valkey or Redis OSS clients to use encrypted connections, you can then modify your cluster configuration to set the transit encryption mode to required. Setting the transit encryption mode to required will drop all unencrypted connections and will allow encrypted connections only.',
    constrains: [
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'TransitEncryptionEnabled' },
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'TransitEncryptionMode' },
    ],
    consequence: "Only TransitEncryptionMode 'required' rejects unencrypted connections, so the construct must create groups with TransitEncryptionEnabled true and mode 'required' where the engine supports it, never 'preferred'.",
  },
  {
    id: 'elasticache-transit-encryption-mode-no-replacement',
    url: 'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/elasticache/aws.sdk.kotlin.services.elasticache.model/-create-replication-group-request/transit-encryption-mode.html',
    section: 'CreateReplicationGroupRequest — transitEncryptionMode (ElastiCache API model)',
    quote: 'Setting TransitEncryptionMode to required is a two-step process that requires you to first set the TransitEncryptionMode to preferred, after that you can set TransitEncryptionMode to required. This process will not trigger the replacement of the replication group.',
    constrains: [
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'TransitEncryptionMode' },
    ],
    consequence: "A change of TransitEncryptionMode is an in-place modification, so the replacement guard must not treat it as replacement-causing, while moving an existing group from no mode straight to 'required' must go through 'preferred' first.",
  },
  {
    id: 'elasticache-online-tls-migration-engine-versions',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/in-transit-encryption-enable-python.html',
    section: 'Enabling in-transit encryption on a node-based Redis OSS cluster using Python — Note',
    quote: 'ElastiCache supports online TLS migration only for clusters with Valkey version 7.2 and above or Redis OSS version 7.0 or above.',
    constrains: [
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'TransitEncryptionMode' },
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'EngineVersion' },
    ],
    consequence: 'TransitEncryptionMode may only be emitted for Valkey 7.2+ or Redis OSS 7.0+, so for older engines the construct must rely on TransitEncryptionEnabled at creation and omit the mode.',
  },
  {
    id: 'elasticache-replication-group-notification-topic-owner',
    url: 'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/elasticache/aws.sdk.kotlin.services.elasticache.model/-modify-replication-group-request/notification-topic-arn.html',
    section: 'ModifyReplicationGroupRequest — notificationTopicArn (ElastiCache API model)',
    quote: 'The Amazon Resource Name (ARN) of the Amazon SNS topic to which notifications are sent. The Amazon SNS topic owner must be same as the replication group owner.',
    constrains: [
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'NotificationTopicArn' },
      { resourceType: 'AWS::SNS::Topic', property: 'TopicName' },
    ],
    consequence: 'The notification topic must live in the same account as the replication group, so the construct creates its own topic in the stack rather than accepting a cross-account topic ARN.',
  },

  // ---------------------------------------------------------------- ElastiCache authentication
  {
    id: 'elasticache-auth-token-constraints',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html',
    section: 'Authenticating with the Valkey and Redis OSS AUTH command — Overview of AUTH in ElastiCache for Valkey and Redis OSS',
    quote: 'In particular, be aware of these AUTH token or password constraints when using AUTH: Tokens, or passwords, must be 16–128 printable characters. Nonalphanumeric characters are restricted to (!, &, #, $, ^, <, >, -). AUTH can only be enabled for encryption in-transit enabled Valkey or Redis OSS clusters.',
    constrains: [
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'AuthToken' },
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'TransitEncryptionEnabled' },
      { resourceType: 'AWS::SecretsManager::Secret', property: 'GenerateSecretString' },
    ],
    consequence: 'A generated AUTH token must be 16 to 128 characters, exclude every punctuation character except ! & # $ ^ < > -, and only be set on a group with TransitEncryptionEnabled true.',
  },
  {
    id: 'elasticache-iam-auth-engine-version',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html',
    section: 'Authenticating with IAM — Overview',
    quote: 'With IAM Authentication you can authenticate a connection to ElastiCache for Valkey or Redis OSS using AWS IAM identities, when your cache is configured to use Valkey or Redis OSS version 7 or above.',
    constrains: [
      { resourceType: 'AWS::ElastiCache::User', property: 'AuthenticationMode' },
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'EngineVersion' },
    ],
    consequence: 'IAM-authenticated ElastiCache users may only be offered when the engine is Valkey or Redis OSS 7 or later.',
  },
  {
    id: 'elasticache-iam-auth-requires-tls',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-to-iam-migration.html',
    section: 'Migrating from password-based authentication (AUTH) to IAM authentication — Prerequisites',
    quote: 'Your cache is running Redis OSS 7.0 or later, or Valkey. IAM authentication is not supported on earlier engine versions. In-transit encryption (TLS) is enabled on your cache. IAM authentication requires TLS.',
    constrains: [
      { resourceType: 'AWS::ElastiCache::User', property: 'AuthenticationMode' },
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'TransitEncryptionEnabled' },
    ],
    consequence: 'A user group containing IAM-authenticated users must only be attached to a replication group with TransitEncryptionEnabled true on Redis OSS 7.0+ or Valkey.',
  },

  // ---------------------------------------------------------------- AWS Config
  {
    id: 'config-elasticache-rbac-auth-enabled',
    url: 'https://docs.aws.amazon.com/config/latest/developerguide/elasticache-rbac-auth-enabled.html',
    section: 'elasticache-rbac-auth-enabled',
    quote: "Checks if Amazon ElastiCache replication groups have RBAC authentication enabled. The rule is NON_COMPLIANT if the Redis version is 6 or above and ‘UserGroupIds’ is missing, empty, or does not match an entry provided by the 'allowedUserGroupIDs' parameter.",
    constrains: [
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'UserGroupIds' },
      { resourceType: 'AWS::Config::ConfigRule', property: 'Source' },
    ],
    consequence: 'For engine version 6 and above the replication group must carry a non-empty UserGroupIds (RBAC), because an AUTH-token-only group is NON_COMPLIANT under this managed rule.',
  },

  // ---------------------------------------------------------------- ElastiCache log delivery and CloudWatch Logs vended logs
  {
    id: 'elasticache-log-delivery-engine-support',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Log_Delivery.html',
    section: 'Log delivery — Note',
    quote: 'Slow Log is supported for Valkey 7.x and above, and Redis OSS cache clusters and replication groups using engine version 6.0 onward. Engine Log is supported for Valkey 7.x and above, and Redis OSS cache clusters and replication groups using engine version 6.2 onward.',
    constrains: [
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'LogDeliveryConfigurations' },
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'EngineVersion' },
    ],
    consequence: 'The construct must only emit a slow-log delivery configuration for Valkey 7+ or Redis OSS 6.0+, and an engine-log configuration for Valkey 7+ or Redis OSS 6.2+.',
  },
  {
    id: 'elasticache-log-delivery-cloudwatch-log-group',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Logging-destinations.html',
    section: 'ElastiCache logging destinations — Amazon CloudWatch Logs',
    quote: 'You specify a CloudWatch Logs log group where the logs will be delivered. Logs from multiple Valkey or Redis OSS clusters and replication groups can be delivered to the same log group.',
    constrains: [
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'LogDeliveryConfigurations' },
      { resourceType: 'AWS::Logs::LogGroup', property: 'LogGroupName' },
    ],
    consequence: 'Each cloudwatch-logs delivery configuration must name a log group that the construct itself creates (encrypted, with retention), so the replication group depends on that log group.',
  },
  {
    id: 'elasticache-log-delivery-deployer-permissions',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Logging-destinations.html',
    section: 'ElastiCache logging destinations — Permissions to publish logs to CloudWatch Logs',
    quote: 'You must have the following permissions settings to configure ElastiCache to send logs to a CloudWatch Logs log group:',
    constrains: [
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'LogDeliveryConfigurations' },
    ],
    consequence: 'The principal that deploys the stack must hold the log-delivery permissions listed on this page (logs:CreateLogDelivery and related, plus logs:PutResourcePolicy, logs:DescribeResourcePolicies and logs:DescribeLogGroups), which the construct documents as a deployment prerequisite.',
  },
  {
    id: 'logs-vended-log-group-resource-policy',
    url: 'https://docs.amazonaws.cn/en_us/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-CWL.html',
    section: 'Logs sent to CloudWatch Logs — Log group resource policy',
    quote: 'The log group where the logs are being sent must have a resource policy that includes certain permissions. If the log group currently does not have a resource policy, and the user setting up the logging has the logs:PutResourcePolicy, logs:DescribeResourcePolicies, and logs:DescribeLogGroups permissions for the log group, then Amazon automatically creates the following policy for it when you begin sending the logs to CloudWatch Logs. For newly created subscriptions, resource policies are configured at the log group level and have a maximum size of 51,200 bytes.',
    constrains: [
      { resourceType: 'AWS::Logs::LogGroup', property: 'LogGroupName' },
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'LogDeliveryConfigurations' },
    ],
    consequence: 'Log delivery only works if the delivery log group carries (or the deployer can create) a resource policy admitting the log delivery service, so the construct must either grant the deployer those three permissions or ship the resource policy itself.',
  },
  {
    id: 'logs-vendedlogs-prefix-avoids-policy-size-limit',
    url: 'https://docs.aws.amazon.com/en_us/step-functions/latest/dg/bp-cwl.html',
    section: 'Avoiding Amazon CloudWatch Logs resource policy size restrictions',
    quote: 'CloudWatch Logs resource policies are limited to 5120 characters. When CloudWatch Logs detects that a policy approaches this size limit, it automatically enables log groups that start with /aws/vendedlogs/.',
    constrains: [
      { resourceType: 'AWS::Logs::LogGroup', property: 'LogGroupName' },
    ],
    consequence: 'Log groups that receive vended ElastiCache logs should be named under the /aws/vendedlogs/ prefix so that many deployments in one account cannot exhaust the account resource-policy size limit.',
  },

  // ---------------------------------------------------------------- CloudWatch Logs log groups and KMS
  {
    id: 'logs-log-group-name-unique-per-region',
    url: 'https://docs.aws.amazon.com/cli/latest/reference/logs/create-log-group.html',
    section: 'create-log-group — Description',
    quote: 'Log group names must be unique within a Region for an Amazon Web Services account.',
    constrains: [
      { resourceType: 'AWS::Logs::LogGroup', property: 'LogGroupName' },
    ],
    consequence: 'Every explicit log group name must include the replication group ID (or be left to CloudFormation) so that two caches in one account and Region never collide.',
  },
  {
    id: 'logs-create-log-group-already-exists',
    url: 'https://docs.aws.amazon.com/sdkfornet/latest/apidocs/items/MCloudWatchLogsCloudWatchLogsCreateLogGroupCreateLogGroupRequestNET35.html',
    section: 'CreateLogGroup — Exceptions — ResourceAlreadyExistsException',
    quote: 'Returned if the specified resource already exists.',
    constrains: [
      { resourceType: 'AWS::Logs::LogGroup', property: 'LogGroupName' },
    ],
    consequence: 'A retained log group keeps its name after stack deletion, so re-creating the stack with the same explicit log group name fails; the construct must make that name collision visible (documented removal behaviour or a name that changes per instance).',
  },
  {
    id: 'logs-create-log-group-kms-key-must-be-usable',
    url: 'https://docs.aws.amazon.com/sdkfornet/v3/apidocs/items/CloudWatchLogs/MCloudWatchLogsCreateLogGroupCreateLogGroupRequest.html',
    section: 'CreateLogGroup',
    quote: 'If you attempt to associate a KMS key with the log group but the KMS key does not exist or the KMS key is disabled, you receive an InvalidParameterException error.',
    constrains: [
      { resourceType: 'AWS::Logs::LogGroup', property: 'KmsKeyId' },
      { resourceType: 'AWS::KMS::Key', property: 'Enabled' },
    ],
    consequence: 'Each encrypted log group must reference an enabled key created before it in the same template, so the log group depends on the key.',
  },
  {
    id: 'logs-kms-encryption-context',
    url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html',
    section: 'Encrypt log data in CloudWatch Logs using AWS Key Management Service — Important',
    quote: 'CloudWatch Logs now supports encryption context, using kms:EncryptionContext:aws:logs:arn as the key and the ARN of the log group as the value for that key. If you have log groups that you have already encrypted with a KMS key, and you would like to restrict the key to be used with a single account and log group, you should assign a new KMS key that includes a condition in the IAM policy.',
    constrains: [
      { resourceType: 'AWS::KMS::Key', property: 'KeyPolicy' },
      { resourceType: 'AWS::Logs::LogGroup', property: 'KmsKeyId' },
    ],
    consequence: 'The key policy statement that admits the logs.<region>.amazonaws.com service principal must be conditioned on kms:EncryptionContext:aws:logs:arn matching the construct’s own log group ARNs.',
  },
  {
    id: 'logs-kms-permissions-required-for-reads',
    url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html',
    section: 'Encrypt log data in CloudWatch Logs using AWS Key Management Service',
    quote: 'After you associate a KMS key with a log group, all newly ingested data for the log group is encrypted using this key. This data is stored in encrypted format throughout its retention period. CloudWatch Logs decrypts this data whenever it is requested. CloudWatch Logs must have permissions for the KMS key whenever encrypted data is requested.',
    constrains: [
      { resourceType: 'AWS::KMS::Key', property: 'KeyPolicy' },
      { resourceType: 'AWS::Logs::LogGroup', property: 'KmsKeyId' },
    ],
    consequence: 'The key and its CloudWatch Logs grant must outlive every log group it encrypts, so the key is never removed (or its grant narrowed away) while an encrypted log group is retained.',
  },

  // ---------------------------------------------------------------- S3
  {
    id: 's3-object-lock-compliance-mode',
    url: 'https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_s3.ObjectLockMode.html',
    section: 'enum ObjectLockMode — COMPLIANCE',
    quote: "When an object is locked in compliance mode, its retention mode can't be changed, and its retention period can't be shortened. Compliance mode helps ensure that an object version can't be overwritten or deleted for the duration of the retention period.",
    constrains: [
      { resourceType: 'AWS::S3::Bucket', property: 'ObjectLockConfiguration' },
    ],
    consequence: 'Compliance-mode retention on an archive or trail bucket cannot be undone or shortened, so the construct must make the mode and retention an explicit choice and never attempt to empty or delete such a bucket.',
  },
  {
    id: 's3-delete-bucket-must-be-empty',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html',
    section: 'DeleteBucket',
    quote: 'Deletes the S3 bucket. All objects (including all object versions and delete markers) in the bucket must be deleted before the bucket itself can be deleted.',
    constrains: [
      { resourceType: 'AWS::S3::Bucket', property: 'VersioningConfiguration' },
      { resourceType: 'AWS::S3::Bucket', property: 'ObjectLockConfiguration' },
    ],
    consequence: 'A versioned (or Object Lock) bucket that still holds object versions cannot be deleted by CloudFormation, so such buckets must be retained on stack deletion instead of failing the delete.',
  },

  // ---------------------------------------------------------------- Secrets Manager rotation
  {
    id: 'secretsmanager-rotation-function-network-access',
    url: 'https://docs.amazonaws.cn/en_us/secretsmanager/latest/userguide/rotation-function-network-access.html',
    section: 'Network access for Lambda rotation function — To access a secret',
    quote: "Your Lambda rotation function must be able to access a Secrets Manager endpoint. If your Lambda function can access the internet, then you can use a public endpoint. To find an endpoint, see Amazon Secrets Manager endpoints. If your Lambda function runs in a VPC that doesn't have internet access, we recommend you configure Secrets Manager service private endpoints within your VPC. Your VPC can then intercept requests addressed to the public regional endpoint and redirect them to the private endpoint. For more information, see VPC endpoint. Alternatively, you can enable your Lambda function to access a Secrets Manager public endpoint by adding a NAT gateway or an internet gateway to your VPC, which allows traffic from your VPC to reach the public endpoint.",
    constrains: [
      { resourceType: 'AWS::Lambda::Function', property: 'VpcConfig' },
      { resourceType: 'AWS::EC2::VPCEndpoint', property: 'ServiceName' },
    ],
    consequence: 'A rotation function placed in subnets without internet access needs a Secrets Manager interface VPC endpoint (or a NAT gateway), so the construct must create or require one for the rotation function’s subnets.',
  },
  {
    id: 'secretsmanager-rotation-customer-managed-key',
    url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets-required-permissions-function.html',
    section: 'Lambda rotation function execution role permissions for AWS Secrets Manager — Policy statement for customer managed key',
    quote: 'If the secret is encrypted with a KMS key other than the AWS managed key aws/secretsmanager, then you need to grant the Lambda execution role permission to use the key. You can use the SecretARN encryption context to limit the use of the decrypt function, so the rotation function role only has access to decrypt the secret it is responsible for rotating. The following example shows a statement to add to the execution role policy to decrypt the secret using the KMS key.',
    constrains: [
      { resourceType: 'AWS::IAM::Policy', property: 'PolicyDocument' },
      { resourceType: 'AWS::KMS::Key', property: 'KeyPolicy' },
      { resourceType: 'AWS::SecretsManager::Secret', property: 'KmsKeyId' },
    ],
    consequence: 'The rotation role must be granted kms:Decrypt, kms:DescribeKey and kms:GenerateDataKey on the secret’s customer managed key, conditioned on kms:EncryptionContext:SecretARN equal to the rotated secret.',
  },

  // ---------------------------------------------------------------- Lambda and ElastiCache in a VPC
  {
    id: 'lambda-vpc-no-internet-without-nat',
    url: 'https://docs.aws.amazon.com/lambda/latest/operatorguide/networking-vpc.html',
    section: 'Networking and VPC configurations',
    quote: 'By default, Lambda functions have access to the public internet. This is not the case after they have been configured with access to one of your VPCs. If you continue to need access to resources on the internet, set up a NAT instance or Amazon NAT Gateway. Alternatively, you can also use VPC endpoints to enable private communications between your VPC and supported AWS services.',
    constrains: [
      { resourceType: 'AWS::Lambda::Function', property: 'VpcConfig' },
      { resourceType: 'AWS::EC2::VPCEndpoint', property: 'ServiceName' },
    ],
    consequence: 'Every VPC-attached function the construct deploys reaches AWS APIs only through interface VPC endpoints or a NAT gateway, so the construct must provide or require one of them for each service the function calls.',
  },
  {
    id: 'elasticache-api-interface-vpc-endpoint',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/elasticache-privatelink.html',
    section: 'ElastiCache API and interface VPC endpoints (AWS PrivateLink)',
    quote: 'You can establish a private connection between your VPC and Amazon ElastiCache API endpoints by creating an interface VPC endpoint.',
    constrains: [
      { resourceType: 'AWS::EC2::VPCEndpoint', property: 'ServiceName' },
      { resourceType: 'AWS::Lambda::Function', property: 'VpcConfig' },
    ],
    consequence: 'A VPC-attached function that calls ElastiCache control-plane APIs from subnets without NAT needs an ElastiCache interface endpoint (com.amazonaws.<region>.elasticache), which the construct must create or require.',
  },

  // ---------------------------------------------------------------- CloudTrail
  {
    id: 'cloudtrail-kms-key-policy-required',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html',
    section: 'Configure AWS KMS key policies for CloudTrail',
    quote: 'If you create a KMS key in the AWS Management Console or the AWS CLI, you must add policy sections to the key so that you can use it with CloudTrail. The policy must allow CloudTrail to use the key to encrypt your log files, digest files, and event data stores, and allow the users you specify to read log files and digest files in unencrypted form.',
    constrains: [
      { resourceType: 'AWS::KMS::Key', property: 'KeyPolicy' },
      { resourceType: 'AWS::CloudTrail::Trail', property: 'KMSKeyId' },
    ],
    consequence: 'A trail encrypted with the construct’s key only delivers logs if that key’s policy admits CloudTrail, so the key policy must carry the CloudTrail encrypt statement before the trail is created.',
  },
  {
    id: 'cloudtrail-kms-encrypt-statement',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail-encrypt.html',
    section: 'Granting encrypt permissions — Allow CloudTrail to encrypt logs on behalf of specific accounts',
    quote: 'CloudTrail needs explicit permission to use the CMK to encrypt logs on behalf of specific accounts. To specify an account, add the following required statement to your CMK policy, modifying aws-account-id as necessary. You can add additional account IDs to the EncryptionContext section to enable those accounts to use CloudTrail to use your CMK to encrypt log files. { "Sid": "Allow CloudTrail to encrypt logs", "Effect": "Allow", "Principal": { "Service": "cloudtrail.amazonaws.com" }, "Action": "kms:GenerateDataKey*", "Resource": "*", "Condition": { "StringLike": { "kms:EncryptionContext:aws:cloudtrail:arn": [ "arn:aws:cloudtrail:*:aws-account-id:trail/*" ] } } }',
    constrains: [
      { resourceType: 'AWS::KMS::Key', property: 'KeyPolicy' },
      { resourceType: 'AWS::CloudTrail::Trail', property: 'KMSKeyId' },
    ],
    consequence: 'The key policy must allow the cloudtrail.amazonaws.com principal kms:GenerateDataKey* only when kms:EncryptionContext:aws:cloudtrail:arn matches trails of the deploying account.',
  },
];
