/**
 * Every CloudTrail rule the library writes, judged by AWS's own matcher (event-ruler) against CloudTrail records
 * shaped as CloudTrail documents them (./cloudtrail-records.ts), on real synthesized stacks whose intrinsics are
 * resolved to the values AWS would see (./template-values.ts).
 *
 * All records of all sections of every variant of the cache are matched against all of the variant's rules in one
 * Java process (the first beforeAll); the tests then read the answers.
 */
import { Template } from 'aws-cdk-lib/assertions';
import {
  CloudTrailEvent, CLOUDTRAIL_DETAIL_TYPE, cloudFormationRoleIdentity, elastiCacheApiCall, federatedUserIdentity, iamUserIdentity,
  identityCenterUserIdentity, invokedBy, CLOUDFORMATION, lambdaFunctionIdentity, personSsoRoleIdentity, rootIdentity, UserIdentity,
} from './cloudtrail-records';
import { MatchCase, matchAll } from './event-ruler';
import { CfnResourceJson, CfnTemplate, resolveTemplate, TemplateValues } from './template-values';
import {
  CacheAuthentication, CacheChangeDetection, CacheEngineVersion, CompliantRedisReplicationGroup, CompliantRedisReplicationGroupProps,
} from '../../src';
import { cacheStack } from '../helpers/cache-stack';

// ---------------------------------------------------------------------------------------------------------------
// What CloudTrail records for each watched event: the request parameter that names the resource acted on, and
// the rest of a typical request (API reference parameter names, camelCase as in CloudTrail's requestParameters)
// ---------------------------------------------------------------------------------------------------------------

/** The kinds of resource a watched event acts on. */
type ResourceKind = 'group' | 'node' | 'parameterGroup' | 'subnetGroup' | 'user' | 'userGroup' | 'snapshot';

interface CloudTrailRequest {
  readonly kind: ResourceKind;
  /** The request parameter that names the resource. */
  readonly key: string;
  /** The rest of a typical request. */
  readonly rest?: { [name: string]: unknown };
}

const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';

/**
 * Keyed by eventName. CopySnapshot names its source `sourceSnapshotName` (its parameters are SourceSnapshotName,
 * TargetSnapshotName, TargetBucket, KmsKeyId: there is no SnapshotName). CreateCacheCluster names the new node;
 * a node added to a replication group also carries `replicationGroupId` (tested separately).
 */
const CLOUDTRAIL_REQUESTS: { [eventName: string]: CloudTrailRequest } = {
  CreateCacheCluster: { kind: 'node', key: 'cacheClusterId', rest: { cacheNodeType: 'cache.r7g.large', engine: 'valkey' } },
  DeleteCacheCluster: { kind: 'node', key: 'cacheClusterId' },
  // seeds/003 scenario 1
  ModifyCacheCluster: { kind: 'node', key: 'cacheClusterId', rest: { cacheNodeType: 'cache.r6g.large', applyImmediately: true } },
  RebootCacheCluster: { kind: 'node', key: 'cacheClusterId', rest: { cacheNodeIdsToReboot: ['0001'] } },
  CreateReplicationGroup: {
    kind: 'group', key: 'replicationGroupId', rest: { replicationGroupDescription: 'recreated by hand', engine: 'valkey', cacheNodeType: 'cache.r7g.large' },
  },
  // seeds/003 scenario 2
  DeleteReplicationGroup: { kind: 'group', key: 'replicationGroupId', rest: { retainPrimaryCluster: false } },
  ModifyReplicationGroup: { kind: 'group', key: 'replicationGroupId', rest: { snapshotRetentionLimit: 0, applyImmediately: true } },
  // seeds/003 scenario 3
  IncreaseReplicaCount: { kind: 'group', key: 'replicationGroupId', rest: { newReplicaCount: 3, applyImmediately: true } },
  DecreaseReplicaCount: { kind: 'group', key: 'replicationGroupId', rest: { newReplicaCount: 0, applyImmediately: true } },
  ModifyReplicationGroupShardConfiguration: { kind: 'group', key: 'replicationGroupId', rest: { nodeGroupCount: 1, applyImmediately: true } },
  TestFailover: { kind: 'group', key: 'replicationGroupId', rest: { nodeGroupId: '0001' } },
  CreateCacheParameterGroup: {
    kind: 'parameterGroup', key: 'cacheParameterGroupName', rest: { cacheParameterGroupFamily: 'valkey8', description: 'same name, other settings' },
  },
  DeleteCacheParameterGroup: { kind: 'parameterGroup', key: 'cacheParameterGroupName' },
  // seeds/003 scenario 4
  ModifyCacheParameterGroup: {
    kind: 'parameterGroup', key: 'cacheParameterGroupName', rest: { parameterNameValues: [{ parameterName: 'maxmemory-policy', parameterValue: 'allkeys-lru' }] },
  },
  ResetCacheParameterGroup: { kind: 'parameterGroup', key: 'cacheParameterGroupName', rest: { resetAllParameters: true } },
  ModifyCacheSubnetGroup: { kind: 'subnetGroup', key: 'cacheSubnetGroupName', rest: { subnetIds: ['subnet-0a1b2c3d4e5f60718'] } },
  DeleteCacheSubnetGroup: { kind: 'subnetGroup', key: 'cacheSubnetGroupName' },
  ModifyUser: { kind: 'user', key: 'userId', rest: { accessString: 'on ~* +@all', passwords: HIDDEN } },
  DeleteUser: { kind: 'user', key: 'userId' },
  ModifyUserGroup: { kind: 'userGroup', key: 'userGroupId', rest: { userIdsToAdd: ['intruder'] } },
  DeleteUserGroup: { kind: 'userGroup', key: 'userGroupId' },
  DeleteSnapshot: { kind: 'snapshot', key: 'snapshotName' },
  CopySnapshot: { kind: 'snapshot', key: 'sourceSnapshotName', rest: { targetSnapshotName: 'copied-by-hand', targetBucket: 'somebody-elses-bucket' } },
};

