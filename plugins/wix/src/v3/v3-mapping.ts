/**
 * TargetStock ⇄ Catalog V3 inventory item (one per variant and location). V3 derives `trackQuantity`
 * from which field is set: `quantity` → tracked, `inStock` → untracked ("in-stock tracking").
 *
 *   unlimited → { inStock: true }    out of stock → { inStock: false }    quantity n → { quantity: n }
 */
import { OUT_OF_STOCK, UNLIMITED, quantity, sameTargetStock, type TargetStock } from '@stock-sync/plugin-sdk';
import type { V3InventoryItem } from '../wix-types';

export function toV3Fields(target: TargetStock): { quantity: number } | { inStock: boolean } {
  if (target.kind === 'quantity' && target.quantity > 0) return { quantity: target.quantity };
  return { inStock: target.kind === 'unlimited' };
}

function isTracked(item: Pick<V3InventoryItem, 'trackQuantity' | 'quantity'>): boolean {
  return item.trackQuantity ?? typeof item.quantity === 'number';
}

export function fromV3Item(item: Pick<V3InventoryItem, 'trackQuantity' | 'quantity' | 'inStock'>): TargetStock {
  if (isTracked(item)) {
    const q = typeof item.quantity === 'number' && Number.isFinite(item.quantity) ? Math.trunc(item.quantity) : 0;
    return q > 0 ? quantity(q) : OUT_OF_STOCK;
  }
  return item.inStock === true ? UNLIMITED : OUT_OF_STOCK;
}

/** True when the item already shows `target` in the form this plugin writes (nothing to send). */
export function showsTarget(item: V3InventoryItem, target: TargetStock): boolean {
  const want = toV3Fields(target);
  if ('quantity' in want) return isTracked(item) && item.quantity === want.quantity;
  return !isTracked(item) && sameTargetStock(fromV3Item(item), target.kind === 'unlimited' ? UNLIMITED : OUT_OF_STOCK);
}
