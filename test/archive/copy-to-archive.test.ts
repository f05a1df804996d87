/**
 * The copy of a staged export into the locked archive, with the real SDK request shapes.
 *
 * AWS facts enforced here (test/aws-facts): s3-object-lock-upload-integrity-header (every write into the locked
 * bucket names x-amz-checksum-algorithm), s3-copyobject-5gb-limit (multipart UploadPartCopy above 5 GiB).
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  NotFound,
  S3Client,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import {
  type ArchiveTarget,
  archiveStagedObject,
  ArchiveVerificationError,
  COPY_PART_BYTES,
  MAX_SINGLE_COPY_BYTES,
  partRanges,
  verificationProblems,
} from '../../src/archive/copy-to-archive';

const s3 = mockClient(S3Client);
const client = () => new S3Client({ region: 'us-east-1' });

const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const TARGET: ArchiveTarget = { stagingBucket: 'staging', archiveBucket: 'archive', archiveKeyArn: KEY_ARN, retentionDays: 2192 };
const KEY = 'cache-rg-2026-11-22-03-40-0001.rdb';
const NOW = Date.parse('2026-11-23T06:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const CRC = 'AAAAAAAAAAE=';

function staged(overrides: Partial<HeadObjectCommandOutput> = {}): HeadObjectCommandOutput {
  return { $metadata: {}, ContentLength: 1024, ETag: '"etag-1"', ChecksumCRC64NVME: CRC, ChecksumType: 'FULL_OBJECT', ServerSideEncryption: 'AES256', ...overrides };
}

/** The archive copy as HeadObject reports it when everything went right. */
function archived(overrides: Partial<HeadObjectCommandOutput> = {}): HeadObjectCommandOutput {
  return {
    $metadata: {},
    ContentLength: 1024,
    ChecksumCRC64NVME: CRC,
    ChecksumType: 'FULL_OBJECT',
    ServerSideEncryption: 'aws:kms',
    SSEKMSKeyId: KEY_ARN,
    ObjectLockMode: 'COMPLIANCE',
    LastModified: new Date(NOW),
    ObjectLockRetainUntilDate: new Date(NOW + 2192 * DAY_MS),
    ...overrides,
  };
}

/** HeadObject answers: the staged object, then the archive (missing until the copy, `after` afterwards). */
function given(source: HeadObjectCommandOutput, before: HeadObjectCommandOutput | undefined, after: HeadObjectCommandOutput = archived()) {
  let copied = false;
  s3.on(HeadObjectCommand, { Bucket: 'staging' }).resolves(source);
  s3.on(HeadObjectCommand, { Bucket: 'archive' }).callsFake(() => {
    if (copied) return after;
    if (before === undefined) throw new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } });
    return before;
  });
  const markCopied = () => { copied = true; return {}; };
  s3.on(CopyObjectCommand).callsFake(markCopied);
  s3.on(CompleteMultipartUploadCommand).callsFake(markCopied);
}

beforeEach(() => {
  s3.reset();
  s3.on(DeleteObjectCommand).resolves({});
});

