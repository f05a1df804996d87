import { computeBreakdown, conclusion, renderBreakdownMarkdown, type BreakdownMeasurement } from '../../bench/breakdown';

const PARTS = ['alarms', 'snapshotArchive', 'credentialRotation', 'changeDetection'] as const;

/** Wall times = 100 ms fixed + ms per stack, three measurements per size: the median exact, the others 50 ms off. */
const wall = (msPerStack: number) => ({
  10: [100 + 10 * msPerStack - 50, 100 + 10 * msPerStack, 100 + 10 * msPerStack + 50],
  110: [100 + 110 * msPerStack + 50, 100 + 110 * msPerStack, 100 + 110 * msPerStack - 50],
});

const measurements: BreakdownMeasurement[] = [
  { without: [], resourcesPerStack: 60, wallMs: { A: wall(30), B: wall(10) } },
  { without: ['alarms'], resourcesPerStack: 30, wallMs: { A: wall(18), B: wall(4) } },
  { without: [...PARTS], resourcesPerStack: 10, wallMs: { A: wall(6), B: wall(2) } },
];

describe('computeBreakdown', () => {
  const breakdown = computeBreakdown(measurements, [10, 110], PARTS);

  test('divides the marginal cost per stack by the resources of a stack, without the fixed cost', () => {
    expect(breakdown.configurations.map((r) => [r.label, r.aMsPerStack, r.bMsPerStack, r.aMsPerResource, r.bMsPerResource, r.marginalRatio]))
      .toEqual([
        ['all defaults', 30, 10, 0.5, 10 / 60, 3],
        ['without alarms', 18, 4, 0.6, 4 / 30, 4.5],
        ['core only (every optional part off)', 6, 2, 0.6, 0.2, 3],
      ]);
  });

  test('gives the range of A\'s marginal cost from the fastest and slowest measurements', () => {
    expect(breakdown.configurations[0].aMsPerStackRange).toEqual([29, 31]);
  });

  test('refuses measurements that do not start with all defaults', () => {
    expect(() => computeBreakdown(measurements.slice(1), [10, 110], PARTS)).toThrow(/first breakdown measurement must have every part on/);
  });

  test('renders the table and the conclusion', () => {
    const markdown = renderBreakdownMarkdown(breakdown, ['header line']);
    expect(markdown).toContain('header line');
    expect(markdown).toContain('| all defaults | 60 | 30.0 (29.0–31.0) | 10.0 | 0.50 | 0.17 | 3.00 |');
    expect(markdown).toContain('Marginal A/B ranges from 3.00 (all defaults, 60 resources) to 4.50 (without alarms).');
  });
});

describe('conclusion', () => {
  const rows = computeBreakdown(measurements, [10, 110], PARTS).configurations;

  test('says the target is missed everywhere when the smallest ratio is above it', () => {
    expect(conclusion(rows)[1]).toMatch(/^No configuration reaches A\/B ≤ 1.3, not even the smallest/);
  });

  test('costs one more resource from the all-defaults and the smallest configuration', () => {
    expect(conclusion(rows)[2]).toBe('Each of the 50 resources that all defaults adds to core only (every optional part off) costs A 0.48 ms ' +
      'and B 0.16 ms (3.0×): the gap widens with every resource built through an L2.');
  });

  test('says when B shows no cost per resource', () => {
    const flatB = computeBreakdown([measurements[0], { ...measurements[2], wallMs: { A: wall(6), B: wall(11) } }], [10, 110], PARTS).configurations;
    expect(conclusion(flatB)[2]).toMatch(/costs A 0\.48 ms; B's difference is within its noise\.$/);
  });

  test('names the configuration that meets the target when one does', () => {
    const meets = computeBreakdown([...measurements, { without: ['changeDetection'], resourcesPerStack: 50, wallMs: { A: wall(12), B: wall(10) } }],
      [10, 110], PARTS).configurations;
    expect(conclusion(meets)[1]).toBe('The without changeDetection configuration reaches A/B ≤ 1.3: the parts it switches off carry the gap.');
  });
});
