/**
 * One store's connection: verify, writeStock and readStock on the SDK's batched pipeline (writes one listing
 * per batch, the first listing alone then a few at a time; a read run one batch).
 */
import { AuthError, batched, type ConnectContext, type PluginLogger, type StoreConnection, type VariantRef } from '@stock-sync/plugin-sdk';
import { createEtsyApi, type EtsyApi } from './etsy-api';
import { RENEW_SOLD_OUT_FIELD } from './manifest';
import { readListings } from './read-stock';
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
