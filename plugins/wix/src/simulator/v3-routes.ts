/**
 * Catalog V3 Inventory Items API: query (filter object, cursor paging ≤ 100) and Bulk Update
 * Inventory Items (1–1,000 items, each with id and current revision, ONE-OF inStock | quantity;
 * per-item results). Setting `quantity` makes an item tracked, `inStock` untracked; every update
 * increments the revision.
 */
import type { SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { appError, validationError } from './errors';
import type { V3SimItem, WixSimState } from './state';
import { APP_WRITE, deliverV3ItemUpdated } from './webhooks';

export const V3_BULK_MAX = 1000;
const PAGE_MAX = 100;

export function v3ItemJson(item: V3SimItem): Record<string, unknown> {
  const inStock = item.trackQuantity ? item.quantity > 0 : item.inStock;
  const out: Record<string, unknown> = {
    id: item.id,
    revision: String(item.revision),
    // Wix answers both dates on every inventory item (Search Inventory Items' example).
    createdDate: new Date(item.createdDate ?? item.updatedDate).toISOString(),
    updatedDate: new Date(item.updatedDate).toISOString(),
    variantId: item.variantId,
    productId: item.productId,
    locationId: item.locationId,
    trackQuantity: item.trackQuantity,
    inStock,
    availabilityStatus: inStock ? 'IN_STOCK' : 'OUT_OF_STOCK',
    preorderInfo: { enabled: false },
  };
  if (item.trackQuantity) out.quantity = item.quantity;
  return out;
}

const wrongCatalog = () => appError(428, 'CATALOG_VERSION_MISMATCH', 'This site uses Catalog V1; call the V1 Inventory API');

function matches(item: V3SimItem, filter: Record<string, unknown>): boolean {
  for (const [field, cond] of Object.entries(filter)) {
    const value = (item as unknown as Record<string, unknown>)[field];
    if (typeof cond === 'object' && cond !== null && !Array.isArray(cond)) {
      const c = cond as Record<string, unknown>;
      if (Array.isArray(c.$in) && !c.$in.includes(value)) return false;
      if ('$eq' in c && c.$eq !== value) return false;
    } else if (cond !== value) return false;
  }
  return true;
}

/** Cursors carry the filter and the position (opaque to the caller). */
function encodeCursor(filter: unknown, offset: number): string {
  return Buffer.from(JSON.stringify({ filter, offset })).toString('base64url');
}

export const v3Routes: SimRoute<WixSimState>[] = [
  {
    method: 'POST',
    path: '/stores/v3/inventory-items/query',
    handle(req, { state }): SimResponse {
      if (state.catalogVersion !== 'V3_CATALOG') return wrongCatalog();
      const query =
        (req.body as { query?: { filter?: unknown; cursorPaging?: { limit?: unknown; cursor?: unknown } } } | undefined)?.query ?? {};
      const limit = query.cursorPaging?.limit === undefined ? 100 : Number(query.cursorPaging.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_MAX)
        return validationError('query.cursorPaging.limit', `must be between 1 and ${PAGE_MAX}`);
      let filter: unknown = query.filter ?? {};
      let offset = 0;
      if (typeof query.cursorPaging?.cursor === 'string') {
        if (query.filter !== undefined) return validationError('query.filter', 'must not be given with a cursor');
        try {
          const c = JSON.parse(Buffer.from(query.cursorPaging.cursor, 'base64url').toString('utf8')) as { filter: unknown; offset: number };
          filter = c.filter;
          offset = c.offset;
        } catch {
          return validationError('query.cursorPaging.cursor', 'is invalid');
        }
      }
      if (typeof filter !== 'object' || filter === null || Array.isArray(filter))
        return validationError('query.filter', 'must be an object');
      const all = [...state.v3.values()].filter((i) => matches(i, filter as Record<string, unknown>));
      const page = all.slice(offset, offset + limit);
      const hasNext = offset + limit < all.length;
      return {
        status: 200,
        body: {
          inventoryItems: page.map(v3ItemJson),
          pagingMetadata: { count: page.length, cursors: hasNext ? { next: encodeCursor(filter, offset + limit) } : {}, hasNext },
        },
      };
    },
  },
  {
    method: 'POST',
    path: '/stores/v3/bulk/inventory-items/update',
    handle(req, { state }): SimResponse {
      if (state.catalogVersion !== 'V3_CATALOG') return wrongCatalog();
      const body = req.body as { inventoryItems?: unknown; returnEntity?: unknown } | undefined;
      const list = body?.inventoryItems;
      if (!Array.isArray(list) || list.length < 1 || list.length > V3_BULK_MAX)
        return validationError('inventoryItems', `must hold 1 to ${V3_BULK_MAX} items`);
      for (const [i, entry] of list.entries()) {
        const inv = (entry as { inventoryItem?: Record<string, unknown> })?.inventoryItem;
        const at = `inventoryItems[${i}].inventoryItem`;
        if (!inv || typeof inv !== 'object') return validationError(at, 'is required');
        if (typeof inv.id !== 'string') return validationError(`${at}.id`, 'is required');
        if (typeof inv.revision !== 'string' || !/^\d+$/.test(inv.revision)) return validationError(`${at}.revision`, 'is required');
        const hasQ = inv.quantity !== undefined;
        const hasS = inv.inStock !== undefined;
        if (hasQ === hasS) return validationError(at, 'must set exactly one of quantity, inStock');
        if (hasQ && (typeof inv.quantity !== 'number' || !Number.isInteger(inv.quantity)))
          return validationError(`${at}.quantity`, 'must be an integer');
        if (hasS && typeof inv.inStock !== 'boolean') return validationError(`${at}.inStock`, 'must be a boolean');
      }
      let successes = 0;
      const results = list.map((entry, originalIndex) => {
        const inv = (entry as { inventoryItem: { id: string; revision: string; quantity?: number; inStock?: boolean } }).inventoryItem;
        const item = state.v3.get(inv.id);
        const fail = (code: string, description: string) => ({
          itemMetadata: { id: inv.id, originalIndex, success: false, error: { code, description, data: {} } },
        });
        if (!item) return fail('INVENTORY_ITEM_NOT_FOUND', `Inventory item ${inv.id} not found`);
        if (Number(inv.revision) !== item.revision)
          return fail('REVISION_MISMATCH', `Revision ${inv.revision} is stale (current ${item.revision})`);
        if (inv.quantity !== undefined) {
          item.trackQuantity = true;
          item.quantity = inv.quantity;
        } else {
          item.trackQuantity = false;
          item.inStock = inv.inStock === true;
        }
        item.revision++;
        item.updatedDate = state.clock();
        deliverV3ItemUpdated(state, item, APP_WRITE);
        successes++;
        const ok: Record<string, unknown> = { itemMetadata: { id: item.id, originalIndex, success: true } };
        if (body?.returnEntity === true) ok.item = v3ItemJson(item);
        return ok;
      });
      return {
        status: 200,
        body: { results, bulkActionMetadata: { totalSuccesses: successes, totalFailures: list.length - successes, undetailedFailures: 0 } },
      };
    },
  },
];
