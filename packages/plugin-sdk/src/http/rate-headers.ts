/**
 * "Budget spent → pause N ms" signals that the client's built-in reader (platformPauseMs: Retry-After, the
 * IETF RateLimit pair) does not know: each platform names its own header (BigCommerce
 * X-Rate-Limit-Requests-Left, Etsy x-remaining-this-second, Nuvemshop x-rate-limit-remaining …) and its own
 * wait. A plugin declares them as data (`manifest.rateLimit.signals`, read by the client on every answer:
 * rateSignalPauseMs); the classifier helpers remain for a wait only code can compute.
 */
import type { RateLimitSignal } from '../contract';
import type { HttpResponse, ResponseClassifier } from './http-client';

/** A header as a finite number (names are lower-cased by the client); undefined when absent or unreadable. */
export function headerNumber(headers: Readonly<Record<string, string>> | undefined, name: string): number | undefined {
  const raw = headers?.[name.toLowerCase()];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

export interface ExhaustedBudgetSignal {
  /** The header counting the requests left, e.g. 'x-ratelimit-remaining'. */
  remaining: string;
  /**
   * How long to hold the store's requests once it reads 0: a fixed wait, or one read from the response
   * (e.g. a reset header); undefined from the function means "no usable wait" (no pause).
   */
  pauseMs: number | ((res: HttpResponse) => number | undefined);
  /** Read the signal on error answers too (default false: on 4xx/5xx the status speaks first). */
  onErrors?: boolean;
}

/** The pause a response asks for under `signal`, or undefined when the budget is not spent. */
export function exhaustedBudgetPauseMs(res: HttpResponse, signal: ExhaustedBudgetSignal): number | undefined {
  if (!signal.onErrors && res.status >= 400) return undefined;
  const left = headerNumber(res.headers, signal.remaining);
  // Zero or below: some platforms count past the end of the budget.
  if (left === undefined || left > 0) return undefined;
  const ms = typeof signal.pauseMs === 'function' ? signal.pauseMs(res) : signal.pauseMs;
  return ms !== undefined && ms > 0 ? ms : undefined;
}

/** A classifier that only reports the pause (compose it with the plugin's own error reading). */
export function exhaustedBudgetClassifier(signal: ExhaustedBudgetSignal): ResponseClassifier {
  return (res) => {
    const pauseMs = exhaustedBudgetPauseMs(res, signal);
    return pauseMs === undefined ? undefined : { pauseMs };
  };
}

/** "used/limit" (spaces around allowed): spent when used >= limit; false when absent or unreadable. */
function usedUpLimit(value: string | undefined): boolean {
  const m = value === undefined ? null : /^(\d+)\/(\d+)$/.exec(value.trim());
  return m !== null && Number(m[1]) >= Number(m[2]);
}

/** The pause one declared signal asks for on this answer, or undefined when it does not say the budget is spent. */
export function rateSignalPauseMs(res: HttpResponse, signal: RateLimitSignal): number | undefined {
  const pause = signal.pause;
  const pauseMs =
    'ms' in pause
      ? pause.ms
      : (r: HttpResponse) => {
          const n = headerNumber(r.headers, pause.header);
          return n === undefined ? undefined : pause.unit === 's' ? n * 1000 : n;
        };
  if (signal.remaining !== undefined)
    return exhaustedBudgetPauseMs(res, { remaining: signal.remaining, pauseMs, onErrors: signal.onErrors });
  if (signal.usedOfLimit === undefined || (!signal.onErrors && res.status >= 400)) return undefined;
  if (!usedUpLimit(res.headers?.[signal.usedOfLimit.toLowerCase()])) return undefined;
  const ms = typeof pauseMs === 'function' ? pauseMs(res) : pauseMs;
  return ms !== undefined && ms > 0 ? ms : undefined;
}

/** The longest pause any of the declared signals asks for on this answer (undefined: none does). */
export function declaredSignalsPauseMs(res: HttpResponse, signals: readonly RateLimitSignal[]): number | undefined {
  let longest: number | undefined;
  for (const signal of signals) {
    const ms = rateSignalPauseMs(res, signal);
    if (ms !== undefined && (longest === undefined || ms > longest)) longest = ms;
  }
  return longest;
}
