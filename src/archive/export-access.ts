/**
 * How ElastiCache gets into the staging bucket, by the kind of Region the stack deploys to. Every mechanism here is
 * one AWS documents; the sentences are quoted where they are used and in the test suite's catalogue of AWS facts.
 *
 * - Every Region: the bucket policy for `<region>.elasticache-snapshot.amazonaws.com` with six actions. The
 *   ElastiCache guide ("Exporting a backup"): "We recommend granting access by using an Amazon S3 bucket policy
 *   rather than access control lists (ACLs)."; the Amazon S3 guide ("Prerequisites for disabling ACLs", "Grant
 *   Amazon ElastiCache (Redis OSS) access to your S3 bucket") gives the same policy with no Region qualifier.
 * - Regions enabled by default: also the bucket ACL grant to ElastiCache's canonical ID that earlier versions of the
 *   export guide and the current seeding guide document for "AWS Regions enabled by default" (READ, WRITE and
 *   READ_ACP, as the Amazon S3 guide's example of "the bucket ACL permissions that grant permissions to
 *   ElastiCache" shows), with ACLs enabled (object ownership `BucketOwnerPreferred`). Seeding a new group from an
 *   .rdb in S3 (the restore) is documented there by ACL only.
 * - Opt-in Regions: the bucket policy only, and ACLs disabled (`BucketOwnerEnforced`): every version of both
 *   guides grants ElastiCache access there by the bucket policy.
 *
 * This module must stay free of aws-cdk-lib imports other than types: it is shared with the restore steps.
 */

/**
 * ElastiCache's canonical user ID in the AWS Regions enabled by default (ElastiCache user guide, "Seeding a new
 * self-designed cluster with an externally created backup": "AWS Regions enabled by default:
 * 540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353").
 */
export const ELASTICACHE_CANONICAL_ID = '540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353';

/**
 * The bucket ACL permissions ElastiCache gets in a default Region: List objects (READ), Write objects (WRITE) and
 * Read bucket permissions (READ_ACP), the grant the Amazon S3 guide shows for ElastiCache.
 */
export const ELASTICACHE_BUCKET_ACL_PERMISSIONS = ['READ', 'WRITE', 'READ_ACP'] as const;

/**
 * What ElastiCache needs on the bucket, exactly the policy of the export guide and the Amazon S3 guide. The seeding
 * guide's read (s3:GetObject, s3:ListBucket, s3:GetBucketAcl) is a subset.
 */
export const ELASTICACHE_EXPORT_BUCKET_ACTIONS = [
  's3:PutObject',
  's3:GetObject',
  's3:ListBucket',
  's3:GetBucketAcl',
  's3:ListMultipartUploadParts',
  's3:ListBucketMultipartUploads',
] as const;

/** The kind of Region the staging bucket is in, as far as synth knows. */
export type ExportRegionKind = 'default' | 'opt-in' | 'deploy-time';
