import { compliantReplicationGroup, findings, newStack, type CompliantFixtureOptions } from './fixtures';

describe('compliant raw-L1 fixture', () => {
  test.each<{ description: string; options: CompliantFixtureOptions }>([
    { description: 'Valkey 8.1 with RBAC and three nodes in three AZs', options: {} },
    { description: 'Valkey 7.2', options: { engineVersion: '7.2' } },
    { description: 'Redis OSS 7.1', options: { engine: 'redis', engineVersion: '7.1' } },
    { description: 'cluster mode with 2 shards of 2 replicas', options: { clusterMode: true } },
    { description: 'an AUTH token from Secrets Manager instead of RBAC', options: { auth: 'token' } },
  ])('yields zero findings: $description', ({ options }) => {
    // GIVEN
    const { app, stack } = newStack();
    compliantReplicationGroup(stack, options);

    // WHEN
    const result = findings(app);

    // THEN
    expect(result).toEqual({});
  });
});
