/** TargetStock ⇄ WooCommerce variation stock fields. The one place that knows the table in README.md. */
import { sameTargetStock } from '@stock-sync/plugin-api';
import type { TargetStock } from '@stock-sync/plugin-api';
import type { WooVariationStock } from './woo-types';

type StockFields = Pick<WooVariationStock, 'manage_stock' | 'stock_quantity' | 'stock_status'>;

/** The fields to send for a target: a quantity without stock_status (core derives it; a sent one is ignored). */
export function toVariationUpdate(id: number, target: TargetStock) {
  if (target.kind === 'quantity') return { id, manage_stock: true, stock_quantity: target.quantity };
  return { id, manage_stock: false, stock_status: target.kind === 'unlimited' ? 'instock' : 'outofstock' };
}

/**
 * The neutral reading: tracked (or "parent") → its quantity floored at 0 (backorders drive it negative); untracked
 * → out of stock when `outofstock`, else unlimited (`onbackorder` is purchasable with no count).
 */
export function fromVariationStock(v: StockFields): TargetStock {
  if (v.manage_stock === true || v.manage_stock === 'parent') {
    const q = typeof v.stock_quantity === 'number' && Number.isFinite(v.stock_quantity) ? Math.trunc(v.stock_quantity) : 0;
    return { kind: 'quantity', quantity: Math.max(0, q) };
  }
  return v.stock_status === 'outofstock' ? { kind: 'out_of_stock' } : { kind: 'unlimited' };
}

/** Why a 200 write did not leave the target in place, in words an operator can act on; undefined when it did. */
export function explainMismatch(target: TargetStock, echoed: StockFields): string | undefined {
  if (sameTargetStock(fromVariationStock(echoed), target)) return undefined;
  if (echoed.manage_stock === 'parent' && target.kind !== 'quantity')
    return 'the parent product manages stock, so this variation inherits the parent\'s tracked stock and cannot be set untracked (turn off "Manage stock" on the parent product, or manage stock per variation)';
  if (target.kind === 'quantity' && echoed.manage_stock === false)
    return 'the store has stock management disabled (WooCommerce → Settings → Products → Inventory → "Enable stock management"), so quantities are not tracked';
  return `WooCommerce kept manage_stock=${String(echoed.manage_stock)}, stock_status=${echoed.stock_status}, stock_quantity=${String(echoed.stock_quantity)}`;
}
