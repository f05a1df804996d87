import type { RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * What every bucket of this library has: TLS 1.2 or later only (the SSL-only bucket policy), no public access,
 * ACLs disabled (bucket owner enforced), versioning.
 */
export function secureBucketProps(removalPolicy: RemovalPolicy): s3.BucketProps {
  return {
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    removalPolicy,
  };
}
