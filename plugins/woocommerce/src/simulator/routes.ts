/**
 * The wc/v3 routes the simulated store answers, with WooCommerce's status codes and bodies.
 * Route shapes: WC_REST_Product_Variations_V2_Controller::register_routes (v3 inherits them).
 */
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { API_PREFIX } from '../manifest';
import { pickFields, variationJson } from './representation';
import type { SimProduct, SimVariation, WooSimState } from './state';
import { refKey } from './state';
import { applyStockUpdate, validateProductProps, validateProps, manageStockView, wcStringToBool, wcStockAmount } from './stock-rules';
import { isPlainObject, validateVariationArgs } from './validation';
import { deliverProductUpdated } from './webhooks';
import { invalidProductId, invalidVariationId, noRoute, wpError, wpErrorBody } from './wp-errors';

type Ctx = SimContext<WooSimState>;
const ID = /^\d+$/;

function queryString(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(',') : v;
}

/** WordPress reads a body it cannot parse as "Invalid JSON body passed." */
type Parsed<T> = { ok: true; value: T } | { ok: false; res: SimResponse };

function jsonBody(req: SimRequest): Parsed<Record<string, unknown>> {
  if (req.body === undefined || req.body === null || req.body === '') return { ok: true, value: {} };
  if (isPlainObject(req.body)) return { ok: true, value: req.body };
  if (typeof req.body === 'string' && (req.headers['content-type'] ?? '').includes('json')) {
    return {
      ok: false,
      res: wpError('rest_invalid_json', 'Invalid JSON body passed.', 400, { json_error_code: 4, json_error_message: 'Syntax error' }),
    };
  }
  return { ok: true, value: {} };
}

/** WP validates collection args before the callback: per_page 1–100, page ≥ 1, include integers. */
function validateCollectionArgs(req: SimRequest): SimResponse | undefined {
  const invalid: Record<string, string> = {};
  const perPage = queryString(req.query.per_page);
  if (perPage !== undefined && !(ID.test(perPage) && Number(perPage) >= 1 && Number(perPage) <= 100)) {
    invalid.per_page = 'per_page must be between 1 (inclusive) and 100 (inclusive)';
  }
  const page = queryString(req.query.page);
  if (page !== undefined && !(ID.test(page) && Number(page) >= 1)) invalid.page = 'page must be greater than or equal to 1';
  const include = queryString(req.query.include);
  if (include !== undefined && include !== '' && !include.split(',').every((s) => ID.test(s.trim())))
    invalid.include = 'include[0] is not of type integer.';
  const status = queryString(req.query.stock_status);
  if (status !== undefined && !['instock', 'outofstock', 'onbackorder'].includes(status)) {
    invalid.stock_status = 'stock_status is not one of instock, outofstock, and onbackorder.';
  }
  const names = Object.keys(invalid);
  return names.length ? wpError('rest_invalid_param', `Invalid parameter(s): ${names.join(', ')}`, 400, { params: invalid }) : undefined;
}

function listVariations(req: SimRequest, ctx: Ctx): SimResponse {
  if (!ID.test(req.params.productId)) return noRoute();
  const invalid = validateCollectionArgs(req);
  if (invalid) return invalid;
  const productId = Number(req.params.productId);
  const perPage = Number(queryString(req.query.per_page) ?? 10);
  const page = Number(queryString(req.query.page) ?? 1);
  const include = (queryString(req.query.include) ?? '')
    .split(',')
    .filter((s) => s.trim() !== '')
    .map(Number);
  const stockStatus = queryString(req.query.stock_status);
  // Default order: date desc, then id desc (WP_Query orderby "date ID").
  let rows = [...ctx.state.variations.values()]
    .filter((v) => v.parentId === productId)
    .sort((a, b) => b.dateModified - a.dateModified || b.id - a.id);
  if (include.length) rows = rows.filter((v) => include.includes(v.id));
  if (stockStatus) rows = rows.filter((v) => v.stockStatus === stockStatus);
  const total = rows.length;
  const pageRows = rows.slice((page - 1) * perPage, page * perPage);
  const fields = req.query._fields;
  return {
    status: 200,
    headers: { 'x-wp-total': String(total), 'x-wp-totalpages': String(Math.ceil(total / perPage)) },
    body: pageRows.map((v) => pickFields(variationJson(ctx.state, v), fields)),
  };
}

function getVariation(req: SimRequest, ctx: Ctx): SimResponse {
  if (!ID.test(req.params.productId) || !ID.test(req.params.id)) return noRoute();
  const v = ctx.state.variations.get(Number(req.params.id));
  if (!v) return invalidVariationId(404);
  return { status: 200, body: pickFields(variationJson(ctx.state, v), req.query._fields) };
}

