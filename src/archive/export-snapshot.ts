/**
 * The daily export of a replication group's newest automatic snapshot to the archive bucket, with every outside
 * dependency passed in: SDK clients and the clock.
 *
 * Idempotent: the export's objects are named after the snapshot, so a snapshot whose objects are already in the
 * bucket is skipped. Every failure is published to the topic as a readable message, then rethrown so that the
 * invocation counts as failed (Lambda retries it, then hands it to the dead-letter topic).
 *
 * This module must stay free of aws-cdk-lib imports: it is bundled into the Lambda function.
 *
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-exporting.html
 */
/* eslint-disable import/no-extraneous-dependencies -- Lambda code bundled by esbuild; the nodejs24.x runtime provides @aws-sdk/* */
import { CopySnapshotCommand, type ElastiCacheClient, paginateDescribeSnapshots, type Snapshot } from '@aws-sdk/client-elasticache';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
/* eslint-enable import/no-extraneous-dependencies */
import type { ExportConfig } from './export-config';
import { chooseSnapshot, exportedObjectPrefix, snapshotTime, targetSnapshotName } from './snapshot-selection';

const HOUR_MS = 60 * 60 * 1000;
/** ElastiCache takes one automatic snapshot a day: when the newest available one is older, a day is missing. */
export const MAX_SNAPSHOT_AGE_MS = 24 * HOUR_MS;
/**
 * The previous day's snapshot is at most this old when the daily run starts (24 hours plus the snapshot window and
 * the export delay, which validation keeps under 23 hours together). Older snapshots were never this function's to
 * export, e.g. those taken before the archive existed.
 */
export const MAX_PREVIOUS_SNAPSHOT_AGE_MS = 48 * HOUR_MS;
/** SNS limits a subject to 100 characters. */
const MAX_SUBJECT_LENGTH = 100;

/** Everything an export talks to. */
export interface ExportDependencies {
  readonly elastiCache: ElastiCacheClient;
  readonly s3: S3Client;
  readonly sns: SNSClient;
  /** Default: the real clock (epoch milliseconds). */
  readonly now?: () => number;
  /** Default: no logging. */
  readonly log?: (message: string) => void;
}

/** What a successful run did. */
export type ExportOutcome = 'exported' | 'already-exported' | 'export-in-progress';

/** The result of a successful run (also the function's return value, visible in its log). */
export interface ExportResult {
  readonly outcome: ExportOutcome;
  readonly snapshotName: string;
  readonly targetSnapshotName?: string;
  readonly bucketName: string;
}

/** A failed step of the export: what the function tried, what went wrong and what to check. */
export class ArchiveExportError extends Error {
  constructor(
    /** What the function was doing, as the end of "failed while trying to ...". */
    public readonly step: string,
    /** What an operator should check. */
    public readonly hint: string,
    cause?: unknown,
  ) {
    super(cause === undefined ? `failed to ${step}` : `failed to ${step}: ${describeError(cause)}`, { cause });
    this.name = 'ArchiveExportError';
  }
}

/**
 * Exports the newest `available` automatic snapshot of the group to the bucket unless it is already there, then
 * checks that the previous day's export arrived: ElastiCache exports after CopySnapshot has returned, so an export
 * can fail unseen. A missing one is exported again and reported.
 *
 * @throws ArchiveExportError after publishing it to the topic
 */
export async function exportNewestSnapshot(config: ExportConfig, deps: ExportDependencies): Promise<ExportResult> {
  const log = deps.log ?? (() => undefined);
  try {
    const result = await runExport(config, deps);
    log(`${result.outcome}: ${result.snapshotName} -> s3://${result.bucketName}/${result.targetSnapshotName ?? ''}`);
    return result;
  } catch (error) {
    const failure = error instanceof ArchiveExportError
      ? error
      : new ArchiveExportError('export the snapshot', 'the function\'s log group for the full error', error);
    log(failure.message);
    await notify(config, deps.sns, failure, log);
    throw failure;
  }
}

async function runExport(config: ExportConfig, deps: ExportDependencies): Promise<ExportResult> {
  const snapshots = await runStep(
    `list the automatic snapshots of replication group ${config.replicationGroupId}`,
    'that the replication group exists and that the function\'s role allows elasticache:DescribeSnapshots',
    () => listAutomaticSnapshots(deps.elastiCache, config.replicationGroupId),
  );
  const choice = chooseSnapshot(snapshots);
  if (choice.exportInProgress && choice.newest?.SnapshotName !== undefined) {
    return { outcome: 'export-in-progress', snapshotName: choice.newest.SnapshotName, bucketName: config.bucketName };
  }
  const snapshot = choice.exportable;
  if (snapshot?.SnapshotName === undefined) {
    throw new ArchiveExportError(
      `find an available automatic snapshot of replication group ${config.replicationGroupId} (found ${choice.automaticCount} automatic snapshot(s)` +
        `${choice.newest ? `, the newest ${choice.newest.SnapshotName} is '${choice.newest.SnapshotStatus}'` : ''})`,
      'that automatic backups are on (SnapshotRetentionLimit > 0) and that the snapshot window ends before the export runs',
    );
  }

  const result = await exportUnlessArchived(config, deps, snapshot.SnapshotName);

  const takenAt = snapshotTime(snapshot);
  const now = (deps.now ?? Date.now)();
  if (takenAt === undefined || now - takenAt > MAX_SNAPSHOT_AGE_MS) {
    const newest = choice.newest !== snapshot && choice.newest
      ? ` The newest automatic snapshot, ${choice.newest.SnapshotName}, is '${choice.newest.SnapshotStatus}'.`
      : '';
    throw new ArchiveExportError(
      `find an automatic snapshot of the last 24 hours: the newest available one is ${snapshot.SnapshotName}` +
        ` (${takenAt === undefined ? 'no creation time' : new Date(takenAt).toISOString()}), ${result.outcome}.${newest}`,
      'the group\'s ElastiCache events for a failed backup, and whether the snapshot takes longer than the export ' +
        'delay after the snapshot window (raise `exportDelay`); a missing day is not archived',
    );
  }

  const previous = choice.previous;
  const previousAt = previous === undefined ? undefined : snapshotTime(previous);
  if (previous?.SnapshotName !== undefined && previousAt !== undefined && now - previousAt <= MAX_PREVIOUS_SNAPSHOT_AGE_MS) {
    const retried = await exportUnlessArchived(config, deps, previous.SnapshotName);
    if (retried.outcome === 'exported') {
      throw new ArchiveExportError(
        `find the previous day's export of ${previous.SnapshotName} in s3://${config.bucketName}: it was missing and has been ` +
          `exported again as ${retried.targetSnapshotName} (today's snapshot ${snapshot.SnapshotName}: ${result.outcome})`,
        'the group\'s ElastiCache events for the failed export (ElastiCache exports after CopySnapshot returns, so the ' +
          'previous run saw no error), the bucket policy and the key policy. Expected once, on the first run after the ' +
          'archive was deployed, for the snapshot taken the day before',
      );
    }
  }
  return result;
}

