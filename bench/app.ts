/**
 * The apps the benchmark synthesizes: N stacks, each with one cache (A), the same resources as raw L1 (B),
 * or A with a validation plugin (C: HitrustChecks, D: cdk-nag HIPAA.Security, E: cdk-nag AwsSolutions).
 *
 * Every stack has the same environment and the same imported VPC (`Vpc.fromVpcAttributes`: no lookup, no VPC
 * resources in the template), so a stack's template holds the cache's resources and nothing else.
 */
import { performance } from 'perf_hooks';
import { App, CfnResource, Stack, Validations, type IPolicyValidationContext, type IPolicyValidationPlugin, type PolicyValidationPluginReport } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { CompliantRedisReplicationGroup, HitrustChecks } from '../src';

/** The variants of the benchmark (see bench/README.md). */
export const VARIANTS = ['A', 'B', 'C', 'D', 'E'] as const;
export type Variant = typeof VARIANTS[number];

/** One line per variant, for the table legends. */
export const VARIANT_DESCRIPTIONS: Record<Variant, string> = {
  A: 'CompliantRedisReplicationGroup, all defaults',
  B: 'the floor: A\'s resources written as raw CfnResource (L1)',
  C: 'A + HitrustChecks (evidenceReport: true)',
  D: 'A + cdk-nag HIPAA.Security',
  E: 'A + cdk-nag AwsSolutions',
};

/** The fixed environment of every stack: no context lookup is ever needed. */
export const ENV = { account: '123456789012', region: 'us-east-1' };

/** The VPC every stack imports: three AZs, one private subnet (with its route table) in each. */
const VPC_ATTRIBUTES: ec2.VpcAttributes = {
  vpcId: 'vpc-0123456789abcdef0',
  vpcCidrBlock: '10.0.0.0/16',
  availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  privateSubnetIds: ['subnet-0a000000000000001', 'subnet-0a000000000000002', 'subnet-0a000000000000003'],
  privateSubnetRouteTableIds: ['rtb-0a000000000000001', 'rtb-0a000000000000002', 'rtb-0a000000000000003'],
};

/**
 * The optional parts of the construct (each a prop that defaults to true). The breakdown (`--breakdown`) switches
 * them off one at a time to show what each costs per stack and per resource.
 */
export const CACHE_PARTS = ['alarms', 'snapshotArchive', 'credentialRotation', 'changeDetection'] as const;
export type CachePart = typeof CACHE_PARTS[number];

/** A CloudFormation template as the benchmark reads it (only what B needs). */
export interface CfnTemplate {
  readonly Resources: Record<string, CfnTemplateResource>;
  readonly [section: string]: unknown;
}

/** A resource of a template. */
export interface CfnTemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | string[];
  readonly [attribute: string]: unknown;
}

/** The templates of A, by stack name: the source of B. */
export type CfnTemplates = Record<string, CfnTemplate>;

/** Options of `buildBenchApp`. */
export interface BenchAppOptions {
  readonly variant: Variant;
  /** Number of stacks. */
  readonly stacks: number;
  /** The cloud assembly directory. */
  readonly outdir: string;
  /** A's templates (B only), from `stackName(i)` to template. */
  readonly templates?: CfnTemplates;
  /** Optional parts of the construct switched off (the breakdown only; the benchmark keeps all defaults). */
  readonly without?: readonly CachePart[];
  /** Told the time (ms) each call of the validation plugin took (C, D, E). */
  readonly onPluginTime?: (ms: number) => void;
}

/** The plugin, with the time of each `validate` call told to `onTime`. */
function timed(plugin: IPolicyValidationPlugin, onTime?: (ms: number) => void): IPolicyValidationPlugin {
  if (onTime === undefined) return plugin;
  return {
    name: plugin.name,
    version: plugin.version,
    ruleIds: plugin.ruleIds,
    validate: (context: IPolicyValidationContext): PolicyValidationPluginReport => {
      const start = performance.now();
      try {
        return plugin.validate(context);
      } finally {
        onTime(performance.now() - start);
      }
    },
  };
}

/** The name of the i-th stack (0-based): the same in every variant, so B can be generated from A. */
export function stackName(index: number): string {
  return `Stack${String(index).padStart(3, '0')}`;
}

/**
 * Sections a stack's template may have besides Resources: the ones the default synthesizer writes into
 * every template, B included. Anything else in A's template would be missing from B, so it is refused.
 */
const SYNTHESIZER_SECTIONS = new Set(['Resources', 'Parameters', 'Rules']);

/** Resource attributes B copies with `addOverride` (DependsOn is copied with `addResourceDependency`). */
const COPIED_ATTRIBUTES = ['DeletionPolicy', 'UpdateReplacePolicy', 'UpdatePolicy', 'CreationPolicy', 'Condition', 'Metadata'];

/** Builds the app of a variant; synthesizing it is left to the caller. */
export function buildBenchApp(options: BenchAppOptions): App {
  const app = new App({ outdir: options.outdir });
  switch (options.variant) {
    case 'C':
      Validations.of(app).addPlugins(timed(new HitrustChecks(app, { evidenceReport: true }), options.onPluginTime));
      break;
    case 'D':
      Validations.of(app).addPlugins(timed(new HIPAASecurityChecks(app), options.onPluginTime));
      break;
    case 'E':
      Validations.of(app).addPlugins(timed(new AwsSolutionsChecks(app), options.onPluginTime));
      break;
    default:
      break;
  }
  for (let i = 0; i < options.stacks; i++) {
    const stack = new Stack(app, stackName(i), { env: ENV });
    if (options.variant === 'B') {
      const template = options.templates?.[stack.stackName];
      if (template === undefined) {
        throw new Error(`variant B needs A's template of ${stack.stackName}`);
      }
      addRawResources(stack, template);
    } else {
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', VPC_ATTRIBUTES);
      const partsOff = Object.fromEntries((options.without ?? []).map((part) => [part, false]));
      new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, ...partsOff });
    }
  }
  return app;
}

/**
 * Writes every resource of `template` into `stack` as a raw `CfnResource` with the same logical ID,
 * properties and attributes: the floor, "the resources A contains" without any L2/L3 logic.
 */
export function addRawResources(stack: Stack, template: CfnTemplate): void {
  const extra = Object.keys(template).filter((section) => !SYNTHESIZER_SECTIONS.has(section));
  if (extra.length > 0) {
    throw new Error(`A's template has sections B does not reproduce: ${extra.join(', ')}`);
  }
  const created = new Map<string, CfnResource>();
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const l1 = new CfnResource(stack, logicalId, { type: resource.Type, properties: resource.Properties });
    for (const attribute of COPIED_ATTRIBUTES) {
      if (resource[attribute] !== undefined) {
        l1.addOverride(attribute, resource[attribute]);
      }
    }
    created.set(logicalId, l1);
  }
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const dependsOn = resource.DependsOn === undefined ? [] : ([] as string[]).concat(resource.DependsOn);
    for (const target of dependsOn) {
      created.get(logicalId)!.addResourceDependency(created.get(target)!);
    }
  }
}
