/**
 * Nuvemshop's webhook signature: `X-Linkedstore-HMAC-SHA256` = hex HMAC-SHA256 of the raw request body with
 * the app's secret (the document's PHP example: hash_hmac('sha256', $data, APP_SECRET)). Compared in
 * constant time over the exact bytes received, never over a re-serialised body.
 */
import { hmacSha256, safeEqual } from '@stock-sync/plugin-sdk';

export const SIGNATURE_HEADER = 'x-linkedstore-hmac-sha256';

export function isSignedByApp(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header || !appSecret) return false;
  return safeEqual(header.trim().toLowerCase(), hmacSha256(appSecret, rawBody, 'hex'));
}
