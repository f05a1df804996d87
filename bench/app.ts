/**
 * The apps the benchmark synthesizes: N stacks, each with one cache (A), the same resources as typed L1 constructs
 * (B, the floor) or as raw CfnResource with literal JSON (R, below the floor), or A with a validation plugin
 * (C: HitrustChecks, D: cdk-nag HIPAA.Security, E: cdk-nag AwsSolutions).
 *
 * Every stack has the same environment and the same imported VPC (`Vpc.fromVpcAttributes`: no lookup, no VPC
 * resources in the template), so a stack's template holds the cache's resources and nothing else.
 */
import * as path from 'path';
import { performance } from 'perf_hooks';
import { isDeepStrictEqual } from 'util';
import { App, CfnResource, Stack, Validations, type IPolicyValidationContext, type IPolicyValidationPlugin, type PolicyValidationPluginReport } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnParser } from 'aws-cdk-lib/core/lib/helpers-internal';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import { CompliantRedisReplicationGroup, HitrustChecks } from '../src';
import { addCalibrationResources } from './calibration';

/** The variants of the benchmark (described below and in bench/RESULTS.md). */
export const VARIANTS = ['A', 'B', 'R', 'C', 'D', 'E'] as const;
export type Variant = typeof VARIANTS[number];

/** The floors, built from A's templates (which must be written before they are measured). */
export const FLOOR_VARIANTS: readonly Variant[] = ['B', 'R'];

/** The variants with a validation plugin, whose time inside the plugin is measured. */
export const PLUGIN_VARIANTS: readonly Variant[] = ['C', 'D', 'E'];

/** One line per variant, for the table legends. */
export const VARIANT_DESCRIPTIONS: Record<Variant, string> = {
  A: 'CompliantRedisReplicationGroup, all defaults',
  B: 'the floor: A\'s resources as L1 constructs of their typed classes (CfnReplicationGroup, CfnAlarm ...), as a hand-written L1 app holds them',
  R: 'below the floor: A\'s resources as raw CfnResource with literal JSON properties (no typed class)',
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

/** A CloudFormation template as the benchmark reads it (only what B and R need). */
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

/** What each stack of A holds: the benchmark keeps the construct with all defaults, the breakdown varies it. */
export interface StackContent {
  /** Optional parts of the construct switched off. */
  readonly without?: readonly CachePart[];
  /** The calibration stack (bench/calibration.ts: aws-cdk-lib L2s alone) instead of the construct. */
  readonly calibration?: boolean;
}

/** Options of `buildBenchApp`. */
export interface BenchAppOptions extends StackContent {
  readonly variant: Variant;
  /** Number of stacks. */
  readonly stacks: number;
  /** The cloud assembly directory. */
  readonly outdir: string;
  /** A's templates (B and R), from `stackName(i)` to template. */
  readonly templates?: CfnTemplates;
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

/** The name of the i-th stack (0-based): the same in every variant, so B and R can be generated from A. */
export function stackName(index: number): string {
  return `Stack${String(index).padStart(3, '0')}`;
}

/**
 * Sections a stack's template may have besides Resources: the ones the default synthesizer writes into
 * every template, B and R included. Anything else in A's template would be missing from them, so it is refused.
 */
const SYNTHESIZER_SECTIONS = new Set(['Resources', 'Parameters', 'Rules']);

/**
 * Whether a template of B or R is A's: equal but for the order of DependsOn lists, which the CDK sorts by construct path
 * (A's nested paths, B's and R's flat ones); CloudFormation reads them as sets.
 */
export function sameTemplate(floor: CfnTemplate, a: CfnTemplate): boolean {
  return isDeepStrictEqual(dependsOnSorted(floor), dependsOnSorted(a));
}

function dependsOnSorted(template: CfnTemplate): CfnTemplate {
  const resources = Object.fromEntries(Object.entries(template.Resources ?? {}).map(([logicalId, resource]) =>
    [logicalId, Array.isArray(resource.DependsOn) ? { ...resource, DependsOn: [...resource.DependsOn].sort() } : resource]));
  return { ...template, Resources: resources };
}

/** Resource attributes R copies with `addOverride` (DependsOn is copied with `addResourceDependency`). */
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
    if (FLOOR_VARIANTS.includes(options.variant)) {
      const template = options.templates?.[stack.stackName];
      if (template === undefined) {
        throw new Error(`variant ${options.variant} needs A's template of ${stack.stackName}`);
      }
      (options.variant === 'B' ? addTypedResources : addRawResources)(stack, template);
    } else {
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', VPC_ATTRIBUTES);
      if (options.calibration) {
        addCalibrationResources(stack, vpc);
        continue;
      }
      const partsOff = Object.fromEntries((options.without ?? []).map((part) => [part, false]));
      new CompliantRedisReplicationGroup(stack, 'Cache', { vpc, ...partsOff });
    }
  }
  return app;
}

