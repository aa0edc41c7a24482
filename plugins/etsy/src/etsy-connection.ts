/**
 * One store's connection: verify, writeStock (write-stock.ts) and readStock on the SDK's batched pipeline.
 * readStock: 100 listings per getListingsInventoryByListingIds call, per-listing reads after a 404 (README "Reads").
 */
import { AuthError, NotFound } from '@stock-sync/plugin-api';
import { batched, chunk, groupByProduct, StopTheWork, stopsTheWork, toPluginError } from '@stock-sync/plugin-sdk';
import type { ConnectContext, PluginError, PluginLogger, StoreConnection, TargetStock, VariantRef } from '@stock-sync/plugin-api';
import type { Planned } from '@stock-sync/plugin-sdk';
import { createEtsyApi, type EtsyApi } from './etsy-api';
import { liveOfferings, liveProducts, type EtsyInventory, type ListingState } from './etsy-types';
import { MAX_LISTINGS_PER_BATCH_READ, RENEW_SOLD_OUT_FIELD } from './manifest';
import { stockOfOffering } from './stock-mapping';
import { isEtsyId, LISTING_CONCURRENCY, notAnEtsyId, serialPerKey, writeListing } from './write-stock';

export const connectEtsy = (ctx: ConnectContext): StoreConnection => etsyConnection(createEtsyApi(ctx), ctx.log, ctx.credentials);

/** The connection over an EtsyApi (the evidence tests give a scripted one). */
export function etsyConnection(api: EtsyApi, log: PluginLogger, credentials: Readonly<Record<string, string>> = {}): StoreConnection {
  // Per connection, so concurrent writeStock calls on one store never interleave on one listing.
  const listingLocks = serialPerKey();
  // The store's consent to renewing sold_out listings (a fee each time): only the exact value 'true'.
  const renewSoldOutListings = credentials[RENEW_SOLD_OUT_FIELD]?.trim().toLowerCase() === 'true';
  // A listing id that cannot be Etsy's fails without a call; a product id is checked by the write alone (a
  // read finds a wrong one missing from its listing).
  const badListing = (ref: VariantRef) => notAnEtsyId('listing', ref.externalProductId);
  return batched({
    platform: 'Etsy',
    id: 'etsy',
    log,
    ids: (ref) => (isEtsyId(ref.externalProductId) ? {} : undefined),
    invalid: { write: badListing, read: badListing },
    async verify() {
      // getMe needs both a valid x-api-key and a valid token; its shop_id proves the token owns the shop.
      const me = await api.getMe();
      if (me.shop_id === null || me.shop_id === undefined || String(me.shop_id) !== String(credentials.shopId)) {
        throw new AuthError(`the Etsy token's owner does not own shop ${credentials.shopId}`, { shopId: credentials.shopId });
      }
    },
    write: {
      groupBy: (it) => it.input.externalProductId,
      // Every listing is read before it is written: the plan, not the hub's `previous`, decides what is in place.
      skipInPlace: 'never',
      concurrency: LISTING_CONCURRENCY,
      // A revoked token, a spent quota or a throttled store is found with one call, not a fan-out of doomed ones.
      firstAlone: true,
      run: (batch, listingId) => listingLocks(listingId, () => writeListing(api, log, listingId, batch, { renewSoldOutListings })),
    },
    read: { run: (items) => readListings(api, items) },
  });
}

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
      // One by one: what a 404 for the chunk, or a listing the batch left out, calls for.
      for (const id of unanswered) {
        try {
          const inventory = await api.getListingInventory(id);
          settle(id, { state: inventory.listing?.state ?? 'active', inventory });
        } catch (e) {
          const error = toPluginError(e, 'Etsy');
          if (stopsTheWork(error)) throw error;
          settle(id, error);
        }
      }
    }
  } catch (e) {
    throw new StopTheWork(toPluginError(e, 'Etsy'), { answered: items.map((it) => answers.get(it)) });
  }
  return items.map((it) => answers.get(it));
}
