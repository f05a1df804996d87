/**
 * CloudTrail records of ElastiCache API calls, shaped as EventBridge delivers them to a rule on the default bus
 * ("AWS API Call via CloudTrail"), for matching event patterns with AWS's own engine (./event-ruler.ts).
 *
 * Sources (the shapes below follow them field by field):
 * - userIdentity: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 *   (examples for IAMUser, AssumedRole, IdentityCenterUser; `type` values Root, IAMUser, AssumedRole, Role,
 *   FederatedUser, Directory, AWSAccount, AWSService, IdentityCenterUser, Unknown; "`invokedBy`: The name of the AWS
 *   service that made the request ... This field is only present when a request is made by an AWS service";
 *   "`sessionIssuer`: If they obtained credentials with root or IAM user credentials to call AWS STS
 *   GetFederationToken, the element provides information about the root account or IAM user"; `inScopeOf` with
 *   `issuerType` `AWS::Lambda::Function` and `credentialsIssuedTo`; `onBehalfOf`, `credentialId`)
 * - the record and its fields (eventVersion 1.11, managementEvent, eventCategory, readOnly ...):
 *   https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 * - ElastiCache's records: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/logging-using-cloudtrail.html
 *   (CreateCacheCluster / ModifyCacheCluster examples: eventSource `elasticache.amazonaws.com`, camelCase
 *   requestParameters such as `cacheClusterId`, `applyImmediately`)
 * - the EventBridge envelope: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html
 *   ("Events that are delivered by CloudTrail have AWS API Call via CloudTrail as the value for detail-type"; API
 *   calls carry no resource ARNs) and https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-elasticache.html
 *   ("ElastiCache events delivered via AWS CloudTrail": source `aws.elasticache`)
 * - Root (principalId = account ID, arn `arn:aws:iam::<account>:root`): the QuickSight example,
 *   https://docs.aws.amazon.com/quicksight/latest/user/understanding-quicksight-entries.html
 * - FederatedUser (GetFederationToken, sessionIssuer of type IAMUser): the CodeBuild example,
 *   https://docs.aws.amazon.com/codebuild/latest/userguide/cloudtrail.html
 *
 * What matters for event patterns: IAM users (access keys or console) and the root user carry no
 * `sessionContext.sessionIssuer`; roles (people's SSO roles, Lambda functions' execution roles) do; calls an AWS
 * service makes on a caller's behalf (CloudFormation's, among others) carry `invokedBy`, other calls do not.
 */
import { ACCOUNT, PARTITION, REGION } from './template-values';

