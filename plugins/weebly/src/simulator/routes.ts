/**
 * The Platform API store routes the simulated site answers: product list, product detail (SKUs inlined),
 * SKU list (paginated), SKU detail, SKU PATCH (partial update of the changeable fields) and SKU PUT
 * (replacement: fields not sent are reset to their defaults, as the docs define PUT).
 */
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { MAX_PAGE_SIZE } from '../manifest';
import { skuJson, skuListJson, type SimProduct, type SimSku, type WeeblySimState } from './state';

type Ctx = SimContext<WeeblySimState>;

export function weeblyError(status: number, message: string, headers?: Record<string, string>): SimResponse {
  return { status, headers, body: { error: { code: status, message } } };
}

const STORE = '/v1/user/sites/:siteId/store';

function scope(state: WeeblySimState, needed: string): SimResponse | undefined {
  return state.scopes.has(needed) ? undefined : weeblyError(403, `The access token does not have the ${needed} scope.`);
}

function product(req: SimRequest, state: WeeblySimState): SimProduct | SimResponse {
  if (req.params.siteId !== state.siteId) return weeblyError(403, 'The access token is not valid for this site.');
  const p = state.products.get(req.params.productId);
  return p ?? weeblyError(404, 'Product not found.');
}

function pageArgs(req: SimRequest): { page: number; limit: number } | SimResponse {
  const page = req.query.page === undefined ? 1 : Number(req.query.page);
  const limit = req.query.limit === undefined ? 25 : Number(req.query.limit);
  if (!Number.isInteger(page) || page < 1) return weeblyError(400, 'page must be an integer of at least 1.');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    return weeblyError(400, `limit must be an integer between 1 and ${MAX_PAGE_SIZE}.`);
  return { page, limit };
}

function paged<T>(rows: T[], page: number, limit: number): SimResponse {
  return {
    status: 200,
    headers: { 'x-resultset-total': String(rows.length), 'x-resultset-page': String(page), 'x-resultset-limit': String(limit) },
    body: rows.slice((page - 1) * limit, page * limit),
  };
}

/** Product-level inventory: the total across SKUs; null when any SKU is untracked (unverified). */
function productInventory(p: SimProduct): number | null {
  const skus = [...p.skus.values()];
  return skus.some((s) => s.inventory === null) ? null : skus.reduce((n, s) => n + (s.inventory ?? 0), 0);
}

function listProducts(req: SimRequest, ctx: Ctx): SimResponse {
  const denied = scope(ctx.state, 'read:store-catalog');
  if (denied) return denied;
  if (req.params.siteId !== ctx.state.siteId) return weeblyError(403, 'The access token is not valid for this site.');
  const args = pageArgs(req);
  if ('status' in args) return args;
  // The list fields of the documented example (Products API, "Retrieve a List of Products for a Store").
  const rows = [...ctx.state.products.values()].map((p) => {
    const prices = [...p.skus.values()].map((s) => s.price);
    const inventory = productInventory(p);
    return {
      user_id: ctx.state.userId,
      site_id: ctx.state.siteId,
      url: `https://${ctx.state.siteId}.weebly.com/store/p${p.product_id}/${encodeURIComponent(p.name.replace(/\s+/g, '_'))}.html`,
      product_id: p.product_id,
      name: p.name,
      published: true,
      price_low: prices.length ? Math.min(...prices) : 0,
      price_high: prices.length ? Math.max(...prices) : 0,
      sale_price_low: null,
      sale_price_high: null,
      inventory,
      available: inventory === null || inventory > 0,
      images: [],
    };
  });
  return paged(rows, args.page, args.limit);
}

function getProduct(req: SimRequest, ctx: Ctx): SimResponse {
  const denied = scope(ctx.state, 'read:store-catalog');
  if (denied) return denied;
  const p = product(req, ctx.state);
  if ('status' in p) return p;
  return {
    status: 200,
    body: {
      user_id: ctx.state.userId,
      site_id: ctx.state.siteId,
      product_id: p.product_id,
      name: p.name,
      inventory: productInventory(p),
      skus: [...p.skus.values()].map((s) => skuJson(ctx.state, p.product_id, s)),
    },
  };
}

function listSkus(req: SimRequest, ctx: Ctx): SimResponse {
  const denied = scope(ctx.state, 'read:store-catalog');
  if (denied) return denied;
  const p = product(req, ctx.state);
  if ('status' in p) return p;
  const args = pageArgs(req);
  if ('status' in args) return args;
  return paged(
    [...p.skus.values()].map((s) => skuListJson(ctx.state, p.product_id, s)),
    args.page,
    args.limit,
  );
}

