import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { addTypedResources, buildBenchApp, loadTypedL1Classes, sameTemplate, stackName, type CfnTemplate, type Variant } from '../../bench/app';
import { CALIBRATION_ALARMS } from '../../bench/calibration';
import { CompliantRedisReplicationGroup } from '../../src';

/** A template in the shape of A's: references, a dependency, a deletion policy and the synthesizer's sections. */
function aTemplate(): CfnTemplate {
  return {
    Resources: {
      Bucket83908E77: {
        Type: 'AWS::S3::Bucket',
        Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } },
        UpdateReplacePolicy: 'Retain',
        DeletionPolicy: 'Retain',
      },
      BucketPolicyE9A3008A: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'Bucket83908E77' },
          PolicyDocument: {
            Statement: [{
              Action: 's3:*',
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              Resource: [{ 'Fn::GetAtt': ['Bucket83908E77', 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket83908E77', 'Arn'] }, '/*']] }],
            }],
            Version: '2012-10-17',
          },
        },
        DependsOn: ['Bucket83908E77'],
      },
    },
  };
}

function synthesize(variant: Variant, template: CfnTemplate): { stack: Stack; synthesized: CfnTemplate } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-app-test-'));
  try {
    const app = buildBenchApp({ variant, stacks: 1, outdir, templates: { [stackName(0)]: template } });
    app.synth();
    const synthesized = JSON.parse(fs.readFileSync(path.join(outdir, `${stackName(0)}.template.json`), 'utf-8'));
    return { stack: app.node.findChild(stackName(0)) as Stack, synthesized };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('the floors built from A\'s templates', () => {
  test('B holds every resource as an instance of its typed L1 class, references as references', () => {
    const template = aTemplate();
    loadTypedL1Classes({ [stackName(0)]: template });
    const { stack, synthesized } = synthesize('B', template);
    const bucket = stack.node.findChild('Bucket83908E77');
    expect(bucket).toBeInstanceOf(s3.CfnBucket);
    expect(stack.node.findChild('BucketPolicyE9A3008A')).toBeInstanceOf(s3.CfnBucketPolicy);
    expect((stack.node.findChild('BucketPolicyE9A3008A') as s3.CfnBucketPolicy).obtainDependencies()).toContain(bucket);
    expect(synthesized.Resources).toEqual(aTemplate().Resources);
  });

  test('R holds every resource as a raw CfnResource and synthesizes the same template', () => {
    const { stack, synthesized } = synthesize('R', aTemplate());
    const bucket = stack.node.findChild('Bucket83908E77');
    expect(bucket).toBeInstanceOf(CfnResource);
    expect(bucket).not.toBeInstanceOf(s3.CfnBucket);
    expect(synthesized.Resources).toEqual(aTemplate().Resources);
  });

  test('refuses a template with a section the synthesizer does not write', () => {
    expect(() => synthesize('B', { ...aTemplate(), Outputs: { Name: { Value: 'x' } } })).toThrow(/sections B and R do not reproduce: Outputs/);
  });

  test('refuses a resource type without a typed L1 class', () => {
    expect(() => loadTypedL1Classes({ [stackName(0)]: { Resources: { X: { Type: 'AWS::Made::Up' } } } }))
      .toThrow(/aws-cdk-lib has no typed L1 class for AWS::Made::Up/);
  });

  test('builds a custom resource (Custom::*) as CfnInclude does, a CfnResource with its properties and attributes', () => {
    const stack = new Stack(new App(), 'S');
    addTypedResources(stack, {
      Resources: {
        Bucket: { Type: 'AWS::S3::Bucket' },
        Acl: { Type: 'Custom::Thing', Properties: { ServiceToken: 'arn', BucketName: { Ref: 'Bucket' } }, DependsOn: 'Bucket' },
      },
    });
    expect(Template.fromStack(stack).toJSON().Resources.Acl).toEqual({
      Type: 'Custom::Thing',
      Properties: { ServiceToken: 'arn', BucketName: { Ref: 'Bucket' } },
      DependsOn: ['Bucket'],
    });
  });
});

describe('sameTemplate', () => {
  test('forgives the order of DependsOn, nothing else', () => {
    const a = aTemplate();
    const withDeps = (dependsOn: string[]): CfnTemplate => ({
      Resources: { ...a.Resources, BucketPolicyE9A3008A: { ...a.Resources.BucketPolicyE9A3008A, DependsOn: dependsOn } },
    });
    expect(sameTemplate(withDeps(['Bucket83908E77', 'Other']), withDeps(['Other', 'Bucket83908E77']))).toBe(true);
    expect(sameTemplate(withDeps(['Bucket83908E77']), withDeps(['Bucket83908E77', 'Other']))).toBe(false);
    expect(sameTemplate(a, { Resources: { ...a.Resources, Bucket83908E77: { ...a.Resources.Bucket83908E77, DeletionPolicy: 'Delete' } } })).toBe(false);
  });
});

describe('the calibration stack', () => {
  // both tests read the same calibration app (each built and synthesized an identical one before): one synth
  let dir: string;
  let app: App;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-calibration-test-'));
    app = buildBenchApp({ variant: 'A', stacks: 1, outdir: dir, calibration: true });
    app.synth();
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('holds aws-cdk-lib L2s alone, of the kinds the construct is built of', () => {
    const stack = app.node.findChild(stackName(0)) as Stack;
    expect(stack.node.findAll().some((c) => c instanceof CompliantRedisReplicationGroup)).toBe(false);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', CALIBRATION_ALARMS);
    for (const type of ['AWS::CloudWatch::Dashboard', 'AWS::Lambda::Function', 'AWS::Events::Rule', 'AWS::SecretsManager::Secret',
      'AWS::KMS::Key', 'AWS::SNS::TopicPolicy', 'AWS::S3::BucketPolicy', 'AWS::IAM::Policy', 'AWS::EC2::SecurityGroup']) {
      expect(Object.keys(template.findResources(type)).length).toBeGreaterThan(0);
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: Match.anyValue() }], OKActions: [{ Ref: Match.anyValue() }] });
  });

  test('has a typed-L1 floor that reproduces its template', () => {
    const template: CfnTemplate = JSON.parse(fs.readFileSync(path.join(dir, `${stackName(0)}.template.json`), 'utf-8'));
    loadTypedL1Classes({ [stackName(0)]: template });
    const expected = JSON.parse(JSON.stringify(template));
    const floor = synthesize('B', template).synthesized;
    expect(sameTemplate(floor, expected)).toBe(true);
    // the one difference sameTemplate forgives: DependsOn in another order (the CDK sorts it by construct path)
    expect(floor).not.toEqual(expected);
  });
});
