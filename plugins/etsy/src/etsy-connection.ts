/** One store's connection: verify, writeStock and readStock over the store's HTTP client. */
import { AuthError, type ConnectContext, type StoreConnection } from '@stock-sync/plugin-sdk';
import { createEtsyApi } from './etsy-api';
import { createKeyedSerialQueue } from './keyed-serial-queue';
import { RENEW_SOLD_OUT_FIELD } from './manifest';
import { readStock } from './read-stock';
import { writeStock } from './write-stock';

/** The store's consent to renewing sold_out listings (a fee each time): only the exact value 'true'. */
export function renewalsAllowed(credentials: Readonly<Record<string, string>>): boolean {
  return credentials[RENEW_SOLD_OUT_FIELD]?.trim().toLowerCase() === 'true';
}

export function connectEtsy(ctx: ConnectContext): StoreConnection {
  const api = createEtsyApi(ctx);
  // Per connection, so concurrent writeStock calls on one store never interleave on one listing.
  const listingLocks = createKeyedSerialQueue();
  return {
    async verify() {
      // getMe needs both a valid x-api-key and a valid token; its shop_id proves the token owns the shop.
      const me = await api.getMe();
      if (me.shop_id === null || me.shop_id === undefined || String(me.shop_id) !== String(ctx.credentials.shopId)) {
        throw new AuthError(`the Etsy token's owner does not own shop ${ctx.credentials.shopId}`, { shopId: ctx.credentials.shopId });
      }
    },
    writeStock: (changes) => writeStock(api, listingLocks, ctx.log, changes, { renewSoldOutListings: renewalsAllowed(ctx.credentials) }),
    readStock: (refs) => readStock(api, refs),
  };
}