/** The requestParameters of `eventName` acting on the resource `name`. */
function requestParameters(eventName: string, name: string): { [key: string]: unknown } {
  const request = cloudTrailRequest(eventName);
  return { [request.key]: name, ...request.rest };
}

function cloudTrailRequest(eventName: string): CloudTrailRequest {
  const request = CLOUDTRAIL_REQUESTS[eventName];
  if (!request) {
    throw new Error(`${eventName} is watched but this test does not know its CloudTrail requestParameters: add it to CLOUDTRAIL_REQUESTS`);
  }
  return request;
}

// ---------------------------------------------------------------------------------------------------------------
// The cache under test, read from its resolved template
// ---------------------------------------------------------------------------------------------------------------

/** The names of a cache's resources, as CloudTrail requests name them. */
interface CacheNames {
  readonly replicationGroupId: string;
  /** Whether the group has shards (cluster mode enabled). */
  readonly clusterMode: boolean;
  readonly node: string[];
  readonly group: string[];
  readonly parameterGroup: string[];
  readonly subnetGroup: string[];
  readonly user: string[];
  readonly userGroup: string[];
  readonly snapshot: string[];
}

/** A Lambda function of the library and the role it calls AWS with. */
interface LibraryFunction {
  readonly roleArn: string;
  readonly functionName: string;
  readonly functionArn?: string;
}

/** One change-detection rule. */
interface DetectionRule {
  readonly logicalId: string;
  readonly description: string;
  readonly pattern: { [key: string]: unknown };
}

/** A day's automatic snapshot: `automatic.<replication group id>-<yyyy-mm-dd-hh-mm>`. */
const automaticSnapshot = (replicationGroupId: string) => `automatic.${replicationGroupId}-2026-12-01-04-00`;

function cacheNamesOf(template: CfnTemplate): CacheNames {
  const [group] = resourcesOf(template, 'AWS::ElastiCache::ReplicationGroup', 1);
  const p = group.resource.Properties ?? {};
  const id = p.ReplicationGroupId as string;
  const userGroupIds = (p.UserGroupIds as string[] | undefined) ?? [];
  const userIds = resourcesOf(template, 'AWS::ElastiCache::UserGroup')
    .filter((ug) => userGroupIds.includes(ug.resource.Properties?.UserGroupId as string))
    .flatMap((ug) => ug.resource.Properties?.UserIds as string[]);
  return {
    replicationGroupId: id,
    clusterMode: p.NumNodeGroups !== undefined,
    group: [id],
    node: memberNodeIds(id, p),
    parameterGroup: [p.CacheParameterGroupName as string],
    subnetGroup: [p.CacheSubnetGroupName as string],
    user: userIds,
    userGroup: userGroupIds,
    snapshot: [automaticSnapshot(id)],
  };
}

