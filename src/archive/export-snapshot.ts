/**
 * The daily run of the snapshot archive, with every outside dependency passed in: SDK clients and the clock.
 *
 * 1. Archive what is staged: every export ElastiCache wrote into the staging bucket is copied into the locked archive
 *    bucket with a checksum, verified, then removed from staging (./copy-to-archive.ts).
 * 2. Export the newest `available` automatic snapshot into the staging bucket (CopySnapshot + TargetBucket) unless
 *    its objects are staged or archived already; ElastiCache writes them after CopySnapshot returns, and the next
 *    run archives them.
 * 3. Check that the previous day's export arrived (staged or archived); a missing one is exported again.
 *
 * Idempotent: objects are named after the snapshot. Every failure of a run is published to the topic in one readable
 * message, then rethrown so that the invocation counts as failed (Lambda retries it, then hands it to the
 * dead-letter topic).
 *
 * This module must stay free of aws-cdk-lib imports: it is bundled into the Lambda function.
 *
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-exporting.html
 */
/* eslint-disable import/no-extraneous-dependencies -- Lambda code bundled by esbuild; the nodejs24.x runtime provides @aws-sdk/* */
import { CopySnapshotCommand, type ElastiCacheClient, paginateDescribeSnapshots, type Snapshot } from '@aws-sdk/client-elasticache';
import { ListObjectsV2Command, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
/* eslint-enable import/no-extraneous-dependencies */
import { type ArchivedObject, archiveStagedObject } from './copy-to-archive';
import type { ExportConfig } from './export-config';
import { chooseSnapshot, exportedObjectPrefix, snapshotTime, targetSnapshotName } from './snapshot-selection';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** A staged export this close to its expiry that still fails to archive is reported as about to be lost. */
export const STAGING_EXPIRY_WARNING_DAYS = 2;
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
  /** The bucket the export goes to: the staging bucket. */
  readonly bucketName: string;
  /** The staged exports this run copied into the archive (or found there already), verified. */
  readonly archived: readonly ArchivedObject[];
}

/** The export half of a run. */
type ExportStep = Omit<ExportResult, 'archived'>;

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
 * Archives every staged export, then exports the newest `available` automatic snapshot into the staging bucket, then
 * checks that the previous day's export arrived. Every failure is collected; the run reports them all at once.
 *
 * @throws ArchiveExportError after publishing every failure of the run to the topic
 */
export async function exportNewestSnapshot(config: ExportConfig, deps: ExportDependencies): Promise<ExportResult> {
  const log = deps.log ?? (() => undefined);
  const failures: ArchiveExportError[] = [];
  let archived: ArchivedObject[] = [];
  try {
    archived = await archiveStaged(config, deps, failures);
  } catch (error) {
    failures.push(asFailure(error));
  }
  for (const a of archived) {
    log(`${a.outcome}: s3://${config.stagingBucketName}/${a.key} -> s3://${config.archiveBucketName}/${a.key} (${a.bytes} bytes, ` +
      `CRC64NVME ${a.checksum}${a.checksumCompared ? ' = source' : ', size compared'}, locked until ${a.retainUntil})`);
  }
  let step: ExportStep | undefined;
  try {
    step = await runExport(config, deps);
    log(`${step.outcome}: ${step.snapshotName} -> s3://${step.bucketName}/${step.targetSnapshotName ?? ''}`);
  } catch (error) {
    failures.push(asFailure(error));
  }
  if (failures.length > 0) {
    for (const failure of failures) log(failure.message);
    await notify(config, deps.sns, failures, log);
    throw failures.length === 1 ? failures[0] : new ArchiveExportError(
      `complete ${failures.length} steps of the archive run:\n- ${failures.map((f) => f.message).join('\n- ')}`,
      'each step in the notification',
    );
  }
  return { ...step!, archived };
}

function asFailure(error: unknown): ArchiveExportError {
  return error instanceof ArchiveExportError
    ? error
    : new ArchiveExportError('run the archive', 'the function\'s log group for the full error', error);
}

/** Copies every staged export of the group into the archive; a failure is recorded and the next object tried. */
async function archiveStaged(config: ExportConfig, deps: ExportDependencies, failures: ArchiveExportError[]): Promise<ArchivedObject[]> {
  const now = (deps.now ?? Date.now)();
  const target = {
    stagingBucket: config.stagingBucketName,
    archiveBucket: config.archiveBucketName,
    archiveKeyArn: config.archiveKeyArn,
    retentionDays: config.retentionDays,
  };
  let staged: { key: string; lastModified?: Date }[];
  try {
    staged = await listStaged(deps.s3, config.stagingBucketName, `${config.replicationGroupId}-`);
  } catch (error) {
    failures.push(new ArchiveExportError(
      `list the staged exports in s3://${config.stagingBucketName}`,
      'that the function\'s role allows s3:ListBucket on the staging bucket',
      error,
    ));
    return [];
  }
  const archived: ArchivedObject[] = [];
  for (const object of staged) {
    try {
      archived.push(await archiveStagedObject(deps.s3, target, object.key, now));
    } catch (error) {
      const expires = object.lastModified === undefined ? undefined : object.lastModified.getTime() + config.stagingExpiryDays * DAY_MS;
      const urgent = expires !== undefined && expires - now <= STAGING_EXPIRY_WARNING_DAYS * DAY_MS;
      failures.push(new ArchiveExportError(
        `copy s3://${config.stagingBucketName}/${object.key} into the archive s3://${config.archiveBucketName} and verify it` +
          (expires === undefined ? '' : `; the staged export expires on ${new Date(expires).toISOString()}` +
            (urgent ? ' and is lost to the archive unless it is copied before then' : '')),
        'that the function\'s role may read the staging bucket and write the archive bucket, that the archive key lets it ' +
          'encrypt through S3 (kms:GenerateDataKey, kms:Decrypt), and the archive bucket\'s Object Lock default retention. ' +
          'The next daily run copies it again',
        error,
      ));
    }
  }
  return archived;
}

