import { computeBreakdown, conclusion, contentLabel, renderBreakdownMarkdown, type BreakdownMeasurement } from '../../bench/breakdown';

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

  test('refuses measurements that start with the calibration stack', () => {
    expect(() => computeBreakdown([{ ...measurements[0], calibration: true }, ...measurements], [10, 110], PARTS))
      .toThrow(/first breakdown measurement must have every part on/);
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

describe('the calibration row', () => {
  /** aws-cdk-lib L2s alone: 40 resources, 20 ms a stack against 10 ms as typed L1s (2.00×). */
  const calibration: BreakdownMeasurement = { without: [], calibration: true, resourcesPerStack: 40, wallMs: { A: wall(20), B: wall(10) } };
  const rows = computeBreakdown([...measurements, calibration], [10, 110], PARTS).configurations;

  test('is labelled as aws-cdk-lib alone, not as a configuration of the construct', () => {
    expect(rows[3]).toMatchObject({ label: 'aws-cdk-lib L2s alone (calibration: no code of this library)', calibration: true, marginalRatio: 2 });
    expect(rows.slice(0, 3).every((r) => !r.calibration)).toBe(true);
    expect(contentLabel({ without: [...PARTS], calibration: true }, PARTS)).toBe(rows[3].label);
    expect(contentLabel({ without: [...PARTS] }, PARTS)).toBe('core only (every optional part off)');
  });

  test('is left out of the construct\'s range and cost per resource, even when its ratio is the lowest', () => {
    const lines = conclusion(rows);
    expect(lines[0]).toBe('Marginal A/B ranges from 3.00 (all defaults, 60 resources) to 4.50 (without alarms).');
    expect(lines[2]).toMatch(/^Each of the 50 resources that all defaults adds to core only/);
  });

  test('says the target is out of reach of aws-cdk-lib\'s L2s when their own ratio misses it, and what the library adds', () => {
    const lines = conclusion(rows);
    expect(lines.slice(3)).toEqual([
      '',
      'aws-cdk-lib\'s own L2 constructs, used directly by plain code with no code of this library (40 resources a stack: ' +
        'bench/calibration.ts), cost 20.0 ms a stack against 10.0 ms as typed L1s: 2.00× their floor (0.50 against 0.25 ms a ' +
        'resource). The construct with all defaults is at 3.00× (0.50 against 0.17 ms a resource).',
      'aws-cdk-lib\'s L2s alone miss A/B ≤ 1.3: a construct built from them cannot meet it without writing its resources as ' +
        'L1 constructs. What this library adds over its building blocks is A/B divided by theirs: 1.50×.',
    ]);
  });

  test('puts the gap on the library when aws-cdk-lib\'s L2s alone meet the target', () => {
    const cheapL2s = computeBreakdown([...measurements, { ...calibration, wallMs: { A: wall(12), B: wall(10) } }], [10, 110], PARTS).configurations;
    expect(conclusion(cheapL2s).at(-1)).toBe('aws-cdk-lib\'s L2s alone meet A/B ≤ 1.3: the construct\'s gap beyond their 1.20× is the library\'s own (2.50×).');
  });

  test('says when the calibration cannot be compared', () => {
    const flatB = computeBreakdown([...measurements, { ...calibration, wallMs: { A: wall(20), B: wall(0) } }], [10, 110], PARTS).configurations;
    expect(conclusion(flatB).at(-1)).toBe('The calibration stack or the construct shows no marginal cost for B: the two cannot be compared.');
  });

  test('appears in the table with the calibration explained', () => {
    const markdown = renderBreakdownMarkdown({ sizes: [10, 110], configurations: rows }, []);
    expect(markdown).toContain('| aws-cdk-lib L2s alone (calibration: no code of this library) | 40 | 20.0 (19.0–21.0) | 10.0 | 0.50 | 0.25 | 2.00 |');
    expect(markdown).toContain('The aws-cdk-lib L2s alone (calibration: no code of this library) row is a calibration');
    expect(renderBreakdownMarkdown(computeBreakdown(measurements, [10, 110], PARTS), [])).not.toContain('calibration');
  });
});
