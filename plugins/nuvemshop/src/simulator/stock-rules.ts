/**
 * The platform's stock rules as the docs state them: `stock` null means infinite and then
 * `stock_management` is false ("If stock_management is false the stock will be null"); a count means
 * tracked. Validation messages follow the documented 422 example ("The stock must be an integer.").
 */
import type { TargetStock } from '@stock-sync/plugin-sdk';
import type { SimVariant } from './state';

export interface StockInput {
  stock?: unknown;
  stock_management?: unknown;
}

/** Per-field messages, as the platform's 422 lists them; undefined when valid. */
export function validateStockInput(input: StockInput): Record<string, string[]> | undefined {
  const problems: Record<string, string[]> = {};
  if ('stock' in input && input.stock !== null) {
    if (typeof input.stock !== 'number' || !Number.isInteger(input.stock)) problems.stock = ['The stock must be an integer.'];
    // Unverified: the docs show no minimum for stock; the price field's wording is borrowed.
    else if (input.stock < 0) problems.stock = ['The stock must be at least 0.'];
  }
  if ('stock_management' in input && typeof input.stock_management !== 'boolean') {
    problems.stock_management = ['The stock management field must be true or false.'];
  }
  return Object.keys(problems).length ? problems : undefined;
}

/**
 * Applies validated stock fields. `stock: null` → infinite (untracked); a count → tracked. Sending
 * only `stock_management: false` drops the count; only `true` starts tracking at the old count or 0.
 */
export function applyStockInput(v: SimVariant, input: StockInput, now: number): void {
  if ('stock' in input) {
    v.stock = input.stock === null ? null : (input.stock as number);
    v.stockManagement = v.stock !== null;
  }
  if (input.stock_management === false) {
    v.stockManagement = false;
    v.stock = null;
  } else if (input.stock_management === true && !('stock' in input)) {
    v.stockManagement = true;
    v.stock = v.stock ?? 0;
  }
  v.updatedAt = now;
}

/** What a merchant does in the admin to show a neutral state (seeding and drift). */
export function applyMerchantEdit(v: SimVariant, to: TargetStock, now: number): void {
  applyStockInput(v, { stock: to.kind === 'unlimited' ? null : to.kind === 'out_of_stock' ? 0 : to.quantity }, now);
}

/** The simulator's own neutral reading (independent of the plugin's mapping). */
export function neutralStock(v: SimVariant): TargetStock {
  if (!v.stockManagement || v.stock === null) return { kind: 'unlimited' };
  return { kind: 'quantity', quantity: Math.max(0, v.stock) };
}
