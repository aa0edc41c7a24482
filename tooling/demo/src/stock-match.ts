/**
 * Comparing what a simulated store shows with what the demo expects. Stock as a shopper sees it:
 * "quantity 0" and "out of stock" are the same promise, and a platform that emulates unlimited stock
 * (Etsy: a high quantity) shows "unlimited" as an available quantity.
 */
import { describeTargetStock, type TargetStock } from '@stock-sync/domain';

export type ObservedStock = TargetStock | 'deleted' | undefined;

export function isSoldOut(s: TargetStock): boolean {
  return s.kind === 'out_of_stock' || (s.kind === 'quantity' && s.quantity === 0);
}

/**
 * Whether a store shows `expected`. `emulatedUnlimited`: the platform has no unlimited form, so any
 * available quantity at or above `emulationFloor` stands for it (the plugins read that back as unlimited).
 */
export function showsExpected(observed: ObservedStock, expected: TargetStock, emulatedUnlimited = false, emulationFloor = 100): boolean {
  if (observed === undefined || observed === 'deleted') return false;
  if (isSoldOut(expected)) return isSoldOut(observed);
  if (expected.kind === 'unlimited') {
    if (observed.kind === 'unlimited') return true;
    return emulatedUnlimited && observed.kind === 'quantity' && observed.quantity >= emulationFloor;
  }
  return expected.kind === 'quantity' && observed.kind === 'quantity' && observed.quantity === expected.quantity;
}

/** Same stock as before (for "did not change" checks): exact, no equivalences. */
export function sameObserved(a: ObservedStock, b: ObservedStock): boolean {
  if (a === undefined || b === undefined || a === 'deleted' || b === 'deleted') return a === b;
  return a.kind === b.kind && (a.kind !== 'quantity' || a.quantity === (b as { quantity: number }).quantity);
}

export function describeObserved(s: ObservedStock): string {
  if (s === undefined) return 'not in the store';
  if (s === 'deleted') return 'deleted';
  return describeTargetStock(s);
}
