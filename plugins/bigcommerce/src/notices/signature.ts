/**
 * BigCommerce's webhook signature: Standard Webhooks (https://developer.bigcommerce.com/docs/integrations/webhooks,
 * "Security" / "Webhook signature": verify with the Standard Webhooks libraries, the secret being the app's client
 * secret base64-encoded — i.e. the HMAC key is the client secret's own bytes). The scheme
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md and its reference
 * library): headers `webhook-id`, `webhook-timestamp` (unix seconds), `webhook-signature` = a space-separated list
 * of `v1,<base64(HMAC-SHA256(key, "<id>.<timestamp>.<raw body>"))>`; a timestamp more than 5 minutes from now
 * (either way) is refused (the library's tolerance; BigCommerce: "A timestamp is used to protect against replay
 * attacks").
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { noticeHeader, type NoticeRequest } from '@stock-sync/plugin-sdk';

export const ID_HEADER = 'webhook-id';
export const TIMESTAMP_HEADER = 'webhook-timestamp';
export const SIGNATURE_HEADER = 'webhook-signature';
/** The Standard Webhooks reference library's WEBHOOK_TOLERANCE_IN_SECONDS. */
export const TOLERANCE_SECONDS = 5 * 60;

/** `v1,` + base64(HMAC-SHA256(client secret bytes, id.timestamp.body)). */
export function standardWebhookSignature(id: string, timestamp: number, rawBody: Uint8Array | string, clientSecret: string): string {
  const mac = createHmac('sha256', Buffer.from(clientSecret, 'utf8')).update(`${id}.${timestamp}.`, 'utf8').update(rawBody);
  return `v1,${mac.digest('base64')}`;
}

/** Constant-time; false (never a throw) on a missing header, a stale or future timestamp, or no matching v1 signature. */
export function verifyStandardWebhook(req: NoticeRequest, nowSeconds: number = Date.now() / 1000): boolean {
  const id = noticeHeader(req.headers, ID_HEADER);
  const ts = noticeHeader(req.headers, TIMESTAMP_HEADER);
  const given = noticeHeader(req.headers, SIGNATURE_HEADER);
  if (!id || !ts || !given || !req.secret || !/^\d{1,12}$/.test(ts)) return false;
  const timestamp = Number(ts);
  if (Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(standardWebhookSignature(id, timestamp, req.rawBody, req.secret), 'utf8');
  let ok = false;
  for (const candidate of given.trim().split(/\s+/)) {
    const actual = Buffer.from(candidate, 'utf8');
    // Every candidate is compared (no early exit), each in constant time.
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) ok = true;
  }
  return ok;
}
