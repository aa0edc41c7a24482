/**
 * The sandbox's webhooks (sources: ../notices.ts, the fixture test/evidence/webhook-product-updated.json):
 * ONE URL per app, set in the app's details (`setAppNoticeUrl`, as Ecwid's team does; no API), a
 * `product.updated` event `{eventId, eventCreated, storeId, entityId: productId, eventType}` POSTed there with
 * `?eventtype=product.updated` added to the URL (the document: "duplicated in the request GET parameters"),
 * signed base64(HMAC-SHA256(client_secret, "{eventCreated}.{eventId}")). Ecwid sends it whatever the source of
 * the change — the admin (a merchant's manual edit) or the REST API (the hub's own writes) — both modelled.
 * The sandbox accepts http:// URLs (loopback receivers in tests); Ecwid asks public apps for HTTPS.
 */
import { randomUUID } from 'node:crypto';
import { simHmacSha256 } from '@stock-sync/plugin-testkit/simulator';
import { signedString } from '../oauth';
import { SANDBOX_OAUTH_APP } from './oauth';
import type { EcwidSimState } from './state';

const EVENT_TYPE = 'product.updated';

/** The app's URL with the event type duplicated as a query parameter. */
function deliveryUrl(appUrl: string, eventType: string): string {
  const url = new URL(appUrl);
  url.searchParams.set('eventtype', eventType);
  return url.toString();
}

/** A signed `product.updated` event body and its headers, as Ecwid sends it. */
export function productUpdatedEvent(
  storeId: string,
  productId: number,
  at: Date = new Date(),
  clientSecret: string = SANDBOX_OAUTH_APP.clientSecret,
): { headers: Record<string, string>; body: string } {
  const eventId = randomUUID();
  const eventCreated = Math.floor(at.getTime() / 1000);
  const body = JSON.stringify({ eventId, eventCreated, storeId: Number(storeId), entityId: productId, eventType: EVENT_TYPE });
  return {
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      'cache-control': 'no-cache',
      'x-ecwid-webhook-signature': simHmacSha256(clientSecret, signedString(eventCreated, eventId), 'base64'),
    },
    body,
  };
}

/** Sends `product.updated` for the product to the app's webhook URL, when one is set (asynchronously). */
export function deliverProductUpdated(state: EcwidSimState, productId: number): void {
  const appUrl = state.appNoticeUrl;
  if (!appUrl) return;
  const { headers, body } = productUpdatedEvent(state.storeId, productId);
  const url = deliveryUrl(appUrl, EVENT_TYPE);
  void state.outbox.send({ url, headers, body, meta: { eventType: EVENT_TYPE } });
}
