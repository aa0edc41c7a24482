/**
 * The sandbox's webhooks (WC_Webhook and WC_REST_Webhooks_Controller; sources in ../notices.ts and the
 * fixtures test/evidence/webhook-*.json): the wc/v3 webhook routes, and deliveries — a `product.updated`
 * delivery of the variation's /wc/v3/products/<id> data, signed base64(HMAC-SHA256(secret, body)), with
 * WooCommerce's X-WC-Webhook-* headers, POSTed to every active webhook of that topic. Core delivers on
 * every save of a variation: a merchant's edit AND an API write (the hub's own), both modelled here.
 */
import { createHmac } from 'node:crypto';
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { API_PREFIX } from '../manifest';
import { variationJson } from './representation';
import type { SimVariation, SimWebhook, WooSimState } from './state';
import { isPlainObject } from './validation';
import { noRoute, wpError } from './wp-errors';

type Ctx = SimContext<WooSimState>;
const WEBHOOKS = `${API_PREFIX}/webhooks`;
const ID = /^\d+$/;
/** The sandbox's site address (X-WC-Webhook-Source is home_url('/')). */
const SOURCE = 'https://example.com/';
const TOPICS = new Set([
  'coupon.created',
  'coupon.updated',
  'coupon.deleted',
  'coupon.restored',
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'order.created',
  'order.updated',
  'order.deleted',
  'order.restored',
  'product.created',
  'product.updated',
  'product.deleted',
  'product.restored',
  'product.published',
]);

/** WC_Webhook::get_default_topic_hooks for the topics the sandbox shows hooks of. */
const TOPIC_HOOKS: Record<string, string[]> = {
  'product.updated': ['woocommerce_process_product_meta', 'woocommerce_update_product', 'woocommerce_update_product_variation'],
  'order.updated': ['woocommerce_update_order', 'woocommerce_order_refunded', 'woocommerce_delete_order_refund'],
};

