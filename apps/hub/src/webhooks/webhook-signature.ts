/**
 * Signs one delivery attempt per Standard Webhooks with its reference library (`standardwebhooks`):
 * `webhook-signature: v1,<base64 HMAC-SHA256(secret, "<id>.<timestamp>.<body>")>`. The id is the event's,
 * the same on every retry (receivers de-duplicate on it); the timestamp is the attempt's.
 */
import { Webhook } from 'standardwebhooks';

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export function signWebhook(secret: string, eventId: string, body: string, at: Date = new Date()): SignedHeaders {
  const seconds = Math.floor(at.getTime() / 1000);
  const timestamp = new Date(seconds * 1000);
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(seconds),
    'webhook-signature': new Webhook(secret).sign(eventId, timestamp, body),
  };
}
