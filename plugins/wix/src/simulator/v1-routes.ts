/**
 * Catalog V1 Inventory API: Query Inventory (POST /stores-reader/v2/inventoryItems/query, filter as a JSON
 * string, offset paging ≤ 100) and Update Inventory Variants (PATCH /stores/v2/inventoryItems/product/{productId}). Tracking is per product; turning
 * it on sets the count of every variant not given one to 0, turning it off keeps each variant
 * sellable exactly when it had stock.
 */
import type { SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { appError, validationError } from './errors';
import type { V1SimItem, WixSimState } from './state';
import { APP_WRITE, deliverV1VariantsChanged, v1Values } from './webhooks';

export function v1ItemJson(item: V1SimItem): Record<string, unknown> {
  return {
    id: item.id,
    externalId: item.productId,
    productId: item.productId,
    trackQuantity: item.trackQuantity,
    variants: [...item.variants.values()].map((v) =>
      item.trackQuantity
        ? { variantId: v.variantId, inStock: v.quantity > 0, quantity: v.quantity, availableForPreorder: false }
        : { variantId: v.variantId, inStock: v.inStock, availableForPreorder: false },
    ),
    lastUpdated: new Date(item.lastUpdated).toISOString(),
    preorderInfo: { enabled: false },
  };
}

const wrongCatalog = () => appError(428, 'CATALOG_VERSION_MISMATCH', 'This site uses Catalog V3; call the V3 Inventory Items API');

/** The values a filter field accepts: { $in: [...] }, { $eq: x } or x. */
function filterValues(cond: unknown): string[] | undefined {
  if (cond === undefined) return undefined;
  if (typeof cond === 'string') return [cond];
  if (typeof cond === 'object' && cond !== null) {
    const c = cond as Record<string, unknown>;
    if (Array.isArray(c.$in)) return c.$in.map(String);
    if (typeof c.$eq === 'string') return [c.$eq];
  }
  return [];
}

export const v1Routes: SimRoute<WixSimState>[] = [
  {
    // Query Inventory lives on the reader path (https://dev.wix.com/docs/api-reference/business-solutions/stores/catalog-v1/inventory/query-inventory.md).
    method: 'POST',
    path: '/stores-reader/v2/inventoryItems/query',
    handle(req, { state }): SimResponse {
      if (state.catalogVersion !== 'V1_CATALOG') return wrongCatalog();
      const query = (req.body as { query?: { filter?: unknown; paging?: { limit?: unknown; offset?: unknown } } } | undefined)?.query ?? {};
      let filter: Record<string, unknown> = {};
      if (query.filter !== undefined) {
        if (typeof query.filter !== 'string') return validationError('query.filter', 'must be a JSON string');
        try {
          filter = JSON.parse(query.filter) as Record<string, unknown>;
        } catch {
          return validationError('query.filter', 'is not valid JSON');
        }
      }
      const limit = query.paging?.limit === undefined ? 100 : Number(query.paging.limit);
      const offset = query.paging?.offset === undefined ? 0 : Number(query.paging.offset);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return validationError('query.paging.limit', 'must be between 1 and 100');
      if (!Number.isInteger(offset) || offset < 0) return validationError('query.paging.offset', 'must be at least 0');
      const productIds = filterValues(filter.productId ?? filter.externalId);
      const all = [...state.v1.values()].filter((i) => !productIds || productIds.includes(i.productId));
      const page = all.slice(offset, offset + limit);
      return {
        status: 200,
        body: { inventoryItems: page.map(v1ItemJson), metadata: { items: page.length, offset }, totalResults: all.length },
      };
    },
  },
  {
    method: 'PATCH',
    path: '/stores/v2/inventoryItems/product/:productId',
    handle(req, { state }): SimResponse {
      if (state.catalogVersion !== 'V1_CATALOG') return wrongCatalog();
      const body = req.body as { inventoryItem?: { trackQuantity?: unknown; variants?: unknown } } | undefined;
      const inv = body?.inventoryItem;
      if (!inv || typeof inv !== 'object') return validationError('inventoryItem', 'is required');
      if (inv.trackQuantity !== undefined && typeof inv.trackQuantity !== 'boolean')
        return validationError('inventoryItem.trackQuantity', 'must be a boolean');
      const variants = inv.variants ?? [];
      if (!Array.isArray(variants)) return validationError('inventoryItem.variants', 'must be an array');
      for (const [i, v] of variants.entries()) {
        const o = v as Record<string, unknown>;
        if (typeof o?.variantId !== 'string') return validationError(`inventoryItem.variants[${i}].variantId`, 'is required');
        if (o.quantity !== undefined && (typeof o.quantity !== 'number' || !Number.isInteger(o.quantity)))
          return validationError(`inventoryItem.variants[${i}].quantity`, 'must be an integer');
        if (o.inStock !== undefined && typeof o.inStock !== 'boolean')
          return validationError(`inventoryItem.variants[${i}].inStock`, 'must be a boolean');
      }
      const item = state.v1.get(req.params.productId);
      if (!item) return appError(404, 'PRODUCT_NOT_FOUND', `Product ${req.params.productId} not found`);
      for (const v of variants as { variantId: string }[]) {
        if (!item.variants.has(v.variantId))
          return appError(404, 'VARIANT_NOT_FOUND', `Variant ${v.variantId} not found in product ${item.productId}`);
      }
      // Whole update checked; now applied.
      const before = v1Values(item);
      const tracked = typeof inv.trackQuantity === 'boolean' ? inv.trackQuantity : item.trackQuantity;
      if (tracked !== item.trackQuantity) {
        for (const v of item.variants.values()) {
          if (tracked) v.quantity = 0;
          else v.inStock = v.quantity > 0;
        }
        item.trackQuantity = tracked;
      }
      for (const upd of variants as { variantId: string; quantity?: number; inStock?: boolean }[]) {
        const v = item.variants.get(upd.variantId)!;
        if (tracked && upd.quantity !== undefined) v.quantity = upd.quantity;
        if (!tracked && upd.inStock !== undefined) v.inStock = upd.inStock;
      }
      item.lastUpdated = state.clock();
      deliverV1VariantsChanged(state, item, before, APP_WRITE);
      return { status: 200, body: {} };
    },
  },
];
