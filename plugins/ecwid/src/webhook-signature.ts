/**
 * Ecwid's webhook signature: `X-Ecwid-Webhook-Signature` = base64(HMAC-SHA256("{eventCreated}.{eventId}",
 * client_secret)) — the document's PHP example. It covers those two fields only, not the rest of the body.
 */
import { hmacSha256, safeEqual } from '@stock-sync/plugin-sdk';

export const SIGNATURE_HEADER = 'x-ecwid-webhook-signature';

export function signedString(eventCreated: string | number, eventId: string): string {
  return `${eventCreated}.${eventId}`;
}

export function isSignedByApp(eventCreated: unknown, eventId: unknown, header: string | undefined, clientSecret: string): boolean {
  if (!header || !clientSecret) return false;
  if ((typeof eventCreated !== 'number' && typeof eventCreated !== 'string') || typeof eventId !== 'string' || !eventId) return false;
  return safeEqual(header.trim(), hmacSha256(clientSecret, signedString(eventCreated, eventId), 'base64'));
}
