/**
 * Etsy's rate signals (https://developers.etsy.com/documentation/essentials/rate-limits): every answer
 * carries x-limit-per-second / x-remaining-this-second and x-limit-per-day / x-remaining-today.
 *  - x-remaining-this-second 0 → hold the store's next request until the next second;
 *  - a 429 with x-remaining-today 0 → the sliding 24 h quota is spent: fail fast with RateLimited and a
 *    long retryAfter (longer than the client sleeps through), so the hub reschedules instead of retrying.
 */
import { RateLimited, type HttpResponse } from '@stock-sync/plugin-sdk';

/** Etsy's per-second window. */
const NEXT_SECOND_MS = 1_000;
/**
 * The QPD window slides in buckets; Etsy does not say when the next one frees. An hour is a floor the
 * hub can reschedule on without hammering a spent quota.
 */
export const DAILY_QUOTA_BACKOFF_MS = 60 * 60 * 1_000;

function headerNumber(headers: Record<string, string>, name: string): number | undefined {
  const raw = headers[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

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
