/**
 * The breakdown (`bench/run.ts --breakdown`): whether A's cost over its floor B comes from one part of the construct.
 * A and B are measured with the construct's optional parts switched off one at a time, then all of them; the marginal
 * cost of one more stack (from the small to the large app) is divided by the resources of a stack.
 * Pure functions; bench/run.ts measures and writes bench/BREAKDOWN.md.
 */
import type { CachePart } from './app';
import { marginalCost, median, ratio } from './stats';

/** The wall times (ms) of one configuration at the two sizes, for A and for B. */
export interface BreakdownMeasurement {
  /** The parts switched off ([] = all defaults). */
  readonly without: readonly CachePart[];
  readonly resourcesPerStack: number;
  /** Wall ms of every measurement, by variant and size. */
  readonly wallMs: { readonly A: Record<number, readonly number[]>; readonly B: Record<number, readonly number[]> };
}

/** One row of the breakdown table. */
export interface BreakdownRow {
  readonly label: string;
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

function configLabel(without: readonly CachePart[], allParts: readonly CachePart[]): string {
  if (without.length === 0) return 'all defaults';
  if (without.length === allParts.length) return 'core only (every optional part off)';
  return `without ${without.join(', ')}`;
}

function row(label: string, resources: number, aMsPerStack: number, aMsPerStackRange: readonly [number, number],
  bMsPerStack: number): BreakdownRow {
  return {
    label,
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
  if (measurements[0] === undefined || measurements[0].without.length !== 0) {
    throw new Error('the first breakdown measurement must have every part on');
  }
  const [small, large] = sizes;
  const perStack = (smallMs: number, largeMs: number) =>
    marginalCost({ stacks: small, value: smallMs }, { stacks: large, value: largeMs });
  const configurations = measurements.map((m) => {
    const a = m.wallMs.A;
    const range: [number, number] = [perStack(Math.max(...a[small]), Math.min(...a[large])), perStack(Math.min(...a[small]), Math.max(...a[large]))];
    return row(configLabel(m.without, allParts), m.resourcesPerStack, perStack(median(a[small]), median(a[large])), range,
      perStack(median(m.wallMs.B[small]), median(m.wallMs.B[large])));
  });
  return { sizes, configurations };
}

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

function table(rows: readonly BreakdownRow[]): string[] {
  return [
    '| construct | resources per stack | A ms/stack (range) | B ms/stack | A ms/resource | B ms/resource | A/B |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.label} | ${r.resourcesPerStack} | ${fixed(r.aMsPerStack, 1)} ` +
      `(${fixed(r.aMsPerStackRange[0], 1)}–${fixed(r.aMsPerStackRange[1], 1)}) | ${fixed(r.bMsPerStack, 1)} | ` +
      `${fixed(r.aMsPerResource, 2)} | ${fixed(r.bMsPerResource, 2)} | ${r.marginalRatio === undefined ? '–' : fixed(r.marginalRatio, 2)} |`),
  ];
}

/** The A/B target of the benchmark (bench/report.ts). */
const A_B_TARGET = 1.3;

/** What the numbers say, from the numbers: the spread of A/B across configurations against the target. */
export function conclusion(rows: readonly BreakdownRow[]): string[] {
  const rated = rows.filter((r) => r.marginalRatio !== undefined);
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
  const slope = perResourceBeyondSmallest(rows);
  if (slope !== undefined) lines.push(slope);
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
