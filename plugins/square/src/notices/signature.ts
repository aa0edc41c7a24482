/**
 * Square's notification signature (https://developer.squareup.com/docs/webhooks/step3validate; the official
 * SDK's WebhooksHelper.verifySignature): `x-square-hmacsha256-signature` = base64(HMAC-SHA256(the
 * subscription's signature key, notification URL + raw body)). The URL is part of what is signed, so a
 * delivery is only verifiable with the exact URL the subscription names.
 */
import { createHmac } from 'node:crypto';
import { noticeHeader, safeEqual, type NoticeRequest } from '@stock-sync/plugin-sdk';

export const SIGNATURE_HEADER = 'x-square-hmacsha256-signature';

/** base64(HMAC-SHA256(key, url + body)), over the body's exact bytes. */
export function squareSignature(notificationUrl: string, rawBody: Uint8Array | string, signatureKey: string): string {
  return createHmac('sha256', signatureKey).update(notificationUrl, 'utf8').update(rawBody).digest('base64');
}

/** Constant-time; false (never a throw) without a URL, a key or a signature. */
export function verifySquareSignature(req: NoticeRequest): boolean {
  const given = noticeHeader(req.headers, SIGNATURE_HEADER);
  if (!given || !req.secret || !req.deliveryUrl) return false;
  return safeEqual(given.trim(), squareSignature(req.deliveryUrl, req.rawBody, req.secret));
}
