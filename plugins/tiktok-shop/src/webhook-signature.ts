/**
 * How TikTok Shop signs every webhook it sends an app (whatever its type): the `Authorization` header carries
 * the lower-case hex HMAC-SHA256, keyed with the app secret, of the app key followed by the raw body.
 * TikTok's configuration guide says only that a signature is "in the 'Authorization' field of the HTTP request
 * header" (https://partner.tiktokshop.com/docv2/page/650512b42f024f02be19755f); the recipe is the community
 * clients' (EcomPHP's Webhook::verify, README "Platform notices"): unverified against a TikTok page.
 */
import { hmacSha256, safeEqual } from '@stock-sync/plugin-sdk';

export const SIGNATURE_HEADER = 'authorization';

/** hex HMAC-SHA256(app_secret, app_key + raw body). */
export function tiktokWebhookSignature(appKey: string, appSecret: string, rawBody: Uint8Array): string {
  return hmacSha256(appSecret, Buffer.concat([Buffer.from(appKey, 'utf8'), Buffer.from(rawBody)]), 'hex');
}

/** Whether `given` (the Authorization header) is that signature; false (never a throw) when anything is missing. */
export function isSignedByApp(
  given: string | undefined,
  appKey: string | undefined,
  appSecret: string | undefined,
  rawBody: Uint8Array,
): boolean {
  if (!given || !appKey || !appSecret) return false;
  return safeEqual(given.trim().toLowerCase(), tiktokWebhookSignature(appKey, appSecret, rawBody));
}
