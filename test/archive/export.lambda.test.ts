/**
 * The archive function's daily run against the SDK request shapes (aws-sdk-client-mock).
 *
 * AWS fact enforced here (test/aws-facts): elasticache-self-designed-events-not-in-eventbridge. No "Snapshot Export
 * Failed" event reaches EventBridge from a node-based group, so a failed export is found by its missing objects: the
 * previous-day tests below re-export it and report it.
 */
import {
  CopySnapshotCommand,
  DescribeSnapshotsCommand,
  ElastiCacheClient,
  SnapshotNotFoundFault,
  type Snapshot,
} from '@aws-sdk/client-elasticache';
import {
  CopyObjectCommand,
  type CopyObjectCommandInput,
  DeleteObjectCommand,
  type DeleteObjectCommandInput,
  HeadObjectCommand,
  type HeadObjectCommandInput,
  type HeadObjectCommandOutput,
  ListObjectsV2Command,
  type ListObjectsV2CommandInput,
  type ListObjectsV2CommandOutput,
  NoSuchBucket,
  NotFound,
  S3Client,
} from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { ENV, type ExportConfig, readExportConfig } from '../../src/archive/export-config';
import { ArchiveExportError, exportNewestSnapshot, failureNotification, STAGING_EXPIRY_WARNING_DAYS } from '../../src/archive/export-snapshot';
import { handler } from '../../src/archive/export.lambda';
import { chooseSnapshot, exportedObjectPrefix, snapshotTime, targetSnapshotName } from '../../src/archive/snapshot-selection';

const GROUP_ID = 'cache-rg';
const STAGING = 'cache-export-staging';
const ARCHIVE = 'cache-snapshot-archive';
const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:cache-notifications';
/** The archive bucket's default Object Lock retention: what every copy gets, and what the function checks. */
const RETENTION_DAYS = 2192;
const STAGING_EXPIRY_DAYS = 7;
const CONFIG: ExportConfig = {
  replicationGroupId: GROUP_ID,
  stagingBucketName: STAGING,
  archiveBucketName: ARCHIVE,
  archiveKeyArn: KEY_ARN,
  retentionDays: RETENTION_DAYS,
  stagingExpiryDays: STAGING_EXPIRY_DAYS,
  topicArn: TOPIC_ARN,
};
/** The environment the construct sets for CONFIG. */
const ENVIRONMENT: Record<string, string> = {
  [ENV.replicationGroupId]: GROUP_ID,
  [ENV.stagingBucketName]: STAGING,
  [ENV.archiveBucketName]: ARCHIVE,
  [ENV.archiveKeyArn]: KEY_ARN,
  [ENV.retentionDays]: String(RETENTION_DAYS),
  [ENV.stagingExpiryDays]: String(STAGING_EXPIRY_DAYS),
  [ENV.topicArn]: TOPIC_ARN,
};
/** The run happens at 06:00 UTC, one hour after the default snapshot window (03:00-05:00). */
const NOW = Date.parse('2026-11-23T06:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
/** The CRC64NVME S3 reports for every object of the model (the copy has the source's checksum). */
const CRC = 'AAAAAAAAAAE=';
const SIZE = 1024;

const elastiCache = mockClient(ElastiCacheClient);
const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);

interface SnapshotSpec {
  readonly name: string;
  /** ISO times of the node snapshots (one per shard). */
  readonly taken?: string[];
  readonly status?: string;
  readonly source?: string;
}

/** An ElastiCache snapshot as DescribeSnapshots returns it. */
function snapshot({ name, taken = [], status = 'available', source = 'automated' }: SnapshotSpec): Snapshot {
  return {
    SnapshotName: name,
    ReplicationGroupId: GROUP_ID,
    SnapshotStatus: status,
    SnapshotSource: source,
    NodeSnapshots: taken.map((t, i) => ({ NodeGroupId: `000${i + 1}`, SnapshotCreateTime: new Date(t) })),
  };
}

const TODAY = snapshot({ name: `automatic.${GROUP_ID}-2026-11-23-03-12`, taken: ['2026-11-23T03:12:00Z'] });
const YESTERDAY = snapshot({ name: `automatic.${GROUP_ID}-2026-11-22-03-40`, taken: ['2026-11-22T03:40:00Z'] });
/** When ElastiCache wrote yesterday's export into the staging bucket. */
const YESTERDAY_WRITTEN = new Date('2026-11-22T04:10:00Z');

function givenSnapshots(...snapshots: Snapshot[]) {
  elastiCache.on(DescribeSnapshotsCommand).resolves({ Snapshots: snapshots });
}

/** The key ElastiCache writes for shard `shard` of an export of `snapshot`. */
const exportedKey = (s: Snapshot, shard = 1) => `${targetSnapshotName(s.SnapshotName!)}-000${shard}.rdb`;

// ---------------------------------------------------------------------------------------------------------------------
// An in-memory model of the two buckets: what ListObjectsV2, HeadObject, CopyObject and DeleteObject see and change.
// ---------------------------------------------------------------------------------------------------------------------

/** One object of the model. */
interface StoredObject {
  readonly lastModified: Date;
  /** The KMS key a copy into the archive asked for. */
  readonly kmsKeyId?: string;
}

/** Bucket name -> key -> object. */
const buckets = new Map<string, Map<string, StoredObject>>();
/** How the model lists: page size, and whether it leaves out KeyCount (S3 may). */
const listing = { pageSize: 1000, omitKeyCount: false };
/** When the model's S3 writes a copy. */
let writeTime = NOW;

function bucket(name: string | undefined): Map<string, StoredObject> {
  const found = buckets.get(name ?? '');
  if (found === undefined) throw new NoSuchBucket({ message: `The specified bucket does not exist: ${name}`, $metadata: { httpStatusCode: 404 } });
  return found;
}

/** ElastiCache has written these keys into the staging bucket. */
function givenStaged(keys: string[], lastModified = YESTERDAY_WRITTEN) {
  for (const key of keys) bucket(STAGING).set(key, { lastModified });
}

/** Earlier runs have copied these keys into the archive (verified copies). */
function givenArchived(keys: string[]) {
  for (const key of keys) bucket(ARCHIVE).set(key, { lastModified: YESTERDAY_WRITTEN, kmsKeyId: KEY_ARN });
}

const keysOf = (name: string) => [...bucket(name).keys()].sort();

