import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { buildBenchApp, loadTypedL1Classes, stackName, type CfnTemplate, type Variant } from '../../bench/app';

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
    expect(() => loadTypedL1Classes({ [stackName(0)]: { Resources: { X: { Type: 'Custom::Thing' } } } }))
      .toThrow(/aws-cdk-lib has no typed L1 class for Custom::Thing/);
  });
});
