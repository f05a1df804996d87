/**
 * EventBridge pattern matching by AWS's own engine, event-ruler (https://github.com/aws/event-ruler), the
 * matcher EventBridge is built on. The Java side is event-ruler/EventRulerMatch.java; its class path is
 * fetched by event-ruler/pom.xml (`npx projen engines`).
 */
import { spawnSync } from 'child_process';
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
const DEPS_DIR = path.join(ENGINE_DIR, 'target', 'deps');
const MAIN = path.join(ENGINE_DIR, 'EventRulerMatch.java');
const INSTALL = 'mvn -q -B -f test/engines/event-ruler/pom.xml dependency:copy-dependencies -DoutputDirectory=target/deps';

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
  const result = spawnSync('java', [
    // a short-lived process: the C1 compiler and the serial collector start about twice as fast
    '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC',
    '-cp', path.join(DEPS_DIR, '*'),
    MAIN,
  ], {
    input: JSON.stringify({ cases }),
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
