import { App, CfnResource, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct, IConstruct } from 'constructs';
import { AuditTrailSource, CacheAuditTrail, CompliantTrail } from '../../src/audit';
import { AUDIT_TRAIL_METADATA_KEY } from '../../src/private/metadata-keys';

const STEP_6_CONTROLS = ['1202.09aa1', '1203.09aa1', '1204.09aa1', '12100.09ab2', '1270.09ad1'];

let stack: Stack;
let owner: Construct;
beforeEach(() => {
  const app = new App();
  stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  owner = new Construct(stack, 'Cache');
});

/** A stand-in for the replication group's L1 resource. */
function replicationGroupL1(scope: Construct): CfnResource {
  return new CfnResource(scope, 'Resource', {
    type: 'AWS::ElastiCache::ReplicationGroup',
    properties: { ReplicationGroupDescription: 'stand-in' },
  });
}

/** The audit-trail metadata entries recorded on `construct`, resolved. */
function recorded(construct: IConstruct): Record<string, unknown>[] {
  return construct.node.metadata.filter((m) => m.type === CacheAuditTrail.METADATA_KEY).map((m) => stack.resolve(m.data));
}

describe('organization trail (the default)', () => {
  test('says what it assumes, with the trail name when given', () => {
    // WHEN
    const named = CacheAuditTrail.organizationTrail('org-trail');
    const unnamed = CacheAuditTrail.organizationTrail();

    // THEN
    expect(named.source).toEqual(AuditTrailSource.ORGANIZATION_TRAIL);
    expect(named.isAssumed).toBe(true);
    expect(named.description).toEqual('assumed: organization trail org-trail');
    expect(named.trailName).toEqual('org-trail');
    expect(unnamed.description).toEqual('assumed: organization trail not named');
    expect(unnamed.trailName).toBeUndefined();
  });

  test('creates nothing when bound', () => {
    // WHEN
    const binding = CacheAuditTrail.organizationTrail('org-trail')._bind(owner);

    // THEN
    expect(binding.trail).toBeUndefined();
    expect(binding.isAssumed).toBe(true);
    expect(owner.node.children).toEqual([]);
    expect(stack.node.findAll().filter((c) => c instanceof CfnResource)).toEqual([]);
  });

  test('records the assumption on the scope for the evidence report', () => {
    // WHEN
    CacheAuditTrail.organizationTrail('org-trail')._bind(owner);

    // THEN
    expect(recorded(owner)).toEqual([
      {
        source: 'organization-trail',
        description: 'assumed: organization trail org-trail',
        assumed: true,
        trailName: 'org-trail',
        controls: STEP_6_CONTROLS,
      },
    ]);
  });

  test('records the choice on the evidence target (the L1 the evidence report reads) instead of the scope', () => {
    // GIVEN
    const l1 = replicationGroupL1(owner);

    // WHEN
    CacheAuditTrail.organizationTrail()._bind(owner, { evidenceTarget: l1 });

    // THEN
    expect(recorded(l1)).toEqual([
      { source: 'organization-trail', description: 'assumed: organization trail not named', assumed: true, controls: STEP_6_CONTROLS },
    ]);
    expect(recorded(owner)).toEqual([]);
  });

  test('the metadata reaches the cloud assembly', () => {
    // GIVEN
    const l1 = replicationGroupL1(owner);
    CacheAuditTrail.organizationTrail('org-trail')._bind(owner, { evidenceTarget: l1 });

    // WHEN
    const artifact = (stack.node.root as App).synth().getStackByName('Stack');

    // THEN
    expect(artifact.findMetadataByType(CacheAuditTrail.METADATA_KEY)).toEqual([
      expect.objectContaining({
        path: '/Stack/Cache/Resource',
        data: expect.objectContaining({ description: 'assumed: organization trail org-trail' }),
      }),
    ]);
  });

  test('the metadata key is a static of the class, the key the HITRUST pack reads', () => {
    expect(CacheAuditTrail.METADATA_KEY).toEqual('cdk-hitrust-redis:audit-trail');
    expect(CacheAuditTrail.METADATA_KEY).toEqual(AUDIT_TRAIL_METADATA_KEY);
  });
});

