import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CfnResource, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  CacheAuditTrail,
  CacheAuthentication,
  CacheEngineVersion,
  CompliantRedisReplicationGroup,
  type CompliantRedisReplicationGroupProps,
} from '../../src';
import { cacheStack } from '../helpers/cache-stack';

/**
 * The variant matrix: one place that names the configurations every tool-driven check runs on (cfn-lint, the
 * AWS Control Tower Guard rules, the peer packs and the bundled CloudFormation validator). Each variant changes one
 * thing from the default, so that a finding points at the option that causes it.
 */
export interface MatrixVariant {
  /** A short name, used in test titles and as the stack's name. */
  readonly name: string;
  /** The construct's props besides `vpc`; a function when they need constructs of the stack (an imported key). */
  readonly props: (stack: Stack) => Omit<CompliantRedisReplicationGroupProps, 'vpc'>;
}

/** A key of another stack, as a team with a central key would pass it. */
export const IMPORTED_KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
/** An alert topic of another stack, encrypted with that key. */
export const IMPORTED_TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:platform-alerts';

export const MATRIX: readonly MatrixVariant[] = [
  { name: 'default', props: () => ({}) },
  { name: 'redis-6-2', props: () => ({ engineVersion: CacheEngineVersion.REDIS_6_2 }) },
  { name: 'redis-7-1', props: () => ({ engineVersion: CacheEngineVersion.REDIS_7_1 }) },
  { name: 'valkey-7-2', props: () => ({ engineVersion: CacheEngineVersion.VALKEY_7_2 }) },
  { name: 'valkey-8-0', props: () => ({ engineVersion: CacheEngineVersion.VALKEY_8_0 }) },
  // the default is Valkey 8.1 with an RBAC password user: both are named here too, so the matrix reads whole
  { name: 'valkey-8-1-rbac-password', props: () => ({ engineVersion: CacheEngineVersion.VALKEY_8_1, authentication: CacheAuthentication.rbacPassword() }) },
  { name: 'iam', props: () => ({ authentication: CacheAuthentication.iam() }) },
  { name: 'auth-token', props: () => ({ authentication: CacheAuthentication.authToken() }) },
  { name: 'one-shard', props: () => ({ shards: 1 }) },
  { name: 'three-shards', props: () => ({ shards: 3 }) },
  { name: 'audit-trail', props: () => ({ auditTrail: CacheAuditTrail.create() }) },
  { name: 'config-rules', props: () => ({ configRules: true }) },
  { name: 'imported-key', props: (stack) => ({ encryptionKey: kms.Key.fromKeyArn(stack, 'ImportedKey', IMPORTED_KEY_ARN) }) },
  { name: 'imported-topic', props: (stack) => ({ notificationTopic: sns.Topic.fromTopicArn(stack, 'ImportedTopic', IMPORTED_TOPIC_ARN) }) },
];

/** A synthesized variant: its stack, construct and template file. */
export interface SynthesizedVariant {
  readonly variant: MatrixVariant;
  readonly stack: Stack;
  readonly cache: CompliantRedisReplicationGroup;
  /** The template as written to the cloud assembly. */
  readonly templateFile: string;
  readonly template: { Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }> };
}

/** Synthesizes a variant into its own directory under `outdir` (a temporary directory when not given). */
export function synthesizeVariant(variant: MatrixVariant, outdir?: string): SynthesizedVariant {
  const dir = outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), `matrix-${variant.name}-`));
  const { app, stack, vpc } = cacheStack({}, dir);
  const cache = new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, ...variant.props(stack) });
  // The fixture's VPC names its AZs, as every stack with an environment does once `cdk synth` has looked them up.
  // cfn-lint's W3010 ("Avoid hardcoding availability zones") is advice for hand-written templates; it is silenced on
  // these subnets only, so that it still speaks if the construct itself ever writes an AZ.
  for (const subnet of [...vpc.publicSubnets, ...vpc.privateSubnets, ...vpc.isolatedSubnets]) {
    (subnet.node.defaultChild as CfnResource).addMetadata('cfn-lint', { config: { ignore_checks: ['W3010'] } });
  }
  const assembly = app.synth();
  const templateFile = path.join(assembly.directory, assembly.getStackByName(stack.stackName).templateFile);
  return { variant, stack, cache, templateFile, template: JSON.parse(fs.readFileSync(templateFile, 'utf-8')) };
}
