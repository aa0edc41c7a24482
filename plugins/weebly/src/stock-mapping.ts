/**
 * TargetStock ⇄ Weebly SKU `inventory`:
 *   unlimited    → null (not tracked)     read back: null
 *   out of stock → 0                      read back: 0 (or below)
 *   quantity n   → n                      read back: n
 */
import { OUT_OF_STOCK, UNLIMITED, quantity, type TargetStock } from '@stock-sync/plugin-sdk';

export const inventoryFor = (target: TargetStock): number | null =>
  target.kind === 'unlimited' ? null : target.kind === 'quantity' ? target.quantity : 0;

export function stockOfInventory(inventory: unknown): TargetStock {
  if (inventory === null || inventory === undefined) return UNLIMITED;
  const n = typeof inventory === 'number' ? inventory : Number(inventory);
  if (!Number.isFinite(n) || n <= 0) return OUT_OF_STOCK;
  return quantity(Math.trunc(n));
}
