/** min / median / max of latencies, for the report. */
export interface Summary {
  count: number;
  min: number;
  median: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
  return { count: sorted.length, min: sorted[0], median, max: sorted[sorted.length - 1] };
}

export function formatSummary(s: Summary | undefined): string {
  return s ? `min ${s.min} ms · median ${s.median} ms · max ${s.max} ms (${s.count} updates)` : 'no updates measured';
}
