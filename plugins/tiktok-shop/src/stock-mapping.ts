/**
 * TargetStock ⇄ TikTok Shop SKU quantity (README "Mapping"): TikTok keeps only finite counts, so "unlimited" is
 * written as 99,998 and read back from 90,000 up; after 8,000 sales the hub sees drift and tops it up again.
 */
import { emulatedUnlimited } from '@stock-sync/plugin-sdk';
import type { TargetStock } from '@stock-sync/plugin-api';
import { MAX_QUANTITY } from './manifest';
import type { InventorySku } from './tiktok-api';

export const EMULATED_UNLIMITED_QUANTITY = MAX_QUANTITY;

/** A count at or above this reads back as "unlimited" (no real shop stocks 90,000 of a POD variant). */
export const UNLIMITED_READ_THRESHOLD = 90_000;

export const { countFor: quantityFor, stockOf: stockOfQuantity } = emulatedUnlimited({
  count: EMULATED_UNLIMITED_QUANTITY,
  readFrom: UNLIMITED_READ_THRESHOLD,
  max: MAX_QUANTITY,
});

/**
 * The count the plugin manages for one SKU: the `available_quantity` (what Update Inventory sets) of the configured
 * warehouse, else of the SKU's only one; undefined when there is no such single entry. Never
 * `total_available_quantity`, which counts campaign and creator stock too (README "Mapping").
 */
export function stockOfSku(sku: InventorySku, warehouseId: string | undefined): TargetStock | undefined {
  const warehouses = Array.isArray(sku.warehouse_inventory) ? sku.warehouse_inventory : [];
  const wh = warehouseId ? warehouses.find((w) => w.warehouse_id === warehouseId) : warehouses.length === 1 ? warehouses[0] : undefined;
  return wh && typeof wh.available_quantity === 'number' ? stockOfQuantity(wh.available_quantity) : undefined;
}
