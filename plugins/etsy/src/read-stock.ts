/**
 * readStock: one getListingsInventoryByListingIds call per 100 listings (the listing's state comes with
 * its inventory). That call answers 404 as a whole when any one id is gone, so a 404 falls back to
 * getListingInventory per listing of that chunk to tell the missing ones from the rest. A read run is
 * one batch of the SDK's pipeline; an error that stops the work ends it with what was read (StopTheWork).
 */
import {
  chunk,
  groupByProduct,
  NotFound,
  StopTheWork,
  stopsTheWork,
  toPluginError,
  type Planned,
  type PluginError,
  type TargetStock,
  type VariantRef,
} from '@stock-sync/plugin-sdk';
import type { EtsyApi } from './etsy-api';
import { liveOfferings, liveProducts, type EtsyInventory, type ListingState } from './etsy-types';
import { MAX_LISTINGS_PER_BATCH_READ } from './manifest';
import { stockOfOffering } from './stock-mapping';

/** One read run: every listing of `items` (in first-seen order), each one's stock or why it has none. */
export async function readListings(
  api: EtsyApi,
  items: readonly Planned<VariantRef>[],
): Promise<(TargetStock | PluginError | undefined)[]> {
  const answers = new Map<Planned<VariantRef>, TargetStock | PluginError>();
  const byListing = new Map(groupByProduct(items).map((g) => [g.productId, g.items]));

  const settle = (listingId: string, read: { state: ListingState; inventory: EtsyInventory } | PluginError) => {
    for (const it of byListing.get(listingId) ?? []) {
      const variantId = it.input.externalVariantId;
      const product = read instanceof Error ? undefined : liveProducts(read.inventory).find((p) => String(p.product_id) === variantId);
      const offering = product && liveOfferings(product)[0];
      const missing = () => new NotFound(`Etsy listing ${listingId} has no product ${variantId}`, { listingId, productId: variantId });
      answers.set(it, read instanceof Error ? read : offering ? stockOfOffering(offering, read.state) : missing());
    }
  };

  // Read listings one by one (what a 404 for the chunk, or a listing the batch left out, calls for).
  const oneByOne = async (single: readonly string[]) => {
    for (const id of single) {
      try {
        const inventory = await api.getListingInventory(id);
        settle(id, { state: inventory.listing?.state ?? 'active', inventory });
      } catch (e) {
        const error = toPluginError(e, 'Etsy');
        if (stopsTheWork(error)) throw error;
        settle(id, error);
      }
    }
  };

  try {
    for (const ids of chunk([...byListing.keys()], MAX_LISTINGS_PER_BATCH_READ)) {
      let unanswered: string[] = [];
      try {
        const batch = await api.getListingsInventory(ids);
        const got = new Map(batch.results.map((r) => [String(r.listing_id), r]));
        for (const id of ids) {
          const r = got.get(id);
          if (r?.inventory) settle(id, { state: r.state, inventory: r.inventory });
          else unanswered.push(id); // left out or without inventory: never guessed NotFound from a batch
        }
      } catch (e) {
        const error = toPluginError(e, 'Etsy');
        if (stopsTheWork(error)) throw error;
        // A 404: some listing of the chunk is gone; find out which, one by one.
        if (error instanceof NotFound) unanswered = ids;
        else for (const id of ids) settle(id, error);
      }
      await oneByOne(unanswered);
    }
  } catch (e) {
    throw new StopTheWork(toPluginError(e, 'Etsy'), { answered: items.map((it) => answers.get(it)) });
  }
  return items.map((it) => answers.get(it));
}
