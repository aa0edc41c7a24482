/**
 * The 202309 routes the simulated shop answers: Get Authorized Shops, Update Inventory (one product,
 * absolute quantity per warehouse, live SKUs only) and Inventory Search (by SKU ids or product ids).
 */
import type { SimContext, SimRequest, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { API_VERSION, MAX_QUANTITY, MAX_SKUS_PER_SEARCH } from '../manifest';
import { answer, CODES, ok } from './responses';
import { inShopAvailable, totalAvailable, type SimSku, type TikTokSimState } from './state';
import { withStockWebhook } from './webhooks';

type Ctx = SimContext<TikTokSimState>;
const MAX_PRODUCTS_PER_SEARCH = 100;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const badParams = (message: string) => answer(400, CODES.INVALID_PARAMS, `Invalid params: ${message}`);

/** Shop-scoped APIs need the shop_cipher of a shop this token is authorised for. */
function checkShop(req: SimRequest, state: TikTokSimState): SimResponse | undefined {
  const cipher = req.query.shop_cipher;
  if (typeof cipher !== 'string' || cipher === '') return badParams('shop_cipher is required for this API');
  if (!state.shops.some((s) => s.cipher === cipher)) return badParams('shop_cipher is invalid or not authorised for this access token');
  return undefined;
}

function jsonBody(req: SimRequest): Record<string, unknown> | undefined {
  if (!(req.headers['content-type'] ?? '').toLowerCase().includes('application/json')) return undefined;
  return isObject(req.body) ? req.body : undefined;
}

function getAuthorizedShops(_req: SimRequest, ctx: Ctx): SimResponse {
  return ok({ shops: ctx.state.shops.map((s) => ({ ...s })) });
}

interface WarehouseUpdate {
  warehouse_id?: string;
  quantity: number;
}

/** Request shape of Update Inventory: skus[] of { id, inventory[] of { warehouse_id?, quantity } }. */
function validateUpdate(body: Record<string, unknown> | undefined): { skus: { id: string; inventory: WarehouseUpdate[] }[] } | string {
  if (!body) return 'the body must be a JSON object';
  const skus = body.skus;
  if (!Array.isArray(skus) || skus.length === 0) return 'skus is required and must be a non-empty array';
  for (const [i, s] of skus.entries()) {
    if (!isObject(s) || typeof s.id !== 'string' || !/^\d+$/.test(s.id)) return `skus[${i}].id is required and must be a numeric string`;
    if (!Array.isArray(s.inventory) || s.inventory.length === 0) return `skus[${i}].inventory is required and must be a non-empty array`;
    for (const [j, w] of s.inventory.entries()) {
      if (!isObject(w)) return `skus[${i}].inventory[${j}] must be an object`;
      if (w.warehouse_id !== undefined && (typeof w.warehouse_id !== 'string' || !/^\d+$/.test(w.warehouse_id)))
        return `skus[${i}].inventory[${j}].warehouse_id must be a numeric string`;
      const q = w.quantity;
      if (typeof q !== 'number' || !Number.isInteger(q) || q < 0 || q > MAX_QUANTITY) {
        return `skus[${i}].inventory[${j}].quantity must be a non-negative integer less than 99999`;
      }
    }
  }
  return body as { skus: { id: string; inventory: WarehouseUpdate[] }[] };
}

interface SkuError {
  code: number;
  message: string;
  detail: { sku_id: string; extra_errors?: { warehouse_id: string; code: number; message: string }[] };
}

/** Applies one SKU's warehouse quantities, or says why not (nothing is applied then). */
function applySku(state: TikTokSimState, sku: SimSku, inventory: WarehouseUpdate[]): SkuError | undefined {
  const planned: { warehouseId: string; quantity: number }[] = [];
  for (const w of inventory) {
    if (w.warehouse_id === undefined) {
      // "If the SKU is using one default warehouse … this warehouse id is an optional field."
      if (sku.stock.length !== 1) {
        return {
          code: CODES.WAREHOUSE_INVALID,
          message: 'warehouse_id is required: the SKU has stock in several warehouses',
          detail: { sku_id: sku.id },
        };
      }
      planned.push({ warehouseId: sku.stock[0].warehouseId, quantity: w.quantity });
    } else if (!state.warehouseIds.includes(w.warehouse_id)) {
      return {
        code: CODES.WAREHOUSE_INVALID,
        message: 'Update inventory failed',
        detail: {
          sku_id: sku.id,
          extra_errors: [
            { warehouse_id: w.warehouse_id, code: CODES.WAREHOUSE_INVALID, message: 'The warehouse does not belong to this shop' },
          ],
        },
      };
    } else planned.push({ warehouseId: w.warehouse_id, quantity: w.quantity });
  }
  for (const p of planned) {
    const existing = sku.stock.find((s) => s.warehouseId === p.warehouseId);
    if (existing) existing.available = p.quantity;
    else sku.stock.push({ warehouseId: p.warehouseId, available: p.quantity, committed: 0 });
  }
  return undefined;
}

function updateInventory(req: SimRequest, ctx: Ctx): SimResponse {
  const state = ctx.state;
  const shop = checkShop(req, state);
  if (shop) return shop;
  const parsed = validateUpdate(jsonBody(req));
  if (typeof parsed === 'string') return badParams(parsed);
  const product = state.products.get(req.params.productId);
  if (!product || product.status === 'DELETED')
    return answer(404, CODES.PRODUCT_NOT_FOUND, `Product ${req.params.productId} does not exist`);
  // "The SKU stock can be updated only by this SKU in live status."
  if (product.status !== 'ACTIVATE') {
    return answer(
      200,
      CODES.PRODUCT_NOT_LIVE,
      `The product is not live (status ${product.status}); only live SKUs can have their stock updated`,
    );
  }
  const errors: SkuError[] = [];
  for (const s of parsed.skus) {
    const sku = product.skus.get(s.id);
    if (!sku) {
      errors.push({ code: CODES.SKU_NOT_FOUND, message: 'The SKU does not exist in this product', detail: { sku_id: s.id } });
      continue;
    }
    // A drop to LOW_STOCK / OUT_OF_STOCK sends the inventory status change, whoever made it (webhooks.ts).
    const err = withStockWebhook(state, product, sku, () => applySku(state, sku, s.inventory));
    if (err) errors.push(err);
  }
  return ok(errors.length ? { errors } : {});
}

function skuInventory(sku: SimSku) {
  return {
    id: sku.id,
    seller_sku: sku.sellerSku,
    total_available_quantity: totalAvailable(sku),
    total_committed_quantity: sku.stock.reduce((n, w) => n + w.committed, 0),
    warehouse_inventory: sku.stock.map((w) => ({
      warehouse_id: w.warehouseId,
      available_quantity: w.available,
      committed_quantity: w.committed,
    })),
    total_available_inventory_distribution: {
      in_shop_inventory: { quantity: inShopAvailable(sku) },
      campaign_inventory: (sku.campaign ?? []).map((c) => ({ quantity: c.quantity, campaign_name: c.name })),
      creator_inventory: (sku.creator ?? []).map((c) => ({ quantity: c.quantity, creator_name: c.name })),
    },
  };
}

const stringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function searchInventory(req: SimRequest, ctx: Ctx): SimResponse {
  const state = ctx.state;
  const shop = checkShop(req, state);
  if (shop) return shop;
  const body = jsonBody(req);
  if (!body) return badParams('the body must be a JSON object');
  const { sku_ids: skuIds, product_ids: productIds } = body;
  if (skuIds !== undefined && (!stringArray(skuIds) || skuIds.length > MAX_SKUS_PER_SEARCH))
    return badParams(`sku_ids must be a list of at most ${MAX_SKUS_PER_SEARCH} ids`);
  if (productIds !== undefined && (!stringArray(productIds) || productIds.length > MAX_PRODUCTS_PER_SEARCH))
    return badParams(`product_ids must be a list of at most ${MAX_PRODUCTS_PER_SEARCH} ids`);
  const live = [...state.products.values()].filter((p) => p.status !== 'DELETED');
  let inventory: { product_id: string; skus: ReturnType<typeof skuInventory>[] }[];
  // "If both product IDs and SKU IDs exist, SKU IDs will be used."
  if (skuIds && skuIds.length) {
    const wanted = new Set(skuIds);
    inventory = live
      .map((p) => ({ product_id: p.id, skus: [...p.skus.values()].filter((s) => wanted.has(s.id)).map(skuInventory) }))
      .filter((p) => p.skus.length > 0);
  } else if (productIds && productIds.length) {
    const wanted = new Set(productIds);
    inventory = live.filter((p) => wanted.has(p.id)).map((p) => ({ product_id: p.id, skus: [...p.skus.values()].map(skuInventory) }));
  } else return badParams('either sku_ids or product_ids is required');
  return ok({ inventory });
}

export const tiktokRoutes: SimRoute<TikTokSimState>[] = [
  { method: 'GET', path: `/authorization/${API_VERSION}/shops`, handle: getAuthorizedShops },
  { method: 'POST', path: `/product/${API_VERSION}/products/:productId/inventory/update`, handle: updateInventory },
  { method: 'POST', path: `/product/${API_VERSION}/inventory/search`, handle: searchInventory },
];
