/**
 * Plans the calls that bring one listing to its targets, from the inventory just read. Pure: no I/O. The rules
 * and their sources (etsy/open-api issues #395, #501, #560) are in README.md "Whole listing out of stock": the
 * sold-out marker (inactive + exactly one unit), never reactivating a merchant's inactive listing, renewing a
 * sold_out one only with `renewSoldOutListings`, and re-reading a reactivated listing for its processing profiles.
 */
import { NotFound, Rejected } from '@stock-sync/plugin-api';
import type { PluginError, TargetStock } from '@stock-sync/plugin-api';
import {
  liveOfferings,
  liveProducts,
  toInventoryUpdate,
  type EtsyInventory,
  type EtsyInventoryUpdate,
  type ListingState,
} from './etsy-types';
import { isInStockTarget, offeringFor, type OfferingStock } from './stock-mapping';

export interface ListingChange {
  /** Position of the change in the writeStock input. */
  index: number;
  productId: string;
  target: TargetStock;
}

export type ListingStep =
  | { kind: 'set-state'; state: 'active' | 'inactive' }
  | { kind: 'put-inventory'; body: EtsyInventoryUpdate }
  /** Read the (now active) listing again; write `stock` (per product id, planned from the first read) with its profiles. */
  | { kind: 'put-after-reread'; stock: ReadonlyMap<string, OfferingStock[]> };

export interface PlanOptions {
  /** The store allows renewing sold_out listings (Etsy charges a listing fee per renewal). Default false. */
  renewSoldOutListings?: boolean;
}

export type PlannedOutcome = { index: number; status: 'written' } | { index: number; status: 'failed'; error: PluginError };

export interface ListingWritePlan {
  /** In order; empty when the listing already shows every target. */
  steps: ListingStep[];
  /** One per change, valid once every step has succeeded. */
  outcomes: PlannedOutcome[];
}

type Working = OfferingStock[][];

const sellable = (working: Working) => working.some((offerings) => offerings.some((o) => o.is_enabled && o.quantity > 0));
/** Total buyable units across enabled offerings. */
const enabledUnits = (working: Working) =>
  working.reduce((sum, offerings) => sum + offerings.reduce((s, o) => s + (o.is_enabled ? o.quantity : 0), 0), 0);

/** The product holding the sold-out marker's single unit, when the listing carries the marker. */
function markerProduct(state: ListingState, working: Working): number | undefined {
  if (state !== 'inactive' || enabledUnits(working) !== 1) return undefined;
  const i = working.findIndex((offerings) => offerings.some((o) => o.is_enabled && o.quantity === 1));
  return i >= 0 ? i : undefined;
}

const sameStock = (a: Working, b: Working) =>
  a.every((offerings, i) => offerings.every((o, j) => o.quantity === b[i]![j]!.quantity && o.is_enabled === b[i]![j]!.is_enabled));

/**
 * True when the inventory lacks a processing profile a write needs: a physical listing (or one whose type
 * the read did not show) with an offering whose readiness_state_id is null or absent.
 */
export function lacksProcessingProfile(inventory: EtsyInventory): boolean {
  if (inventory.listing?.listing_type === 'download') return false;
  return liveProducts(inventory).some((p) =>
    liveOfferings(p).some((o) => o.readiness_state_id === null || o.readiness_state_id === undefined),
  );
}

