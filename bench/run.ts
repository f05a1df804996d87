/**
 * Synth-time benchmark (issue 8): what compliance costs, against the floor (typed L1) and the peer packs.
 *
 *   npx ts-node --project bench/tsconfig.json bench/run.ts [--quick] [--variants=A,B] [--sizes=1,10] [--repeats=3]
 *   npx ts-node --project bench/tsconfig.json bench/run.ts --profile=C:200:off
 *   npx ts-node --project bench/tsconfig.json bench/run.ts --breakdown
 *
 * It compiles bench/ and src/ with tsc into bench/.build (so a measurement never pays for ts-node), writes A's
 * templates (the source of B and R), then starts one child process (bench/child.ts) per measurement, one at a time.
 * A full run writes bench/results.json and bench/RESULTS.md; a partial one (--quick, --variants, --sizes,
 * --repeats) writes them into bench/.build instead, so the committed results always come from a full run.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CACHE_PARTS, FLOOR_VARIANTS, VARIANTS, type CachePart, type StackContent, type Variant } from './app';
import { computeBreakdown, contentLabel, renderBreakdownMarkdown, type BreakdownMeasurement } from './breakdown';
import type { ChildResult, ChildSpec } from './child';
import { summarizeProfile, type CpuProfile, type ProfileEntry } from './profile';
import { computeGrowth, computeRatios, renderMarkdown, summarizeCells, type BenchResults, type Cell } from './report';
import { median } from './stats';

const ROOT = path.resolve(__dirname, '..');
const BENCH = path.join(ROOT, 'bench');
const BUILD = path.join(BENCH, '.build');
const CHILD = path.join(BUILD, 'bench', 'child.js');
const TEMPLATES = path.join(BUILD, 'templates');
const PROFILES = path.join(BENCH, 'profiles');

const FULL_SIZES = [1, 10, 50, 200];
/** Measurements per cell by N: about 19 minutes in all on 2 cores. */
const FULL_REPEATS: Record<number, number> = { 1: 5, 10: 5, 50: 3, 200: 3 };
const RESULT_PREFIX = 'BENCH_RESULT ';
/**
 * Other processes may use this many cores during a measurement; beyond it the measurement is repeated
 * (up to MAX_ATTEMPTS times). Before each measurement the run waits (up to MAX_WAIT_MS) for the machine to be
 * that quiet.
 */
const QUIET_CORES = 0.25;
const MAX_ATTEMPTS = 3;
const MAX_WAIT_MS = 120_000;

interface Options {
  readonly sizes: number[];
  readonly variants: Variant[];
  readonly repeats: (stacks: number) => number;
  readonly full: boolean;
  readonly profile?: Cell;
  readonly breakdown: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const flags = new Map(argv.map((arg) => {
    const [name, ...value] = arg.replace(/^--/, '').split('=');
    return [name, value.join('=')] as const;
  }));
  const known = ['quick', 'sizes', 'variants', 'repeats', 'profile', 'breakdown'];
  const unknown = [...flags.keys()].filter((f) => !known.includes(f));
  if (unknown.length > 0) throw new Error(`unknown option(s): ${unknown.join(', ')}; known: --${known.join(', --')}`);

