import { marginalCost, median, quantile, ratio, summarize } from '../../bench/stats';

describe('quantile', () => {
  test('interpolates linearly between order statistics, whatever the input order', () => {
    expect(quantile([4, 1, 3, 2], 0.25)).toBe(1.75);
    expect(quantile([4, 1, 3, 2], 0.75)).toBe(3.25);
    expect(quantile([7], 0.9)).toBe(7);
  });

  test('does not reorder the input', () => {
    const values = [3, 1, 2];
    quantile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });

  test.each([
    { description: 'throws on no values', values: [], q: 0.5, error: /no values/ },
    { description: 'throws on a quantile above 1', values: [1], q: 1.5, error: /from 0 to 1, got: 1.5/ },
    { description: 'throws on NaN', values: [1], q: NaN, error: /got: NaN/ },
  ])('$description', ({ values, q, error }) => {
    expect(() => quantile(values, q)).toThrow(error);
  });
});

describe('median and summarize', () => {
  test('the median of an odd count is the middle value, of an even count the mean of the two middle ones', () => {
    expect(median([5, 1, 9])).toBe(5);
    expect(median([5, 1, 9, 3])).toBe(4);
  });

  test('summarize gives count, median, extremes and quartiles', () => {
    expect(summarize([10, 40, 20, 30, 50])).toEqual({ n: 5, median: 30, min: 10, max: 50, q1: 20, q3: 40 });
  });
});

describe('ratio', () => {
  test('divides', () => {
    expect(ratio(3, 2)).toBe(1.5);
  });

  test.each([
    { description: 'a missing numerator', numerator: undefined, denominator: 2 },
    { description: 'a missing denominator', numerator: 2, denominator: undefined },
    { description: 'a zero denominator', numerator: 2, denominator: 0 },
  ])('is undefined for $description', ({ numerator, denominator }) => {
    expect(ratio(numerator, denominator)).toBeUndefined();
  });
});

describe('marginalCost', () => {
  test('is the cost of one more stack between two sizes', () => {
    // 10 stacks in 1,000 ms, 200 in 20,000 ms: 100 ms per stack
    expect(marginalCost({ stacks: 10, value: 1000 }, { stacks: 200, value: 20000 })).toBe(100);
  });

  test('throws when the sizes are not increasing', () => {
    expect(() => marginalCost({ stacks: 10, value: 1 }, { stacks: 10, value: 2 })).toThrow(/must exceed the small one, got: 10 and 10/);
  });
});
