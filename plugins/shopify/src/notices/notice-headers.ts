/**
 * Shopify's webhook delivery headers (https://shopify.dev/docs/apps/build/webhooks/delivery-structure, "Headers"):
 * names as Node gives them (lower case). X-Shopify-Webhook-Id identifies one delivery (the same on Shopify's
 * retries of it), X-Shopify-Event-Id one merchant action across every delivery it produced, X-Shopify-Triggered-At
 * when Shopify triggered it; the hub keys replays on the body's digest, so none of them is read here.
 */
import type { NoticeRequest } from '@stock-sync/plugin-sdk';

export const TOPIC_HEADER = 'x-shopify-topic';
export const HMAC_HEADER = 'x-shopify-hmac-sha256';
export const SHOP_DOMAIN_HEADER = 'x-shopify-shop-domain';
export const API_VERSION_HEADER = 'x-shopify-api-version';
export const WEBHOOK_ID_HEADER = 'x-shopify-webhook-id';
export const TRIGGERED_AT_HEADER = 'x-shopify-triggered-at';
export const EVENT_ID_HEADER = 'x-shopify-event-id';

/** One header's value; a repeated header counts only when every copy agrees (else it is not Shopify's). */
export function headerOf(headers: NoticeRequest['headers'], name: string): string | undefined {
  const v = headers[name];
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.length > 0 && v.every((x) => x === v[0])) return v[0] as string;
  return undefined;
}
