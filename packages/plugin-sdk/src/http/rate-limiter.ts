/**
 * Per-store token bucket. One limiter is shared by every connection to the same store (the hub owns
 * it), so two workers or a write and a read-back never add up to more than the platform's budget.
 * `pause(ms)` records a platform signal ("budget spent, come back in N ms"): no request leaves until then.
 */
import type { RateLimitPolicy } from '../contract';

export interface RateLimiter {
  readonly policy: RateLimitPolicy;
  /** Resolves when `cost` tokens were taken (FIFO: callers are served in arrival order). */
  acquire(cost?: number): Promise<void>;
  /** No request may leave for `ms` from now (longer pauses win over shorter ones). */
  pause(ms: number): void;
  /** How long the current pause still lasts (0 when not paused). */
  pausedForMs(): number;
  readonly stats: { acquired: number; waitedMs: number };
}

export interface RateLimiterOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export function createRateLimiter(policy: RateLimitPolicy, opts: RateLimiterOptions = {}): RateLimiter {
  if (!(policy.requestsPerSecond > 0) || !(policy.burst > 0)) {
    throw new RangeError('rate limit policy needs positive requestsPerSecond and burst');
  }
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? realSleep;
  const capacity = Math.max(1, policy.burst);
  const perMs = policy.requestsPerSecond / 1000;

  let tokens = capacity;
  let last = now();
  let pausedUntil = 0;
  let queue: Promise<void> = Promise.resolve();
  const stats = { acquired: 0, waitedMs: 0 };

  function refill(t: number): void {
    if (t > last) {
      tokens = Math.min(capacity, tokens + (t - last) * perMs);
      last = t;
    }
  }

  async function take(cost: number): Promise<void> {
    // A cost above the capacity could never be paid; it is charged as a full bucket instead.
    const need = Math.min(Math.max(cost, 0), capacity);
    const started = now();
    for (;;) {
      const t = now();
      if (t < pausedUntil) {
        await sleep(pausedUntil - t);
        continue;
      }
      refill(t);
      if (tokens >= need) {
        tokens -= need;
        stats.acquired++;
        stats.waitedMs += now() - started;
        return;
      }
      await sleep(Math.ceil((need - tokens) / perMs));
    }
  }

  return {
    policy,
    stats,
    acquire(cost = 1) {
      const turn = queue.then(() => take(cost));
      queue = turn.catch(() => undefined);
      return turn;
    },
    pause(ms) {
      if (!(ms > 0)) return;
      const t = now();
      refill(t);
      // The platform says its bucket is empty: ours is too, and it refills from the end of the pause.
      tokens = 0;
      pausedUntil = Math.max(pausedUntil, t + ms);
      last = Math.max(last, pausedUntil);
    },
    pausedForMs() {
      return Math.max(0, pausedUntil - now());
    },
  };
}
