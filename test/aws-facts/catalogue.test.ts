/**
 * The AWS facts catalogue (./catalogue.ts): its hygiene, and one enforcement per fact.
 *
 * Rule: every service behaviour the code relies on is in the catalogue with its URL and exact sentence, and a test
 * enforces it on the synthesized templates. `ENFORCEMENTS` maps every fact ID either to a check run against the
 * templates of a variant matrix (synthesized once, in beforeAll) or to another test file that names the fact ID.
 * A fact without an enforcement fails: a fact about AWS nobody enforces is a belief, not a citation.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as elasticache from 'aws-cdk-lib/aws-elasticache';
import { AWS_FACTS } from './catalogue';
import type { AwsFact } from './fact';
import { CONTROL_TOWER_FACTS } from './sources/control-tower';
import { NOTIFICATION_AND_EVENT_FACTS } from './sources/notifications-and-events';
import { PLATFORM_FACTS } from './sources/platform';
import { SNAPSHOT_ARCHIVE_FACTS } from './sources/snapshot-archive';
import {
  CacheAuditTrail,
  CacheAuthentication,
  CacheEngineVersion,
  CompliantRedisReplicationGroup,
  ReplacementGuard,
} from '../../src';
import type { CompliantRedisReplicationGroupProps } from '../../src';
import { cacheStack, STRICT_CFN_VALIDATION } from '../helpers/cache-stack';

const ROOT = path.resolve(__dirname, '..', '..');
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

// ------------------------------------------------------------------------------------------------ template model

type Obj = { readonly [key: string]: unknown };

interface CfnResource {
  readonly Type: string;
  readonly Metadata?: Obj;
  readonly Properties?: Obj;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly DependsOn?: string | string[];
}

interface CfnTemplate {
  readonly Resources: { readonly [logicalId: string]: CfnResource };
}

interface Variant {
  readonly name: string;
  readonly props: Partial<CompliantRedisReplicationGroupProps>;
  readonly stack: Stack;
  readonly group: CompliantRedisReplicationGroup;
  readonly template: CfnTemplate;
}

/** The outcome of a synth that is expected to fail or pass: the validation message, or undefined when it passed. */
type SynthOutcome = string | undefined;

interface World {
  readonly variants: readonly Variant[];
  /** Synths of a VPC with only isolated subnets and no NAT gateway, by the interface endpoints it was given. */
  readonly isolatedVpc: { readonly noEndpoints: SynthOutcome; readonly secretsManagerOnly: SynthOutcome; readonly bothEndpoints: SynthOutcome };
  /** Synths of the snapshot archive (rotation off) in that VPC, by the endpoints it was given. */
  readonly isolatedArchive: { readonly noEndpoints: SynthOutcome; readonly withoutS3: SynthOutcome; readonly allEndpoints: SynthOutcome };
  /** Synths against a replacement-guard lock recorded from the default variant. */
  readonly replacementGuard: { readonly transitEncryptionModeChanged: SynthOutcome; readonly portChanged: SynthOutcome };
  variant(name: string): Variant;
}

type Check = (world: World) => void;
/** A check on the variant matrix, or another test file that names the fact ID (optionally plus a check here). */
type Enforcement = Check | { readonly enforcedBy: string; readonly check?: Check };

/** The variant matrix. */
const VARIANT_PROPS: { readonly [name: string]: Partial<CompliantRedisReplicationGroupProps> } = {
  'default (Valkey 8.1, RBAC password)': {},
  'Redis OSS 7.1': { engineVersion: CacheEngineVersion.REDIS_7_1 },
  'Redis OSS 6.2': { engineVersion: CacheEngineVersion.REDIS_6_2 },
  // configRules: true so that the config-elasticache-rbac-auth-enabled enforcement sees each authentication mode
  'AUTH token': { authentication: CacheAuthentication.authToken(), configRules: true },
  'IAM': { authentication: CacheAuthentication.iam(), configRules: true },
  '3 shards': { shards: 3 },
  'created audit trail and Config rules': { auditTrail: CacheAuditTrail.create(), configRules: true },
  'removalPolicy DESTROY': { removalPolicy: RemovalPolicy.DESTROY },
};

// ------------------------------------------------------------------------------------------------ small helpers

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function obj(value: unknown): Obj {
  return isObj(value) ? value : {};
}

/** An array as is, a single value as a one-element array, undefined as empty (IAM's one-or-many convention). */
function arr(value: unknown): readonly unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function excerpt(value: unknown): string {
  const text = JSON.stringify(value, undefined, 1);
  return text === undefined ? 'undefined' : text.length > 6000 ? `${text.slice(0, 6000)}\n... (cut)` : text;
}

/** Throws with the message and, when given, the template excerpt that violates the fact. */
function ensure(condition: boolean, message: string, evidence?: unknown): void {
  if (!condition) {
    throw new Error(evidence === undefined ? message : `${message}\n--- template excerpt:\n${excerpt(evidence)}`);
  }
}

/** The logical ID a `Ref` or `Fn::GetAtt` points at. */
function refTarget(value: unknown): string | undefined {
  const o = obj(value);
  if (typeof o.Ref === 'string') return o.Ref;
  const getAtt = o['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return undefined;
}

/** A template value as one string, intrinsics rendered as `<Ref:X>` / `<X.Attr>` (Fn::Join joined). */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const o = obj(value);
  if (typeof o.Ref === 'string') return `<Ref:${o.Ref}>`;
  const getAtt = o['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
  const join = o['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map(render).join(join[0]);
  }
  return JSON.stringify(value);
}

function globMatches(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.split('?').map((p) => p.replace(/[.+^${}()|[\]\\]/g, '\\$&')).join('.'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(value);
}

function isAccount(value: unknown): boolean {
  return value === ACCOUNT || render(value) === '<Ref:AWS::AccountId>';
}

/** `Fn::Select 2 of Fn::Split '/' of Ref AWS::StackId`: the stack's instance ID (a UUID), new for every stack created. */
const STACK_INSTANCE_ID = JSON.stringify({ 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] });

function containsStackInstanceId(value: unknown): boolean {
  return JSON.stringify(value).includes(STACK_INSTANCE_ID);
}

function parseVersion(version: unknown): [number, number] {
  const [major, minor] = String(version).split('.').map(Number);
  return [major, minor ?? 0];
}

function atLeast(version: unknown, major: number, minor: number): boolean {
  const [ma, mi] = parseVersion(version);
  return ma > major || (ma === major && mi >= minor);
}

// ------------------------------------------------------------------------------------------------ template queries

function resources(t: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(t.Resources).filter(([, r]) => r.Type === type);
}

function props(r: CfnResource | undefined): Obj {
  return obj(r?.Properties);
}

function resourceOfType(t: CfnTemplate, logicalId: string | undefined, type: string): CfnResource | undefined {
  const r = logicalId === undefined ? undefined : t.Resources[logicalId];
  return r?.Type === type ? r : undefined;
}

/** The single replication group of a variant: [logical ID, properties]. */
function replicationGroup(v: Variant): [string, Obj] {
  const groups = resources(v.template, 'AWS::ElastiCache::ReplicationGroup');
  ensure(groups.length === 1, `${v.name}: expected one AWS::ElastiCache::ReplicationGroup, found ${groups.length}`);
  return [groups[0][0], props(groups[0][1])];
}

function engineOf(rg: Obj): { engine: string; version: string } {
  return { engine: String(rg.Engine), version: String(rg.EngineVersion) };
}

/** Valkey >= 7.2 or Redis OSS >= 7.0: IAM authentication and TransitEncryptionMode (online TLS migration). */
function isValkey72OrRedis70(rg: Obj): boolean {
  const { engine, version } = engineOf(rg);
  return engine === 'valkey' ? atLeast(version, 7, 2) : atLeast(version, 7, 0);
}

interface Statement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly principal: unknown;
  readonly resources: readonly unknown[];
  readonly condition: Obj;
  readonly raw: Obj;
}

function statements(document: unknown): Statement[] {
  return arr(obj(document).Statement).map((s) => {
    const raw = obj(s);
    return {
      effect: String(raw.Effect),
      actions: arr(raw.Action).map(String),
      principal: raw.Principal,
      resources: arr(raw.Resource),
      condition: obj(raw.Condition),
      raw,
    };
  });
}

/** The service principals of a statement, rendered (`logs.<Ref:AWS::Region>.amazonaws.com`). */
function servicePrincipals(s: Statement): string[] {
  return arr(obj(s.principal).Service).map(render);
}

function hasServicePrincipal(s: Statement, service: string | RegExp): boolean {
  return servicePrincipals(s).some((p) => (typeof service === 'string' ? p === service : service.test(p)));
}

/** Whether the statement's actions (with wildcards) cover `action` (itself possibly ending in `*`). */
function covers(s: Statement, action: string): boolean {
  return s.actions.some((a) => globMatches(a, action));
}

/** Condition entries: operator, key (lower case) and values. */
function conditions(s: Statement): { operator: string; key: string; values: readonly unknown[] }[] {
  return Object.entries(s.condition).flatMap(([operator, block]) =>
    Object.entries(obj(block)).map(([key, value]) => ({ operator, key: key.toLowerCase(), values: arr(value) })),
  );
}

function keyPolicy(t: CfnTemplate, keyId: string | undefined): Statement[] {
  return statements(props(resourceOfType(t, keyId, 'AWS::KMS::Key')).KeyPolicy);
}

function topicPolicies(t: CfnTemplate, topicId: string): [string, CfnResource][] {
  return resources(t, 'AWS::SNS::TopicPolicy').filter(([, r]) => arr(props(r).Topics).some((x) => refTarget(x) === topicId));
}

/** The topic the replication group names in NotificationTopicArn (ElastiCache's own notifications). */
function serviceTopicId(v: Variant): string | undefined {
  return refTarget(replicationGroup(v)[1].NotificationTopicArn);
}

/** Every other topic of the template: the alert topic(s). */
function alertTopics(v: Variant): [string, CfnResource][] {
  const service = serviceTopicId(v);
  return resources(v.template, 'AWS::SNS::Topic').filter(([id]) => id !== service);
}

/** Statements of every identity policy attached to a role (inline, managed by ARN, or attached by `Roles`). */
function roleStatements(t: CfnTemplate, roleId: string): Statement[] {
  const role = props(resourceOfType(t, roleId, 'AWS::IAM::Role'));
  const inline = arr(role.Policies).flatMap((p) => statements(obj(p).PolicyDocument));
  const managedByArn = arr(role.ManagedPolicyArns)
    .map((arn) => resourceOfType(t, refTarget(arn), 'AWS::IAM::ManagedPolicy'))
    .flatMap((p) => statements(props(p).PolicyDocument));
  const attached = [...resources(t, 'AWS::IAM::ManagedPolicy'), ...resources(t, 'AWS::IAM::Policy')]
    .filter(([, p]) => arr(props(p).Roles).some((r) => refTarget(r) === roleId))
    .flatMap(([, p]) => statements(props(p).PolicyDocument));
  return [...inline, ...managedByArn, ...attached];
}

/** Every identity-policy statement of the template. */
function identityStatements(t: CfnTemplate): Statement[] {
  return [
    ...resources(t, 'AWS::IAM::Role').flatMap(([, r]) => arr(props(r).Policies).flatMap((p) => statements(obj(p).PolicyDocument))),
    ...resources(t, 'AWS::IAM::ManagedPolicy').flatMap(([, p]) => statements(props(p).PolicyDocument)),
    ...resources(t, 'AWS::IAM::Policy').flatMap(([, p]) => statements(props(p).PolicyDocument)),
  ];
}

// ------------------------------------------------------------------------------------------------ event patterns

interface Leaf {
  readonly path: string;
  readonly matchers: readonly unknown[];
}

/**
 * The alternatives of an event pattern: each is the list of leaves an event must satisfy (the pattern's own
 * leaves plus those of one `$or` branch).
 */
function branches(pattern: Obj, prefix: readonly string[] = []): Leaf[][] {
  let result: Leaf[][] = [[]];
  for (const [key, value] of Object.entries(pattern)) {
    if (key === '$or') {
      const alternatives = arr(value).flatMap((alt) => branches(obj(alt), prefix));
      result = result.flatMap((b) => alternatives.map((a) => [...b, ...a]));
    } else if (Array.isArray(value)) {
      result = result.map((b) => [...b, { path: [...prefix, key].join('.'), matchers: value }]);
    } else {
      const sub = branches(obj(value), [...prefix, key]);
      result = result.flatMap((b) => sub.map((s) => [...b, ...s]));
    }
  }
  return result;
}

