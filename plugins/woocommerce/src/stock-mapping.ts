/** TargetStock ⇄ WooCommerce variation stock fields. The one place that knows the table in README.md. */
import { sameTargetStock, type TargetStock } from '@stock-sync/plugin-sdk';
import type { WooVariationStock } from './woo-types';

type StockFields = Pick<WooVariationStock, 'manage_stock' | 'stock_quantity' | 'stock_status'>;

/**
 * The fields to send for a target. Unlimited and sold out use WooCommerce's untracked form
 * (manage_stock:false, stock_status as sent); a quantity turns tracking on and lets core derive
 * stock_status from it (sending stock_status with it would be ignored, so it is not sent).
 */
export function toVariationUpdate(id: number, target: TargetStock) {
  if (target.kind === 'quantity') return { id, manage_stock: true, stock_quantity: target.quantity };
  return { id, manage_stock: false, stock_status: target.kind === 'unlimited' ? 'instock' : 'outofstock' };
}

/**
 * The neutral reading of a variation's stock fields.
 * - Tracked (true, or "parent": the parent's tracked stock shows through): its quantity, floored at 0
 *   (orders taken on backorder drive it negative).
 * - Untracked: instock → unlimited; outofstock → out of stock; onbackorder (still purchasable, no
 *   count) → unlimited.
 */
export function fromVariationStock(v: StockFields): TargetStock {
  if (v.manage_stock === true || v.manage_stock === 'parent') {
    const q = typeof v.stock_quantity === 'number' && Number.isFinite(v.stock_quantity) ? Math.trunc(v.stock_quantity) : 0;
    return { kind: 'quantity', quantity: Math.max(0, q) };
  }
  return v.stock_status === 'outofstock' ? { kind: 'out_of_stock' } : { kind: 'unlimited' };
}

/**
 * Why a successful write did not leave the target in place, in words an operator can act on;
 * undefined when it did. WooCommerce answers 200 in both cases, so the plugin checks the echo.
 */
export function explainMismatch(target: TargetStock, echoed: StockFields): string | undefined {
  if (sameTargetStock(fromVariationStock(echoed), target)) return undefined;
  if (echoed.manage_stock === 'parent' && target.kind !== 'quantity')
    return 'the parent product manages stock, so this variation inherits the parent\'s tracked stock and cannot be set untracked (turn off "Manage stock" on the parent product, or manage stock per variation)';
  if (target.kind === 'quantity' && echoed.manage_stock === false)
    return 'the store has stock management disabled (WooCommerce → Settings → Products → Inventory → "Enable stock management"), so quantities are not tracked';
  return `WooCommerce kept manage_stock=${String(echoed.manage_stock)}, stock_status=${echoed.stock_status}, stock_quantity=${String(echoed.stock_quantity)}`;
}
