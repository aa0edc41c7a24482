/**
 * "Remaining: 0 → pause N ms" signals that the client's built-in reader (platformPauseMs) does not
 * know: each platform names its own header (Nuvemshop x-rate-limit-remaining, Webflow
 * x-ratelimit-remaining …) and its own wait. A plugin's classify uses these instead of re-parsing.
 */
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
