import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as fc from 'fast-check';
import {
  CacheAuthentication,
  CacheAuthenticationMode,
  CacheEngine,
  CacheEngineVersion,
  CacheNodeType,
  CompliantRedisReplicationGroup,
  CompliantRedisReplicationGroupProps,
  HitrustChecks,
  HitrustRuleId,
} from '../../src';
import { HitrustValidationError } from '../../src/private/errors';

/** Runs per `npx projen test` (the inner loop); `npx projen test:thorough`, which CI runs, sets PROPERTY_RUNS=1000. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);

const hour = fc.integer({ min: 0, max: 23 }).map((h) => String(h).padStart(2, '0'));
const minute = fc.constantFrom('00', '15', '30', '45');
const clock = fc.tuple(hour, minute).map(([h, m]) => `${h}:${m}`);
const day = fc.constantFrom('sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat');

/** Mostly a valid value, sometimes anything: so that both outcomes occur often across ~15 fields. */
function mostly<T>(valid: fc.Arbitrary<T>, anything: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: valid, weight: 9 }, { arbitrary: anything, weight: 1 });
}

const versions = [
  CacheEngineVersion.REDIS_6_2, CacheEngineVersion.REDIS_7_0, CacheEngineVersion.REDIS_7_1,
  CacheEngineVersion.VALKEY_7_2, CacheEngineVersion.VALKEY_8_0, CacheEngineVersion.VALKEY_8_1,
];

/** Props a user could write, valid or not. */
const propsArbitrary: fc.Arbitrary<Partial<CompliantRedisReplicationGroupProps>> = fc.record({
  engineVersion: mostly(
    fc.constantFrom(...versions),
    // a malformed version ('x') never reaches the construct: `CacheEngineVersion.of()` throws (its own tests)
    fc.tuple(fc.constantFrom(CacheEngine.REDIS, CacheEngine.VALKEY), fc.constantFrom('3.2', '4.0', '5.0.6', '6.0', '7.1', '8.2', '9.0'))
      .map(([engine, version]) => CacheEngineVersion.of(engine, version)),
  ),
  nodeType: mostly(
    fc.constantFrom(CacheNodeType.R7G_LARGE, CacheNodeType.M7G_LARGE, CacheNodeType.T4G_MEDIUM, CacheNodeType.R6GD_XLARGE,
      CacheNodeType.of('cache.t2.small'), CacheNodeType.of('cache.r6g.xlarge')),
    fc.constant(CacheNodeType.of('cache.t1.micro')),
  ),
  port: mostly(fc.oneof(fc.integer({ min: 1024, max: 65535 }), fc.constant(6379)), fc.integer({ min: 0, max: 70000 })),
  shards: mostly(fc.integer({ min: 1, max: 4 }), fc.integer({ min: -1, max: 600 })),
  replicasPerShard: mostly(fc.integer({ min: 1, max: 5 }), fc.integer({ min: -1, max: 6 })),
  authentication: mostly(
    fc.oneof(
      fc.constantFrom('app', 'orders').map((userName) => CacheAuthentication.rbacPassword({ userName })),
      fc.constantFrom('on ~* +@read', 'on ~app:* +@all -@dangerous').map((accessString) => CacheAuthentication.iam({ accessString })),
      fc.constant(CacheAuthentication.authToken()),
    ),
    fc.oneof(
      fc.constant(CacheAuthentication.rbacPassword({ userName: 'default' })),
      fc.constant(CacheAuthentication.rbacPassword({ accessString: 'on nopass ~* +@all' })),
    ),
  ),
  snapshotRetention: mostly(fc.integer({ min: 15, max: 35 }), fc.integer({ min: 0, max: 40 })).map((d) => Duration.days(d)),
  snapshotWindow: mostly(
    fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 3 })).map(([start, hours]) =>
      `${String(start).padStart(2, '0')}:00-${String(start + hours).padStart(2, '0')}:00`),
    fc.oneof(fc.tuple(clock, clock).map(([a, b]) => `${a}-${b}`), fc.constant('nightly')),
  ),
  maintenanceWindow: mostly(
    fc.tuple(day, fc.integer({ min: 8, max: 22 })).map(([d, h]) => `${d}:${String(h).padStart(2, '0')}:00-${d}:${String(h + 1).padStart(2, '0')}:00`),
    fc.tuple(day, clock, day, clock).map(([d1, c1, d2, c2]) => `${d1}:${c1}-${d2}:${c2}`),
  ),
  logRetention: mostly(
    fc.constantFrom(logs.RetentionDays.ONE_YEAR, logs.RetentionDays.FIVE_YEARS, logs.RetentionDays.INFINITE),
    fc.constantFrom(logs.RetentionDays.ONE_WEEK, logs.RetentionDays.SIX_MONTHS),
  ),
  removalPolicy: fc.constantFrom(RemovalPolicy.SNAPSHOT, RemovalPolicy.RETAIN, RemovalPolicy.DESTROY),
  parameters: mostly<{ [name: string]: string }>(
    fc.constantFrom<{ [name: string]: string }>({}, { 'maxmemory-policy': 'volatile-lru' }),
    fc.constant({ 'cluster-enabled': 'yes' }),
  ),
  replicationGroupId: mostly(fc.constantFrom(undefined, 'phi-cache', 'orders-1'), fc.constantFrom('PHI', 'a--b', 'x'.repeat(41))),
  dataClassification: mostly(fc.constantFrom('PHI', 'PII'), fc.constant('')),
  changeDetection: fc.boolean(),
  alarms: fc.boolean(),
  credentialRotation: fc.boolean(),
  snapshotArchive: fc.constantFrom(undefined, true, false),
  archiveRetention: mostly(fc.constantFrom(undefined, Duration.days(2190), Duration.days(3653)), fc.constant(Duration.days(365))),
}, { requiredKeys: [] });

