/**
 * The key policy statement every key the library creates must hold (AWS Control Tower CT.KMS.PR.3; AWS facts
 * kms-grant-is-for-aws-resource and kms-services-create-grants-on-behalf), written out as the template has it.
 */
export const GRANT_GUARD_STATEMENT = {
  Sid: 'DenyGrantsExceptForAwsServices',
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 'kms:CreateGrant',
  Resource: '*',
  Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
};
