/**
 * The benchmark's results: the model written to bench/results.json, the ratios and growth computed from the
 * measurements, and the Markdown of bench/RESULTS.md (also printed at the end of a run).
 */
import { PLUGIN_VARIANTS, VARIANT_DESCRIPTIONS, VARIANTS, type Variant } from './app';
import type { ChildResult } from './child';
import { marginalCost, ratio, summarize, type Summary } from './stats';

/** One cell of the benchmark: a variant, a number of stacks, the validator on or off. */
export interface Cell {
  readonly variant: Variant;
  readonly stacks: number;
  readonly cfnValidator: boolean;
}

/** A cell's measurements, summarized. */
export interface CellResult extends Cell {
  readonly wallMs: Summary;
  readonly constructMs: Summary;
  readonly synthMs: Summary;
  readonly cpuMs: Summary;
  readonly peakRssMiB: Summary;
  readonly baselineRssMiB: Summary;
  readonly resourcesPerStack: number;
  /** C, D, E: time inside the validation plugin (see ChildResult.pluginMs). */
  readonly pluginMs?: Summary;
  /**
   * C, D, E: wall / (wall - pluginMs) of each run, summarized: what the plugin adds to the rest of the same process,
   * so run-to-run interference largely cancels (the CDK's own work for plugins counts as the rest).
   */
  readonly pairedOverhead?: Summary;
}

/** A ratio of median wall times, with its target. */
export interface RatioResult {
  readonly name: string;
  readonly stacks: number;
  readonly cfnValidator: boolean;
  readonly value?: number;
  /** The same ratio of median CPU times (construction + synth), a cross-check less sensitive to other load. */
  readonly cpuValue?: number;
  /**
   * The ratio of the fastest wall times: what is left when the least disturbed measurement of each side is compared.
   * On a shared machine, interference that the quiet check cannot see (another guest on the same cores) only ever
   * adds time, so a gap between this and `value` shows noise, not cost.
   */
  readonly fastestValue?: number;
  /** The most the issue accepts; undefined when there is no target (C/E). */
  readonly target?: number;
  readonly met?: boolean;
}

/** Growth of the median wall time from the smallest to the largest N above 1 (10 -> 200). */
export interface GrowthResult {
  readonly variant: Variant;
  readonly cfnValidator: boolean;
  readonly fromStacks: number;
  readonly toStacks: number;
  /** t(to) / t(from); linear growth gives at most to/from (fixed costs make it lower). */
  readonly growth?: number;
  /** Marginal ms per stack over each consecutive pair of sizes from `fromStacks` on. */
  readonly marginalMsPerStack: { readonly from: number; readonly to: number; readonly ms: number }[];
  /** to/from plus 10%. */
  readonly target: number;
  readonly met?: boolean;
}

/** What bench/results.json holds. */
export interface BenchResults {
  readonly machine: {
    readonly date: string;
    readonly node: string;
    readonly platform: string;
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memoryGiB: number;
  };
  readonly source: {
    readonly commit: string;
    /** Whether src/ differed from the commit (others may be editing it). */
    readonly srcUncommittedChanges: boolean;
    readonly awsCdkLib: string;
    readonly cdkNag: string;
  };
  readonly settings: {
    readonly sizes: number[];
    readonly repeats: Record<string, number>;
    readonly variants: Variant[];
    readonly peakRss: string;
    readonly failSynthOnValidationErrors: string;
    /** A measurement is taken again when other processes used more cores than this meanwhile. */
    readonly quietCores: number;
  };
  readonly runSeconds: number;
  readonly cells: CellResult[];
  readonly ratios: RatioResult[];
  readonly growth: GrowthResult[];
  readonly measurements: (ChildResult & {
    readonly repeat: number;
    /** 1 unless other processes used too much CPU during the first attempt. */
    readonly attempts: number;
    /** Cores other processes kept busy during the kept attempt (Linux only). */
    readonly otherCores?: number;
  })[];
}

