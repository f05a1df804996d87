import { Fn } from 'aws-cdk-lib';
import { CfnSecurityGroup, CfnSecurityGroupIngress } from 'aws-cdk-lib/aws-elasticache';
import { NagRuleCompliance } from 'cdk-nag';
import {
  ElastiCacheAutomaticFailover,
  ElastiCacheDistinctAZs,
  ElastiCacheMultiAZ,
  ElastiCacheReplicaPerShard,
  ElastiCacheSecurityGroups,
  ElastiCacheSubnetGroup,
} from '../../../src/nag/rules/elasticache';
import { findings, newStack } from '../fixtures';
import {
  cacheCluster,
  deployTimeList,
  deployTimeNumber,
  deployTimeString,
  deployTimeValue,
  quietly,
  replicationGroup,
  runRule,
  serverlessCache,
  type Case,
} from './builders';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

/** A cluster-mode-enabled group (no NumCacheClusters / PreferredCacheClusterAZs). */
const clusterMode = (overrides: object) => replicationGroup({
  numCacheClusters: undefined, preferredCacheClusterAZs: undefined, clusterMode: 'enabled', ...overrides,
});
const memcachedCluster = cacheCluster({ engine: 'memcached', engineVersion: '1.6.22', numCacheNodes: 2 });

describe('ElastiCacheMultiAZ', () => {
  test.each<Case>([
    ['passes MultiAZEnabled true', replicationGroup(), COMPLIANT],
    ['fails MultiAZEnabled false', replicationGroup({ multiAzEnabled: false }), NON_COMPLIANT],
    ['fails when MultiAZEnabled is absent', replicationGroup({ multiAzEnabled: undefined }), NON_COMPLIANT],
    ['fails a deploy-time value', replicationGroup((s) => ({ multiAzEnabled: deployTimeValue(s) })), NON_COMPLIANT],
    ['fails a standalone CacheCluster (one node, one AZ)', cacheCluster(), NON_COMPLIANT],
    ['does not apply to a serverless cache (multi-AZ by design)', serverlessCache(), NOT_APPLICABLE],
    ['does not apply to Memcached', memcachedCluster, NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheMultiAZ, build)).toBe(expected);
  });
});

describe('ElastiCacheAutomaticFailover', () => {
  test.each<Case>([
    ['passes AutomaticFailoverEnabled true', replicationGroup(), COMPLIANT],
    ['fails AutomaticFailoverEnabled false', replicationGroup({ automaticFailoverEnabled: false }), NON_COMPLIANT],
    ['fails when AutomaticFailoverEnabled is absent', replicationGroup({ automaticFailoverEnabled: undefined }), NON_COMPLIANT],
    ['fails a deploy-time value', replicationGroup((s) => ({ automaticFailoverEnabled: deployTimeValue(s) })), NON_COMPLIANT],
    ['fails a standalone CacheCluster (nothing to fail over to)', cacheCluster(), NON_COMPLIANT],
    ['does not apply to a serverless cache', serverlessCache(), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheAutomaticFailover, build)).toBe(expected);
  });
});

describe('ElastiCacheReplicaPerShard', () => {
  test.each<Case>([
    ['passes NumCacheClusters 3', replicationGroup(), COMPLIANT],
    ['passes NumCacheClusters 2', replicationGroup({ numCacheClusters: 2, preferredCacheClusterAZs: undefined }), COMPLIANT],
    ['fails NumCacheClusters 1', replicationGroup({ numCacheClusters: 1, preferredCacheClusterAZs: undefined }), NON_COMPLIANT],
    ['fails when no count is given (one node)', replicationGroup({ numCacheClusters: undefined, preferredCacheClusterAZs: undefined }), NON_COMPLIANT],
    ['fails a deploy-time NumCacheClusters', replicationGroup((s) => ({ numCacheClusters: deployTimeNumber(s) })), NON_COMPLIANT],
    ['passes 2 shards of 2 replicas', clusterMode({ numNodeGroups: 2, replicasPerNodeGroup: 2 }), COMPLIANT],
    ['fails ReplicasPerNodeGroup 0', clusterMode({ numNodeGroups: 2, replicasPerNodeGroup: 0 }), NON_COMPLIANT],
    ['fails shards without ReplicasPerNodeGroup', clusterMode({ numNodeGroups: 2 }), NON_COMPLIANT],
    ['fails a deploy-time ReplicasPerNodeGroup', (s) => clusterMode({ numNodeGroups: 2, replicasPerNodeGroup: deployTimeNumber(s) })(s), NON_COMPLIANT],
    ['passes a ReplicaCount in every NodeGroupConfiguration',
      clusterMode({ nodeGroupConfiguration: [{ replicaCount: 1 }, { replicaCount: 2 }] }), COMPLIANT],
    ['fails a NodeGroupConfiguration with ReplicaCount 0',
      clusterMode({ nodeGroupConfiguration: [{ replicaCount: 1 }, { replicaCount: 0 }] }), NON_COMPLIANT],
    ['passes node groups without their own count when ReplicasPerNodeGroup is 1',
      clusterMode({ replicasPerNodeGroup: 1, nodeGroupConfiguration: [{ slots: '0-8191' }, { slots: '8192-16383' }] }), COMPLIANT],
    ['lets a node group\'s own ReplicaCount 0 win over ReplicasPerNodeGroup',
      clusterMode({ replicasPerNodeGroup: 1, nodeGroupConfiguration: [{ replicaCount: 0 }] }), NON_COMPLIANT],
    ['fails a deploy-time NodeGroupConfiguration', (s) => clusterMode({ nodeGroupConfiguration: deployTimeValue(s) })(s), NON_COMPLIANT],
    ['fails a standalone CacheCluster', cacheCluster(), NON_COMPLIANT],
    ['does not apply to a serverless cache', serverlessCache(), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheReplicaPerShard, build)).toBe(expected);
  });
});