  const list = (name: string) => flags.get(name)?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const variants = (list('variants') ?? [...VARIANTS]) as Variant[];
  const badVariant = variants.find((v) => !VARIANTS.includes(v));
  if (badVariant !== undefined) throw new Error(`--variants takes ${VARIANTS.join(',')}, got: ${badVariant}`);
  const quick = flags.has('quick');
  const sizes = list('sizes')?.map(Number) ?? (quick ? [1, 10] : FULL_SIZES);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes takes whole numbers >= 1, got: ${flags.get('sizes')}`);
  const repeatsFlag = flags.get('repeats');
  const fixedRepeats = quick ? 1 : repeatsFlag === undefined ? undefined : Number(repeatsFlag);
  if (fixedRepeats !== undefined && !(Number.isInteger(fixedRepeats) && fixedRepeats >= 1)) {
    throw new Error(`--repeats takes a whole number >= 1, got: ${repeatsFlag}`);
  }

  let profiled: Cell | undefined;
  if (flags.has('profile')) {
    const [variant, stacks, validator] = (flags.get('profile') ?? '').split(':');
    if (!VARIANTS.includes(variant as Variant) || !(Number(stacks) >= 1) || !['on', 'off'].includes(validator)) {
      throw new Error(`--profile takes <variant>:<N>:<on|off>, e.g. --profile=C:200:off, got: ${flags.get('profile')}`);
    }
    profiled = { variant: variant as Variant, stacks: Number(stacks), cfnValidator: validator === 'on' };
  }
  return {
    sizes,
    variants,
    repeats: (stacks) => fixedRepeats ?? FULL_REPEATS[stacks] ?? 2,
    full: !quick && !flags.has('sizes') && !flags.has('variants') && repeatsFlag === undefined,
    profile: profiled,
    breakdown: flags.has('breakdown'),
  };
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Compiles bench/ and src/ to JavaScript, so that child processes load plain JS (no ts-node, no type-check). */
function compile(): void {
  for (const bundle of ['rotation/rotate.lambda', 'archive/export.lambda']) {
    if (!fs.existsSync(path.join(ROOT, 'assets', bundle, 'index.js'))) {
      throw new Error(`assets/${bundle}/index.js is missing: run \`npx projen bundle\` first`);
    }
  }
  fs.rmSync(BUILD, { recursive: true, force: true });
  execFileSync(process.execPath, [
    require.resolve('typescript/bin/tsc'), '--project', path.join(BENCH, 'tsconfig.json'),
    '--noEmit', 'false', '--outDir', BUILD, '--inlineSourceMap', 'false', '--inlineSources', 'false', '--declaration', 'false',
  ], { cwd: ROOT, stdio: 'inherit' });
  // src/**/*-function.ts find the Lambda bundles at ../../assets from their own directory
  fs.symlinkSync(path.join(ROOT, 'assets'), path.join(BUILD, 'assets'));
}

/** The child's environment: the validator switch, and nothing of a surrounding CDK CLI run or NODE_OPTIONS. */
function childEnv(cfnValidator: boolean): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['CDK_VALIDATION', 'CDK_OUTDIR', 'CDK_CONTEXT_JSON', 'NODE_OPTIONS']) delete env[name];
  return cfnValidator ? env : { ...env, CDK_VALIDATION: 'false' };
}

/** GNU time, when installed: it reports the child's CPU time as the kernel counts it (all threads, until exit). */
const GNU_TIME = '/usr/bin/time';

interface ChildRun {
  readonly result?: ChildResult;
  /** User + system CPU time of the whole child process until it exited (GNU time), in ms. */
  readonly kernelCpuMs?: number;
}

function runChild(spec: ChildSpec, cfnValidator: boolean, nodeArgs: string[] = []): ChildRun {
  const args = [...nodeArgs, CHILD, JSON.stringify(spec)];
  const timeFile = path.join(BUILD, 'child-time.txt');
  const useTime = fs.existsSync(GNU_TIME);
  fs.rmSync(timeFile, { force: true });
  const child = useTime
    ? spawnSync(GNU_TIME, ['-f', '%U %S', '-o', timeFile, process.execPath, ...args], { cwd: ROOT, env: childEnv(cfnValidator), encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(process.execPath, args, { cwd: ROOT, env: childEnv(cfnValidator), encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024 });
  const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  const result = line ? (JSON.parse(line.slice(RESULT_PREFIX.length)) as ChildResult) : undefined;
  if (child.status !== 0 || (spec.mode === 'measure' && result === undefined)) {
    throw new Error(`child failed (exit ${child.status}, signal ${child.signal}) for ${JSON.stringify(spec)}, validator ${validatorName(cfnValidator)}:\n` +
      `${result?.error ?? ''}\n${child.stderr.slice(-4000)}`);
  }
  const times = useTime && fs.existsSync(timeFile) ? fs.readFileSync(timeFile, 'utf-8').trim().split(/\s+/).map(Number) : [];
  const kernelCpuMs = times.length === 2 && times.every(Number.isFinite) ? (times[0] + times[1]) * 1000 : undefined;
  return { result, kernelCpuMs };
}

const validatorName = (on: boolean) => (on ? 'on' : 'off');

/** Busy and total CPU time of the whole machine (Linux /proc/stat, in clock ticks); undefined elsewhere. */
function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf-8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((sum, x) => sum + x, 0);
    return { busy: total - fields[3] - (fields[4] ?? 0), total };
  } catch {
    return undefined;
  }
}

