/**
 * TargetStock ⇄ BASE stock counts. BASE keeps integers only, so "unlimited" is emulated:
 *
 *   unlimited     → 99,999                read back: ≥ 90,000
 *   out of stock  → 0 (BASE shows SOLD OUT) read back: 0
 *   quantity n    → min(n, 99,999)        read back: 1 … 89,999
 */
import { OUT_OF_STOCK, UNLIMITED, quantity, type TargetStock } from '@stock-sync/plugin-sdk';
import { MAX_STOCK } from './manifest';

export const EMULATED_UNLIMITED_STOCK = MAX_STOCK;
export const UNLIMITED_READ_THRESHOLD = 90_000;

export function stockFor(target: TargetStock): number {
  switch (target.kind) {
    case 'unlimited':
      return EMULATED_UNLIMITED_STOCK;
    case 'out_of_stock':
      return 0;
    case 'quantity':
      return Math.min(target.quantity, MAX_STOCK);
  }
}

export function stockOfCount(n: unknown): TargetStock {
  const q = typeof n === 'number' && Number.isFinite(n) ? Math.trunc(n) : Number.parseInt(String(n ?? '0'), 10) || 0;
  if (q <= 0) return OUT_OF_STOCK;
  if (q >= UNLIMITED_READ_THRESHOLD) return UNLIMITED;
  return quantity(q);
}