function leaves(pattern: Obj): Leaf[] {
  const seen = new Set<string>();
  return branches(pattern).flat().filter((l) => {
    const key = JSON.stringify(l);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface Rule {
  readonly id: string;
  readonly pattern: Obj;
  readonly resource: CfnResource;
}

function eventRules(t: CfnTemplate): Rule[] {
  return resources(t, 'AWS::Events::Rule')
    .filter(([, r]) => props(r).EventPattern !== undefined)
    .map(([id, r]) => ({ id, pattern: obj(props(r).EventPattern), resource: r }));
}

function elastiCacheRules(t: CfnTemplate): Rule[] {
  return eventRules(t).filter((r) => arr(r.pattern.source).includes('aws.elasticache'));
}

const CLOUDTRAIL_API_CALL = 'AWS API Call via CloudTrail';

/** The ten detail-types ElastiCache sends directly to EventBridge (elasticache-eventbridge-service-events). */
const ELASTICACHE_SERVICE_EVENT_TYPES = [
  'Cache Created', 'Cache Creation Failed', 'Cache Deleted', 'Snapshot Created', 'Snapshot Creation Failed',
  'Cache Update Failed', 'Cache Updated', 'Cache Limit Approaching', 'Snapshot Export Failed', 'Snapshot Copy Failed',
];

/** The detail keys of those events in the schema registry (elasticache-eventbridge-event-detail-keys). */
const ELASTICACHE_SERVICE_EVENT_DETAIL_KEYS = ['EventCategories', 'EventID', 'Message', 'SourceArn', 'SourceIdentifier', 'SourceType'];

function isCloudTrailRule(r: Rule): boolean {
  return arr(r.pattern['detail-type']).includes(CLOUDTRAIL_API_CALL);
}

function hasExistsFalse(l: Leaf): boolean {
  return l.matchers.some((m) => isObj(m) && m.exists === false);
}

function hasAnythingBut(l: Leaf): boolean {
  return l.matchers.some((m) => isObj(m) && m['anything-but'] !== undefined);
}

function hasExists(l: Leaf): boolean {
  return l.matchers.some((m) => isObj(m) && m.exists !== undefined);
}

/** The branches of a rule that apply to an API call: every eventName leaf of the branch lists it. */
function branchesFor(r: Rule, eventName: string): Leaf[][] {
  return branches(r.pattern).filter((b) => {
    const names = b.filter((l) => l.path === 'detail.eventName');
    return names.length > 0 && names.every((l) => l.matchers.includes(eventName));
  });
}

/** All CloudTrail-based ElastiCache rules of every variant, with a non-vacuity check. */
function cloudTrailRules(world: World): { variant: Variant; rule: Rule }[] {
  const found = world.variants.flatMap((variant) => elastiCacheRules(variant.template).filter(isCloudTrailRule).map((rule) => ({ variant, rule })));
  ensure(found.length > 0, 'no CloudTrail-based aws.elasticache rule in any variant: the check would be vacuous');
  return found;
}

// ------------------------------------------------------------------------------------------------ shared checks

/** The user resources a user group lists. */
function usersOf(t: CfnTemplate, group: CfnResource): [string, Obj][] {
  return arr(props(group).UserIds).map((u) => {
    const id = refTarget(u);
    const user = resourceOfType(t, id, 'AWS::ElastiCache::User');
    ensure(user !== undefined, `user group lists ${JSON.stringify(u)}, which is not an AWS::ElastiCache::User of the template`, group);
    return [id!, props(user)];
  });
}

function userGroupsByEngine(world: World, engine: string): { variant: Variant; id: string; group: CfnResource }[] {
  return world.variants.flatMap((variant) =>
    resources(variant.template, 'AWS::ElastiCache::UserGroup')
      .filter(([, g]) => props(g).Engine === engine)
      .map(([id, group]) => ({ variant, id, group })),
  );
}

/** The alert topics of every variant, each with its customer-managed key's policy. */
function encryptedAlertTopics(world: World): { variant: Variant; topicId: string; keyId: string; policy: Statement[] }[] {
  const found = world.variants.flatMap((variant) =>
    alertTopics(variant).map(([topicId, topic]) => {
      const keyId = refTarget(props(topic).KmsMasterKeyId);
      ensure(
        resourceOfType(variant.template, keyId, 'AWS::KMS::Key') !== undefined,
        `${variant.name}: topic ${topicId} is not encrypted with an AWS::KMS::Key of the template`,
        { [topicId]: topic },
      );
      return { variant, topicId, keyId: keyId!, policy: keyPolicy(variant.template, keyId) };
    }),
  );
  ensure(found.length > 0, 'no alert topic in any variant: the check would be vacuous');
  return found;
}

function servicePublisherGrants(world: World): void {
  for (const { variant, topicId, keyId, policy } of encryptedAlertTopics(world)) {
    for (const service of ['events.amazonaws.com', 'cloudwatch.amazonaws.com']) {
      for (const action of ['kms:GenerateDataKey*', 'kms:Decrypt']) {
        ensure(
          policy.some((s) => s.effect === 'Allow' && hasServicePrincipal(s, service) && covers(s, action)),
          `${variant.name}: the key ${keyId} of topic ${topicId} does not allow ${service} ${action}`,
          policy.map((s) => s.raw),
        );
      }
    }
  }
}

/** The log groups ElastiCache delivers to (LogDeliveryConfigurations), per variant. */
function deliveryLogGroups(v: Variant): [string, CfnResource][] {
  return arr(replicationGroup(v)[1].LogDeliveryConfigurations).map((c) => {
    const id = refTarget(obj(obj(obj(c).DestinationDetails).CloudWatchLogsDetails).LogGroup);
    const group = resourceOfType(v.template, id, 'AWS::Logs::LogGroup');
    ensure(group !== undefined, `${v.name}: a log delivery configuration names no AWS::Logs::LogGroup of the template`, c);
    return [id!, group!];
  });
}

function allLogGroups(world: World): { variant: Variant; id: string; group: CfnResource }[] {
  const found = world.variants.flatMap((variant) =>
    resources(variant.template, 'AWS::Logs::LogGroup').map(([id, group]) => ({ variant, id, group })),
  );
  ensure(found.length > 0, 'no AWS::Logs::LogGroup in any variant: the check would be vacuous');
  return found;
}

/**
 * ElastiCache's log delivery needs a log-group resource policy admitting delivery.logs.amazonaws.com: either the
 * template ships one, or the deployer's permissions to let AWS create it are documented.
 */
function logDeliveryResourcePolicyProvided(world: World, documentedPermissions: readonly string[]): void {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');
  const documented = documentedPermissions.filter((p) => !readme.includes(p));
  for (const v of world.variants) {
    const shipped = resources(v.template, 'AWS::Logs::ResourcePolicy').some(([, p]) => {
      const document = props(p).PolicyDocument;
      return JSON.stringify(document).includes('delivery.logs.amazonaws.com');
    });
    ensure(
      shipped || documented.length === 0,
      `${v.name}: no AWS::Logs::ResourcePolicy admits delivery.logs.amazonaws.com, and README.md does not document the ` +
      `deployer permissions ${documented.join(', ')} that let AWS create it for the delivery log groups`,
      Object.fromEntries(deliveryLogGroups(v)),
    );
  }
}

/** Buckets with Object Lock, and the buckets they send server access logs to. */
function archiveBuckets(v: Variant): [string, CfnResource][] {
  const locked = resources(v.template, 'AWS::S3::Bucket').filter(([, b]) => props(b).ObjectLockEnabled === true);
  const logTargets = locked
    .map(([, b]) => refTarget(obj(props(b).LoggingConfiguration).DestinationBucketName))
    .filter((id): id is string => id !== undefined)
    .map((id): [string, CfnResource] => [id, v.template.Resources[id]]);
  return [...locked, ...logTargets];
}

function archiveBucketsRetained(world: World): void {
  let count = 0;
  for (const v of world.variants) {
    const autoDeleted = resources(v.template, 'Custom::S3AutoDeleteObjects').map(([, r]) => refTarget(props(r).BucketName));
    for (const [id, bucket] of archiveBuckets(v)) {
      count++;
      ensure(
        bucket.DeletionPolicy === 'Retain' && bucket.UpdateReplacePolicy === 'Retain',
        `${v.name}: archive bucket ${id} is not retained on stack deletion and replacement`,
        { [id]: { DeletionPolicy: bucket.DeletionPolicy, UpdateReplacePolicy: bucket.UpdateReplacePolicy } },
      );
      ensure(!autoDeleted.includes(id), `${v.name}: archive bucket ${id} has an auto-delete-objects custom resource`);
    }
  }
  ensure(count > 0, 'no Object Lock bucket in any variant: the check would be vacuous');
}

/** The snapshot staging buckets: the buckets whose policy admits ElastiCache's snapshot service. */
const EXPORT_ACTIONS = ['s3:PutObject', 's3:GetObject', 's3:ListBucket', 's3:GetBucketAcl', 's3:ListMultipartUploadParts', 's3:ListBucketMultipartUploads'];
function stagingBuckets(v: Variant): { id: string; bucket: CfnResource; policy: Statement[] }[] {
  return resources(v.template, 'AWS::S3::BucketPolicy')
    .map(([, p]) => ({ id: refTarget(props(p).Bucket), policy: statements(props(p).PolicyDocument) }))
    .filter((x) => x.policy.some((s) => hasServicePrincipal(s, /elasticache-snapshot\.amazonaws\.com$/)))
    .map((x) => ({ id: x.id!, bucket: v.template.Resources[x.id!], policy: x.policy }));
}

/** Variants that archive snapshots, with at least one of them (else the check is vacuous). */
function archivingVariants(world: World): Variant[] {
  const archiving = world.variants.filter((v) => v.props.snapshotArchive !== false && v.props.removalPolicy !== RemovalPolicy.DESTROY);
  ensure(archiving.length > 0, 'no variant archives snapshots: the check would be vacuous');
  return archiving;
}

/** Every VPC-attached Lambda function of the default variant runs in subnets whose default route is a NAT gateway. */
function vpcFunctionsHaveNat(world: World): void {
  const v = world.variant('default (Valkey 8.1, RBAC password)');
  const t = v.template;
  const functions = resources(t, 'AWS::Lambda::Function').filter(([, f]) => props(f).VpcConfig !== undefined);
  ensure(functions.length > 0, `${v.name}: no VPC-attached function: the check would be vacuous`);
  for (const [id, fn] of functions) {
    for (const subnet of arr(obj(props(fn).VpcConfig).SubnetIds)) {
      const subnetId = refTarget(subnet);
      const tables = resources(t, 'AWS::EC2::SubnetRouteTableAssociation')
        .filter(([, a]) => refTarget(props(a).SubnetId) === subnetId)
        .map(([, a]) => refTarget(props(a).RouteTableId));
      const natRoute = resources(t, 'AWS::EC2::Route').some(
        ([, r]) => tables.includes(refTarget(props(r).RouteTableId)) && props(r).DestinationCidrBlock === '0.0.0.0/0' && props(r).NatGatewayId !== undefined,
      );
      ensure(natRoute, `${v.name}: function ${id} runs in subnet ${subnetId}, which has no default route to a NAT gateway`, props(fn).VpcConfig);
    }
  }
}

function isolatedVpcNeedsEndpoints(world: World): void {
  const { noEndpoints, secretsManagerOnly, bothEndpoints } = world.isolatedVpc;
  ensure(noEndpoints !== undefined, 'a VPC with only isolated subnets and no interface endpoints synthesized: the rotation function could never reach its APIs');
  ensure(/secretsmanager/.test(noEndpoints!) && /elasticache/.test(noEndpoints!), `the isolated-VPC error must name secretsmanager and elasticache, got: ${noEndpoints}`);
  ensure(secretsManagerOnly !== undefined && /elasticache/.test(secretsManagerOnly), `with only a Secrets Manager endpoint the synth must still fail naming elasticache, got: ${secretsManagerOnly}`);
  ensure(bothEndpoints === undefined, `with Secrets Manager and ElastiCache interface endpoints the synth must pass, got: ${bothEndpoints}`);
}

// ------------------------------------------------------------------------------------------------ Control Tower answers

/** The template metadata key under which a resource states the Control Tower controls it does not meet. */
const CONTROL_TOWER_METADATA = 'cdk-hitrust-redis:control-tower-exceptions';

/** The Control Tower controls a resource states it does not meet. */
function statedControls(r: CfnResource | undefined): string[] {
  return arr(obj(r?.Metadata)[CONTROL_TOWER_METADATA]).map((e) => String(obj(e).control));
}

/** The buckets that receive another bucket's server access logs, per variant; at least one in all. */
function accessLogDestinations(world: World): { variant: Variant; id: string; bucket: CfnResource }[] {
  const found = world.variants.flatMap((variant) => {
    const ids = new Set(resources(variant.template, 'AWS::S3::Bucket')
      .map(([, b]) => refTarget(obj(props(b).LoggingConfiguration).DestinationBucketName))
      .filter((id): id is string => id !== undefined));
    return [...ids].map((id) => ({ variant, id, bucket: variant.template.Resources[id] }));
  });
  ensure(found.length > 0, 'no server access log destination in any variant: the check would be vacuous');
  return found;
}

function sseAlgorithms(bucket: CfnResource): unknown[] {
  return arr(obj(props(bucket).BucketEncryption).ServerSideEncryptionConfiguration)
    .map((r) => obj(obj(r).ServerSideEncryptionByDefault).SSEAlgorithm);
}

/** The statement of a key policy that denies kms:CreateGrant unless an AWS service asks (CT.KMS.PR.3). */
function isGrantGuard(s: Statement): boolean {
  const boolIfExists = obj(s.condition.BoolIfExists);
  return s.effect === 'Deny' && JSON.stringify(s.actions) === JSON.stringify(['kms:CreateGrant']) &&
    JSON.stringify(s.principal) === JSON.stringify({ AWS: '*' }) && s.resources.map(render).join() === '*' &&
    Object.keys(s.condition).join() === 'BoolIfExists' && Object.keys(boolIfExists).sort().join() === 'aws:PrincipalIsAWSService,kms:GrantIsForAWSResource' &&
    boolIfExists['kms:GrantIsForAWSResource'] === 'false' && boolIfExists['aws:PrincipalIsAWSService'] === 'false';
}

/** Every key the variants create, each with its policy; at least one in all. */
function createdKeys(world: World): { variant: Variant; id: string; policy: Statement[] }[] {
  const found = world.variants.flatMap((variant) => resources(variant.template, 'AWS::KMS::Key').map(([id]) => ({ variant, id, policy: keyPolicy(variant.template, id) })));
  ensure(found.length > 0, 'no AWS::KMS::Key in any variant: the check would be vacuous');
  return found;
}

// ------------------------------------------------------------------------------------------------ enforcements

const ENFORCEMENTS: { readonly [factId: string]: Enforcement } = {
  // ---------------------------------------------------------------- ElastiCache RBAC user groups
  'valkey-user-group-authenticated-users-only': (world) => {
    const groups = userGroupsByEngine(world, 'valkey');
    ensure(groups.length > 0, 'no Valkey user group in any variant: the check would be vacuous');
    for (const { variant, id, group } of groups) {
      for (const [userId, user] of usersOf(variant.template, group)) {
        const mode = obj(user.AuthenticationMode).Type;
        ensure(
          (mode === 'password' || mode === 'iam') && user.NoPasswordRequired !== true,
          `${variant.name}: Valkey user group ${id} holds user ${userId} whose authentication is not password or IAM`,
          { [userId]: user },
        );
      }
    }
  },
  'valkey-user-group-no-default-user-requirement': (world) => {
    for (const { variant, id, group } of userGroupsByEngine(world, 'valkey')) {
      const users = usersOf(variant.template, group);
      ensure(users.length === 1, `${variant.name}: Valkey user group ${id} must hold only the application user`, props(group));
      ensure(users.every(([, u]) => u.UserName !== 'default'), `${variant.name}: Valkey user group ${id} holds a user named default`, Object.fromEntries(users));
    }
    for (const v of world.variants) {
      const [, rg] = replicationGroup(v);
      for (const ref of arr(rg.UserGroupIds)) {
        const group = props(resourceOfType(v.template, refTarget(ref), 'AWS::ElastiCache::UserGroup'));
        ensure(group.Engine === rg.Engine, `${v.name}: user group engine ${String(group.Engine)} differs from the replication group engine ${String(rg.Engine)}`, group);
      }
    }
  },
  'redis-user-group-must-include-default-user': (world) => {
    const groups = userGroupsByEngine(world, 'redis');
    ensure(groups.length > 0, 'no Redis OSS user group in any variant: the check would be vacuous');
    for (const { variant, id, group } of groups) {
      const users = usersOf(variant.template, group);
      const defaults = users.filter(([, u]) => u.UserName === 'default');
      ensure(defaults.length === 1, `${variant.name}: Redis OSS user group ${id} must hold exactly one user named default`, Object.fromEntries(users));
      const [defaultId, defaultUser] = defaults[0];
      ensure(
        defaultUser.AccessString === 'off -@all' && JSON.stringify(defaultUser.AuthenticationMode) === JSON.stringify({ Type: 'no-password-required' }),
        `${variant.name}: the default user ${defaultId} of ${id} must be switched off ('off -@all', no-password-required)`,
        { [defaultId]: defaultUser },
      );
      for (const [userId, user] of users.filter(([, u]) => u.UserName !== 'default')) {
        const mode = obj(user.AuthenticationMode).Type;
        ensure(mode === 'password' || mode === 'iam', `${variant.name}: application user ${userId} of ${id} is not authenticated`, { [userId]: user });
      }
    }
  },

  // ---------------------------------------------------------------- ElastiCache SNS notifications
  'elasticache-sns-topic-cannot-be-encrypted': (world) => {
    for (const v of world.variants) {
      const topicId = serviceTopicId(v);
      const topic = resourceOfType(v.template, topicId, 'AWS::SNS::Topic');
      ensure(topic !== undefined, `${v.name}: NotificationTopicArn is not a topic of the template`, replicationGroup(v)[1].NotificationTopicArn);
      ensure(props(topic).KmsMasterKeyId === undefined, `${v.name}: the ElastiCache notification topic ${topicId} is encrypted (it would go inactive)`, { [topicId!]: topic });
    }
  },
  'elasticache-sns-topic-single-same-account': (world) => {
    for (const v of world.variants) {
      const arn = replicationGroup(v)[1].NotificationTopicArn;
      ensure(!Array.isArray(arn) && resourceOfType(v.template, refTarget(arn), 'AWS::SNS::Topic') !== undefined,
        `${v.name}: NotificationTopicArn must be one topic created in the stack (same account)`, arn);
      const publish = topicPolicies(v.template, refTarget(arn)!).flatMap(([, p]) => statements(props(p).PolicyDocument))
        .filter((s) => s.effect === 'Allow' && covers(s, 'sns:Publish'));
      ensure(publish.length > 0 && publish.every((s) => conditions(s).some((c) => c.key === 'aws:sourceowner' && c.values.every(isAccount))),
        `${v.name}: every Allow sns:Publish on the notification topic must be limited to the stack's account (aws:SourceOwner)`, publish.map((s) => s.raw));
    }
  },
  'elasticache-sns-topic-policy-source-owner': (world) => {
    for (const v of world.variants) {
      const topicId = serviceTopicId(v)!;
      const policies = topicPolicies(v.template, topicId);
      ensure(policies.length === 1, `${v.name}: the notification topic ${topicId} must have one topic policy`);
      const policy = statements(props(policies[0][1]).PolicyDocument);
      const elastiCacheStatement = policy.some((s) =>
        s.effect === 'Allow' && JSON.stringify(s.principal) === JSON.stringify({ AWS: '*' }) && covers(s, 'sns:Publish') &&
        conditions(s).some((c) => c.operator === 'StringEquals' && c.key === 'aws:sourceowner' && c.values.length === 1 && isAccount(c.values[0])),
      );
      ensure(elastiCacheStatement, `${v.name}: the notification topic policy lacks Allow {AWS:'*'} sns:Publish with StringEquals aws:SourceOwner = the account`, policy.map((s) => s.raw));
      ensure(policy.every((s) => conditions(s).every((c) => c.key !== 'aws:sourceaccount')),
        `${v.name}: the notification topic policy uses aws:SourceAccount, which ElastiCache does not support`, policy.map((s) => s.raw));
    }
  },

  // ---------------------------------------------------------------- ElastiCache events in EventBridge
  'elasticache-eventbridge-service-events': (world) => {
    for (const { variant, rule } of cloudTrailRules(world)) {
      ensure(JSON.stringify(rule.pattern['detail-type']) === JSON.stringify([CLOUDTRAIL_API_CALL]),
        `${variant.name}: rule ${rule.id} mixes CloudTrail API calls with other detail-types`, rule.pattern);
    }
    for (const v of world.variants) {
      for (const rule of elastiCacheRules(v.template)) {
        const serviceTypes = arr(rule.pattern['detail-type']).filter((d) => ELASTICACHE_SERVICE_EVENT_TYPES.includes(String(d)));
        ensure(serviceTypes.length === 0, `${v.name}: rule ${rule.id} relies on best-effort ElastiCache service events ${serviceTypes.join(', ')}`, rule.pattern);
      }
    }
  },
  'elasticache-eventbridge-event-detail-keys': (world) => {
    for (const v of world.variants) {
      for (const rule of elastiCacheRules(v.template)) {
        const detailKeys = Object.keys(obj(rule.pattern.detail));
        if (isCloudTrailRule(rule)) {
          const pascal = detailKeys.filter((k) => ELASTICACHE_SERVICE_EVENT_DETAIL_KEYS.includes(k));
          ensure(pascal.length === 0, `${v.name}: CloudTrail rule ${rule.id} uses service-event detail keys ${pascal.join(', ')}`, rule.pattern);
        } else {
          const unknown = detailKeys.filter((k) => !ELASTICACHE_SERVICE_EVENT_DETAIL_KEYS.includes(k));
          ensure(unknown.length === 0, `${v.name}: service-event rule ${rule.id} uses detail keys outside the schema: ${unknown.join(', ')}`, rule.pattern);
        }
      }
    }
  },
  'elasticache-eventbridge-events-documented-for-serverless-caches': (world) => {
    for (const v of world.variants) {
      for (const rule of eventRules(v.template)) {
        ensure(rule.pattern.source !== undefined, `${v.name}: rule ${rule.id} has no source filter and would match ElastiCache service events`, rule.pattern);
      }
      for (const rule of elastiCacheRules(v.template)) {
        const other = arr(rule.pattern['detail-type']).filter((d) => d !== CLOUDTRAIL_API_CALL);
        ensure(rule.pattern['detail-type'] !== undefined && other.length === 0,
          `${v.name}: rule ${rule.id} relies on ElastiCache's direct EventBridge events, documented for serverless caches only`, rule.pattern);
      }
      // the replication group keeps paths that do not depend on those events: CloudTrail rules, metric alarms, SNS
      if (v.props.changeDetection !== false) {
        ensure(elastiCacheRules(v.template).some(isCloudTrailRule), `${v.name}: no CloudTrail-based change detection rule`);
      }
      ensure(resources(v.template, 'AWS::CloudWatch::Alarm').length > 0, `${v.name}: no metric alarm`);
      ensure(replicationGroup(v)[1].NotificationTopicArn !== undefined, `${v.name}: no NotificationTopicArn`);
    }
  },

  // ---------------------------------------------------------------- AWS service publishers to KMS-encrypted SNS topics
  'aws-service-publisher-to-encrypted-topic-needs-cmk-grant': servicePublisherGrants,
  'eventbridge-encrypted-topic-key-policy-no-source-conditions': (world) => {
    for (const { variant, keyId, policy } of encryptedAlertTopics(world)) {
      const events = policy.filter((s) => s.effect === 'Allow' && hasServicePrincipal(s, 'events.amazonaws.com'));
      ensure(events.some((s) => covers(s, 'kms:GenerateDataKey*') && covers(s, 'kms:Decrypt')),
        `${variant.name}: key ${keyId} has no events.amazonaws.com statement with kms:GenerateDataKey* and kms:Decrypt`, policy.map((s) => s.raw));
      for (const s of events) {
        const forbidden = conditions(s).filter((c) => ['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid'].includes(c.key));
        ensure(forbidden.length === 0,
          `${variant.name}: key ${keyId}'s events.amazonaws.com statement has ${forbidden.map((c) => c.key).join(', ')}: EventBridge delivery to the topic would fail`, s.raw);
      }
    }
  },
  'aws-managed-sns-key-cannot-be-modified': (world) => {
    for (const v of world.variants) {
      ensure(!JSON.stringify(v.template).includes('alias/aws/sns'), `${v.name}: the template uses the AWS managed key alias/aws/sns`);
      for (const [id, topic] of resources(v.template, 'AWS::SNS::Topic')) {
        const key = props(topic).KmsMasterKeyId;
        ensure(key === undefined || resourceOfType(v.template, refTarget(key), 'AWS::KMS::Key') !== undefined,
          `${v.name}: topic ${id} is encrypted with a key that is not a customer managed key of the template`, { [id]: topic });
      }
    }
    servicePublisherGrants(world);
  },
  'cloudwatch-alarm-needs-sns-publish-in-topic-policy': (world) => {
    let alarmTopics = 0;
    for (const v of world.variants) {
      const targets = new Set<string>();
      for (const [, alarm] of resources(v.template, 'AWS::CloudWatch::Alarm')) {
        for (const action of ['AlarmActions', 'OKActions', 'InsufficientDataActions'].flatMap((k) => arr(props(alarm)[k]))) {
          const id = refTarget(action);
          if (resourceOfType(v.template, id, 'AWS::SNS::Topic')) targets.add(id!);
        }
      }
      for (const [id] of alertTopics(v)) targets.add(id);
      for (const topicId of targets) {
        alarmTopics++;
        const policy = topicPolicies(v.template, topicId).flatMap(([, p]) => statements(props(p).PolicyDocument));
        const cloudWatch = policy.filter((s) => s.effect === 'Allow' && hasServicePrincipal(s, 'cloudwatch.amazonaws.com') && covers(s, 'sns:Publish'));
        ensure(cloudWatch.length > 0, `${v.name}: topic ${topicId} receives alarm actions but its policy does not allow cloudwatch.amazonaws.com sns:Publish`, policy.map((s) => s.raw));
        ensure(cloudWatch.every((s) => conditions(s).some((c) => c.key === 'aws:sourcearn')),
          `${v.name}: the cloudwatch.amazonaws.com publish statement of topic ${topicId} is not scoped with aws:SourceArn`, cloudWatch.map((s) => s.raw));
      }
    }
    ensure(alarmTopics > 0, 'no topic receives alarm actions in any variant: the check would be vacuous');
  },

  // ---------------------------------------------------------------- SNS topic policy
  'sns-set-topic-attributes-policy-sets-new-value': (world) => {
    for (const v of world.variants) {
      for (const [topicId] of resources(v.template, 'AWS::SNS::Topic')) {
        ensure(topicPolicies(v.template, topicId).length === 1, `${v.name}: topic ${topicId} must have exactly one topic policy (the Policy attribute is set as a whole)`);
      }
      for (const [topicId] of alertTopics(v)) {
        const policy = statements(props(topicPolicies(v.template, topicId)[0][1]).PolicyDocument);
        const has = (what: string, predicate: (s: Statement) => boolean) =>
          ensure(policy.some(predicate), `${v.name}: the single policy of alert topic ${topicId} lacks ${what}`, policy.map((s) => s.raw));
        has('Allow events.amazonaws.com sns:Publish', (s) => s.effect === 'Allow' && hasServicePrincipal(s, 'events.amazonaws.com') && covers(s, 'sns:Publish'));
        has('Allow cloudwatch.amazonaws.com sns:Publish', (s) => s.effect === 'Allow' && hasServicePrincipal(s, 'cloudwatch.amazonaws.com') && covers(s, 'sns:Publish'));
        has('the TLS-only Deny', (s) => s.effect === 'Deny' && conditions(s).some((c) => c.key === 'aws:securetransport' && c.values.includes('false')));
      }
    }
  },

  // ---------------------------------------------------------------- EventBridge pattern matching
  'eventbridge-pattern-fields-must-be-present': (world) => {
    for (const { variant, rule } of cloudTrailRules(world)) {
      for (const leaf of leaves(rule.pattern).filter((l) => l.path.startsWith('detail.userIdentity.'))) {
        ensure(leaf.path !== 'detail.userIdentity.type', `${variant.name}: rule ${rule.id} filters on userIdentity.type, which AWS service events omit`, rule.pattern);
        ensure(!hasAnythingBut(leaf) || hasExistsFalse(leaf),
          `${variant.name}: rule ${rule.id}: anything-but on ${leaf.path} without {exists:false} drops every event that lacks the field`, leaf);
      }
    }
  },
  'eventbridge-exists-matching-leaf-nodes': (world) => {
    const objectNodes = [
      'detail', 'detail.userIdentity', 'detail.userIdentity.sessionContext', 'detail.userIdentity.sessionContext.sessionIssuer',
      'detail.userIdentity.sessionContext.attributes', 'detail.userIdentity.sessionContext.webIdFederationData',
      'detail.requestParameters', 'detail.responseElements', 'detail.additionalEventData', 'detail.tlsDetails', 'detail.resources',
    ];
    let existsLeaves = 0;
    for (const { variant, rule } of cloudTrailRules(world)) {
      for (const leaf of leaves(rule.pattern).filter(hasExists)) {
        existsLeaves++;
        ensure(!objectNodes.includes(leaf.path), `${variant.name}: rule ${rule.id} uses exists on ${leaf.path}, an object (intermediate node) of the CloudTrail record`, leaf);
      }
    }
    ensure(existsLeaves > 0, 'no exists matcher in any rule: the check would be vacuous');
  },
  'eventbridge-anything-but-matching': (world) => {
    // fields every CloudTrail management event carries
    const alwaysPresent = ['source', 'detail-type', 'account', 'region', 'detail.eventSource', 'detail.eventName', 'detail.awsRegion', 'detail.eventType', 'detail.eventTime'];
    let anythingButs = 0;
    for (const { variant, rule } of cloudTrailRules(world)) {
      for (const leaf of leaves(rule.pattern).filter(hasAnythingBut)) {
        anythingButs++;
        ensure(alwaysPresent.includes(leaf.path) || hasExistsFalse(leaf),
          `${variant.name}: rule ${rule.id}: anything-but on ${leaf.path}, a field some events lack, needs {exists:false} beside it`, leaf);
      }
    }
    ensure(anythingButs > 0, 'no anything-but in any rule: the check would be vacuous');
  },
  'eventbridge-cloudtrail-events-require-trail': (world) => {
    for (const v of world.variants) {
      if (!elastiCacheRules(v.template).some(isCloudTrailRule)) continue;
      const trails = resources(v.template, 'AWS::CloudTrail::Trail');
      const evidence = v.stack.node.findAll()
        .flatMap((c) => c.node.metadata.filter((m) => m.type === CacheAuditTrail.METADATA_KEY).map((m) => obj(m.data)));
      if (v.props.auditTrail?.isAssumed === false) {
        ensure(trails.some(([, tr]) => props(tr).IsLogging === true &&
          (props(tr).EventSelectors === undefined || arr(props(tr).EventSelectors).some((s) => obj(s).IncludeManagementEvents !== false))),
        `${v.name}: the created trail does not log management events`, Object.fromEntries(trails));
      } else {
        ensure(evidence.length === 1 && evidence[0].assumed === true,
          `${v.name}: the CloudTrail rules need a logging trail; the assumed trail must be recorded as an assumption in the evidence`, evidence);
      }
    }
  },

  // ---------------------------------------------------------------- CloudTrail userIdentity
  'cloudtrail-user-identity-types': (world) => {
    // Events of every identity type, and of none, must reach the exclusions: no filter on the type, and every
    // userIdentity field the patterns test may be absent.
    for (const { variant, rule } of cloudTrailRules(world)) {
      for (const leaf of leaves(rule.pattern).filter((l) => l.path.startsWith('detail.userIdentity.'))) {
        ensure(leaf.path !== 'detail.userIdentity.type', `${variant.name}: rule ${rule.id} filters on userIdentity.type`, leaf);
        ensure(hasExistsFalse(leaf), `${variant.name}: rule ${rule.id} drops events whose identity type has no ${leaf.path}`, leaf);
      }
    }
  },
  'cloudtrail-session-context-temporary-credentials': (world) => {
    let sessionLeaves = 0;
    for (const { variant, rule } of cloudTrailRules(world)) {
      for (const leaf of leaves(rule.pattern).filter((l) => l.path.startsWith('detail.userIdentity.sessionContext.'))) {
        sessionLeaves++;
        ensure(hasExistsFalse(leaf),
          `${variant.name}: rule ${rule.id} tests ${leaf.path} without {exists:false}: calls with long-term credentials (IAMUser, Root) have no sessionContext and would be dropped`, leaf);
      }
    }
    ensure(sessionLeaves > 0, 'no sessionContext leaf in any rule: the check would be vacuous');
  },
  'cloudtrail-assumed-role-user-name-in-session-issuer': (world) => {
    let roleExclusions = 0;
    for (const { variant, rule } of cloudTrailRules(world)) {
      for (const leaf of leaves(rule.pattern)) {
        ensure(leaf.path !== 'detail.userIdentity.userName', `${variant.name}: rule ${rule.id} matches userIdentity.userName, absent for AssumedRole`, leaf);
        if (leaf.path === 'detail.userIdentity.sessionContext.sessionIssuer.arn' && hasAnythingBut(leaf)) {
          roleExclusions++;
          const excluded = leaf.matchers.flatMap((m) => arr(obj(m)['anything-but']));
          ensure(excluded.every((e) => resourceOfType(variant.template, refTarget(e), 'AWS::IAM::Role') !== undefined),
            `${variant.name}: rule ${rule.id} excludes session issuers that are not roles of the template`, leaf);
        }
      }
      const paths = Object.values(obj(obj(arr(props(rule.resource).Targets)[0]).InputTransformer).InputPathsMap ?? {});
      ensure(!paths.includes('$.detail.userIdentity.userName'), `${variant.name}: rule ${rule.id} names the actor by userIdentity.userName`, paths);
    }
    ensure(roleExclusions > 0, 'no role exclusion by sessionIssuer.arn in any rule: the check would be vacuous');
  },
  'cloudtrail-invoked-by-aws-service': (world) => {
    for (const { variant, rule } of cloudTrailRules(world)) {
      const invokedBy = leaves(rule.pattern).filter((l) => l.path === 'detail.userIdentity.invokedBy');
      ensure(invokedBy.length === 1 && hasExistsFalse(invokedBy[0]) &&
        invokedBy[0].matchers.some((m) => arr(obj(m)['anything-but']).includes('cloudformation.amazonaws.com')),
      `${variant.name}: rule ${rule.id} must exclude CloudFormation by userIdentity.invokedBy (anything-but, or absent)`, rule.pattern);
    }
  },
  'cloudtrail-aws-service-events-no-api-request': (world) => {
    for (const { variant, rule } of cloudTrailRules(world)) {
      ensure(!arr(rule.pattern['detail-type']).includes('AWS Service Event via CloudTrail'),
        `${variant.name}: rule ${rule.id} matches AwsServiceEvent records`, rule.pattern);
      ensure(leaves(rule.pattern).some((l) => l.path === 'detail.eventName' && l.matchers.length > 0),
        `${variant.name}: rule ${rule.id} does not name the API calls it watches`, rule.pattern);
    }
  },

  // ---------------------------------------------------------------- ElastiCache snapshot APIs
  'elasticache-copysnapshot-parameters': (world) => {
    for (const v of world.variants) {
      const copy = elastiCacheRules(v.template).filter(isCloudTrailRule).flatMap((r) => branchesFor(r, 'CopySnapshot').map((b) => ({ r, b })));
      if (v.props.changeDetection !== false) ensure(copy.length > 0, `${v.name}: no rule watches CopySnapshot`);
      for (const { r, b } of copy) {
        const params = b.filter((l) => l.path.startsWith('detail.requestParameters.')).map((l) => l.path);
        ensure(!params.includes('detail.requestParameters.snapshotName'),
          `${v.name}: rule ${r.id} matches CopySnapshot on requestParameters.snapshotName, which CopySnapshot does not have`, r.pattern);
        ensure(params.includes('detail.requestParameters.sourceSnapshotName'),
          `${v.name}: rule ${r.id} does not identify the copied snapshot by requestParameters.sourceSnapshotName`, r.pattern);
      }
    }
  },
  'elasticache-copysnapshot-s3-export-permission': (world) => {
    for (const v of world.variants) {
      const [, rg] = replicationGroup(v);
      for (const s of identityStatements(v.template).filter((x) => x.effect === 'Allow' && covers(x, 'elasticache:CopySnapshot'))) {
        ensure(s.resources.every((r) => render(r).includes(':snapshot:') && render(r).includes(String(rg.ReplicationGroupId))),
          `${v.name}: elasticache:CopySnapshot is granted beyond this group's snapshots`, s.raw);
      }
      if (v.props.changeDetection !== false) {
        ensure(elastiCacheRules(v.template).some((r) => branchesFor(r, 'CopySnapshot').length > 0), `${v.name}: no rule alerts on CopySnapshot`);
      }
    }
  },
  'elasticache-deletesnapshot-snapshot-name': (world) => {
    for (const v of world.variants) {
      const del = elastiCacheRules(v.template).filter(isCloudTrailRule).flatMap((r) => branchesFor(r, 'DeleteSnapshot').map((b) => ({ r, b })));
      if (v.props.changeDetection !== false) ensure(del.length > 0, `${v.name}: no rule watches DeleteSnapshot`);
      for (const { r, b } of del) {
        const params = b.filter((l) => l.path.startsWith('detail.requestParameters.')).map((l) => l.path);
        ensure(params.length === 0 || params.includes('detail.requestParameters.snapshotName'),
          `${v.name}: rule ${r.id} identifies the deleted snapshot by something else than requestParameters.snapshotName`, r.pattern);
        ensure(!params.includes('detail.requestParameters.sourceSnapshotName'), `${v.name}: rule ${r.id} matches DeleteSnapshot on sourceSnapshotName`, r.pattern);
      }
    }
  },

  // ---------------------------------------------------------------- ElastiCache CloudTrail record
  'elasticache-cloudtrail-log-entry-shape': (world) => {
    for (const { variant, rule } of cloudTrailRules(world)) {
      ensure(JSON.stringify(obj(rule.pattern.detail).eventSource) === JSON.stringify(['elasticache.amazonaws.com']),
        `${variant.name}: rule ${rule.id} does not match eventSource elasticache.amazonaws.com`, rule.pattern);
      for (const leaf of leaves(rule.pattern).filter((l) => l.path.startsWith('detail.requestParameters.'))) {
        const key = leaf.path.split('.')[2];
        ensure(/^[a-z][A-Za-z0-9]*$/.test(key), `${variant.name}: rule ${rule.id} uses requestParameters.${key}, not the camelCase spelling of the CloudTrail record`, leaf);
      }
    }
  },

  // ---------------------------------------------------------------- CloudFormation custom names
  'cfn-custom-name-replacement-blocks-update': {
    enforcedBy: 'test/redis/replacement-guard.test.ts',
    check: (world) => {
      for (const v of world.variants) {
        const id = replicationGroup(v)[1].ReplicationGroupId;
        ensure(typeof id === 'string' && /^[a-z][a-z0-9-]{0,39}$/.test(id), `${v.name}: ReplicationGroupId must be an explicit name`, id);
      }
    },
  },
  'cfn-custom-name-unique-across-stacks': {
    enforcedBy: 'test/redis/replacement-guard.test.ts',
    check: (world) => {
      for (const v of world.variants) {
        const rgId = String(replicationGroup(v)[1].ReplicationGroupId);
        const names: [string, string, unknown][] = [
          ...resources(v.template, 'AWS::ElastiCache::SubnetGroup').map(([id, r]): [string, string, unknown] => [id, 'CacheSubnetGroupName', props(r).CacheSubnetGroupName]),
          ...resources(v.template, 'AWS::ElastiCache::ParameterGroup').map(([id, r]): [string, string, unknown] => [id, 'CacheParameterGroupName', props(r).CacheParameterGroupName]),
          ...resources(v.template, 'AWS::ElastiCache::UserGroup').map(([id, r]): [string, string, unknown] => [id, 'UserGroupId', props(r).UserGroupId]),
          ...resources(v.template, 'AWS::ElastiCache::User').map(([id, r]): [string, string, unknown] => [id, 'UserId', props(r).UserId]),
          ...resources(v.template, 'AWS::Config::ConfigRule').map(([id, r]): [string, string, unknown] => [id, 'ConfigRuleName', props(r).ConfigRuleName]),
        ].filter(([, , name]) => name !== undefined);
        for (const [id, property, name] of names) {
          ensure(render(name).includes(rgId), `${v.name}: ${id}.${property} is a custom name not derived from the ReplicationGroupId ${rgId}`, name);
        }
      }
    },
  },

  // ---------------------------------------------------------------- AWS::ElastiCache::ReplicationGroup properties
  'cfn-replicationgroup-at-rest-encryption-create-only': (world) => {
    for (const v of world.variants) {
      const [id, rg] = replicationGroup(v);
      ensure(rg.AtRestEncryptionEnabled === true, `${v.name}: AtRestEncryptionEnabled is not true on creation`, { [id]: rg.AtRestEncryptionEnabled });
      ensure(resourceOfType(v.template, refTarget(rg.KmsKeyId), 'AWS::KMS::Key') !== undefined,
        `${v.name}: KmsKeyId is not the customer managed key of the template`, { KmsKeyId: rg.KmsKeyId });
    }
  },
  'elasticache-transit-encryption-mode-two-step': (world) => {
    for (const v of world.variants) {
      const [, rg] = replicationGroup(v);
      ensure(rg.TransitEncryptionEnabled === true, `${v.name}: TransitEncryptionEnabled is not true`, rg);
      ensure(rg.TransitEncryptionMode !== 'preferred', `${v.name}: TransitEncryptionMode 'preferred' accepts unencrypted connections`, rg.TransitEncryptionMode);
      if (isValkey72OrRedis70(rg)) {
        ensure(rg.TransitEncryptionMode === 'required', `${v.name}: TransitEncryptionMode must be 'required' on ${rg.Engine} ${rg.EngineVersion}`, rg.TransitEncryptionMode);
      }
    }
  },
  'elasticache-transit-encryption-mode-no-replacement': (world) => {
    const { transitEncryptionModeChanged, portChanged } = world.replacementGuard;
    ensure(transitEncryptionModeChanged === undefined,
      `the replacement guard treats a change of TransitEncryptionMode (an in-place modification) as a replacement: ${transitEncryptionModeChanged}`);
    ensure(portChanged !== undefined && /Port/.test(portChanged), `control: the replacement guard must reject a Port change, got: ${portChanged}`);
  },
  'elasticache-online-tls-migration-engine-versions': (world) => {
    const seen = new Set<boolean>();
    for (const v of world.variants) {
      const [, rg] = replicationGroup(v);
      const supported = isValkey72OrRedis70(rg);
      seen.add(supported);
      ensure(supported ? rg.TransitEncryptionMode === 'required' : rg.TransitEncryptionMode === undefined,
        `${v.name}: TransitEncryptionMode on ${rg.Engine} ${rg.EngineVersion} must be ${supported ? "'required'" : 'absent'}`, { TransitEncryptionMode: rg.TransitEncryptionMode });
      ensure(rg.TransitEncryptionEnabled === true, `${v.name}: TransitEncryptionEnabled is not true`, rg);
    }
    ensure(seen.size === 2, 'the matrix must hold engines with and without online TLS migration');
  },
  'elasticache-replication-group-notification-topic-owner': (world) => {
    for (const v of world.variants) {
      const arn = replicationGroup(v)[1].NotificationTopicArn;
      ensure(typeof arn !== 'string' && resourceOfType(v.template, refTarget(arn), 'AWS::SNS::Topic') !== undefined,
        `${v.name}: NotificationTopicArn must be a topic created in the same stack (same owner)`, arn);
    }
  },

  // ---------------------------------------------------------------- ElastiCache authentication
  'elasticache-auth-token-constraints': (world) => {
    const v = world.variant('AUTH token');
    const [, rg] = replicationGroup(v);
    ensure(rg.TransitEncryptionEnabled === true, `${v.name}: AUTH needs TransitEncryptionEnabled true`, rg);
    const reference = render(rg.AuthToken);
    const match = /^\{\{resolve:secretsmanager:<Ref:([A-Za-z0-9]+)>:SecretString:([^:]*):([^:]*):([^:]*)\}\}$/.exec(reference);
    ensure(match !== null, `${v.name}: AuthToken is not a {{resolve:secretsmanager:...}} dynamic reference to a secret of the template`, rg.AuthToken);
    const secret = props(resourceOfType(v.template, match![1], 'AWS::SecretsManager::Secret'));
    const generate = obj(secret.GenerateSecretString);
    ensure(Object.keys(generate).length > 0, `${v.name}: the AUTH token secret is not generated`, secret);
    ensure((generate.GenerateStringKey ?? '') === match![2],
      `${v.name}: the dynamic reference reads JSON key '${match![2]}' but the secret generates key '${String(generate.GenerateStringKey ?? '')}'`, { AuthToken: rg.AuthToken, GenerateSecretString: generate });
    const length = generate.PasswordLength === undefined ? 32 : Number(generate.PasswordLength);
    ensure(length >= 16 && length <= 128, `${v.name}: PasswordLength ${length} is outside 16..128`, generate);
    ensure(generate.IncludeSpace !== true, `${v.name}: the token may contain a space`, generate);
    const excluded = generate.ExcludePunctuation === true ? null : String(generate.ExcludeCharacters ?? '');
    const specials = Array.from({ length: 126 - 33 + 1 }, (_, i) => String.fromCharCode(33 + i)).filter((c) => !/[A-Za-z0-9]/.test(c));
    const left = excluded === null ? [] : specials.filter((c) => !excluded.includes(c));
    const notAllowed = left.filter((c) => !'!&#$^<>-'.includes(c));
    ensure(notAllowed.length === 0, `${v.name}: the generated token may contain ${notAllowed.join(' ')}, outside the allowed ! & # $ ^ < > -`, generate);
  },
  'elasticache-iam-auth-engine-version': (world) => {
    let iamUsers = 0;
    for (const v of world.variants) {
      const [, rg] = replicationGroup(v);
      for (const [id, user] of resources(v.template, 'AWS::ElastiCache::User').filter(([, u]) => obj(props(u).AuthenticationMode).Type === 'iam')) {
        iamUsers++;
        ensure(isValkey72OrRedis70(rg), `${v.name}: IAM user ${id} on ${rg.Engine} ${rg.EngineVersion}`, { [id]: user });
        ensure(props(user).UserName === props(user).UserId, `${v.name}: IAM user ${id} must have UserName equal to UserId`, props(user));
      }
    }
    ensure(iamUsers > 0, 'no IAM user in any variant: the check would be vacuous');
    const { stack, vpc } = cacheStack();
    expect(() => {
      new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, authentication: CacheAuthentication.iam(), engineVersion: CacheEngineVersion.REDIS_6_2 });
      Template.fromStack(stack);
    }).toThrow(/IAM/);
  },
  'elasticache-iam-auth-requires-tls': (world) => {
    for (const v of world.variants) {
      const [, rg] = replicationGroup(v);
      const groups = arr(rg.UserGroupIds).map((g) => resourceOfType(v.template, refTarget(g), 'AWS::ElastiCache::UserGroup')).filter((g): g is CfnResource => g !== undefined);
      const iam = groups.flatMap((g) => usersOf(v.template, g)).filter(([, u]) => obj(u.AuthenticationMode).Type === 'iam');
      if (iam.length > 0) {
        ensure(rg.TransitEncryptionEnabled === true && isValkey72OrRedis70(rg), `${v.name}: IAM users on a group without TLS or on an old engine`, rg);
      }
    }
  },

  // ---------------------------------------------------------------- AWS Config
  'config-elasticache-rbac-auth-enabled': (world) => {
    const rbacRules = (v: Variant) => resources(v.template, 'AWS::Config::ConfigRule')
      .filter(([, r]) => obj(props(r).Source).SourceIdentifier === 'ELASTICACHE_RBAC_AUTH_ENABLED');
    for (const name of ['IAM', 'created audit trail and Config rules']) {
      const v = world.variant(name);
      const [, rg] = replicationGroup(v);
      const rules = rbacRules(v);
      ensure(rules.length === 1, `${v.name}: configRules true with RBAC must create ELASTICACHE_RBAC_AUTH_ENABLED`);
      const rule = props(rules[0][1]);
      ensure(obj(rule.Scope).ComplianceResourceId === rg.ReplicationGroupId, `${v.name}: the rule is not scoped to the group`, rule);
      ensure(JSON.stringify(obj(rule.InputParameters).allowedUserGroupIDs) === JSON.stringify(arr(rg.UserGroupIds)[0]),
        `${v.name}: allowedUserGroupIDs is not the group's user group`, { rule, UserGroupIds: rg.UserGroupIds });
    }
    const auth = world.variant('AUTH token');
    ensure(resources(auth.template, 'AWS::Config::ConfigRule').length > 0, `${auth.name}: configRules true created no Config rule: the check would be vacuous`);
    ensure(rbacRules(auth).length === 0, `${auth.name}: an AUTH-token group is NON_COMPLIANT under ELASTICACHE_RBAC_AUTH_ENABLED by definition; the rule must be absent`,
      Object.fromEntries(rbacRules(auth)));
    for (const v of world.variants.filter((x) => x.name !== 'AUTH token')) {
      ensure(arr(replicationGroup(v)[1].UserGroupIds).length > 0, `${v.name}: engine 6+ without UserGroupIds is NON_COMPLIANT`, replicationGroup(v)[1]);
    }
  },

  // ---------------------------------------------------------------- ElastiCache log delivery and vended logs
  'elasticache-log-delivery-engine-support': (world) => {
    for (const v of world.variants) {
      const [, rg] = replicationGroup(v);
      const { engine, version } = engineOf(rg);
      const types = arr(rg.LogDeliveryConfigurations).map((c) => obj(c).LogType);
      const slow = engine === 'valkey' ? atLeast(version, 7, 0) : atLeast(version, 6, 0);
      const engineLog = engine === 'valkey' ? atLeast(version, 7, 0) : atLeast(version, 6, 2);
      ensure(types.filter((t) => t === 'slow-log').length === (slow ? 1 : 0), `${v.name}: expected ${slow ? 'one' : 'no'} slow-log delivery on ${engine} ${version}`, rg.LogDeliveryConfigurations);
      ensure(types.filter((t) => t === 'engine-log').length === (engineLog ? 1 : 0), `${v.name}: expected ${engineLog ? 'one' : 'no'} engine-log delivery on ${engine} ${version}`, rg.LogDeliveryConfigurations);
      ensure(types.length === 2, `${v.name}: expected exactly one slow-log and one engine-log delivery`, rg.LogDeliveryConfigurations);
    }
  },
  'elasticache-log-delivery-cloudwatch-log-group': (world) => {
    for (const v of world.variants) {
      for (const c of arr(replicationGroup(v)[1].LogDeliveryConfigurations)) {
        ensure(obj(c).DestinationType === 'cloudwatch-logs', `${v.name}: log delivery is not to CloudWatch Logs`, c);
      }
      for (const [id, group] of deliveryLogGroups(v)) {
        ensure(props(group).KmsKeyId !== undefined && props(group).RetentionInDays !== undefined,
          `${v.name}: delivery log group ${id} must be encrypted and have a retention`, { [id]: group });
      }
    }
  },
  'elasticache-log-delivery-deployer-permissions': (world) => {
    logDeliveryResourcePolicyProvided(world, ['logs:CreateLogDelivery', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups']);
  },
  'logs-vended-log-group-resource-policy': (world) => {
    logDeliveryResourcePolicyProvided(world, ['logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups']);
  },
  'logs-vendedlogs-prefix-avoids-policy-size-limit': (world) => {
    for (const v of world.variants) {
      for (const [id, group] of deliveryLogGroups(v)) {
        ensure(render(props(group).LogGroupName).startsWith('/aws/vendedlogs/'), `${v.name}: delivery log group ${id} is not under /aws/vendedlogs/`, props(group).LogGroupName);
      }
    }
  },

  // ---------------------------------------------------------------- CloudWatch Logs log groups and KMS
  'logs-log-group-name-unique-per-region': (world) => {
    for (const { variant, id, group } of allLogGroups(world)) {
      const name = props(group).LogGroupName;
      if (name === undefined) continue; // named by CloudFormation: unique
      ensure(containsStackInstanceId(name), `${variant.name}: log group ${id} has an explicit name without the stack's instance ID`, name);
    }
    for (const v of world.variants) {
      const rgId = String(replicationGroup(v)[1].ReplicationGroupId);
      for (const [id, group] of deliveryLogGroups(v)) {
        ensure(render(props(group).LogGroupName).includes(rgId), `${v.name}: delivery log group ${id} does not name the replication group ${rgId}`, props(group).LogGroupName);
      }
    }
  },
  'logs-create-log-group-already-exists': (world) => {
    const retained = allLogGroups(world).filter(({ group }) => group.DeletionPolicy === 'Retain');
    ensure(retained.length > 0, 'no retained log group in any variant: the check would be vacuous');
    for (const { variant, id, group } of retained) {
      const name = props(group).LogGroupName;
      ensure(name === undefined || containsStackInstanceId(name),
        `${variant.name}: retained log group ${id} keeps a name that a re-created stack would reuse (ResourceAlreadyExistsException)`, { [id]: { LogGroupName: name, DeletionPolicy: group.DeletionPolicy } });
    }
  },
  'logs-create-log-group-kms-key-must-be-usable': (world) => {
    for (const { variant, id, group } of allLogGroups(world)) {
      const kmsKeyId = props(group).KmsKeyId;
      const getAtt = obj(kmsKeyId)['Fn::GetAtt'];
      const key = resourceOfType(variant.template, refTarget(kmsKeyId), 'AWS::KMS::Key');
      ensure(Array.isArray(getAtt) && getAtt[1] === 'Arn' && key !== undefined,
        `${variant.name}: log group ${id}'s KmsKeyId is not the ARN of a key of the template`, { KmsKeyId: kmsKeyId });
      ensure(props(key).Enabled !== false, `${variant.name}: the key of log group ${id} is disabled`, props(key));
    }
  },
  'logs-kms-encryption-context': (world) => {
    for (const { variant, id, group } of allLogGroups(world)) {
      const keyId = refTarget(props(group).KmsKeyId);
      const policy = keyPolicy(variant.template, keyId);
      const logs = policy.filter((s) => s.effect === 'Allow' && hasServicePrincipal(s, /^logs\.(<Ref:AWS::Region>|[a-z0-9-]+)\.amazonaws\.com$/));
      ensure(logs.length > 0, `${variant.name}: key ${keyId} of log group ${id} does not admit logs.<region>.amazonaws.com`, policy.map((s) => s.raw));
      const name = render(props(group).LogGroupName);
      const admitted = logs.some((s) => conditions(s).some((c) =>
        c.key === 'kms:encryptioncontext:aws:logs:arn' && c.values.some((value) => {
          const [, suffix] = render(value).split(':log-group:');
          if (suffix === undefined) return false;
          return /Like$/.test(c.operator) ? globMatches(suffix, name) : suffix === name;
        })));
      ensure(admitted, `${variant.name}: key ${keyId} admits CloudWatch Logs without a kms:EncryptionContext:aws:logs:arn condition matching log group ${id} (${name})`,
        logs.map((s) => s.raw));
    }
  },
  'logs-kms-permissions-required-for-reads': (world) => {
    for (const { variant, id, group } of allLogGroups(world)) {
      const keyId = refTarget(props(group).KmsKeyId);
      const key = resourceOfType(variant.template, keyId, 'AWS::KMS::Key');
      if (group.DeletionPolicy === 'Retain') {
        ensure(key?.DeletionPolicy === 'Retain', `${variant.name}: log group ${id} is retained but its key ${keyId} is not`, { [id]: group.DeletionPolicy, [keyId!]: key?.DeletionPolicy });
      }
      const logs = keyPolicy(variant.template, keyId).filter((s) => s.effect === 'Allow' && hasServicePrincipal(s, /^logs\./));
      ensure(logs.some((s) => covers(s, 'kms:Decrypt')), `${variant.name}: key ${keyId} does not let CloudWatch Logs decrypt log group ${id}`, logs.map((s) => s.raw));
    }
  },

  // ---------------------------------------------------------------- S3
  's3-object-lock-compliance-mode': (world) => {
    for (const v of world.variants) {
      for (const [id, bucket] of resources(v.template, 'AWS::S3::Bucket').filter(([, b]) => props(b).ObjectLockEnabled === true)) {
        const retention = obj(obj(obj(props(bucket).ObjectLockConfiguration).Rule).DefaultRetention);
        ensure(retention.Mode === 'COMPLIANCE' && (retention.Days !== undefined || retention.Years !== undefined),
          `${v.name}: Object Lock bucket ${id} has no explicit compliance-mode retention`, props(bucket).ObjectLockConfiguration);
      }
    }
    archiveBucketsRetained(world);
  },
  's3-delete-bucket-must-be-empty': (world) => {
    archiveBucketsRetained(world);
    for (const v of world.variants) {
      for (const [id, bucket] of archiveBuckets(v)) {
        ensure(obj(props(bucket).VersioningConfiguration).Status === 'Enabled', `${v.name}: archive bucket ${id} is not versioned`, props(bucket));
      }
    }
  },

  // ---------------------------------------------------------------- Secrets Manager rotation
  'secretsmanager-rotation-function-network-access': (world) => {
    vpcFunctionsHaveNat(world);
    isolatedVpcNeedsEndpoints(world);
  },
  'secretsmanager-rotation-customer-managed-key': (world) => {
    let schedules = 0;
    for (const v of world.variants) {
      for (const [id, schedule] of resources(v.template, 'AWS::SecretsManager::RotationSchedule')) {
        schedules++;
        const secret = props(resourceOfType(v.template, refTarget(props(schedule).SecretId), 'AWS::SecretsManager::Secret'));
        const keyId = refTarget(secret.KmsKeyId);
        ensure(resourceOfType(v.template, keyId, 'AWS::KMS::Key') !== undefined, `${v.name}: the rotated secret is not encrypted with the template's key`, secret);
        const fn = props(resourceOfType(v.template, refTarget(props(schedule).RotationLambdaARN), 'AWS::Lambda::Function'));
        const roleId = refTarget(fn.Role);
        ensure(roleId !== undefined, `${v.name}: rotation schedule ${id} has no rotation function role of the template`, props(schedule));
        const onKey = (s: Statement) => s.resources.some((r) => r === '*' || refTarget(r) === keyId);
        const identity = roleStatements(v.template, roleId!).filter((s) => s.effect === 'Allow' && onKey(s));
        const keyPolicyGrants = keyPolicy(v.template, keyId).filter((s) => s.effect === 'Allow' && arr(obj(s.principal).AWS).some((p) => refTarget(p) === roleId));
        const rootDelegates = keyPolicy(v.template, keyId).some((s) => s.effect === 'Allow' && render(obj(s.principal).AWS).endsWith(`:iam::${ACCOUNT}:root`) && covers(s, 'kms:Decrypt'));
        for (const action of ['kms:Decrypt', 'kms:GenerateDataKey']) {
          ensure((rootDelegates && identity.some((s) => covers(s, action))) || keyPolicyGrants.some((s) => covers(s, action)),
            `${v.name}: the rotation role ${roleId} cannot ${action} with the secret's key ${keyId}`,
            { rolePolicy: roleStatements(v.template, roleId!).map((s) => s.raw), keyPolicy: keyPolicy(v.template, keyId).map((s) => s.raw) });
        }
      }
    }
    ensure(schedules > 0, 'no rotation schedule in any variant: the check would be vacuous');
  },

  // ---------------------------------------------------------------- Lambda and ElastiCache in a VPC
  'lambda-vpc-no-internet-without-nat': (world) => {
    vpcFunctionsHaveNat(world);
    isolatedVpcNeedsEndpoints(world);
  },
  'elasticache-api-interface-vpc-endpoint': (world) => {
    isolatedVpcNeedsEndpoints(world);
  },

  // ---------------------------------------------------------------- CloudTrail
  'cloudtrail-kms-key-policy-required': (world) => {
    const v = world.variant('created audit trail and Config rules');
    const trails = resources(v.template, 'AWS::CloudTrail::Trail');
    ensure(trails.length === 1, `${v.name}: expected one trail`);
    const keyId = refTarget(props(trails[0][1]).KMSKeyId);
    ensure(resourceOfType(v.template, keyId, 'AWS::KMS::Key') !== undefined, `${v.name}: the trail's KMSKeyId is not a key of the template (created before the trail)`, props(trails[0][1]));
    const policy = keyPolicy(v.template, keyId);
    ensure(policy.some((s) => s.effect === 'Allow' && hasServicePrincipal(s, 'cloudtrail.amazonaws.com') && covers(s, 'kms:GenerateDataKey*')),
      `${v.name}: the trail key's policy does not let CloudTrail encrypt`, policy.map((s) => s.raw));
    ensure(policy.some((s) => s.effect === 'Allow' && render(obj(s.principal).AWS).endsWith(`:iam::${ACCOUNT}:root`) && covers(s, 'kms:Decrypt')),
      `${v.name}: the trail key's policy lets no one of the account decrypt the log files`, policy.map((s) => s.raw));
  },
  'cloudtrail-kms-encrypt-statement': (world) => {
    const v = world.variant('created audit trail and Config rules');
    const keyId = refTarget(props(resources(v.template, 'AWS::CloudTrail::Trail')[0]?.[1]).KMSKeyId);
    const policy = keyPolicy(v.template, keyId);
    const encrypt = policy.filter((s) => s.effect === 'Allow' && hasServicePrincipal(s, 'cloudtrail.amazonaws.com') && covers(s, 'kms:GenerateDataKey*'));
    ensure(encrypt.length > 0, `${v.name}: no cloudtrail.amazonaws.com kms:GenerateDataKey* statement`, policy.map((s) => s.raw));
    for (const s of encrypt) {
      const context = conditions(s).filter((c) => c.key === 'kms:encryptioncontext:aws:cloudtrail:arn');
      ensure(context.length > 0 && context.every((c) => c.values.every((value) => {
        const arn = render(value);
        return arn.includes(':cloudtrail:') && arn.includes(':trail/') && (arn.includes(`:${ACCOUNT}:`) || arn.includes(':<Ref:AWS::AccountId>:'));
      })), `${v.name}: the CloudTrail encrypt statement is not limited by kms:EncryptionContext:aws:cloudtrail:arn to the account's trails`, s.raw);
    }
  },

  // ---------------------------------------------------------------- snapshot archive (issue 15)
  'elasticache-export-bucket-policy': {
    enforcedBy: 'test/archive/staging-bucket.test.ts',
    check: (world) => {
      for (const v of archivingVariants(world)) {
        const staging = stagingBuckets(v);
        ensure(staging.length === 1, `${v.name}: expected one bucket whose policy admits ElastiCache's snapshot service, found ${staging.length}`);
        for (const { id, policy } of staging) {
          const grants = policy.filter((s) => hasServicePrincipal(s, `${REGION}.elasticache-snapshot.amazonaws.com`));
          ensure(grants.length === 1 && grants[0].effect === 'Allow' && [...grants[0].actions].sort().join() === [...EXPORT_ACTIONS].sort().join(),
            `${v.name}: the policy of ${id} does not grant ${REGION}.elasticache-snapshot.amazonaws.com exactly the documented actions`, grants.map((g) => g.raw));
        }
      }
    },
  },
  's3-elasticache-acl-migration': { enforcedBy: 'test/archive/staging-bucket.test.ts' },
  'elasticache-canonical-id-default-regions': {
    enforcedBy: 'test/archive/staging-acl.test.ts',
    check: (world) => {
      for (const v of archivingVariants(world)) {
        const stagingIds = stagingBuckets(v).map((x) => x.id);
        const acl = resources(v.template, 'Custom::ElastiCacheExportBucketAcl');
        ensure(acl.length === 1 && stagingIds.includes(refTarget(props(acl[0][1]).BucketName) ?? '') &&
          String(props(acl[0][1]).Grants) === '540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353:READ,WRITE,READ_ACP',
        `${v.name}: no custom resource sets the staging bucket ACL grant to ElastiCache's canonical ID in ${REGION}`, acl);
        for (const { id, bucket } of stagingBuckets(v)) {
          const ownership = arr(obj(props(bucket).OwnershipControls).Rules).map((r) => obj(r).ObjectOwnership);
          ensure(JSON.stringify(ownership) === JSON.stringify(['BucketOwnerPreferred']),
            `${v.name}: staging bucket ${id} must have ACLs enabled (BucketOwnerPreferred) for the ACL grant in ${REGION}`, ownership);
        }
      }
    },
  },
  'elasticache-opt-in-regions': { enforcedBy: 'test/archive/staging-bucket.test.ts' },
  'elasticache-export-no-customer-managed-key': (world) => {
    for (const v of archivingVariants(world)) {
      for (const [id] of resources(v.template, 'AWS::KMS::Key')) {
        ensure(!keyPolicy(v.template, id).some((s) => hasServicePrincipal(s, /elasticache-snapshot/)),
          `${v.name}: key ${id} admits ElastiCache's snapshot service, which cannot use a customer managed key for an export`);
      }
      for (const { id, bucket } of stagingBuckets(v)) {
        const sse = arr(obj(props(bucket).BucketEncryption).ServerSideEncryptionConfiguration)
          .map((r) => obj(obj(r).ServerSideEncryptionByDefault).SSEAlgorithm);
        ensure(JSON.stringify(sse) === JSON.stringify(['AES256']), `${v.name}: staging bucket ${id} must be SSE-S3`, sse);
      }
      const locked = resources(v.template, 'AWS::S3::Bucket').filter(([, b]) => props(b).ObjectLockEnabled === true);
      for (const [id, bucket] of locked) {
        const sse = arr(obj(props(bucket).BucketEncryption).ServerSideEncryptionConfiguration)
          .map((r) => obj(obj(r).ServerSideEncryptionByDefault).SSEAlgorithm);
        ensure(JSON.stringify(sse) === JSON.stringify(['aws:kms']), `${v.name}: archive bucket ${id} must be SSE-KMS`, sse);
        ensure(!stagingBuckets(v).some((st) => st.id === id), `${v.name}: ElastiCache may write into the locked archive bucket ${id}`);
      }
    }
  },
  'elasticache-seed-sse-s3-only': { enforcedBy: 'test/archive/restore-steps.test.ts' },
  's3-object-lock-upload-integrity-header': { enforcedBy: 'test/archive/copy-to-archive.test.ts' },
  's3-copyobject-5gb-limit': { enforcedBy: 'test/archive/copy-to-archive.test.ts' },
  's3-copy-archived-object-needs-restore': { enforcedBy: 'test/archive/restore-steps.test.ts' },
  's3-replication-keeps-sse-s3': (world) => {
    for (const v of archivingVariants(world)) {
      for (const [id, bucket] of resources(v.template, 'AWS::S3::Bucket')) {
        ensure(props(bucket).ReplicationConfiguration === undefined || !stagingBuckets(v).some((st) => st.id === id),
          `${v.name}: the SSE-S3 staging bucket ${id} replicates: its replicas would stay SSE-S3`);
      }
    }
  },
  'elasticache-self-designed-events-not-in-eventbridge': {
    enforcedBy: 'test/archive/export.lambda.test.ts',
    check: (world) => {
      for (const v of world.variants) {
        for (const rule of eventRules(v.template)) {
          ensure(!JSON.stringify(rule.pattern).includes('Snapshot Export Failed'),
            `${v.name}: rule ${rule.id} waits for "Snapshot Export Failed", which a self-designed cluster never sends to EventBridge`, rule.pattern);
        }
      }
    },
  },
  'elasticache-export-caller-permissions': {
    enforcedBy: 'test/archive/snapshot-archive.test.ts',
    check: (world) => {
      for (const v of archivingVariants(world)) {
        const stagingIds = stagingBuckets(v).map((x) => x.id);
        const exporter = identityStatements(v.template).filter((s) => s.effect === 'Allow' && covers(s, 'elasticache:CopySnapshot'));
        ensure(exporter.length > 0, `${v.name}: nothing may call CopySnapshot`);
        const all = identityStatements(v.template).filter((s) => s.effect === 'Allow');
        for (const action of ['s3:PutObject', 's3:GetObject', 's3:DeleteObject']) {
          ensure(all.some((s) => covers(s, action) && s.resources.some((r) => stagingIds.some((id) => render(r).includes(id)))),
            `${v.name}: no identity policy allows ${action} on the staging bucket's objects`);
        }
        for (const action of ['s3:ListBucket', 's3:GetBucketLocation']) {
          ensure(all.some((s) => covers(s, action) && s.resources.some((r) => stagingIds.some((id) => render(r).includes(id)))),
            `${v.name}: no identity policy allows ${action} on the staging bucket`);
        }
        ensure(all.some((s) => covers(s, 's3:ListAllMyBuckets') && s.resources.map(render).join() === '*'), `${v.name}: s3:ListAllMyBuckets must be on *`);
        ensure(!all.some((s) => covers(s, 's3:DeleteObject') && s.resources.some((r) => !stagingIds.some((id) => render(r).includes(id)) && /Bucket/.test(render(r)))),
          `${v.name}: s3:DeleteObject is allowed on a bucket other than staging`);
      }
    },
  },

  // ---------------------------------------------------------------- AWS Control Tower proactive controls
  'kms-grant-is-for-aws-resource': (world) => {
    for (const { variant, id, policy } of createdKeys(world)) {
      ensure(policy.filter(isGrantGuard).length === 1,
        `${variant.name}: key ${id} has no statement denying kms:CreateGrant unless kms:GrantIsForAWSResource or aws:PrincipalIsAWSService`, policy.map((st) => st.raw));
    }
    for (const v of world.variants) {
      const granting = identityStatements(v.template).filter((st) => st.effect === 'Allow' && covers(st, 'kms:CreateGrant'));
      ensure(granting.length === 0, `${v.name}: an identity policy of the library allows kms:CreateGrant, which the key policies deny`, granting.map((st) => st.raw));
    }
  },
  'kms-services-create-grants-on-behalf': (world) => {
    for (const v of world.variants.filter((x) => x.props.encryptionKey === undefined)) {
      const [, rg] = replicationGroup(v);
      const used = [refTarget(rg.KmsKeyId), ...resources(v.template, 'AWS::Lambda::Function').map(([, f]) => refTarget(props(f).KmsKeyArn))];
      ensure(used.filter((k) => k !== undefined).length >= 2, `${v.name}: the replication group and the functions name no key of the template`, rg.KmsKeyId);
      for (const keyId of new Set(used.filter((k): k is string => k !== undefined))) {
        const policy = keyPolicy(v.template, keyId);
        ensure(policy.some(isGrantGuard), `${v.name}: key ${keyId}, which ElastiCache or Lambda uses, has no grant guard`, policy.map((st) => st.raw));
        const denied = policy.filter((st) => st.effect === 'Deny').flatMap((st) => st.actions);
        ensure(JSON.stringify(denied) === JSON.stringify(['kms:CreateGrant']),
          `${v.name}: key ${keyId} denies more than kms:CreateGrant: the services could not list, retire or revoke their grants`, denied);
      }
    }
  },
  'secretsmanager-rotation-source-arn-one-secret': (world) => {
    let count = 0;
    for (const v of world.variants) {
      for (const [scheduleId, schedule] of resources(v.template, 'AWS::SecretsManager::RotationSchedule')) {
        count++;
        const fnId = refTarget(props(schedule).RotationLambdaARN);
        const permissions = resources(v.template, 'AWS::Lambda::Permission')
          .filter(([, p]) => refTarget(props(p).FunctionName) === fnId && props(p).Principal === 'secretsmanager.amazonaws.com');
        ensure(permissions.length === 1, `${v.name}: expected one secretsmanager.amazonaws.com permission on ${String(fnId)}, found ${permissions.length}`);
        const [permissionId, permission] = permissions[0];
        ensure(JSON.stringify(props(permission).SourceArn) === JSON.stringify(props(schedule).SecretId),
          `${v.name}: the invoke permission's SourceArn is not the rotated secret`, { permission: props(permission), secretId: props(schedule).SecretId });
        ensure(isAccount(props(permission).SourceAccount), `${v.name}: the invoke permission names no SourceAccount of the stack`, props(permission));
        ensure(arr(schedule.DependsOn).includes(permissionId), `${v.name}: schedule ${scheduleId} is not created after the invoke permission`, schedule.DependsOn);
        const otherSchedules = resources(v.template, 'AWS::SecretsManager::RotationSchedule').filter(([, x]) => refTarget(props(x).RotationLambdaARN) === fnId);
        ensure(otherSchedules.length === 1, `${v.name}: function ${String(fnId)} rotates more than the one secret its permission names`);
      }
    }
    ensure(count > 0, 'no rotation schedule in any variant: the check would be vacuous');
  },
  's3-eventbridge-delivery-all-events': (world) => {
    let count = 0;
    for (const v of world.variants) {
      for (const [id, bucket] of resources(v.template, 'AWS::S3::Bucket')) {
        count++;
        ensure(JSON.stringify(props(bucket).NotificationConfiguration) === JSON.stringify({ EventBridgeConfiguration: { EventBridgeEnabled: true } }),
          `${v.name}: bucket ${id} does not send its events to EventBridge by its own NotificationConfiguration`, props(bucket).NotificationConfiguration);
      }
      ensure(resources(v.template, 'Custom::S3BucketNotifications').length === 0, `${v.name}: a notifications custom resource (and its function) is back`);
    }
    ensure(count > 0, 'no bucket in any variant: the check would be vacuous');
  },
  'eventbridge-s3-events-are-opt-in-data-events': () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');
    const section = readme.split(/^## /m).find((x) => x.startsWith('Control Tower proactive controls')) ?? '';
    ensure(section !== '', 'README.md has no "Control Tower proactive controls" section');
    ensure(section.includes('AWS opt-in data events'), 'README "Control Tower proactive controls" does not tell that S3 events are AWS opt-in data events');
  },
  's3-access-log-destination-sse-s3-only': (world) => {
    for (const { variant, id, bucket } of accessLogDestinations(world)) {
      ensure(JSON.stringify(sseAlgorithms(bucket)) === JSON.stringify(['AES256']), `${variant.name}: access-log bucket ${id} is not SSE-S3`, sseAlgorithms(bucket));
      ensure(statedControls(bucket).includes('CT.S3.PR.10'), `${variant.name}: access-log bucket ${id} does not state CT.S3.PR.10`, bucket.Metadata);
    }
  },
  's3-object-lock-not-for-access-log-destination': (world) => {
    for (const { variant, id, bucket } of accessLogDestinations(world)) {
      ensure(props(bucket).ObjectLockEnabled === undefined && props(bucket).ObjectLockConfiguration === undefined,
        `${variant.name}: access-log bucket ${id} has Object Lock: S3 would deliver no access log into it`, props(bucket));
      ensure(statedControls(bucket).includes('CT.S3.PR.9'), `${variant.name}: access-log bucket ${id} does not state CT.S3.PR.9`, bucket.Metadata);
    }
    const v = world.variant('created audit trail and Config rules');
    const [trailId, trail] = resources(v.template, 'AWS::CloudTrail::Trail')[0];
    const bucketId = refTarget(props(trail).S3BucketName);
    const bucket = resourceOfType(v.template, bucketId, 'AWS::S3::Bucket');
    ensure(bucket !== undefined && props(bucket).ObjectLockEnabled === undefined && statedControls(bucket).includes('CT.S3.PR.9'),
      `${v.name}: the trail bucket ${String(bucketId)} must state CT.S3.PR.9 (it has no Object Lock)`, bucket);
    ensure(props(trail).EnableLogFileValidation === true, `${v.name}: trail ${trailId} has no log file validation, which the CT.S3.PR.9 reason relies on`);
  },
  's3-access-logs-to-source-not-recommended': (world) => {
    for (const v of world.variants) {
      for (const [id, bucket] of resources(v.template, 'AWS::S3::Bucket')) {
        const logging = props(bucket).LoggingConfiguration;
        const destination = refTarget(obj(logging).DestinationBucketName);
        ensure(logging === undefined || (destination !== undefined && destination !== id), `${v.name}: bucket ${id} logs into itself`, logging);
      }
    }
    for (const { variant, id, bucket } of accessLogDestinations(world)) {
      ensure(props(bucket).LoggingConfiguration === undefined, `${variant.name}: access-log bucket ${id} logs somewhere`, props(bucket).LoggingConfiguration);
      ensure(statedControls(bucket).includes('CT.S3.PR.2'), `${variant.name}: access-log bucket ${id} does not state CT.S3.PR.2`, bucket.Metadata);
    }
  },
  'cfn-custom-resource-response-url-legacy-host': { enforcedBy: 'test/archive/api-reachability.test.ts' },
  's3-interface-endpoints-no-legacy-hosts': { enforcedBy: 'test/archive/api-reachability.test.ts' },
  'cfn-custom-resource-response-to-s3': (world) => {
    const v = world.variant('default (Valkey 8.1, RBAC password)');
    const acl = resources(v.template, 'Custom::ElastiCacheExportBucketAcl');
    ensure(acl.length === 1, `${v.name}: expected the staging bucket's ACL custom resource`);
    const fn = resourceOfType(v.template, refTarget(props(acl[0][1]).ServiceToken), 'AWS::Lambda::Function');
    ensure(fn !== undefined && props(fn).VpcConfig !== undefined, `${v.name}: the ACL custom resource's function is not in the VPC`, fn);
    vpcFunctionsHaveNat(world); // in the default variant, every VPC function (this one included) routes through a NAT gateway
    const { noEndpoints, withoutS3, allEndpoints } = world.isolatedArchive;
    ensure(noEndpoints !== undefined && /elasticache, sns and s3/.test(noEndpoints), `in isolated subnets without endpoints the archive must fail synth naming elasticache, sns and s3, got: ${noEndpoints}`);
    ensure(withoutS3 !== undefined && /no gateway endpoint for s3:/.test(withoutS3), `without an S3 endpoint the archive must fail synth naming s3, got: ${withoutS3}`);
    ensure(allEndpoints === undefined, `with ElastiCache and SNS interface endpoints and an S3 gateway endpoint the synth must pass, got: ${allEndpoints}`);
  },
};

// ------------------------------------------------------------------------------------------------ synthesis

function synthOutcome(synth: () => void): SynthOutcome {
  try {
    synth();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * A VPC with only isolated subnets and no NAT gateway, given interface endpoints (and an S3 gateway endpoint), and a
 * cache with `cacheProps`: the rotation's checks turn the archive off, the archive's turn rotation off.
 */
function isolatedVpcSynth(
  endpoints: readonly ec2.InterfaceVpcEndpointAwsService[],
  cacheProps: Partial<CompliantRedisReplicationGroupProps> = { snapshotArchive: false },
  s3Gateway = false,
): SynthOutcome {
  const app = new App({ context: { ...STRICT_CFN_VALIDATION } });
  const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: REGION } });
  stack.node.setContext(`availability-zones:account=${ACCOUNT}:region=${REGION}`, AZS);
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 3,
    natGateways: 0,
    subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  endpoints.forEach((service, i) => vpc.addInterfaceEndpoint(`Endpoint${i}`, { service }));
  if (s3Gateway) vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
  new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, ...cacheProps });
  return synthOutcome(() => app.synth());
}

