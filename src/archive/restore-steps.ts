/**
 * The restore: the AWS CLI steps that bring an archived export back to an object ElastiCache can read to seed a new
 * replication group. The README prints exactly these steps (a test compares them), and a test runs them with the
 * real AWS CLI against an S3 emulator.
 *
 * Why a copy back to staging: "You can encrypt a Valkey or Redis OSS .rdb file with Amazon S3 server-side encryption
 * (SSE-S3) only." (ElastiCache user guide, "Seeding a new self-designed cluster with an externally created backup"),
 * and the archive is SSE-KMS with the customer key; ElastiCache must also be able to read the object, which the
 * staging bucket grants (bucket policy; in a default Region also the ACL, and the object gets a read grant).
 *
 * Pure functions, no CDK: the same text serves the construct's method, the README and the tests.
 */
import { ELASTICACHE_CANONICAL_ID, type ExportRegionKind } from './export-access';

/** The prefix restored objects get in the staging bucket: outside `<replicationGroupId>-`, so the daily run leaves them. */
export const RESTORE_PREFIX = 'restore/';

/** One step of the restore. */
export interface RestoreStep {
  /** What the step does, one sentence. */
  readonly description: string;
  /** The command, for bash. */
  readonly command: string;
}

/** What the restore works on. */
export interface RestoreStepsOptions {
  readonly archiveBucket: string;
  readonly stagingBucket: string;
  /** The archived object, e.g. `my-group-2026-11-22-03-40-0001.rdb`. */
  readonly key: string;
  readonly regionKind: ExportRegionKind;
}

/** Single-quotes a value for bash. */
function q(value: string): string {
  return /^[A-Za-z0-9_./:=$<>{}-]+$/.test(value) ? value : `'${value.replace(/'/g, '\'\\\'\'')}'`;
}

/** The restore's steps, in order. */
export function restoreSteps(o: RestoreStepsOptions): RestoreStep[] {
  const restored = `${RESTORE_PREFIX}${o.key}`;
  const grants = o.regionKind === 'opt-in'
    ? ''
    : ` --grants read=id=${ELASTICACHE_CANONICAL_ID} full=id="$(aws s3api get-bucket-acl --bucket ${q(o.stagingBucket)} --query Owner.ID --output text)"`;
  return [
    {
      description: 'Objects older than 35 days are in S3 Glacier Deep Archive: start a restore of a temporary copy for 7 days ' +
        '(Standard: within 12 hours; Bulk: within 48 hours). Skip this step for a newer object (RestoreObject then fails ' +
        'with InvalidObjectState).',
      command: `aws s3api restore-object --bucket ${q(o.archiveBucket)} --key ${q(o.key)} ` +
        '--restore-request \'{"Days":7,"GlacierJobParameters":{"Tier":"Standard"}}\'',
    },
    {
      description: 'Wait until the restore is done: repeat until Restore shows ongoing-request="false" (or StorageClass is not DEEP_ARCHIVE).',
      command: `aws s3api head-object --bucket ${q(o.archiveBucket)} --key ${q(o.key)} --query '[StorageClass, Restore]'`,
    },
    {
      description: 'Copy it into the staging bucket as SSE-S3, the only encryption ElastiCache can seed from' +
        (o.regionKind === 'opt-in'
          ? ' (the staging bucket\'s policy lets ElastiCache read it).'
          : ', with a read grant to ElastiCache\'s canonical ID and full control for the bucket owner (the seeding guide\'s ' +
            'grant in the Regions enabled by default' + (o.regionKind === 'deploy-time' ? '; leave out --grants in an opt-in Region' : '') + ').') +
        ' The copy needs kms:Decrypt on the archive key; the staging bucket deletes it after 7 days.',
      command: `aws s3 cp s3://${o.archiveBucket}/${o.key} s3://${o.stagingBucket}/${restored} --sse AES256 --force-glacier-transfer${grants}`,
    },
    {
      description: 'Seed a new replication group (a new replicationGroupId; SnapshotArns is create-only) in the same Region from this ARN, ' +
        'one per shard: `cache.resource.snapshotArns = [...]` on a new CompliantRedisReplicationGroup, or ' +
        '`aws elasticache create-replication-group --snapshot-arns ...`.',
      command: `echo arn:aws:s3:::${o.stagingBucket}/${restored}`,
    },
  ];
}

/** The steps as a bash script: each description as a comment above its command. */
export function restoreScript(o: RestoreStepsOptions): string {
  return restoreSteps(o).map((s, i) => `# ${i + 1}. ${s.description}\n${s.command}`).join('\n\n');
}
