/**
 * The Wix Stores inventory events the plugin takes as notices, one per catalog (a site runs one; "A catalog change
 * does not generate both V1 and V3 events" —
 * https://dev.wix.com/docs/velo/apis/wix-stores-v3/events/catalog-v1-to-v3-velo-events-migration-guide), and the
 * variants each names, as the plugin's VariantRef ids (productId / variantId on both catalogs: ../v1, ../v3):
 *  - Catalog V1, Inventory Variants Changed
 *    (https://dev.wix.com/docs/rest/business-solutions/stores/inventory/inventory-variants-changed): eventType
 *    `com.wix.ecommerce.inventory.api.v1.InventoryVariantsChanged`, data {inventoryItemId, productId, variants:
 *    [{id (variant GUID), oldValue, newValue}]} → one ref per variant of that product.
 *    Inventory Item Changed (trackInventory, preorder) names no variant and is not taken: whether a tracking
 *    switch also fires Inventory Variants Changed is unverified.
 *  - Catalog V3, Inventory Item Updated: eventType `wix.stores.catalog.v3.inventory_item_updated` — the
 *    standardized webhook (https://dev.wix.com/docs/rest/articles/getting-started/webhook-structure: eventType
 *    `<entityFqdn>_<slug>`, data {id, entityFqdn, slug, entityId, updatedEvent: {currentEntity}, eventTime}) of
 *    the entity `wix.stores.catalog.v3.inventory_item` (named on
 *    https://dev.wix.com/docs/rest/business-solutions/stores/catalog-v3/inventory-items-v3/inventory-item-updated-with-reason);
 *    currentEntity is an inventory item
 *    (https://dev.wix.com/docs/rest/business-solutions/stores/catalog-v3/inventory-items-v3/inventory-item-object:
 *    id, variantId, productId, locationId …) → its variant. The Inventory Item Updated page itself was not among
 *    the pages read: the event name follows the documented pattern (unverified).
 * Any other event names nothing the hub syncs; a taken event without its ids is not the documented shape (throws).
 */
import type { NoticeRef } from '@stock-sync/plugin-sdk';
import type { WixEvent } from '../webhook-jwt';

export const V1_INVENTORY_VARIANTS_CHANGED = 'com.wix.ecommerce.inventory.api.v1.InventoryVariantsChanged';
export const V3_INVENTORY_ITEM_UPDATED = 'wix.stores.catalog.v3.inventory_item_updated';
export const V3_INVENTORY_ITEM_FQDN = 'wix.stores.catalog.v3.inventory_item';
export const INVENTORY_EVENTS = [V1_INVENTORY_VARIANTS_CHANGED, V3_INVENTORY_ITEM_UPDATED] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v !== '';

function v1Refs(data: unknown): NoticeRef[] {
  if (!isObject(data) || !isId(data.productId) || !Array.isArray(data.variants))
    throw new Error('Inventory Variants Changed without productId and variants');
  const productId = data.productId;
  return data.variants.map((v: unknown) => {
    if (!isObject(v) || !isId(v.id)) throw new Error('Inventory Variants Changed: a variant without its id');
    return { externalProductId: productId, externalVariantId: v.id };
  });
}

function v3Refs(data: unknown): NoticeRef[] {
  const item = isObject(data) && isObject(data.updatedEvent) ? data.updatedEvent.currentEntity : undefined;
  if (!isObject(item) || !isId(item.variantId) || !isId(item.productId))
    throw new Error('Inventory Item Updated without updatedEvent.currentEntity {variantId, productId}');
  return [{ externalProductId: item.productId, externalVariantId: item.variantId }];
}

/** The variants a verified Wix event concerns: its catalog's ids, none for an event the plugin does not take. */
export function inventoryEventRefs(event: WixEvent): NoticeRef[] {
  if (event.eventType === V1_INVENTORY_VARIANTS_CHANGED) return v1Refs(event.data);
  if (event.eventType === V3_INVENTORY_ITEM_UPDATED) return v3Refs(event.data);
  return [];
}
