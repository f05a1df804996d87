import * as fs from 'fs';
import * as path from 'path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import {
  CacheAuditTrail,
  CacheAuthentication,
  CacheEngineVersion,
  CompliantRedisReplicationGroup,
  CompliantRedisReplicationGroupProps,
} from '../../src';
import { cacheStack } from '../helpers/cache-stack';

const VARIANTS: { name: string; props: Partial<CompliantRedisReplicationGroupProps> }[] = [
  { name: 'default (Valkey, RBAC)', props: {} },
  { name: 'IAM', props: { authentication: CacheAuthentication.iam() } },
  { name: 'AUTH token', props: { authentication: CacheAuthentication.authToken() } },
  { name: 'cluster mode', props: { shards: 3 } },
  { name: 'Redis OSS 7.1', props: { engineVersion: CacheEngineVersion.REDIS_7_1 } },
  { name: 'Redis OSS 6.2', props: { engineVersion: CacheEngineVersion.REDIS_6_2 } },
  { name: 'created audit trail and Config rules', props: { auditTrail: CacheAuditTrail.create(), configRules: true } },
];

/** The secret-rotation checks: right, and answered by the rotation schedule the construct creates. */
const ROTATION_FINDINGS = [
  'AwsSolutions-SMG4',
  'HIPAA.Security-SecretsManagerRotationEnabled',
  'NIST.800.53.R5-SecretsManagerRotationEnabled',
];

function peerFindings(props: Partial<CompliantRedisReplicationGroupProps>): string[] {
  const { app, stack, vpc } = cacheStack();
  new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, ...props });
  return [new AwsSolutionsChecks(), new HIPAASecurityChecks(), new NIST80053R5Checks(), new PCIDSS321Checks()]
    .flatMap((pack) => pack.validateScope(app).violations)
    .filter((v) => v.violatingResources.some((r) => r.constructPath?.startsWith('Stack/Cache')))
    .map((v) => v.ruleName)
    .sort();
}

test('turning credential rotation off brings back exactly the rotation findings (they are right)', () => {
  expect(peerFindings({ credentialRotation: false })).toEqual(ROTATION_FINDINGS);
});

describe.each(VARIANTS)('peer packs on $name', ({ props }) => {
  test('AwsSolutions, HIPAA.Security, NIST.800.53.R5 and PCI.DSS.321 find nothing unacknowledged', () => {
    expect(peerFindings(props)).toEqual([]);
  });

  test('the bundled CloudFormation validator (cfn-lint rules, schema) finds nothing', () => {
    // GIVEN
    const { app, stack, vpc } = cacheStack({
      '@aws-cdk/core:failSynthOnValidationErrors': false,
      '@aws-cdk/core:validateAgainstDefaultRules': true,
    });
    new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, ...props });

    // WHEN
    const assembly = app.synth();

    // THEN
    const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf-8'));
    // a plugin without findings is left out of the report; that the validator runs at all is proven by
    // test/helpers/cache-stack.test.ts, where it fails an invalid template
    const cfnValidate = report.pluginReports.find((r: { pluginName: string }) => r.pluginName === 'CloudFormation Validate');
    expect(cfnValidate?.violations ?? []).toEqual([]);
    // what it acknowledged by itself concerns the VPC's literal AZs only, never the cache
    for (const suppressed of cfnValidate?.suppressedViolations ?? []) {
      for (const c of suppressed.violatingConstructs) expect(c.constructPath).not.toMatch(/^Stack\/Cache/);
    }
  });
});

describe('acknowledgements of wrong peer findings', () => {
  const acknowledged = (construct: CompliantRedisReplicationGroup) =>
    construct.resource.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .map((m) => m.data as Record<string, string>);

  test('AwsSolutions-AEC6 is acknowledged under RBAC, with a reason an auditor can check', () => {
    const { stack, vpc } = cacheStack();
    const group = new CompliantRedisReplicationGroup(stack, 'Cache', { vpc });
    const [ack] = acknowledged(group);
    const reason = Object.entries(ack).find(([id]) => id.endsWith('AwsSolutions-AEC6'))?.[1];
    expect(reason).toMatch(/role-based access control \(UserGroupIds\)/);
    expect(reason).toMatch(/named password or IAM users only \(plus, on Redis OSS, the `default` user ElastiCache requires there, switched off\)/);
    expect(reason).toMatch(/elasticache-rbac-auth-enabled/);
  });

  test('without the acknowledgement AEC6 would fire: the acknowledgement is what silences it', () => {
    // GIVEN
    const { app, stack, vpc } = cacheStack();
    const group = new CompliantRedisReplicationGroup(stack, 'Cache', { vpc });
    // WHEN: drop the acknowledgement metadata
    const node = group.resource.node as unknown as { _metadata: { type: string }[] };
    node._metadata = node._metadata.filter((m) => m.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    // THEN
    const rules = new AwsSolutionsChecks().validateScope(app).violations.map((v) => v.ruleName);
    expect(rules).toContain('AwsSolutions-AEC6');
  });

  test('AUTH-token mode acknowledges nothing: AEC6 is right to look for the token, and finds it', () => {
    const { stack, vpc } = cacheStack();
    const group = new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, authentication: CacheAuthentication.authToken() });
    expect(acknowledged(group)).toEqual([]);
  });
});
