import { createHash } from 'crypto';
import { Aws, Fn } from 'aws-cdk-lib';

/**
 * Builds an ElastiCache identifier from a base and a suffix that fits `maxLength`, starts with a
 * letter, is lower case, has no `--` and no trailing `-` (the rules for replication group, user and
 * user group IDs). When the base must be shortened, a hash of the full base keeps names unique.
 */
export function elastiCacheId(base: string, suffix: string, maxLength: number): string {
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  const tail = clean(suffix);
  let head = clean(base);
  if (!/^[a-z]/.test(head)) head = `c-${head}`.replace(/-+$/, '');
  const room = maxLength - (tail ? tail.length + 1 : 0);
  if (head.length > room) {
    const hash = createHash('sha256').update(base).digest('hex').slice(0, 8);
    head = `${head.slice(0, Math.max(1, room - hash.length - 1)).replace(/-+$/, '')}-${hash}`;
  }
  return tail ? `${head}-${tail}` : head;
}

/**
 * The ID part of the stack's ARN (`arn:...:stack/<name>/<uuid>`): new for every stack that CloudFormation creates,
 * also when a deleted stack is created again under the same name.
 *
 * A log group with a fixed name that outlives its stack (RemovalPolicy.RETAIN) makes the next creation of the
 * stack fail: "Log group names must be unique within a Region for an AWS account" (CreateLogGroup). Names that
 * end in this ID never collide with a retained one.
 */
export function stackInstanceId(): string {
  return Fn.select(2, Fn.split('/', Aws.STACK_ID));
}
