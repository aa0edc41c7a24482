/**
 * "Drop a write the hub says is already in place (previous equals target) only when that saves a call."
 * The hub's `previous` is a belief, possibly stale: skipping on it is worth the risk only when it saves
 * a whole call. With one call per variant, each in-place write is dropped; with batched calls, a group
 * (a product, a call) is dropped only when ALL its writes are in place — the others ride along in a call
 * made anyway and re-assert the truth for free.
 */
import { sameTargetStock, type TargetStock } from '@stock-sync/domain';
import type { StockWrite } from '../contract';

/** How a platform compares two states (some cannot tell apart what the neutral form does). */
export type SameStock = (a: TargetStock, b: TargetStock) => boolean;

const zeroAsOut = (s: TargetStock): TargetStock => (s.kind === 'quantity' && s.quantity === 0 ? { kind: 'out_of_stock' } : s);

/** For platforms where a quantity of 0 and out of stock are one state (a tracked 0): the rest compares as usual. */
export const zeroIsOutOfStock: SameStock = (a, b) => sameTargetStock(zeroAsOut(a), zeroAsOut(b));

export function isInPlace(change: StockWrite, same: SameStock = sameTargetStock): boolean {
  return change.previous != null && same(change.previous, change.target);
}

/** True when the group has writes and the hub says every one is in place. */
export function allInPlace(items: readonly { input: StockWrite }[], same: SameStock = sameTargetStock): boolean {
  return items.length > 0 && items.every((i) => isInPlace(i.input, same));
}

export interface InPlaceSplit<I> {
  send: I[];
  skipped: I[];
}

/**
 * Which writes to send. `callPer: 'item'`: every in-place write is skipped (each saves its own call).
 * `callPer: 'group'`: all of the group are skipped when all are in place, else all are sent.
 */
export function skipWritesInPlace<I extends { input: StockWrite }>(
  items: readonly I[],
  callPer: 'item' | 'group',
  same: SameStock = sameTargetStock,
): InPlaceSplit<I> {
  if (callPer === 'group') return allInPlace(items, same) ? { send: [], skipped: [...items] } : { send: [...items], skipped: [] };
  const send: I[] = [];
  const skipped: I[] = [];
  for (const item of items) (isInPlace(item.input, same) ? skipped : send).push(item);
  return { send, skipped };
}

/**
 * Writes sent in calls of at most `maxBatch` (Infinity: one call): the in-place ones are dropped only when that makes fewer
 * calls (then the others still re-assert nothing stale); otherwise they all ride along for free.
 */
export function skipWhereItSavesCalls<I extends { input: StockWrite }>(
  items: readonly I[],
  maxBatch: number,
  same: SameStock = sameTargetStock,
): InPlaceSplit<I> {
  // Calls needed for n writes (no limit: one call for any number but none).
  const calls = (n: number) => (n === 0 ? 0 : Math.max(1, Math.ceil(n / maxBatch)));
  const changed = items.filter((i) => !isInPlace(i.input, same));
  if (calls(changed.length) < calls(items.length)) return { send: changed, skipped: items.filter((i) => isInPlace(i.input, same)) };
  return { send: [...items], skipped: [] };
}
