/**
 * Ecwid's stock rules as the simulator applies them: own vs inherited stock, the derived inStock,
 * how a PUT changes the fields, and the simulator's own neutral reading (written independently of
 * the plugin's mapping, so the contract suite checks one against the other).
 */
import type { TargetStock } from '@stock-sync/plugin-api';
import type { OwnStock, SimCombination, SimProduct } from './state';

/** What applies to a combination: its own stock, or the base product's. */
export function effectiveStock(product: SimProduct, c: SimCombination): OwnStock {
  return c.own ?? product.stock;
}

/** Ecwid's derived `inStock`: unlimited, or a positive count. */
export function inStock(s: OwnStock): boolean {
  return s.unlimited || s.quantity > 0;
}

/**
 * A PUT's stock fields. `unlimited` and `quantity` are set independently: a quantity alone leaves an
 * unlimited combination unlimited (README: chosen model, unverified). A combination that inherited
 * the product's stock gets its own from then on.
 */
export function applyStockFields(product: SimProduct, c: SimCombination, body: { unlimited?: boolean; quantity?: number }): void {
  if (body.unlimited === undefined && body.quantity === undefined) return;
  const own: OwnStock = { ...(c.own ?? product.stock) };
  if (body.unlimited !== undefined) own.unlimited = body.unlimited;
  if (body.quantity !== undefined) own.quantity = body.quantity;
  c.own = own;
}

/** PUT …/inventory {quantityDelta}: only counts change; an unlimited combination keeps its flag. */
export function applyDelta(product: SimProduct, c: SimCombination, delta: number): { warning?: string } {
  const own: OwnStock = { ...(c.own ?? product.stock) };
  own.quantity += delta;
  c.own = own;
  return own.quantity < 0 && !own.unlimited ? { warning: 'Stock became negative' } : {};
}

export function ownStockFor(to: TargetStock): OwnStock {
  if (to.kind === 'unlimited') return { unlimited: true, quantity: 0 };
  return { unlimited: false, quantity: to.kind === 'quantity' ? to.quantity : 0 };
}

export function neutralStock(s: OwnStock): TargetStock {
  if (s.unlimited) return { kind: 'unlimited' };
  return s.quantity > 0 ? { kind: 'quantity', quantity: s.quantity } : { kind: 'out_of_stock' };
}
