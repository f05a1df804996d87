import type { AwsFact } from '../fact';

/**
 * Snapshot archive facts (issue 15): how ElastiCache exports a backup to S3 and seeds a group from one, what S3 asks
 * of writes into an Object Lock bucket and of copies, and why the archive is a copy rather than the export itself.
 *
 * The ElastiCache export page has changed several times; the quotes are from its newest text and from the Amazon S3
 * user guide, the seeding page and the at-rest encryption page. Where the older texts differ (the ACL grant in the
 * Regions enabled by default), the library satisfies both (src/archive/export-access.ts). Whitespace is collapsed.
 */
export const SNAPSHOT_ARCHIVE_FACTS: AwsFact[] = [
  {
    id: 'elasticache-export-bucket-policy',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-exporting.html',
    section: 'Exporting a backup — Grant ElastiCache access to your Amazon S3 bucket',
    quote: 'ElastiCache requires access to your Amazon S3 bucket to copy a snapshot to it. We recommend granting access by using an Amazon S3 bucket policy rather than access control lists (ACLs).',
    constrains: [{ resourceType: 'AWS::S3::BucketPolicy', property: 'PolicyDocument' }],
    consequence: 'The staging bucket policy grants <region>.elasticache-snapshot.amazonaws.com exactly the six documented actions (s3:PutObject, s3:GetObject, s3:ListBucket, s3:GetBucketAcl, s3:ListMultipartUploadParts, s3:ListBucketMultipartUploads) in every Region.',
  },
  {
    id: 's3-elasticache-acl-migration',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-ownership-migrating-acls-prerequisites.html',
    section: 'Prerequisites for disabling ACLs — Grant Amazon ElastiCache (Redis OSS) access to your S3 bucket',
    quote: "To export your backup to an S3 bucket, you must grant ElastiCache permissions to copy a snapshot to the bucket. If you've granted permissions to ElastiCache in a bucket ACL, you must migrate these permissions to a bucket policy before you apply the Bucket owner enforced setting to disable ACLs.",
    constrains: [
      { resourceType: 'AWS::S3::Bucket', property: 'OwnershipControls' },
      { resourceType: 'AWS::S3::BucketPolicy', property: 'PolicyDocument' },
    ],
    consequence: 'Where ACLs are disabled (opt-in Regions: BucketOwnerEnforced), the bucket policy is ElastiCache\'s only grant, so it must be there; where the ACL grant is kept (default Regions), ACLs must be enabled (BucketOwnerPreferred).',
  },
  {
    id: 'elasticache-canonical-id-default-regions',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-seeding-redis.html',
    section: 'Seeding a new self-designed cluster with an externally created backup — Grant ElastiCache read access to the .rdb file',
    quote: "In the box, add the AWS Region's canonical ID as shown following: AWS GovCloud (US-West) Region: 40fa568277ad703bd160f66ae4f83fc9dfdfd06c2f1b5060ca22442ac3ef8be6 … AWS Regions enabled by default: 540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353",
    constrains: [{ resourceType: 'AWS::S3::Bucket', property: 'AccessControl' }],
    consequence: 'In a default Region the staging bucket ACL grants canonical user 540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353 READ, WRITE and READ_ACP (a custom resource: CloudFormation sets canned ACLs only), and the restore gives the copied .rdb a READ grant to it.',
  },
  {
    id: 'elasticache-opt-in-regions',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-seeding-redis.html',
    section: 'Seeding a new self-designed cluster with an externally created backup — Grant ElastiCache read access to the .rdb file',
    quote: 'AWS Regions introduced before March 20, 2019, are enabled by default. You can begin working in these AWS Regions immediately. Regions introduced after March 20, 2019, such as Asia Pacific (Hong Kong) and Middle East (Bahrain), are disabled by default.',
    constrains: [{ resourceType: 'AWS::S3::Bucket', property: 'OwnershipControls' }],
    consequence: 'The staging bucket\'s access depends on the Region\'s kind: aws-cdk-lib\'s RegionInfo.isOptInRegion decides it at synth, and a mapping of the same facts at deployment for a region-agnostic stack (ap-east-1 and me-south-1 are opt-in).',
  },
  {
    id: 'elasticache-export-no-customer-managed-key',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html',
    section: 'At-Rest Encryption in ElastiCache',
    quote: 'Customer managed keys cannot be used when exporting backups to your selected Amazon S3 bucket. However, all backups exported to Amazon S3 are encrypted using Server side encryption. You may choose to copy the backup file to a new S3 object and encrypt using a customer managed KMS key, copy the file to another S3 bucket that is set up with default encryption using a KMS key or change an encryption option in the file itself.',
    constrains: [
      { resourceType: 'AWS::S3::Bucket', property: 'BucketEncryption' },
      { resourceType: 'AWS::KMS::Key', property: 'KeyPolicy' },
    ],
    consequence: 'ElastiCache exports into an SSE-S3 staging bucket and is never given the customer key; the archive function copies each export into the SSE-KMS archive bucket with the customer key.',
  },
  {
    id: 'elasticache-seed-sse-s3-only',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-seeding-redis.html',
    section: 'Seeding a new self-designed cluster with an externally created backup',
    quote: 'You can encrypt a Valkey or Redis OSS .rdb file with Amazon S3 server-side encryption (SSE-S3) only.',
    constrains: [{ resourceType: 'AWS::S3::Bucket', property: 'BucketEncryption' }],
    consequence: 'The restore copies an archived export back into the staging bucket with --sse AES256 before a new group is seeded from it; an SSE-KMS archive object is never seeded from directly.',
  },
  {
    id: 's3-object-lock-upload-integrity-header',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html',
    section: 'Managing Object Lock — Uploading objects to an Object Lock enabled bucket',
    quote: 'The Content-MD5 or x-amz-sdk-checksum-algorithm header is required for any request to upload an object with a retention period configured using Object Lock.',
    constrains: [{ resourceType: 'AWS::S3::Bucket', property: 'ObjectLockConfiguration' }],
    consequence: 'ElastiCache never writes into the locked bucket, since whether its exporter sends such a header is not documented; the archive function copies into it (a copy has no body; S3 documents no integrity header for CopyObject) naming x-amz-checksum-algorithm: CRC64NVME so that S3 stores a checksum of the copy, which the run verifies.',
  },
  {
    id: 's3-copyobject-5gb-limit',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html',
    section: 'CopyObject',
    quote: 'You create a copy of your object up to 5 GB in size in a single atomic action using this API. However, to copy an object greater than 5 GB, you must use the multipart upload Upload Part - Copy (UploadPartCopy) API.',
    constrains: [{ resourceType: 'AWS::Lambda::Function', property: 'Code' }],
    consequence: 'The archive copy uses CopyObject up to 5 GiB and a multipart UploadPartCopy above, so a large cache\'s export is archived too.',
  },
  {
    id: 's3-copy-archived-object-needs-restore',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/copy-object.html',
    section: 'Copying objects',
    quote: 'If the source object is archived in S3 Glacier Flexible Retrieval or S3 Glacier Deep Archive, you must first restore a temporary copy before you can copy the object to another bucket.',
    constrains: [{ resourceType: 'AWS::S3::Bucket', property: 'LifecycleConfiguration' }],
    consequence: 'The restore steps start with restore-object and wait for it before copying the export back into staging; the test shows the copy fails without it.',
  },
  {
    id: 's3-replication-keeps-sse-s3',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html',
    section: 'Replicating encrypted objects',
    quote: 'If objects in the source bucket are encrypted by using server-side encryption with Amazon S3 managed keys (SSE-S3) or server-side encryption with AWS Key Management Service (AWS KMS) keys (SSE-KMS), the replica objects in the destination bucket use the same type of encryption as the source objects. The default encryption settings of the destination bucket are not used.',
    constrains: [{ resourceType: 'AWS::S3::Bucket', property: 'ReplicationConfiguration' }],
    consequence: 'S3 Replication from the SSE-S3 staging bucket would leave SSE-S3 replicas in the archive, so the archive is filled by CopyObject with SSE-KMS, never by replication.',
  },
  {
    id: 'elasticache-self-designed-events-not-in-eventbridge',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/self-designed-metrics-events.valkey-and-redis.html',
    section: 'Monitoring ElastiCache events (self-designed clusters)',
    quote: 'Self-designed cluster events are not published to Amazon EventBridge.',
    constrains: [{ resourceType: 'Events', property: 'EventPattern' }],
    consequence: 'No EventBridge rule waits for "Snapshot Export Failed" from a node-based group; the daily run finds a failed export by its missing objects, exports it again and reports it.',
  },
  {
    id: 'elasticache-export-caller-permissions',
    url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-exporting.html',
    section: 'Exporting a backup — Required IAM permissions for the caller',
    quote: 'To call the export operation, you must have permissions to call elasticache:CopySnapshot and to access the target Amazon S3 bucket.',
    constrains: [{ resourceType: 'AWS::IAM::ManagedPolicy', property: 'PolicyDocument' }],
    consequence: 'The archive function\'s policy allows s3:PutObject, s3:GetObject, s3:DeleteObject, s3:ListBucket, s3:GetBucketLocation and s3:GetBucketAcl on the staging bucket and s3:ListAllMyBuckets on *, and nothing of the kind on any other bucket.',
  },
];