/** Starts the export of `snapshotName`, or reports that its objects are already in the bucket. */
async function exportUnlessArchived(config: ExportConfig, deps: ExportDependencies, snapshotName: string): Promise<ExportResult> {
  const target = targetSnapshotName(snapshotName);
  const base = { snapshotName, targetSnapshotName: target, bucketName: config.bucketName };
  const archived = await runStep(
    `check whether s3://${config.bucketName}/${exportedObjectPrefix(target)}* exists`,
    'that the function\'s role allows s3:ListBucket on the archive bucket',
    async () => {
      const listing = await deps.s3.send(new ListObjectsV2Command({ Bucket: config.bucketName, Prefix: exportedObjectPrefix(target), MaxKeys: 1 }));
      return (listing.KeyCount ?? listing.Contents?.length ?? 0) > 0;
    },
  );
  if (archived) return { outcome: 'already-exported', ...base };

  await runStep(
    `export ${snapshotName} to s3://${config.bucketName} as ${target}`,
    'that the bucket is in the group\'s Region, that its policy grants <region>.elasticache-snapshot.amazonaws.com ' +
      's3:PutObject, s3:GetObject, s3:ListBucket, s3:GetBucketAcl, s3:ListMultipartUploadParts and ' +
      's3:ListBucketMultipartUploads, that its KMS key lets that principal encrypt, and that the group does not use ' +
      `data tiering. Until the snapshot expires it can be exported by hand: aws elasticache copy-snapshot --source-snapshot-name ${snapshotName} ` +
      `--target-snapshot-name ${target} --target-bucket ${config.bucketName}`,
    () => deps.elastiCache.send(new CopySnapshotCommand({
      SourceSnapshotName: snapshotName,
      TargetSnapshotName: target,
      TargetBucket: config.bucketName,
    })),
  );
  return { outcome: 'exported', ...base };
}

/** Every automatic snapshot of the group, all pages. */
async function listAutomaticSnapshots(client: ElastiCacheClient, replicationGroupId: string): Promise<Snapshot[]> {
  const snapshots: Snapshot[] = [];
  for await (const page of paginateDescribeSnapshots({ client }, { ReplicationGroupId: replicationGroupId, SnapshotSource: 'system' })) {
    snapshots.push(...(page.Snapshots ?? []));
  }
  return snapshots;
}

/** Runs one step; any error becomes an ArchiveExportError naming the step. */
async function runStep<T>(description: string, hint: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw new ArchiveExportError(description, hint, error);
  }
}

/** The subject and body of the failure notification. */
export function failureNotification(config: ExportConfig, failure: ArchiveExportError): { subject: string; message: string } {
  const subject = `ElastiCache snapshot archive failed: ${config.replicationGroupId}`.slice(0, MAX_SUBJECT_LENGTH);
  const message = [
    `The daily export of ElastiCache replication group ${config.replicationGroupId} to the archive bucket ${config.bucketName} ` +
      `failed while trying to ${failure.step}.`,
    failure.cause === undefined ? undefined : `Cause: ${describeError(failure.cause)}`,
    `Check ${failure.hint}.`,
    'ElastiCache keeps automatic snapshots only for the group\'s snapshot retention (at most 35 days): a snapshot that is ' +
      'not archived before then is lost to the archive (HITRUST 1616.09l1).',
  ].filter((line): line is string => line !== undefined);
  return { subject, message: message.join('\n\n') };
}

/** Publishes the failure; a failed publish is logged (the invocation still fails and reaches the dead-letter topic). */
async function notify(config: ExportConfig, sns: SNSClient, failure: ArchiveExportError, log: (message: string) => void): Promise<void> {
  const { subject, message } = failureNotification(config, failure);
  try {
    await sns.send(new PublishCommand({ TopicArn: config.topicArn, Subject: subject, Message: message }));
  } catch (error) {
    log(`could not publish the failure to ${config.topicArn}: ${describeError(error)}`);
  }
}

/** `Name: message` of an error, or its string form. */
function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
