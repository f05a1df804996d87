/**
 * The second half of the archive: copies one export that ElastiCache wrote into the staging bucket into the locked
 * archive bucket, with a checksum, verifies the copy, and only then removes the staging object.
 *
 * Why a copy at all: ElastiCache exports only to a bucket it is documented to write to, and "Customer managed keys
 * cannot be used when exporting backups to your selected Amazon S3 bucket" (ElastiCache at-rest encryption page),
 * so the export lands SSE-S3 in the staging bucket; the archive is SSE-KMS with the customer key and Object Lock.
 *
 * Why a checksum: for uploads, "The Content-MD5 or x-amz-sdk-checksum-algorithm header is required for any request
 * to upload an object with a retention period configured using Object Lock" (Amazon S3 user guide). That is why
 * ElastiCache never writes into the locked bucket: whether its exporter sends such a header is not documented. A copy
 * carries no body to hash, and S3 documents no integrity header for CopyObject or UploadPartCopy into such a bucket;
 * the copy names `x-amz-checksum-algorithm: CRC64NVME` so that S3 computes and stores a checksum of the copy
 * server-side, and the run verifies it: against the source's full-object CRC64NVME when S3 stored one (S3's default
 * for new objects), else by size. A copy S3 refuses is reported every day until it succeeds or the export expires.
 *
 * This module must stay free of aws-cdk-lib imports: it is bundled into the Lambda function.
 */
/* eslint-disable import/no-extraneous-dependencies -- Lambda code bundled by esbuild; the nodejs24.x runtime provides @aws-sdk/* */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  type S3Client,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
/* eslint-enable import/no-extraneous-dependencies */

/** The largest object one CopyObject request copies: 5 GiB (Amazon S3 API reference, CopyObject). */
export const MAX_SINGLE_COPY_BYTES = 5 * 1024 ** 3;
/** Part size of a multipart copy: 512 MiB, at most 10,000 parts (S3 multipart upload limits). */
export const COPY_PART_BYTES = 512 * 1024 ** 2;
const MAX_PARTS = 10_000;
/** Parts copied at the same time. */
const PART_CONCURRENCY = 8;
/** The checksum algorithm of every copy: S3's default, and the one that supports full-object multipart checksums. */
export const CHECKSUM_ALGORITHM = 'CRC64NVME';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Where the copy goes, and what it must be there. */
export interface ArchiveTarget {
  /** The staging bucket ElastiCache exports into. */
  readonly stagingBucket: string;
  /** The locked archive bucket. */
  readonly archiveBucket: string;
  /** ARN of the customer-managed KMS key of the archive bucket. */
  readonly archiveKeyArn: string;
  /** The archive bucket's default Object Lock retention in days: a verified copy is locked at least this long. */
  readonly retentionDays: number;
}

/** What happened to one staged export. */
export interface ArchivedObject {
  readonly key: string;
  readonly outcome: 'copied' | 'already-archived';
  readonly bytes: number;
  /** The CRC64NVME of the copy, base64, as S3 reports it. */
  readonly checksum: string;
  /** Whether the copy's checksum was compared with a full-object checksum of the source (else size only). */
  readonly checksumCompared: boolean;
  /** When the copy's lock ends. */
  readonly retainUntil: string;
}

/** A copy that S3 accepted but that is not what the archive needs: the reason, for the failure report. */
export class ArchiveVerificationError extends Error {
  constructor(public readonly key: string, public readonly problems: readonly string[]) {
    super(`the archived copy of ${key} failed verification: ${problems.join('; ')}`);
    this.name = 'ArchiveVerificationError';
  }
}

/**
 * Copies `key` from the staging bucket into the archive unless a verified copy is there already, verifies it, and
 * deletes the staging object. Throws when the copy fails or does not verify; the staging object then stays for the
 * next run.
 */
export async function archiveStagedObject(s3: S3Client, target: ArchiveTarget, key: string, now: number): Promise<ArchivedObject> {
  const source = await s3.send(new HeadObjectCommand({ Bucket: target.stagingBucket, Key: key, ChecksumMode: 'ENABLED' }));
  const existing = await headIfExists(s3, target.archiveBucket, key);
  let outcome: ArchivedObject['outcome'] = 'already-archived';
  let copy = existing;
  if (existing === undefined || verificationProblems(target, source, existing, now).length > 0) {
    // a missing copy, or one that does not verify: copy again (a new version; a locked version is never overwritten)
    await copyObject(s3, target, key, source);
    copy = await s3.send(new HeadObjectCommand({ Bucket: target.archiveBucket, Key: key, ChecksumMode: 'ENABLED' }));
    outcome = 'copied';
  }
  const problems = verificationProblems(target, source, copy!, now);
  if (problems.length > 0) throw new ArchiveVerificationError(key, problems);
  await s3.send(new DeleteObjectCommand({ Bucket: target.stagingBucket, Key: key }));
  return {
    key,
    outcome,
    bytes: copy!.ContentLength ?? 0,
    checksum: copy!.ChecksumCRC64NVME ?? '',
    checksumCompared: fullObjectCrc(source) !== undefined,
    retainUntil: copy!.ObjectLockRetainUntilDate?.toISOString() ?? '',
  };
}

/** HeadObject, or undefined when there is no such object. */
async function headIfExists(s3: S3Client, bucket: string, key: string): Promise<HeadObjectCommandOutput | undefined> {
  try {
    return await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: 'ENABLED' }));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

/** The source's full-object CRC64NVME, when S3 stored one. */
function fullObjectCrc(source: HeadObjectCommandOutput): string | undefined {
  return source.ChecksumCRC64NVME !== undefined && (source.ChecksumType ?? 'FULL_OBJECT') === 'FULL_OBJECT'
    ? source.ChecksumCRC64NVME
    : undefined;
}

