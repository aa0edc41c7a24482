/**
 * The sandbox's webhooks (sources in ../notices.ts): Big Cartel POSTs every connected account's webhooks to the
 * ONE `webhook_url` of the application (`setAppNoticeUrl`), as `{account_id, type, payload}` signed hex
 * HMAC-SHA256(client_secret, body) in X-Webhook-Signature. Modelled: `product.updated` with the product object
 * (attribute table, options included — the payload form is not shown by Big Cartel: unverified), after a
 * merchant's edit AND after the API's own writes ("You'll also receive webhooks for changes you make with the API").
 */
import { createHmac } from 'node:crypto';
import { SANDBOX_OAUTH_APP } from './oauth';
import type { BigCartelSimState, SimOption, SimProduct } from './state';

/** The documented product object (help.bigcartel.com/developers/api/v1/products/) with its options. */
export function productObject(state: BigCartelSimState, p: SimProduct): Record<string, unknown> {
  const permalink = p.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const options = p.optionIds.map((id) => state.options.get(id)).filter((o): o is SimOption => !!o);
  return {
    id: p.id,
    name: p.name,
    permalink,
    status: p.status,
    description: '',
    created_at: new Date(p.updatedAt).toISOString(),
    updated_at: new Date(p.updatedAt).toISOString(),
    default_price: '20.00',
    on_sale: false,
    position: 1,
    url: `/product/${permalink}`,
    primary_image_url: 'https://images.bigcartel.com/product_images/1/placeholder.jpg',
    // options[].id is documented as an integer.
    options: options.map((o) => ({
      id: /^\d+$/.test(o.id) ? Number(o.id) : o.id,
      name: o.name,
      price: o.price,
      quantity: o.quantity,
      sold: o.sold,
    })),
  };
}

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