describe('existing trail', () => {
  const ARN = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/security-trail';

  test('records the ARN and the name taken from it, and creates nothing', () => {
    // GIVEN
    const existing = CacheAuditTrail.existingTrail(ARN);

    // WHEN
    const binding = existing._bind(owner);

    // THEN
    expect(existing.source).toEqual(AuditTrailSource.EXISTING_TRAIL);
    expect(binding).toEqual({
      source: AuditTrailSource.EXISTING_TRAIL,
      description: `assumed: existing trail ${ARN}`,
      isAssumed: true,
      trailName: 'security-trail',
      trailArn: ARN,
    });
    expect(recorded(owner)).toEqual([
      {
        source: 'existing-trail',
        description: `assumed: existing trail ${ARN}`,
        assumed: true,
        trailName: 'security-trail',
        trailArn: ARN,
        controls: STEP_6_CONTROLS,
      },
    ]);
    expect(owner.node.children).toEqual([]);
  });

  test('accepts an ARN that is a token, without a name', () => {
    // WHEN
    const existing = CacheAuditTrail.existingTrail(Token.asString({ 'Fn::ImportValue': 'SecurityTrailArn' }));

    // THEN
    expect(existing.trailName).toBeUndefined();
    expect(recorded(owner)).toEqual([]);
    expect(stack.resolve(existing._bind(owner).trailArn)).toEqual({ 'Fn::ImportValue': 'SecurityTrailArn' });
  });

  test.each([
    { description: 'fails for a trail name instead of an ARN', arn: 'security-trail' },
    { description: 'fails for the ARN of another service', arn: 'arn:aws:s3:::security-trail' },
    { description: 'fails for an ARN without a trail name', arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/' },
  ])('$description', ({ arn }) => {
    expect(() => CacheAuditTrail.existingTrail(arn)).toThrow(
      `\`trailArn\` must be a CloudTrail trail ARN (arn:<partition>:cloudtrail:<region>:<account>:trail/<name>) for HITRUST 1202.09aa1, got: '${arn}'`,
    );
  });
});

describe('created trail', () => {
  test('is not assumed, and describes what it will create before binding', () => {
    // WHEN
    const created = CacheAuditTrail.create();

    // THEN
    expect(created.source).toEqual(AuditTrailSource.CREATED_TRAIL);
    expect(created.isAssumed).toBe(false);
    expect(created.description).toMatch(/^created: CompliantTrail \(multi-Region, log file validation/);
  });

  test('creates a CompliantTrail named AuditTrail in the scope when bound', () => {
    // WHEN
    const binding = CacheAuditTrail.create({ trailName: 'cache-audit' })._bind(owner);

    // THEN
    expect(binding.trail).toBeInstanceOf(CompliantTrail);
    expect(binding.trail?.node.path).toEqual('Stack/Cache/AuditTrail');
    expect(binding.isAssumed).toBe(false);
    expect(binding.trailName).toEqual('cache-audit');
    expect(binding.description).toMatch(/^created: trail cache-audit \(multi-Region/);
    Template.fromStack(stack).resourceCountIs('AWS::CloudTrail::Trail', 1);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudTrail::Trail', { TrailName: 'cache-audit' });
  });

  test('records the created trail\'s name and ARN', () => {
    // WHEN
    const binding = CacheAuditTrail.create({ trailName: 'cache-audit' })._bind(owner);

    // THEN
    expect(recorded(owner)).toEqual([
      {
        source: 'created-trail',
        description: binding.description,
        assumed: false,
        trailName: 'cache-audit',
        trailArn: stack.resolve(binding.trail?.trailArn),
        controls: STEP_6_CONTROLS,
      },
    ]);
  });

  test('uses the owner\'s key and removal policy when the props set none', () => {
    // GIVEN
    const ownerKey = new kms.Key(stack, 'CacheKey', { enableKeyRotation: true });

    // WHEN
    CacheAuditTrail.create()._bind(owner, { encryptionKey: ownerKey, removalPolicy: RemovalPolicy.DESTROY });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::CloudTrail::Trail', { KMSKeyId: stack.resolve(ownerKey.keyArn) });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
  });

  test('the props\' key and removal policy win over the owner\'s', () => {
    // GIVEN
    const ownerKey = new kms.Key(stack, 'CacheKey', { enableKeyRotation: true });
    const auditKey = new kms.Key(stack, 'AuditKey', { enableKeyRotation: true });

    // WHEN
    CacheAuditTrail.create({ encryptionKey: auditKey, removalPolicy: RemovalPolicy.RETAIN })._bind(owner, {
      encryptionKey: ownerKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudTrail::Trail', { KMSKeyId: stack.resolve(auditKey.keyArn) });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
  });

  test('creates its own rotating key when neither the props nor the owner give one', () => {
    // WHEN
    CacheAuditTrail.create()._bind(owner);

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('fails for invalid props when bound, naming the construct', () => {
    // GIVEN
    const created = CacheAuditTrail.create({ trailName: 'x' });

    // THEN
    expect(() => created._bind(owner)).toThrow(/CompliantTrail validation failed:\n- `trailName` must be 3 to 128/);
  });
});
