import { CfnResource } from 'aws-cdk-lib';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import { NagRuleCompliance } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { bestCacheClusterProps, compliantReplicationGroup, compliantServerlessCacheProps, newStack } from './fixtures';
import { CompliantRedisReplicationGroup, HitrustChecks } from '../../src';
import { HITRUST_RULES, ruleFunction } from '../../src/nag/catalog';
import { finalView } from '../../src/nag/utils/final-view';
import { cacheStack } from '../helpers/cache-stack';

/**
 * The pack calls a rule only on the CloudFormation types of its catalog entry's `appliesTo` (so a large app does not pay
 * for 38 rules on every resource). That is sound only if every rule is NOT_APPLICABLE on every other type: these apps
 * hold every resource the construct writes and the L1 fixtures, and every rule is called on each. The property test
 * (token-safety.test.ts) checks the same on generated resources of every type the catalog names.
 */

const OPTIONS = { minimumSnapshotRetentionDays: 35 };

function cfnResources(scope: IConstruct): CfnResource[] {
  return scope.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c));
}

/** The construct with its defaults, and the hand-written L1 fixtures: a replication group, a cluster, a serverless cache. */
function apps(): { name: string; resources: CfnResource[] }[] {
  const construct = cacheStack();
  new CompliantRedisReplicationGroup(construct.stack, 'Cache', { vpc: construct.vpc });
  const l1 = newStack();
  compliantReplicationGroup(l1.stack);
  new elasticache.CfnCacheCluster(l1.stack, 'Cluster', bestCacheClusterProps());
  new elasticache.CfnServerlessCache(l1.stack, 'Serverless', compliantServerlessCacheProps());
  return [
    { name: 'construct', resources: cfnResources(construct.app) },
    { name: 'L1 fixtures', resources: cfnResources(l1.app) },
  ];
}

describe('rule dispatch by appliesTo', () => {
  const all = apps();

  test.each(all.map((a) => [a.name, a.resources] as const))('%s: every rule is not applicable to a type its entry does not list', (_, resources) => {
    const misses: string[] = [];
    for (const resource of resources.flatMap((r) => [r, finalView(r)])) {
      for (const entry of HITRUST_RULES.filter((e) => !e.appliesTo.includes(resource.cfnResourceType))) {
        const result = ruleFunction(entry, OPTIONS)(resource);
        if (result !== NagRuleCompliance.NOT_APPLICABLE) {
          misses.push(`${entry.id}: ${String(result)} on ${resource.cfnResourceType} ${resource.node.path}`);
        }
      }
    }
    expect(misses).toEqual([]);
  });

  test('the apps hold many types no rule applies to, so the check above is not vacuous', () => {
    const listed = new Set(HITRUST_RULES.flatMap((entry) => entry.appliesTo));
    const unlisted = new Set(all.flatMap((a) => a.resources).map((r) => r.cfnResourceType).filter((type) => !listed.has(type)));
    expect([...unlisted]).toEqual(expect.arrayContaining(['AWS::IAM::Role', 'AWS::Lambda::Function', 'AWS::S3::Bucket', 'AWS::EC2::VPC']));
  });

  test('the pack calls each rule only on resources of the types its entry lists', () => {
    const { app, stack } = newStack();
    compliantReplicationGroup(stack);
    const pack = new HitrustChecks(undefined, { evidenceReport: false });
    const calls: string[] = [];
    const rules = (pack as unknown as { rules: { entry: { id: string }; check: (n: CfnResource) => unknown }[] }).rules;
    for (const bound of rules) {
      const check = bound.check;
      bound.check = (node: CfnResource) => {
        calls.push(`${bound.entry.id} on ${node.cfnResourceType}`);
        return check(node);
      };
    }
    expect(pack.validateScope(app).success).toBe(true);
    const outside = calls.filter((call) => {
      const [id, type] = call.split(' on ');
      return !HITRUST_RULES.find((entry) => entry.id === id)!.appliesTo.includes(type);
    });
    expect(outside).toEqual([]);
    // the wrapper saw the calls: the replication group's rules ran on it
    expect(calls).toContain('ElastiCacheTransitEncryption on AWS::ElastiCache::ReplicationGroup');
    expect(calls).not.toContain('ElastiCacheTransitEncryption on AWS::KMS::Key');
  });
});