function guardedSynth(
  lockPath: string,
  extra: Partial<CompliantRedisReplicationGroupProps>,
  mutate?: (rg: elasticache.CfnReplicationGroup) => void,
): SynthOutcome {
  const { app, stack, vpc } = cacheStack();
  const group = new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, replacementGuard: ReplacementGuard.lockFile(lockPath), ...extra });
  mutate?.(group.node.defaultChild as elasticache.CfnReplicationGroup);
  return synthOutcome(() => app.synth());
}

/** The interface endpoints of the archive's functions in isolated subnets (S3 takes a gateway endpoint). */
const ARCHIVE_INTERFACE_ENDPOINTS = [ec2.InterfaceVpcEndpointAwsService.ELASTICACHE, ec2.InterfaceVpcEndpointAwsService.SNS];

let world: World;

beforeAll(() => {
  const variants = Object.entries(VARIANT_PROPS).map(([name, variantProps]): Variant => {
    const { stack, vpc } = cacheStack();
    const group = new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, ...variantProps });
    return { name, props: variantProps, stack, group, template: Template.fromStack(stack).toJSON() as CfnTemplate };
  });

  const lockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-facts-guard-'));
  const lockPath = path.join(lockDir, 'lock.json');
  let replacementGuard: World['replacementGuard'];
  try {
    const baseline = guardedSynth(lockPath, {});
    if (baseline !== undefined) throw new Error(`the replacement-guard baseline synth failed: ${baseline}`);
    replacementGuard = {
      transitEncryptionModeChanged: guardedSynth(lockPath, {}, (rg) => { rg.transitEncryptionMode = 'preferred'; }),
      portChanged: guardedSynth(lockPath, { port: 6390 }),
    };
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }

  world = {
    variants,
    variant: (name) => {
      const found = variants.find((v) => v.name === name);
      if (found === undefined) throw new Error(`no variant ${name}`);
      return found;
    },
    isolatedVpc: {
      noEndpoints: isolatedVpcSynth([]),
      secretsManagerOnly: isolatedVpcSynth([ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER]),
      bothEndpoints: isolatedVpcSynth([ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER, ec2.InterfaceVpcEndpointAwsService.ELASTICACHE]),
    },
    isolatedArchive: {
      noEndpoints: isolatedVpcSynth([], { credentialRotation: false }),
      withoutS3: isolatedVpcSynth(ARCHIVE_INTERFACE_ENDPOINTS, { credentialRotation: false }),
      allEndpoints: isolatedVpcSynth(ARCHIVE_INTERFACE_ENDPOINTS, { credentialRotation: false }, true),
    },
    replacementGuard,
  };
}, 300_000);

