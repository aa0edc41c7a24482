/**
 * Etsy's rate signals (https://developers.etsy.com/documentation/essentials/rate-limits): every answer
 * carries x-limit-per-second / x-remaining-this-second and x-limit-per-day / x-remaining-today.
 *  - x-remaining-this-second 0 → hold the store's next request until the next second;
 *  - a 429 with x-remaining-today 0 → the sliding 24 h quota is spent: fail fast with RateLimited and a
 *    long retryAfter (longer than the client sleeps through), so the hub reschedules instead of retrying.
 */
import { headerNumber, RateLimited, type HttpResponse } from '@stock-sync/plugin-sdk';

/** Etsy's per-second window. */
const NEXT_SECOND_MS = 1_000;
/**
 * The QPD window slides in buckets; Etsy does not say when the next one frees. An hour is a floor the
 * hub can reschedule on without hammering a spent quota.
 */
export const DAILY_QUOTA_BACKOFF_MS = 60 * 60 * 1_000;

export function classifyEtsyResponse(res: HttpResponse): { error?: RateLimited; pauseMs?: number } | undefined {
  const remainingToday = headerNumber(res.headers, 'x-remaining-today');
  if (res.status === 429 && remainingToday !== undefined && remainingToday <= 0) {
    const retryAfterS = headerNumber(res.headers, 'retry-after');
    const waitMs = Math.max(DAILY_QUOTA_BACKOFF_MS, (retryAfterS ?? 0) * 1_000);
    return {
      error: new RateLimited(`Etsy's daily request quota is spent (x-remaining-today 0); retry after ${waitMs} ms`, waitMs, {
        status: 429,
        remainingToday,
        limitPerDay: headerNumber(res.headers, 'x-limit-per-day'),
        retryAfterMs: waitMs,
      }),
    };
  }
  const remainingThisSecond = headerNumber(res.headers, 'x-remaining-this-second');
  if (remainingThisSecond !== undefined && remainingThisSecond <= 0) return { pauseMs: NEXT_SECOND_MS };
  return undefined;
}

/** The daily budget is treated as spent when it was last seen this low (a burst of one second's calls). */
export const DAILY_QUOTA_LOW_WATER = 10;

/**
 * The per-connection classifier: Etsy's older rate-limit page says a 429 carries no rate headers, and the
 * current one does not say otherwise, so a bare 429 may be the per-second budget or a spent daily quota.
 * A 429 without x-remaining-today and without retry-after is read as the daily quota (RateLimited, at least
 * an hour, never retried in the call) when
 *  - it says the per-second budget is not spent (x-remaining-this-second > 0), or
 *  - the last x-remaining-today this connection saw was at or under DAILY_QUOTA_LOW_WATER, or
 *  - a bare 429 comes more than a second after an earlier one with no successful answer in between: the
 *    per-second window has passed, so the per-second budget cannot explain it (bare 429s of concurrent
 *    calls within one second still count as the per-second budget).
 * The first bare 429 with plenty of daily budget left is the per-second budget: the SDK waits and retries.
 */
export function createEtsyClassifier(
  now: () => number = Date.now,
): (res: HttpResponse) => { error?: RateLimited; pauseMs?: number } | undefined {
  let lastRemainingToday: number | undefined;
  /** When the first bare 429 of the current run of them arrived (undefined after any other answer). */
  let firstBare429At: number | undefined;
  return (res) => {
    const remainingToday = headerNumber(res.headers, 'x-remaining-today');
    if (remainingToday !== undefined) lastRemainingToday = remainingToday;
    const bare = res.status === 429 && remainingToday === undefined && headerNumber(res.headers, 'retry-after') === undefined;
    if (!bare) {
      if (res.status !== 429) firstBare429At = undefined;
      return classifyEtsyResponse(res);
    }
    const t = now();
    firstBare429At ??= t;
    const remainingThisSecond = headerNumber(res.headers, 'x-remaining-this-second');
    const lowBudget = lastRemainingToday !== undefined && lastRemainingToday <= DAILY_QUOTA_LOW_WATER;
    // Budget left this second: the refusal is not the per-second one.
    const notPerSecond = remainingThisSecond !== undefined && remainingThisSecond > 0;
    if (!lowBudget && !notPerSecond && t - firstBare429At <= NEXT_SECOND_MS) return { pauseMs: NEXT_SECOND_MS };
    const why = lowBudget
      ? `x-remaining-today was ${lastRemainingToday}`
      : notPerSecond
        ? `429 with x-remaining-this-second ${remainingThisSecond}`
        : 'a second 429 without rate headers after waiting out the per-second window';
    return {
      error: new RateLimited(
        `Etsy's daily request quota looks spent (${why}); retry after ${DAILY_QUOTA_BACKOFF_MS} ms`,
        DAILY_QUOTA_BACKOFF_MS,
        {
          status: 429,
          lastRemainingToday,
          retryAfterMs: DAILY_QUOTA_BACKOFF_MS,
        },
      ),
    };
  };
}
