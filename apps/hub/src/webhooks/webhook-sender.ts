/**
 * One delivery attempt: a signed POST with a time limit. A 2xx answer is delivered; anything else (another
 * status, a redirect — never followed —, no answer in time, a refused connection) is a failed attempt.
 * The answer's body is not read beyond its status: a receiver's reply is not the hub's business.
 */
import { signWebhook } from './webhook-signature';

export interface AttemptOutcome {
  delivered: boolean;
  status: number | null;
  /** Why it did not count as delivered (no secret, no URL in it). */
  error: string | null;
}

export async function attemptDelivery(
  url: string,
  secret: string,
  eventId: string,
  body: string,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const headers = { 'content-type': 'application/json', 'user-agent': 'stock-sync-hub-webhooks', ...signWebhook(secret, eventId, body) };
  try {
    const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { delivered: true, status: res.status, error: null };
    return { delivered: false, status: res.status, error: `the receiver answered HTTP ${res.status}` };
  } catch (e) {
    return { delivered: false, status: null, error: describeFailure(e, timeoutMs) };
  }
}

function describeFailure(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; cause?: { code?: string; name?: string } };
  if (err?.name === 'TimeoutError' || err?.cause?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return `no answer within ${timeoutMs} ms`;
  }
  const code = err?.cause?.code;
  return code ? `the request failed: ${code}` : 'the request failed';
}
