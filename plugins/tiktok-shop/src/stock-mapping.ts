/**
 * TargetStock ⇄ TikTok Shop SKU quantity. TikTok keeps only finite counts, so "unlimited" is emulated:
 *
 *   unlimited     → quantity 99,998 (the highest TikTok accepts)    read back: ≥ 90,000
 *   out of stock  → quantity 0 (TikTok shows the SKU sold out)      read back: 0
 *   quantity n    → quantity min(n, 99,998)                         read back: 1 … 89,999
 *
 * Each sale takes one off the 99,998; after 8,000 sales the SKU reads back as a quantity, the hub sees
 * drift and re-asserting "unlimited" tops it up again.
 */
import { emulatedUnlimited, type TargetStock } from '@stock-sync/plugin-sdk';
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
 * The count the plugin manages for one SKU: the `available_quantity` of the configured warehouse, else of the SKU's
 * only (default) warehouse; undefined when there is no such single entry. It "is equivalent to inventory.quantity
 * under the product SKU" (what Update Inventory sets). Never `total_available_quantity`, the "total available
 * inventory of SKU across all warehouses, including in shop inventory, campaign inventory, and creator inventory"
 * (Inventory Search 202309): it differs from what was written whenever a campaign or creator holds stock.
 */
export function stockOfSku(sku: InventorySku, warehouseId: string | undefined): TargetStock | undefined {
  const warehouses = Array.isArray(sku.warehouse_inventory) ? sku.warehouse_inventory : [];
  const wh = warehouseId ? warehouses.find((w) => w.warehouse_id === warehouseId) : warehouses.length === 1 ? warehouses[0] : undefined;
  return wh && typeof wh.available_quantity === 'number' ? stockOfQuantity(wh.available_quantity) : undefined;
}