/**
 * The findings the default pack makes on props the construct accepts on purpose (allowed, and loud): each comes with
 * a construct warning. Anything else found is the "third outcome" the property forbids.
 */
function expectedFindings(props: Partial<CompliantRedisReplicationGroupProps>): string[] {
  const nodeType = props.nodeType ?? CacheNodeType.R7G_LARGE;
  const archived = props.snapshotArchive ?? (!nodeType.isDataTiering && props.removalPolicy !== RemovalPolicy.DESTROY);
  const expected: string[] = [];
  if (props.port === 6379) expected.push(HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT);
  if ((props.snapshotRetention?.toDays() ?? 35) < 35) expected.push(HitrustRuleId.ELASTICACHE_SNAPSHOT_RETENTION);
  if (!archived) expected.push(HitrustRuleId.ELASTICACHE_SNAPSHOT_ARCHIVE);
  if (props.credentialRotation === false && props.authentication?.mode !== CacheAuthenticationMode.IAM) {
    expected.push(HitrustRuleId.SECRETSMANAGER_SECRET_ROTATION);
  }
  return expected.sort();
}

// The bundled CloudFormation validator is tested strictly elsewhere (test/redis/peer-packs.test.ts); here its
// warnings could not fail a synth anyway, and skipping it keeps 1,000 synths fast.
const validation = process.env.CDK_VALIDATION;
beforeAll(() => { process.env.CDK_VALIDATION = 'false'; });
afterAll(() => { if (validation === undefined) delete process.env.CDK_VALIDATION; else process.env.CDK_VALIDATION = validation; });

describe('property: the construct either rejects the props or produces a compliant stack', () => {
  test(`${RUNS} generated props: a HitrustValidationError, or a synth whose findings are exactly the ones its props opted into`, () => {
    let rejected = 0;
    let synthesized = 0;
    fc.assert(fc.property(propsArbitrary, (props) => {
      // GIVEN a fresh app
      const app = new App();
      const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
        vpcId: 'vpc-1',
        availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
        privateSubnetIds: ['subnet-a', 'subnet-b', 'subnet-c'],
      });

      // WHEN
      try {
        new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, ...props });
      } catch (e) {
        // THEN either the construct's own validation error ...
        expect(e).toBeInstanceOf(HitrustValidationError);
        rejected++;
        return;
      }
      // ... or a synth (nothing else throws) whose HITRUST findings are exactly those the props opted into
      app.synth();
      const found = new HitrustChecks(undefined, { evidenceReport: false }).validateScope(app).violations.map((v) => v.ruleName).sort();
      expect(found).toEqual(expectedFindings(props));
      synthesized++;
    }), { numRuns: RUNS, seed: Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31) });

    // both outcomes occur often (a generator that only produced one would prove nothing)
    expect(rejected).toBeGreaterThan(RUNS / 10);
    expect(synthesized).toBeGreaterThan(RUNS / 10);
  });
});
