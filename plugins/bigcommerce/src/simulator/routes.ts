/**
 * The v3 routes the simulated store answers, with BigCommerce's status codes and problem+json bodies.
 * Bodies are validated against the official specs (spec-validators.ts) before anything changes; a batch
 * is applied all or nothing.
 */
import { randomUUID } from 'node:crypto';
import type { SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { BC_INVENTORY_TRACKING, type BcInventoryTracking } from '../bc-types';
import { invalidInput, problem, problemBody, tooLarge } from './errors';
import { productJson, variantJson } from './representation';
import type { SpecValidators } from './spec-validators';
import { levelAt, setLevelAt, settleAdjustments, type BigcommerceSimState, type SimVariant } from './state';
import { deliverLevelChange, webhookRoutes } from './webhooks';

type Route = SimRoute<BigcommerceSimState>;
const BASE = '/stores/:storeHash/v3';
const INT32_MAX = 2_147_483_647;

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(',') : v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Collection answer with BigCommerce's pagination meta. */
function collection(data: unknown[], total: number, page: number, perPage: number): SimResponse {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    status: 200,
    body: {
      data,
      meta: {
        pagination: {
          total,
          count: data.length,
          per_page: perPage,
          current_page: page,
          total_pages: totalPages,
          links: {
            current: `?page=${page}&limit=${perPage}`,
            ...(page < totalPages ? { next: `?page=${page + 1}&limit=${perPage}` } : {}),
          },
        },
      },
    },
  };
}

function getProducts(req: SimRequest, { state }: { state: BigcommerceSimState }): SimResponse {
  const idsRaw = list(str(req.query['id:in']) ?? str(req.query.id));
  if (idsRaw.some((s) => !/^\d+$/.test(s)))
    return problem(422, 'The filter(s): id:in are not valid', { 'id:in': 'must be a comma separated list of integers' });
  const limitRaw = str(req.query.limit);
  const pageRaw = str(req.query.page);
  if ((limitRaw !== undefined && !/^\d+$/.test(limitRaw)) || (pageRaw !== undefined && !/^\d+$/.test(pageRaw))) {
    return problem(422, 'The filter(s): limit, page are not valid', {});
  }
  // BigCommerce serves at most 250 per page (default 50).
  const perPage = Math.min(250, Math.max(1, Number(limitRaw ?? 50)));
  const page = Math.max(1, Number(pageRaw ?? 1));
  const ids = new Set(idsRaw.map(Number));
  const rows = [...state.products.values()].filter((p) => ids.size === 0 || ids.has(p.id)).sort((a, b) => a.id - b.id);
  const include = list(str(req.query.include));
  const fields = list(str(req.query.include_fields));
  const pageRows = rows.slice((page - 1) * perPage, page * perPage);
  return collection(
    pageRows.map((p) => productJson(state, p, { includeVariants: include.includes('variants'), fields })),
    rows.length,
    page,
    perPage,
  );
}

/** PUT /catalog/products (batch, ≤10). No official spec copy: the fields this simulator models are checked by hand. */
function updateProducts(req: SimRequest, { state }: { state: BigcommerceSimState }): SimResponse {
  if (!Array.isArray(req.body)) return problem(422, 'JSON data is missing or invalid', { body: 'must be an array of products' });
  if (req.body.length > 10) return tooLarge(10);
  const errors: Record<string, string> = {};
  req.body.forEach((item, i) => {
    if (!isObject(item)) return void (errors[`${i}`] = 'must be an object');
    if (!Number.isInteger(item.id)) errors[`${i}.id`] = 'id is required to update a product';
    else if (!state.products.has(item.id as number)) errors[`${i}.id`] = `Product with id ${String(item.id)} not found`;
    if ('inventory_tracking' in item && !BC_INVENTORY_TRACKING.includes(item.inventory_tracking as BcInventoryTracking)) {
      errors[`${i}.inventory_tracking`] = 'inventory_tracking must be one of none, product, variant';
    }
    if (
      'inventory_level' in item &&
      !(Number.isInteger(item.inventory_level) && (item.inventory_level as number) >= 0 && (item.inventory_level as number) <= INT32_MAX)
    ) {
      errors[`${i}.inventory_level`] = 'inventory_level must be an integer between 0 and 2147483647';
    }
  });
  if (Object.keys(errors).length) return problem(422, 'JSON data is missing or invalid', errors);
  const now = state.clock();
  const touched = req.body.map((item: Record<string, unknown>) => {
    const p = state.products.get(item.id as number)!;
    if (item.inventory_tracking !== undefined) p.inventoryTracking = item.inventory_tracking as BcInventoryTracking;
    if (item.inventory_level !== undefined && p.inventoryTracking === 'product') p.ownInventoryLevel = item.inventory_level as number;
    p.dateModified = now;
    return p;
  });
  return { status: 200, body: { data: touched.map((p) => productJson(state, p, { includeVariants: false })), meta: {} } };
}