/** Cores kept busy between two readings of `machineTicks`. */
function busyCores(before: ReturnType<typeof machineTicks>, after: ReturnType<typeof machineTicks>): number | undefined {
  if (before === undefined || after === undefined || after.total <= before.total) return undefined;
  return ((after.busy - before.busy) / (after.total - before.total)) * os.cpus().length;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Waits until other processes use at most QUIET_CORES (for at most MAX_WAIT_MS). */
function waitForQuiet(): void {
  const started = Date.now();
  for (;;) {
    const before = machineTicks();
    sleep(1000);
    const cores = busyCores(before, machineTicks());
    if (cores === undefined || cores <= QUIET_CORES) return;
    if (Date.now() - started > MAX_WAIT_MS) {
      log(`  the machine is still busy (${cores.toFixed(2)} cores) after ${MAX_WAIT_MS / 1000} s: measuring anyway`);
      return;
    }
    if (Date.now() - started < 1500) log(`  waiting for other processes (${cores.toFixed(2)} cores busy) ...`);
  }
}

/** A measurement with what else ran on the machine meanwhile. */
type Measurement = BenchResults['measurements'][number];

/**
 * Measures a cell, repeating it when other processes used more than QUIET_CORES meanwhile. Throws when B's or R's
 * templates differ from A's: they would not be A's floor.
 */
function measureCell(cell: Cell, repeat: number, content: StackContent = {}, templatesDir = TEMPLATES): Measurement {
  let last: Measurement | undefined;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    waitForQuiet();
    const before = machineTicks();
    const started = Date.now();
    const { result, kernelCpuMs } = runChild({ mode: 'measure', variant: cell.variant, stacks: cell.stacks, templatesDir, ...content }, cell.cfnValidator);
    if (result!.templatesMatchA === false) {
      throw new Error(`${cell.variant}'s templates differ from A's at N=${cell.stacks} (${contentLabel(content, CACHE_PARTS)}): ` +
        `${cell.variant} is not A's floor`);
    }
    const elapsedMs = Date.now() - started;
    const busy = busyCores(before, machineTicks());
    // the child's own CPU time (whole process, until exit when GNU time tells) spread over the elapsed time
    const childCpuMs = kernelCpuMs ?? result!.processCpuMs;
    const otherCores = busy === undefined ? undefined : Math.max(0, busy - childCpuMs / elapsedMs);
    last = { ...result!, repeat, attempts: attempt, otherCores };
    if (otherCores === undefined || otherCores <= QUIET_CORES) return last;
    log(`  other processes used ${otherCores.toFixed(2)} cores during the measurement: ${attempt < MAX_ATTEMPTS ? 'measuring again' : 'kept'}`);
  }
  return last!;
}

