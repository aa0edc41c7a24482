/**
 * The variants a BigCommerce inventory webhook names (https://developer.bigcommerce.com/docs/integrations/webhooks/events):
 *  - `store/sku/inventory/updated`: `data.inventory.{product_id, variant_id}` (`data.id` is the SKU's id, NOT the
 *    variant's: 461 vs 509 in the documented example);
 *  - `store/channel/{id}/inventory/product/stock_changed` (subscribed as `store/channel/*\/…`):
 *    `data.{product_id, variant_id, location_id}` (https://developer.bigcommerce.com/docs/integrations/webhooks/events/inventory-location).
 * Both are the ids the plugin uses as VariantRef (product id, variant id: ids.ts). A stock change without a
 * variant_id (a product-level count: undocumented) names nothing; every location is named (the hub reads back).
 */
import type { NoticeRef } from '@stock-sync/plugin-sdk';

export const SKU_INVENTORY_UPDATED = 'store/sku/inventory/updated';
export const STOCK_CHANGED = 'store/channel/*/inventory/product/stock_changed';
const STOCK_CHANGED_DELIVERED = /^store\/channel\/[^/]+\/inventory\/product\/stock_changed$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

function ref(ids: Record<string, unknown>, scope: string): NoticeRef[] {
  if (!isId(ids.product_id)) throw new Error(`a ${scope} callback without its product_id`);
  if (ids.variant_id === undefined || ids.variant_id === null) return [];
  if (!isId(ids.variant_id)) throw new Error(`a ${scope} callback with a malformed variant_id`);
  return [{ externalProductId: String(ids.product_id), externalVariantId: String(ids.variant_id) }];
}

export function bigcommerceNoticeRefs(body: unknown): NoticeRef[] {
  if (!isObject(body) || typeof body.scope !== 'string') throw new Error('a BigCommerce webhook callback was expected');
  const scope = body.scope;
  const data = body.data;
  if (scope === SKU_INVENTORY_UPDATED) {
    if (!isObject(data) || !isObject(data.inventory)) throw new Error('a store/sku/inventory/updated callback without data.inventory');
    return ref(data.inventory, scope);
  }
  if (scope === STOCK_CHANGED || STOCK_CHANGED_DELIVERED.test(scope)) {
    if (!isObject(data)) throw new Error('a stock_changed callback without data');
    return ref(data, scope);
  }
  return []; // another scope
}
