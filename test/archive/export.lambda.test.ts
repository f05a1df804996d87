import {
  CopySnapshotCommand,
  DescribeSnapshotsCommand,
  ElastiCacheClient,
  SnapshotNotFoundFault,
  type Snapshot,
} from '@aws-sdk/client-elasticache';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { ENV, type ExportConfig, readExportConfig } from '../../src/archive/export-config';
import { ArchiveExportError, exportNewestSnapshot, failureNotification } from '../../src/archive/export-snapshot';
import { handler } from '../../src/archive/export.lambda';
import { chooseSnapshot, exportedObjectPrefix, snapshotTime, targetSnapshotName } from '../../src/archive/snapshot-selection';

const GROUP_ID = 'cache-rg';
const BUCKET = 'cache-archive-bucket';
const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:cache-notifications';
const CONFIG: ExportConfig = { replicationGroupId: GROUP_ID, bucketName: BUCKET, topicArn: TOPIC_ARN };
/** The run happens at 06:00 UTC, one hour after the default snapshot window (03:00-05:00). */
const NOW = Date.parse('2026-11-23T06:00:00Z');

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

function givenSnapshots(...snapshots: Snapshot[]) {
  elastiCache.on(DescribeSnapshotsCommand).resolves({ Snapshots: snapshots });
}

/** The bucket holds these keys; ListObjectsV2 answers by prefix. */
function givenArchived(keys: string[]) {
  s3.on(ListObjectsV2Command).callsFake((input: { Prefix?: string }) => {
    const found = keys.filter((key) => key.startsWith(input.Prefix ?? ''));
    return { KeyCount: found.length, Contents: found.map((Key) => ({ Key })) };
  });
}

/** The key ElastiCache writes for a single-shard export of `snapshot`. */
const exportedKey = (s: Snapshot) => `${targetSnapshotName(s.SnapshotName!)}-0001.rdb`;

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

