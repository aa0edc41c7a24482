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
 * How long the platform asks us to wait, from the headers of any response (not only 429s):
 * - Retry-After (429/503, everyone; Ecwid, Shopify REST …)
 * - BigCommerce: X-Rate-Limit-Requests-Left 0 → wait X-Rate-Limit-Time-Reset-Ms
 * - Etsy: x-remaining-this-second 0 → wait for the next second
 * - Shopify REST: X-Shopify-Shop-Api-Call-Limit "40/40" → bucket full, let it leak a second
 * - IETF draft RateLimit-Remaining 0 + RateLimit-Reset (delta seconds)
 * Headers are lower-cased. Returns undefined when the response carries no such signal.
 */
export function platformPauseMs(headers: Record<string, string>, now: number = Date.now()): number | undefined {
  const candidates: number[] = [];
  const retryAfter = parseRetryAfter(headers['retry-after'], now);
  if (retryAfter !== undefined) candidates.push(retryAfter);

  const bcLeft = num(headers['x-rate-limit-requests-left']);
  const bcReset = num(headers['x-rate-limit-time-reset-ms']);
  if (bcLeft !== undefined && bcLeft <= 0 && bcReset !== undefined) candidates.push(bcReset);

  const etsyLeft = num(headers['x-remaining-this-second']);
  if (etsyLeft !== undefined && etsyLeft <= 0) candidates.push(1000);

  const shopify = headers['x-shopify-shop-api-call-limit'];
  const m = shopify ? /^(\d+)\/(\d+)$/.exec(shopify.trim()) : null;
  if (m && Number(m[1]) >= Number(m[2])) candidates.push(1000);

  const ietfLeft = num(headers['ratelimit-remaining']);
  const ietfReset = num(headers['ratelimit-reset']);
  if (ietfLeft !== undefined && ietfLeft <= 0 && ietfReset !== undefined) candidates.push(ietfReset * 1000);

  return candidates.length ? Math.max(...candidates) : undefined;
}
