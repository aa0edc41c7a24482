/** Which platform faults the drill injects, and the /__sim/faults body of each (pure: no I/O). */
import type { Rng } from './rng';

export const FAULT_KINDS = ['rate_limit_storm', 'server_errors', 'slow_answers', 'timeout', 'revoked_credentials'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Longer than the SDK HTTP client's default 20 s timeout: the call times out (a Transient) and is retried. */
export const TIMEOUT_DELAY_MS = 21_000;

/** The /__sim/faults body of one fault. */
export function faultBody(kind: FaultKind, rng: Rng): Record<string, unknown> {
  switch (kind) {
    case 'rate_limit_storm':
      return { rateLimit: { count: rng.int(10, 40), retryAfterSeconds: 1 } };
    case 'server_errors':
      return { serverError: { count: rng.int(2, 6), status: rng.pick([500, 502, 503, 504]) } };
    case 'slow_answers':
      return { delay: { ms: rng.int(500, 3_000), count: rng.int(3, 10) } };
    case 'timeout':
      return { delay: { ms: TIMEOUT_DELAY_MS, count: 1 } };
    case 'revoked_credentials':
      return { revoke: true };
  }
}

/** Fisher-Yates with the drill's generator. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