describe('ElastiCacheDistinctAZs', () => {
  const azs = (list: string[]) => replicationGroup({ preferredCacheClusterAZs: list, numCacheClusters: list.length });
  const selectAz = (index: number) => Fn.select(index, Fn.getAzs());
  test.each<Case>([
    ['passes three distinct AZs', replicationGroup(), COMPLIANT],
    ['passes a replica outside the primary\'s AZ', azs(['us-east-1a', 'us-east-1a', 'us-east-1b']), COMPLIANT],
    ['fails every node in one AZ', azs(['us-east-1a', 'us-east-1a', 'us-east-1a']), NON_COMPLIANT],
    ['compares AZ names in any case', azs(['us-east-1a', 'US-EAST-1A']), NON_COMPLIANT],
    ['passes no preference (ElastiCache spreads the nodes)', replicationGroup({ preferredCacheClusterAZs: undefined }), COMPLIANT],
    ['passes distinct Fn::Select indexes of Fn::GetAZs', replicationGroup({ preferredCacheClusterAZs: [selectAz(0), selectAz(1), selectAz(2)] }), COMPLIANT],
    ['fails the same Fn::Select index twice', replicationGroup({ numCacheClusters: 2, preferredCacheClusterAZs: [selectAz(0), selectAz(0)] }), NON_COMPLIANT],
    ['fails deploy-time AZs that could be equal',
      replicationGroup((s) => ({ numCacheClusters: 2, preferredCacheClusterAZs: [deployTimeString(s, 'A'), deployTimeString(s, 'B')] })), NON_COMPLIANT],
    ['passes two literal AZs even when a third is deploy-time',
      replicationGroup((s) => ({ preferredCacheClusterAZs: ['us-east-1a', 'us-east-1b', deployTimeString(s)] })), COMPLIANT],
    ['fails a deploy-time AZ list', replicationGroup((s) => ({ preferredCacheClusterAZs: deployTimeList(s) })), NON_COMPLIANT],
    ['passes node groups with a replica in another AZ', clusterMode({
      replicasPerNodeGroup: 1,
      nodeGroupConfiguration: [{ primaryAvailabilityZone: 'us-east-1a', replicaAvailabilityZones: ['us-east-1b'] }],
    }), COMPLIANT],
    ['fails a node group whose replica shares the primary\'s AZ', clusterMode({
      replicasPerNodeGroup: 1,
      nodeGroupConfiguration: [
        { primaryAvailabilityZone: 'us-east-1a', replicaAvailabilityZones: ['us-east-1b'] },
        { primaryAvailabilityZone: 'us-east-1c', replicaAvailabilityZones: ['us-east-1c'] },
      ],
    }), NON_COMPLIANT],
    ['passes node groups without AZs', clusterMode({ replicasPerNodeGroup: 1, nodeGroupConfiguration: [{ replicaCount: 1 }] }), COMPLIANT],
    ['fails a node group with deploy-time replica AZs', (s) => clusterMode({
      replicasPerNodeGroup: 1,
      nodeGroupConfiguration: [{ primaryAvailabilityZone: 'us-east-1a', replicaAvailabilityZones: deployTimeList(s) }],
    })(s), NON_COMPLIANT],
    ['does not apply to a CacheCluster (ElastiCacheReplicaPerShard covers it)', cacheCluster(), NOT_APPLICABLE],
    ['does not apply to a serverless cache', serverlessCache(), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheDistinctAZs, build)).toBe(expected);
  });
});