/** ElastiCache's names of the member nodes: `<id>-001`... (cluster mode disabled), `<id>-0001-001`... (enabled). */
function memberNodeIds(id: string, p: { [name: string]: unknown }): string[] {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  if (typeof p.NumCacheClusters === 'number') {
    return Array.from({ length: p.NumCacheClusters }, (_, i) => `${id}-${pad(i + 1, 3)}`);
  }
  if (typeof p.NumNodeGroups === 'number' && typeof p.ReplicasPerNodeGroup === 'number') {
    const shards = p.NumNodeGroups;
    const nodes = p.ReplicasPerNodeGroup + 1;
    return Array.from({ length: shards * nodes }, (_, i) => `${id}-${pad(Math.floor(i / nodes) + 1, 4)}-${pad((i % nodes) + 1, 3)}`);
  }
  throw new Error(`cannot tell the member nodes of ${id} from ${JSON.stringify(p)}`);
}

/** Another cache in the same account, named like this one's resources. */
function otherCache(like: CacheNames): CacheNames {
  const id = 'other-cache';
  return {
    replicationGroupId: id,
    clusterMode: like.clusterMode,
    group: [id],
    node: like.node.map((n) => n.replace(like.replicationGroupId, id)),
    parameterGroup: [`${id}-params`],
    subnetGroup: [id],
    user: [`${id}-app`, `${id}-default`],
    userGroup: [`${id}-users`],
    snapshot: [automaticSnapshot(id), `${id}-before-upgrade`],
  };
}

/** The role (logical ID containing `part`) and the function that uses it, if the template has one. */
function libraryFunction(template: CfnTemplate, resolved: CfnTemplate, part: string): LibraryFunction | undefined {
  const roles = resourcesOf(resolved, 'AWS::IAM::Role').filter((r) => r.logicalId.includes(part));
  if (roles.length === 0) return undefined;
  if (roles.length > 1) throw new Error(`more than one role contains '${part}': ${roles.map((r) => r.logicalId)}`);
  const values = new TemplateValues(template);
  const roleArn = values.getAtt(roles[0].logicalId, 'Arn');
  const fn = resourcesOf(resolved, 'AWS::Lambda::Function').find((f) => f.resource.Properties?.Role === roleArn);
  return fn
    ? { roleArn, functionName: values.ref(fn.logicalId), functionArn: values.getAtt(fn.logicalId, 'Arn') }
    : { roleArn, functionName: roles[0].logicalId };
}

function detectionRulesOf(resolved: CfnTemplate): DetectionRule[] {
  return resourcesOf(resolved, 'AWS::Events::Rule')
    .filter((r) => {
      const pattern = r.resource.Properties?.EventPattern as { 'detail-type'?: unknown } | undefined;
      return Array.isArray(pattern?.['detail-type']) && pattern['detail-type'].includes(CLOUDTRAIL_DETAIL_TYPE)
        && r.resource.Properties?.State !== 'DISABLED';
    })
    .map((r) => ({
      logicalId: r.logicalId,
      description: String(r.resource.Properties?.Description ?? ''),
      pattern: r.resource.Properties?.EventPattern as { [key: string]: unknown },
    }));
}

