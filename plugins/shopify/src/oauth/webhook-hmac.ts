/**
 * The signature of every Shopify webhook delivery (https://shopify.dev/docs/apps/build/webhooks/verify-deliveries;
 * the official library's lib/webhooks/validate.ts and lib/utils/hmac-validator.ts in
 * https://github.com/Shopify/shopify-app-js): X-Shopify-Hmac-Sha256 is the base64 HMAC-SHA256 of the raw body
 * with the app's client secret. Computed over the bytes received, never a re-serialised body, and compared in
 * constant time. Shared by the app/uninstalled notice and the stock notices (../notices).
 */
import { hmacSha256, safeEqual } from '@stock-sync/plugin-sdk';

/** base64(HMAC-SHA256(clientSecret, rawBody)): what Shopify puts in X-Shopify-Hmac-Sha256. */
export function shopifyWebhookHmac(rawBody: Uint8Array | string, clientSecret: string): string {
  return hmacSha256(clientSecret, typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody), 'base64');
}

/** Whether `given` (the header's value) signs `rawBody` with `clientSecret`; false for a missing value or secret. */
export function shopifyWebhookSigned(rawBody: Uint8Array | string, given: string | undefined, clientSecret: string): boolean {
  if (!given || !clientSecret) return false;
  return safeEqual(given, shopifyWebhookHmac(rawBody, clientSecret));
}
