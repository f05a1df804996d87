/**
 * Statistics of the benchmark: pure functions, unit-tested in test/bench/stats.test.ts.
 */

/** The summary of one cell's repeated measurements. */
export interface Summary {
  /** Number of measurements. */
  readonly n: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** First and third quartiles (linear interpolation between order statistics). */
  readonly q1: number;
  readonly q3: number;
}

/**
 * The q-quantile of the values, 0 <= q <= 1, interpolating linearly between the closest order statistics
 * (the default of R, NumPy and Excel's QUARTILE.INC).
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) {
    throw new Error('quantile of no values');
  }
  if (!(q >= 0 && q <= 1)) {
    throw new Error(`quantile must be from 0 to 1, got: ${q}`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

/** The median: the middle value, or the mean of the two middle values. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Median, extremes and quartiles of the values. */
export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    q1: quantile(values, 0.25),
    q3: quantile(values, 0.75),
  };
}

/** `numerator / denominator`, or undefined when either is missing or the denominator is not positive. */
export function ratio(numerator: number | undefined, denominator: number | undefined): number | undefined {
  if (numerator === undefined || denominator === undefined || !(denominator > 0)) {
    return undefined;
  }
  return numerator / denominator;
}

/**
 * The cost of one more stack between two sizes: `(t(large) - t(small)) / (large - small)`. Growth is
 * linear when this marginal cost does not rise with N (fixed costs make the plain ratio t(200)/t(10) lower
 * than 20 even for a linear app).
 */
export function marginalCost(small: { stacks: number; value: number }, large: { stacks: number; value: number }): number {
  if (large.stacks <= small.stacks) {
    throw new Error(`the large size must exceed the small one, got: ${small.stacks} and ${large.stacks}`);
  }
  return (large.value - small.value) / (large.stacks - small.stacks);
}
