/**
 * The archive function's configuration: the environment variables that {@link SnapshotArchive} sets, read and
 * checked once per cold start. Shared by the construct (which writes them) and the handler (which reads them),
 * so both sides use the same names.
 *
 * This module must stay free of aws-cdk-lib imports: it is bundled into the Lambda function.
 */

/** Names of the environment variables. */
export const ENV = {
  replicationGroupId: 'REPLICATION_GROUP_ID',
  stagingBucketName: 'STAGING_BUCKET_NAME',
  archiveBucketName: 'ARCHIVE_BUCKET_NAME',
  archiveKeyArn: 'ARCHIVE_KEY_ARN',
  retentionDays: 'RETENTION_DAYS',
  stagingExpiryDays: 'STAGING_EXPIRY_DAYS',
  topicArn: 'TOPIC_ARN',
} as const;

/** What the handler needs to know. */
export interface ExportConfig {
  /** The replication group whose automatic snapshots are archived (lower case, as ElastiCache stores it). */
  readonly replicationGroupId: string;
  /** The staging bucket ElastiCache exports into (same Region as the group, SSE-S3). */
  readonly stagingBucketName: string;
  /** The locked archive bucket the exports are copied into. */
  readonly archiveBucketName: string;
  /** ARN of the archive bucket's customer-managed KMS key. */
  readonly archiveKeyArn: string;
  /** The archive bucket's Object Lock retention, in days. */
  readonly retentionDays: number;
  /** After how many days the staging bucket's lifecycle deletes an export, archived or not. */
  readonly stagingExpiryDays: number;
  /** The topic that receives a readable message for every failure. */
  readonly topicArn: string;
}

/**
 * Reads and checks the configuration; every problem is reported at once.
 *
 * @throws Error naming each missing or malformed variable
 */
export function readExportConfig(env: Readonly<Record<string, string | undefined>>): ExportConfig {
  const problems: string[] = [];
  const required = (name: string): string => {
    const value = env[name];
    if (value === undefined || value === '') problems.push(`${name} must be set`);
    return value ?? '';
  };
  const days = (name: string): number => {
    const value = required(name);
    const n = Number(value);
    if (value !== '' && (!Number.isInteger(n) || n < 1)) problems.push(`${name} must be a whole number of days, got: '${value}'`);
    return n;
  };
  const config: ExportConfig = {
    replicationGroupId: required(ENV.replicationGroupId),
    stagingBucketName: required(ENV.stagingBucketName),
    archiveBucketName: required(ENV.archiveBucketName),
    archiveKeyArn: required(ENV.archiveKeyArn),
    retentionDays: days(ENV.retentionDays),
    stagingExpiryDays: days(ENV.stagingExpiryDays),
    topicArn: required(ENV.topicArn),
  };
  if (problems.length > 0) {
    throw new Error(`snapshot archive function misconfigured (check the environment the SnapshotArchive construct sets):\n- ${problems.join('\n- ')}`);
  }
  return config;
}
