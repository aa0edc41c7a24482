/**
 * Etsy's budget (https://developers.etsy.com/documentation/essentials/rate-limits): per second (QPS,
 * default 10) and per sliding 24 h (QPD, default 10,000). Every answer carries x-limit-per-second /
 * x-remaining-this-second (framework token bucket) and x-limit-per-day / x-remaining-today (the
 * state's daily counter); over either budget Etsy answers 429.
 */
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import type { EtsySimState } from './sim-state';

export const SIM_QPS = 10;
/** The sliding window frees its oldest bucket within hours; the simulator says one hour. */
const DAILY_RETRY_AFTER_SECONDS = 3600;

export const etsyRateLimit = {
  capacity: SIM_QPS,
  refillPerSecond: SIM_QPS,
  throttled(_req: SimRequest, retryAfterSeconds: number): SimResponse {
    return {
      status: 429,
      headers: { 'retry-after': String(retryAfterSeconds), 'x-limit-per-second': String(SIM_QPS), 'x-remaining-this-second': '0' },
      body: { error: 'Too many requests: you have exceeded your rate limit' },
    };
  },
  headers(remaining: number, capacity: number): Record<string, string> {
    return { 'x-limit-per-second': String(capacity), 'x-remaining-this-second': String(Math.max(0, Math.floor(remaining))) };
  },
};

type Handler = SimRoute<EtsySimState>['handle'];

/** Counts the call against the daily budget, refuses it when spent, and adds the daily headers. */
export function metered(handle: Handler): Handler {
  return async (req, ctx: SimContext<EtsySimState>) => {
    const daily = ctx.state.daily;
    const dailyHeaders = () => ({
      'x-limit-per-day': String(daily.limit),
      'x-remaining-today': String(Math.max(0, daily.limit - daily.used)),
    });
    if (daily.used >= daily.limit) {
      if (daily.headerless) return { status: 429, body: { error: 'Too many requests: you have exceeded your daily rate limit' } };
      return {
        status: 429,
        headers: { 'retry-after': String(DAILY_RETRY_AFTER_SECONDS), ...dailyHeaders() },
        body: { error: 'Too many requests: you have exceeded your daily rate limit' },
      };
    }
    daily.used++;
    const res = await handle(req, ctx);
    return { ...res, headers: { ...(res.headers ?? {}), ...dailyHeaders() } };
  };
}