function resourcesOf(template: CfnTemplate, type: string, count?: number): { logicalId: string; resource: CfnResourceJson }[] {
  const found = Object.entries(template.Resources)
    .filter(([, r]) => r.Type === type)
    .map(([logicalId, resource]) => ({ logicalId, resource }));
  if (count !== undefined && found.length !== count) throw new Error(`expected ${count} ${type}, found ${found.length}`);
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Cases: a record and what change detection must do with it
// ---------------------------------------------------------------------------------------------------------------

const SEVERITIES = ['CRITICAL', 'HIGH', 'WARNING'];

/** `severity`: exactly one rule matches, the one whose Description starts with it; undefined: no rule matches. */
interface Case {
  readonly section: string;
  readonly label: string;
  readonly record: CloudTrailEvent;
  readonly severity?: string;
}

/** Who makes a call. */
interface Caller {
  readonly who: string;
  readonly identity: () => UserIdentity;
  /** In the AWS Management Console. */
  readonly console?: boolean;
}

/** One record to build, and what change detection must do with it (see `Case`). */
interface CaseSpec {
  readonly section: string;
  readonly by: Caller;
  readonly eventName: string;
  readonly params: { [name: string]: unknown };
  readonly severity?: string;
}

/** People making a change by hand, one per identity type CloudTrail documents for such calls. */
const BY_HAND: Caller[] = [
  { who: 'the root user', identity: () => rootIdentity({ console: true }), console: true },
  { who: 'the IAM user ops-engineer with an access key', identity: () => iamUserIdentity() },
  { who: 'the IAM user ops-engineer in the console', identity: () => iamUserIdentity({ console: true }), console: true },
  { who: 'a person in an IAM Identity Center role', identity: () => personSsoRoleIdentity() },
  { who: 'a federated user', identity: () => federatedUserIdentity() },
  { who: 'an IAM Identity Center user', identity: () => identityCenterUserIdentity() },
];

/** CloudFormation deploying: with the CDK bootstrap's role, or with an IAM user's own credentials. */
const BY_CLOUDFORMATION: Caller[] = [
  { who: 'the CloudFormation execution role', identity: () => cloudFormationRoleIdentity() },
  { who: 'an IAM user deploying', identity: () => invokedBy(iamUserIdentity(), CLOUDFORMATION) },
];

interface Variant {
  readonly name: string;
  readonly props: Partial<CompliantRedisReplicationGroupProps>;
  /** What the credential rotation function calls to change the credential (none: no rotation). */
  readonly rotationEvent?: string;
}

const VARIANTS: Variant[] = [
  { name: 'Valkey and an RBAC password (the default)', props: {}, rotationEvent: 'ModifyUser' },
  { name: 'Redis OSS 7.1 and an RBAC password', props: { engineVersion: CacheEngineVersion.REDIS_7_1 }, rotationEvent: 'ModifyUser' },
  { name: 'an AUTH token', props: { authentication: CacheAuthentication.authToken() }, rotationEvent: 'ModifyReplicationGroup' },
  { name: 'IAM authentication', props: { authentication: CacheAuthentication.iam() } },
  { name: 'three shards', props: { shards: 3 }, rotationEvent: 'ModifyUser' },
];

/** A synthesized cache, its rules, and every case, matched (by `matchScenarios`). */
class Scenario {
  public readonly names: CacheNames;
  public readonly rules: DetectionRule[];
  public readonly rotation?: LibraryFunction;
  public readonly archive?: LibraryFunction;
  public readonly archiveBucket?: string;
  public readonly watched: { eventName: string; severity: string; scope: string }[];
  private readonly cases: Case[] = [];
  private matched: DetectionRule[][] = [];

  constructor(private readonly variant: Variant) {
    const { stack, vpc } = cacheStack();
    new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, ...variant.props });
    const template = Template.fromStack(stack).toJSON() as CfnTemplate;
    const resolved = resolveTemplate(template);
    this.names = cacheNamesOf(resolved);
    this.rules = detectionRulesOf(resolved);
    this.rotation = libraryFunction(template, resolved, 'Rotation');
    this.archive = libraryFunction(template, resolved, 'ArchiveServiceRole');
    const values = new TemplateValues(template);
    const bucket = resourcesOf(resolved, 'AWS::S3::Bucket').find((b) => /Archive/.test(b.logicalId) && !/Log/.test(b.logicalId));
    this.archiveBucket = bucket ? values.ref(bucket.logicalId) : undefined;
    // the watched events that have a resource of this cache to act on (no users with an AUTH token)
    this.watched = CacheChangeDetection.WATCHED_EVENTS
      .filter((e) => this.names[cloudTrailRequest(e.eventName).kind].length > 0)
      .map((e) => ({ eventName: e.eventName, severity: e.severity, scope: e.scope }));
    this.buildCases();
  }

  /** The cases of a section whose label contains `filter`. */
  public section(section: string, filter = ''): Case[] {
    const cases = this.cases.filter((c) => c.section === section && c.label.includes(filter));
    if (cases.length === 0) throw new Error(`no cases in section ${section} ${filter}`);
    return cases;
  }

  /** Every case of the section that change detection gets wrong, explained. */
  public problems(cases: Case[]): string[] {
    return cases.flatMap((c) => {
      const matched = this.matched[this.cases.indexOf(c)];
      const ok = c.severity === undefined
        ? matched.length === 0
        : matched.length === 1 && matched[0].description.startsWith(`${c.severity} `);
      if (ok) return [];
      const expected = c.severity === undefined ? 'no rule' : `exactly the ${c.severity} rule`;
      return [`${c.label}: expected ${expected}, matched [${matched.map((r) => r.logicalId).join(', ')}]`];
    });
  }

  private buildCases(): void {
    const names = this.names;
    const other = otherCache(names);
    const add = (c: CaseSpec) => this.cases.push({
      section: c.section,
      label: `${c.eventName} ${JSON.stringify(c.params)} by ${c.by.who}`,
      record: elastiCacheApiCall({ eventName: c.eventName, requestParameters: c.params, userIdentity: c.by.identity(), console: c.by.console }),
      severity: c.severity,
    });
    /** Every watched event on every resource of `cache` it can act on. */
    const everyEvent = (cache: CacheNames, fn: (eventName: string, severity: string, params: { [k: string]: unknown }) => void) => {
      for (const e of this.watched) {
        for (const resource of cache[cloudTrailRequest(e.eventName).kind]) fn(e.eventName, e.severity, requestParameters(e.eventName, resource));
      }
    };

    // (a) by hand, by every identity type: reported once, at the event's severity
    for (const by of BY_HAND) {
      everyEvent(names, (eventName, severity, params) => add({ section: 'by hand', by, eventName, params, severity }));
    }
    // a node added to this group under a name of its own: CreateCacheCluster with ReplicationGroupId (a read replica;
    // cluster mode disabled only, a cluster-mode group grows by IncreaseReplicaCount or a shard configuration change)
    if (!this.names.clusterMode && this.watched.some((e) => e.eventName === 'CreateCacheCluster')) {
      const severity = this.severityOf('CreateCacheCluster');
      for (const by of BY_HAND) {
        const params = { cacheClusterId: 'extra-replica', replicationGroupId: names.replicationGroupId };
        add({ section: 'node added', by, eventName: 'CreateCacheCluster', params, severity });
      }
      const elsewhere = { cacheClusterId: 'extra-replica', replicationGroupId: other.replicationGroupId };
      add({ section: 'node added elsewhere', by: BY_HAND[1], eventName: 'CreateCacheCluster', params: elsewhere });
    }
    // (b) by CloudFormation: not reported
    for (const by of BY_CLOUDFORMATION) {
      everyEvent(names, (eventName, _severity, params) => add({ section: 'by CloudFormation', by, eventName, params }));
    }
    // (c) on another cache: not reported
    for (const by of BY_HAND) {
      everyEvent(other, (eventName, _severity, params) => add({ section: 'other cache', by, eventName, params }));
    }
    // (d) by the library's own functions: their own job is not reported, anything else they do is
    if (this.rotation) {
      const rotation = this.rotation;
      const by: Caller = { who: `the rotation function (${rotation.functionName})`, identity: () => lambdaFunctionIdentity(rotation) };
      const own = this.variant.rotationEvent === 'ModifyReplicationGroup'
        ? [{
          eventName: 'ModifyReplicationGroup',
          params: { replicationGroupId: names.replicationGroupId, authToken: HIDDEN, authTokenUpdateStrategy: 'ROTATE', applyImmediately: true },
        }]
        : names.user.filter((u) => !u.endsWith('-default')).map((u) => ({ eventName: 'ModifyUser', params: { userId: u, passwords: HIDDEN } }));
      for (const o of own) add({ section: 'rotation own', by, ...o });
      everyEvent(names, (eventName, severity, params) => {
        if (eventName !== this.variant.rotationEvent) add({ section: 'rotation other', by, eventName, params, severity });
      });
    }
    if (this.archive) {
      const archive = this.archive;
      const by: Caller = { who: `the archive function (${archive.functionName})`, identity: () => lambdaFunctionIdentity(archive) };
      const source = automaticSnapshot(names.replicationGroupId);
      // the export: TargetSnapshotName is the source name without `automatic.`, TargetBucket the archive bucket
      const params = { sourceSnapshotName: source, targetSnapshotName: source.slice('automatic.'.length), targetBucket: this.archiveBucket };
      add({ section: 'archive own', by, eventName: 'CopySnapshot', params });
      everyEvent(names, (eventName, severity, request) => {
        if (eventName !== 'CopySnapshot') add({ section: 'archive other', by, eventName, params: request, severity });
      });
    }
    // (e) CopySnapshot of this cache's snapshot made by hand, to a bucket or within the account
    if (this.watched.some((e) => e.eventName === 'CopySnapshot')) {
      const severity = this.severityOf('CopySnapshot');
      const sourceSnapshotName = automaticSnapshot(names.replicationGroupId);
      for (const by of BY_HAND) {
        const toBucket = { sourceSnapshotName, targetSnapshotName: 'exported', targetBucket: 'somebody-elses-bucket' };
        const inAccount = { sourceSnapshotName, targetSnapshotName: 'kept-copy', kmsKeyId: 'alias/other' };
        add({ section: 'copy by hand', by, eventName: 'CopySnapshot', params: toBucket, severity });
        add({ section: 'copy by hand', by, eventName: 'CopySnapshot', params: inAccount, severity });
      }
    }
    // (f) snapshots of a cache whose ID merely starts with this ID ('cache-abc' and 'cache-abcd'), and this cache's
    // own manual snapshots, named by convention `<id>-...`; by an IAM user and by a role session, so that neither
    // a userIdentity filter nor a name filter hides a mistake of the other
    const longer = `${names.replicationGroupId}d`;
    const snapshotEvents = this.watched.filter((e) => cloudTrailRequest(e.eventName).kind === 'snapshot');
    for (const by of BY_HAND.filter((b) => /access key|Identity Center role/.test(b.who))) {
      for (const e of snapshotEvents) {
        for (const name of [automaticSnapshot(longer), `${longer}-before-upgrade`, longer]) {
          add({ section: 'longer id', by, eventName: e.eventName, params: requestParameters(e.eventName, name) });
        }
        for (const name of [`${names.replicationGroupId}-before-upgrade`, names.replicationGroupId]) {
          add({ section: 'manual snapshot', by, eventName: e.eventName, params: requestParameters(e.eventName, name), severity: e.severity });
        }
      }
    }
  }

  private severityOf(eventName: string): string {
    return this.watched.find((e) => e.eventName === eventName)!.severity;
  }

  /** Every record against every rule: the cases to match, in the order `setAnswers` takes their answers. */
  public matchCases(): MatchCase[] {
    return this.cases.flatMap((c) => this.rules.map((rule) => ({ pattern: rule.pattern, event: c.record })));
  }

  /** The answers to `matchCases()`, in order. */
  public setAnswers(answers: readonly boolean[]): void {
    this.matched = this.cases.map((_, i) => this.rules.filter((_rule, j) => answers[i * this.rules.length + j]));
  }
}