describe('copy of a staged export into the archive', () => {
  test('copies with CopyObject: x-amz-checksum-algorithm CRC64NVME, SSE-KMS with the customer key, pinned to the source ETag', async () => {
    given(staged(), undefined);

    const result = await archiveStagedObject(client(), TARGET, KEY, NOW);

    expect(s3).toHaveReceivedCommandTimes(CopyObjectCommand, 1);
    expect(s3).toHaveReceivedCommandWith(CopyObjectCommand, {
      Bucket: 'archive',
      Key: KEY,
      CopySource: `staging/${KEY}`,
      CopySourceIfMatch: '"etag-1"',
      ChecksumAlgorithm: 'CRC64NVME',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: KEY_ARN,
      BucketKeyEnabled: true,
      MetadataDirective: 'COPY',
    });
    expect(result).toEqual({
      key: KEY,
      outcome: 'copied',
      bytes: 1024,
      checksum: CRC,
      checksumCompared: true,
      retainUntil: new Date(NOW + 2192 * DAY_MS).toISOString(),
    });
  });

  test('asks S3 for the stored checksums of both objects (x-amz-checksum-mode: ENABLED)', async () => {
    given(staged(), undefined);
    await archiveStagedObject(client(), TARGET, KEY, NOW);
    for (const call of s3.commandCalls(HeadObjectCommand)) {
      expect(call.args[0].input).toMatchObject({ ChecksumMode: 'ENABLED' });
    }
  });

  test('sends x-amz-checksum-algorithm on the wire (the header S3 Object Lock requires on writes with a retention)', async () => {
    // GIVEN: a real client whose requests are captured before they leave
    const headers: Record<string, string>[] = [];
    const real = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    real.middlewareStack.add(() => async (args) => {
      headers.push({ ...(args.request as { headers: Record<string, string> }).headers });
      throw new Error('captured');
    }, { step: 'finalizeRequest', name: 'capture', priority: 'low' });

    // WHEN: the command runs through the client's real middleware (client.send itself is mocked in this file)
    const command = new CopyObjectCommand({
      Bucket: 'archive', Key: KEY, CopySource: `staging/${KEY}`, ChecksumAlgorithm: 'CRC64NVME', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: KEY_ARN,
    });
    const handler = command.resolveMiddleware(real.middlewareStack as never, real.config as never, {});
    await expect(handler({ input: command.input })).rejects.toThrow('captured');

    // THEN
    expect(headers[0]).toMatchObject({
      'x-amz-checksum-algorithm': 'CRC64NVME',
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': KEY_ARN,
      'x-amz-copy-source': `staging/${KEY}`,
    });
  });

  test('URL-encodes the key in x-amz-copy-source, keeping the slashes', async () => {
    given(staged(), undefined);
    await archiveStagedObject(client(), TARGET, 'restore/a b+c.rdb', NOW);
    expect(s3).toHaveReceivedCommandWith(CopyObjectCommand, { CopySource: 'staging/restore/a%20b%2Bc.rdb' });
  });

  test('deletes the staged export only after the copy verified', async () => {
    given(staged(), undefined);
    await archiveStagedObject(client(), TARGET, KEY, NOW);
    expect(s3).toHaveReceivedCommandWith(DeleteObjectCommand, { Bucket: 'staging', Key: KEY });
    const order = s3.calls().map((c) => c.args[0].constructor.name);
    expect(order.indexOf('DeleteObjectCommand')).toBeGreaterThan(order.lastIndexOf('HeadObjectCommand'));
  });

  test('does not copy again when a verified copy is archived already (an earlier run copied it, then failed to delete)', async () => {
    const earlier = Date.parse('2026-11-22T06:00:00Z');
    given(staged(), archived({ LastModified: new Date(earlier), ObjectLockRetainUntilDate: new Date(earlier + 2192 * DAY_MS) }));

    const result = await archiveStagedObject(client(), TARGET, KEY, NOW);

    expect(result.outcome).toEqual('already-archived');
    expect(s3).not.toHaveReceivedCommand(CopyObjectCommand);
    expect(s3).toHaveReceivedCommandWith(DeleteObjectCommand, { Bucket: 'staging', Key: KEY });
  });

  test('copies again when the archived copy does not verify (a new version; the locked one stays)', async () => {
    given(staged(), archived({ ContentLength: 10 }));
    const result = await archiveStagedObject(client(), TARGET, KEY, NOW);
    expect(result.outcome).toEqual('copied');
    expect(s3).toHaveReceivedCommandTimes(CopyObjectCommand, 1);
  });

  test.each<[string, Partial<HeadObjectCommandOutput>, string]>([
    ['a different size', { ContentLength: 1000 }, 'size 1000 bytes, the staged export has 1024'],
    ['a different checksum', { ChecksumCRC64NVME: 'BBBBBBBBBBE=' }, `CRC64NVME BBBBBBBBBBE=, the staged export has ${CRC}`],
    ['no checksum', { ChecksumCRC64NVME: undefined }, 'no CRC64NVME checksum'],
    ['SSE-S3', { ServerSideEncryption: 'AES256', SSEKMSKeyId: undefined }, `encrypted with AES256, not aws:kms ${KEY_ARN}`],
    ['another key', { SSEKMSKeyId: 'arn:aws:kms:us-east-1:123456789012:key/other' }, 'not aws:kms'],
    ['governance mode', { ObjectLockMode: 'GOVERNANCE' }, 'Object Lock mode GOVERNANCE, not COMPLIANCE'],
    ['no lock', { ObjectLockMode: undefined, ObjectLockRetainUntilDate: undefined }, 'locked until never, less than 2192 days'],
    ['a short lock', { ObjectLockRetainUntilDate: new Date(NOW + 30 * DAY_MS) }, 'less than 2192 days'],
  ])('a copy with %s fails verification, is reported and the staged export is kept', async (_, overrides, problem) => {
    given(staged(), undefined, archived(overrides));

    const error = await archiveStagedObject(client(), TARGET, KEY, NOW).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ArchiveVerificationError);
    expect((error as Error).message).toContain(problem);
    expect(s3).not.toHaveReceivedCommand(DeleteObjectCommand);
  });

  test('a source without a full-object checksum is compared by size, and says so', async () => {
    given(staged({ ChecksumCRC64NVME: undefined, ChecksumType: undefined }), undefined, archived({ ChecksumCRC64NVME: 'ZZZZZZZZZZE=' }));
    const result = await archiveStagedObject(client(), TARGET, KEY, NOW);
    expect(result.checksumCompared).toBe(false);
    expect(result.checksum).toEqual('ZZZZZZZZZZE=');
  });

  test('a failed CopyObject is thrown, and the staged export is kept for the next run', async () => {
    given(staged(), undefined);
    s3.on(CopyObjectCommand).rejects(new Error('AccessDenied: kms:GenerateDataKey'));
    await expect(archiveStagedObject(client(), TARGET, KEY, NOW)).rejects.toThrow('kms:GenerateDataKey');
    expect(s3).not.toHaveReceivedCommand(DeleteObjectCommand);
  });

  test('an archive HeadObject error other than 404 is thrown, not taken for a missing copy', async () => {
    s3.on(HeadObjectCommand, { Bucket: 'staging' }).resolves(staged());
    s3.on(HeadObjectCommand, { Bucket: 'archive' }).rejects(Object.assign(new Error('Forbidden'), { name: 'Forbidden', $metadata: { httpStatusCode: 403 } }));
    await expect(archiveStagedObject(client(), TARGET, KEY, NOW)).rejects.toThrow('Forbidden');
    expect(s3).not.toHaveReceivedCommand(CopyObjectCommand);
  });
});

