import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';

/** The statement ID of {@link denyGrantsExceptForAwsServices}: one per key policy. */
export const DENY_GRANTS_EXCEPT_FOR_AWS_SERVICES_SID = 'DenyGrantsExceptForAwsServices';

/**
 * Limits the creation of KMS grants on a key the library creates to AWS services (AWS Control Tower CT.KMS.PR.3):
 * kms:CreateGrant is denied to every principal unless an AWS service integrated with AWS KMS makes the call on a
 * principal's behalf (`kms:GrantIsForAWSResource`) or a service principal makes it (`aws:PrincipalIsAWSService`).
 *
 * Nothing the library builds needs a grant created directly. The services that use grants with these keys create them
 * on behalf of the deployer or of a role ("The service creates a grant on behalf of a user in the account, uses its
 * permissions, and retires the grant as soon as its task is complete", AWS KMS developer guide, Grants): ElastiCache
 * for its encrypted data and snapshots, Lambda for the functions' encrypted environment. The others use the key
 * without grants: CloudWatch Logs, SNS, CloudTrail and the EventBridge and CloudWatch publishers as service principals
 * named in the key policy, Secrets Manager and S3 (SSE-KMS) through `kms:ViaService`.
 *
 * `BoolIfExists`, so that a request without the keys (every direct call) is denied too. Only kms:CreateGrant: the
 * services still list, retire and revoke their own grants.
 *
 * @returns whether the statement was added (false for an imported key, whose policy is its owner's)
 */
export function denyGrantsExceptForAwsServices(key: kms.IKey): boolean {
  return key.addToResourcePolicy(new iam.PolicyStatement({
    sid: DENY_GRANTS_EXCEPT_FOR_AWS_SERVICES_SID,
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'], // in a key policy, '*' means this key
    conditions: {
      BoolIfExists: {
        'kms:GrantIsForAWSResource': 'false',
        'aws:PrincipalIsAWSService': 'false',
      },
    },
  })).statementAdded;
}
