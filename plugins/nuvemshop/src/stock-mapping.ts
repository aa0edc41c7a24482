/** TargetStock ⇄ Nuvemshop / Tiendanube variant stock. The one place that knows the table in README.md. */
import type { TargetStock } from '@stock-sync/plugin-api';

/** A variant's stock fields; with multi-inventory `stock` is the total and each location's count is in `inventory_levels`. */
export interface NuvemVariantStock {
  id: number;
  stock_management: boolean;
  stock: number | null;
  inventory_levels?: { location_id: string; stock: number | null }[];
}

/**
 * One element of the `PATCH /products/{id}/variants` body: `stock: null` is infinite, out of stock a tracked 0; with
 * a location its count goes in `inventory_levels` (a bare `stock` would update only the first one).
 */
export function toVariantPatch(id: number, target: TargetStock, locationId?: string) {
  if (target.kind === 'unlimited') return { id, stock: null };
  const stock = target.kind === 'quantity' ? target.quantity : 0;
  return locationId ? { id, inventory_levels: [{ location_id: locationId, stock }] } : { id, stock };
}

/** The neutral reading: untracked (or a null count) → unlimited; a tracked count ≤ 0 → out of stock. */
function fromVariantStock(v: Pick<NuvemVariantStock, 'stock_management' | 'stock'>): TargetStock {
  if (v.stock_management === false || v.stock === null || v.stock === undefined) return { kind: 'unlimited' };
  const n = Math.trunc(Number(v.stock));
  if (!Number.isFinite(n) || n <= 0) return { kind: 'out_of_stock' };
  return { kind: 'quantity', quantity: n };
}

/**
 * The reading of one variant for the store's configuration: untracked → unlimited, whatever the locations; else the
 * configured location's level, or `stock` — a problem to report when that level is absent, or without a configured
 * location when the variant keeps stock at several (README.md "Mapping", multi-inventory).
 */
export function stockAt(v: NuvemVariantStock, locationId: string | undefined): { stock: TargetStock } | { problem: string } {
  if (v.stock_management === false || (v.stock === null && !locationId)) return { stock: { kind: 'unlimited' } };
  const levels = Array.isArray(v.inventory_levels) ? v.inventory_levels : undefined;
  const ids = levels?.map((l) => l.location_id).join(', ');
  if (locationId) {
    if (!levels) return { problem: 'the answer carries no inventory_levels, so the configured location cannot be read' };
    const level = levels.find((l) => l.location_id === locationId);
    if (!level) return { problem: `it has no inventory level at location ${locationId} (it has ${ids || 'none'})` };
    return { stock: fromVariantStock({ stock_management: true, stock: level.stock }) };
  }
  if (levels && levels.length > 1)
    return {
      problem: `it keeps stock at ${levels.length} locations (${ids}), where "stock" is their total: set the locationId credential`,
    };
  return { stock: fromVariantStock(v) };
}