function updateVariation(req: SimRequest, ctx: Ctx): SimResponse {
  if (!ID.test(req.params.productId) || !ID.test(req.params.id)) return noRoute();
  const parsed = jsonBody(req);
  if (!parsed.ok) return parsed.res;
  const body = parsed.value;
  const invalid = validateVariationArgs(body);
  if (invalid) return { status: 400, body: invalid };
  const v = ctx.state.variations.get(Number(req.params.id));
  if (!v) return invalidVariationId(400);
  // update_item_permissions_check: a logged-in user gets 403 (rest_authorization_required_code()).
  if (v.parentId !== Number(req.params.productId)) {
    return wpError('woocommerce_rest_cannot_edit', 'Parent product does not match current variation.', 403);
  }
  applyStockUpdate(ctx.state, v, body);
  deliverProductUpdated(ctx.state, v);
  return { status: 200, body: variationJson(ctx.state, v) };
}

type BatchOps = { create?: unknown; update?: unknown; delete?: unknown };

/** Shared batch front: JSON body, top-level args, arrays, and check_batch_limit() (413). */
function readBatch(req: SimRequest, ctx: Ctx): Parsed<BatchOps> {
  const parsed = jsonBody(req);
  if (!parsed.ok) return parsed;
  const body = parsed.value;
  const invalid = validateVariationArgs(body);
  if (invalid) return { ok: false, res: { status: 400, body: invalid } };
  const bad = (['create', 'update', 'delete'] as const).filter((k) => body[k] !== undefined && body[k] !== null && !Array.isArray(body[k]));
  if (bad.length) {
    return {
      ok: false,
      res: wpError('rest_invalid_param', `Invalid parameter(s): ${bad.join(', ')}`, 400, {
        params: Object.fromEntries(bad.map((k) => [k, `${k} is not of type array.`])),
      }),
    };
  }
  const count = (k: keyof BatchOps) => (Array.isArray(body[k]) ? (body[k] as unknown[]).length : 0);
  const total = count('create') + count('update') + count('delete');
  const limit = ctx.state.options.batchItemsLimit;
  if (total > limit) {
    return {
      ok: false,
      res: wpError('woocommerce_rest_request_entity_too_large', `Unable to accept more than ${limit} items for this request.`, 413),
    };
  }
  return { ok: true, value: body as BatchOps };
}

function itemFailure(id: unknown, error: ReturnType<typeof wpErrorBody>): Record<string, unknown> {
  return { id: typeof id === 'number' || typeof id === 'string' ? Number(id) || 0 : 0, error };
}

function batchVariations(req: SimRequest, ctx: Ctx): SimResponse {
  if (!ID.test(req.params.productId)) return noRoute();
  const read = readBatch(req, ctx);
  if (!read.ok) return read.res;
  const ops = read.value;
  const productId = Number(req.params.productId);
  const out: Record<string, unknown[]> = {};

  if (Array.isArray(ops.create) && ops.create.length) {
    out.create = ops.create.map(() =>
      itemFailure(0, wpErrorBody('woocommerce_rest_cannot_create', 'Creating variations is not modelled by the sandbox.', 400)),
    );
  }
  if (Array.isArray(ops.update) && ops.update.length) {
    out.update = ops.update.map((raw) => {
      if (!isPlainObject(raw)) return itemFailure(0, wpErrorBody('woocommerce_rest_product_variation_invalid_id', 'Invalid ID.', 400));
      // Stricter than core on purpose: core skips argument validation inside a batch and its setters
      // turn an unknown stock_status into "instock"; the sandbox reports it so plugin bugs surface.
      const invalid = validateVariationArgs(raw);
      if (invalid) return itemFailure(raw.id, invalid);
      const v = ID.test(String(raw.id ?? '')) ? ctx.state.variations.get(Number(raw.id)) : undefined;
      if (!v) return itemFailure(raw.id, wpErrorBody('woocommerce_rest_product_variation_invalid_id', 'Invalid ID.', 400));
      // v3 prepare_object_for_database sets the parent from the URL without checking (it re-parents).
      if (v.parentId !== productId && ctx.state.products.has(productId)) moveVariation(ctx.state, v, productId);
      applyStockUpdate(ctx.state, v, raw);
      deliverProductUpdated(ctx.state, v);
      return variationJson(ctx.state, v);
    });
  }
  if (Array.isArray(ops.delete) && ops.delete.length) {
    out.delete = ops.delete.map((raw) => {
      const v = ID.test(String(raw)) ? ctx.state.variations.get(Number(raw)) : undefined;
      if (!v) return itemFailure(raw, wpErrorBody('woocommerce_rest_product_variation_invalid_id', 'Invalid ID.', 404));
      const json = variationJson(ctx.state, v);
      deleteVariation(ctx.state, v);
      return json;
    });
  }
  // An empty batch answers an empty PHP array, which JSON-encodes as [].
  return { status: 200, body: Object.keys(out).length ? out : [] };
}

