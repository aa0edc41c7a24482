/**
 * The sandbox's v3 Webhooks API and its callbacks (sources: ../notices/*.ts, README "Platform notices", fixtures
 * test/evidence/webhook-*.json and notice-*.json):
 *  - routes: POST/GET /hooks, GET/PUT/DELETE /hooks/{id}, bodies validated against spec/bigcommerce-webhooks.v3.yml
 *    (webhook_Base, webhook_Put); the list filtered by is_active, scope and destination, paged;
 *  - callbacks: when a variant's count changes at a location — a control-panel edit (`manualEdit`) OR an API
 *    absolute adjustment ("Inventory updates made in the control panel and by API trigger the webhook. This
 *    includes changes made by apps.") — `store/sku/inventory/updated` (variant-tracked products: data.type "sku",
 *    data.id the SKU id, inventory {product_id, method "relative", value = the change, variant_id}) and
 *    `store/channel/*\/inventory/product/stock_changed` (data {variant_id, product_id, location_id}; the scope as subscribed, as in the documented callback) to every active
 *    hook of that scope (a `store/channel/*\/…` hook matches any channel), each POSTed asynchronously with the
 *    hook's custom headers and a Standard Webhooks signature made with the app's client secret.
 * Deviations: BigCommerce requires https on port 443; the sandbox also takes http:// on any port (local receivers).
 * The sandbox's SKU ids are the variant id + 1,000,000 (distinct from variant ids, as in the documented example).
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { BodyCheck, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { invalidInput, problem } from './errors';
import { SIM_OAUTH_APP } from './oauth';
import type { BigcommerceSimState, SimHook, SimVariant } from './state';

type Route = SimRoute<BigcommerceSimState>;
type Ctx = { state: BigcommerceSimState };
const HOOKS = '/stores/:storeHash/v3/hooks';
export const SKU_INVENTORY_UPDATED = 'store/sku/inventory/updated';
const STOCK_CHANGED = /^store\/channel\/(\*|\d+)\/inventory\/product\/stock_changed$/;
/** The sandbox's one storefront channel. */
const CHANNEL_ID = 1;
/** The sandbox's numeric store id (callbacks' store_id). */
export const SIM_STORE_ID = '1025646';
const SKU_ID_OFFSET = 1_000_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const seconds = (ms: number) => Math.floor(ms / 1000);
const validDestination = (v: unknown): v is string => typeof v === 'string' && /^https?:\/\/[^\s]+$/.test(v);
const str = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function hookJson(state: BigcommerceSimState, h: SimHook): Record<string, unknown> {
  return {
    id: h.id,
    client_id: SIM_OAUTH_APP.clientId,
    store_hash: state.storeHash,
    created_at: seconds(h.createdAt),
    updated_at: seconds(h.updatedAt),
    scope: h.scope,
    destination: h.destination,
    is_active: h.isActive,
    headers: h.headers,
  };
}

function notFound(id: string): SimResponse {
  return problem(404, `Webhook ${id} not found`);
}

function checkScopeAndDestination(b: Record<string, unknown>): SimResponse | undefined {
  if (b.destination !== undefined && !validDestination(b.destination))
    return problem(422, 'The destination must be a valid URL', { destination: 'must be an https URL on port 443' });
  if (b.scope !== undefined && (typeof b.scope !== 'string' || !/^store\/[a-zA-Z0-9_*/]+$/.test(b.scope)))
    return problem(422, 'The scope is not valid', { scope: 'unknown scope' });
  return undefined;
}

function create(check: BodyCheck) {
  return (req: SimRequest, { state }: Ctx): SimResponse => {
    const valid = check(req.body);
    if (!valid.ok) return invalidInput(valid.errors);
    const b = req.body as Record<string, unknown>;
    const bad = checkScopeAndDestination(b);
    if (bad) return bad;
    const now = state.clock();
    const h: SimHook = {
      id: state.nextHookId++,
      scope: b.scope as string,
      destination: b.destination as string,
      isActive: b.is_active !== false,
      headers: isObject(b.headers) ? (b.headers as Record<string, string>) : null,
      createdAt: now,
      updatedAt: now,
    };
    state.hooks.set(h.id, h);
    return { status: 200, body: { data: hookJson(state, h), meta: {} } };
  };
}