// ------------------------------------------------------------------------------------------------ tests

const AWS_OWNED_HOSTS = ['docs.aws.amazon.com', 'docs.amazonaws.cn', 'repost.aws', 'www.repost.aws', 'aws.amazon.com'];

describe('catalogue hygiene', () => {
  test('holds every fact of every source, once', () => {
    expect(AWS_FACTS).toEqual([...NOTIFICATION_AND_EVENT_FACTS, ...PLATFORM_FACTS, ...SNAPSHOT_ARCHIVE_FACTS, ...CONTROL_TOWER_FACTS]);
    const ids = AWS_FACTS.map((f) => f.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  test.each(AWS_FACTS.map((f): [string, AwsFact] => [f.id, f]))('%s is well formed', (_id, fact) => {
    expect(fact.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);

    const url = new URL(fact.url);
    expect(url.protocol).toBe('https:');
    const amplify = url.host === 'aws-amplify.github.io' && /amplify/i.test(fact.section);
    expect({ host: url.host, awsOwned: AWS_OWNED_HOSTS.includes(url.host) || amplify }).toEqual({ host: url.host, awsOwned: true });

    expect(fact.section.trim()).not.toBe('');
    expect(fact.quote.trim()).not.toBe('');
    expect(fact.quote).not.toMatch(/^\s*(\.\.\.|…)/);
    expect(fact.quote).toBe(fact.quote.trim());

    expect(fact.constrains.length).toBeGreaterThan(0);
    for (const c of fact.constrains) {
      expect(c.resourceType).toMatch(/^(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+|Events|Policy)$/);
      expect(c.property.trim()).not.toBe('');
    }
    expect(fact.consequence.trim()).not.toBe('');
  });
});

describe('every fact about AWS is enforced', () => {
  test('every fact has an enforcement (a fact about AWS nobody enforces fails here)', () => {
    expect(AWS_FACTS.map((f) => f.id).filter((id) => ENFORCEMENTS[id] === undefined)).toEqual([]);
  });

  test('every enforcement belongs to a fact of the catalogue', () => {
    const ids = new Set(AWS_FACTS.map((f) => f.id));
    expect(Object.keys(ENFORCEMENTS).filter((id) => !ids.has(id))).toEqual([]);
  });

  test('the variant matrix synthesized', () => {
    expect(world.variants.map((v) => v.name)).toEqual(Object.keys(VARIANT_PROPS));
    for (const v of world.variants) expect(Object.keys(v.template.Resources).length).toBeGreaterThan(0);
  });

  test.each(AWS_FACTS.map((f) => [f.id]))('%s', (id) => {
    const enforcement = ENFORCEMENTS[id];
    expect(enforcement).toBeDefined();
    if (typeof enforcement === 'function') {
      enforcement(world);
      return;
    }
    const file = path.join(ROOT, enforcement.enforcedBy);
    expect(path.resolve(file)).not.toBe(path.resolve(__filename));
    expect(fs.existsSync(file)).toBe(true);
    const mentions = fs.readFileSync(file, 'utf-8').includes(id);
    expect({ file: enforcement.enforcedBy, mentionsFactId: mentions }).toEqual({ file: enforcement.enforcedBy, mentionsFactId: true });
    enforcement.check?.(world);
  });
});
