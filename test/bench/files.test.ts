import * as fs from 'fs';
import * as path from 'path';

const BENCH = path.join(__dirname, '..', '..', 'bench');

/** The .json files the benchmark writes (named in its sources) and the ones already in bench/. */
function jsonOutputs(): string[] {
  const named = fs.readdirSync(BENCH).filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...fs.readFileSync(path.join(BENCH, f), 'utf8').matchAll(/'([\w.-]+\.json)'/g)].map((m) => m[1]));
  const present = fs.readdirSync(BENCH).filter((f) => f.endsWith('.json') && f !== 'tsconfig.json');
  return [...new Set([...named, ...present])];
}

describe('bench/ file names', () => {
  test('finds the results files the benchmark writes', () => {
    expect(jsonOutputs()).toEqual(expect.arrayContaining(['results.json', 'breakdown-results.json']));
  });

  // Node resolves require('./x') to x.json before ts-node's x.ts: an output named after a module replaces that
  // module on the next run (bench:breakdown once failed with "computeBreakdown is not a function").
  test('no results file shadows a module of the benchmark', () => {
    const modules = new Set(fs.readdirSync(BENCH).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -'.ts'.length)));
    expect(jsonOutputs().filter((f) => modules.has(f.slice(0, -'.json'.length)))).toEqual([]);
  });
});
