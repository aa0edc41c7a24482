/**
 * The platform's stock rules as the docs state them: `stock` null means infinite and then
 * `stock_management` is false ("If stock_management is false the stock will be null"); a count means
 * tracked. Validation messages follow the documented 422 example ("The stock must be an integer.").
 */
import type { TargetStock } from '@stock-sync/plugin-api';
import { FIRST_LOCATION_ID, type SimVariant } from './state';

export interface StockInput {
  stock?: unknown;
  stock_management?: unknown;
  inventory_levels?: unknown;
}

/** Per-field messages, as the platform's 422 lists them; undefined when valid. */
export function validateStockInput(
  input: StockInput,
  locationIds: readonly string[] = [FIRST_LOCATION_ID],
): Record<string, string[]> | undefined {
  const problems: Record<string, string[]> = {};
  if ('inventory_levels' in input) {
    const levels = input.inventory_levels;
    // Unverified wordings: the guide shows the form, not its validation messages.
    if (!Array.isArray(levels) || levels.length === 0) problems.inventory_levels = ['The inventory levels must be a non-empty list.'];
    else
      for (const l of levels as Record<string, unknown>[]) {
        if (typeof l !== 'object' || l === null || typeof l.location_id !== 'string' || !locationIds.includes(l.location_id))
          problems['inventory_levels.location_id'] = ['The selected location is invalid.'];
        else if (l.stock !== null && !(typeof l.stock === 'number' && Number.isInteger(l.stock) && l.stock >= 0))
          problems['inventory_levels.stock'] = ['The stock must be an integer.'];
      }
  }
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
  if (Array.isArray(input.inventory_levels)) {
    // "inventory_levels" wins: a top-level "stock" sent with it is not applied.
    for (const l of input.inventory_levels as { location_id: string; stock: number | null }[]) {
      if (l.location_id === FIRST_LOCATION_ID) v.stock = l.stock;
      else if (l.stock === null) v.stock = null;
      else {
        (v.otherLevels ??= new Map()).set(l.location_id, l.stock);
        v.stock ??= 0;
      }
    }
    v.stockManagement = v.stock !== null;
    v.updatedAt = now;
    return;
  }
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
  const total = v.stock + [...(v.otherLevels?.values() ?? [])].reduce((a, b) => a + b, 0);
  return { kind: 'quantity', quantity: Math.max(0, total) };
}
