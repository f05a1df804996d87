import type { CfnResource } from 'aws-cdk-lib';
import { CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { MIN_ARCHIVE_RETENTION_DAYS } from '../../../private/baseline';
import { SNAPSHOT_ARCHIVE_TAG } from '../../../private/metadata-keys';
import { appIndexOf } from '../../utils/app-index';
import { compliantIf } from '../../utils/compliance';
import { referencedResource } from '../../utils/references';
import { literalNumber, literalString, resolvePrimitive, resolveValue, structField } from '../../utils/resolve';

/**
 * The bucket a replication group states as its snapshot archive: the value of its `hitrust:snapshot-archive-bucket`
 * tag, a reference to an `AWS::S3::Bucket` of the app (`bucket.bucketName`, `{ Ref: 'Bucket' }`) or the literal
 * name of one. Undefined when there is no such tag, or the bucket is not in the app.
 */
function statedArchiveBucket(node: CfnReplicationGroup): CfnBucket | undefined {
  const value = node.tags.tagValues()[SNAPSHOT_ARCHIVE_TAG];
  if (value === undefined) return undefined;
  const referenced = referencedResource(node, value);
  if (referenced !== undefined) return referenced instanceof CfnBucket ? referenced : undefined;
  const literal = resolvePrimitive(node, value);
  if (literal.kind !== 'literal') return undefined;
  return appIndexOf(node).resources
    .filter((r): r is CfnBucket => r instanceof CfnBucket)
    .find((bucket) => literalString(bucket, bucket.bucketName) === literal.value);
}

/** Object Lock on, default retention in COMPLIANCE mode (no one can shorten it), for at least six years. */
function locksForSixYears(bucket: CfnBucket): boolean {
  const configuration = resolveValue(bucket, bucket.objectLockConfiguration);
  const retention = structField(structField(configuration, 'rule'), 'defaultRetention');
  const mode = literalString(bucket, structField(retention, 'mode'));
  const days = literalNumber(bucket, structField(retention, 'days'));
  const years = literalNumber(bucket, structField(retention, 'years'));
  const retentionDays = days ?? (years === undefined ? undefined : years * 365);
  return resolveValue(bucket, bucket.objectLockEnabled) === true
    && mode === 'COMPLIANCE'
    && retentionDays !== undefined && retentionDays >= MIN_ARCHIVE_RETENTION_DAYS;
}

/**
 * The replication group's snapshots are archived beyond the 35 days ElastiCache keeps them: the group states its
 * archive bucket in its `hitrust:snapshot-archive-bucket` tag (which `CompliantRedisReplicationGroup` sets, and any
 * app can set on an L1 `CfnReplicationGroup`), and that bucket, in the app, locks objects in COMPLIANCE mode for at
 * least six years. A bucket outside the app, or a deploy-time retention, fails closed.
 */
export function ElastiCacheSnapshotArchive(node: CfnResource): NagRuleCompliance {
  if (!(node instanceof CfnReplicationGroup)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const bucket = statedArchiveBucket(node);
  return compliantIf(bucket !== undefined && locksForSixYears(bucket));
}
