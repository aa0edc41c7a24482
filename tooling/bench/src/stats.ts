/** Nearest-rank percentile (p in 0-100) of a non-empty list: a value that was actually measured. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** The largest value, without spreading a long list into arguments (10 000+ store times). */
export function maxOf(values: readonly number[]): number {
  return values.reduce((m, x) => (x > m ? x : m), -Infinity);
}
