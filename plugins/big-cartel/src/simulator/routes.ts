/**
 * Big Cartel API v1 routes the plugin uses, under /v1/accounts/{account_id}: the account, one product
 * (its options in `included` only when asked with `include=options`), the product PATCH (relationships
 * linkage holds resource identifiers only, as JSON:API requires), and an option PATCH — the form the
 * plugin uses for an option's quantity, which Big Cartel does not document (README "The write").
 */
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { optionResource, productDocument } from './documents';
import { jsonApiError } from './errors';
import { setQuantity } from './product-rules';
import type { BigCartelSimState } from './state';
import { deliverProductUpdated } from './webhooks';

type Ctx = SimContext<BigCartelSimState>;
const JSON_API_HEADERS = { 'content-type': 'application/vnd.api+json' };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function getAccount(req: SimRequest, ctx: Ctx): SimResponse {
  if (req.params.accountId !== ctx.state.accountId) return jsonApiError(404, 'Account not found');
  return {
    status: 200,
    headers: JSON_API_HEADERS,
    body: {
      data: {
        id: ctx.state.accountId,
        type: 'accounts',
        attributes: { subdomain: 'sandbox', store_name: 'Sandbox Shop', currency: 'USD' },
      },
    },
  };
}

/** `include=options` (comma-separated list, JSON:API "Inclusion of Related Resources"). */
function includesOptions(req: SimRequest): boolean {
  const raw = req.query.include;
  const list = (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).split(',').map((s) => s.trim());
  return list.includes('options');
}

/**
 * A product. Its options are rendered in `included` only when asked for with `include=options`: JSON:API
 * lets a server include related resources by default, and this models the stricter reading so a client
 * that forgets to ask fails its tests.
 */
function getProduct(req: SimRequest, ctx: Ctx): SimResponse {
  const p = req.params.accountId === ctx.state.accountId ? ctx.state.products.get(req.params.productId) : undefined;
  if (!p) return jsonApiError(404, 'Product not found');
  return { status: 200, headers: JSON_API_HEADERS, body: productDocument(ctx.state, p, includesOptions(req)) };
}

/**
 * PATCH one option: a JSON:API resource object `{data: {id, type: "product_options", attributes: {quantity}}}`
 * (https://jsonapi.org/format/#crud-updating). Modelled; not documented by Big Cartel.
 */
function patchOption(req: SimRequest, ctx: Ctx): SimResponse {
  const { state } = ctx;
  const p = req.params.accountId === state.accountId ? state.products.get(req.params.productId) : undefined;
  if (!p) return jsonApiError(404, 'Product not found');
  const o = state.options.get(req.params.optionId);
  if (!o || o.productId !== p.id) return jsonApiError(404, 'Option not found');
  if (!/application\/vnd\.api\+json/i.test(req.headers['content-type'] ?? ''))
    return jsonApiError(406, 'Content-Type must be application/vnd.api+json');
  const doc = req.body;
  if (!isObject(doc) || !isObject(doc.data)) return jsonApiError(400, 'The request must contain a data object', '/data');
  const data = doc.data;
  if (data.type !== 'product_options') return jsonApiError(409, 'data.type must be product_options', '/data/type');
  if (String(data.id) !== o.id) return jsonApiError(409, 'data.id does not match the option in the URL', '/data/id');
  if (data.attributes !== undefined && !isObject(data.attributes))
    return jsonApiError(400, 'attributes must be an object', '/data/attributes');
  const raw = isObject(data.attributes) ? data.attributes.quantity : undefined;
  if (raw !== undefined) {
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0)
      return jsonApiError(400, 'quantity must be a whole number of 0 or more', '/data/attributes/quantity');
    setQuantity(state, o, raw, state.clock());
    // "You'll also receive webhooks for changes you make with the API."
    deliverProductUpdated(state, p);
  }
  return { status: 200, headers: JSON_API_HEADERS, body: { data: optionResource(o) } };
}

/**
 * PATCH a product. Modelled (unverified) on the stricter reading of JSON:API: the `options`
 * relationship is the product's complete option list — an existing option left out is **deleted**;
 * its elements are resource identifiers only (`attributes` inside them → 400).
 */
function patchProduct(req: SimRequest, ctx: Ctx): SimResponse {
  const { state } = ctx;
  const p = req.params.accountId === state.accountId ? state.products.get(req.params.productId) : undefined;
  if (!p) return jsonApiError(404, 'Product not found');
  if (!/application\/vnd\.api\+json/i.test(req.headers['content-type'] ?? ''))
    return jsonApiError(406, 'Content-Type must be application/vnd.api+json');
  const doc = req.body;
  if (!isObject(doc) || !isObject(doc.data)) return jsonApiError(400, 'The request must contain a data object', '/data');
  const data = doc.data;
  if (data.type !== 'products') return jsonApiError(400, 'data.type must be products', '/data/type');
  if (String(data.id) !== p.id) return jsonApiError(400, 'data.id does not match the product in the URL', '/data/id');
  const rel = data.relationships;
  const linkage = isObject(rel) && isObject(rel.options) ? rel.options.data : undefined;
  if (linkage === undefined) return { status: 200, headers: JSON_API_HEADERS, body: productDocument(state, p) };
  if (!Array.isArray(linkage)) return jsonApiError(400, 'relationships.options.data must be an array', '/data/relationships/options/data');

  const updates = new Map<string, undefined>();
  for (const [i, el] of linkage.entries()) {
    const pointer = `/data/relationships/options/data/${i}`;
    if (!isObject(el) || el.type !== 'product_options' || typeof el.id !== 'string')
      return jsonApiError(400, 'each option needs an id (string) and type product_options', pointer);
    const o = state.options.get(el.id);
    if (!o || o.productId !== p.id) return jsonApiError(404, `Option ${el.id} not found on this product`, pointer);
    // A resource identifier object has only type, id and meta (JSON:API): attributes are not allowed here.
    if (el.attributes !== undefined)
      return jsonApiError(400, 'a resource identifier object may hold only type, id and meta', `${pointer}/attributes`);
    updates.set(el.id, undefined);
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
  p.updatedAt = now;
  deliverProductUpdated(state, p);
  return { status: 200, headers: JSON_API_HEADERS, body: productDocument(state, p) };
}

const ACCOUNT = '/v1/accounts/:accountId';

export const bigCartelRoutes: SimRoute<BigCartelSimState>[] = [
  { method: 'GET', path: ACCOUNT, handle: getAccount },
  { method: 'GET', path: `${ACCOUNT}/products/:productId`, handle: getProduct },
  { method: 'PATCH', path: `${ACCOUNT}/products/:productId`, handle: patchProduct },
  { method: 'PATCH', path: `${ACCOUNT}/products/:productId/options/:optionId`, handle: patchOption },
];
