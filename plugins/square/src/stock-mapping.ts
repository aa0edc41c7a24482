/** TargetStock ⇄ Square: the one place that knows the mapping table in README.md ("Mapping"). */
import { wholeUnits } from '@stock-sync/plugin-sdk';
import type { TargetStock } from '@stock-sync/plugin-api';
import type { CatalogObject, ItemVariationLocationOverrides } from './square-api';

export function overrideFor(obj: CatalogObject, locationId: string): ItemVariationLocationOverrides | undefined {
  return (obj.item_variation_data?.location_overrides ?? []).find((o) => o.location_id === locationId);
}

/** Tracking at the location: the location override when it says, else the variation's own setting. */
export function isTracked(obj: CatalogObject, locationId: string): boolean {
  const o = overrideFor(obj, locationId)?.track_inventory;
  if (typeof o === 'boolean') return o;
  return obj.item_variation_data?.track_inventory === true;
}

export function isSoldOut(obj: CatalogObject, locationId: string): boolean {
  return overrideFor(obj, locationId)?.sold_out === true;
}

/** sold_out → out of stock; untracked → unlimited; tracked → the IN_STOCK count (decimal string) floored, never below 0. */
export function fromSquare(obj: CatalogObject, locationId: string, inStock: string | undefined): TargetStock {
  if (isSoldOut(obj, locationId)) return { kind: 'out_of_stock' };
  if (!isTracked(obj, locationId)) return { kind: 'unlimited' };
  return { kind: 'quantity', quantity: wholeUnits(inStock) };
}

const READ_ONLY_OVERRIDE_FIELDS = ['sold_out', 'sold_out_valid_until'];
const READ_ONLY_OBJECT_FIELDS = ['updated_at', 'created_at', 'is_deleted', 'catalog_v1_ids'];

/**
 * The variation as read (an upsert replaces the whole object; its `version` makes a concurrent edit fail), minus
 * read-only fields, with tracking set in this location's override only (README "Upsert sends the object back as read").
 */
export function withTracking(obj: CatalogObject, locationId: string, track: boolean): CatalogObject {
  const copy: CatalogObject = structuredClone(obj);
  for (const f of READ_ONLY_OBJECT_FIELDS) delete copy[f];
  const data = (copy.item_variation_data ??= {});
  const overrides = (data.location_overrides ?? []).map((o) => {
    const c = { ...o };
    for (const f of READ_ONLY_OVERRIDE_FIELDS) delete c[f];
    return c;
  });
  const mine = overrides.find((o) => o.location_id === locationId);
  if (mine) mine.track_inventory = track;
  else overrides.push({ location_id: locationId, track_inventory: track });
  data.location_overrides = overrides;
  return copy;
}
