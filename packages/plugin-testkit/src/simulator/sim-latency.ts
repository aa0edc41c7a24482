/**
 * Injected platform latency: real platforms answer in 100–500 ms, not the 1 ms of a loopback simulator, and
 * a client that looks fast on loopback may hold a scarce slot for the whole round trip in reality. Half of
 * the delay is spent before the shop handles the request and half after, as a request and its answer each
 * cross the network: the platform's rate budget sees the request at the time it would arrive.
 */
export interface SimLatency {
  /** Mean delay of every platform request in milliseconds (not /__sim routes). */
  ms: number;
  /** Each delay is drawn uniformly from ms ± jitterMs (never below 0). Default 0. */
  jitterMs?: number;
  /** Source of randomness in [0, 1) (tests). Default Math.random. */
  random?: () => number;
}

/** Throws a RangeError naming the field when a latency setting is not a whole number of milliseconds ≥ 0. */
export function checkLatency(l: SimLatency): SimLatency {
  for (const [field, v] of [
    ['latency.ms', l.ms],
    ['latency.jitterMs', l.jitterMs ?? 0],
  ] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
      throw new RangeError(`${field} must be a whole number of milliseconds >= 0, got ${String(v)}`);
  }
  return l;
}

/** One request's delay: ms ± jitterMs, uniform, never negative. */
export function drawLatency(l: SimLatency): number {
  const jitter = l.jitterMs ?? 0;
  if (jitter === 0) return l.ms;
  const r = (l.random ?? Math.random)();
  return Math.max(0, Math.round(l.ms + (2 * r - 1) * jitter));
}

/** Splits one delay into the part before handling and the part after (the request's and the answer's trip). */
export function splitLatency(total: number): [before: number, after: number] {
  const before = Math.floor(total / 2);
  return [before, total - before];
}
