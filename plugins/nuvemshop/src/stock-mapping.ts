/** TargetStock ⇄ Nuvemshop / Tiendanube variant stock. The one place that knows the table in README.md. */
import type { TargetStock } from '@stock-sync/plugin-sdk';

/**
 * A variant's stock fields. `stock` is null exactly when `stock_management` is false ("infinite"). With
 * multi-inventory, `stock` is deprecated and "will reflect the total stock for that variant in every location";
 * each location's count is in `inventory_levels`.
 */
export interface NuvemVariantStock {
  id: number;
  stock_management: boolean;
  stock: number | null;
  inventory_levels?: { location_id: string; stock: number | null }[];
}

/**
 * One element of the `PATCH /products/{id}/variants` body. `stock: null` is the platform's infinite stock (it
 * then reports stock_management false); a number turns tracking on; there is no "untracked but sold out" form,
 * so out of stock is a tracked 0. Single-location stores send `stock` ("If only variant.stock is sent, we'll
 * update the first inventory_level"); with a location, its count goes in `inventory_levels` ("unlimited" stays
 * the variant's own, untracked, state).
 */
export function toVariantPatch(id: number, target: TargetStock, locationId?: string) {
  if (target.kind === 'unlimited') return { id, stock: null };
  const stock = target.kind === 'quantity' ? target.quantity : 0;
  return locationId ? { id, inventory_levels: [{ location_id: locationId, stock }] } : { id, stock };
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

/**
 * The reading of one variant for the store's configuration:
 * - untracked (`stock_management` false / `stock` null) → unlimited, whatever the locations;
 * - a configured location → that location's `inventory_levels` entry (absent → a problem to report);
 * - no location configured → `stock`, unless the variant keeps stock at several locations (then `stock` is
 *   the total and a write of `stock` would reach only the first location: a problem to report).
 */
export function stockAt(v: NuvemVariantStock, locationId: string | undefined): { stock: TargetStock } | { problem: string } {
  if (v.stock_management === false || (v.stock === null && !locationId)) return { stock: { kind: 'unlimited' } };
  const levels = Array.isArray(v.inventory_levels) ? v.inventory_levels : undefined;
  if (locationId) {
    if (!levels) return { problem: 'the answer carries no inventory_levels, so the configured location cannot be read' };
    const level = levels.find((l) => l.location_id === locationId);
    if (!level)
      return {
        problem: `it has no inventory level at location ${locationId} (it has ${levels.map((l) => l.location_id).join(', ') || 'none'})`,
      };
    return { stock: fromVariantStock({ stock_management: true, stock: level.stock }) };
  }
  if (levels && levels.length > 1) {
    return {
      problem: `it keeps stock at ${levels.length} locations (${levels.map((l) => l.location_id).join(', ')}), where "stock" is their total: set the locationId credential`,
    };
  }
  return { stock: fromVariantStock(v) };
}
