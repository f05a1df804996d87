/**
 * EventBridge pattern matching by AWS's own engine, event-ruler (https://github.com/aws/event-ruler), the
 * matcher EventBridge is built on. The Java side is event-ruler/EventRulerMatch.java; its class path is
 * fetched by event-ruler/pom.xml (`npx projen engines`).
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** One pattern and one event to match against it. */
export interface MatchCase {
  /** An EventBridge event pattern (the JSON of a rule's EventPattern). */
  readonly pattern: unknown;
  /** An event as EventBridge delivers it (version, id, detail-type, source, ..., detail). */
  readonly event: unknown;
}

const ENGINE_DIR = path.join(__dirname, 'event-ruler');
const TARGET_DIR = path.join(ENGINE_DIR, 'target');
const DEPS_DIR = path.join(TARGET_DIR, 'deps');
const MAIN = path.join(ENGINE_DIR, 'EventRulerMatch.java');
const MAIN_CLASS = 'EventRulerMatch';
const INSTALL = 'mvn -q -B -f test/engines/event-ruler/pom.xml dependency:copy-dependencies -DoutputDirectory=target/deps';

/** The directory of the compiled EventRulerMatch class (undefined: launch the source file), once per test file. */
let compiled: { dir?: string } | undefined;

/**
 * EventRulerMatch.java compiled once (javac, into target/classes-<hash of the source and the class path>): a launch
 * of the source file compiles it in every Java process, about 0.3 s of each. The class directory is written under a
 * temporary name and renamed, so that test files running side by side never see half of it. Without javac, or when
 * it fails, the source file is launched as before (and reports its own compile errors).
 */
function compiledClassDir(): string | undefined {
  if (compiled) return compiled.dir;
  const jars = fs.readdirSync(DEPS_DIR).filter((f) => f.endsWith('.jar')).sort();
  const hash = createHash('sha256').update(fs.readFileSync(MAIN)).update(JSON.stringify(jars)).digest('hex').slice(0, 16);
  const dir = path.join(TARGET_DIR, `classes-${hash}`);
  const isCompiled = () => fs.existsSync(path.join(dir, `${MAIN_CLASS}.class`));
  if (!isCompiled()) {
    const tmp = fs.mkdtempSync(path.join(TARGET_DIR, 'classes-tmp-'));
    const javac = spawnSync('javac', [
      '-J-XX:TieredStopAtLevel=1', '-J-XX:+UseSerialGC', '-proc:none',
      // runs on the java of any JDK >= 17, whichever javac compiled it
      '--release', '17',
      '-d', tmp, '-cp', path.join(DEPS_DIR, '*'), MAIN,
    ], { encoding: 'utf8' });
    if (!javac.error && javac.status === 0) {
      try {
        fs.renameSync(tmp, dir);
      } catch {
        // another test file renamed its copy first
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  compiled = { dir: isCompiled() ? dir : undefined };
  return compiled.dir;
}

/**
 * The cases with each distinct pattern and event written once (EventRulerMatch's indexed input): patterns by their
 * JSON text, events by identity (a batch matches one event object against each of a handful of patterns).
 */
function indexedInput(cases: readonly MatchCase[]): { patterns: unknown[]; events: unknown[]; cases: [number, number][] } {
  const patterns: unknown[] = [];
  const events: unknown[] = [];
  const patternIndex = new Map<string | undefined, number>();
  const eventIndex = new Map<unknown, number>();
  const pairs = cases.map((c): [number, number] => {
    const text = JSON.stringify(c.pattern);
    let p = patternIndex.get(text);
    if (p === undefined) {
      p = patterns.push(c.pattern) - 1;
      patternIndex.set(text, p);
    }
    let e = eventIndex.get(c.event);
    if (e === undefined) {
      e = events.push(c.event) - 1;
      eventIndex.set(c.event, e);
    }
    return [p, e];
  });
  return { patterns, events, cases: pairs };
}

/**
 * Whether `pattern` matches `event`, for each case, as event-ruler decides (`Machine.addRule` +
 * `rulesForJSONEvent`). One Java process per call: batch the cases of a test file section.
 *
 * Throws when the engine is not installed, and when event-ruler refuses a pattern (EventBridge would refuse
 * the rule too): a refused pattern is never reported as "no match".
 */
export function matchAll(cases: readonly MatchCase[]): boolean[] {
  if (cases.length === 0) return [];
  if (!fs.existsSync(DEPS_DIR) || !fs.readdirSync(DEPS_DIR).some((f) => /^event-ruler-.*\.jar$/.test(f))) {
    throw new Error(`event-ruler is not installed in ${DEPS_DIR}: run \`npx projen engines\` (${INSTALL})`);
  }
  const classDir = compiledClassDir();
  const result = spawnSync('java', [
    // a short-lived process: the C1 compiler and the serial collector start about twice as fast
    '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC',
    ...(classDir === undefined
      ? ['-cp', path.join(DEPS_DIR, '*'), MAIN]
      : ['-cp', [path.join(DEPS_DIR, '*'), classDir].join(path.delimiter), MAIN_CLASS]),
  ], {
    input: JSON.stringify(indexedInput(cases)),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) {
    throw new Error(`event-ruler: cannot run java (a JDK >= 17 must be on PATH): ${result.error.message}`);
  }
  if (result.status !== 0) {
    throw new Error(`event-ruler failed (exit ${result.status}):\n${result.stderr}`);
  }
  const output = JSON.parse(result.stdout) as { results?: unknown };
  const results = output.results;
  if (!Array.isArray(results) || results.length !== cases.length || !results.every((r) => typeof r === 'boolean')) {
    throw new Error(`event-ruler: expected ${cases.length} booleans, got: ${result.stdout}`);
  }
  return results as boolean[];
}

/** Whether one pattern matches one event (a whole Java process: prefer `matchAll`). */
export function matches(pattern: unknown, event: unknown): boolean {
  return matchAll([{ pattern, event }])[0];
}