function updateVariantsBatch(check: SpecValidators['updateVariantsBatch']) {
  return (req: SimRequest, { state }: { state: BigcommerceSimState }): SimResponse => {
    const valid = check(req.body);
    if (!valid.ok) return invalidInput(valid.errors);
    const items = req.body as Record<string, unknown>[];
    if (items.length > 50) return tooLarge(50);
    const batchErrors = items.flatMap((item, i) => {
      if (item.id === undefined) return [problemBody(422, 'Variant id is required to update a variant', { [`${i}.id`]: 'missing' })];
      if (!state.variants.has(item.id as number))
        return [problemBody(422, `Variant with id ${String(item.id)} not found`, { [`${i}.id`]: 'not found' })];
      return [];
    });
    if (batchErrors.length) return { status: 422, body: { batch_errors: batchErrors } };
    const now = state.clock();
    const touched = items.map((item) => {
      const v = state.variants.get(item.id as number)!;
      if (typeof item.purchasing_disabled === 'boolean') v.purchasingDisabled = item.purchasing_disabled;
      if (typeof item.purchasing_disabled_message === 'string') v.purchasingDisabledMessage = item.purchasing_disabled_message;
      if (typeof item.inventory_level === 'number') v.inventoryLevel = item.inventory_level;
      if (typeof item.inventory_warning_level === 'number') v.inventoryWarningLevel = item.inventory_warning_level;
      if (item.price !== undefined) v.price = item.price as number | null;
      state.products.get(v.productId)!.dateModified = now;
      return v;
    });
    return { status: 200, body: { data: touched.map((v) => variantJson(state, v)), meta: {} } };
  };
}

type Identity = { variant_id?: number; sku?: string; product_id?: number; location_id: number; quantity: number };

function absoluteAdjustment(check: SpecValidators['absoluteAdjustment']) {
  return (req: SimRequest, { state }: { state: BigcommerceSimState }): SimResponse => {
    const valid = check(req.body);
    if (!valid.ok) return invalidInput(valid.errors);
    const body = req.body as { reason?: string; items: Identity[] };
    if (body.items.length > 2000) return tooLarge(2000);
    const titles: string[] = [];
    const apply: (() => void)[] = [];
    for (const item of body.items) {
      const name =
        item.variant_id !== undefined
          ? `variant_id ${item.variant_id}`
          : item.sku !== undefined
            ? `sku ${item.sku}`
            : `product_id ${item.product_id}`;
      if (!state.locations.has(item.location_id)) titles.push(`Location with id ${item.location_id} not found`);
      else if (item.quantity < 0 || item.quantity > 2_147_483_647)
        titles.push(`[Item with ${name}] quantity must be between 0 and 2147483647`);
      else if (item.product_id !== undefined) {
        const p = state.products.get(item.product_id);
        if (!p) titles.push(`Items with identity: [${name}] not found`);
        else if (p.inventoryTracking !== 'product')
          titles.push(
            `[Item with ${name} is tracked by ${p.inventoryTracking === 'variant' ? 'variant, please update stock by variant id' : 'none, please enable inventory tracking'}]`,
          );
        else apply.push(() => void (p.ownInventoryLevel = item.quantity));
      } else {
        const v: SimVariant | undefined =
          item.variant_id !== undefined
            ? state.variants.get(item.variant_id)
            : [...state.variants.values()].find((x) => x.sku === item.sku);
        const p = v && state.products.get(v.productId);
        if (!v || !p) titles.push(`Items with identity: [${name}] not found`);
        else if (p.inventoryTracking === 'product')
          titles.push(`[Item with ${name} is tracked by product, please update stock by product id]`);
        else if (p.inventoryTracking === 'none')
          titles.push(`[Item with ${name} is not tracked, please enable inventory tracking by variant]`);
        else
          apply.push(() => {
            const before = levelAt(v, item.location_id);
            setLevelAt(v, item.location_id, item.quantity);
            // API inventory updates fire the inventory webhooks too ("This includes changes made by apps").
            deliverLevelChange(state, v, item.location_id, before, item.quantity);
          });
      }
    }
    if (titles.length) return problem(422, titles.join(', '));
    // Accepted now, applied now or after the store's delay (the Inventory API is asynchronous).
    if (state.adjustmentDelayMs > 0) {
      const applyAt = state.clock() + state.adjustmentDelayMs;
      apply.forEach((f) => state.pendingAdjustments.push({ applyAt, apply: f }));
    } else apply.forEach((f) => f());
    const transactionId = randomUUID();
    state.adjustments.push({
      transactionId,
      reason: body.reason ?? '',
      items: body.items.map((i) => ({ locationId: i.location_id, variantId: i.variant_id ?? 0, quantity: i.quantity })),
    });
    return { status: 200, body: { transaction_id: transactionId } };
  };
}

