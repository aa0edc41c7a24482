/**
 * When a variant that hit RateLimited / Transient is tried again: capped exponential backoff on the
 * variant's failed attempts, never sooner than the platform asked (Retry-After). This schedules the
 * next RUN; it is not a retry loop (the SDK HTTP client is the only one).
 */
export function nextAttemptDelayMs(attemptsSoFar: number, retryAfterMs: number, baseMs: number, maxMs: number): number {
  const exponent = Math.min(Math.max(0, attemptsSoFar), 30);
  const backoff = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.max(Math.ceil(retryAfterMs), backoff);
}
