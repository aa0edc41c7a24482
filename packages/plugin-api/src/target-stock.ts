/**
 * What the hub wants a store variant to show. Platforms express these differently (Shopify untracked
 * inventory, Etsy a high quantity, Square a count of 0 …); plugins translate, the domain never does.
 */
export type TargetStock = { kind: 'unlimited' } | { kind: 'out_of_stock' } | { kind: 'quantity'; quantity: number };

export const UNLIMITED: TargetStock = Object.freeze({ kind: 'unlimited' });
export const OUT_OF_STOCK: TargetStock = Object.freeze({ kind: 'out_of_stock' });

export function quantity(n: number): TargetStock {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`quantity must be a whole number >= 0, got ${n}`);
  return { kind: 'quantity', quantity: n };
}

export function sameTargetStock(a: TargetStock | null | undefined, b: TargetStock | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  if (a.kind !== b.kind) return false;
  return a.kind !== 'quantity' || a.quantity === (b as { quantity: number }).quantity;
}

export function describeTargetStock(s: TargetStock | null | undefined): string {
  if (!s) return 'unknown';
  return s.kind === 'quantity' ? `quantity ${s.quantity}` : s.kind;
}
