import { computeRatios, summarizeCells, type CellResult } from '../../bench/report';
import { summarize } from '../../bench/stats';

function cell(variant: CellResult['variant'], walls: number[], cpus: number[]): CellResult {
  const s = summarize(walls);
  return {
    variant,
    stacks: 10,
    cfnValidator: false,
    wallMs: s,
    constructMs: s,
    synthMs: s,
    cpuMs: summarize(cpus),
    peakRssMiB: summarize([100]),
    baselineRssMiB: summarize([50]),
    resourcesPerStack: 65,
  };
}

describe('computeRatios', () => {
  // C's median is disturbed (one fast, two slow measurements); A is steady
  const cells = [
    cell('A', [1000, 1010, 1020], [900, 910, 920]),
    cell('C', [1050, 1300, 1400], [1000, 1010, 1020]),
  ];
  const cA = computeRatios(cells, [10]).find((r) => r.name === 'C/A' && !r.cfnValidator)!;

  test('judges the target on the ratio of median wall times', () => {
    expect(cA.value).toBeCloseTo(1300 / 1010);
    expect(cA.met).toBe(false);
  });

  test('gives the ratios of median CPU times and of the fastest wall times beside it', () => {
    expect(cA.cpuValue).toBeCloseTo(1010 / 910);
    expect(cA.fastestValue).toBeCloseTo(1050 / 1000);
  });

  test('leaves a ratio without measurements undefined and unjudged', () => {
    const aB = computeRatios(cells, [10]).find((r) => r.name === 'A/B' && !r.cfnValidator)!;
    expect(aB).toMatchObject({ value: undefined, fastestValue: undefined, met: undefined });
  });
});

describe('summarizeCells', () => {
  const run = (wallMs: number, pluginMs?: number) => ({
    variant: 'C' as const,
    stacks: 10,
    cfnValidator: false,
    constructMs: 0,
    synthMs: wallMs,
    wallMs,
    cpuMs: wallMs,
    processCpuMs: wallMs,
    baselineRssMiB: 50,
    peakRssMiB: 100,
    resourcesPerStack: 65,
    violations: {},
    ...(pluginMs === undefined ? {} : { pluginMs }),
  });

  test('pairs each run with its own plugin time', () => {
    // a slow run (interference) and a fast one: the paired overhead stays 1.25 in both
    const [c] = summarizeCells([{ variant: 'C', stacks: 10, cfnValidator: false }], [run(1000, 200), run(2000, 400)]);
    expect(c.pluginMs?.median).toBe(300);
    expect(c.pairedOverhead?.median).toBeCloseTo(1.25);
  });

  test('leaves them out when a run has no plugin time', () => {
    const [a] = summarizeCells([{ variant: 'C', stacks: 10, cfnValidator: false }], [run(1000, 200), run(1000)]);
    expect(a.pluginMs).toBeUndefined();
    expect(a.pairedOverhead).toBeUndefined();
  });
});
