/**
 * The breakdown (`bench/run.ts --breakdown`): whether A's cost over its floor B comes from one part of the construct.
 * A and B are measured with the construct's optional parts switched off one at a time, then all of them; the marginal
 * cost of one more stack (from the small to the large app) is divided by the resources of a stack. A calibration stack
 * of aws-cdk-lib L2s alone (bench/calibration.ts), measured against its own floor the same way, tells which part of
 * A/B aws-cdk-lib's L2s cost by themselves and which part the library adds.
 * Pure functions; bench/run.ts measures and writes bench/BREAKDOWN.md.
 */
import type { CachePart, StackContent } from './app';
import { marginalCost, median, ratio } from './stats';

/** The wall times (ms) of one configuration at the two sizes, for A and for B. */
export interface BreakdownMeasurement {
  /** The parts switched off ([] = all defaults). */
  readonly without: readonly CachePart[];
  /** Whether A's stacks held the calibration stack (aws-cdk-lib L2s alone) instead of the construct. */
  readonly calibration?: boolean;
  readonly resourcesPerStack: number;
  /** Wall ms of every measurement, by variant and size. */
  readonly wallMs: { readonly A: Record<number, readonly number[]>; readonly B: Record<number, readonly number[]> };
}

/** One row of the breakdown table. */
export interface BreakdownRow {
  readonly label: string;
  /** The calibration row (aws-cdk-lib L2s alone), not a configuration of the construct. */
  readonly calibration: boolean;
  readonly resourcesPerStack: number;
  /** Marginal ms per stack, from the medians. */
  readonly aMsPerStack: number;
  /** A's marginal ms per stack from the extremes: fastest large minus slowest small, slowest large minus fastest small. */
  readonly aMsPerStackRange: readonly [number, number];
  readonly bMsPerStack: number;
  /** Marginal ms per resource. */
  readonly aMsPerResource: number;
  readonly bMsPerResource: number;
  /** aMsPerStack / bMsPerStack. */
  readonly marginalRatio: number | undefined;
}

/** What the breakdown found. */
export interface Breakdown {
  readonly sizes: readonly [number, number];
  /** One row per measured configuration. */
  readonly configurations: BreakdownRow[];
}

const CALIBRATION_LABEL = 'aws-cdk-lib L2s alone (calibration: no code of this library)';

/** The name of what a stack holds, in logs and in the table. */
export function contentLabel(content: StackContent, allParts: readonly CachePart[]): string {
  if (content.calibration) return CALIBRATION_LABEL;
  const without = content.without ?? [];
  if (without.length === 0) return 'all defaults';
  if (without.length === allParts.length) return 'core only (every optional part off)';
  return `without ${without.join(', ')}`;
}

function row(label: string, calibration: boolean, resources: number, aMsPerStack: number,
  aMsPerStackRange: readonly [number, number], bMsPerStack: number): BreakdownRow {
  return {
    label,
    calibration,
    resourcesPerStack: resources,
    aMsPerStack,
    aMsPerStackRange,
    bMsPerStack,
    aMsPerResource: resources > 0 ? aMsPerStack / resources : NaN,
    bMsPerResource: resources > 0 ? bMsPerStack / resources : NaN,
    marginalRatio: ratio(aMsPerStack, bMsPerStack),
  };
}

/** Computes the marginal costs from the measurements; `measurements[0]` must be the one with all defaults. */
export function computeBreakdown(measurements: readonly BreakdownMeasurement[], sizes: readonly [number, number],
  allParts: readonly CachePart[]): Breakdown {
  if (measurements[0] === undefined || measurements[0].without.length !== 0 || measurements[0].calibration) {
    throw new Error('the first breakdown measurement must have every part on');
  }
  const [small, large] = sizes;
  const perStack = (smallMs: number, largeMs: number) =>
    marginalCost({ stacks: small, value: smallMs }, { stacks: large, value: largeMs });
  const configurations = measurements.map((m) => {
    const a = m.wallMs.A;
    const range: [number, number] = [perStack(Math.max(...a[small]), Math.min(...a[large])), perStack(Math.min(...a[small]), Math.max(...a[large]))];
    return row(contentLabel(m, allParts), m.calibration ?? false, m.resourcesPerStack, perStack(median(a[small]), median(a[large])), range,
      perStack(median(m.wallMs.B[small]), median(m.wallMs.B[large])));
  });
  return { sizes, configurations };
}

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

function table(rows: readonly BreakdownRow[]): string[] {
  return [
    '| stack | resources per stack | A ms/stack (range) | B ms/stack | A ms/resource | B ms/resource | A/B |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.label} | ${r.resourcesPerStack} | ${fixed(r.aMsPerStack, 1)} ` +
      `(${fixed(r.aMsPerStackRange[0], 1)}–${fixed(r.aMsPerStackRange[1], 1)}) | ${fixed(r.bMsPerStack, 1)} | ` +
      `${fixed(r.aMsPerResource, 2)} | ${fixed(r.bMsPerResource, 2)} | ${r.marginalRatio === undefined ? '–' : fixed(r.marginalRatio, 2)} |`),
  ];
}

/** The A/B target of the benchmark (bench/report.ts). */
const A_B_TARGET = 1.3;

/**
 * What the numbers say, from the numbers: the spread of A/B across the construct's configurations against the target,
 * then the calibration row (when measured) against the construct with all defaults.
 */
