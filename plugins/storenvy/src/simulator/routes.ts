/**
 * The v1 routes the simulated store answers. Responses use the `{ meta: { code }, data: { … } }` envelope
 * community clients read (`body.data`); errors `{ meta: { code, error_type, error_message } }` (unverified).
 * Parameters are taken Rails-style from the query string and the body alike (the node client sends them
 * in the query string, others in the body).
 */
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit';
import { variantJson, type StorenvySimState } from './state';

type Ctx = SimContext<StorenvySimState>;

export function storenvyError(code: number, errorType: string, message: string, headers?: Record<string, string>): SimResponse {
  return { status: code, headers, body: { meta: { code, error_type: errorType, error_message: message } } };
}

const ok = (data: unknown): SimResponse => ({ status: 200, body: { meta: { code: 200 }, data } });

function scope(state: StorenvySimState, needed: string): SimResponse | undefined {
  return state.scopes.has(needed) ? undefined : storenvyError(403, 'OAuthPermissionsException', `This request requires scope=${needed}.`);
}

/** Query and body parameters merged (body wins), as Rails does. */
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

function listVariants(req: SimRequest, ctx: Ctx): SimResponse {
  const denied = scope(ctx.state, 'store_read');
  if (denied) return denied;
  const p = /^\d+$/.test(req.params.productId) ? ctx.state.products.get(Number(req.params.productId)) : undefined;
  if (!p) return storenvyError(404, 'NotFound', 'Product not found');
  return ok({ variants: [...p.variants.values()].map((v) => variantJson(p.id, v)) });
}

const BOOL: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };

function updateVariant(req: SimRequest, ctx: Ctx): SimResponse {
  const denied = scope(ctx.state, 'store_write');
  if (denied) return denied;
  const p = /^\d+$/.test(req.params.productId) ? ctx.state.products.get(Number(req.params.productId)) : undefined;
  const v = p && /^\d+$/.test(req.params.variantId) ? p.variants.get(Number(req.params.variantId)) : undefined;
  if (!p || !v) return storenvyError(404, 'NotFound', 'Variant not found');
  const f = params(req);
  const errors: string[] = [];
  let quantity: number | undefined;
  let inStock: boolean | undefined;
  if (f.full_quantity !== undefined) {
    const q = String(f.full_quantity);
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