/** ListObjectsV2 by Bucket, Prefix, MaxKeys and ContinuationToken (the token is the index of the next key). */
function listObjects(input: ListObjectsV2CommandInput): Partial<ListObjectsV2CommandOutput> {
  const objects = bucket(input.Bucket);
  const keys = [...objects.keys()].filter((key) => key.startsWith(input.Prefix ?? '')).sort();
  const start = input.ContinuationToken === undefined ? 0 : Number(input.ContinuationToken);
  const end = start + Math.min(input.MaxKeys ?? 1000, listing.pageSize);
  const page = keys.slice(start, end);
  const truncated = end < keys.length;
  return {
    ...(listing.omitKeyCount ? {} : { KeyCount: page.length }),
    Contents: page.map((Key) => ({ Key, Size: SIZE, LastModified: objects.get(Key)!.lastModified })),
    IsTruncated: truncated,
    NextContinuationToken: truncated ? String(end) : undefined,
  };
}

/** HeadObject: the staged export (SSE-S3), or the archive copy (SSE-KMS with the key the copy asked for, locked). */
function headObject(input: HeadObjectCommandInput): HeadObjectCommandOutput {
  const object = bucket(input.Bucket).get(input.Key ?? '');
  if (object === undefined) throw new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } });
  const common = { $metadata: {}, ContentLength: SIZE, ChecksumCRC64NVME: CRC, ChecksumType: 'FULL_OBJECT' as const, LastModified: object.lastModified };
  if (input.Bucket === STAGING) return { ...common, ETag: `"etag-${input.Key}"`, ServerSideEncryption: 'AES256' };
  return {
    ...common,
    ServerSideEncryption: 'aws:kms',
    SSEKMSKeyId: object.kmsKeyId,
    ObjectLockMode: 'COMPLIANCE',
    ObjectLockRetainUntilDate: new Date(object.lastModified.getTime() + RETENTION_DAYS * DAY_MS),
  };
}

/** CopyObject from `<bucket>/<key>` into the archive. */
function copyObject(input: CopyObjectCommandInput) {
  const [sourceBucket, ...sourceKey] = (input.CopySource ?? '').split('/');
  const source = decodeURIComponent(sourceKey.join('/'));
  if (!bucket(sourceBucket).has(source)) throw new NotFound({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } });
  bucket(input.Bucket).set(input.Key ?? '', { lastModified: new Date(writeTime), kmsKeyId: input.SSEKMSKeyId });
  return { CopyObjectResult: { ChecksumCRC64NVME: CRC } };
}

function deleteObject(input: DeleteObjectCommandInput) {
  bucket(input.Bucket).delete(input.Key ?? '');
  return {};
}

function run(now = NOW, log: (message: string) => void = () => undefined) {
  return exportNewestSnapshot(CONFIG, {
    elastiCache: new ElastiCacheClient({ region: 'us-east-1' }),
    s3: new S3Client({ region: 'us-east-1' }),
    sns: new SNSClient({ region: 'us-east-1' }),
    now: () => now,
    log,
  });
}

/** The one message published to the topic. */
function publishedMessage(): { subject: string; message: string } {
  expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
  const input = sns.commandCalls(PublishCommand)[0].args[0].input;
  expect(input.TopicArn).toEqual(TOPIC_ARN);
  return { subject: input.Subject ?? '', message: input.Message ?? '' };
}

/** The archive pass's listing of the staging bucket (the export's checks ask for one key). */
const stagingListings = () => s3.commandCalls(ListObjectsV2Command)
  .filter((c) => c.args[0].input.Bucket === STAGING && c.args[0].input.MaxKeys === undefined);

const accessDenied = () => Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });

beforeEach(() => {
  elastiCache.reset();
  s3.reset();
  sns.reset();
  buckets.clear();
  buckets.set(STAGING, new Map());
  buckets.set(ARCHIVE, new Map());
  listing.pageSize = 1000;
  listing.omitKeyCount = false;
  writeTime = NOW;
  sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
  elastiCache.on(CopySnapshotCommand).resolves({ Snapshot: { SnapshotName: TODAY.SnapshotName, SnapshotStatus: 'exporting' } });
  s3.on(ListObjectsV2Command).callsFake(listObjects);
  s3.on(HeadObjectCommand).callsFake(headObject);
  s3.on(CopyObjectCommand).callsFake(copyObject);
  s3.on(DeleteObjectCommand).callsFake(deleteObject);
});

describe('snapshot selection', () => {
  test('picks the newest available automatic snapshot by the creation time of its node snapshots, not by name or order', () => {
    // GIVEN: the names sort the other way round than the times
    const older = snapshot({ name: 'automatic.cache-rg-2026-11-23-99-99', taken: ['2026-11-21T03:00:00Z'] });
    const newer = snapshot({ name: 'automatic.cache-rg-2026-11-20-00-00', taken: ['2026-11-23T03:00:00Z'] });

    // WHEN
    const choice = chooseSnapshot([older, newer, YESTERDAY]);

    // THEN
    expect(choice.exportable).toBe(newer);
    expect(choice.previous).toBe(YESTERDAY);
  });

  test('ignores manual snapshots and snapshots that are not available', () => {
    const manual = snapshot({ name: 'before-upgrade', taken: ['2026-11-23T05:30:00Z'], source: 'manual' });
    const creating = snapshot({ name: `automatic.${GROUP_ID}-2026-11-23-04-59`, taken: ['2026-11-23T04:59:00Z'], status: 'creating' });
    const deleting = snapshot({ name: `automatic.${GROUP_ID}-2026-11-23-04-00`, taken: ['2026-11-23T04:00:00Z'], status: 'deleting' });

    const choice = chooseSnapshot([manual, creating, deleting, YESTERDAY]);

    expect(choice.exportable).toBe(YESTERDAY);
    expect(choice.newest).toBe(creating);
    expect(choice.exportInProgress).toBe(false);
  });

  test('dates a cluster-mode snapshot by its newest node snapshot (one per shard)', () => {
    const shards = snapshot({ name: 'automatic.cache-rg-shards', taken: ['2026-11-23T03:00:00Z', '2026-11-23T03:07:00Z', '2026-11-23T03:02:00Z'] });
    expect(snapshotTime(shards)).toEqual(Date.parse('2026-11-23T03:07:00Z'));
  });

  test('ranks a snapshot without any creation time first: it is still being created', () => {
    const undated = snapshot({ name: 'automatic.cache-rg-2000-01-01-00-00', status: 'creating' });
    expect(snapshotTime(undated)).toBeUndefined();
    expect(chooseSnapshot([YESTERDAY, undated])).toEqual({ newest: undated, exportable: YESTERDAY, automaticCount: 2, exportInProgress: false });
  });

  test.each(['exporting', 'copying'])('notes an export in progress when the newest automatic snapshot is %s', (status) => {
    const busy = snapshot({ name: TODAY.SnapshotName!, taken: ['2026-11-23T03:12:00Z'], status });
    expect(chooseSnapshot([YESTERDAY, busy]).exportInProgress).toBe(true);
  });

  test('finds nothing among no snapshots', () => {
    expect(chooseSnapshot([])).toEqual({ newest: undefined, exportable: undefined, automaticCount: 0, exportInProgress: false });
  });

  test('names the export after the snapshot without its `automatic.` prefix; its objects start with that name and a dash', () => {
    expect(targetSnapshotName('automatic.cache-rg-2026-11-23-03-12')).toEqual('cache-rg-2026-11-23-03-12');
    expect(targetSnapshotName('manual-name')).toEqual('manual-name');
    expect(targetSnapshotName('automatic.')).toEqual('automatic.');
    expect(exportedObjectPrefix('cache-rg-2026-11-23-03-12')).toEqual('cache-rg-2026-11-23-03-12-');
  });
});

