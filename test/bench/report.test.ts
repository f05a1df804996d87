import { computeRatios, type CellResult } from '../../bench/report';
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
