/**
 * The example app that `npx projen example` synthesizes into cdk.out/.
 *
 * It needs no AWS credentials and no network: the environment is fixed and the
 * availability zones are given, so no context lookup is ever attempted.
 */
import * as path from 'path';
import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { printSummary, summarize } from './summary';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

/**
 * The AZ context the CLI would otherwise look up with credentials (cdk.context.json's role).
 */
const CONTEXT = {
  [`availability-zones:account=${ACCOUNT}:region=${REGION}`]: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
};

/** A stack with a VPC whose cache subnets have no route to the internet. */
export class ExampleCacheStack extends Stack {
  public readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, {
      env: { account: ACCOUNT, region: REGION },
      ...props,
    });
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 3,
      natGateways: 0,
      subnetConfiguration: [{ name: 'cache', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
    });
  }
}

/** Builds the example app; exported so that the tests synthesize exactly what the task does. */
export function buildExampleApp(outdir: string): App {
  const app = new App({ outdir, context: CONTEXT });
  new ExampleCacheStack(app, 'HitrustRedisExample');
  return app;
}

if (require.main === module) {
  const outdir = path.join(__dirname, '..', 'cdk.out');
  const assembly = buildExampleApp(outdir).synth();
  printSummary(summarize(assembly));
}
