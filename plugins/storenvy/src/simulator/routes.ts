/**
 * The v1 routes the simulated store answers, in the documented envelope
 * (https://developers.storenvy.com/docs "Response Structure"): `{ data, meta: { code, api_version },
 * pagination }`; errors `{ meta: { code, error_type, error_message } }` ("Meta Key"). Lists hold at most 50
 * objects and continue through `pagination.next_url` ("Pagination"). Request bodies must be JSON ("JSON-only",
 * https://developers.storenvy.com/endpoints); parameters in the query string are read too (the node
 * community client sends them there).
 */
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { variantJson, type StorenvySimState } from './state';

type Ctx = SimContext<StorenvySimState>;

export function storenvyError(code: number, errorType: string, message: string, headers?: Record<string, string>): SimResponse {
  return { status: code, headers, body: { meta: { code, error_type: errorType, error_message: message } } };
}

const ok = (data: unknown, pagination?: Record<string, unknown>): SimResponse => ({
  status: 200,
  body: pagination ? { data, meta: { code: 200, api_version: '1.0' }, pagination } : { data, meta: { code: 200, api_version: '1.0' } },
});

/** "We limit the number of responses for each request to 50 objects." */
export const PAGE_SIZE = 50;

function scope(state: StorenvySimState, needed: string): SimResponse | undefined {
  return state.scopes.has(needed) ? undefined : storenvyError(403, 'OAuthPermissionsException', `This request requires scope=${needed}.`);
}

/** Query and body parameters merged (body wins): the node community client sends them in the query string. */
function params(req: SimRequest): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(req.query)) out[k] = Array.isArray(v) ? v[v.length - 1] : v;
  if (typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body)) Object.assign(out, req.body);
  return out;
}

function getStore(_req: SimRequest, ctx: Ctx): SimResponse {
  const denied = scope(ctx.state, 'store_read');
  if (denied) return denied;
  return ok({ store: { id: 1, name: 'Sandbox Store', subdomain: 'sandbox', url: 'https://sandbox.storenvy.com' } });
}

/**
 * A product's variants by id, 50 per answer; `after_id` continues after the last one seen, and
 * `pagination.next_url` (absolute, with the caller's access_token, as the documented example shows) names the
 * next page — null on the last (how Storenvy marks the end is **unverified**).
 */
function listVariants(req: SimRequest, ctx: Ctx): SimResponse {
  const denied = scope(ctx.state, 'store_read');
  if (denied) return denied;
  const p = /^\d+$/.test(req.params.productId) ? ctx.state.products.get(Number(req.params.productId)) : undefined;
  if (!p) return storenvyError(404, 'NotFound', 'Product not found');
  const all = [...p.variants.values()].sort((a, b) => a.id - b.id);
  const afterRaw = params(req).after_id;
  const after = afterRaw !== undefined && /^\d+$/.test(String(afterRaw)) ? Number(afterRaw) : 0;
  const rest = all.filter((v) => v.id > after);
  const page = rest.slice(0, PAGE_SIZE);
  const offset = all.length - rest.length;
  let next: string | null = null;
  if (rest.length > PAGE_SIZE) {
    const u = new URL(`http://${req.headers.host ?? 'localhost'}/v1/products/${p.id}/variants.json`);
    const token = params(req).access_token;
    if (typeof token === 'string') u.searchParams.set('access_token', token);
    u.searchParams.set('after_id', String(page[page.length - 1].id));
    next = u.toString();
  }
  return ok(
    { variants: page.map((v) => variantJson(p.id, v)) },
    {
      total: all.length,
      offset,
      total_pages: Math.max(1, Math.ceil(all.length / PAGE_SIZE)),
      next_url: next,
      current_max_id: all.length ? all[all.length - 1].id : 0,
    },
  );
}

const BOOL: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };

function updateVariant(req: SimRequest, ctx: Ctx): SimResponse {
  const denied = scope(ctx.state, 'store_write');
  if (denied) return denied;
  const p = /^\d+$/.test(req.params.productId) ? ctx.state.products.get(Number(req.params.productId)) : undefined;
  // Every endpoint is documented as {endpoint}.json; the bare path (the node client's PUT) is answered too.
  const variantId = req.params.variantId.replace(/\.json$/, '');
  const v = p && /^\d+$/.test(variantId) ? p.variants.get(Number(variantId)) : undefined;
  if (!p || !v) return storenvyError(404, 'NotFound', 'Variant not found');
  // JSON-only: a body of any other type is refused (the status and error type are **unverified**).
  if (req.rawBody !== '' && !/application\/json/i.test(req.headers['content-type'] ?? '')) {
    return storenvyError(415, 'UnsupportedMediaType', 'All API requests must be made using the "application/json" content type.');
  }
  const f = params(req);
  const errors: string[] = [];
  let quantity: number | undefined;
  let inStock: boolean | undefined;
  if (f.full_quantity !== undefined) {
    const q = typeof f.full_quantity === 'number' || typeof f.full_quantity === 'string' ? String(f.full_quantity) : '';
    if (!/^\d+$/.test(q)) errors.push('full_quantity must be a whole number of 0 or more');
    else quantity = Number(q);
  }
  if (f.in_stock !== undefined) {
    inStock = BOOL[String(f.in_stock)];
    if (inStock === undefined) errors.push('in_stock must be true or false');
  }
  if (errors.length) return storenvyError(422, 'ValidationError', errors.join('; '));
  if (quantity !== undefined) v.full_quantity = quantity;
  if (inStock !== undefined) v.in_stock = inStock;
  if (typeof f.name === 'string' && f.name !== '') v.name = f.name;
  return ok({ variant: variantJson(p.id, v) });
}

export const storenvyRoutes: SimRoute<StorenvySimState>[] = [
  { method: 'GET', path: '/v1/store.json', handle: getStore },
  { method: 'GET', path: '/v1/store', handle: getStore },
  { method: 'GET', path: '/v1/products/:productId/variants.json', handle: listVariants },
  { method: 'GET', path: '/v1/products/:productId/variants', handle: listVariants },
  { method: 'PUT', path: '/v1/products/:productId/variants/:variantId', handle: updateVariant },
];
