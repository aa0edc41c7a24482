/**
 * TargetStock ⇄ a Big Cartel option's `quantity` (the one stock field the API documents):
 *
 *   unlimited     → 999          read back: ≥ 900
 *   out of stock  → 0            read back: ≤ 0 (or no quantity)
 *   quantity n    → n            read back: 0 < n < 900   (targets ≥ 900 are written as asked, read back unlimited)
 *
 * Sales decrement the 999; once 100 have sold the option reads back as a quantity, the hub sees drift,
 * and re-asserting unlimited tops it up to 999.
 */
import type { TargetStock } from '@stock-sync/plugin-sdk';
import { EMULATED_UNLIMITED_QUANTITY, UNLIMITED_READ_THRESHOLD } from './manifest';

export function quantityFor(target: TargetStock): number {
  switch (target.kind) {
    case 'unlimited':
      return EMULATED_UNLIMITED_QUANTITY;
    case 'out_of_stock':
      return 0;
    case 'quantity':
      return target.quantity;
  }
}

export function fromOptionQuantity(q: number | null | undefined): TargetStock {
  const n = typeof q === 'number' && Number.isFinite(q) ? Math.trunc(q) : 0;
  if (n <= 0) return { kind: 'out_of_stock' };
  if (n >= UNLIMITED_READ_THRESHOLD) return { kind: 'unlimited' };
  return { kind: 'quantity', quantity: n };
}

/** Whether the option already shows exactly what writing `target` would leave (no write needed). */
export function alreadyShows(current: number | null | undefined, target: TargetStock): boolean {
  return typeof current === 'number' && current === quantityFor(target);
}

/** Quantity 0 and out of stock are one state here. */
export function sameOnPlatform(a: TargetStock, b: TargetStock): boolean {
  const norm = (s: TargetStock): TargetStock => (s.kind === 'quantity' && s.quantity === 0 ? { kind: 'out_of_stock' } : s);
  const x = norm(a);
  const y = norm(b);
  return x.kind === y.kind && (x.kind !== 'quantity' || x.quantity === (y as { quantity: number }).quantity);
}