function productJson(state: WooSimState, p: SimProduct): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    type: 'variable',
    manage_stock: state.options.manageStock === 'yes' ? p.manageStock : false,
    stock_quantity: p.stockQuantity,
    stock_status: p.stockStatus,
    backorders: p.backorders,
    variations: [...p.variationIds],
  };
}

function getProduct(req: SimRequest, ctx: Ctx): SimResponse {
  if (!ID.test(req.params.productId)) return noRoute();
  const p = ctx.state.products.get(Number(req.params.productId));
  return p ? { status: 200, body: productJson(ctx.state, p) } : invalidProductId(404);
}

/** Products batch: the stock fields of (variable) parent products; an empty batch changes nothing. */
function batchProducts(req: SimRequest, ctx: Ctx): SimResponse {
  const read = readBatch(req, ctx);
  if (!read.ok) return read.res;
  const ops = read.value;
  if (!Array.isArray(ops.update) || ops.update.length === 0) return { status: 200, body: [] };
  const update = ops.update.map((raw) => {
    const p = isPlainObject(raw) && ID.test(String(raw.id ?? '')) ? ctx.state.products.get(Number(raw.id)) : undefined;
    if (!isPlainObject(raw) || !p)
      return itemFailure(isPlainObject(raw) ? raw.id : 0, wpErrorBody('woocommerce_rest_product_invalid_id', 'Invalid ID.', 400));
    const invalid = validateVariationArgs(raw);
    if (invalid) return itemFailure(raw.id, invalid);
    if (raw.manage_stock !== undefined && raw.manage_stock !== null) p.manageStock = wcStringToBool(raw.manage_stock);
    if (typeof raw.stock_status === 'string') p.stockStatus = raw.stock_status as SimProduct['stockStatus'];
    if (typeof raw.backorders === 'string') p.backorders = raw.backorders as SimProduct['backorders'];
    if (p.manageStock && raw.stock_quantity !== undefined && raw.stock_quantity !== null)
      p.stockQuantity = wcStockAmount(raw.stock_quantity);
    validateProductProps(ctx.state, p);
    p.dateModified = ctx.state.clock();
    // Variations that inherit the parent's stock follow its count.
    for (const id of p.variationIds) {
      const v = ctx.state.variations.get(id);
      if (v && manageStockView(ctx.state, v) === 'parent') validateProps(ctx.state, v);
    }
    return productJson(ctx.state, p);
  });
  return { status: 200, body: { update } };
}

export function moveVariation(state: WooSimState, v: SimVariation, toProductId: number): void {
  const from = state.products.get(v.parentId);
  if (from) from.variationIds = from.variationIds.filter((id) => id !== v.id);
  state.products.get(toProductId)?.variationIds.push(v.id);
  v.parentId = toProductId;
}

export function deleteVariation(state: WooSimState, v: SimVariation): void {
  state.variations.delete(v.id);
  const parent = state.products.get(v.parentId);
  if (parent) parent.variationIds = parent.variationIds.filter((id) => id !== v.id);
  state.deleted.add(refKey(v.parentId, v.id));
}

const VARIATIONS = `${API_PREFIX}/products/:productId/variations`;

export const wooRoutes: SimRoute<WooSimState>[] = [
  // Batch routes first: "batch" must never be taken for a variation id.
  ...(['POST', 'PUT', 'PATCH'] as const).map((method) => ({ method, path: `${VARIATIONS}/batch`, handle: batchVariations })),
  ...(['POST', 'PUT', 'PATCH'] as const).map((method) => ({ method, path: `${API_PREFIX}/products/batch`, handle: batchProducts })),
  { method: 'GET', path: VARIATIONS, handle: listVariations },
  { method: 'GET', path: `${VARIATIONS}/:id`, handle: getVariation },
  ...(['POST', 'PUT', 'PATCH'] as const).map((method) => ({ method, path: `${VARIATIONS}/:id`, handle: updateVariation })),
  { method: 'GET', path: `${API_PREFIX}/products/:productId`, handle: getProduct },
];