/**
 * Matches the scenarios in one Java process. When that fails (a pattern event-ruler refuses), each scenario is matched
 * on its own, so that the error is the one of the scenario it belongs to.
 */
function matchScenarios(scenarios: readonly Scenario[]): (Error | undefined)[] {
  const batches = scenarios.map((s) => s.matchCases());
  let answers: boolean[];
  try {
    answers = matchAll(batches.flat());
  } catch {
    return scenarios.map((s, i) => {
      try {
        s.setAnswers(matchAll(batches[i]));
        return undefined;
      } catch (e) {
        return e as Error;
      }
    });
  }
  let offset = 0;
  scenarios.forEach((s, i) => {
    s.setAnswers(answers.slice(offset, offset + batches[i].length));
    offset += batches[i].length;
  });
  return scenarios.map(() => undefined);
}

/** Each variant's scenario, or why it could not be built or matched. */
let scenarios: Map<Variant, Scenario | Error> | undefined;

/**
 * The matched scenario of `variant`. The first call synthesizes every variant and matches all of them in one Java
 * process (a process per variant was most of this file's time); a variant that fails fails its own tests only.
 */
function scenarioOf(variant: Variant): Scenario {
  if (!scenarios) {
    const built = new Map<Variant, Scenario | Error>(VARIANTS.map((v): [Variant, Scenario | Error] => {
      try {
        return [v, new Scenario(v)];
      } catch (e) {
        return [v, e as Error];
      }
    }));
    const synthesized = [...built].filter((entry): entry is [Variant, Scenario] => entry[1] instanceof Scenario);
    const errors = matchScenarios(synthesized.map(([, s]) => s));
    synthesized.forEach(([v], i) => {
      if (errors[i]) built.set(v, errors[i]!);
    });
    scenarios = built;
  }
  const scenario = scenarios.get(variant);
  if (!(scenario instanceof Scenario)) throw scenario;
  return scenario;
}