beforeEach(() => {
  elastiCache.reset();
  s3.reset();
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
  elastiCache.on(CopySnapshotCommand).resolves({ Snapshot: { SnapshotName: TODAY.SnapshotName, SnapshotStatus: 'exporting' } });
  givenArchived([]);
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
  test('lists the group\'s automatic snapshots and exports the newest to the bucket with CopySnapshot', async () => {
    // GIVEN
    givenSnapshots(YESTERDAY, TODAY);
    givenArchived([exportedKey(YESTERDAY)]);

    // WHEN
    const result = await run();

    // THEN
    expect(elastiCache).toHaveReceivedCommandWith(DescribeSnapshotsCommand, { ReplicationGroupId: GROUP_ID, SnapshotSource: 'system' });
    expect(s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Bucket: BUCKET, Prefix: `${GROUP_ID}-2026-11-23-03-12-`, MaxKeys: 1 });
    expect(elastiCache).toHaveReceivedCommandTimes(CopySnapshotCommand, 1);
    expect(elastiCache.commandCalls(CopySnapshotCommand)[0].args[0].input).toEqual({
      SourceSnapshotName: `automatic.${GROUP_ID}-2026-11-23-03-12`,
      TargetSnapshotName: `${GROUP_ID}-2026-11-23-03-12`,
      TargetBucket: BUCKET,
    });
    expect(result).toEqual({
      outcome: 'exported',
      snapshotName: TODAY.SnapshotName,
      targetSnapshotName: `${GROUP_ID}-2026-11-23-03-12`,
      bucketName: BUCKET,
    });
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

  test('skips a snapshot whose objects are already in the bucket', async () => {
    // GIVEN
    givenSnapshots(YESTERDAY, TODAY);
    givenArchived([exportedKey(TODAY), exportedKey(YESTERDAY)]);

    // WHEN
    const result = await run();

    // THEN
    expect(result.outcome).toEqual('already-exported');
    expect(elastiCache).not.toHaveReceivedCommand(CopySnapshotCommand);
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  test('counts listed objects when S3 leaves out KeyCount', async () => {
    givenSnapshots(TODAY);
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: `${GROUP_ID}-2026-11-23-03-12-0001.rdb` }] });

    await expect(run()).resolves.toMatchObject({ outcome: 'already-exported' });
  });

  test('leaves an export that is still running alone', async () => {
    givenSnapshots(YESTERDAY, snapshot({ name: TODAY.SnapshotName!, taken: ['2026-11-23T03:12:00Z'], status: 'exporting' }));

    const result = await run();

    expect(result).toEqual({ outcome: 'export-in-progress', snapshotName: TODAY.SnapshotName, bucketName: BUCKET });
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
    givenSnapshots(TODAY);
    const log = jest.fn();

    await run(NOW, log);

    expect(log).toHaveBeenCalledWith(`exported: ${TODAY.SnapshotName} -> s3://${BUCKET}/${GROUP_ID}-2026-11-23-03-12`);
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
      Object.assign(new Error(`ElastiCache has not been granted WRITE permissions ${BUCKET} on the S3 Bucket.`), { name: 'InvalidParameterValueException' }),
    );

    // WHEN
    const failure = run();

    // THEN
    await expect(failure).rejects.toThrow(`failed to export ${TODAY.SnapshotName} to s3://${BUCKET} as ${GROUP_ID}-2026-11-23-03-12: InvalidParameterValueException`);
    const { message } = publishedMessage();
    expect(message).toContain(`The daily export of ElastiCache replication group ${GROUP_ID} to the archive bucket ${BUCKET} failed while trying to export`);
    expect(message).toContain('Cause: InvalidParameterValueException: ElastiCache has not been granted WRITE permissions');
    expect(message).toContain('<region>.elasticache-snapshot.amazonaws.com');
    expect(message).toContain(
      `aws elasticache copy-snapshot --source-snapshot-name ${TODAY.SnapshotName} --target-snapshot-name ${GROUP_ID}-2026-11-23-03-12 --target-bucket ${BUCKET}`,
    );
    expect(message).toContain('HITRUST 1616.09l1');
  });

  test('fails naming the step when the snapshots cannot be listed', async () => {
    elastiCache.on(DescribeSnapshotsCommand).rejects(new SnapshotNotFoundFault({ message: 'gone', $metadata: {} }));

    await expect(run()).rejects.toThrow(`failed to list the automatic snapshots of replication group ${GROUP_ID}: SnapshotNotFoundFault: gone`);
    expect(publishedMessage().message).toMatch(/elasticache:DescribeSnapshots/);
  });

  test('fails naming the step when the bucket cannot be listed', async () => {
    givenSnapshots(TODAY);
    s3.on(ListObjectsV2Command).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));

    await expect(run()).rejects.toThrow(`failed to check whether s3://${BUCKET}/${GROUP_ID}-2026-11-23-03-12-* exists: AccessDenied: Access Denied`);
    expect(publishedMessage().message).toMatch(/s3:ListBucket/);
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
    expect(elastiCache).toHaveReceivedCommandWith(CopySnapshotCommand, { SourceSnapshotName: YESTERDAY.SnapshotName });
    expect(publishedMessage().message).toMatch(/raise `exportDelay`/);
  });

  test('exports the previous day\'s snapshot again and reports it when its export never arrived', async () => {
    // GIVEN: yesterday's CopySnapshot returned, but ElastiCache's export failed afterwards
    givenSnapshots(YESTERDAY, TODAY);
    givenArchived([]);

    // WHEN
    const failure = run();

    // THEN: both are exported now, and the gap is reported
    await expect(failure).rejects.toThrow(
      `failed to find the previous day's export of ${YESTERDAY.SnapshotName} in s3://${BUCKET}: it was missing and has been exported again ` +
        `as ${GROUP_ID}-2026-11-22-03-40 (today's snapshot ${TODAY.SnapshotName}: exported)`,
    );
    const exported = elastiCache.commandCalls(CopySnapshotCommand).map((c) => c.args[0].input.SourceSnapshotName);
    expect(exported).toEqual([TODAY.SnapshotName, YESTERDAY.SnapshotName]);
    expect(publishedMessage().message).toMatch(/ElastiCache exports after CopySnapshot returns, so the previous run saw no error/);
  });

  test('reports a stale snapshot that is already archived too', async () => {
    givenSnapshots(YESTERDAY);
    givenArchived([`${GROUP_ID}-2026-11-22-03-40-0001.rdb`]);

    await expect(run()).rejects.toThrow(/the newest available one is .* already-exported\.$/);
  });

  test('wraps an error outside the AWS calls and still reports it', async () => {
    // GIVEN: the clock fails after the export
    givenSnapshots(TODAY);
    const clockFails = () => {
      throw new TypeError('clock unavailable');
    };

    // WHEN
    const clients = { elastiCache: new ElastiCacheClient({}), s3: new S3Client({}), sns: new SNSClient({}) };
    const failure = exportNewestSnapshot(CONFIG, { ...clients, now: clockFails });

    // THEN
    await expect(failure).rejects.toThrow('failed to export the snapshot: TypeError: clock unavailable');
    expect(publishedMessage().message).toContain('Cause: TypeError: clock unavailable');
  });

  test('still rethrows the failure when it cannot be published, and logs why', async () => {
    // GIVEN
    givenSnapshots();
    sns.on(PublishCommand).rejects(Object.assign(new Error('KMS key disabled'), { name: 'KMSDisabledException' }));
    const log = jest.fn();

    // WHEN / THEN
    await expect(run(NOW, log)).rejects.toThrow(ArchiveExportError);
    expect(log).toHaveBeenCalledWith(`could not publish the failure to ${TOPIC_ARN}: KMSDisabledException: KMS key disabled`);
  });

  test('keeps the subject within the 100 characters SNS allows', () => {
    const long = { ...CONFIG, replicationGroupId: 'g'.repeat(120) };
    const { subject } = failureNotification(long, new ArchiveExportError('do something', 'something'));
    expect(subject).toHaveLength(100);
  });
});

describe('handler', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test('reads the bucket, group and topic from the environment the construct sets', async () => {
    // GIVEN
    process.env[ENV.replicationGroupId] = GROUP_ID;
    process.env[ENV.bucketName] = BUCKET;
    process.env[ENV.topicArn] = TOPIC_ARN;
    givenSnapshots(snapshot({ name: TODAY.SnapshotName!, taken: [new Date(Date.now() - 60_000).toISOString()] }));
    jest.spyOn(console, 'info').mockImplementation(() => undefined);

    // WHEN
    const result = await handler();

    // THEN
    expect(result).toMatchObject({ outcome: 'exported', bucketName: BUCKET });
    expect(elastiCache).toHaveReceivedCommandWith(CopySnapshotCommand, { TargetBucket: BUCKET });
  });

  test('fails naming every missing variable', () => {
    delete process.env[ENV.replicationGroupId];
    delete process.env[ENV.bucketName];
    delete process.env[ENV.topicArn];

    expect(() => readExportConfig(process.env)).toThrow(
      'snapshot export function misconfigured (check the environment the SnapshotArchive construct sets):\n' +
        '- REPLICATION_GROUP_ID must be set\n- BUCKET_NAME must be set\n- TOPIC_ARN must be set',
    );
  });

  test('treats an empty variable as missing', () => {
    expect(() => readExportConfig({ [ENV.replicationGroupId]: GROUP_ID, [ENV.bucketName]: '', [ENV.topicArn]: TOPIC_ARN })).toThrow(/- BUCKET_NAME must be set$/);
  });
});