/** The encryption every archive write asks for: SSE-KMS with the customer key, S3 Bucket Key on. */
function encryption(target: ArchiveTarget) {
  return { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: target.archiveKeyArn, BucketKeyEnabled: true };
}

/** `bucket/key` with the key URL-encoded, as `x-amz-copy-source` expects. */
function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** One CopyObject up to 5 GiB, a multipart copy above. Both pin the source's ETag: a changed source fails. */
async function copyObject(s3: S3Client, target: ArchiveTarget, key: string, source: HeadObjectCommandOutput): Promise<void> {
  const size = source.ContentLength ?? 0;
  const from = { CopySource: copySource(target.stagingBucket, key), CopySourceIfMatch: source.ETag };
  if (size <= MAX_SINGLE_COPY_BYTES) {
    await s3.send(new CopyObjectCommand({
      Bucket: target.archiveBucket,
      Key: key,
      ...from,
      ChecksumAlgorithm: CHECKSUM_ALGORITHM,
      MetadataDirective: 'COPY',
      ...encryption(target),
    }));
    return;
  }
  const upload = await s3.send(new CreateMultipartUploadCommand({
    Bucket: target.archiveBucket,
    Key: key,
    ChecksumAlgorithm: CHECKSUM_ALGORITHM,
    ChecksumType: 'FULL_OBJECT',
    ContentType: source.ContentType,
    ...encryption(target),
  }));
  const uploadId = upload.UploadId!;
  try {
    const ranges = partRanges(size);
    const parts: { PartNumber: number; ETag?: string; ChecksumCRC64NVME?: string }[] = new Array(ranges.length);
    let next = 0;
    let failed = false;
    const worker = async () => {
      while (!failed && next < ranges.length) {
        const index = next++;
        const [first, last] = ranges[index];
        const result = await s3.send(new UploadPartCopyCommand({
          Bucket: target.archiveBucket,
          Key: key,
          UploadId: uploadId,
          PartNumber: index + 1,
          ...from,
          CopySourceRange: `bytes=${first}-${last}`,
        }));
        parts[index] = { PartNumber: index + 1, ETag: result.CopyPartResult?.ETag, ChecksumCRC64NVME: result.CopyPartResult?.ChecksumCRC64NVME };
      }
    };
    // every worker stops at the first failure and is waited for, so that nothing is copying when the upload is aborted
    const settled = await Promise.allSettled(Array.from({ length: Math.min(PART_CONCURRENCY, ranges.length) }, () =>
      worker().catch((error: unknown) => { failed = true; throw error; })));
    const rejected = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (rejected !== undefined) throw rejected.reason;
    await s3.send(new CompleteMultipartUploadCommand({
      Bucket: target.archiveBucket,
      Key: key,
      UploadId: uploadId,
      MultipartUpload: { Parts: parts },
      ChecksumType: 'FULL_OBJECT',
      // S3 checks the combined part checksums against the source's own full-object checksum, when it has one
      ChecksumCRC64NVME: fullObjectCrc(source),
    }));
  } catch (error) {
    try {
      await s3.send(new AbortMultipartUploadCommand({ Bucket: target.archiveBucket, Key: key, UploadId: uploadId }));
    } catch {
      // the lifecycle rule aborts incomplete uploads; the copy's own error is the one to report
    }
    throw error;
  }
}

/** Inclusive byte ranges of the parts: 512 MiB each, larger when 10,000 parts would not cover the object. */
export function partRanges(size: number): [number, number][] {
  const partSize = Math.max(COPY_PART_BYTES, Math.ceil(size / MAX_PARTS));
  const ranges: [number, number][] = [];
  for (let first = 0; first < size; first += partSize) ranges.push([first, Math.min(first + partSize, size) - 1]);
  return ranges;
}

/** What is wrong with the archive copy, if anything: size, checksum, encryption key, lock mode and lock length. */
export function verificationProblems(target: ArchiveTarget, source: HeadObjectCommandOutput, copy: HeadObjectCommandOutput, now: number): string[] {
  const problems: string[] = [];
  if (copy.ContentLength !== source.ContentLength) {
    problems.push(`size ${copy.ContentLength} bytes, the staged export has ${source.ContentLength}`);
  }
  if (copy.ChecksumCRC64NVME === undefined) {
    problems.push('no CRC64NVME checksum');
  } else if (fullObjectCrc(source) !== undefined && copy.ChecksumCRC64NVME !== fullObjectCrc(source)) {
    problems.push(`CRC64NVME ${copy.ChecksumCRC64NVME}, the staged export has ${fullObjectCrc(source)}`);
  }
  if (copy.ServerSideEncryption !== 'aws:kms' || copy.SSEKMSKeyId !== target.archiveKeyArn) {
    problems.push(`encrypted with ${copy.ServerSideEncryption ?? 'nothing'} ${copy.SSEKMSKeyId ?? ''}`.trim() + `, not aws:kms ${target.archiveKeyArn}`);
  }
  if (copy.ObjectLockMode !== 'COMPLIANCE') {
    problems.push(`Object Lock mode ${copy.ObjectLockMode ?? 'none'}, not COMPLIANCE`);
  }
  const retainUntil = copy.ObjectLockRetainUntilDate?.getTime();
  // the default retention runs from when S3 wrote the copy; S3 rounds it to whole days
  const earliest = (copy.LastModified?.getTime() ?? now) + (target.retentionDays - 1) * DAY_MS;
  if (retainUntil === undefined || retainUntil < earliest) {
    problems.push(`locked until ${copy.ObjectLockRetainUntilDate?.toISOString() ?? 'never'}, less than ${target.retentionDays} days`);
  }
  return problems;
}
