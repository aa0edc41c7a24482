/** TargetStock ⇄ Squarespace InventoryItem (README "Mapping"): setUnlimited / setFinite operations, isUnlimited / quantity. */
import { OUT_OF_STOCK, UNLIMITED, quantity } from '@stock-sync/plugin-api';
import type { TargetStock } from '@stock-sync/plugin-api';

/** The fields read of `{variantId, sku, descriptor, isUnlimited, quantity}`. */
export interface InventoryItem {
  variantId: string;
  isUnlimited: boolean;
  quantity: number;
}

export interface AdjustmentBody {
  setFiniteOperations?: { variantId: string; quantity: number }[];
  setUnlimitedOperations?: string[];
}

/** One adjustment body for a set of distinct variants (absolute operations only: safe to repeat). */
export function adjustmentFor(items: readonly { variantId: string; target: TargetStock }[]): AdjustmentBody {
  const unlimited = items.filter((it) => it.target.kind === 'unlimited').map((it) => it.variantId);
  const finite = items.filter((it) => it.target.kind !== 'unlimited');
  const body: AdjustmentBody = {};
  if (finite.length)
    body.setFiniteOperations = finite.map(({ variantId, target }) => ({
      variantId,
      quantity: target.kind === 'quantity' ? target.quantity : 0,
    }));
  if (unlimited.length) body.setUnlimitedOperations = unlimited;
  return body;
}

export function fromInventoryItem(item: Pick<InventoryItem, 'isUnlimited' | 'quantity'>): TargetStock {
  if (item.isUnlimited) return UNLIMITED;
  const q = typeof item.quantity === 'number' && Number.isFinite(item.quantity) ? Math.trunc(item.quantity) : 0;
  return q > 0 ? quantity(q) : OUT_OF_STOCK;
}