export function planListingWrite(
  listingId: string,
  state: ListingState,
  inventory: EtsyInventory,
  changes: readonly ListingChange[],
  options: PlanOptions = {},
): ListingWritePlan {
  const noProfile = lacksProcessingProfile(inventory);
  const products = liveProducts(inventory);
  const original: Working = products.map((p) => liveOfferings(p).map((o) => ({ quantity: o.quantity, is_enabled: o.is_enabled })));
  const working: Working = original.map((offerings) => offerings.map((o) => ({ ...o })));
  const indexById = new Map(products.map((p, i) => [String(p.product_id), i]));

  // The marker's unit stands for "out of stock": clear it before applying the changes.
  const previousPlaceholder = markerProduct(state, original);
  if (previousPlaceholder !== undefined) {
    working[previousPlaceholder] = working[previousPlaceholder]!.map((o) => ({ ...o, quantity: 0 }));
  }

  const outcomes: PlannedOutcome[] = [];
  const found: ListingChange[] = [];
  const zeroedNow: number[] = [];
  for (const change of changes) {
    const i = indexById.get(change.productId);
    if (i === undefined) {
      outcomes.push({
        index: change.index,
        status: 'failed',
        error: new NotFound(`Etsy listing ${listingId} has no product ${change.productId}`, { listingId, productId: change.productId }),
      });
      continue;
    }
    working[i] = working[i]!.map((o) => offeringFor(change.target, o));
    if (!isInStockTarget(change.target)) zeroedNow.push(i);
    found.push(change);
  }

  const placeholderFor = (): number => {
    const enabled = (i: number) => original[i]!.some((o) => o.is_enabled);
    const candidates = [previousPlaceholder, ...zeroedNow.filter(enabled), ...original.map((_, i) => i).filter(enabled), 0];
    return candidates.find((i): i is number => i !== undefined && i < working.length && working[i]!.length > 0) ?? -1;
  };
  const putMarker = () => {
    const i = placeholderFor();
    if (i < 0) return;
    const [, ...rest] = working[i]!;
    working[i] = [{ quantity: 1, is_enabled: true }, ...rest.map((o) => ({ ...o, quantity: 0 }))];
  };

  const steps: ListingStep[] = [];
  const stockById = () => new Map(products.map((p, i) => [String(p.product_id), working[i]!.map((o) => ({ ...o }))]));
  const put = () => {
    if (!sameStock(working, original)) steps.push({ kind: 'put-inventory', body: toInventoryUpdate(inventory, working) });
  };
  const willSell = sellable(working);
  // Whether the in-stock targets end up for sale (else they are Rejected).
  const purchasable =
    willSell &&
    (state === 'active' || previousPlaceholder !== undefined || (state === 'sold_out' && options.renewSoldOutListings === true));

  if (state === 'active') {
    if (!willSell) {
      steps.push({ kind: 'set-state', state: 'inactive' });
      putMarker();
    }
    put();
  } else if (previousPlaceholder !== undefined) {
    if (willSell && noProfile) {
      // Etsy withholds the processing profiles of an inactive listing: reactivate (the marker's single
      // unit is briefly buyable), read them back, then write.
      steps.push({ kind: 'set-state', state: 'active' }, { kind: 'put-after-reread', stock: stockById() });
    } else if (willSell) {
      put();
      steps.push({ kind: 'set-state', state: 'active' });
    } else {
      // Still all out of stock: the marker holds. A moved placeholder is only rewritten when the
      // profiles are known (nothing is buyable either way).
      putMarker();
      if (!noProfile) put();
    }
  } else if (state === 'sold_out') {
    // Renewal leaves a unit somewhere and only an active listing shows its processing profiles: read again
    // after it, and write every product explicitly from that read. Without renewal every quantity is already
    // 0 and Etsy would refuse an all-zero write: nothing to write, the listing stays sold out.
    if (purchasable) steps.push({ kind: 'set-state', state: 'active' }, { kind: 'put-after-reread', stock: stockById() });
  } else if (willSell && !noProfile) {
    // Inactive by the merchant's hand, draft, expired …: never publish or renew. Nothing of it is for
    // sale, so out-of-stock targets already hold; an all-out-of-stock write would need the placeholder,
    // which would later pass for the plugin's own marker, so it is not written. Without its processing
    // profiles (Etsy withholds them while the listing is not active) nothing is written at all.
    put();
  }

  const notForSale =
    state === 'sold_out' && willSell
      ? `Etsy listing ${listingId} is sold_out: reactivating it renews it, which costs the merchant a listing fee, ` +
        'and this store does not allow renewals (credential renewSoldOutListings=true allows them)'
      : `Etsy listing ${listingId} is ${state}: the listing is not for sale (the hub only reactivates listings it deactivated)`;
  for (const { index, productId, target } of found) {
    if (!isInStockTarget(target) || purchasable) outcomes.push({ index, status: 'written' });
    else outcomes.push({ index, status: 'failed', error: new Rejected(notForSale, { listingId, productId, listingState: state }) });
  }
  return { steps, outcomes };
}