describe('multipart copy above 5 GiB', () => {
  const SIZE = MAX_SINGLE_COPY_BYTES + 1;

  beforeEach(() => {
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'upload-1' });
    s3.on(UploadPartCopyCommand).callsFake((input: { PartNumber: number }) => ({
      CopyPartResult: { ETag: `"part-${input.PartNumber}"`, ChecksumCRC64NVME: `crc-${input.PartNumber}` },
    }));
  });

  test('copies in 512 MiB ranges with a full-object CRC64NVME that S3 checks against the source\'s', async () => {
    given(staged({ ContentLength: SIZE }), undefined, archived({ ContentLength: SIZE }));

    await archiveStagedObject(client(), TARGET, KEY, NOW);

    expect(s3).not.toHaveReceivedCommand(CopyObjectCommand);
    expect(s3).toHaveReceivedCommandWith(CreateMultipartUploadCommand, {
      Bucket: 'archive', Key: KEY, ChecksumAlgorithm: 'CRC64NVME', ChecksumType: 'FULL_OBJECT', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: KEY_ARN,
    });
    const parts = s3.commandCalls(UploadPartCopyCommand).map((c) => c.args[0].input);
    expect(parts).toHaveLength(Math.ceil(SIZE / COPY_PART_BYTES));
    expect(parts[0]).toMatchObject({ PartNumber: 1, CopySource: `staging/${KEY}`, CopySourceIfMatch: '"etag-1"', CopySourceRange: `bytes=0-${COPY_PART_BYTES - 1}` });
    expect(parts[parts.length - 1].CopySourceRange).toEqual(`bytes=${(parts.length - 1) * COPY_PART_BYTES}-${SIZE - 1}`);
    const complete = s3.commandCalls(CompleteMultipartUploadCommand)[0].args[0].input;
    expect(complete).toMatchObject({ UploadId: 'upload-1', ChecksumType: 'FULL_OBJECT', ChecksumCRC64NVME: CRC });
    expect(complete.MultipartUpload?.Parts?.map((p) => p.PartNumber)).toEqual(parts.map((p) => p.PartNumber));
    expect(complete.MultipartUpload?.Parts?.[0]).toEqual({ PartNumber: 1, ETag: '"part-1"', ChecksumCRC64NVME: 'crc-1' });
  });

  test('stops every part copy at the first failure and aborts only when none is in flight', async () => {
    given(staged({ ContentLength: 20 * COPY_PART_BYTES }), undefined);
    const events: string[] = [];
    s3.on(UploadPartCopyCommand).callsFake(async (input: { PartNumber: number }) => {
      events.push(`start ${input.PartNumber}`);
      await new Promise((r) => setTimeout(r, input.PartNumber === 1 ? 1 : 20));
      events.push(`end ${input.PartNumber}`);
      if (input.PartNumber === 1) throw new Error('InternalError');
      return { CopyPartResult: { ETag: `"part-${input.PartNumber}"` } };
    });
    s3.on(AbortMultipartUploadCommand).callsFake(() => { events.push('abort'); return {}; });

    await expect(archiveStagedObject(client(), TARGET, KEY, NOW)).rejects.toThrow('InternalError');

    // the 8 parts started together finish; no part starts after the failure; the abort comes last
    expect(events.filter((e) => e.startsWith('start'))).toHaveLength(8);
    expect(events[events.length - 1]).toEqual('abort');
  });

  test('aborts the upload when a part fails, and reports the failure', async () => {
    given(staged({ ContentLength: SIZE }), undefined);
    s3.on(UploadPartCopyCommand).rejects(new Error('SlowDown'));
    await expect(archiveStagedObject(client(), TARGET, KEY, NOW)).rejects.toThrow('SlowDown');
    expect(s3).toHaveReceivedCommandWith(AbortMultipartUploadCommand, { Bucket: 'archive', Key: KEY, UploadId: 'upload-1' });
    expect(s3).not.toHaveReceivedCommand(DeleteObjectCommand);
  });

  test('part ranges cover every byte once, within 10,000 parts', () => {
    for (const size of [1, COPY_PART_BYTES, COPY_PART_BYTES + 1, 5 * 1024 ** 4]) {
      const ranges = partRanges(size);
      expect(ranges.length).toBeLessThanOrEqual(10_000);
      expect(ranges[0][0]).toBe(0);
      expect(ranges[ranges.length - 1][1]).toBe(size - 1);
      ranges.slice(1).forEach(([first], i) => expect(first).toBe(ranges[i][1] + 1));
    }
  });
});

describe('verification', () => {
  test('accepts a copy whose lock runs the retention from when S3 wrote it, to the day', () => {
    const written = NOW - 3 * DAY_MS;
    const copy = archived({ LastModified: new Date(written), ObjectLockRetainUntilDate: new Date(written + 2191.5 * DAY_MS) });
    expect(verificationProblems(TARGET, staged(), copy, NOW)).toEqual([]);
  });
});
