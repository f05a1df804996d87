import type { CfnResource } from 'aws-cdk-lib';
import { CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { MIN_ARCHIVE_RETENTION_DAYS } from '../../../private/baseline';
import { SNAPSHOT_ARCHIVE_METADATA_KEY } from '../../../private/metadata-keys';
import { compliantIf } from '../../utils/compliance';
import { resourceAtPath } from '../../utils/references';
import { literalNumber, literalString, resolveValue, structField } from '../../utils/resolve';


/** The bucket a replication group states as its snapshot archive (construct metadata), if it is in the app. */
function statedArchiveBucket(node: CfnResource): CfnBucket | undefined {
  const stated = node.node.metadata
    .filter((entry) => entry.type === SNAPSHOT_ARCHIVE_METADATA_KEY)
    .map((entry) => (entry.data as { bucket?: unknown }).bucket)
    .find((path): path is string => typeof path === 'string');
  if (stated === undefined) {
    return undefined;
  }
  const resource = resourceAtPath(node, stated);
  return resource instanceof CfnBucket ? resource : undefined;
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
 * archive bucket (`cdk-hitrust-redis:snapshot-archive` metadata, written by `SnapshotArchive`), and that bucket locks
 * objects in COMPLIANCE mode for at least six years. A deploy-time retention fails closed.
 */
export function ElastiCacheSnapshotArchive(node: CfnResource): NagRuleCompliance {
  if (!(node instanceof CfnReplicationGroup)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const bucket = statedArchiveBucket(node);
  return compliantIf(bucket !== undefined && locksForSixYears(bucket));
}
