/**
 * The variations an `inventory.count.updated` notification names (SPEC InventoryCountUpdatedEvent:
 * data.object.inventory_counts[] of InventoryCount; https://developer.squareup.com/docs/inventory-api/webhooks).
 * `catalog_object_id` is the item variation's id — the plugin's VariantRef.externalVariantId; the item id is
 * not in the notification, so refs carry the variation alone. Every count is named whatever its location or
 * state (a state change carries two counts of one variation: named once); counts of another catalog object
 * type (the Restaurants app's ITEM) are not variations and are left out.
 */
import type { NoticeRef } from '@stock-sync/plugin-sdk';

export const INVENTORY_COUNT_UPDATED = 'inventory.count.updated';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function squareNoticeRefs(body: unknown): NoticeRef[] {
  if (!isObject(body) || typeof body.type !== 'string') throw new Error('a Square event notification was expected');
  if (body.type !== INVENTORY_COUNT_UPDATED) return []; // a test notification or another event type
  if (!isObject(body.data)) throw new Error('an inventory.count.updated notification without data');
  // SPEC InventoryCountUpdatedEventData.object: "absent if affected object was deleted".
  if (body.data.object === undefined || body.data.object === null) return [];
  const counts = isObject(body.data.object) ? body.data.object.inventory_counts : undefined;
  if (!Array.isArray(counts)) throw new Error('an inventory.count.updated notification without data.object.inventory_counts');
  const ids = new Set<string>();
  for (const c of counts) {
    if (!isObject(c) || typeof c.catalog_object_id !== 'string' || c.catalog_object_id === '') {
      throw new Error('an inventory count without its catalog_object_id');
    }
    if (c.catalog_object_type === undefined || c.catalog_object_type === null || c.catalog_object_type === 'ITEM_VARIATION') {
      ids.add(c.catalog_object_id);
    }
  }
  return [...ids].map((externalVariantId) => ({ externalVariantId }));
}
