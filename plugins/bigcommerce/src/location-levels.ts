/**
 * A location's counts, from the Inventory API: `GET /inventory/locations/{location_id}/items?variant_id:in=…`
 * (LocationItemsResponse: `identity.variant_id`, `total_inventory_onhand`, `available_to_sell`; inventory spec).
 * The catalog's `inventory_level` is not the configured location's count on multi-location stores, so counts
 * are always read here, where absolute adjustments write them.
 */
import type { BcCollection, BcLocationItem } from './bc-types';

/**
 * variant id → on-hand count at the location. `total_inventory_onhand` is what an absolute adjustment sets
 * ("Override the existing inventory levels"); `available_to_sell` is that minus the safety stock, which the
 * plugin does not manage. Items without a variant identity (product-level items) are skipped.
 */
export function onHandByVariant(body: BcCollection<BcLocationItem> | undefined): Map<number, number> {
  const out = new Map<number, number>();
  for (const item of Array.isArray(body?.data) ? body!.data : []) {
    const id = item?.identity?.variant_id;
    const n = item?.total_inventory_onhand;
    if (typeof id === 'number' && typeof n === 'number' && Number.isFinite(n)) out.set(id, n);
  }
  return out;
}

/** Whether another page follows (meta.pagination current_page < total_pages). */
export function hasNextPage(body: BcCollection<unknown> | undefined): boolean {
  const p = body?.meta?.pagination;
  return !!p && typeof p.current_page === 'number' && typeof p.total_pages === 'number' && p.current_page < p.total_pages;
}