function findSku(req: SimRequest, state: WeeblySimState): { p: SimProduct; s: SimSku } | SimResponse {
  const p = product(req, state);
  if ('status' in p) return p;
  const s = p.skus.get(req.params.skuId);
  return s ? { p, s } : weeblyError(404, 'Product SKU not found.');
}

function getSku(req: SimRequest, ctx: Ctx): SimResponse {
  const denied = scope(ctx.state, 'read:store-catalog');
  if (denied) return denied;
  const found = findSku(req, ctx.state);
  if ('status' in found) return found;
  return { status: 200, body: skuJson(ctx.state, found.p.product_id, found.s) };
}

/** The changeable fields and what each accepts ("These fields can be updated": sku, price, sale_price, inventory, weight). */
const CHANGEABLE: Record<string, (v: unknown) => boolean> = {
  sku: (v) => v === null || typeof v === 'string',
  price: (v) => (typeof v === 'number' ? v >= 0 : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)),
  sale_price: (v) => v === null || (typeof v === 'number' ? v >= 0 : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)),
  // An integer count, or null for "not tracked" (null accepted here: unverified on the real API).
  inventory: (v) => v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 0),
  weight: (v) => v === null || (typeof v === 'number' && v >= 0),
};

const DEFAULTS: Partial<SimSku> = { sku: null, price: 0, sale_price: null, inventory: null, weight: null };

function validBody(req: SimRequest): Record<string, unknown> | SimResponse {
  const b = req.body;
  if (typeof b !== 'object' || b === null || Array.isArray(b)) return weeblyError(400, 'The request body must be a JSON object.');
  for (const [k, v] of Object.entries(b as Record<string, unknown>)) {
    const check = CHANGEABLE[k];
    if (!check) return weeblyError(400, `The field ${k} cannot be changed.`);
    if (!check(v)) return weeblyError(400, `Invalid value for ${k}.`);
  }
  return b as Record<string, unknown>;
}

function apply(s: SimSku, body: Record<string, unknown>, now: number): void {
  for (const [k, v] of Object.entries(body)) {
    if (k === 'price' || k === 'sale_price') (s as unknown as Record<string, unknown>)[k] = v === null ? null : Number(v);
    else (s as unknown as Record<string, unknown>)[k] = v;
  }
  s.updated_date = Math.floor(now / 1000);
}

function updateSku(replace: boolean) {
  return (req: SimRequest, ctx: Ctx): SimResponse => {
    const denied = scope(ctx.state, 'write:store-catalog');
    if (denied) return denied;
    const found = findSku(req, ctx.state);
    if ('status' in found) return found;
    const body = validBody(req);
    if ('status' in body && typeof body.status === 'number' && 'body' in body) return body as SimResponse;
    // PUT: "any fields without given values will be reset to their default".
    apply(found.s, replace ? { ...DEFAULTS, ...(body as Record<string, unknown>) } : (body as Record<string, unknown>), ctx.now());
    return { status: 200, body: skuJson(ctx.state, found.p.product_id, found.s) };
  };
}

/** A call under a former site id: 301 to the identical path under the current one (absolute, same origin). */
function redirectIfMoved(handle: SimRoute<WeeblySimState>['handle']): SimRoute<WeeblySimState>['handle'] {
  return (req, ctx) => {
    if (!ctx.state.formerSiteIds.has(req.params.siteId)) return handle(req, ctx);
    const path = req.path.replace(`/sites/${req.params.siteId}/`, `/sites/${ctx.state.siteId}/`);
    return {
      status: 301,
      headers: { location: `http://${req.headers.host ?? 'localhost'}${path}` },
      body: { error: { code: 301, message: 'Moved Permanently' } },
    };
  };
}

const routes: SimRoute<WeeblySimState>[] = [
  { method: 'GET', path: `${STORE}/products`, handle: listProducts },
  { method: 'GET', path: `${STORE}/products/:productId`, handle: getProduct },
  { method: 'GET', path: `${STORE}/products/:productId/skus`, handle: listSkus },
  { method: 'GET', path: `${STORE}/products/:productId/skus/:skuId`, handle: getSku },
  { method: 'PATCH', path: `${STORE}/products/:productId/skus/:skuId`, handle: updateSku(false) },
  { method: 'PUT', path: `${STORE}/products/:productId/skus/:skuId`, handle: updateSku(true) },
];

export const weeblyRoutes: SimRoute<WeeblySimState>[] = routes.map((r) => ({ ...r, handle: redirectIfMoved(r.handle) }));
