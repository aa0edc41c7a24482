/**
 * TargetStock ⇄ Webflow SKU inventory. The one place that knows the table in README.md.
 */
import type { TargetStock } from '@stock-sync/plugin-sdk';
import type { WebflowInventory, WebflowInventoryUpdate } from './webflow-types';

/** Absolute forms only: `quantity` sets the count (the `updateQuantity` delta is not idempotent). */
export function toInventoryUpdate(target: TargetStock): WebflowInventoryUpdate {
  switch (target.kind) {
    case 'unlimited':
      return { inventoryType: 'infinite' };
    case 'out_of_stock':
      return { inventoryType: 'finite', quantity: 0 };
    case 'quantity':
      return { inventoryType: 'finite', quantity: target.quantity };
  }
}

/** infinite → unlimited; finite with ≤ 0 (or no count) → out of stock; else that quantity. */
export function fromInventory(inv: WebflowInventory): TargetStock {
  if (inv.inventoryType === 'infinite') return { kind: 'unlimited' };
  const n = Math.trunc(Number(inv.quantity ?? 0));
  if (!Number.isFinite(n) || n <= 0) return { kind: 'out_of_stock' };
  return { kind: 'quantity', quantity: n };
}

/** Quantity 0 and out of stock are one state here (finite 0). */
export function sameOnPlatform(a: TargetStock, b: TargetStock): boolean {
  const norm = (s: TargetStock): TargetStock => (s.kind === 'quantity' && s.quantity === 0 ? { kind: 'out_of_stock' } : s);
  const x = norm(a);
  const y = norm(b);
  return x.kind === y.kind && (x.kind !== 'quantity' || x.quantity === (y as { quantity: number }).quantity);
}
