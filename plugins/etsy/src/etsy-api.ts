/**
 * The few Open API v3 calls the plugin makes, on the store's host-owned HTTP client (rate budget,
 * retries and redaction live there). Auth, per https://developers.etsy.com/documentation/essentials/requests:
 * every call carries x-api-key (today 'keystring:shared_secret') and the OAuth bearer token.
 */
import { AuthError, Transient, type ConnectContext, type HttpClient } from '@stock-sync/plugin-sdk';
import { createEtsyClassifier } from './classify-response';
import type { EtsyInventory, EtsyInventoryUpdate, EtsyListingsWithInventory, EtsyMe } from './etsy-types';
import { API_PREFIX, DEFAULT_BASE_URL } from './manifest';

export interface EtsyApi {
  /** getMe: GET /v3/application/users/me — the token's user and shop. */
  getMe(): Promise<EtsyMe>;
  /** getListingInventory with includes=Listing, so the listing's state comes with it. */
  getListingInventory(listingId: string): Promise<EtsyInventory>;
  /** getListingsInventoryByListingIds: up to 100 listings; 404 when any id does not exist. */
  getListingsInventory(listingIds: readonly string[]): Promise<EtsyListingsWithInventory>;
  /** updateListingInventory: full replacement of the listing's products. */
  updateListingInventory(listingId: string, body: EtsyInventoryUpdate): Promise<EtsyInventory>;
  /** updateListing (PATCH, form-encoded) with only `state`. */
  updateListingState(listingId: string, state: 'active' | 'inactive'): Promise<void>;
}

/** The keystring alone: apiKey may hold 'keystring:shared_secret' (the x-api-key form). */
export const clientIdOf = (apiKey: string | undefined): string => (apiKey ?? '').split(':', 1)[0] ?? '';

/**
 * The x-api-key value, 'keystring:shared_secret' (required since 9 February 2026). An apiKey pasted whole
 * as 'keystring:secret' contributes only its keystring; a missing shared secret fails before any call.
 */
export function apiKeyHeader(credentials: Readonly<Record<string, string>>): string {
  const keystring = clientIdOf(credentials.apiKey).trim();
  const secret = (credentials.sharedSecret ?? '').trim();
  if (!keystring) throw new AuthError('the Etsy credential apiKey (the app keystring) is missing', { field: 'apiKey' });
  if (!secret) {
    throw new AuthError("the Etsy credential sharedSecret is missing: Etsy requires x-api-key 'keystring:shared_secret'", {
      field: 'sharedSecret',
    });
  }
  return `${keystring}:${secret}`;
}

function ensureInventory(data: unknown, what: string): EtsyInventory {
  const inv = data as EtsyInventory | null;
  if (!inv || typeof inv !== 'object' || !Array.isArray(inv.products)) throw new Transient(`Etsy answered ${what} without an inventory`);
  inv.price_on_property ??= [];
  inv.quantity_on_property ??= [];
  inv.sku_on_property ??= [];
  return inv;
}

export function createEtsyApi(ctx: ConnectContext): EtsyApi {
  const c = ctx.credentials;
  // A missing credential fails every call with AuthError (never a request Etsy would refuse anyway).
  let missing: AuthError | undefined;
  let apiKey = '';
  try {
    apiKey = apiKeyHeader(c);
  } catch (e) {
    if (!(e instanceof AuthError)) throw e;
    missing = e;
  }
  const bearer = `Bearer ${c.accessToken ?? ''}`;
  const base = (c.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const client: HttpClient = ctx.http.extend({
    baseURL: `${base}${API_PREFIX}`,
    headers: { 'x-api-key': apiKey, authorization: bearer, accept: 'application/json' },
    classify: createEtsyClassifier(),
    // The composed header values too, so neither can leak whole or in part.
    secrets: [apiKey, bearer, c.apiKey, c.sharedSecret, c.accessToken].filter((s): s is string => typeof s === 'string' && s.length > 0),
  });
  const shopId = c.shopId ?? '';
  const http = {
    request: <T = unknown>(req: Parameters<HttpClient['request']>[0]) => {
      if (missing) return Promise.reject(missing);
      return client.request<T>(req);
    },
  };

  return {
    async getMe() {
      const res = await http.request<EtsyMe>({ method: 'GET', url: '/users/me' });
      return res.data;
    },
    async getListingInventory(listingId) {
      const res = await http.request({ method: 'GET', url: `/listings/${listingId}/inventory`, params: { includes: 'Listing' } });
      return ensureInventory(res.data, `getListingInventory(${listingId})`);
    },
    async getListingsInventory(listingIds) {
      const res = await http.request<EtsyListingsWithInventory>({
        method: 'GET',
        url: '/listings/batch/inventory',
        params: { listing_ids: listingIds.join(',') },
      });
      const data = res.data;
      if (!data || !Array.isArray(data.results)) throw new Transient('Etsy answered getListingsInventoryByListingIds without results');
      // A result without a usable inventory is kept as null: the caller reads that listing on its own.
      for (const r of data.results) {
        r.inventory =
          r.inventory && typeof r.inventory === 'object' && Array.isArray(r.inventory.products)
            ? ensureInventory(r.inventory, 'batch')
            : null;
      }
      return data;
    },
    async updateListingInventory(listingId, body) {
      // An absolute full replacement: sending it again after an ambiguous failure is harmless.
      const res = await http.request({ method: 'PUT', url: `/listings/${listingId}/inventory`, body, idempotent: true });
      return res.data as EtsyInventory;
    },
    async updateListingState(listingId, state) {
      await http.request({
        method: 'PATCH',
        url: `/shops/${shopId}/listings/${listingId}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ state }).toString(),
        idempotent: true,
      });
    },
  };
}
