/** TargetStock ⇄ Webflow SKU inventory (GET / PATCH …/items/{sku_id}/inventory): the one place that knows README's table. */
import type { TargetStock } from '@stock-sync/plugin-api';

export type InventoryType = 'infinite' | 'finite';

/** The inventory answer of GET and PATCH. */
export interface WebflowInventory {
  id?: string;
  quantity?: number;
  inventoryType?: InventoryType;
}

/** Absolute forms only, `quantity` with finite only (the `updateQuantity` delta is not idempotent). */
export function toInventoryUpdate(target: TargetStock): { inventoryType: 'infinite' } | { inventoryType: 'finite'; quantity: number } {
  if (target.kind === 'unlimited') return { inventoryType: 'infinite' };
  return { inventoryType: 'finite', quantity: target.kind === 'quantity' ? target.quantity : 0 };
}

/** infinite → unlimited; finite with ≤ 0 (or no count) → out of stock; else that quantity. */
export function fromInventory(inv: WebflowInventory): TargetStock {
  if (inv.inventoryType === 'infinite') return { kind: 'unlimited' };
  const n = Math.trunc(Number(inv.quantity ?? 0));
  return Number.isFinite(n) && n > 0 ? { kind: 'quantity', quantity: n } : { kind: 'out_of_stock' };
}
