/**
 * Etsy's rate signals (https://developers.etsy.com/documentation/essentials/rate-limits; README "Rate limits")
 * beyond the one the manifest declares (x-remaining-this-second 0 → the store waits for the next second): a spent
 * daily quota fails fast, and a 429 without rate headers is told apart from the per-second budget.
 */
import { headerNumber } from '@stock-sync/plugin-sdk';
import { RateLimited } from '@stock-sync/plugin-api';
import type { HttpResponse } from '@stock-sync/plugin-api';

/** Etsy's per-second window. */
const NEXT_SECOND_MS = 1_000;
/**
 * The QPD window slides in buckets; Etsy does not say when the next one frees. An hour is a floor the
 * hub can reschedule on without hammering a spent quota.
 */
export const DAILY_QUOTA_BACKOFF_MS = 60 * 60 * 1_000;

/**
 * A 429 with x-remaining-today 0: the sliding 24 h quota is spent → RateLimited with a long retryAfter (longer
 * than the client sleeps through), so the hub reschedules instead of retrying.
 */
export function classifyEtsyResponse(res: HttpResponse): { error: RateLimited } | undefined {
  const remainingToday = headerNumber(res.headers, 'x-remaining-today');
  if (res.status !== 429 || remainingToday === undefined || remainingToday > 0) return undefined;
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

/** The daily budget is treated as spent when it was last seen this low (a burst of one second's calls). */
export const DAILY_QUOTA_LOW_WATER = 10;

/**
 * The per-connection classifier: a 429 without x-remaining-today and retry-after is the per-second budget (waited
 * out) or the daily quota (RateLimited, at least an hour), told apart as README "A 429 without rate headers" says.
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