/**
 * GET /inventory/locations/{location_id}/items (LocationItemsResponse): one item per variant of a product tracked
 * by variant ("All product variants whose inventories are tracked by variant are inventory items"), filtered by
 * variant_id:in / product_id:in / sku:in, paged like the catalog.
 */
function locationItems(req: SimRequest, { state }: { state: BigcommerceSimState }): SimResponse {
  const locationId = Number(req.params.locationId);
  if (!state.locations.has(locationId)) return problem(404, `Location with id ${req.params.locationId} not found`);
  const variantIds = new Set(list(str(req.query['variant_id:in'])).map(Number));
  const productIds = new Set(list(str(req.query['product_id:in'])).map(Number));
  const skus = new Set(list(str(req.query['sku:in'])));
  const perPage = Math.min(1000, Math.max(1, Number(str(req.query.limit) ?? 50) || 50));
  const page = Math.max(1, Number(str(req.query.page) ?? 1) || 1);
  const rows = [...state.variants.values()]
    .filter((v) => state.products.get(v.productId)?.inventoryTracking === 'variant')
    .filter(
      (v) =>
        (variantIds.size === 0 || variantIds.has(v.id)) &&
        (productIds.size === 0 || productIds.has(v.productId)) &&
        (skus.size === 0 || skus.has(v.sku)),
    )
    .sort((a, b) => a.id - b.id);
  const data = rows.slice((page - 1) * perPage, page * perPage).map((v) => {
    const onHand = levelAt(v, locationId);
    return {
      identity: { sku: v.sku, variant_id: v.id, product_id: v.productId },
      available_to_sell: onHand,
      total_inventory_onhand: onHand,
      settings: { safety_stock: 0, is_in_stock: true, warning_level: v.inventoryWarningLevel, bin_picking_number: '' },
    };
  });
  return collection(data, rows.length, page, perPage);
}

/** Every answer first applies the adjustments that have become due. */
function settled(handle: Route['handle']): Route['handle'] {
  return (req, ctx) => {
    settleAdjustments(ctx.state);
    return handle(req, ctx);
  };
}

export function bcRoutes(v: SpecValidators): Route[] {
  const routes: Route[] = [
    { method: 'GET', path: `${BASE}/catalog/products`, handle: getProducts },
    { method: 'PUT', path: `${BASE}/catalog/products`, handle: updateProducts },
    { method: 'PUT', path: `${BASE}/catalog/variants`, handle: updateVariantsBatch(v.updateVariantsBatch) },
    { method: 'PUT', path: `${BASE}/inventory/adjustments/absolute`, handle: absoluteAdjustment(v.absoluteAdjustment) },
    { method: 'GET', path: `${BASE}/inventory/locations/:locationId/items`, handle: locationItems },
    ...webhookRoutes(v),
  ];
  return routes.map((r) => ({ ...r, handle: settled(r.handle) }));
}
