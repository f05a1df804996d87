/**
 * The staging bucket's ACL in a default Region: the owner's FULL_CONTROL plus ElastiCache's grants, as a
 * CloudFormation custom resource (CloudFormation sets canned ACLs only). The work, with the S3 client and the
 * response passed in; ./staging-acl.lambda.ts is the handler.
 *
 * This module must stay free of aws-cdk-lib imports: it is bundled into the Lambda function.
 */
/* eslint-disable import/no-extraneous-dependencies -- Lambda code bundled by esbuild; the nodejs24.x runtime provides @aws-sdk/* */
import { type AccessControlPolicy, GetBucketAclCommand, PutBucketAclCommand, type S3Client } from '@aws-sdk/client-s3';
/* eslint-enable import/no-extraneous-dependencies */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { ELASTICACHE_BUCKET_ACL_PERMISSIONS, ELASTICACHE_CANONICAL_ID } from './export-access';

/** The custom resource's properties (strings, as CloudFormation passes them). */
export interface StagingAclProperties {
  readonly BucketName: string;
}

/** The ACL: the bucket owner keeps FULL_CONTROL; ElastiCache's canonical ID gets READ, WRITE and READ_ACP. */
export function elastiCacheBucketAcl(ownerId: string): AccessControlPolicy {
  return {
    Owner: { ID: ownerId },
    Grants: [
      { Grantee: { Type: 'CanonicalUser', ID: ownerId }, Permission: 'FULL_CONTROL' },
      ...ELASTICACHE_BUCKET_ACL_PERMISSIONS.map((permission) => ({
        Grantee: { Type: 'CanonicalUser' as const, ID: ELASTICACHE_CANONICAL_ID },
        Permission: permission,
      })),
    ],
  };
}

/** What CloudFormation is told. */
export interface StagingAclResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason?: string;
  readonly PhysicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
}

/**
 * Sets the ACL on Create and Update; leaves it on Delete (the bucket is retained, and its ACL with it). Never throws:
 * a failure is a FAILED response whose reason names the bucket and the error, so the deployment fails and says why.
 */
export async function applyStagingAcl(s3: S3Client, event: CloudFormationCustomResourceEvent): Promise<StagingAclResponse> {
  const props = event.ResourceProperties as unknown as StagingAclProperties;
  const base = {
    PhysicalResourceId: `${props.BucketName}-elasticache-acl`,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  };
  if (event.RequestType === 'Delete') return { Status: 'SUCCESS', ...base };
  try {
    const current = await s3.send(new GetBucketAclCommand({ Bucket: props.BucketName }));
    const ownerId = current.Owner?.ID;
    if (ownerId === undefined) throw new Error('GetBucketAcl returned no owner');
    await s3.send(new PutBucketAclCommand({ Bucket: props.BucketName, AccessControlPolicy: elastiCacheBucketAcl(ownerId) }));
    return { Status: 'SUCCESS', ...base };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      Status: 'FAILED',
      Reason: `could not grant ElastiCache (canonical ID ${ELASTICACHE_CANONICAL_ID}) access to s3://${props.BucketName} by its ACL: ${message}`.slice(0, 1000),
      ...base,
    };
  }
}
