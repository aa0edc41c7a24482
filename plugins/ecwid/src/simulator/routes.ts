/**
 * The REST v3 endpoints the simulated store answers (the ones a stock sync touches), with Ecwid's
 * status codes and bodies. Batch sub-requests run through these same handlers (batch.ts).
 */
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { combinationNotFound, ecwidError, notOnPlan, productNotFound, wrongParameter } from './errors';
import { combinationJson, pickResponseFields, productJson } from './representation';
import type { EcwidSimState, SimCombination, SimProduct } from './state';
import { applyDelta, applyStockFields } from './stock-rules';
import { deliverProductUpdated } from './webhooks';

type Ctx = SimContext<EcwidSimState>;
export const API = '/api/v3/:storeId';

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** "Wrong numeric parameter 'id' value: not a number or a number out of range" (legacy docs). */
function numericParam(req: SimRequest, name: string): number | SimResponse {
  const raw = req.params[name];
  return /^\d{1,18}$/.test(raw) && Number.isSafeInteger(Number(raw))
    ? Number(raw)
    : wrongParameter(`Wrong numeric parameter '${name}' value: not a number or a number out of range`);
}

function findProduct(req: SimRequest, ctx: Ctx): SimProduct | SimResponse {
  const id = numericParam(req, 'productId');
  if (typeof id !== 'number') return id;
  return ctx.state.products.get(id) ?? productNotFound(id);
}

function findCombination(req: SimRequest, ctx: Ctx): { product: SimProduct; c: SimCombination } | SimResponse {
  const product = findProduct(req, ctx);
  if ('status' in product) return product;
  const id = numericParam(req, 'combinationId');
  if (typeof id !== 'number') return id;
  const c = product.combinations.get(id);
  return c ? { product, c } : combinationNotFound(id);
}

/** JSON bodies only ("415 Unsupported content-type: expected application/json or text/json"). */
function jsonObject(req: SimRequest): Record<string, unknown> | SimResponse {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (!type.includes('application/json') && !type.includes('text/json')) {
    return ecwidError(415, undefined, 'Unsupported content-type: expected application/json or text/json');
  }
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    return wrongParameter('Request body is not a valid JSON object');
  }
  return req.body as Record<string, unknown>;
}

/** The stock fields' types, as Ecwid's JSON binding enforces them. */
function stockFields(body: Record<string, unknown>): { unlimited?: boolean; quantity?: number } | SimResponse {
  const out: { unlimited?: boolean; quantity?: number } = {};
  if ('unlimited' in body && body.unlimited !== null) {
    if (typeof body.unlimited !== 'boolean') return wrongParameter("Wrong parameter 'unlimited' value: expected boolean");
    out.unlimited = body.unlimited;
  }
  if ('quantity' in body && body.quantity !== null) {
    if (typeof body.quantity !== 'number' || !Number.isInteger(body.quantity))
      return wrongParameter("Wrong parameter 'quantity' value: expected integer");
    out.quantity = body.quantity;
  }
  return out;
}

const isResponse = (x: unknown): x is SimResponse =>
  typeof x === 'object' && x !== null && 'status' in x && typeof (x as SimResponse).status === 'number';

export const restRoutes: SimRoute<EcwidSimState>[] = [
  {
    method: 'GET',
    path: `${API}/products`,
    handle(req, ctx) {
      const limit = Math.min(100, Math.max(1, Number(first(req.query.limit) ?? 100) || 100));
      const offset = Math.max(0, Number(first(req.query.offset) ?? 0) || 0);
      const all = [...ctx.state.products.values()].sort((a, b) => a.id - b.id);
      const items = all.slice(offset, offset + limit).map(productJson);
      const body = { total: all.length, count: items.length, offset, limit, items };
      return { status: 200, body: pickResponseFields(body, first(req.query.responseFields)) };
    },
  },
  {
    method: 'GET',
    path: `${API}/products/:productId`,
    handle(req, ctx) {
      const p = findProduct(req, ctx);
      return isResponse(p) ? p : { status: 200, body: productJson(p) };
    },
  },
  {
    method: 'GET',
    path: `${API}/products/:productId/combinations`,
    handle(req, ctx) {
      if (!ctx.state.options.combinationsOnPlan) return notOnPlan();
      const p = findProduct(req, ctx);
      if (isResponse(p)) return p;
      return { status: 200, body: [...p.combinations.values()].map((c) => combinationJson(p, c)) };
    },
  },
  {
    method: 'GET',
    path: `${API}/products/:productId/combinations/:combinationId`,
    handle(req, ctx) {
      if (!ctx.state.options.combinationsOnPlan) return notOnPlan();
      const found = findCombination(req, ctx);
      return isResponse(found) ? found : { status: 200, body: combinationJson(found.product, found.c) };
    },
  },
  {
    method: 'PUT',
    path: `${API}/products/:productId/combinations/:combinationId`,
    handle(req, ctx) {
      if (!ctx.state.options.combinationsOnPlan) return notOnPlan();
      const body = jsonObject(req);
      if (isResponse(body)) return body;
      const fields = stockFields(body);
      if (isResponse(fields)) return fields;
      const found = findCombination(req, ctx);
      if (isResponse(found)) return found;
      applyStockFields(found.product, found.c, fields);
      // Ecwid sends product.updated for REST API changes too (the hub's own writes).
      deliverProductUpdated(ctx.state, found.product.id);
      return { status: 200, body: { updateCount: 1 } };
    },
  },
  {
    method: 'PUT',
    path: `${API}/products/:productId/combinations/:combinationId/inventory`,
    handle(req, ctx) {
      if (!ctx.state.options.combinationsOnPlan) return notOnPlan();
      const body = jsonObject(req);
      if (isResponse(body)) return body;
      if (typeof body.quantityDelta !== 'number' || !Number.isInteger(body.quantityDelta))
        return wrongParameter("Wrong parameter 'quantityDelta' value: expected integer");
      const found = findCombination(req, ctx);
      if (isResponse(found)) return found;
      const warning = applyDelta(found.product, found.c, body.quantityDelta);
      deliverProductUpdated(ctx.state, found.product.id);
      return { status: 200, body: { updateCount: 1, ...warning } };
    },
  },
];
