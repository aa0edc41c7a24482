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
import { OUT_OF_STOCK, UNLIMITED, quantity, type TargetStock } from '@stock-sync/plugin-sdk';
import { MAX_QUANTITY } from './manifest';
import type { InventorySku } from './tiktok-types';

export const EMULATED_UNLIMITED_QUANTITY = MAX_QUANTITY;

/** A count at or above this reads back as "unlimited" (no real shop stocks 90,000 of a POD variant). */
export const UNLIMITED_READ_THRESHOLD = 90_000;

export function quantityFor(target: TargetStock): number {
  switch (target.kind) {
    case 'unlimited':
      return EMULATED_UNLIMITED_QUANTITY;
    case 'out_of_stock':
      return 0;
    case 'quantity':
      return Math.min(target.quantity, MAX_QUANTITY);
  }
}

export function stockOfQuantity(n: number): TargetStock {
  const q = Number.isFinite(n) ? Math.trunc(n) : 0;
  if (q <= 0) return OUT_OF_STOCK;
  if (q >= UNLIMITED_READ_THRESHOLD) return UNLIMITED;
  return quantity(q);
}

/**
 * What a shopper can buy of one SKU: the configured warehouse's available quantity, or (no warehouse
 * configured) the total available across warehouses. Undefined when the configured warehouse is not one
 * of the SKU's.
 */
export function stockOfSku(sku: InventorySku, warehouseId: string | undefined): TargetStock | undefined {
  if (!warehouseId) return stockOfQuantity(sku.total_available_quantity);
  const wh = (sku.warehouse_inventory ?? []).find((w) => w.warehouse_id === warehouseId);
  return wh ? stockOfQuantity(wh.available_quantity) : undefined;
}
