/**
 * One store's connection: verify, writeStock, readStock over the Admin GraphQL API, on the SDK's batched
 * pipeline (duplicates by variant GID, the stop rule, one outcome per input). readStock: READ_VARIANTS calls of
 * READ_CHUNK variants (the pipeline's batches); writeStock: one plan over the whole run (./writes.ts).
 */
import { AuthError, batched } from '@stock-sync/plugin-sdk';
import type { ConnectContext, StoreConnection, VariantRef } from '@stock-sync/plugin-sdk';
import { READ_CHUNK, VERIFY } from './documents';
import { ACTIVATE_AT_LOCATION_FIELD } from './manifest';
import { toGid, toTargetStock } from './mapping';
import { createShopifyApi } from './shopify-api';
import { notFound, readStates, writeRun } from './writes';

/** Stores hold the variant GID or its numeric legacy id: both name the same variant (its GID). */
const variantGid = (ref: VariantRef) => toGid('ProductVariant', ref.externalVariantId);

export function connectShopify(ctx: ConnectContext): StoreConnection {
  const api = createShopifyApi(ctx);
  const locationId = toGid('Location', ctx.credentials.locationId ?? '');
  // On unless the store says exactly 'false'.
  const activateAtLocation = (ctx.credentials[ACTIVATE_AT_LOCATION_FIELD] ?? '').trim().toLowerCase() !== 'false';

  async function verify(): Promise<void> {
    const data = await api.graphql<{ shop: { id: string } | null; location: { id: string; isActive: boolean } | null }>(VERIFY, {
      locationId,
    });
    if (!data.shop) throw new AuthError('Shopify did not return the shop for this token');
    // The location is part of the credentials: a wrong one needs the merchant, like a bad token.
    if (!data.location) throw new AuthError('the locationId credential names no location of this shop');
    if (!data.location.isActive) throw new AuthError('the locationId credential names a deactivated location');
  }

  return batched({
    platform: 'Shopify',
    id: 'shopify',
    log: ctx.log,
    ids: (ref) => ({ key: variantGid(ref) }),
    key: variantGid,
    verify,
    write: { skipInPlace: 'never', run: (items) => writeRun(api, items, locationId, activateAtLocation) },
    read: {
      maxBatch: READ_CHUNK,
      run: async (items) => {
        const states = await readStates(api, items, locationId);
        return states.map((state) => (state ? toTargetStock(state) : notFound()));
      },
    },
  });
}