/** The `.rdb` objects under `prefix` in the staging bucket, all pages. */
async function listStaged(s3: S3Client, bucket: string, prefix: string): Promise<{ key: string; lastModified?: Date }[]> {
  const objects: { key: string; lastModified?: Date }[] = [];
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: prefix })) {
    for (const o of page.Contents ?? []) {
      if (o.Key !== undefined && o.Key.endsWith('.rdb')) objects.push({ key: o.Key, lastModified: o.LastModified });
    }
  }
  return objects;
}

async function runExport(config: ExportConfig, deps: ExportDependencies): Promise<ExportStep> {
  const snapshots = await runStep(
    `list the automatic snapshots of replication group ${config.replicationGroupId}`,
    'that the replication group exists and that the function\'s role allows elasticache:DescribeSnapshots',
    () => listAutomaticSnapshots(deps.elastiCache, config.replicationGroupId),
  );
  const choice = chooseSnapshot(snapshots);
  if (choice.exportInProgress && choice.newest?.SnapshotName !== undefined) {
    return { outcome: 'export-in-progress', snapshotName: choice.newest.SnapshotName, bucketName: config.stagingBucketName };
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
        `find the previous day's export of ${previous.SnapshotName} in s3://${config.stagingBucketName} or s3://${config.archiveBucketName}: ` +
          `it was missing and has been exported again as ${retried.targetSnapshotName} (today's snapshot ${snapshot.SnapshotName}: ${result.outcome})`,
        'the group\'s ElastiCache events for the failed export ("Snapshot export failed" in the service notifications; ElastiCache ' +
          'exports after CopySnapshot returns, so the previous run saw no error) and the staging bucket\'s ACL or policy. Expected once, ' +
          'on the first run after the archive was deployed, for the snapshot taken the day before',
      );
    }
  }
  return result;
}

/** Whether any object of the export `target` is in `bucket`. */
async function hasExport(s3: S3Client, bucket: string, target: string): Promise<boolean> {
  // only .rdb objects count (the archive pass copies only those); a stray object with the prefix does not
  const listing = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: exportedObjectPrefix(target), MaxKeys: 100 }));
  return (listing.Contents ?? []).some((o) => o.Key?.endsWith('.rdb') === true);
}

/** Starts the export of `snapshotName` into the staging bucket, or reports that it is staged or archived already. */
async function exportUnlessArchived(config: ExportConfig, deps: ExportDependencies, snapshotName: string): Promise<ExportStep> {
  const target = targetSnapshotName(snapshotName);
  const base = { snapshotName, targetSnapshotName: target, bucketName: config.stagingBucketName };
  const done = await runStep(
    `check whether ${exportedObjectPrefix(target)}* is in s3://${config.stagingBucketName} or s3://${config.archiveBucketName}`,
    'that the function\'s role allows s3:ListBucket on the staging and archive buckets',
    async () => await hasExport(deps.s3, config.archiveBucketName, target) || hasExport(deps.s3, config.stagingBucketName, target),
  );
  if (done) return { outcome: 'already-exported', ...base };

  await runStep(
    `export ${snapshotName} to s3://${config.stagingBucketName} as ${target}`,
    'that the staging bucket is in the group\'s Region and grants ElastiCache access (its bucket policy for ' +
      '<region>.elasticache-snapshot.amazonaws.com, and in a Region enabled by default also its bucket ACL grant to ElastiCache\'s ' +
      'canonical ID), and that the group does not use data tiering. Until the snapshot expires it can be exported by hand: ' +
      `aws elasticache copy-snapshot --source-snapshot-name ${snapshotName} --target-snapshot-name ${target} --target-bucket ${config.stagingBucketName}`,
    () => deps.elastiCache.send(new CopySnapshotCommand({
      SourceSnapshotName: snapshotName,
      TargetSnapshotName: target,
      TargetBucket: config.stagingBucketName,
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

/** The subject and body of the failure notification: every failure of the run, each with its cause and what to check. */
export function failureNotification(config: ExportConfig, failures: readonly ArchiveExportError[]): { subject: string; message: string } {
  const subject = `ElastiCache snapshot archive failed: ${config.replicationGroupId}`.slice(0, MAX_SUBJECT_LENGTH);
  const message = [
    `The daily archive run of ElastiCache replication group ${config.replicationGroupId} (staging bucket ${config.stagingBucketName}, ` +
      `archive bucket ${config.archiveBucketName}) failed ${failures.length === 1 ? 'once' : `${failures.length} times`}.`,
    ...failures.map((failure, i) => [
      `${failures.length === 1 ? '' : `${i + 1}. `}Failed while trying to ${failure.step}.`,
      failure.cause === undefined ? undefined : `Cause: ${describeError(failure.cause)}`,
      `Check ${failure.hint}.`,
    ].filter((line): line is string => line !== undefined).join('\n')),
    'ElastiCache keeps automatic snapshots only for the group\'s snapshot retention (at most 35 days), and the staging bucket ' +
      `keeps an export ${config.stagingExpiryDays} days: a snapshot that is not archived before then is lost to the archive (HITRUST 1616.09l1).`,
  ];
  return { subject, message: message.join('\n\n') };
}

/** Publishes the failure; a failed publish is logged (the invocation still fails and reaches the dead-letter topic). */
async function notify(config: ExportConfig, sns: SNSClient, failures: readonly ArchiveExportError[], log: (message: string) => void): Promise<void> {
  const { subject, message } = failureNotification(config, failures);
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
