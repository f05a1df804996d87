import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import { NagRuleCompliance } from 'cdk-nag';
import { ElastiCacheSecurityGroups, ElastiCacheSubnetGroup } from '../../src/nag/rules/elasticache';
import { collectAssumptions, recordAssumption } from '../../src/nag/utils/assumptions';
import { newStack } from '../nag/fixtures';
import { cacheCluster, deployTimeList, deployTimeString, replicationGroup, serverlessCache, type Build } from '../nag/rules/builders';

const SUBNET = 'HITRUST.CSF-ElastiCacheSubnetGroup';
const SECURITY = 'HITRUST.CSF-ElastiCacheSecurityGroups';

/** Runs the rule on the built resource while collecting, as the pack's validate() does. */
function run(rule: typeof ElastiCacheSubnetGroup, build: Build) {
  const { stack } = newStack();
  const node = build(stack);
  const { result, assumptions } = collectAssumptions(() => rule(node));
  return { result, assumptions: assumptions.map((a) => `${a.ruleId} ${a.resourcePath}: ${a.description}`) };
}

describe('the side channel', () => {
  test('keeps nothing outside a collection, and each assumption once inside one', () => {
    const stack = new Stack(new App(), 'Stack');
    recordAssumption(stack, 'R', 'outside');
    const { assumptions } = collectAssumptions(() => {
      recordAssumption(stack, 'R', 'inside');
      recordAssumption(stack, 'R', 'inside');
    });
    expect(assumptions).toEqual([{ ruleId: 'R', resourcePath: 'Stack', description: 'inside' }]);
  });

  test('restores the outer collection, also when the run throws', () => {
    const stack = new Stack(new App(), 'Stack');
    const outer = collectAssumptions(() => {
      expect(() => collectAssumptions(() => {
        recordAssumption(stack, 'R', 'inner');
        throw new Error('boom');
      })).toThrow('boom');
      recordAssumption(stack, 'R', 'outer');
    });
    expect(outer.assumptions.map((a) => a.description)).toEqual(['outer']);
  });
});

describe('ElastiCacheSubnetGroup on references outside the app', () => {
  test.each<[string, Build, string[]]>([
    ['a Ref to a subnet group of the app: nothing assumed', replicationGroup(), []],
    ['a literal name of a subnet group of the app (any case): nothing assumed', (stack) => {
      new elasticache.CfnSubnetGroup(stack, 'Own', { cacheSubnetGroupName: 'Cache-Subnets', description: 'own', subnetIds: ['subnet-1'] });
      return cacheCluster({ cacheSubnetGroupName: 'cache-subnets' })(stack);
    }, []],
    ['a literal name of a group outside the app: assumed', cacheCluster({ cacheSubnetGroupName: 'shared-subnets' }),
      [`${SUBNET} Stack/Cluster: CacheSubnetGroupName 'shared-subnets' names a subnet group that is not in the app: verify it holds only the deployment's private subnets`]],
    ['serverless subnet IDs outside the app: assumed', serverlessCache(),
      [`${SUBNET} Stack/Serverless: SubnetIds 'subnet-a', 'subnet-b' are not subnets of the app: verify they are the deployment's private subnets`]],
    ['serverless subnets of the app: nothing assumed', (stack) => {
      const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
      const subnets = ['a', 'b'].map((az, i) => new ec2.CfnSubnet(stack, `Subnet${az}`, { vpcId: vpc.ref, cidrBlock: `10.0.${i}.0/24` }));
      return serverlessCache({ subnetIds: subnets.map((s) => s.ref) })(stack);
    }, []],
  ])('%s', (_, build, expected) => {
    const { result, assumptions } = run(ElastiCacheSubnetGroup, build);
    expect(result).toBe(NagRuleCompliance.COMPLIANT);
    expect(assumptions).toEqual(expected);
  });

  test('a failing cache records nothing (the default group, a deploy-time name)', () => {
    expect(run(ElastiCacheSubnetGroup, replicationGroup({ cacheSubnetGroupName: 'default' }))).toEqual({ result: NagRuleCompliance.NON_COMPLIANT, assumptions: [] });
    expect(run(ElastiCacheSubnetGroup, replicationGroup((s) => ({ cacheSubnetGroupName: deployTimeString(s) }))).assumptions).toEqual([]);
  });
});

describe('ElastiCacheSecurityGroups on references outside the app', () => {
  test.each<[string, Build, string[]]>([
    ['groups of the app (Fn::GetAtt GroupId): nothing assumed', replicationGroup(), []],
    ['a literal group ID next to a group of the app: only the literal is assumed', (stack) => {
      const own = new ec2.CfnSecurityGroup(stack, 'Own', { groupDescription: 'own' });
      return replicationGroup({ securityGroupIds: [own.attrGroupId, 'sg-0123456789abcdef0'] })(stack);
    }, [`${SECURITY} Stack/Cache: SecurityGroupIds 'sg-0123456789abcdef0' are not security groups of the app: verify their rules admit only the application`]],
    ['an imported L2 group: assumed', (stack) => {
      const imported = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Imported', 'sg-0fedcba9876543210');
      return replicationGroup({ securityGroupIds: [imported.securityGroupId] })(stack);
    }, [`${SECURITY} Stack/Cache: SecurityGroupIds 'sg-0fedcba9876543210' are not security groups of the app: verify their rules admit only the application`]],
    ['a CacheCluster\'s literal VpcSecurityGroupIds: assumed', cacheCluster(),
      [`${SECURITY} Stack/Cluster: VpcSecurityGroupIds 'sg-cache' are not security groups of the app: verify their rules admit only the application`]],
    ['a deploy-time list: assumed, shown as its expression', replicationGroup((s) => ({ securityGroupIds: deployTimeList(s) })),
      [`${SECURITY} Stack/Cache: SecurityGroupIds the deploy-time value {"Ref":"ListParam"} are not security groups of the app: verify their rules admit only the application`]],
  ])('%s', (_, build, expected) => {
    const { result, assumptions } = run(ElastiCacheSecurityGroups, build);
    expect(result).toBe(NagRuleCompliance.COMPLIANT);
    expect(assumptions).toEqual(expected);
  });

  test('a group of another stack of the app is the app\'s own', () => {
    // GIVEN
    const app = new App();
    const network = new Stack(app, 'Network');
    const group = new ec2.CfnSecurityGroup(network, 'Group', { groupDescription: 'cache' });
    const stack = new Stack(app, 'Cache');
    const node = replicationGroup({ securityGroupIds: [group.attrGroupId] })(stack);

    // WHEN
    const { result, assumptions } = collectAssumptions(() => ElastiCacheSecurityGroups(node));

    // THEN
    expect(result).toBe(NagRuleCompliance.COMPLIANT);
    expect(assumptions).toEqual([]);
  });
});
