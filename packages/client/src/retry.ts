/**
 * Retries of idempotent calls: a `fetch` wrapper that sends a request again after a 429 or 5xx answer
 * (or a failed connection), waiting what the answer's Retry-After says, else an exponential backoff with
 * jitter. Only calls that are safe to repeat are retried: GET, HEAD, PUT, DELETE, OPTIONS, and the POSTs
 * the hub documents as repeatable (facility stock: observations are newest-wins, a repeat counts as stale).
 */
export interface RetryPolicy {
  /** Attempts in all, the first included (1 = never retry). Default 4. */
  attempts: number;
  /** First backoff; doubled per attempt, up to maxDelayMs. Default 250 ms. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the answer is returned as it is. Default 30 s. */
  maxRetryAfterMs: number;
  /** POST paths (as in the OpenAPI document) that are safe to repeat. */
  idempotentPosts: readonly string[];
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
  idempotentPosts: ['/v1/facility-stock'],
};

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

export type FetchLike = (input: Request) => Promise<Response>;

export function isIdempotent(method: string, url: string, policy: Pick<RetryPolicy, 'idempotentPosts'>): boolean {
  if (IDEMPOTENT_METHODS.has(method.toUpperCase())) return true;
  if (method.toUpperCase() !== 'POST') return false;
  const path = new URL(url).pathname;
  return policy.idempotentPosts.some((p) => path === p || path.endsWith(p));
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Retry-After in milliseconds: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Exponential backoff with equal jitter: half the step fixed, half random. `attempt` counts from 1. */
export function backoffMs(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return step / 2 + random() * (step / 2);
}

export interface RetryHooks {
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Told before each wait (tests, logs). */
  onRetry?: (info: { attempt: number; delayMs: number; status?: number; error?: unknown; method: string; url: string }) => void;
}

export function retryingFetch(inner: FetchLike, policy: RetryPolicy = DEFAULT_RETRY_POLICY, hooks: RetryHooks = {}): FetchLike {
  const sleep = hooks.sleep ?? abortableSleep;
  return async (request: Request) => {
    if (!isIdempotent(request.method, request.url, policy) || policy.attempts <= 1) return inner(request);
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= policy.attempts;
      let response: Response;
      try {
        // A request's body can be read once: every attempt sends a copy, the original stays unread.
        response = await inner(last ? request : request.clone());
      } catch (error) {
        if (last || request.signal.aborted || (error as Error)?.name === 'AbortError') throw error;
        const delayMs = backoffMs(attempt, policy, hooks.random);
        hooks.onRetry?.({ attempt, delayMs, error, method: request.method, url: request.url });
        await sleep(delayMs, request.signal);
        continue;
      }
      if (last || !isRetryableStatus(response.status)) return response;
      const told = retryAfterMs(response.headers.get('retry-after'));
      if (told !== undefined && told > policy.maxRetryAfterMs) return response;
      const delayMs = told ?? backoffMs(attempt, policy, hooks.random);
      await response.body?.cancel(); // free the connection before waiting
      hooks.onRetry?.({ attempt, delayMs, status: response.status, method: request.method, url: request.url });
      await sleep(delayMs, request.signal);
    }
  };
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
