/**
 * The few Open API v3 calls the plugin makes, on the store's host-owned HTTP client, each with x-api-key and the
 * OAuth bearer token (https://developers.etsy.com/documentation/essentials/requests; README "Auth").
 */
import { AuthError, Transient } from '@stock-sync/plugin-api';
import type { ConnectContext, HttpClient, HttpRequest } from '@stock-sync/plugin-api';
import { createEtsyClassifier } from './classify-response';
import type { EtsyInventory, EtsyInventoryUpdate, EtsyListingsWithInventory, EtsyMe } from './etsy-types';
import { API_PREFIX, DEFAULT_BASE_URL } from './manifest';

/** The keystring alone: apiKey may hold 'keystring:shared_secret' (the x-api-key form). */
export const clientIdOf = (apiKey: string | undefined): string => (apiKey ?? '').split(':', 1)[0] ?? '';

/**
 * The x-api-key value, 'keystring:shared_secret' (required since 9 February 2026; a pasted 'keystring:secret'
 * contributes only its keystring), or the AuthError every call fails with when a part is missing (README "Auth").
 */
export function apiKeyHeader(credentials: Readonly<Record<string, string>>): string | AuthError {
  const keystring = clientIdOf(credentials.apiKey).trim();
  const secret = (credentials.sharedSecret ?? '').trim();
  if (!keystring) return new AuthError('the Etsy credential apiKey (the app keystring) is missing', { field: 'apiKey' });
  if (!secret) {
    const why = "the Etsy credential sharedSecret is missing: Etsy requires x-api-key 'keystring:shared_secret'";
    return new AuthError(why, { field: 'sharedSecret' });
  }
  return `${keystring}:${secret}`;
}

/** An inventory as Etsy answered it, its property lists defaulted to []; null when the answer holds none. */
function inventoryOf(data: unknown): EtsyInventory | null {
  const inv = data as EtsyInventory | null;
  if (!inv || typeof inv !== 'object' || !Array.isArray(inv.products)) return null;
  inv.price_on_property ??= [];
  inv.quantity_on_property ??= [];
  inv.sku_on_property ??= [];
  return inv;
}

export type EtsyApi = ReturnType<typeof createEtsyApi>;

export function createEtsyApi(ctx: ConnectContext) {
  const c = ctx.credentials;
  const key = apiKeyHeader(c);
  const apiKey = typeof key === 'string' ? key : '';
  const bearer = `Bearer ${c.accessToken ?? ''}`;
  const client: HttpClient = ctx.http.extend({
    baseURL: `${(c.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')}${API_PREFIX}`,
    headers: { 'x-api-key': apiKey, authorization: bearer, accept: 'application/json' },
    classify: createEtsyClassifier(),
    // The composed header values too, so neither can leak whole or in part.
    secrets: [apiKey, bearer, c.apiKey, c.sharedSecret, c.accessToken].filter((s): s is string => typeof s === 'string' && s.length > 0),
  });
  const send = <T = unknown>(req: HttpRequest) => (typeof key === 'string' ? client.request<T>(req) : Promise.reject(key));

  return {
    /** getMe: GET /v3/application/users/me — the token's user and shop. */
    getMe: async () => (await send<EtsyMe>({ method: 'GET', url: '/users/me' })).data,
    /** getListingInventory with includes=Listing, so the listing's state comes with it. */
    async getListingInventory(listingId: string): Promise<EtsyInventory> {
      const res = await send({ method: 'GET', url: `/listings/${listingId}/inventory`, params: { includes: 'Listing' } });
      const inventory = inventoryOf(res.data);
      if (!inventory) throw new Transient(`Etsy answered getListingInventory(${listingId}) without an inventory`);
      return inventory;
    },
    /** getListingsInventoryByListingIds: up to 100 listings; 404 when any id does not exist. */
    async getListingsInventory(listingIds: readonly string[]): Promise<EtsyListingsWithInventory> {
      const { data } = await send<EtsyListingsWithInventory>({
        method: 'GET',
        url: '/listings/batch/inventory',
        params: { listing_ids: listingIds.join(',') },
      });
      if (!data || !Array.isArray(data.results)) throw new Transient('Etsy answered getListingsInventoryByListingIds without results');
      // A result without a usable inventory is kept as null: the caller reads that listing on its own.
      for (const r of data.results) r.inventory = inventoryOf(r.inventory);
      return data;
    },
    /** updateListingInventory: full replacement of the listing's products (sent again after an ambiguous failure: harmless). */
    async updateListingInventory(listingId: string, body: EtsyInventoryUpdate): Promise<void> {
      await send({ method: 'PUT', url: `/listings/${listingId}/inventory`, body, idempotent: true });
    },
    /** updateListing (PATCH, form-encoded) with only `state`. */
    async updateListingState(listingId: string, state: 'active' | 'inactive'): Promise<void> {
      await send({
        method: 'PATCH',
        url: `/shops/${c.shopId ?? ''}/listings/${listingId}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ state }).toString(),
        idempotent: true,
      });
    },
  };
}
