import type * as s3 from 'aws-cdk-lib/aws-s3';
import { stateControlTowerExceptions } from './control-tower';
import { accessLogsNeedSseS3 } from './peer-acknowledgements';

/**
 * Why an S3 server access log destination has no S3 Object Lock (AWS Control Tower CT.S3.PR.9).
 *
 * @param logsOf whose access logs the bucket receives, e.g. "the archive bucket's"
 */
export function accessLogsNeedNoObjectLock(logsOf: string): string {
  return `This bucket is the destination of ${logsOf} S3 server access logs, and Amazon S3 does not deliver server ` +
    'access logs into a bucket with Object Lock: "S3 buckets with Object Lock can\'t be used as destination buckets for ' +
    'server access logs." (Amazon S3 User Guide, Configuring S3 Object Lock). Object Lock cannot be turned off once on, ' +
    'so enabling it would stop the access logs for good. The bucket is versioned instead: a log overwritten or deleted ' +
    'stays as a noncurrent version until lifecycle removes it, and changes to the bucket\'s configuration are CloudTrail ' +
    'management events.';
}

/**
 * Why an S3 server access log destination is not itself logged (AWS Control Tower CT.S3.PR.2).
 *
 * @param logsOf whose access logs the bucket receives, e.g. "the archive bucket's"
 */
export function accessLogsAreNotLogged(logsOf: string): string {
  return `This bucket is the destination of ${logsOf} S3 server access logs. Logging it would need either one more log ` +
    'bucket, itself unlogged, or logging into itself, which Amazon S3 advises against: "When your source bucket and target ' +
    'bucket are the same bucket, additional logs are created for the logs that are written to the bucket. We do not ' +
    'recommend doing this because it could result in a small increase in your storage billing. In addition, the extra ' +
    'logs about logs might make it harder to find the log that you are looking for." (Amazon S3 User Guide, Logging ' +
    'requests using server access logging). Only the S3 log delivery service writes here (the bucket policy allows ' +
    'logging.s3.amazonaws.com s3:PutObject from the logged buckets of this stack and account only), public access is ' +
    'blocked, ACLs are disabled, and changes to the bucket\'s configuration are CloudTrail management events.';
}

/**
 * States on a server access log destination the three AWS Control Tower controls S3 makes impossible or pointless
 * there: CT.S3.PR.2 (its own access logs), CT.S3.PR.9 (Object Lock) and CT.S3.PR.10 (SSE-KMS).
 *
 * @param logsOf whose access logs the bucket receives, e.g. "the archive bucket's"
 * @param dataProtection where the protected data is, and under which control (see `accessLogsNeedSseS3`)
 */
export function stateAccessLogDestinationExceptions(bucket: s3.Bucket, logsOf: string, dataProtection: string): void {
  stateControlTowerExceptions(bucket.node.defaultChild as s3.CfnBucket, [
    { control: 'CT.S3.PR.2', reason: accessLogsAreNotLogged(logsOf) },
    { control: 'CT.S3.PR.9', reason: accessLogsNeedNoObjectLock(logsOf) },
    { control: 'CT.S3.PR.10', reason: accessLogsNeedSseS3(logsOf, dataProtection) },
  ]);
}
