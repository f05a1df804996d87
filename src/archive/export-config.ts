/**
 * The export function's configuration: the environment variables that {@link SnapshotArchive} sets, read and
 * checked once per cold start. Shared by the construct (which writes them) and the handler (which reads them),
 * so both sides use the same names.
 *
 * This module must stay free of aws-cdk-lib imports: it is bundled into the Lambda function.
 */

/** Names of the environment variables. */
export const ENV = {
  replicationGroupId: 'REPLICATION_GROUP_ID',
  bucketName: 'BUCKET_NAME',
  topicArn: 'TOPIC_ARN',
} as const;

/** What the handler needs to know. */
export interface ExportConfig {
  /** The replication group whose automatic snapshots are archived (lower case, as ElastiCache stores it). */
  readonly replicationGroupId: string;
  /** The archive bucket (same Region as the group). */
  readonly bucketName: string;
  /** The topic that receives a readable message for every failure. */
  readonly topicArn: string;
}

/**
 * Reads and checks the configuration; every problem is reported at once.
 *
 * @throws Error naming each missing variable
 */
export function readExportConfig(env: Readonly<Record<string, string | undefined>>): ExportConfig {
  const problems: string[] = [];
  const required = (name: string): string => {
    const value = env[name];
    if (value === undefined || value === '') problems.push(`${name} must be set`);
    return value ?? '';
  };
  const config: ExportConfig = {
    replicationGroupId: required(ENV.replicationGroupId),
    bucketName: required(ENV.bucketName),
    topicArn: required(ENV.topicArn),
  };
  if (problems.length > 0) {
    throw new Error(`snapshot export function misconfigured (check the environment the SnapshotArchive construct sets):\n- ${problems.join('\n- ')}`);
  }
  return config;
}