/** The `userIdentity` element of a CloudTrail record. */
export interface UserIdentity {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** A CloudTrail record as EventBridge delivers it. */
export interface CloudTrailEvent {
  readonly 'version': string;
  readonly 'id': string;
  readonly 'detail-type': string;
  readonly 'source': string;
  readonly 'account': string;
  readonly 'time': string;
  readonly 'region': string;
  readonly 'resources': string[];
  readonly 'detail': CloudTrailDetail;
}

/** The CloudTrail record itself (EventBridge's `detail`). */
export interface CloudTrailDetail {
  readonly eventVersion: string;
  readonly userIdentity: UserIdentity;
  readonly eventTime: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly awsRegion: string;
  readonly sourceIPAddress: string;
  readonly userAgent: string;
  readonly requestParameters: { [name: string]: unknown } | null;
  readonly responseElements: { [name: string]: unknown } | null;
  readonly requestID: string;
  readonly eventID: string;
  readonly readOnly: boolean;
  readonly eventType: string;
  readonly managementEvent: boolean;
  readonly recipientAccountId: string;
  readonly eventCategory: string;
  readonly [field: string]: unknown;
}

/** One ElastiCache API call. */
export interface ElastiCacheCall {
  /** The API action, e.g. `DeleteReplicationGroup`. */
  readonly eventName: string;
  /** The request's parameters, camelCase as CloudTrail records them. */
  readonly requestParameters: { [name: string]: unknown } | null;
  /** Who made it (one of the builders below). */
  readonly userIdentity: UserIdentity;
  /** @default null */
  readonly responseElements?: { [name: string]: unknown } | null;
  /** @default 2026-12-01T09:30:00Z */
  readonly eventTime?: string;
  /** @default the invoking service's name for `invokedBy` calls, a documentation address (203.0.113.0/24) otherwise */
  readonly sourceIPAddress?: string;
  /** @default the invoking service's name for `invokedBy` calls, an AWS CLI user agent otherwise */
  readonly userAgent?: string;
  /** @default false (every watched event changes something) */
  readonly readOnly?: boolean;
  /** Made in the AWS Management Console (a browser user agent, `sessionCredentialFromConsole`). @default false */
  readonly console?: boolean;
}

export const ELASTICACHE_SOURCE = 'aws.elasticache';
export const CLOUDTRAIL_DETAIL_TYPE = 'AWS API Call via CloudTrail';
export const ELASTICACHE_EVENT_SOURCE = 'elasticache.amazonaws.com';
export const CLOUDFORMATION = 'cloudformation.amazonaws.com';

const DEFAULT_TIME = '2026-12-01T09:30:00Z';
const CREATION_DATE = '2026-12-01T08:55:12Z';
const CLI_USER_AGENT = 'aws-cli/2.22.35 md/awscrt#0.23.8 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off md/command#elasticache';
const CONSOLE_USER_AGENT = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

let sequence = 0;

/** The CloudTrail record of an ElastiCache API call, as EventBridge delivers it to rules on the default bus. */
export function elastiCacheApiCall(call: ElastiCacheCall): CloudTrailEvent {
  const n = ++sequence;
  const time = call.eventTime ?? DEFAULT_TIME;
  const service = typeof call.userIdentity.invokedBy === 'string' ? call.userIdentity.invokedBy : undefined;
  const inConsole = call.console ?? false;
  return {
    'version': '0',
    'id': uuid('e', n),
    'detail-type': CLOUDTRAIL_DETAIL_TYPE,
    'source': ELASTICACHE_SOURCE,
    'account': ACCOUNT,
    time,
    'region': REGION,
    'resources': [],
    'detail': {
      eventVersion: '1.11',
      userIdentity: call.userIdentity,
      eventTime: time,
      eventSource: ELASTICACHE_EVENT_SOURCE,
      eventName: call.eventName,
      awsRegion: REGION,
      sourceIPAddress: call.sourceIPAddress ?? service ?? '203.0.113.42',
      userAgent: call.userAgent ?? service ?? (inConsole ? CONSOLE_USER_AGENT : CLI_USER_AGENT),
      requestParameters: call.requestParameters,
      responseElements: call.responseElements ?? null,
      requestID: uuid('r', n),
      eventID: uuid('v', n),
      readOnly: call.readOnly ?? false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: ACCOUNT,
      eventCategory: 'Management',
      ...(inConsole ? { sessionCredentialFromConsole: 'true' } : {}),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// userIdentity, one builder per identity type CloudTrail documents (for the types an ElastiCache call can carry)
// ---------------------------------------------------------------------------------------------------------------

/** The root user (`type: Root`): no `sessionIssuer`; a console session has `sessionContext.attributes` only. */
export function rootIdentity(options: { console?: boolean } = {}): UserIdentity {
  return {
    type: 'Root',
    principalId: ACCOUNT,
    arn: `arn:${PARTITION}:iam::${ACCOUNT}:root`,
    accountId: ACCOUNT,
    accessKeyId: options.console ? 'ASIAQRSTUVWXYZROOT01' : 'AKIAQRSTUVWXYZROOT01',
    ...(options.console ? { sessionContext: { attributes: { creationDate: CREATION_DATE, mfaAuthenticated: 'true' } } } : {}),
  };
}

/**
 * An IAM user (`type: IAMUser`), by default the drift document's `ops-engineer` (seeds/003, scenario 1:
 * principalId AIDAI23ABCD4EFGH5IJKL) with an access key; no `sessionIssuer`, in the console or not.
 */
export function iamUserIdentity(options: { userName?: string; console?: boolean } = {}): UserIdentity {
  const userName = options.userName ?? 'ops-engineer';
  return {
    type: 'IAMUser',
    principalId: 'AIDAI23ABCD4EFGH5IJKL',
    arn: `arn:${PARTITION}:iam::${ACCOUNT}:user/${userName}`,
    accountId: ACCOUNT,
    accessKeyId: options.console ? 'ASIAI44QH8DHBEXAMPLE' : 'AKIAI44QH8DHBEXAMPLE',
    userName,
    ...(options.console ? { sessionContext: { attributes: { creationDate: CREATION_DATE, mfaAuthenticated: 'true' } } } : {}),
  };
}

/** Options of an assumed-role session. */
export interface AssumedRoleOptions {
  /** The role's ARN (`sessionIssuer.arn`), path included. */
  readonly roleArn: string;
  /** The session name (the last part of the session ARN and of principalId). */
  readonly sessionName: string;
  /** The role's unique ID (AROA...). @default a fixed example ID */
  readonly roleId?: string;
  /** Extra fields of `userIdentity` (e.g. `inScopeOf`, `invokedBy`). */
  readonly extra?: { [field: string]: unknown };
}

/**
 * A role session (`type: AssumedRole`): `sessionContext.sessionIssuer` names the role (`type: Role`, its ARN with
 * path), the principal is `arn:aws:sts::<account>:assumed-role/<role name>/<session name>`.
 */
export function assumedRoleIdentity(options: AssumedRoleOptions): UserIdentity {
  const roleName = options.roleArn.split('/').pop()!;
  const roleId = options.roleId ?? 'AROAIDPPEZS35WEXAMPLE';
  return {
    type: 'AssumedRole',
    principalId: `${roleId}:${options.sessionName}`,
    arn: `arn:${PARTITION}:sts::${ACCOUNT}:assumed-role/${roleName}/${options.sessionName}`,
    accountId: ACCOUNT,
    accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: roleId, arn: options.roleArn, accountId: ACCOUNT, userName: roleName },
      webIdFederationData: {},
      attributes: { creationDate: CREATION_DATE, mfaAuthenticated: 'false' },
    },
    ...options.extra,
  };
}

/** The role IAM Identity Center creates for a permission set (path `/aws-reserved/sso.amazonaws.com/`). */
export const SSO_ADMIN_ROLE_ARN = `arn:${PARTITION}:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef`;

/** A person signed in through IAM Identity Center, working in a permission set's role (an AssumedRole session). */
export function personSsoRoleIdentity(options: { person?: string; roleArn?: string } = {}): UserIdentity {
  return assumedRoleIdentity({
    roleArn: options.roleArn ?? SSO_ADMIN_ROLE_ARN,
    sessionName: options.person ?? 'alice@example.com',
    roleId: 'AROA3XFRBF23SSOADMIN',
  });
}

/**
 * A Lambda function calling with its execution role: an AssumedRole session named after the function, whose
 * `sessionIssuer.arn` is the role, with `inScopeOf` naming the function when its ARN is given.
 */
export function lambdaFunctionIdentity(options: { roleArn: string; functionName: string; functionArn?: string }): UserIdentity {
  return assumedRoleIdentity({
    roleArn: options.roleArn,
    sessionName: options.functionName,
    roleId: 'AROA5LAMBDAEXECUTION',
    extra: options.functionArn
      ? { inScopeOf: { issuerType: 'AWS::Lambda::Function', credentialsIssuedTo: options.functionArn } }
      : {},
  });
}

/**
 * A federated user (`type: FederatedUser`, from STS GetFederationToken called with an IAM user's keys): the
 * `sessionIssuer` is the IAM user (`type: IAMUser`), not a role.
 */
export function federatedUserIdentity(options: { name?: string; issuerUserName?: string } = {}): UserIdentity {
  const name = options.name ?? 'contractor-dana';
  const issuer = options.issuerUserName ?? 'federation-broker';
  return {
    type: 'FederatedUser',
    principalId: `${ACCOUNT}:${name}`,
    arn: `arn:${PARTITION}:sts::${ACCOUNT}:federated-user/${name}`,
    accountId: ACCOUNT,
    accessKeyId: 'ASIAFEDERATEDEXAMPLE',
    sessionContext: {
      sessionIssuer: {
        type: 'IAMUser',
        principalId: 'AIDAJFEDERATIONBROKER',
        arn: `arn:${PARTITION}:iam::${ACCOUNT}:user/${issuer}`,
        accountId: ACCOUNT,
        userName: issuer,
      },
      attributes: { creationDate: CREATION_DATE, mfaAuthenticated: 'false' },
    },
  };
}

/** A request made by an AWS service's own account (`type: AWSService`): only `invokedBy` names the service. */
export function awsServiceIdentity(service: string): UserIdentity {
  return { type: 'AWSService', invokedBy: service };
}

/**
 * A request made on behalf of an IAM Identity Center user (`type: IdentityCenterUser`): `onBehalfOf` and
 * `credentialId` (a bearer token), no ARN, no `sessionContext`.
 */
export function identityCenterUserIdentity(): UserIdentity {
  return {
    type: 'IdentityCenterUser',
    accountId: ACCOUNT,
    onBehalfOf: {
      userId: '544894e8-80c1-707f-60e3-3ba6510dfac1',
      identityStoreArn: `arn:${PARTITION}:identitystore::${ACCOUNT}:identitystore/d-9067642ac7`,
    },
    credentialId: 'EXAMPLEVHULjJdTUdPJfofVa1sufHDoj7aYcOYcxFVllWR_Whr1fEXAMPLE',
  };
}

/** The CDK bootstrap's CloudFormation execution role (the role CloudFormation deploys CDK stacks with). */
export const CFN_EXEC_ROLE_ARN = `arn:${PARTITION}:iam::${ACCOUNT}:role/cdk-hnb659fds-cfn-exec-role-${ACCOUNT}-${REGION}`;

/**
 * The same caller, with the call made by an AWS service on its behalf (`invokedBy`). CloudFormation's calls carry
 * `invokedBy: cloudformation.amazonaws.com`, whether it uses a service role (an AssumedRole session) or the
 * deployer's own credentials (e.g. an IAM user's).
 */
export function invokedBy(identity: UserIdentity, service: string): UserIdentity {
  return { ...identity, invokedBy: service };
}

/** CloudFormation deploying with the CDK bootstrap's execution role. */
export function cloudFormationRoleIdentity(): UserIdentity {
  return invokedBy(assumedRoleIdentity({ roleArn: CFN_EXEC_ROLE_ARN, sessionName: 'AWSCloudFormation', roleId: 'AROACFNEXECROLE00001' }), CLOUDFORMATION);
}

/** A deterministic UUID-shaped ID. */
function uuid(kind: string, n: number): string {
  const hex = (n * 7919).toString(16).padStart(8, '0').slice(-8);
  const k = kind.charCodeAt(0).toString(16).padStart(4, '0');
  return `${hex}-${k}-4${hex.slice(0, 3)}-8${hex.slice(3, 6)}-${String(n).padStart(12, '0')}`;
}
