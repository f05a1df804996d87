import type { CfnResource } from 'aws-cdk-lib';
import { CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { MIN_ARCHIVE_RETENTION_DAYS } from '../../../private/baseline';
import { SNAPSHOT_ARCHIVE_TAG } from '../../../private/metadata-keys';
import { appIndexOf } from '../../utils/app-index';
import { compliantIf } from '../../utils/compliance';
import { overriddenValue } from '../../utils/final-view';
import { referencedResource } from '../../utils/references';
import { literalNumber, literalString, resolvePrimitive, resolveValue, structField } from '../../utils/resolve';
import { describeProperty, ONLY_KNOWN_AT_DEPLOYMENT } from '../finding-text';

/**
 * The bucket a replication group states as its snapshot archive: the value of its `hitrust:snapshot-archive-bucket`
 * tag, a reference to an `AWS::S3::Bucket` of the app (`bucket.bucketName`, `{ Ref: 'Bucket' }`) or the literal
 * name of one. Undefined when there is no such tag, or the bucket is not in the app.
 */
function statedArchiveBucket(node: CfnReplicationGroup): CfnBucket | undefined {
  const value = statedTagValue(node);
  if (value === undefined) return undefined;
  const referenced = referencedResource(node, value);
  if (referenced !== undefined) return referenced instanceof CfnBucket ? referenced : undefined;
  const literal = resolvePrimitive(node, value);
  if (literal.kind !== 'literal') return undefined;
  return appIndexOf(node).resources
    .filter((r): r is CfnBucket => r instanceof CfnBucket)
    .find((bucket) => literalString(bucket, bucket.bucketName) === literal.value);
}

/** The tag's value as the template finally says it: an override of `Tags` wins over the TagManager. */
function statedTagValue(node: CfnReplicationGroup): unknown {
  const overridden = overriddenValue(node, 'tags');
  if (!overridden.found) return node.tags.tagValues()[SNAPSHOT_ARCHIVE_TAG];
  const tags = resolveValue(node, overridden.value);
  if (!Array.isArray(tags)) return undefined;
  const tag = tags.find((t) => structField(t, 'key') === SNAPSHOT_ARCHIVE_TAG);
  return structField(tag, 'value');
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

/** What the finding requires of the archive. */
const LOCKED_ARCHIVE_REQUIRED = `an archive bucket of the app with Object Lock in COMPLIANCE mode for at least ${MIN_ARCHIVE_RETENTION_DAYS} days (six years) is required`;

/** Why the stated bucket does not lock for six years: its lock switch, mode and retention as the template says them. */
function lockFinding(bucket: CfnBucket): string {
  const found: string[] = [];
  if (resolveValue(bucket, bucket.objectLockEnabled) !== true) {
    found.push(describeProperty(bucket, 'ObjectLockEnabled', bucket.objectLockEnabled));
  }
  const configuration = resolveValue(bucket, bucket.objectLockConfiguration);
  const retention = structField(structField(configuration, 'rule'), 'defaultRetention');
  const mode = structField(retention, 'mode');
  if (literalString(bucket, mode) !== 'COMPLIANCE') {
    found.push(describeProperty(bucket, 'ObjectLockConfiguration.Rule.DefaultRetention.Mode', mode));
  }
  const days = literalNumber(bucket, structField(retention, 'days'));
  const years = literalNumber(bucket, structField(retention, 'years'));
  if (days !== undefined && days < MIN_ARCHIVE_RETENTION_DAYS) {
    found.push(`\`ObjectLockConfiguration.Rule.DefaultRetention.Days\` is ${days} days`);
  } else if (days === undefined && years !== undefined && years * 365 < MIN_ARCHIVE_RETENTION_DAYS) {
    found.push(`\`ObjectLockConfiguration.Rule.DefaultRetention.Years\` is ${years} (${years * 365} days)`);
  } else if (days === undefined && years === undefined) {
    found.push('`ObjectLockConfiguration.Rule.DefaultRetention` has no literal `Days` or `Years`');
  }
  return `${found.join(' and ')} on the archive bucket ${bucket.node.path}; ${LOCKED_ARCHIVE_REQUIRED}`;
}

/** What the group's archive tag states, when it names no bucket of the app, or what that bucket's lock lacks. */
function archiveFinding(node: CfnReplicationGroup): string {
  const bucket = statedArchiveBucket(node);
  if (bucket !== undefined) {
    return lockFinding(bucket);
  }
  const value = statedTagValue(node);
  if (value === undefined) {
    return `\`Tags\` has no ${SNAPSHOT_ARCHIVE_TAG} tag; ${LOCKED_ARCHIVE_REQUIRED}`;
  }
  const referenced = referencedResource(node, value);
  const literal = resolvePrimitive(node, value);
  const stated = referenced !== undefined ? `refers to ${referenced.node.path}, an ${referenced.cfnResourceType}`
    : literal.kind === 'literal' ? `is '${literal.value}', which names no AWS::S3::Bucket of the app`
      : ONLY_KNOWN_AT_DEPLOYMENT;
  return `the ${SNAPSHOT_ARCHIVE_TAG} tag in \`Tags\` ${stated}; ${LOCKED_ARCHIVE_REQUIRED}`;
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
  return compliantIf(bucket !== undefined && locksForSixYears(bucket), () => archiveFinding(node));
}
