/**
 * inventoryActivate as 2026-04 documents it
 * (https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/inventoryActivate): stocks an inventory
 * item at a location by creating its InventoryLevel; `available` / `onHand` default to zero; the
 * @idempotent(key:) directive is required as of 2026-04. An item already stocked there keeps its level.
 * Refusals are userErrors { field message } (the payload's UserError type has no code).
 */
import type { GraphQLResolveInfo } from 'graphql';
import { idempotencyKey } from './inventory-set-quantities';
import type { ShopifyState } from './state';
import { levelView } from './views';

interface ActivateArgs {
  inventoryItemId: string;
  locationId: string;
  available?: number | null;
  onHand?: number | null;
}

export function inventoryActivate(state: ShopifyState, args: ActivateArgs, info: GraphQLResolveInfo): unknown {
  const key = idempotencyKey(info);
  const fingerprint = JSON.stringify(['inventoryActivate', args]);
  const seen = state.idempotency.get(key);
  if (seen) {
    if (seen.fingerprint === fingerprint) return seen.payload;
    return { inventoryLevel: null, userErrors: [{ field: null, message: 'The same idempotency key was used with different parameters.' }] };
  }
  const refuse = (field: string, message: string) => ({ inventoryLevel: null, userErrors: [{ field: [field], message }] });
  const item = state.inventoryItems.get(args.inventoryItemId);
  const location = state.locations.get(args.locationId);
  let payload: unknown;
  if (!item) payload = refuse('inventoryItemId', 'The specified inventory item could not be found.');
  else if (!location) payload = refuse('locationId', 'The specified location could not be found.');
  else if (!location.isActive) payload = refuse('locationId', 'The location is not active.');
  else if (location.refusesActivation && !item.levels.has(location.id)) {
    payload = refuse('locationId', 'The item cannot be stocked at this location.');
  } else {
    if (!item.levels.has(location.id)) {
      const available = args.available ?? args.onHand ?? 0;
      item.levels.set(location.id, { available, committed: 0, updatedAt: new Date().toISOString() });
    }
    payload = { inventoryLevel: levelView(state, item, location.id), userErrors: [] };
  }
  state.idempotency.set(key, { fingerprint, payload });
  return payload;
}
