/**
 * readStock: one getListingsInventoryByListingIds call per 100 listings (the listing's state comes with
 * its inventory). That call answers 404 as a whole when any one id is gone, so a 404 falls back to
 * getListingInventory per listing of that chunk to tell the missing ones from the rest.
 */
import { NotFound, type ObservedStock, type PluginError, type VariantRef } from '@stock-sync/plugin-sdk';
import type { EtsyApi } from './etsy-api';
import type { EtsyInventory, ListingState } from './etsy-types';
import { liveOfferings, liveProducts } from './inventory-write-body';
import { MAX_LISTINGS_PER_BATCH_READ } from './manifest';
import { isConnectionLevel, isEtsyId, notAnEtsyId, toPluginError } from './outcome-errors';
import { stockOfOffering } from './stock-mapping';

interface ListingRead {
  state: ListingState;
  inventory: EtsyInventory;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function readStock(api: EtsyApi, refs: readonly VariantRef[]): Promise<ObservedStock[]> {
  const results: (ObservedStock | undefined)[] = new Array(refs.length);
  const fail = (i: number, error: PluginError) => {
    results[i] = { ...pick(refs[i]!), status: 'failed', error };
  };

  const byListing = new Map<string, number[]>();
  refs.forEach((r, i) => {
    if (!isEtsyId(r.externalProductId)) return fail(i, notAnEtsyId('listing', r.externalProductId));
    byListing.set(r.externalProductId, [...(byListing.get(r.externalProductId) ?? []), i]);
  });

  const settle = (listingId: string, read: ListingRead | PluginError) => {
    for (const i of byListing.get(listingId) ?? []) {
      if (read instanceof Error) {
        fail(i, read);
        continue;
      }
      const { state, inventory } = read;
      const ref = refs[i]!;
      const product = liveProducts(inventory).find((p) => String(p.product_id) === ref.externalVariantId);
      const offering = product ? liveOfferings(product)[0] : undefined;
      if (!product || !offering) {
        fail(
          i,
          new NotFound(`Etsy listing ${listingId} has no product ${ref.externalVariantId}`, {
            listingId,
            productId: ref.externalVariantId,
          }),
        );
        continue;
      }
      results[i] = { ...pick(ref), status: 'found', stock: stockOfOffering(offering, state) };
    }
  };

  let stopped: PluginError | undefined;
  for (const ids of chunk([...byListing.keys()], MAX_LISTINGS_PER_BATCH_READ)) {
    if (stopped) {
      for (const id of ids) settle(id, stopped);
      continue;
    }
    // Read listings one by one (what a 404 for the chunk, or a listing the batch left out, calls for).
    const oneByOne = async (single: readonly string[]) => {
      for (const id of single) {
        if (stopped) {
          settle(id, stopped);
          continue;
        }
        try {
          const inventory = await api.getListingInventory(id);
          settle(id, { state: inventory.listing?.state ?? 'active', inventory });
        } catch (e2) {
          const err = toPluginError(e2);
          if (isConnectionLevel(err)) stopped = err;
          settle(id, err);
        }
      }
    };
    try {
      const batch = await api.getListingsInventory(ids);
      const got = new Map(batch.results.map((r) => [String(r.listing_id), r]));
      const unanswered: string[] = [];
      for (const id of ids) {
        const r = got.get(id);
        if (r?.inventory) settle(id, { state: r.state, inventory: r.inventory });
        else unanswered.push(id); // left out or without inventory: never guessed NotFound from a batch
      }
      await oneByOne(unanswered);
    } catch (e) {
      const error = toPluginError(e);
      if (!(error instanceof NotFound)) {
        if (isConnectionLevel(error)) stopped = error;
        for (const id of ids) settle(id, error);
        continue;
      }
      // Some listing of the chunk is gone: find out which, one by one.
      await oneByOne(ids);
    }
  }
  return results.map((r, i) => r ?? { ...pick(refs[i]!), status: 'failed' as const, error: stopped ?? toPluginError(undefined) });
}

function pick(r: VariantRef): VariantRef {
  return { externalProductId: r.externalProductId, externalVariantId: r.externalVariantId };
}
