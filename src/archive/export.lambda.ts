/**
 * Daily export of the newest automatic snapshot of an ElastiCache (Redis OSS / Valkey) replication group to the
 * archive bucket. Invoked by an EventBridge schedule; configured by the environment that `SnapshotArchive` sets.
 * The work is done in ./export-snapshot.ts.
 */
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { readExportConfig } from './export-config';
import { exportNewestSnapshot, type ExportResult } from './export-snapshot';
import { SDK_CLIENT_OPTIONS } from '../private/sdk-client-options';

const elastiCache = new ElastiCacheClient(SDK_CLIENT_OPTIONS);
const s3 = new S3Client(SDK_CLIENT_OPTIONS);
const sns = new SNSClient(SDK_CLIENT_OPTIONS);

/** Exports the newest automatic snapshot unless it is archived already; the scheduled event carries nothing needed. */
export async function handler(): Promise<ExportResult> {
  return exportNewestSnapshot(readExportConfig(process.env), {
    elastiCache,
    s3,
    sns,
    log: (message) => console.info(message),
  });
}