function writeTemplates(stacks: number, content: StackContent = {}, templatesDir = TEMPLATES): void {
  const started = Date.now();
  runChild({ mode: 'templates', variant: 'A', stacks, templatesDir, ...content }, false);
  log(`A's templates for B and R (${stacks} stacks) written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function gitInfo(): { commit: string; srcUncommittedChanges: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf-8' }).trim();
    const changes = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf-8' }).trim();
    return { commit, srcUncommittedChanges: changes !== '' };
  } catch {
    return { commit: 'unknown', srcUncommittedChanges: true };
  }
}

function packageVersion(name: string): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf-8')).version;
}

/** The measurement plan: round-robin over the cells, one repeat at a time, so drift spreads over all variants. */
function plan(options: Options): Cell[] {
  const cells: Cell[] = [];
  const rounds = Math.max(...options.sizes.map(options.repeats));
  for (let round = 0; round < rounds; round++) {
    for (const stacks of options.sizes) {
      if (round >= options.repeats(stacks)) continue;
      for (const cfnValidator of [false, true]) {
        for (const variant of options.variants) cells.push({ variant, stacks, cfnValidator });
      }
    }
  }
  return cells;
}

function benchmark(options: Options): void {
  const started = Date.now();
  const git = gitInfo();
  compile();
  if (options.variants.some((v) => FLOOR_VARIANTS.includes(v))) writeTemplates(Math.max(...options.sizes));

  const queue = plan(options);
  const measurements: Measurement[] = [];
  const seen = new Map<string, number>();
  queue.forEach((cell, i) => {
    const key = `${cell.variant}:${cell.stacks}:${cell.cfnValidator}`;
    const repeat = (seen.get(key) ?? 0) + 1;
    seen.set(key, repeat);
    const result = measureCell(cell, repeat);
    const found = Object.entries(result.violations).filter(([, count]) => count > 0);
    if (found.length > 0) {
      log(`  note: ${cell.variant} N=${cell.stacks} reported ${found.map(([plugin, count]) => `${count} ${plugin}`).join(', ')} (warnings or acknowledged)`);
    }
    measurements.push(result);
    const elapsed = (Date.now() - started) / 1000;
    log(`[${i + 1}/${queue.length}] ${cell.variant} N=${cell.stacks} validator ${validatorName(cell.cfnValidator)}: ` +
      `${(result.wallMs / 1000).toFixed(2)} s (cpu ${(result.cpuMs / 1000).toFixed(2)} s), ${result.peakRssMiB.toFixed(0)} MiB` +
      `${result.otherCores === undefined ? '' : `, others ${result.otherCores.toFixed(2)} cores`}  (${(elapsed / 60).toFixed(1)} min elapsed)`);
  });

  const cellsOrder: Cell[] = [];
  for (const cfnValidator of [false, true]) {
    for (const variant of options.variants) {
      for (const stacks of options.sizes) cellsOrder.push({ variant, stacks, cfnValidator });
    }
  }
  const cells = summarizeCells(cellsOrder, measurements);
  const results: BenchResults = {
    machine: {
      date: new Date().toISOString(),
      node: process.version,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    },
    source: { ...git, awsCdkLib: packageVersion('aws-cdk-lib'), cdkNag: packageVersion('cdk-nag') },
    settings: {
      sizes: options.sizes,
      repeats: Object.fromEntries(options.sizes.map((n) => [String(n), options.repeats(n)])),
      variants: options.variants,
      peakRss: 'getrusage ru_maxrss via process.resourceUsage().maxRSS, the number /usr/bin/time -v reports',
      failSynthOnValidationErrors: 'left at its default (true): the default construct passes HitrustChecks, HIPAA.Security and ' +
        'AwsSolutions, so no synth needs `@aws-cdk/core:failSynthOnValidationErrors: false` (a finding would abort the run).',
      quietCores: QUIET_CORES,
    },
    runSeconds: (Date.now() - started) / 1000,
    cells,
    ratios: computeRatios(cells, options.sizes),
    growth: computeGrowth(cells, options.sizes, options.variants),
    measurements,
  };

  const markdown = renderMarkdown(results);
  const outdir = options.full ? BENCH : BUILD;
  const prefix = options.full ? '' : 'partial-';
  fs.writeFileSync(path.join(outdir, `${prefix}results.json`), `${JSON.stringify(results, undefined, 2)}\n`);
  fs.writeFileSync(path.join(outdir, `${prefix}RESULTS.md`), markdown);
  process.stdout.write(`${markdown}\n`);
  log(`wrote ${path.relative(ROOT, path.join(outdir, `${prefix}results.json`))} and ${prefix}RESULTS.md ` +
    `(${((Date.now() - started) / 60000).toFixed(1)} min)${options.full ? '' : ': a partial run does not replace bench/results.json'}`);
}

function formatEntries(title: string, entries: readonly ProfileEntry[], totalMs: number, top: number): string[] {
  const pct = (ms: number) => `${((100 * ms) / totalMs).toFixed(1).padStart(5)}%`;
  return [
    '', `${title} (self, total = with callees)`,
    ...entries.filter((e) => e.key !== '(root)').slice(0, top).map((e) =>
      `${pct(e.selfMs)} ${e.selfMs.toFixed(0).padStart(7)} ms self  ${pct(e.totalMs)} total  ${e.key}`),
  ];
}

/** Runs one cell under `node --cpu-prof` and sums the profile by package, file and function. */
function profile(cell: Cell): void {
  compile();
  if (FLOOR_VARIANTS.includes(cell.variant)) writeTemplates(cell.stacks);
  const name = `${cell.variant}-${cell.stacks}-${validatorName(cell.cfnValidator)}`;
  fs.mkdirSync(PROFILES, { recursive: true });
  const file = path.join(PROFILES, `${name}.cpuprofile`);
  fs.rmSync(file, { force: true });
  const result = runChild({ mode: 'measure', variant: cell.variant, stacks: cell.stacks, templatesDir: TEMPLATES }, cell.cfnValidator,
    ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`, `--cpu-prof-name=${name}.cpuprofile`]).result!;
  const summary = summarizeProfile(JSON.parse(fs.readFileSync(file, 'utf-8')) as CpuProfile);
  const byTotal = (entries: readonly ProfileEntry[]) => [...entries].sort((a, b) => b.totalMs - a.totalMs);
  const lines = [
    `${name}: wall ${result.wallMs.toFixed(0)} ms (construct ${result.constructMs.toFixed(0)}, synth ${result.synthMs.toFixed(0)}), ` +
      `profile ${summary.totalMs.toFixed(0)} ms (whole process, module loading included)`,
    ...formatEntries('By package', summary.packages, summary.totalMs, 20),
    ...formatEntries('By file', summary.files, summary.totalMs, 30),
    ...formatEntries('By function', summary.functions, summary.totalMs, 40),
    ...formatEntries('By function, largest total first', byTotal(summary.functions), summary.totalMs, 40),
  ];
  fs.writeFileSync(path.join(PROFILES, `${name}.txt`), `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
  log(`profile: ${path.relative(ROOT, file)}, summary: ${path.relative(ROOT, path.join(PROFILES, `${name}.txt`))}`);
}

/** The sizes and measurements per cell of the breakdown. */
const BREAKDOWN_SIZES: [number, number] = [20, 200];
const BREAKDOWN_REPEATS = 3;

/**
 * Measures A and B with each optional part of the construct off, then every part off, then the calibration stack
 * (aws-cdk-lib L2s alone), and writes bench/BREAKDOWN.md and bench/breakdown-results.json: the marginal cost per stack
 * and per resource of each configuration and part, and what aws-cdk-lib's L2s cost over their own floor.
 */
function breakdown(): void {
  const started = Date.now();
  const git = gitInfo();
  compile();
  const contents: { without: CachePart[]; calibration?: boolean }[] = [
    { without: [] },
    ...CACHE_PARTS.map((part) => ({ without: [part] })),
    { without: [...CACHE_PARTS] },
    { without: [], calibration: true },
  ];
  const measurements: BreakdownMeasurement[] = contents.map((content) => {
    const templatesDir = path.join(TEMPLATES, content.calibration ? 'calibration' : content.without.join('-') || 'all');
    writeTemplates(BREAKDOWN_SIZES[1], content, templatesDir);
    const wallMs: BreakdownMeasurement['wallMs'] = { A: {}, B: {} };
    let resourcesPerStack = 0;
    for (const variant of ['A', 'B'] as const) {
      for (const stacks of BREAKDOWN_SIZES) {
        const walls: number[] = [];
        for (let repeat = 1; repeat <= BREAKDOWN_REPEATS; repeat++) {
          const result = measureCell({ variant, stacks, cfnValidator: false }, repeat, content, templatesDir);
          walls.push(result.wallMs);
          resourcesPerStack = result.resourcesPerStack;
        }
        wallMs[variant][stacks] = walls;
        log(`${contentLabel(content, CACHE_PARTS)}: ${variant} N=${stacks} ` +
          `${(median(walls) / 1000).toFixed(2)} s  (${((Date.now() - started) / 60000).toFixed(1)} min elapsed)`);
      }
    }
    return { ...content, resourcesPerStack, wallMs };
  });
  const result = computeBreakdown(measurements, BREAKDOWN_SIZES, CACHE_PARTS);
  const header = [
    `Measured on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${os.cpus().length} × ` +
      `${os.cpus()[0]?.model.trim() ?? 'unknown'}; aws-cdk-lib ${packageVersion('aws-cdk-lib')}; commit ${git.commit.slice(0, 12)}` +
      `${git.srcUncommittedChanges ? ' with uncommitted changes in src/' : ''}. Medians of ${BREAKDOWN_REPEATS} fresh processes per cell; ` +
      `the run took ${Math.round((Date.now() - started) / 60000)} min.`,
  ];
  const markdown = renderBreakdownMarkdown(result, header);
  fs.writeFileSync(path.join(BENCH, 'breakdown-results.json'), `${JSON.stringify({ ...result, measurements }, undefined, 2)}\n`);
  fs.writeFileSync(path.join(BENCH, 'BREAKDOWN.md'), markdown);
  process.stdout.write(`${markdown}\n`);
  log('wrote bench/breakdown-results.json and bench/BREAKDOWN.md');
}

if (require.main === module) {
  const options = parseOptions(process.argv.slice(2));
  if (options.profile) {
    profile(options.profile);
  } else if (options.breakdown) {
    breakdown();
  } else {
    benchmark(options);
  }
}
