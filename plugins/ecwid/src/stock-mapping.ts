/** TargetStock ⇄ Ecwid combination stock fields (README "Mapping", and why `unlimited: false` always travels with a count). */
import { OUT_OF_STOCK, UNLIMITED, quantity } from '@stock-sync/plugin-api';
import type { TargetStock } from '@stock-sync/plugin-api';

/** The body of PUT /products/{pid}/combinations/{cid}. */
export function toStockUpdate(target: TargetStock): StockFields {
  if (target.kind === 'unlimited') return { unlimited: true };
  return { unlimited: false, quantity: target.kind === 'quantity' ? target.quantity : 0 };
}

/** The stock fields of a combination or a product; `quantity` is omitted while a combination inherits the product's. */
export interface StockFields {
  quantity?: number;
  unlimited?: boolean;
}

export function inheritsStock(c: StockFields): boolean {
  return c.unlimited !== true && typeof c.quantity !== 'number';
}

/** The neutral reading of own stock fields. Negative counts (oversold) read as out of stock. */
export function fromStockFields(s: StockFields): TargetStock {
  if (s.unlimited === true) return UNLIMITED;
  const q = typeof s.quantity === 'number' && Number.isFinite(s.quantity) ? Math.trunc(s.quantity) : 0;
  return q > 0 ? quantity(q) : OUT_OF_STOCK;
}

/** A combination's stock: its own, or the base product's when it inherits. */
export function fromCombination(c: StockFields, base?: StockFields): TargetStock {
  return inheritsStock(c) && base ? fromStockFields(base) : fromStockFields(c);
}
