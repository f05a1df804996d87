/**
 * The example app that `npx projen example` synthesizes into cdk.out/.
 *
 * It needs no AWS credentials and no network: the environment is fixed and the
 * availability zones are given, so no context lookup is ever attempted.
 */
import * as path from 'path';
import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { printSummary, summarize } from './summary';
import { CompliantRedisReplicationGroup, HitrustChecks, ReplacementGuard } from '../src';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

/**
 * The AZ context the CLI would otherwise look up with credentials (cdk.context.json's role).
 */
const CONTEXT = {
  [`availability-zones:account=${ACCOUNT}:region=${REGION}`]: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
};

/**
 * The lock of create-only settings, committed beside the example: a change to the example that would
 * replace the cache fails `npx projen example` (and the example test) until it sets `allowReplacement`.
 */
export const EXAMPLE_LOCK_FILE = path.join(__dirname, 'cdk-hitrust-redis.lock.json');

/** Props of the example stack. */
export interface ExampleCacheStackProps extends StackProps {
  /** @default ReplacementGuard.lockFile(EXAMPLE_LOCK_FILE) */
  readonly replacementGuard?: ReplacementGuard;
}

/** A VPC whose cache subnets have no route to the internet, and a compliant cache with all defaults. */
export class ExampleCacheStack extends Stack {
  public readonly vpc: ec2.Vpc;
  public readonly cache: CompliantRedisReplicationGroup;

  constructor(scope: Construct, id: string, props: ExampleCacheStackProps = {}) {
    super(scope, id, {
      env: { account: ACCOUNT, region: REGION },
      ...props,
    });
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 3,
      natGateways: 0,
      subnetConfiguration: [{ name: 'cache', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
    });
    // No route to the internet: the credential rotation function and the snapshot archive's functions reach their
    // APIs through endpoints (Secrets Manager, ElastiCache and SNS as interface endpoints, S3 as a gateway endpoint).
    this.vpc.addInterfaceEndpoint('SecretsManager', { service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER });
    this.vpc.addInterfaceEndpoint('ElastiCache', { service: ec2.InterfaceVpcEndpointAwsService.ELASTICACHE });
    this.vpc.addInterfaceEndpoint('Sns', { service: ec2.InterfaceVpcEndpointAwsService.SNS });
    this.vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    this.cache = new CompliantRedisReplicationGroup(this, 'Cache', {
      vpc: this.vpc,
      replicationGroupId: 'hitrust-example',
      replacementGuard: props.replacementGuard ?? ReplacementGuard.lockFile(EXAMPLE_LOCK_FILE),
    });
  }
}

/**
 * Builds the example app with the HITRUST pack registered: any finding fails the synth, and the synth writes
 * hitrust-evidence.json and .md into the cloud assembly. Exported so that the tests synthesize exactly what the
 * task does.
 */
export function buildExampleApp(outdir: string, props: ExampleCacheStackProps = {}): App {
  const app = new App({ outdir, context: CONTEXT });
  Validations.of(app).addPlugins(new HitrustChecks(app));
  new ExampleCacheStack(app, 'HitrustRedisExample', props);
  return app;
}

if (require.main === module) {
  const outdir = path.join(__dirname, '..', 'cdk.out');
  const assembly = buildExampleApp(outdir).synth();
  printSummary(summarize(assembly));
}
