/**
 * One measurement, in a fresh process: builds the app of one variant, synthesizes it, and prints one line
 * `BENCH_RESULT <json>` (a `ChildResult`) on stdout. bench/run.ts starts it once per measurement, so JIT
 * warm-up and the memory high-water mark belong to that measurement alone.
 *
 *   node bench/.build/bench/child.js '<ChildSpec as JSON>'
 *
 * The built-in CloudFormation validator is switched by the environment (`CDK_VALIDATION=false` turns it off,
 * as `cdk synth --no-validation` does), so the app code is the same with it on and off.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { FLOOR_VARIANTS, buildBenchApp, loadTypedL1Classes, sameTemplate, stackName, type CfnTemplate, type CfnTemplates, type StackContent, type Variant } from './app';

/** What the parent asks for. */
export interface ChildSpec extends StackContent {
  /** `measure` one cell, or write A's `templates` (the source of B) into `templatesDir`. */
  readonly mode: 'measure' | 'templates';
  readonly variant: Variant;
  readonly stacks: number;
  /** Where A's templates are (B) or go (mode `templates`), one `<stack>.json` per stack. */
  readonly templatesDir?: string;
}

/** What the child reports. */
export interface ChildResult {
  readonly variant: Variant;
  readonly stacks: number;
  readonly cfnValidator: boolean;
  /** Construction (new App ... constructors) in ms. */
  readonly constructMs: number;
  /** `app.synth()` in ms (prepare, validation plugins, writing the assembly). */
  readonly synthMs: number;
  /** constructMs + synthMs. */
  readonly wallMs: number;
  /** CPU time (user + system, all threads) of construction and synth, in ms: less sensitive than wall time to other load. */
  readonly cpuMs: number;
  /** CPU time of the whole process up to the report (module loading and checks included), in ms. */
  readonly processCpuMs: number;
  /** Resident set size after the modules were loaded, before construction (MiB). */
  readonly baselineRssMiB: number;
  /** High-water mark of the resident set size of the whole process, `getrusage` ru_maxrss (MiB). */
  readonly peakRssMiB: number;
  /** Resources in the first stack's template. */
  readonly resourcesPerStack: number;
  /** Unacknowledged violations per validation plugin, from validation-report.json. */
  readonly violations: Record<string, number>;
  /**
   * C, D, E: ms spent inside the validation plugin's `validate` (the pack and, for C, its evidence report), a part of
   * synthMs. It excludes the CDK's own work for plugins (the construct tree it hands them), which every pack pays.
   */
  readonly pluginMs?: number;
  /** B and R: whether every synthesized template is A's (`sameTemplate`: equal but for the order of DependsOn). */
  readonly templatesMatchA?: boolean;
  /** Set when synth threw (e.g. a plugin found something). */
  readonly error?: string;
}

const MIB = 1024 * 1024;

function readTemplates(dir: string, stacks: number): CfnTemplates {
  const templates: CfnTemplates = {};
  for (let i = 0; i < stacks; i++) {
    templates[stackName(i)] = JSON.parse(fs.readFileSync(path.join(dir, `${stackName(i)}.json`), 'utf-8'));
  }
  return templates;
}

function readTemplate(outdir: string, stack: string): CfnTemplate {
  return JSON.parse(fs.readFileSync(path.join(outdir, `${stack}.template.json`), 'utf-8'));
}

interface ValidationReport {
  readonly pluginReports: { pluginName: string; violations: unknown[] }[];
}

function countViolations(outdir: string): Record<string, number> {
  const file = path.join(outdir, 'validation-report.json');
  if (!fs.existsSync(file)) return {};
  const report: ValidationReport = JSON.parse(fs.readFileSync(file, 'utf-8'));
  return Object.fromEntries(report.pluginReports.map((r) => [r.pluginName, r.violations.length]));
}

function totalCpuMs(): number {
  const cpu = process.cpuUsage();
  return (cpu.user + cpu.system) / 1000;
}

function measure(spec: ChildSpec): ChildResult {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-hitrust-bench-'));
  try {
    // B's and R's source: read before the clock starts, as a hand-written app has its literals in its source code
    const templates = FLOOR_VARIANTS.includes(spec.variant) ? readTemplates(spec.templatesDir!, spec.stacks) : undefined;
    if (spec.variant === 'B') loadTypedL1Classes(templates!);
    const baselineRssMiB = process.memoryUsage().rss / MIB;

    const cpuStart = process.cpuUsage();
    const start = performance.now();
    let pluginMs: number | undefined;
    const onPluginTime = (ms: number) => { pluginMs = (pluginMs ?? 0) + ms; };
    const app = buildBenchApp({
      variant: spec.variant,
      stacks: spec.stacks,
      outdir,
      templates,
      without: spec.without,
      calibration: spec.calibration,
      onPluginTime,
    });
    const built = performance.now();
    let error: string | undefined;
    try {
      app.synth();
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const end = performance.now();
    const cpu = process.cpuUsage(cpuStart);
    const peakRssMiB = process.resourceUsage().maxRSS * 1024 / MIB;

    // after the measurement: checks that do not count
    const first = fs.existsSync(path.join(outdir, `${stackName(0)}.template.json`)) ? readTemplate(outdir, stackName(0)) : undefined;
    const violations = countViolations(outdir);
    // read again: `_fromCloudFormation` (B) writes into the attributes it is given
    const templatesMatchA = templates === undefined || error !== undefined ? undefined
      : Object.entries(readTemplates(spec.templatesDir!, spec.stacks))
        .every(([stack, template]) => sameTemplate(readTemplate(outdir, stack), template));
    return {
      variant: spec.variant,
      stacks: spec.stacks,
      cfnValidator: process.env.CDK_VALIDATION !== 'false',
      constructMs: built - start,
      synthMs: end - built,
      wallMs: end - start,
      cpuMs: (cpu.user + cpu.system) / 1000,
      processCpuMs: totalCpuMs(),
      baselineRssMiB,
      peakRssMiB,
      resourcesPerStack: first ? Object.keys(first.Resources).length : 0,
      violations,
      ...(pluginMs === undefined ? {} : { pluginMs }),
      templatesMatchA,
      ...(error === undefined ? {} : { error }),
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function writeTemplates(spec: ChildSpec): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-hitrust-bench-'));
  try {
    buildBenchApp({ variant: 'A', stacks: spec.stacks, outdir, without: spec.without, calibration: spec.calibration }).synth();
    fs.mkdirSync(spec.templatesDir!, { recursive: true });
    for (let i = 0; i < spec.stacks; i++) {
      fs.copyFileSync(path.join(outdir, `${stackName(i)}.template.json`), path.join(spec.templatesDir!, `${stackName(i)}.json`));
    }
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const spec: ChildSpec = JSON.parse(process.argv[2]);
  if (spec.mode === 'templates') {
    writeTemplates(spec);
  } else {
    const result = measure(spec);
    process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
    if (result.error !== undefined) process.exitCode = 1;
  }
}
