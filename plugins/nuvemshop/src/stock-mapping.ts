/**
 * TargetStock ⇄ Nuvemshop / Tiendanube variant stock. The one place that knows the table in README.md.
 */
import type { TargetStock } from '@stock-sync/plugin-sdk';
import type { NuvemVariantPatch, NuvemVariantStock } from './nuvemshop-types';

/**
 * `stock: null` is the platform's infinite stock (it then reports stock_management false); a number
 * turns tracking on. The platform has no "untracked but sold out" form, so out of stock is a tracked 0.
 */
export function toVariantPatch(id: number, target: TargetStock): NuvemVariantPatch {
  switch (target.kind) {
    case 'unlimited':
      return { id, stock: null };
    case 'out_of_stock':
      return { id, stock: 0 };
    case 'quantity':
      return { id, stock: target.quantity };
  }
}

/**
 * The neutral reading: untracked (or a null count) → unlimited; a tracked count of 0 or below →
 * out of stock (the platform's only sold-out form); else that quantity.
 */
export function fromVariantStock(v: Pick<NuvemVariantStock, 'stock_management' | 'stock'>): TargetStock {
  if (v.stock_management === false || v.stock === null || v.stock === undefined) return { kind: 'unlimited' };
  const n = Math.trunc(Number(v.stock));
  if (!Number.isFinite(n) || n <= 0) return { kind: 'out_of_stock' };
  return { kind: 'quantity', quantity: n };
}

/** Quantity 0 and out of stock are one state here (both are a tracked 0). */
export function sameOnPlatform(a: TargetStock, b: TargetStock): boolean {
  const norm = (s: TargetStock): TargetStock => (s.kind === 'quantity' && s.quantity === 0 ? { kind: 'out_of_stock' } : s);
  const x = norm(a);
  const y = norm(b);
  return x.kind === y.kind && (x.kind !== 'quantity' || x.quantity === (y as { quantity: number }).quantity);
}