/** The ratios of the issue and their targets. */
export const RATIO_TARGETS: { name: string; numerator: Variant; denominator: Variant; target?: number }[] = [
  { name: 'A/B', numerator: 'A', denominator: 'B', target: 1.3 },
  { name: 'A/R', numerator: 'A', denominator: 'R' },
  { name: 'C/A', numerator: 'C', denominator: 'A', target: 1.1 },
  { name: 'C/D', numerator: 'C', denominator: 'D', target: 1.0 },
  { name: 'C/E', numerator: 'C', denominator: 'E' },
];

/** Growth is "linear" when t(large)/t(small) stays within this factor of large/small. */
const LINEAR_TOLERANCE = 1.1;

const sameCell = (a: Cell, b: Cell) => a.variant === b.variant && a.stacks === b.stacks && a.cfnValidator === b.cfnValidator;

/** Summarizes the measurements per cell (cells without a measurement are left out). */
export function summarizeCells(cells: readonly Cell[], measurements: readonly ChildResult[]): CellResult[] {
  return cells.flatMap((cell) => {
    const runs = measurements.filter((m) => sameCell(m, cell) && m.error === undefined);
    if (runs.length === 0) return [];
    const of = (pick: (m: ChildResult) => number) => summarize(runs.map(pick));
    return [{
      ...cell,
      wallMs: of((m) => m.wallMs),
      constructMs: of((m) => m.constructMs),
      synthMs: of((m) => m.synthMs),
      cpuMs: of((m) => m.cpuMs),
      peakRssMiB: of((m) => m.peakRssMiB),
      baselineRssMiB: of((m) => m.baselineRssMiB),
      resourcesPerStack: runs[0].resourcesPerStack,
      ...(runs.every((m) => m.pluginMs !== undefined) ? {
        pluginMs: of((m) => m.pluginMs!),
        pairedOverhead: of((m) => m.wallMs / (m.wallMs - m.pluginMs!)),
      } : {}),
    }];
  });
}

function medianWall(cells: readonly CellResult[], cell: Cell): number | undefined {
  return cells.find((c) => sameCell(c, cell))?.wallMs.median;
}

function medianCpu(cells: readonly CellResult[], cell: Cell): number | undefined {
  return cells.find((c) => sameCell(c, cell))?.cpuMs.median;
}

function fastestWall(cells: readonly CellResult[], cell: Cell): number | undefined {
  return cells.find((c) => sameCell(c, cell))?.wallMs.min;
}

/** The ratios of the issue for every size and validator setting. */
export function computeRatios(cells: readonly CellResult[], sizes: readonly number[]): RatioResult[] {
  return [false, true].flatMap((cfnValidator) => sizes.flatMap((stacks) => RATIO_TARGETS.map((t) => {
    const numerator = { variant: t.numerator, stacks, cfnValidator };
    const denominator = { variant: t.denominator, stacks, cfnValidator };
    const value = ratio(medianWall(cells, numerator), medianWall(cells, denominator));
    return {
      name: t.name,
      stacks,
      cfnValidator,
      value,
      cpuValue: ratio(medianCpu(cells, numerator), medianCpu(cells, denominator)),
      fastestValue: ratio(fastestWall(cells, numerator), fastestWall(cells, denominator)),
      target: t.target,
      met: value === undefined || t.target === undefined ? undefined : value <= t.target,
    };
  })));
}

/** Growth per variant from the first size above 1 to the largest. */
export function computeGrowth(cells: readonly CellResult[], sizes: readonly number[], variants: readonly Variant[]): GrowthResult[] {
  const scaled = sizes.filter((n) => n > 1);
  if (scaled.length < 2) return [];
  const from = scaled[0];
  const to = scaled[scaled.length - 1];
  return [false, true].flatMap((cfnValidator) => variants.map((variant) => {
    const at = (stacks: number) => medianWall(cells, { variant, stacks, cfnValidator });
    const growth = ratio(at(to), at(from));
    const marginalMsPerStack = scaled.slice(1).flatMap((large, i) => {
      const small = scaled[i];
      const a = at(small);
      const b = at(large);
      if (a === undefined || b === undefined) return [];
      return [{ from: small, to: large, ms: marginalCost({ stacks: small, value: a }, { stacks: large, value: b }) }];
    });
    const target = (to / from) * LINEAR_TOLERANCE;
    const met = growth === undefined ? undefined : growth <= target;
    return { variant, cfnValidator, fromStacks: from, toStacks: to, growth, marginalMsPerStack, target, met };
  }));
}

