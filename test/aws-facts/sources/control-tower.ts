import type { AwsFact } from '../fact';

/**
 * The facts behind the library's answers to the AWS Control Tower proactive controls (README "Control Tower proactive
 * controls"): what it changed to meet a control (KMS grants, the rotation function's invoke permission, S3 events to
 * EventBridge, the archive's functions in the VPC) and why S3 makes the controls it states impossible or wrong for a
 * bucket (server access log destinations, Object Lock). Whitespace is collapsed; `…` marks left-out text.
 */
export const CONTROL_TOWER_FACTS: AwsFact[] = [
  {
    id: 'kms-grant-is-for-aws-resource',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/grant-authorization.html',
    section: 'Controlling access to grants — kms:GrantIsForAWSResource',
    quote: 'Allows principals to call CreateGrant, ListGrants, or RevokeGrant only when an AWS service that is integrated with AWS KMS sends the request on the principal\'s behalf.',
    constrains: [{ resourceType: 'AWS::KMS::Key', property: 'KeyPolicy' }],
    consequence: 'Every key the library creates denies kms:CreateGrant to every principal unless kms:GrantIsForAWSResource or aws:PrincipalIsAWSService is true (BoolIfExists, AWS Control Tower CT.KMS.PR.3), and no policy of the library allows one of its principals kms:CreateGrant.',
  },
  {
    id: 'kms-services-create-grants-on-behalf',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/grants.html',
    section: 'Grants in AWS KMS',
    quote: 'Grants are commonly used by AWS services that integrate with AWS KMS to encrypt your data at rest. The service creates a grant on behalf of a user in the account, uses its permissions, and retires the grant as soon as its task is complete.',
    constrains: [
      { resourceType: 'AWS::KMS::Key', property: 'KeyPolicy' },
      { resourceType: 'AWS::ElastiCache::ReplicationGroup', property: 'KmsKeyId' },
      { resourceType: 'AWS::Lambda::Function', property: 'KmsKeyArn' },
    ],
    consequence: 'The grant guard leaves ElastiCache (KmsKeyId) and Lambda (KmsKeyArn) the grants they create on the deployer\'s behalf, and denies kms:CreateGrant only, so that the services still list, retire and revoke their grants.',
  },
  {
    id: 'secretsmanager-rotation-source-arn-one-secret',
    url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets-required-permissions-function.html',
    section: 'Permissions for rotation',
    quote: 'For some AWS services, to avoid the confused deputy scenario, AWS recommends that you use both the aws:SourceArn and aws:SourceAccount global condition keys. However, if you include the context key aws:SourceArn in your Lambda rotation function policy, the rotation function can only be used to rotate the secret specified by that ARN.',
    constrains: [
      { resourceType: 'AWS::Lambda::Permission', property: 'SourceArn' },
      { resourceType: 'AWS::Lambda::Permission', property: 'SourceAccount' },
    ],
    consequence: 'The rotation function rotates one secret: its invoke permission for secretsmanager.amazonaws.com names that secret (SourceArn, the schedule\'s SecretId) and the stack\'s account (SourceAccount), and the rotation schedule is created after it (AWS Control Tower CT.LAMBDA.PR.2).',
  },
  {
    id: 's3-eventbridge-delivery-all-events',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-eventbridgeconfiguration.html',
    section: 'AWS::S3::Bucket EventBridgeConfiguration',
    quote: 'Unlike other destinations, delivery of events to EventBridge can be either enabled or disabled for a bucket. If enabled, all events will be sent to EventBridge and you can use EventBridge rules to route events to additional targets.',
    constrains: [{ resourceType: 'AWS::S3::Bucket', property: 'NotificationConfiguration' }],
    consequence: 'Every bucket of the library sets NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled on the bucket itself (AWS Control Tower CT.S3.PR.4), with no destination, no rule and no Custom::S3BucketNotifications resource or function.',
  },
  {
    id: 'eventbridge-s3-events-are-opt-in-data-events',
    url: 'https://aws.amazon.com/eventbridge/pricing/',
    section: 'Amazon EventBridge pricing — Event buses',
    quote: 'AWS Free Tier: AWS management events are ingested by the event bus for free. … Some AWS services, such as S3, can send data plane events to the event bus after you opt-in (“AWS opt-in data events”).',
    constrains: [{ resourceType: 'AWS::S3::Bucket', property: 'NotificationConfiguration' }],
    consequence: 'README "Control Tower proactive controls" tells that the buckets\' events to EventBridge are AWS opt-in data events, not the AWS management events the bus ingests for free.',
  },
  {
    id: 's3-access-log-destination-sse-s3-only',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html',
    section: 'Enabling Amazon S3 server access logging',
    quote: 'You can use default bucket encryption on the destination bucket only if you use server-side encryption with Amazon S3 managed keys (SSE-S3), which uses the 256-bit Advanced Encryption Standard (AES-256). Default server-side encryption with AWS Key Management Service (AWS KMS) keys (SSE-KMS) is not supported.',
    constrains: [{ resourceType: 'AWS::S3::Bucket', property: 'BucketEncryption' }],
    consequence: 'Every server access log destination of the library is SSE-S3 (AES256) and states AWS Control Tower CT.S3.PR.10 with this sentence.',
  },
  {
    id: 's3-object-lock-not-for-access-log-destination',
    url: 'https://docs.amazonaws.cn/en_us/AmazonS3/latest/userguide/object-lock-configure.html',
    section: 'Configuring S3 Object Lock',
    quote: 'After you enable Object Lock on a bucket, you can\'t disable Object Lock or suspend versioning for that bucket. S3 buckets with Object Lock can\'t be used as destination buckets for server access logs.',
    constrains: [{ resourceType: 'AWS::S3::Bucket', property: 'ObjectLockEnabled' }],
    consequence: 'No server access log destination has Object Lock, and each states AWS Control Tower CT.S3.PR.9; the trail bucket, whose Object Lock could never be undone, states CT.S3.PR.9 with CloudTrail log file validation on.',
  },
  {
    id: 's3-access-logs-to-source-not-recommended',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
    section: 'Logging requests using server access logging — How do I enable log delivery?',
    quote: 'When your source bucket and target bucket are the same bucket, additional logs are created for the logs that are written to the bucket. We do not recommend doing this because it could result in a small increase in your storage billing. In addition, the extra logs about logs might make it harder to find the log that you are looking for.',
    constrains: [{ resourceType: 'AWS::S3::Bucket', property: 'LoggingConfiguration' }],
    consequence: 'No bucket logs into itself: the buckets that hold data log into a separate access-log bucket, which has no LoggingConfiguration of its own and states AWS Control Tower CT.S3.PR.2.',
  },
  {
    id: 'cfn-custom-resource-response-to-s3',
    url: 'https://docs.amazonaws.cn/en_us/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-customresource.html',
    section: 'AWS::CloudFormation::CustomResource',
    quote: 'Custom resources must send responses to a presigned Amazon S3 URL. If they can\'t send responses to Amazon S3, CloudFormation won\'t receive a response and the stack operation fails.',
    constrains: [
      { resourceType: 'AWS::CloudFormation::CustomResource', property: 'ServiceToken' },
      { resourceType: 'AWS::Lambda::Function', property: 'VpcConfig' },
    ],
    consequence: 'The staging bucket\'s ACL function runs in the VPC (AWS Control Tower CT.LAMBDA.PR.3) where S3 is reachable: subnets with a NAT gateway, or in isolated subnets an S3 gateway endpoint without which synth fails; its custom resource waits for the VPC\'s endpoints of its stack.',
  },
  {
    id: 'cfn-custom-resource-response-url-legacy-host',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-cloudformation.html',
    section: 'Using Lambda with AWS CloudFormation — example stack creation event',
    quote: '"ResponseURL": "https://cloudformation-custom-resource-response-useast1.s3-us-east-1.amazonaws.com/',
    constrains: [{ resourceType: 'AWS::EC2::VPCEndpoint', property: 'VpcEndpointType' }],
    consequence: 'A custom resource in the VPC answers CloudFormation on an S3 dash-Region host: in isolated subnets only an S3 gateway endpoint carries that answer (next fact), so synth fails for the archive without one.',
  },
  {
    id: 's3-interface-endpoints-no-legacy-hosts',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html',
    section: 'AWS PrivateLink for Amazon S3 — Restrictions and limitations',
    quote: 'Interface endpoints for Amazon S3 does not support the following: … Legacy global endpoints … S3 dash Region endpoints',
    constrains: [{ resourceType: 'AWS::EC2::VPCEndpoint', property: 'VpcEndpointType' }],
    consequence: 'An S3 interface endpoint does not count for the archive\'s functions in isolated subnets: the staging ACL custom resource could not answer CloudFormation through it.',
  },
];
