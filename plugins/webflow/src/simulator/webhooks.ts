/**
 * The sandbox site's webhooks (sources in ../notices.ts and test/evidence/webhook-*.json): Create Webhook
 * (`POST /v2/sites/{site_id}/webhooks` {triggerType, url} → the webhook object; 75 per triggerType per site), List
 * Webhooks (`GET` same path → {webhooks, pagination}), Get / Delete Webhook (`/v2/webhooks/{webhook_id}`), and
 * deliveries: every change of a SKU's inventory — a merchant's edit AND an API write (that Webflow notifies an
 * app of its own writes is not stated: the sandbox assumes it, the safe case) — POSTs `ecomm_inventory_changed`
 * {triggerType, payload: {id, quantity, inventoryType}} as JSON to each such webhook, with `x-webflow-timestamp`
 * (ms) and `x-webflow-signature` = hex HMAC-SHA256 of `${timestamp}:${body}` with the OAuth app's client secret
 * (the sandbox treats every webhook as app-created), asynchronously.
 * Simplifications: the sandbox's site token may create webhooks (Webflow requires a Data Client app's token);
 * the 400 answers' wording is unverified.
 */
import { createHmac } from 'node:crypto';
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { siteNotFound, webflowError } from './errors';
import { inventoryJson } from './inventory-rules';
import { SANDBOX_OAUTH_APP } from './oauth';
import { SANDBOX_WORKSPACE_ID, type SimSku, type SimWebhook, type WebflowSimState } from './state';

type Ctx = SimContext<WebflowSimState>;

/** Create Webhook's triggerType enum (the official SDK's TriggerType). */
const TRIGGER_TYPES = new Set([
  'form_submission',
  'site_publish',
  'page_created',
  'page_metadata_updated',
  'page_deleted',
  'ecomm_new_order',
  'ecomm_order_changed',
  'ecomm_inventory_changed',
  'collection_item_created',
  'collection_item_changed',
  'collection_item_deleted',
  'collection_item_published',
  'collection_item_unpublished',
  'comment_created',
]);
const PER_TRIGGER_LIMIT = 75;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function webhookJson(state: WebflowSimState, w: SimWebhook): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: w.id,
    triggerType: w.triggerType,
    url: w.url,
    workspaceId: SANDBOX_WORKSPACE_ID,
    siteId: state.siteId,
    createdOn: iso(w.createdOn),
  };
  if (w.lastTriggered !== undefined) out.lastTriggered = iso(w.lastTriggered);
  return out;
}

const invalid = (field: string, message: string) => webflowError(400, 'validation_error', 'Validation Error', [{ field, message }]);

function createWebhook(req: SimRequest, ctx: Ctx): SimResponse {
  const { state } = ctx;
  if (req.params.siteId !== state.siteId) return siteNotFound();
  const b = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
  if (typeof b.triggerType !== 'string' || !TRIGGER_TYPES.has(b.triggerType)) return invalid('triggerType', 'must be a valid trigger type');
  if (typeof b.url !== 'string' || !/^https?:\/\/\S+$/.test(b.url)) return invalid('url', 'must be a valid URL');
  if ([...state.webhooks.values()].filter((w) => w.triggerType === b.triggerType).length >= PER_TRIGGER_LIMIT)
    return invalid('triggerType', `limit of ${PER_TRIGGER_LIMIT} webhooks per trigger type reached`);
  // 24-hex object ids, as Webflow's.
  const id = `64b0c0de0000000000${String(state.nextWebhookSeq++).padStart(6, '0')}`;
  const w: SimWebhook = { id, triggerType: b.triggerType, url: b.url, createdOn: state.clock() };
  state.webhooks.set(id, w);
  return { status: 200, body: webhookJson(state, w) };
}

function listWebhooks(req: SimRequest, ctx: Ctx): SimResponse {
  const { state } = ctx;
  if (req.params.siteId !== state.siteId) return siteNotFound();
  const all = [...state.webhooks.values()].map((w) => webhookJson(state, w));
  return { status: 200, body: { webhooks: all, pagination: { limit: 100, offset: 0, total: all.length } } };
}

const webhookNotFound = () => webflowError(404, 'resource_not_found', 'Requested resource not found: The webhook cannot be found');

function getWebhook(req: SimRequest, ctx: Ctx): SimResponse {
  const w = ctx.state.webhooks.get(req.params.webhookId);
  return w ? { status: 200, body: webhookJson(ctx.state, w) } : webhookNotFound();
}

function deleteWebhook(req: SimRequest, ctx: Ctx): SimResponse {
  return ctx.state.webhooks.delete(req.params.webhookId) ? { status: 200 } : webhookNotFound();
}

export const webhookRoutes: SimRoute<WebflowSimState>[] = [
  { method: 'POST', path: '/v2/sites/:siteId/webhooks', handle: createWebhook },
  { method: 'GET', path: '/v2/sites/:siteId/webhooks', handle: listWebhooks },
  { method: 'GET', path: '/v2/webhooks/:webhookId', handle: getWebhook },
  { method: 'DELETE', path: '/v2/webhooks/:webhookId', handle: deleteWebhook },
];

/** Sends `ecomm_inventory_changed` for the SKU to every webhook of that trigger (asynchronously). */
export function deliverInventoryChanged(state: WebflowSimState, sku: SimSku): void {
  const body = JSON.stringify({ triggerType: 'ecomm_inventory_changed', payload: inventoryJson(sku) });
  for (const w of state.webhooks.values()) {
    if (w.triggerType !== 'ecomm_inventory_changed') continue;
    const timestamp = String(Date.now());
    const signature = createHmac('sha256', SANDBOX_OAUTH_APP.clientSecret).update(`${timestamp}:${body}`).digest('hex');
    w.lastTriggered = state.clock();
    const headers = { 'content-type': 'application/json', 'x-webflow-timestamp': timestamp, 'x-webflow-signature': signature };
    void state.outbox.send({ url: w.url, headers, body, meta: { webhookId: w.id } });
  }
}
