/** Reading the platforms' "come back later" signals into milliseconds. */

/** RFC 9110 Retry-After: delay-seconds or an HTTP-date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

function num(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * How long the platform asks us to wait, from the headers of any response (not only 429s), by the rules
 * every platform shares:
 * - Retry-After (429/503, everyone; Ecwid, Shopify REST …)
 * - IETF draft RateLimit-Remaining 0 + RateLimit-Reset (delta seconds)
 * A platform's own headers are declared in its manifest (`rateLimit.signals`, rate-headers.ts).
 * Headers are lower-cased. Returns undefined when the response carries no such signal.
 */
export function platformPauseMs(headers: Record<string, string>, now: number = Date.now()): number | undefined {
  const candidates: number[] = [];
  const retryAfter = parseRetryAfter(headers['retry-after'], now);
  if (retryAfter !== undefined) candidates.push(retryAfter);

  const ietfLeft = num(headers['ratelimit-remaining']);
  const ietfReset = num(headers['ratelimit-reset']);
  if (ietfLeft !== undefined && ietfLeft <= 0 && ietfReset !== undefined) candidates.push(ietfReset * 1000);

  return candidates.length ? Math.max(...candidates) : undefined;
}
