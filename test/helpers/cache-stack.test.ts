import { Template } from 'aws-cdk-lib/assertions';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import { cacheStack } from './cache-stack';

describe('test stacks', () => {
  test('fail to synthesize when the CloudFormation validator finds a schema error', () => {
    // GIVEN
    const { stack } = cacheStack();
    new elasticache.CfnReplicationGroup(stack, 'Invalid', {
      replicationGroupDescription: 'x', engine: 'valkey', transitEncryptionEnabled: true, numCacheClusters: 99,
    });
    // WHEN / THEN
    expect(() => Template.fromStack(stack)).toThrow(/NumCacheClusters: 99 is greater than the maximum of 6/);
  });
});
