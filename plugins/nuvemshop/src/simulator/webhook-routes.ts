/**
 * The webhook routes of the store API, under `/{version}/{store_id}` (resources/webhook; fixtures
 * test/evidence/webhook-create*.json, webhook-list.json, webhook-delete.json): GET /webhooks (filters `url`,
 * `event`, `since_id`; page / per_page), GET /webhooks/{id}, POST /webhooks {event, url} → 201, PUT /webhooks/{id},
 * DELETE /webhooks/{id} → 200 {}. A bad event or url → 422 with one message list per field.
 * The url "Must be HTTPS" and may not be a localhost / tiendanube / nuvemshop domain; the sandbox also takes
 * `http://` on a loopback IP (127.0.0.1, [::1]) so tests can receive deliveries — a sandbox choice, not the
 * platform's rule.
 */
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { nuvemError } from './errors';
import { nuvemDate } from './representation';
import { needsJson, paginate, wrongVersion } from './routes';
import type { NuvemSimState, SimWebhook } from './state';

type Ctx = SimContext<NuvemSimState>;
const PREFIX = '/:version/:storeId/webhooks';
const ID = /^[1-9]\d{0,18}$/;

/** The document's event table (resources/webhook), as event names. */
const EVENTS = new Set([
  'app/uninstalled',
  'app/suspended',
  'app/resumed',
  'category/created',
  'category/updated',
  'category/deleted',
  'order/created',
  'order/updated',
  'order/paid',
  'order/packed',
  'order/fulfilled',
  'order/cancelled',
  'order/custom_fields_updated',
  'product/created',
  'product/updated',
  'product/deleted',
  'product_variant/custom_fields_updated',
  'domain/updated',
]);
/** The 422 message, word for word from the document's example. */
const INVALID_EVENT =
  'Invalid event specified. Events allowed: app/uninstalled, cart/created, cart/updated, category/created, category/updated, category/deleted, order/created, order/updated, order/paid, order/fulfilled, order/cancelled, product/created, product/updated, product/deleted';

function validUrl(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || /(^|\.)(tiendanube|nuvemshop)\./.test(host)) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (host === '127.0.0.1' || host === '[::1]');
}

function webhookJson(w: SimWebhook): Record<string, unknown> {
  return { created_at: nuvemDate(w.createdAt), event: w.event, id: w.id, updated_at: nuvemDate(w.updatedAt), url: w.url };
}

function invalid(fields: { event?: boolean; url?: boolean }): SimResponse | undefined {
  const body: Record<string, string[]> = {};
  if (fields.event) body.event = [INVALID_EVENT];
  if (fields.url) body.url = ['invalid url specified'];
  return Object.keys(body).length ? { status: 422, body } : undefined;
}

function q(req: SimRequest, name: string): string | undefined {
  const v = req.query[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

const notFound = () => nuvemError(404, 'Webhook with such id does not exist');

function find(req: SimRequest, ctx: Ctx): SimWebhook | undefined {
  return ID.test(req.params.id ?? '') ? ctx.state.webhooks.get(Number(req.params.id)) : undefined;
}

function listWebhooks(req: SimRequest, ctx: Ctx): SimResponse {
  const bad = wrongVersion(req);
  if (bad) return bad;
  const url = q(req, 'url');
  const event = q(req, 'event');
  const sinceId = Number(q(req, 'since_id') ?? 0) || 0;
  const all = [...ctx.state.webhooks.values()]
    .filter((w) => (url === undefined || w.url === url) && (event === undefined || w.event === event) && w.id > sinceId)
    .sort((a, b) => a.id - b.id);
  const paged = paginate(req, all);
  if ('status' in paged) return paged;
  return { status: 200, headers: paged.headers, body: paged.page.map(webhookJson) };
}

function getWebhook(req: SimRequest, ctx: Ctx): SimResponse {
  const bad = wrongVersion(req);
  if (bad) return bad;
  const w = find(req, ctx);
  return w ? { status: 200, body: webhookJson(w) } : notFound();
}

function createWebhook(req: SimRequest, ctx: Ctx): SimResponse {
  const bad = wrongVersion(req) ?? needsJson(req);
  if (bad) return bad;
  const b = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
  const refused = invalid({ event: typeof b.event !== 'string' || !EVENTS.has(b.event), url: !validUrl(b.url) });
  if (refused) return refused;
  const now = ctx.state.clock();
  const w: SimWebhook = { id: ctx.state.nextWebhookId++, event: b.event as string, url: b.url as string, createdAt: now, updatedAt: now };
  ctx.state.webhooks.set(w.id, w);
  return { status: 201, body: webhookJson(w) };
}

function updateWebhook(req: SimRequest, ctx: Ctx): SimResponse {
  const bad = wrongVersion(req) ?? needsJson(req);
  if (bad) return bad;
  const w = find(req, ctx);
  if (!w) return notFound();
  const b = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
  const refused = invalid({
    event: b.event !== undefined && (typeof b.event !== 'string' || !EVENTS.has(b.event)),
    url: b.url !== undefined && !validUrl(b.url),
  });
  if (refused) return refused;
  if (typeof b.event === 'string') w.event = b.event;
  if (typeof b.url === 'string') w.url = b.url;
  w.updatedAt = ctx.state.clock();
  return { status: 200, body: webhookJson(w) };
}

function deleteWebhook(req: SimRequest, ctx: Ctx): SimResponse {
  const bad = wrongVersion(req);
  if (bad) return bad;
  const w = find(req, ctx);
  if (!w) return notFound();
  ctx.state.webhooks.delete(w.id);
  return { status: 200, body: {} };
}

export const webhookRoutes: SimRoute<NuvemSimState>[] = [
  { method: 'GET', path: PREFIX, handle: listWebhooks },
  { method: 'POST', path: PREFIX, handle: createWebhook },
  { method: 'GET', path: `${PREFIX}/:id`, handle: getWebhook },
  { method: 'PUT', path: `${PREFIX}/:id`, handle: updateWebhook },
  { method: 'DELETE', path: `${PREFIX}/:id`, handle: deleteWebhook },
];
