import { OUT_OF_STOCK, quantity, UNLIMITED, type TargetStock } from '@stock-sync/plugin-api';

/**
 * For a platform without an "unlimited" state: unlimited is written as the large count `count`, and a count of
 * `readFrom` or more reads back as unlimited (sales eat into it; the hub re-asserts unlimited, which tops it up).
 * A quantity is written as asked, capped at `max` (the platform's largest count) when there is one; out of stock is 0.
 */
export function emulatedUnlimited(rule: { count: number; readFrom: number; max?: number }) {
  return {
    /** The count to write for a target. */
    countFor: (target: TargetStock): number =>
      target.kind === 'unlimited' ? rule.count : target.kind === 'quantity' ? Math.min(target.quantity, rule.max ?? Infinity) : 0,
    /** A count as read (anything but a finite number counts as 0; fractions are cut) → the stock it shows. */
    stockOf: (n: unknown): TargetStock => {
      const q = typeof n === 'number' && Number.isFinite(n) ? Math.trunc(n) : 0;
      return q <= 0 ? OUT_OF_STOCK : q >= rule.readFrom ? UNLIMITED : quantity(q);
    },
  };
}
