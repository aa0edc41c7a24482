/**
 * TargetStock ⇄ Storenvy variant `full_quantity` + `in_stock` (both always sent together):
 *   unlimited    → full_quantity 9,999, in_stock true     read back: in stock and ≥ 9,000
 *   out of stock → full_quantity 0,     in_stock false    read back: in_stock false or full_quantity ≤ 0
 *   quantity n   → full_quantity n,     in_stock n > 0    read back: 1 … 8,999
 */
import { emulatedUnlimited, OUT_OF_STOCK, type TargetStock } from '@stock-sync/plugin-sdk';
import { EMULATED_UNLIMITED_QUANTITY } from './manifest';

const rule = emulatedUnlimited({ count: EMULATED_UNLIMITED_QUANTITY, readFrom: 9_000, max: EMULATED_UNLIMITED_QUANTITY });

export function variantStockFor(target: TargetStock): { full_quantity: number; in_stock: boolean } {
  const n = rule.countFor(target);
  return { full_quantity: n, in_stock: n > 0 };
}

/** Storenvy may send booleans and numbers as strings; read them leniently. */
export function stockOfVariant(v: { full_quantity?: unknown; in_stock?: unknown }): TargetStock {
  const inStock = v.in_stock === true || v.in_stock === 'true' || v.in_stock === 1 || v.in_stock === '1';
  const n = typeof v.full_quantity === 'number' ? v.full_quantity : Number.parseInt(String(v.full_quantity ?? '0'), 10);
  return inStock ? rule.stockOf(n) : OUT_OF_STOCK;
}