// ---------------------------------------------------------------------------------------------------------------

describe.each(VARIANTS)('change detection of a cache with $name', (variant) => {
  let s: Scenario;
  beforeAll(() => {
    s = scenarioOf(variant);
  });

  test('has one CloudTrail rule per severity, each described by its severity', () => {
    expect(s.rules.map((r) => r.description.split(' ')[0]).sort()).toEqual([...SEVERITIES].sort());
  });

  test('names each event\'s resource with the request parameter CloudTrail records for it', () => {
    const mismatches = s.watched
      .filter((e) => e.scope !== cloudTrailRequest(e.eventName).key)
      .map((e) => `${e.eventName}: scope ${e.scope}, CloudTrail records ${cloudTrailRequest(e.eventName).key}`);
    expect(mismatches).toEqual([]);
  });

  describe('a change made by hand', () => {
    test.each(BY_HAND.map((h) => h.who))('is reported once, at its severity, for every watched event when %s makes it', (who) => {
      expect(s.problems(s.section('by hand', `by ${who}`))).toEqual([]);
    });

    if (!variant.props.shards) {
      test('is reported when a node is added to this group under a name of its own', () => {
        expect(s.problems(s.section('node added'))).toEqual([]);
      });
    }

    test('is reported when a snapshot of this cache is copied, to a bucket or within the account', () => {
      expect(s.problems(s.section('copy by hand'))).toEqual([]);
    });

    test('is reported on this cache\'s manual snapshots, named by convention after the cache', () => {
      expect(s.problems(s.section('manual snapshot'))).toEqual([]);
    });
  });

  describe('a change that is not drift of this cache', () => {
    test('is not reported when CloudFormation makes it', () => {
      expect(s.problems(s.section('by CloudFormation'))).toEqual([]);
    });

    test('is not reported on another cache, its nodes, groups, users and snapshots', () => {
      expect(s.problems(s.section('other cache'))).toEqual([]);
    });

    if (!variant.props.shards) {
      test('is not reported when a node is added to another group', () => {
        expect(s.problems(s.section('node added elsewhere'))).toEqual([]);
      });
    }

    test('is not reported on snapshots of a cache whose ID merely starts with this cache\'s ID', () => {
      expect(s.problems(s.section('longer id'))).toEqual([]);
    });
  });

  describe('the library\'s own functions', () => {
    if (variant.rotationEvent) {
      test(`are not reported when the rotation function changes the credential (${variant.rotationEvent})`, () => {
        expect(s.problems(s.section('rotation own'))).toEqual([]);
      });

      test('are reported once, at its severity, for every other watched event the rotation function\'s role makes', () => {
        expect(s.problems(s.section('rotation other'))).toEqual([]);
      });
    } else {
      test('have no rotation function to trust (no credential to rotate)', () => {
        expect(s.rotation).toBeUndefined();
      });
    }

    test('are not reported when the archive function exports this cache\'s automatic snapshot to its bucket', () => {
      expect(s.archiveBucket).toBeDefined();
      expect(s.problems(s.section('archive own'))).toEqual([]);
    });

    test('are reported once, at its severity, for every other watched event the archive function\'s role makes', () => {
      expect(s.problems(s.section('archive other'))).toEqual([]);
    });
  });
});
