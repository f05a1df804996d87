import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import { NagRuleCompliance } from 'cdk-nag';
import * as fc from 'fast-check';
import { compliantReplicationGroupProps, newStack, supportingResources } from './fixtures';
import { HITRUST_RULES, ruleFunction } from '../../src/nag/catalog';
import { parseEngineVersion, versionAtLeast } from '../../src/nag/utils/engine';
import { referencedResource } from '../../src/nag/utils/references';

describe('engine versions', () => {
  test('parses major.minor.patch', () => {
    fc.assert(fc.property(fc.nat(99), fc.nat(99), fc.nat(99), (major, minor, patch) => {
      expect(parseEngineVersion(`${major}.${minor}.${patch}`)).toEqual({ major, minor, patch });
    }));
  });

  test('reads a missing or x minor as the latest of the major', () => {
    expect(parseEngineVersion('6.x')).toEqual({ major: 6, minor: Infinity, patch: Infinity });
    expect(parseEngineVersion('8')).toEqual({ major: 8, minor: Infinity, patch: Infinity });
  });

  test('rejects anything else', () => {
    expect(parseEngineVersion('latest')).toBeUndefined();
    expect(parseEngineVersion('7.1-beta')).toBeUndefined();
  });

  test('orders versions like tuples', () => {
    const version = fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20));
    fc.assert(fc.property(version, version, ([a, b, c], [x, y, z]) => {
      const tupleOrder = a !== x ? a > x : b !== y ? b > y : c >= z;
      expect(versionAtLeast({ major: a, minor: b, patch: c }, x, y, z)).toBe(tupleOrder);
    }));
  });
});

describe('references', () => {
  test('finds the target of a hand-written Ref by logical ID', () => {
    // GIVEN
    const { stack } = newStack();
    const { key } = supportingResources(stack);
    const group = new elasticache.CfnReplicationGroup(stack, 'Cache', { replicationGroupDescription: 'x' });

    // WHEN
    const target = referencedResource(group, { 'Fn::GetAtt': [stack.resolve(key.logicalId), 'Arn'] });

    // THEN
    expect(target).toBe(key);
  });

  test('finds nothing for a parameter or a literal', () => {
    // GIVEN
    const { stack } = newStack();
    const group = new elasticache.CfnReplicationGroup(stack, 'Cache', { replicationGroupDescription: 'x' });

    // THEN
    expect(referencedResource(group, new CfnParameter(stack, 'P').valueAsString)).toBeUndefined();
    expect(referencedResource(group, 'alias/phi')).toBeUndefined();
  });
});

describe('deploy-time values', () => {
  const PROPERTIES: Array<keyof elasticache.CfnReplicationGroupProps> = [
    'engine', 'engineVersion', 'port', 'cacheParameterGroupName', 'cacheSubnetGroupName', 'securityGroupIds', 'multiAzEnabled',
    'automaticFailoverEnabled', 'numCacheClusters', 'preferredCacheClusterAZs', 'atRestEncryptionEnabled', 'kmsKeyId',
    'transitEncryptionEnabled', 'transitEncryptionMode', 'authToken', 'userGroupIds', 'snapshotRetentionLimit', 'snapshotWindow',
    'notificationTopicArn', 'logDeliveryConfigurations', 'cacheNodeType', 'autoMinorVersionUpgrade', 'preferredMaintenanceWindow',
  ];
  const LIST_PROPERTIES = new Set(['securityGroupIds', 'preferredCacheClusterAZs', 'userGroupIds']);

  test('never make a rule throw, whichever properties are parameters or absent', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...PROPERTIES), fc.constantFrom('parameter', 'absent')), { maxLength: 8 }), (changes) => {
      // GIVEN
      const { stack } = newStack();
      const overrides: Record<string, unknown> = {};
      changes.forEach(([property, change], index) => {
        const parameter = new CfnParameter(stack, `P${index}`, { type: LIST_PROPERTIES.has(property) ? 'CommaDelimitedList' : 'String' });
        overrides[property] = change === 'absent' ? undefined : LIST_PROPERTIES.has(property) ? parameter.valueAsList : parameter.value;
      });
      const group = new elasticache.CfnReplicationGroup(Stack.of(stack), 'Cache',
        compliantReplicationGroupProps(supportingResources(stack), { overrides }));

      // WHEN / THEN
      for (const entry of HITRUST_RULES) {
        const result = ruleFunction(entry, { minimumSnapshotRetentionDays: 35 })(group);
        expect(Object.values(NagRuleCompliance)).toContain(result);
      }
    }), { numRuns: 40 });
  });
});
