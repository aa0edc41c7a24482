/**
 * One store's connection: verify, writeStock and readStock over the store's HTTP client, on the SDK's
 * batched pipeline (writes one listing per batch, the first listing alone then a few at a time; a read run
 * one batch).
 */
import { AuthError, batched, type ConnectContext, type StoreConnection } from '@stock-sync/plugin-sdk';
import { createEtsyApi } from './etsy-api';
import { createKeyedSerialQueue } from './keyed-serial-queue';
import { RENEW_SOLD_OUT_FIELD } from './manifest';
import { etsyFrame } from './outcome-errors';
import { readListings } from './read-stock';
import { LISTING_CONCURRENCY, writeListing } from './write-stock';

/** The store's consent to renewing sold_out listings (a fee each time): only the exact value 'true'. */
export function renewalsAllowed(credentials: Readonly<Record<string, string>>): boolean {
  return credentials[RENEW_SOLD_OUT_FIELD]?.trim().toLowerCase() === 'true';
}

export function connectEtsy(ctx: ConnectContext): StoreConnection {
  const api = createEtsyApi(ctx);
  // Per connection, so concurrent writeStock calls on one store never interleave on one listing.
  const listingLocks = createKeyedSerialQueue();
  const verify = async () => {
    // getMe needs both a valid x-api-key and a valid token; its shop_id proves the token owns the shop.
    const me = await api.getMe();
    if (me.shop_id === null || me.shop_id === undefined || String(me.shop_id) !== String(ctx.credentials.shopId)) {
      throw new AuthError(`the Etsy token's owner does not own shop ${ctx.credentials.shopId}`, { shopId: ctx.credentials.shopId });
    }
  };
  return batched({
    ...etsyFrame(ctx.log, verify),
    write: {
      groupBy: (it) => it.input.externalProductId,
      // Every listing is read before it is written: the plan, not the hub's `previous`, decides what is in place.
      skipInPlace: 'never',
      concurrency: LISTING_CONCURRENCY,
      // A revoked token, a spent quota or a throttled store is found with one call, not a fan-out of doomed ones.
      firstAlone: true,
      run: (batch, listingId) =>
        writeListing(api, listingLocks, ctx.log, listingId, batch, { renewSoldOutListings: renewalsAllowed(ctx.credentials) }),
    },
    read: { run: (items) => readListings(api, items) },
  });
}