/**
 * Writes every resource of `template` into `stack` as a raw `CfnResource` with the same logical ID,
 * properties and attributes: R, below the floor, "the resources A contains" without even the typed L1 classes.
 */
export function addRawResources(stack: Stack, template: CfnTemplate): void {
  refuseExtraSections(template);
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

function refuseExtraSections(template: CfnTemplate): void {
  const extra = Object.keys(template).filter((section) => !SYNTHESIZER_SECTIONS.has(section));
  if (extra.length > 0) {
    throw new Error(`A's template has sections B and R do not reproduce: ${extra.join(', ')}`);
  }
}

/** aws-cdk-lib's table from a CloudFormation type to its typed L1 class (`<module>.<class>`), which CfnInclude uses. */
// not among aws-cdk-lib's exports: loaded by its path
// eslint-disable-next-line @typescript-eslint/no-require-imports
const l1ClassOf: (type: string) => string | undefined = require(path.join(
  path.dirname(require.resolve('aws-cdk-lib/package.json')), 'cloudformation-include', 'lib', 'cfn-type-to-l1-mapping.js')).lookup;

/** What every generated L1 class has: the factory CfnInclude calls, which maps CloudFormation JSON to the class's props. */
interface TypedL1Class {
  _fromCloudFormation(scope: Construct, id: string, resourceAttributes: unknown, options: { parser: CfnParser }): CfnResource;
}

const typedL1Classes = new Map<string, TypedL1Class>();

/**
 * A custom resource (`Custom::*`, the staging bucket's ACL) has no typed class: it is built as CfnInclude builds it, a
 * CfnResource with its properties parsed into tokens and its attributes (DependsOn, policies) applied.
 */
const CUSTOM_RESOURCE: TypedL1Class = {
  _fromCloudFormation(scope, id, resourceAttributes, { parser }) {
    const attributes = resourceAttributes as { Type: string; Properties?: unknown };
    const l1 = new CfnResource(scope, id, { type: attributes.Type, properties: parser.parseValue(attributes.Properties) });
    parser.handleAttributes(l1, resourceAttributes, id);
    return l1;
  },
};

/** The typed L1 class of a CloudFormation type, its module loaded on first use. */
function typedL1Class(type: string): TypedL1Class {
  if (type.startsWith('Custom::')) return CUSTOM_RESOURCE;
  let l1Class = typedL1Classes.get(type);
  if (l1Class === undefined) {
    const fqn = l1ClassOf(type);
    if (fqn === undefined) throw new Error(`aws-cdk-lib has no typed L1 class for ${type}`);
    const [moduleName, className] = fqn.split('.');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    l1Class = require(moduleName)[className] as TypedL1Class;
    typedL1Classes.set(type, l1Class);
  }
  return l1Class;
}

/**
 * Loads the typed L1 classes of every resource of `templates`: called before the clock starts, as a hand-written app
 * imports its modules before it builds anything.
 */
export function loadTypedL1Classes(templates: CfnTemplates): void {
  for (const template of Object.values(templates)) {
    for (const resource of Object.values(template.Resources)) typedL1Class(resource.Type);
  }
}

/**
 * Writes every resource of `template` into `stack` as an instance of its typed L1 class (`CfnReplicationGroup`,
 * `CfnAlarm` ...), with the same logical ID: what a hand-written L1 stack holds, props typed and references as
 * tokens. Each is built by the class's `_fromCloudFormation`, as CfnInclude does but without its template parsing, so B
 * also pays for mapping JSON to props (a quarter of its construction, 6% of its wall time, in a profile at N=50): it
 * sits a little above a hand-written L1 app.
 */
export function addTypedResources(stack: Stack, template: CfnTemplate): void {
  refuseExtraSections(template);
  const created = new Map<string, CfnResource>();
  const underway = new Set<string>();
  const create = (logicalId: string): CfnResource => {
    const done = created.get(logicalId);
    if (done !== undefined) return done;
    if (underway.has(logicalId)) throw new Error(`A's template has a reference cycle through ${logicalId}`);
    underway.add(logicalId);
    const attributes = template.Resources[logicalId];
    const l1Class = typedL1Class(attributes.Type);
    const find = (id: string) => (id in template.Resources ? create(id) : undefined);
    const parser = new CfnParser({
      finder: { findResource: find, findRefTarget: find, findCondition: () => undefined, findMapping: () => undefined },
      parameters: {},
    });
    const l1 = l1Class._fromCloudFormation(stack, logicalId, attributes, { parser });
    created.set(logicalId, l1);
    return l1;
  };
  for (const logicalId of Object.keys(template.Resources)) create(logicalId);
}
