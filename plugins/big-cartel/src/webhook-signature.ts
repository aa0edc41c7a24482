/**
 * Big Cartel's webhook signature: `X-Webhook-Signature` = hex HMAC-SHA256 of the raw request body with the
 * app's client_secret (the document's Ruby / Python examples). Constant-time, over the bytes received.
 */
import { hmacSha256, safeEqual } from '@stock-sync/plugin-sdk';

export const SIGNATURE_HEADER = 'x-webhook-signature';

export function isSignedByApp(rawBody: Buffer, header: string | undefined, clientSecret: string): boolean {
  if (!header || !clientSecret) return false;
  return safeEqual(header.trim().toLowerCase(), hmacSha256(clientSecret, rawBody, 'hex'));
}
