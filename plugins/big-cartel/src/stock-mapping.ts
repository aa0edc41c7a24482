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
import { OUT_OF_STOCK, quantity, UNLIMITED, type TargetStock } from '@stock-sync/plugin-sdk';
import { EMULATED_UNLIMITED_QUANTITY, UNLIMITED_READ_THRESHOLD } from './manifest';

export const quantityFor = (target: TargetStock): number =>
  target.kind === 'quantity' ? target.quantity : target.kind === 'unlimited' ? EMULATED_UNLIMITED_QUANTITY : 0;

export function fromOptionQuantity(q: number | null | undefined): TargetStock {
  const n = typeof q === 'number' && Number.isFinite(q) ? Math.trunc(q) : 0;
  return n <= 0 ? OUT_OF_STOCK : n >= UNLIMITED_READ_THRESHOLD ? UNLIMITED : quantity(n);
}
