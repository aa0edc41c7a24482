/**
 * The throttled answer most platforms document: HTTP 429 with a Retry-After header (whole seconds) and the
 * platform's own error body. A simulator whose platform answers otherwise (Shopify's THROTTLED 200, a reset
 * header instead of Retry-After, no header at all) writes its own `rateLimit.throttled`.
 */
import type { SimRequest, SimResponse } from './types';

/** `rateLimit.throttled` answering 429, `Retry-After: <seconds>` and `body` (the same body every time). */
export function throttledAnswer(body: unknown): (req: SimRequest, retryAfterSeconds: number) => SimResponse {
  return (_req, retryAfterSeconds) => ({ status: 429, headers: { 'retry-after': String(retryAfterSeconds) }, body });
}