export function conclusion(rows: readonly BreakdownRow[]): string[] {
  const construct = rows.filter((r) => !r.calibration);
  const rated = construct.filter((r) => r.marginalRatio !== undefined);
  if (rated.length === 0) return ['No configuration has a positive marginal cost for B: nothing to conclude.'];
  const byRatio = [...rated].sort((x, y) => x.marginalRatio! - y.marginalRatio!);
  const lowest = byRatio[0];
  const highest = byRatio[byRatio.length - 1];
  const lines = [
    `Marginal A/B ranges from ${fixed(lowest.marginalRatio!, 2)} (${lowest.label}, ${lowest.resourcesPerStack} resources) ` +
      `to ${fixed(highest.marginalRatio!, 2)} (${highest.label}).`,
  ];
  lines.push(lowest.marginalRatio! > A_B_TARGET
    ? `No configuration reaches A/B ≤ ${A_B_TARGET}, not even the smallest: the gap is the price per resource of building ` +
      'through L2 constructs (tokens and lazy values, policy documents, grants, construct metadata) rather than writing the ' +
      'L1 constructs directly, and switching off a part of the construct does not close it.'
    : `The ${lowest.label} configuration reaches A/B ≤ ${A_B_TARGET}: the parts it switches off carry the gap.`);
  const slope = perResourceBeyondSmallest(construct);
  if (slope !== undefined) lines.push(slope);
  const calibration = rows.find((r) => r.calibration);
  if (calibration !== undefined && construct[0] !== undefined) lines.push('', ...calibrationReading(calibration, construct[0]));
  return lines;
}

/** The calibration row (aws-cdk-lib L2s alone) read against the construct with all defaults. */
function calibrationReading(calibration: BreakdownRow, all: BreakdownRow): string[] {
  if (calibration.marginalRatio === undefined || all.marginalRatio === undefined) {
    return ['The calibration stack or the construct shows no marginal cost for B: the two cannot be compared.'];
  }
  const calRatio = calibration.marginalRatio;
  const added = all.marginalRatio / calRatio;
  const lines = [
    'aws-cdk-lib\'s own L2 constructs, used directly by plain code with no code of this library ' +
      `(${calibration.resourcesPerStack} resources a stack: bench/calibration.ts), cost ${fixed(calibration.aMsPerStack, 1)} ms a ` +
      `stack against ${fixed(calibration.bMsPerStack, 1)} ms as typed L1s: ${fixed(calRatio, 2)}× their floor ` +
      `(${fixed(calibration.aMsPerResource, 2)} against ${fixed(calibration.bMsPerResource, 2)} ms a resource). ` +
      `The construct with all defaults is at ${fixed(all.marginalRatio, 2)}× ` +
      `(${fixed(all.aMsPerResource, 2)} against ${fixed(all.bMsPerResource, 2)} ms a resource).`,
  ];
  lines.push(calRatio > A_B_TARGET
    ? `aws-cdk-lib's L2s alone miss A/B ≤ ${A_B_TARGET}: a construct built from them cannot meet it without writing its ` +
      'resources as L1 constructs. What this library adds over its building blocks is A/B divided by theirs: ' +
      `${fixed(added, 2)}×.`
    : `aws-cdk-lib's L2s alone meet A/B ≤ ${A_B_TARGET}: the construct's gap beyond their ${fixed(calRatio, 2)}× is the ` +
      `library's own (${fixed(added, 2)}×).`);
  return lines;
}

/**
 * The cost of one more resource, A against B, from the all-defaults row (rows[0]) and the row with the fewest
 * resources: a stack's fixed cost, which both variants pay, drops out of the difference.
 */
function perResourceBeyondSmallest(rows: readonly BreakdownRow[]): string | undefined {
  const all = rows[0];
  const smallest = [...rows].sort((x, y) => x.resourcesPerStack - y.resourcesPerStack)[0];
  const extra = all === undefined || smallest === undefined ? 0 : all.resourcesPerStack - smallest.resourcesPerStack;
  if (extra <= 0) return undefined;
  const a = (all.aMsPerStack - smallest.aMsPerStack) / extra;
  const b = (all.bMsPerStack - smallest.bMsPerStack) / extra;
  const head = `Each of the ${extra} resources that ${all.label} adds to ${smallest.label} costs A ${fixed(a, 2)} ms`;
  return b > 0
    ? `${head} and B ${fixed(b, 2)} ms (${fixed(a / b, 1)}×): the gap widens with every resource built through an L2.`
    : `${head}; B's difference is within its noise.`;
}

/** The Markdown of bench/BREAKDOWN.md. */
export function renderBreakdownMarkdown(breakdown: Breakdown, header: readonly string[]): string {
  const [small, large] = breakdown.sizes;
  return [
    '# Where A\'s synth time goes',
    '',
    '<!-- Written by bench/run.ts --breakdown; do not edit by hand. -->',
    '',
    ...header,
    '',
    'A is the construct (validator off), B the same resources as typed L1 constructs (its templates are A\'s, per configuration). ' +
    (breakdown.configurations.some((r) => r.calibration)
      ? `The ${CALIBRATION_LABEL} row is a calibration: A is a stack of aws-cdk-lib L2s used directly (alarms, a dashboard, ` +
        'buckets, a function, rules, a key, a secret, log groups, a role), B its resources as typed L1s. '
      : '') +
    `Each number is a marginal cost: the median wall time from N=${small} to N=${large} stacks, divided by the ${large - small} ` +
    'stacks added, so module loading and other one-time costs drop out.',
    '',
    ...table(breakdown.configurations),
    '',
    'In brackets: A\'s marginal cost from the extreme measurements, the spread of the run. Differences between rows',
    'smaller than that spread are noise: a part of a few resources cannot be costed by subtraction on this machine.',
    '',
    ...conclusion(breakdown.configurations),
    '',
  ].join('\n');
}