describe('export', () => {
  test('lists the group\'s automatic snapshots and exports the newest to the staging bucket with CopySnapshot', async () => {
    // GIVEN: yesterday's export is archived, nothing is staged
    givenSnapshots(YESTERDAY, TODAY);
    givenArchived([exportedKey(YESTERDAY)]);

    // WHEN
    const result = await run();

    // THEN: today's export is looked for in both buckets, then started into the staging bucket
    expect(elastiCache).toHaveReceivedCommandWith(DescribeSnapshotsCommand, { ReplicationGroupId: GROUP_ID, SnapshotSource: 'system' });
    expect(s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Bucket: ARCHIVE, Prefix: `${GROUP_ID}-2026-11-23-03-12-`, MaxKeys: 100 });
    expect(s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Bucket: STAGING, Prefix: `${GROUP_ID}-2026-11-23-03-12-`, MaxKeys: 100 });
    expect(elastiCache).toHaveReceivedCommandTimes(CopySnapshotCommand, 1);
    expect(elastiCache.commandCalls(CopySnapshotCommand)[0].args[0].input).toEqual({
      SourceSnapshotName: `automatic.${GROUP_ID}-2026-11-23-03-12`,
      TargetSnapshotName: `${GROUP_ID}-2026-11-23-03-12`,
      TargetBucket: STAGING,
    });
    expect(result).toEqual({
      outcome: 'exported',
      snapshotName: TODAY.SnapshotName,
      targetSnapshotName: `${GROUP_ID}-2026-11-23-03-12`,
      bucketName: STAGING,
      archived: [],
    });
    expect(s3).not.toHaveReceivedCommand(CopyObjectCommand);
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  test('reads every page of snapshots', async () => {
    // GIVEN: today's snapshot is on the second page
    elastiCache.on(DescribeSnapshotsCommand)
      .resolvesOnce({ Snapshots: [YESTERDAY], Marker: 'page-2' })
      .resolvesOnce({ Snapshots: [TODAY] });
    givenArchived([exportedKey(YESTERDAY)]);

    // WHEN
    const result = await run();

    // THEN
    expect(elastiCache).toHaveReceivedCommandTimes(DescribeSnapshotsCommand, 2);
    expect(elastiCache.commandCalls(DescribeSnapshotsCommand)[1].args[0].input).toMatchObject({ ReplicationGroupId: GROUP_ID, Marker: 'page-2' });
    expect(result.snapshotName).toEqual(TODAY.SnapshotName);
  });

  test('skips a snapshot whose objects are already in the archive, though no longer staged', async () => {
    // GIVEN: both exports were archived and removed from staging
    givenSnapshots(YESTERDAY, TODAY);
    givenArchived([exportedKey(TODAY), exportedKey(YESTERDAY)]);

    // WHEN
    const result = await run();

    // THEN
    expect(result).toMatchObject({ outcome: 'already-exported', bucketName: STAGING, archived: [] });
    expect(s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Bucket: ARCHIVE, Prefix: `${GROUP_ID}-2026-11-23-03-12-`, MaxKeys: 100 });
    expect(elastiCache).not.toHaveReceivedCommand(CopySnapshotCommand);
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  test('skips a snapshot whose objects are still staged because the copy into the archive failed', async () => {
    // GIVEN: today's export is staged (a retried invocation) and cannot be copied
    givenSnapshots(YESTERDAY, TODAY);
    givenArchived([exportedKey(YESTERDAY)]);
    givenStaged([exportedKey(TODAY)], new Date('2026-11-23T03:30:00Z'));
    s3.on(CopyObjectCommand).rejects(accessDenied());

    // WHEN
    const failure = run();

    // THEN: the copy failure is reported, but the snapshot is not exported a second time
    await expect(failure).rejects.toThrow(`failed to copy s3://${STAGING}/${exportedKey(TODAY)} into the archive`);
    expect(s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Bucket: STAGING, Prefix: `${GROUP_ID}-2026-11-23-03-12-`, MaxKeys: 100 });
    expect(elastiCache).not.toHaveReceivedCommand(CopySnapshotCommand);
    expect(keysOf(STAGING)).toEqual([exportedKey(TODAY)]);
    publishedMessage();
  });

  test('counts listed objects when S3 leaves out KeyCount', async () => {
    givenSnapshots(TODAY);
    givenArchived([`${GROUP_ID}-2026-11-23-03-12-0001.rdb`]);
    listing.omitKeyCount = true;

    await expect(run()).resolves.toMatchObject({ outcome: 'already-exported' });
    expect(elastiCache).not.toHaveReceivedCommand(CopySnapshotCommand);
  });

  test('leaves an export that is still running alone', async () => {
    givenSnapshots(YESTERDAY, snapshot({ name: TODAY.SnapshotName!, taken: ['2026-11-23T03:12:00Z'], status: 'exporting' }));

    const result = await run();

    expect(result).toEqual({ outcome: 'export-in-progress', snapshotName: TODAY.SnapshotName, bucketName: STAGING, archived: [] });
    expect(elastiCache).not.toHaveReceivedCommand(CopySnapshotCommand);
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  test('does not look for exports of snapshots older than two days: they were never this function\'s to export', async () => {
    // GIVEN: the group has kept snapshots from before the archive existed
    const older = snapshot({ name: `automatic.${GROUP_ID}-2026-11-21-03-40`, taken: ['2026-11-21T03:40:00Z'] });
    givenSnapshots(older, TODAY);

    // WHEN
    const result = await run();

    // THEN
    expect(result.outcome).toEqual('exported');
    expect(elastiCache).toHaveReceivedCommandTimes(CopySnapshotCommand, 1);
    expect(s3).not.toHaveReceivedCommandWith(ListObjectsV2Command, { Prefix: `${GROUP_ID}-2026-11-21-03-40-` });
  });

  test('logs what it did', async () => {
    givenSnapshots(YESTERDAY, TODAY);
    givenStaged([exportedKey(YESTERDAY)]);
    const log = jest.fn();

    await run(NOW, log);

    const lockedUntil = new Date(NOW + RETENTION_DAYS * DAY_MS).toISOString();
    expect(log).toHaveBeenCalledWith(
      `copied: s3://${STAGING}/${exportedKey(YESTERDAY)} -> s3://${ARCHIVE}/${exportedKey(YESTERDAY)} (${SIZE} bytes, ` +
        `CRC64NVME ${CRC} = source, locked until ${lockedUntil})`,
    );
    expect(log).toHaveBeenCalledWith(`exported: ${TODAY.SnapshotName} -> s3://${STAGING}/${GROUP_ID}-2026-11-23-03-12`);
  });
});

describe('archive of the staged exports', () => {
  test('archives yesterday\'s staged export (checksum, customer key), removes it from staging, then exports today\'s snapshot into staging', async () => {
    // GIVEN: ElastiCache wrote yesterday's export into the staging bucket
    givenSnapshots(YESTERDAY, TODAY);
    givenStaged([exportedKey(YESTERDAY)]);

    // WHEN
    const result = await run();

    // THEN: the staging bucket is listed for the group's exports
    expect(s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Bucket: STAGING, Prefix: `${GROUP_ID}-` });
    // the staged export is copied into the archive with a checksum and the customer key, pinned to the staged version
    expect(s3).toHaveReceivedCommandTimes(CopyObjectCommand, 1);
    expect(s3).toHaveReceivedCommandWith(CopyObjectCommand, {
      Bucket: ARCHIVE,
      Key: exportedKey(YESTERDAY),
      CopySource: `${STAGING}/${exportedKey(YESTERDAY)}`,
      CopySourceIfMatch: `"etag-${exportedKey(YESTERDAY)}"`,
      ChecksumAlgorithm: 'CRC64NVME',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: CONFIG.archiveKeyArn,
    });
    // verified, and only then removed from staging
    const calls = s3.calls().map((c) => c.args[0].constructor.name);
    const copied = calls.indexOf('CopyObjectCommand');
    expect(calls.slice(copied + 1)).toEqual(expect.arrayContaining(['HeadObjectCommand', 'DeleteObjectCommand']));
    expect(calls.indexOf('DeleteObjectCommand')).toBeGreaterThan(calls.lastIndexOf('HeadObjectCommand'));
    expect(s3).toHaveReceivedCommandWith(HeadObjectCommand, { Bucket: ARCHIVE, Key: exportedKey(YESTERDAY), ChecksumMode: 'ENABLED' });
    expect(s3).toHaveReceivedCommandWith(DeleteObjectCommand, { Bucket: STAGING, Key: exportedKey(YESTERDAY) });
    expect(s3).not.toHaveReceivedCommandWith(DeleteObjectCommand, { Bucket: ARCHIVE });
    expect(keysOf(STAGING)).toEqual([]);
    expect(keysOf(ARCHIVE)).toEqual([exportedKey(YESTERDAY)]);
    // today's snapshot goes to staging; yesterday's counts as exported (it is in the archive now)
    expect(elastiCache).toHaveReceivedCommandTimes(CopySnapshotCommand, 1);
    expect(elastiCache).toHaveReceivedCommandWith(CopySnapshotCommand, { SourceSnapshotName: TODAY.SnapshotName, TargetBucket: STAGING });
    expect(result).toEqual({
      outcome: 'exported',
      snapshotName: TODAY.SnapshotName,
      targetSnapshotName: `${GROUP_ID}-2026-11-23-03-12`,
      bucketName: STAGING,
      archived: [{
        key: exportedKey(YESTERDAY),
        outcome: 'copied',
        bytes: SIZE,
        checksum: CRC,
        checksumCompared: true,
        retainUntil: new Date(NOW + RETENTION_DAYS * DAY_MS).toISOString(),
      }],
    });
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  test('archives every shard of an export, across pages of the staging bucket listing', async () => {
    // GIVEN: a three-shard export, listed two keys a page
    givenSnapshots(YESTERDAY, TODAY);
    givenStaged([1, 2, 3].map((shard) => exportedKey(YESTERDAY, shard)));
    listing.pageSize = 2;

    // WHEN
    const result = await run();

    // THEN
    expect(stagingListings()).toHaveLength(2);
    expect(stagingListings()[1].args[0].input).toMatchObject({ Bucket: STAGING, Prefix: `${GROUP_ID}-`, ContinuationToken: '2' });
    expect(result.archived.map((a) => a.key)).toEqual([1, 2, 3].map((shard) => exportedKey(YESTERDAY, shard)));
    expect(s3).toHaveReceivedCommandTimes(CopyObjectCommand, 3);
    expect(keysOf(STAGING)).toEqual([]);
    expect(keysOf(ARCHIVE)).toEqual([1, 2, 3].map((shard) => exportedKey(YESTERDAY, shard)));
  });

  test('does not copy again an export that is archived already, but removes it from staging', async () => {
    // GIVEN: an earlier run copied it, then failed to delete the staged object
    givenSnapshots(YESTERDAY, TODAY);
    givenStaged([exportedKey(YESTERDAY)]);
    givenArchived([exportedKey(YESTERDAY)]);

    // WHEN
    const result = await run();

    // THEN
    expect(s3).not.toHaveReceivedCommand(CopyObjectCommand);
    expect(s3).toHaveReceivedCommandWith(DeleteObjectCommand, { Bucket: STAGING, Key: exportedKey(YESTERDAY) });
    expect(result.archived).toEqual([expect.objectContaining({ key: exportedKey(YESTERDAY), outcome: 'already-archived' })]);
    expect(result.outcome).toEqual('exported');
  });

  test('ignores staged objects that are not .rdb exports, and objects of other groups', async () => {
    // GIVEN
    givenSnapshots(YESTERDAY, TODAY);
    const ignored = [`${GROUP_ID}-readme.txt`, `${GROUP_ID}-2026-11-20-03-40-0001.rdb.tmp`, `${GROUP_ID}-2026-11-20-03-40/`, 'other-rg-2026-11-22-03-40-0001.rdb'];
    givenStaged([...ignored, exportedKey(YESTERDAY)]);

    // WHEN
    const result = await run();

    // THEN: only the export of this group is copied; the rest stays where it is
    expect(result.archived.map((a) => a.key)).toEqual([exportedKey(YESTERDAY)]);
    expect(s3).toHaveReceivedCommandTimes(CopyObjectCommand, 1);
    for (const key of ignored) {
      expect(s3).not.toHaveReceivedCommandWith(HeadObjectCommand, { Key: key });
      expect(s3).not.toHaveReceivedCommandWith(CopyObjectCommand, { Key: key });
      expect(s3).not.toHaveReceivedCommandWith(DeleteObjectCommand, { Key: key });
    }
    expect(keysOf(STAGING)).toEqual([...ignored].sort());
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  test('reports every staged export that fails with its expiry date, archives the others, still exports, and publishes once', async () => {
    // GIVEN: three staged exports; one copy is refused, one lands without the archive's Object Lock
    givenSnapshots(YESTERDAY, TODAY);
    const refused = exportedKey(YESTERDAY, 1);
    const fine = exportedKey(YESTERDAY, 2);
    const unlocked = `${GROUP_ID}-2026-11-20-03-40-0001.rdb`;
    givenStaged([refused, fine]);
    givenStaged([unlocked], new Date('2026-11-20T04:05:00Z'));
    s3.on(CopyObjectCommand, { Key: refused }).rejects(accessDenied());
    s3.on(HeadObjectCommand, { Bucket: ARCHIVE, Key: unlocked }).resolves({
      ContentLength: SIZE, ChecksumCRC64NVME: CRC, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: KEY_ARN, LastModified: new Date(NOW),
    });
    const log = jest.fn();

    // WHEN
    const failure = run(NOW, log);

    // THEN: the run fails with both steps
    await expect(failure).rejects.toThrow(ArchiveExportError);
    await expect(failure).rejects.toThrow(
      'failed to complete 2 steps of the archive run:\n' +
        `- failed to copy s3://${STAGING}/${unlocked} into the archive s3://${ARCHIVE} and verify it; ` +
        'the staged export expires on 2026-11-27T04:05:00.000Z: ArchiveVerificationError: ',
    );
    await expect(failure).rejects.toThrow(
      `\n- failed to copy s3://${STAGING}/${refused} into the archive s3://${ARCHIVE} and verify it; the staged export expires on ` +
        '2026-11-29T04:10:00.000Z: AccessDenied',
    );
    // every staged export was tried, the good one archived and removed from staging, the failed ones kept
    expect(s3).toHaveReceivedCommandWith(CopyObjectCommand, { Key: refused });
    expect(s3).toHaveReceivedCommandWith(CopyObjectCommand, { Key: unlocked });
    expect(s3).toHaveReceivedCommandWith(CopyObjectCommand, { Key: fine });
    expect(s3).toHaveReceivedCommandTimes(DeleteObjectCommand, 1);
    expect(s3).toHaveReceivedCommandWith(DeleteObjectCommand, { Bucket: STAGING, Key: fine });
    expect(keysOf(STAGING)).toEqual([unlocked, refused]);
    // the export still ran; yesterday's counts as exported (one shard is archived, the other staged)
    expect(elastiCache).toHaveReceivedCommandTimes(CopySnapshotCommand, 1);
    expect(elastiCache).toHaveReceivedCommandWith(CopySnapshotCommand, { SourceSnapshotName: TODAY.SnapshotName, TargetBucket: STAGING });
    expect(log).toHaveBeenCalledWith(`exported: ${TODAY.SnapshotName} -> s3://${STAGING}/${GROUP_ID}-2026-11-23-03-12`);
    // one notification, each failure numbered with its cause and expiry
    const { subject, message } = publishedMessage();
    expect(subject).toEqual(`ElastiCache snapshot archive failed: ${GROUP_ID}`);
    expect(message).toContain(`(staging bucket ${STAGING}, archive bucket ${ARCHIVE}) failed 2 times.`);
    expect(message).toContain(
      `\n\n1. Failed while trying to copy s3://${STAGING}/${unlocked} into the archive s3://${ARCHIVE} and verify it; ` +
        'the staged export expires on 2026-11-27T04:05:00.000Z.\n' +
        `Cause: ArchiveVerificationError: the archived copy of ${unlocked} failed verification: Object Lock mode none, not COMPLIANCE; ` +
        `locked until never, less than ${RETENTION_DAYS} days\n`,
    );
    expect(message).toContain(
      `\n\n2. Failed while trying to copy s3://${STAGING}/${refused} into the archive s3://${ARCHIVE} and verify it; ` +
        'the staged export expires on 2026-11-29T04:10:00.000Z.\nCause: AccessDenied: Access Denied\n',
    );
    expect(message).toContain('The next daily run copies it again');
    expect(message).not.toContain('is lost to the archive unless');
    expect(message).not.toContain('3. ');
  });

  test('one notification lists a failed copy and a failed export together', async () => {
    // GIVEN
    givenSnapshots(YESTERDAY, TODAY);
    givenStaged([exportedKey(YESTERDAY)]);
    s3.on(CopyObjectCommand).rejects(accessDenied());
    elastiCache.on(CopySnapshotCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    // WHEN / THEN
    await expect(run()).rejects.toThrow(/^failed to complete 2 steps of the archive run:\n- failed to copy .*\n- failed to export /);
    const { message } = publishedMessage();
    expect(message).toMatch(/\n\n1\. Failed while trying to copy s3:\/\/.*\nCause: AccessDenied: Access Denied\n/);
    expect(message).toMatch(/\n\n2\. Failed while trying to export .*\nCause: ThrottlingException: Rate exceeded\n/);
  });

  test('warns that a staged export close to its expiry is lost to the archive unless it is copied before then', async () => {
    // GIVEN: an export staged six days and two hours ago: the staging lifecycle deletes it in 22 hours
    givenSnapshots(YESTERDAY, TODAY);
    givenArchived([exportedKey(YESTERDAY)]);
    const old = `${GROUP_ID}-2026-11-17-03-40-0001.rdb`;
    givenStaged([old], new Date('2026-11-17T04:00:00Z'));
    s3.on(CopyObjectCommand).rejects(accessDenied());

    // WHEN
    const failure = run();

    // THEN
    await expect(failure).rejects.toThrow(
      `failed to copy s3://${STAGING}/${old} into the archive s3://${ARCHIVE} and verify it; the staged export expires on 2026-11-24T04:00:00.000Z ` +
        'and is lost to the archive unless it is copied before then: AccessDenied: Access Denied',
    );
    expect(publishedMessage().message).toContain('expires on 2026-11-24T04:00:00.000Z and is lost to the archive unless it is copied before then.');
    // the export ran all the same
    expect(elastiCache).toHaveReceivedCommandWith(CopySnapshotCommand, { SourceSnapshotName: TODAY.SnapshotName });
  });

  test.each([
    ['from exactly two days', 0, true],
    ['not two days and a minute', 60_000, false],
  ])('warns of the expiry %s before it', async (_, extraMs, warned) => {
    // GIVEN: the staged export expires STAGING_EXPIRY_WARNING_DAYS (plus extraMs) from now
    givenSnapshots(YESTERDAY, TODAY);
    givenArchived([exportedKey(YESTERDAY)]);
    const expires = NOW + STAGING_EXPIRY_WARNING_DAYS * DAY_MS + extraMs;
    givenStaged([`${GROUP_ID}-2026-11-18-03-40-0001.rdb`], new Date(expires - STAGING_EXPIRY_DAYS * DAY_MS));
    s3.on(CopyObjectCommand).rejects(accessDenied());

    // WHEN
    const failure = run();

    // THEN
    await expect(failure).rejects.toThrow(`the staged export expires on ${new Date(expires).toISOString()}`);
    expect(publishedMessage().message.includes('is lost to the archive unless it is copied before then')).toBe(warned);
  });

  test('reports a staging bucket that cannot be listed, and still exports', async () => {
    // GIVEN: the archive pass's listing is refused; the export's checks are not
    givenSnapshots(YESTERDAY, TODAY);
    givenArchived([exportedKey(YESTERDAY)]);
    s3.on(ListObjectsV2Command).callsFake((input: ListObjectsV2CommandInput) => {
      if (input.Bucket === STAGING && input.MaxKeys === undefined) throw accessDenied();
      return listObjects(input);
    });

    // WHEN
    const failure = run();

    // THEN
    await expect(failure).rejects.toThrow(`failed to list the staged exports in s3://${STAGING}: AccessDenied: Access Denied`);
    expect(publishedMessage().message).toContain('s3:ListBucket on the staging bucket');
    expect(elastiCache).toHaveReceivedCommandWith(CopySnapshotCommand, { SourceSnapshotName: TODAY.SnapshotName, TargetBucket: STAGING });
    expect(s3).not.toHaveReceivedCommand(CopyObjectCommand);
  });
});

describe('failures are published to the topic and rethrown', () => {
  test('fails and reports when the group has no automatic snapshot at all', async () => {
    // GIVEN
    givenSnapshots(snapshot({ name: 'manual-one', taken: ['2026-11-23T01:00:00Z'], source: 'manual' }));

    // WHEN
    const failure = run();

    // THEN
    await expect(failure).rejects.toThrow(ArchiveExportError);
    await expect(failure).rejects.toThrow(`failed to find an available automatic snapshot of replication group ${GROUP_ID} (found 0 automatic snapshot(s))`);
    const { subject, message } = publishedMessage();
    expect(subject).toEqual(`ElastiCache snapshot archive failed: ${GROUP_ID}`);
    expect(message).toMatch(/automatic backups are on \(SnapshotRetentionLimit > 0\)/);
    expect(elastiCache).not.toHaveReceivedCommand(CopySnapshotCommand);
  });

  test('fails naming the newest snapshot and its status when none is available yet', async () => {
    givenSnapshots(snapshot({ name: TODAY.SnapshotName!, status: 'creating' }));

    await expect(run()).rejects.toThrow(`the newest ${TODAY.SnapshotName} is 'creating'`);
    expect(publishedMessage().message).toMatch(/snapshot window ends before the export runs/);
  });

  test('fails with a readable message when CopySnapshot is refused, naming the cause and the command to export by hand', async () => {
    // GIVEN
    givenSnapshots(TODAY);
    elastiCache.on(CopySnapshotCommand).rejects(
      Object.assign(new Error(`ElastiCache has not been granted WRITE permissions ${STAGING} on the S3 Bucket.`), { name: 'InvalidParameterValueException' }),
    );

    // WHEN
    const failure = run();

    // THEN
    await expect(failure).rejects.toThrow(`failed to export ${TODAY.SnapshotName} to s3://${STAGING} as ${GROUP_ID}-2026-11-23-03-12: InvalidParameterValueException`);
    const { message } = publishedMessage();
    expect(message).toContain(
      `The daily archive run of ElastiCache replication group ${GROUP_ID} (staging bucket ${STAGING}, archive bucket ${ARCHIVE}) failed once.\n\n` +
        `Failed while trying to export ${TODAY.SnapshotName} to s3://${STAGING}`,
    );
    expect(message).toContain('Cause: InvalidParameterValueException: ElastiCache has not been granted WRITE permissions');
    expect(message).toContain('<region>.elasticache-snapshot.amazonaws.com');
    expect(message).toContain(
      `aws elasticache copy-snapshot --source-snapshot-name ${TODAY.SnapshotName} --target-snapshot-name ${GROUP_ID}-2026-11-23-03-12 --target-bucket ${STAGING}`,
    );
    expect(message).toContain('HITRUST 1616.09l1');
  });

  test('fails naming the step when the snapshots cannot be listed', async () => {
    elastiCache.on(DescribeSnapshotsCommand).rejects(new SnapshotNotFoundFault({ message: 'gone', $metadata: {} }));

    await expect(run()).rejects.toThrow(`failed to list the automatic snapshots of replication group ${GROUP_ID}: SnapshotNotFoundFault: gone`);
    expect(publishedMessage().message).toMatch(/elasticache:DescribeSnapshots/);
  });

  test('fails naming the step when the archive bucket cannot be listed', async () => {
    // GIVEN: the staging bucket lists fine (nothing staged), the archive bucket does not
    givenSnapshots(TODAY);
    s3.on(ListObjectsV2Command, { Bucket: ARCHIVE }).rejects(accessDenied());

    // WHEN / THEN
    await expect(run()).rejects.toThrow(
      `failed to check whether ${GROUP_ID}-2026-11-23-03-12-* is in s3://${STAGING} or s3://${ARCHIVE}: AccessDenied: Access Denied`,
    );
    expect(publishedMessage().message).toMatch(/s3:ListBucket on the staging and archive buckets/);
    expect(elastiCache).not.toHaveReceivedCommand(CopySnapshotCommand);
  });

  test('fails after exporting when the newest available snapshot is more than a day old: a day is missing from the archive', async () => {
    // GIVEN: today's snapshot is still being created
    const creating = snapshot({ name: TODAY.SnapshotName!, status: 'creating' });
    givenSnapshots(YESTERDAY, creating);

    // WHEN
    const failure = run();

    // THEN: yesterday's is exported all the same, and the gap is reported
    await expect(failure).rejects.toThrow(
      `failed to find an automatic snapshot of the last 24 hours: the newest available one is ${YESTERDAY.SnapshotName} (2026-11-22T03:40:00.000Z), exported.` +
        ` The newest automatic snapshot, ${TODAY.SnapshotName}, is 'creating'.`,
    );
    expect(elastiCache).toHaveReceivedCommandWith(CopySnapshotCommand, { SourceSnapshotName: YESTERDAY.SnapshotName, TargetBucket: STAGING });
    expect(publishedMessage().message).toMatch(/raise `exportDelay`/);
  });

  test('exports the previous day\'s snapshot again and reports it when its export never arrived', async () => {
    // GIVEN: yesterday's CopySnapshot returned, but ElastiCache's export failed afterwards: neither bucket has it
    givenSnapshots(YESTERDAY, TODAY);

    // WHEN
    const failure = run();

    // THEN: both are exported now, and the gap is reported
    await expect(failure).rejects.toThrow(
      `failed to find the previous day's export of ${YESTERDAY.SnapshotName} in s3://${STAGING} or s3://${ARCHIVE}: it was missing and has been exported ` +
        `again as ${GROUP_ID}-2026-11-22-03-40 (today's snapshot ${TODAY.SnapshotName}: exported)`,
    );
    expect(s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Bucket: ARCHIVE, Prefix: `${GROUP_ID}-2026-11-22-03-40-`, MaxKeys: 100 });
    expect(s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Bucket: STAGING, Prefix: `${GROUP_ID}-2026-11-22-03-40-`, MaxKeys: 100 });
    const exported = elastiCache.commandCalls(CopySnapshotCommand).map((c) => c.args[0].input.SourceSnapshotName);
    expect(exported).toEqual([TODAY.SnapshotName, YESTERDAY.SnapshotName]);
    expect(publishedMessage().message).toMatch(/ElastiCache exports after CopySnapshot returns, so the previous run saw no error/);
  });

  test('finds the previous day\'s export in staging too', async () => {
    // GIVEN: yesterday's export arrived, but could not be archived (the copy is refused)
    givenSnapshots(YESTERDAY, TODAY);
    givenStaged([exportedKey(YESTERDAY)]);
    s3.on(CopyObjectCommand).rejects(accessDenied());

    // WHEN
    const failure = run();

    // THEN: only the copy failure is reported; yesterday's snapshot is not exported again
    await expect(failure).rejects.toThrow(`failed to copy s3://${STAGING}/${exportedKey(YESTERDAY)} into the archive`);
    expect(elastiCache).toHaveReceivedCommandTimes(CopySnapshotCommand, 1);
    expect(elastiCache).toHaveReceivedCommandWith(CopySnapshotCommand, { SourceSnapshotName: TODAY.SnapshotName });
    expect(publishedMessage().message).toContain('failed once.');
  });

  test('reports a stale snapshot that is already archived too', async () => {
    givenSnapshots(YESTERDAY);
    givenArchived([`${GROUP_ID}-2026-11-22-03-40-0001.rdb`]);

    await expect(run()).rejects.toThrow(/the newest available one is .* already-exported\.$/);
  });

  test('wraps an error outside the AWS calls and still reports it', async () => {
    // GIVEN: the clock answers the archive pass, then fails after the export
    givenSnapshots(TODAY);
    let reads = 0;
    const clockFails = () => {
      reads += 1;
      if (reads > 1) throw new TypeError('clock unavailable');
      return NOW;
    };

    // WHEN
    const clients = { elastiCache: new ElastiCacheClient({}), s3: new S3Client({}), sns: new SNSClient({}) };
    const failure = exportNewestSnapshot(CONFIG, { ...clients, now: clockFails });

    // THEN
    await expect(failure).rejects.toThrow('failed to run the archive: TypeError: clock unavailable');
    const { message } = publishedMessage();
    expect(message).toContain('Cause: TypeError: clock unavailable');
    expect(message).toContain('the function\'s log group for the full error');
  });

  test('still rethrows the failure when it cannot be published, and logs it and why', async () => {
    // GIVEN
    givenSnapshots();
    sns.on(PublishCommand).rejects(Object.assign(new Error('KMS key disabled'), { name: 'KMSDisabledException' }));
    const log = jest.fn();

    // WHEN / THEN
    await expect(run(NOW, log)).rejects.toThrow(ArchiveExportError);
    expect(log).toHaveBeenCalledWith(`failed to find an available automatic snapshot of replication group ${GROUP_ID} (found 0 automatic snapshot(s))`);
    expect(log).toHaveBeenCalledWith(`could not publish the failure to ${TOPIC_ARN}: KMSDisabledException: KMS key disabled`);
  });

  test('keeps the subject within the 100 characters SNS allows', () => {
    const long = { ...CONFIG, replicationGroupId: 'g'.repeat(120) };
    const { subject } = failureNotification(long, [new ArchiveExportError('do something', 'something')]);
    expect(subject).toHaveLength(100);
  });

  test('numbers the failures only when there are several, and names how long staging keeps an export', () => {
    const first = new ArchiveExportError('do one thing', 'the first thing', new Error('boom'));
    const second = new ArchiveExportError('do another thing', 'the second thing');

    const one = failureNotification(CONFIG, [first]).message;
    const two = failureNotification(CONFIG, [first, second]).message;

    expect(one.split('\n\n')).toEqual([
      `The daily archive run of ElastiCache replication group ${GROUP_ID} (staging bucket ${STAGING}, archive bucket ${ARCHIVE}) failed once.`,
      'Failed while trying to do one thing.\nCause: Error: boom\nCheck the first thing.',
      expect.stringContaining(`the staging bucket keeps an export ${STAGING_EXPIRY_DAYS} days`),
    ]);
    expect(two.split('\n\n')).toEqual([
      expect.stringMatching(/failed 2 times\.$/),
      '1. Failed while trying to do one thing.\nCause: Error: boom\nCheck the first thing.',
      '2. Failed while trying to do another thing.\nCheck the second thing.',
      expect.stringContaining('HITRUST 1616.09l1'),
    ]);
  });
});

describe('edge cases found in review', () => {
  test('a clock that fails is still reported once, and the run rejects', async () => {
    givenSnapshots(TODAY, YESTERDAY);
    const failing = exportNewestSnapshot(CONFIG, {
      elastiCache: new ElastiCacheClient({ region: 'us-east-1' }),
      s3: new S3Client({ region: 'us-east-1' }),
      sns: new SNSClient({ region: 'us-east-1' }),
      now: () => { throw new TypeError('clock unavailable'); },
    });
    await expect(failing).rejects.toThrow(/clock unavailable/);
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
  });

  test('a stray object with the export\'s prefix but no .rdb does not count as exported', async () => {
    // GIVEN: a leftover in the archive under today's export name
    givenSnapshots(TODAY, YESTERDAY);
    givenArchived([`${GROUP_ID}-2026-11-23-03-12-0001.rdb.tmp`, `${GROUP_ID}-2026-11-22-03-40-0001.rdb`]);

    // WHEN
    const result = await run();

    // THEN: today's snapshot is exported all the same
    expect(result.outcome).toEqual('exported');
    expect(elastiCache).toHaveReceivedCommandWith(CopySnapshotCommand, { SourceSnapshotName: TODAY.SnapshotName, TargetBucket: STAGING });
  });
});

describe('handler', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  /** The environment the construct sets, with `overrides`; the clock is real here. */
  function givenEnvironment(overrides: Record<string, string> = {}) {
    Object.assign(process.env, ENVIRONMENT, overrides);
    writeTime = Date.now();
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
  }

  test('reads all seven variables the construct sets: buckets, key, group and topic', async () => {
    // GIVEN: yesterday's export is staged, today's snapshot was just taken
    givenEnvironment();
    givenStaged([exportedKey(YESTERDAY)], new Date(Date.now() - DAY_MS));
    givenSnapshots(snapshot({ name: TODAY.SnapshotName!, taken: [new Date(Date.now() - 60_000).toISOString()] }));

    // WHEN
    const result = await handler();

    // THEN
    expect(result).toMatchObject({ outcome: 'exported', bucketName: STAGING, archived: [{ key: exportedKey(YESTERDAY), outcome: 'copied' }] });
    expect(s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Bucket: STAGING, Prefix: `${GROUP_ID}-` });
    expect(s3).toHaveReceivedCommandWith(CopyObjectCommand, { Bucket: ARCHIVE, Key: exportedKey(YESTERDAY), SSEKMSKeyId: KEY_ARN });
    expect(elastiCache).toHaveReceivedCommandWith(DescribeSnapshotsCommand, { ReplicationGroupId: GROUP_ID });
    expect(elastiCache).toHaveReceivedCommandWith(CopySnapshotCommand, { TargetBucket: STAGING });
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  test('checks the copy against RETENTION_DAYS and dates the staged export by STAGING_EXPIRY_DAYS, publishing to TOPIC_ARN', async () => {
    // GIVEN: the archive locks copies for 2,192 days, the environment asks for 3,000; staging keeps exports 5 days
    givenEnvironment({ [ENV.retentionDays]: '3000', [ENV.stagingExpiryDays]: '5' });
    const written = Date.now() - DAY_MS;
    givenStaged([exportedKey(YESTERDAY)], new Date(written));
    givenSnapshots(snapshot({ name: TODAY.SnapshotName!, taken: [new Date(Date.now() - 60_000).toISOString()] }));

    // WHEN
    const failure = handler();

    // THEN
    await expect(failure).rejects.toThrow(`the staged export expires on ${new Date(written + 5 * DAY_MS).toISOString()}`);
    const { message } = publishedMessage();
    expect(message).toContain(', less than 3000 days');
    expect(message).toContain('the staging bucket keeps an export 5 days');
  });

  test('parses every variable', () => {
    expect(readExportConfig(ENVIRONMENT)).toEqual(CONFIG);
  });

  test('fails naming every missing variable', () => {
    expect(() => readExportConfig({})).toThrow(
      'snapshot archive function misconfigured (check the environment the SnapshotArchive construct sets):\n' +
        '- REPLICATION_GROUP_ID must be set\n- STAGING_BUCKET_NAME must be set\n- ARCHIVE_BUCKET_NAME must be set\n- ARCHIVE_KEY_ARN must be set\n' +
        '- RETENTION_DAYS must be set\n- STAGING_EXPIRY_DAYS must be set\n- TOPIC_ARN must be set',
    );
  });

  test('treats an empty variable as missing', () => {
    expect(() => readExportConfig({ ...ENVIRONMENT, [ENV.stagingBucketName]: '' })).toThrow(/:\n- STAGING_BUCKET_NAME must be set$/);
    expect(() => readExportConfig({ ...ENVIRONMENT, [ENV.retentionDays]: '' })).toThrow(/:\n- RETENTION_DAYS must be set$/);
  });

  test.each([
    [ENV.retentionDays, 'abc'],
    [ENV.retentionDays, '0'],
    [ENV.retentionDays, '1.5'],
    [ENV.stagingExpiryDays, '-7'],
    [ENV.stagingExpiryDays, 'seven'],
  ])('rejects %s=%s, naming the variable', (name, value) => {
    expect(() => readExportConfig({ ...ENVIRONMENT, [name]: value })).toThrow(`:\n- ${name} must be a whole number of days, got: '${value}'`);
  });
});
