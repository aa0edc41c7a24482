/**
 * TargetStock ⇄ Squarespace InventoryItem (the table in README.md).
 *
 *   unlimited     → setUnlimitedOperations: [variantId]               read: isUnlimited true
 *   out of stock  → setFiniteOperations: [{variantId, quantity: 0}]   read: isUnlimited false, quantity ≤ 0
 *   quantity n    → setFiniteOperations: [{variantId, quantity: n}]   read: isUnlimited false, quantity n
 */
import { OUT_OF_STOCK, UNLIMITED, quantity, type TargetStock } from '@stock-sync/plugin-sdk';
import type { AdjustmentBody, InventoryItem } from './squarespace-types';

export interface VariantTarget {
  variantId: string;
  target: TargetStock;
}

/** One adjustment body for a set of distinct variants (absolute operations only: safe to repeat). */
export function adjustmentFor(items: readonly VariantTarget[]): AdjustmentBody {
  const setFiniteOperations: { variantId: string; quantity: number }[] = [];
  const setUnlimitedOperations: string[] = [];
  for (const { variantId, target } of items) {
    if (target.kind === 'unlimited') setUnlimitedOperations.push(variantId);
    else setFiniteOperations.push({ variantId, quantity: target.kind === 'quantity' ? target.quantity : 0 });
  }
  const body: AdjustmentBody = {};
  if (setFiniteOperations.length) body.setFiniteOperations = setFiniteOperations;
  if (setUnlimitedOperations.length) body.setUnlimitedOperations = setUnlimitedOperations;
  return body;
}

export function fromInventoryItem(item: Pick<InventoryItem, 'isUnlimited' | 'quantity'>): TargetStock {
  if (item.isUnlimited) return UNLIMITED;
  const q = typeof item.quantity === 'number' && Number.isFinite(item.quantity) ? Math.trunc(item.quantity) : 0;
  return q > 0 ? quantity(q) : OUT_OF_STOCK;
}
