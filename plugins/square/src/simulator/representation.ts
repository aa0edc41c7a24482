/** How the simulated seller answers with catalog objects and inventory counts (subsets of Square's models). */
import { countAt, soldOutAt, type SimItem, type SimVariation, type SquareSimState } from './state';

const iso = (ms: number) => new Date(ms).toISOString();

export function variationJson(state: SquareSimState, v: SimVariation): Record<string, unknown> {
  const overrides: Record<string, unknown>[] = [];
  for (const loc of state.locations.keys()) {
    const o = v.overrides.get(loc);
    const soldOut = soldOutAt(state, v, loc);
    if (!o && !soldOut) continue;
    overrides.push({
      ...(o?.extra ?? {}),
      location_id: loc,
      ...(o?.trackInventory !== undefined ? { track_inventory: o.trackInventory } : {}),
      ...(soldOut ? { sold_out: true } : {}),
      ...(soldOut && o?.soldOutValidUntil ? { sold_out_valid_until: o.soldOutValidUntil } : {}),
    });
  }
  const item = state.items.get(v.itemId);
  return {
    type: 'ITEM_VARIATION',
    id: v.id,
    // Creation time is not modelled; the last change stands in for it.
    created_at: iso(v.updatedAt),
    updated_at: iso(v.updatedAt),
    version: v.version,
    is_deleted: false,
    present_at_all_locations: true,
    item_variation_data: {
      ...v.extra,
      item_id: v.itemId,
      name: v.name,
      sku: v.sku,
      ordinal: item ? item.variationIds.indexOf(v.id) : 0,
      pricing_type: 'FIXED_PRICING',
      price_money: { amount: v.priceCents, currency: 'USD' },
      track_inventory: v.trackInventory,
      ...(overrides.length ? { location_overrides: overrides } : {}),
      sellable: true,
      stockable: true,
    },
  };
}

export function itemJson(state: SquareSimState, item: SimItem): Record<string, unknown> {
  const variations = item.variationIds.map((id) => state.variations.get(id)!);
  const updatedAt = Math.max(0, ...variations.map((v) => v.updatedAt));
  return {
    type: 'ITEM',
    id: item.id,
    created_at: iso(updatedAt),
    updated_at: iso(updatedAt),
    version: Math.max(0, ...variations.map((v) => v.version)),
    is_deleted: false,
    present_at_all_locations: true,
    // Categories and taxes are not modelled: the documented fields are there, empty.
    item_data: {
      name: item.name,
      description: '',
      categories: [],
      tax_ids: [],
      variations: variations.map((v) => variationJson(state, v)),
    },
  };
}

export function countJson(state: SquareSimState, v: SimVariation, locationId: string): Record<string, unknown> {
  const c = state.counts.get(`${v.id}|${locationId}`);
  return {
    catalog_object_id: v.id,
    catalog_object_type: 'ITEM_VARIATION',
    state: 'IN_STOCK',
    location_id: locationId,
    quantity: String(countAt(state, v, locationId)),
    calculated_at: iso(c?.calculatedAt ?? state.clock()),
  };
}