function isoLocal(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** The webhook object of the REST API (the secret is never shown back). */
export function webhookJson(w: SimWebhook): Record<string, unknown> {
  const [resource, event] = w.topic.split('.');
  return {
    id: w.id,
    name: w.name,
    status: w.status,
    topic: w.topic,
    resource,
    event,
    hooks: TOPIC_HOOKS[w.topic] ?? [],
    delivery_url: w.deliveryUrl,
    date_created: isoLocal(w.dateCreated),
    date_created_gmt: isoLocal(w.dateCreated),
    date_modified: isoLocal(w.dateModified),
    date_modified_gmt: isoLocal(w.dateModified),
    _links: {
      self: [{ href: `https://example.com${WEBHOOKS}/${w.id}` }],
      collection: [{ href: `https://example.com${WEBHOOKS}` }],
    },
  };
}

function invalidWebhookId(): SimResponse {
  return wpError('woocommerce_rest_webhook_invalid_id', 'Invalid ID.', 404);
}

function validUrl(v: unknown): v is string {
  return typeof v === 'string' && /^https?:\/\/[^\s]+$/.test(v);
}

function createWebhook(req: SimRequest, ctx: Ctx): SimResponse {
  const b = isPlainObject(req.body) ? req.body : {};
  if (typeof b.topic !== 'string' || !TOPICS.has(b.topic)) {
    return wpError('woocommerce_rest_webhook_invalid_topic', 'Webhook topic is required and must be valid.', 400);
  }
  if (!validUrl(b.delivery_url)) {
    return wpError(
      'woocommerce_rest_webhook_invalid_delivery_url',
      'Webhook delivery URL must be a valid URL starting with http:// or https://.',
      400,
    );
  }
  const now = ctx.state.clock();
  const w: SimWebhook = {
    id: ctx.state.nextWebhookId++,
    name: typeof b.name === 'string' && b.name ? b.name : `Webhook created on ${isoLocal(now)}`,
    status: b.status === 'paused' || b.status === 'disabled' ? b.status : 'active',
    topic: b.topic,
    deliveryUrl: b.delivery_url,
    secret: typeof b.secret === 'string' ? b.secret : '',
    dateCreated: now,
    dateModified: now,
  };
  ctx.state.webhooks.set(w.id, w);
  return { status: 201, body: webhookJson(w) };
}

function listWebhooks(req: SimRequest, ctx: Ctx): SimResponse {
  const perPageRaw = typeof req.query.per_page === 'string' ? req.query.per_page : '10';
  const pageRaw = typeof req.query.page === 'string' ? req.query.page : '1';
  if (!ID.test(perPageRaw) || Number(perPageRaw) < 1 || Number(perPageRaw) > 100 || !ID.test(pageRaw) || Number(pageRaw) < 1) {
    return wpError('rest_invalid_param', 'Invalid parameter(s): per_page', 400);
  }
  const all = [...ctx.state.webhooks.values()].sort((a, b) => b.dateCreated - a.dateCreated || b.id - a.id);
  const perPage = Number(perPageRaw);
  const page = Number(pageRaw);
  const slice = all.slice((page - 1) * perPage, page * perPage);
  return {
    status: 200,
    headers: { 'x-wp-total': String(all.length), 'x-wp-totalpages': String(Math.max(1, Math.ceil(all.length / perPage))) },
    body: slice.map(webhookJson),
  };
}

function updateWebhook(req: SimRequest, ctx: Ctx): SimResponse {
  if (!ID.test(req.params.id)) return noRoute();
  const w = ctx.state.webhooks.get(Number(req.params.id));
  if (!w) return invalidWebhookId();
  const b = isPlainObject(req.body) ? req.body : {};
  if (b.topic !== undefined) {
    if (typeof b.topic !== 'string' || !TOPICS.has(b.topic)) {
      return wpError('woocommerce_rest_webhook_invalid_topic', 'Webhook topic must be valid.', 400);
    }
    w.topic = b.topic;
  }
  if (b.delivery_url !== undefined) {
    if (!validUrl(b.delivery_url)) {
      return wpError(
        'woocommerce_rest_webhook_invalid_delivery_url',
        'Webhook delivery URL must be a valid URL starting with http:// or https://.',
        400,
      );
    }
    w.deliveryUrl = b.delivery_url;
  }
  if (typeof b.secret === 'string') w.secret = b.secret;
  if (b.status === 'active' || b.status === 'paused' || b.status === 'disabled') w.status = b.status;
  if (typeof b.name === 'string') w.name = b.name;
  w.dateModified = ctx.state.clock();
  return { status: 200, body: webhookJson(w) };
}

function deleteWebhook(req: SimRequest, ctx: Ctx): SimResponse {
  if (!ID.test(req.params.id)) return noRoute();
  const force = req.query.force === 'true' || req.query.force === '1';
  if (!force) return wpError('woocommerce_rest_trash_not_supported', 'Webhooks do not support trashing.', 501);
  const w = ctx.state.webhooks.get(Number(req.params.id));
  if (!w) return invalidWebhookId();
  ctx.state.webhooks.delete(w.id);
  return { status: 200, body: webhookJson(w) };
}

export const webhookRoutes: SimRoute<WooSimState>[] = [
  { method: 'POST', path: WEBHOOKS, handle: createWebhook },
  { method: 'GET', path: WEBHOOKS, handle: listWebhooks },
  ...(['POST', 'PUT', 'PATCH'] as const).map((method) => ({ method, path: `${WEBHOOKS}/:id`, handle: updateWebhook })),
  { method: 'DELETE', path: `${WEBHOOKS}/:id`, handle: deleteWebhook },
];

/** /wc/v3/products/<variation id> as the webhook payload: the variation's fields, `type` and `parent_id`. */
export function variationAsProductJson(state: WooSimState, v: SimVariation): Record<string, unknown> {
  const p = state.products.get(v.parentId);
  return { ...variationJson(state, v), name: p?.name ?? '', type: 'variation', parent_id: v.parentId };
}

/**
 * How long after a save WooCommerce sends its delivery: `WC_Webhook::process` queues it in the background by default
 * ("webhooks are processed in the background by default so as to avoid delays or failures in delivery from affecting
 * the user who triggered it", filter `woocommerce_webhook_deliver_async`, https://github.com/woocommerce/woocommerce/blob/trunk/plugins/woocommerce/includes/class-wc-webhook.php),
 * so it arrives after the request that saved the variation has answered. The sandbox's second is a modest stand-in
 * for the scheduler's run (real sites: a loopback request or the next WP-Cron tick, seconds).
 */
export const ASYNC_DELIVERY_MS = 1000;

/** Sends `product.updated` for the variation to every active webhook of that topic, in the background. */
export function deliverProductUpdated(state: WooSimState, v: SimVariation): void {
  const body = JSON.stringify(variationAsProductJson(state, v));
  for (const w of state.webhooks.values()) {
    if (w.status !== 'active' || w.topic !== 'product.updated') continue;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'WooCommerce/sandbox Hookshot (WordPress/sandbox)',
      'x-wc-webhook-source': SOURCE,
      'x-wc-webhook-topic': w.topic,
      'x-wc-webhook-resource': 'product',
      'x-wc-webhook-event': 'updated',
      'x-wc-webhook-signature': createHmac('sha256', w.secret).update(body).digest('base64'),
      'x-wc-webhook-id': String(w.id),
      'x-wc-webhook-delivery-id': createHmac('sha256', 'delivery')
        .update(`${w.id}:${Date.now()}:${Math.random()}`)
        .digest('hex')
        .slice(0, 32),
    };
    void state.outbox.send({ url: w.deliveryUrl, headers, body, meta: { webhookId: w.id, topic: w.topic }, delayMs: ASYNC_DELIVERY_MS });
  }
}