function listHooks(req: SimRequest, { state }: Ctx): SimResponse {
  const active = str(req.query.is_active);
  const scope = str(req.query.scope);
  const destination = str(req.query.destination);
  const perPage = Math.min(250, Math.max(1, Number(str(req.query.limit) ?? 50) || 50));
  const page = Math.max(1, Number(str(req.query.page) ?? 1) || 1);
  const rows = [...state.hooks.values()]
    .filter((h) => active === undefined || String(h.isActive) === active)
    .filter((h) => scope === undefined || h.scope === scope)
    .filter((h) => destination === undefined || h.destination === destination)
    .sort((a, b) => a.id - b.id);
  const totalPages = Math.max(1, Math.ceil(rows.length / perPage));
  const data = rows.slice((page - 1) * perPage, page * perPage).map((h) => hookJson(state, h));
  return {
    status: 200,
    body: {
      data,
      meta: {
        pagination: {
          total: rows.length,
          count: data.length,
          per_page: perPage,
          current_page: page,
          total_pages: totalPages,
          links: { current: `?page=${page}&limit=${perPage}` },
        },
      },
    },
  };
}

function update(check: BodyCheck) {
  return (req: SimRequest, { state }: Ctx): SimResponse => {
    const h = state.hooks.get(Number(req.params.id));
    if (!h) return notFound(req.params.id);
    const valid = check(req.body);
    if (!valid.ok) return invalidInput(valid.errors);
    const b = req.body as Record<string, unknown>;
    if (Object.keys(b).length === 0) return problem(422, 'At least one field is required to perform an update');
    const bad = checkScopeAndDestination(b);
    if (bad) return bad;
    if (typeof b.scope === 'string') h.scope = b.scope;
    if (typeof b.destination === 'string') h.destination = b.destination;
    if (typeof b.is_active === 'boolean') h.isActive = b.is_active;
    if (b.headers !== undefined) h.headers = isObject(b.headers) ? (b.headers as Record<string, string>) : null;
    h.updatedAt = state.clock();
    return { status: 200, body: { data: hookJson(state, h), meta: {} } };
  };
}

export function webhookRoutes(v: { createWebhook: BodyCheck; updateWebhook: BodyCheck }): Route[] {
  return [
    { method: 'POST', path: HOOKS, handle: create(v.createWebhook) },
    { method: 'GET', path: HOOKS, handle: listHooks },
    {
      method: 'GET',
      path: `${HOOKS}/:id`,
      handle: (req, { state }) => {
        const h = state.hooks.get(Number(req.params.id));
        return h ? { status: 200, body: { data: hookJson(state, h), meta: {} } } : notFound(req.params.id);
      },
    },
    { method: 'PUT', path: `${HOOKS}/:id`, handle: update(v.updateWebhook) },
    {
      method: 'DELETE',
      path: `${HOOKS}/:id`,
      handle: (req, { state }) => {
        const h = state.hooks.get(Number(req.params.id));
        if (!h) return notFound(req.params.id);
        state.hooks.delete(h.id);
        return { status: 200, body: { data: hookJson(state, h), meta: {} } };
      },
    },
  ];
}

/** Standard Webhooks: `v1,` + base64(HMAC-SHA256(client secret bytes, id.timestamp.body)). */
function sign(id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', Buffer.from(SIM_OAUTH_APP.clientSecret, 'utf8')).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

function send(state: BigcommerceSimState, h: SimHook, scope: string, data: Record<string, unknown>): void {
  const createdAt = seconds(state.clock());
  const payload = { scope, store_id: SIM_STORE_ID, data, created_at: createdAt, producer: `stores/${state.storeHash}` };
  // "The payload data encoded in JSON format and then passed through SH1" (webhook_callback_base.hash).
  const body = JSON.stringify({ ...payload, hash: createHash('sha1').update(JSON.stringify(data)).digest('hex') });
  const id = `msg_${randomUUID().replace(/-/g, '')}`;
  const headers = {
    ...(h.headers ?? {}),
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(createdAt),
    'webhook-signature': sign(id, createdAt, body),
  };
  void state.outbox.send({ url: h.destination, headers, body, meta: { hookId: h.id, scope } });
}

/** A variant's count at a location changed from `before`: the inventory callbacks of every active matching hook. */
export function deliverLevelChange(state: BigcommerceSimState, v: SimVariant, locationId: number, before: number, after: number): void {
  if (before === after) return;
  const p = state.products.get(v.productId);
  if (p?.inventoryTracking !== 'variant') return; // a variant's own count is tracked only "by variant"
  for (const h of [...state.hooks.values()]) {
    if (!h.isActive) continue;
    if (h.scope === SKU_INVENTORY_UPDATED || h.scope === 'store/sku/*') {
      send(state, h, SKU_INVENTORY_UPDATED, {
        type: 'sku',
        id: v.id + SKU_ID_OFFSET,
        inventory: { product_id: v.productId, method: 'relative', value: after - before, variant_id: v.id },
      });
    }
    const m = STOCK_CHANGED.exec(h.scope);
    if (m && (m[1] === '*' || Number(m[1]) === CHANNEL_ID)) {
      // The documented callback names the scope as subscribed (with its `*`).
      send(state, h, h.scope, { variant_id: v.id, product_id: v.productId, location_id: locationId });
    }
  }
}
