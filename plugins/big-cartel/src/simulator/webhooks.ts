/**
 * The sandbox's webhooks (sources in ../notices.ts): Big Cartel POSTs every connected account's webhooks to the
 * ONE `webhook_url` of the application (`setAppNoticeUrl`), as `{account_id, type, payload}` signed hex
 * HMAC-SHA256(client_secret, body) in X-Webhook-Signature. Modelled: `product.updated` with the product object
 * (attribute table, options included — the payload form is not shown by Big Cartel: unverified), after a
 * merchant's edit AND after the API's own writes ("You'll also receive webhooks for changes you make with the API").
 */
import { createHmac } from 'node:crypto';
import { SANDBOX_OAUTH_APP } from './oauth';
import { productObject } from './documents';
import type { BigCartelSimState, SimProduct } from './state';

/** Sends `product.updated` for the product to the app's webhook URL, if one is set (asynchronously). */
export function deliverProductUpdated(state: BigCartelSimState, p: SimProduct): void {
  const url = state.appNoticeUrl;
  if (!url) return;
  const body = JSON.stringify({ account_id: state.accountId, type: 'product.updated', payload: productObject(state, p) });
  const headers = {
    'content-type': 'application/json',
    'x-webhook-signature': createHmac('sha256', SANDBOX_OAUTH_APP.clientSecret).update(body, 'utf8').digest('hex'),
  };
  void state.outbox.send({ url, headers, body, meta: { type: 'product.updated' }, timeoutMs: 10_000 });
}