describe('ElastiCacheSubnetGroup', () => {
  test.each<Case>([
    ['passes a Ref to an AWS::ElastiCache::SubnetGroup', replicationGroup(), COMPLIANT],
    ['passes a named subnet group', cacheCluster({ cacheSubnetGroupName: 'cache-subnets' }), COMPLIANT],
    ['fails without a subnet group (the default VPC)', replicationGroup({ cacheSubnetGroupName: undefined }), NON_COMPLIANT],
    ['fails the subnet group named default (AwsSolutions-AEC1 accepts it)', replicationGroup({ cacheSubnetGroupName: 'default' }), NON_COMPLIANT],
    ['fails Default in any case', cacheCluster({ cacheSubnetGroupName: 'Default' }), NON_COMPLIANT],
    ['fails a deploy-time name (it could be default)', replicationGroup((s) => ({ cacheSubnetGroupName: deployTimeString(s) })), NON_COMPLIANT],
    ['fails a Memcached CacheCluster without a subnet group', cacheCluster({ engine: 'memcached', cacheSubnetGroupName: undefined }), NON_COMPLIANT],
    ['passes a serverless cache with SubnetIds', serverlessCache(), COMPLIANT],
    ['passes a serverless cache with deploy-time SubnetIds', serverlessCache((s) => ({ subnetIds: deployTimeList(s) })), COMPLIANT],
    ['fails a serverless cache without SubnetIds', serverlessCache({ subnetIds: undefined }), NON_COMPLIANT],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheSubnetGroup, build)).toBe(expected);
  });
});

describe('ElastiCacheSecurityGroups', () => {
  test.each<Case>([
    ['passes a GetAtt to a security group', replicationGroup(), COMPLIANT],
    ['passes deploy-time security group IDs', replicationGroup((s) => ({ securityGroupIds: deployTimeList(s) })), COMPLIANT],
    ['fails without SecurityGroupIds', replicationGroup({ securityGroupIds: undefined }), NON_COMPLIANT],
    ['fails an empty list', replicationGroup({ securityGroupIds: [] }), NON_COMPLIANT],
    ['fails EC2-Classic CacheSecurityGroupNames', quietly(replicationGroup({ cacheSecurityGroupNames: ['classic'] })), NON_COMPLIANT],
    ['passes a CacheCluster with VpcSecurityGroupIds', cacheCluster(), COMPLIANT],
    ['fails a CacheCluster without VpcSecurityGroupIds', cacheCluster({ vpcSecurityGroupIds: undefined }), NON_COMPLIANT],
    ['fails a CacheCluster with CacheSecurityGroupNames', quietly(cacheCluster({ cacheSecurityGroupNames: ['classic'] })), NON_COMPLIANT],
    ['passes a serverless cache with SecurityGroupIds', serverlessCache(), COMPLIANT],
    ['fails a serverless cache without SecurityGroupIds', serverlessCache({ securityGroupIds: undefined }), NON_COMPLIANT],
    ['fails an EC2-Classic AWS::ElastiCache::SecurityGroup', (s) => new CfnSecurityGroup(s, 'Classic', { description: 'x' }), NON_COMPLIANT],
    ['fails an EC2-Classic AWS::ElastiCache::SecurityGroupIngress',
      (s) => new CfnSecurityGroupIngress(s, 'ClassicIngress', { cacheSecurityGroupName: 'x', ec2SecurityGroupName: 'y' }), NON_COMPLIANT],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheSecurityGroups, build)).toBe(expected);
  });

  test('reads CacheSecurityGroupNames without printing a deprecation warning', () => {
    // GIVEN
    const { stack } = newStack();
    const group = quietly(replicationGroup({ cacheSecurityGroupNames: ['classic'] }))(stack);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);

    // WHEN
    ElastiCacheSecurityGroups(group);

    // THEN
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });
});

describe('pack findings for step 3', () => {
  test('fail a standalone Valkey CacheCluster for every availability rule that applies', () => {
    // GIVEN
    const { app, stack } = newStack();
    cacheCluster()(stack);

    // WHEN
    const result = findings(app);

    // THEN
    expect(Object.keys(result).filter((id) => result[id].includes('Stack/Cluster')).sort()).toEqual([
      'HITRUST.CSF-ElastiCacheAtRestEncryption',
      'HITRUST.CSF-ElastiCacheAuthentication',
      'HITRUST.CSF-ElastiCacheAutomaticFailover',
      'HITRUST.CSF-ElastiCacheCustomerManagedKey',
      'HITRUST.CSF-ElastiCacheMultiAZ',
      'HITRUST.CSF-ElastiCacheReplicaPerShard',
    ]);
  });
});
