/**
 * Big Cartel API v1 routes the plugin uses, under /v1/accounts/{account_id}: the account, one product
 * (with its options), and the product PATCH that carries option quantities.
 */
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit';
import { productDocument } from './documents';
import { jsonApiError } from './errors';
import { setQuantity } from './product-rules';
import type { BigCartelSimState } from './state';

type Ctx = SimContext<BigCartelSimState>;
const JSON_API_HEADERS = { 'content-type': 'application/vnd.api+json' };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function getAccount(req: SimRequest, ctx: Ctx): SimResponse {
  if (req.params.accountId !== ctx.state.accountId) return jsonApiError(404, 'Account not found');
  return { status: 200, headers: JSON_API_HEADERS, body: { data: { id: ctx.state.accountId, type: 'accounts', attributes: { subdomain: 'sandbox', store_name: 'Sandbox Shop', currency: 'USD' } } } };
}

function getProduct(req: SimRequest, ctx: Ctx): SimResponse {
  const p = req.params.accountId === ctx.state.accountId ? ctx.state.products.get(req.params.productId) : undefined;
  if (!p) return jsonApiError(404, 'Product not found');
  return { status: 200, headers: JSON_API_HEADERS, body: productDocument(ctx.state, p) };
}

/**
 * PATCH a product. Modelled (unverified) on the stricter reading of JSON:API: the `options`
 * relationship is the product's complete option list — an existing option left out is **deleted** —
 * and an element may carry `attributes.quantity` (a whole number ≥ 0) to set that option's stock.
 */
function patchProduct(req: SimRequest, ctx: Ctx): SimResponse {
  const { state } = ctx;
  const p = req.params.accountId === state.accountId ? state.products.get(req.params.productId) : undefined;
  if (!p) return jsonApiError(404, 'Product not found');
  if (!/application\/vnd\.api\+json/i.test(req.headers['content-type'] ?? '')) return jsonApiError(406, 'Content-Type must be application/vnd.api+json');
  const doc = req.body;
  if (!isObject(doc) || !isObject(doc.data)) return jsonApiError(400, 'The request must contain a data object', '/data');
  const data = doc.data;
  if (data.type !== 'products') return jsonApiError(400, 'data.type must be products', '/data/type');
  if (String(data.id) !== p.id) return jsonApiError(400, 'data.id does not match the product in the URL', '/data/id');
  const rel = data.relationships;
  const linkage = isObject(rel) && isObject(rel.options) ? rel.options.data : undefined;
  if (linkage === undefined) return { status: 200, headers: JSON_API_HEADERS, body: productDocument(state, p) };
  if (!Array.isArray(linkage)) return jsonApiError(400, 'relationships.options.data must be an array', '/data/relationships/options/data');

  const updates = new Map<string, number | undefined>();
  for (const [i, el] of linkage.entries()) {
    const pointer = `/data/relationships/options/data/${i}`;
    if (!isObject(el) || el.type !== 'product_options' || typeof el.id !== 'string') return jsonApiError(400, 'each option needs an id (string) and type product_options', pointer);
    const o = state.options.get(el.id);
    if (!o || o.productId !== p.id) return jsonApiError(404, `Option ${el.id} not found on this product`, pointer);
    let q: number | undefined;
    if (el.attributes !== undefined) {
      if (!isObject(el.attributes)) return jsonApiError(400, 'attributes must be an object', `${pointer}/attributes`);
      const raw = el.attributes.quantity;
      if (raw !== undefined) {
        if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) return jsonApiError(400, 'quantity must be a whole number of 0 or more', `${pointer}/attributes/quantity`);
        q = raw;
      }
    }
    updates.set(el.id, q);
  }
  if (updates.size === 0) return jsonApiError(400, 'A product needs at least one option', '/data/relationships/options/data');

  const now = state.clock();
  for (const id of [...p.optionIds]) {
    if (!updates.has(id)) {
      state.options.delete(id);
      state.deleted.add(`${p.id}/${id}`);
    }
  }
  p.optionIds = p.optionIds.filter((id) => updates.has(id));
  for (const [id, q] of updates) if (q !== undefined) setQuantity(state, state.options.get(id)!, q, now);
  p.updatedAt = now;
  return { status: 200, headers: JSON_API_HEADERS, body: productDocument(state, p) };
}

const ACCOUNT = '/v1/accounts/:accountId';

export const bigCartelRoutes: SimRoute<BigCartelSimState>[] = [
  { method: 'GET', path: ACCOUNT, handle: getAccount },
  { method: 'GET', path: `${ACCOUNT}/products/:productId`, handle: getProduct },
  { method: 'PATCH', path: `${ACCOUNT}/products/:productId`, handle: patchProduct },
];
