/**
 * The sandbox's webhook deliveries (sources: ../notices.ts, test/evidence/webhook-delivery-product-updated.json):
 * `product/updated` `{store_id, event, id: productId}` POSTed to every webhook of that event, signed
 * `X-Linkedstore-HMAC-SHA256` = hex HMAC-SHA256 of the exact body with the app's secret. Sent on a merchant's
 * edit and — unverified, the document is silent — on the API's own variant writes (the hub's), so the hub is
 * tested against its own echoes.
 */
import { simHmacSha256 } from '@stock-sync/plugin-testkit/simulator';
import { SANDBOX_OAUTH_APP } from './oauth';
import { SANDBOX_STORE_ID, type NuvemSimState } from './state';

const EVENT = 'product/updated';

/** A signed `product/updated` body and its headers, as the platform sends it. */
export function productUpdatedNotice(
  productId: number,
  storeId: string = SANDBOX_STORE_ID,
  appSecret: string = SANDBOX_OAUTH_APP.clientSecret,
): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify({ store_id: Number(storeId), event: EVENT, id: productId });
  return {
    headers: { 'content-type': 'application/json', 'x-linkedstore-hmac-sha256': simHmacSha256(appSecret, body, 'hex') },
    body,
  };
}

/** Sends `product/updated` for the product to every webhook of that event (asynchronously). */
export function deliverProductUpdated(state: NuvemSimState, productId: number): void {
  for (const w of state.webhooks.values()) {
    if (w.event !== EVENT) continue;
    const { headers, body } = productUpdatedNotice(productId);
    // The platform waits 40 s for a 2XX.
    void state.outbox.send({ url: w.url, headers, body, meta: { webhookId: w.id, event: w.event }, timeoutMs: 40_000 });
  }
}