const seconds = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const spread = (s: Summary, format: (x: number) => string) =>
  s.n > 1 ? `${format(s.median)} (${format(s.min)}–${format(s.max)})` : format(s.median);
const mark = (met: boolean | undefined) => (met === undefined ? '' : met ? ' ✓' : ' ✗');
const validatorName = (on: boolean) => (on ? 'on' : 'off');

function cellTable(results: BenchResults, cfnValidator: boolean, render: (c: CellResult) => string): string[] {
  const { sizes, variants } = results.settings;
  const lines = [
    `| variant | ${sizes.map((n) => `N=${n}`).join(' | ')} |`,
    `| --- | ${sizes.map(() => '---:').join(' | ')} |`,
  ];
  for (const variant of variants) {
    const row = sizes.map((stacks) => {
      const cell = results.cells.find((c) => sameCell(c, { variant, stacks, cfnValidator }));
      return cell ? render(cell) : '–';
    });
    lines.push(`| ${variant} | ${row.join(' | ')} |`);
  }
  return lines;
}

/** The Markdown of bench/RESULTS.md. */
export function renderMarkdown(results: BenchResults): string {
  const { machine, source, settings } = results;
  const repeats = Object.entries(settings.repeats).map(([n, r]) => `${r} at N=${n}`).join(', ');
  const resources = results.cells.find((c) => c.variant === 'A')?.resourcesPerStack;
  const lines: string[] = [
    '# Synth benchmark',
    '',
    '<!-- Written by bench/run.ts (`npx projen bench`); do not edit by hand. -->',
    '',
    `Measured on ${machine.date.slice(0, 10)}: Node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, ` +
      `${machine.memoryGiB} GiB, ${machine.platform}; aws-cdk-lib ${source.awsCdkLib}, cdk-nag ${source.cdkNag}; ` +
      `commit ${source.commit.slice(0, 12)}${source.srcUncommittedChanges ? ' with uncommitted changes in src/' : ''}. ` +
      `The run took ${Math.round(results.runSeconds / 60)} min.`,
    '',
    'An app of N stacks (each with its own environment and the same VPC imported with `Vpc.fromVpcAttributes`, no lookup), ' +
      `${resources ?? '?'} resources per stack. Each measurement is a fresh Node process that builds the app and calls ` +
      '`app.synth()`: wall time is construction plus synth, peak RSS is the high-water mark of the process ' +
      `(${settings.peakRss}). Medians of ${repeats} measurements, min–max in brackets.`,
    '',
    ...VARIANTS.filter((v) => settings.variants.includes(v)).map((v) => `- **${v}**: ${VARIANT_DESCRIPTIONS[v]}`),
    '',
    'B and R are generated from A\'s templates, and every synthesized template of theirs is checked equal to A\'s. ' +
      'B builds each resource with its class\'s `_fromCloudFormation` (what CfnInclude calls, without its template parsing): ' +
      'the typed constructs a hand-written L1 app holds, plus the mapping from CloudFormation JSON to props (a quarter of B\'s ' +
      'construction, 6% of its wall time, in a profile at N=50). R is the lower bound no typed construct reaches: A/R shows what the typed L1 ' +
      'classes themselves cost.',
    '',
    `Validation plugins: ${settings.failSynthOnValidationErrors}`,
    'The built-in CloudFormation validator is switched with `CDK_VALIDATION=false` (as `cdk synth --no-validation`).',
    '',
    '## Targets',
    '',
    '### Ratios of median wall time',
    '',
    'The targets are judged on the ratio of median wall times. In brackets: the same ratio of median CPU times (user + system, ' +
      'all threads), then of the fastest wall times. Interference from outside the machine only adds time, so where the ' +
      'fastest ratio differs much from the median one, the spread of the run, not the code, decides the mark.',
    '',
    '| N | CFN validator | ' + RATIO_TARGETS.map((t) => (t.target === undefined ? t.name : `${t.name} (≤ ${t.target.toFixed(2)})`)).join(' | ') + ' |',
    '| ---: | --- | ' + RATIO_TARGETS.map(() => '---:').join(' | ') + ' |',
  ];
  for (const cfnValidator of [false, true]) {
    for (const stacks of settings.sizes) {
      const row = RATIO_TARGETS.map((t) => {
        const r = results.ratios.find((x) => x.name === t.name && x.stacks === stacks && x.cfnValidator === cfnValidator);
        return r?.value === undefined ? '–'
          : `${r.value.toFixed(2)}${mark(r.met)} (${r.cpuValue?.toFixed(2) ?? '–'}, ${r.fastestValue?.toFixed(2) ?? '–'})`;
      });
      lines.push(`| ${stacks} | ${validatorName(cfnValidator)} | ${row.join(' | ')} |`);
    }
  }
  if (results.growth.length > 0) {
    const g0 = results.growth[0];
    lines.push(
      '',
      `### Growth from N=${g0.fromStacks} to N=${g0.toStacks} (linear: ≈ ${g0.toStacks / g0.fromStacks}×, target ≤ ${g0.target.toFixed(0)}×)`,
      '',
      'The marginal cost of one more stack between consecutive sizes shows where growth bends: it rises when synth is super-linear.',
      '',
      `| variant | CFN validator | growth | ${g0.marginalMsPerStack.map((m) => `ms/stack ${m.from}→${m.to}`).join(' | ')} |`,
      `| --- | --- | ---: | ${g0.marginalMsPerStack.map(() => '---:').join(' | ')} |`,
    );
    for (const g of results.growth) {
      lines.push(`| ${g.variant} | ${validatorName(g.cfnValidator)} | ${g.growth === undefined ? '–' : `${g.growth.toFixed(1)}×${mark(g.met)}`} | ` +
        `${g.marginalMsPerStack.map((m) => m.ms.toFixed(0)).join(' | ')} |`);
    }
  }
  for (const cfnValidator of [false, true]) {
    lines.push('', `## Wall time (s), CloudFormation validator ${validatorName(cfnValidator)}`, '',
      ...cellTable(results, cfnValidator, (c) => spread(c.wallMs, seconds)));
  }
  for (const cfnValidator of [false, true]) {
    lines.push('', `## Inside the validation plugin, CloudFormation validator ${validatorName(cfnValidator)}`, '',
      'Seconds inside the plugin\'s `validate` (median), and in brackets what the plugin adds to the rest of the same ' +
        'process, `wall / (wall - plugin)` (median over runs): a paired C/A for C, which interference between runs ' +
        'disturbs far less than the ratio of medians. The CDK\'s own work for plugins (the construct tree it hands them) ' +
        'counts as the rest; every pack pays it.', '',
      ...cellTable({ ...results, settings: { ...results.settings, variants: results.settings.variants.filter((v) => PLUGIN_VARIANTS.includes(v)) } },
        cfnValidator, (c) => (c.pluginMs === undefined || c.pairedOverhead === undefined ? '–'
          : `${seconds(c.pluginMs.median)} (${c.pairedOverhead.median.toFixed(2)})`)));
  }
  lines.push('', '## Construction + synth (s, medians), CloudFormation validator off', '',
    ...cellTable(results, false, (c) => `${seconds(c.constructMs.median)} + ${seconds(c.synthMs.median)}`));
  for (const cfnValidator of [false, true]) {
    lines.push('', `## Peak RSS (MiB), CloudFormation validator ${validatorName(cfnValidator)}`, '',
      ...cellTable(results, cfnValidator, (c) => spread(c.peakRssMiB, (x) => x.toFixed(0))));
  }
  const baseline = summarize(results.cells.map((c) => c.baselineRssMiB.median));
  lines.push('', `The process holds ${baseline.median.toFixed(0)} MiB (median over cells) once the modules are loaded, before construction.`);
  const others = results.measurements.flatMap((m) => (m.otherCores === undefined ? [] : [m.otherCores]));
  if (others.length > 0) {
    const o = summarize(others);
    const repeated = results.measurements.filter((m) => m.attempts > 1).length;
    lines.push('', `Other processes on the machine used ${o.median.toFixed(2)} cores during a measurement (median; max ${o.max.toFixed(2)}). ` +
      `${repeated} measurement(s) were taken again because others used more than ${settings.quietCores} cores meanwhile.`);
  }
  lines.push('');
  return lines.join('\n');
}
