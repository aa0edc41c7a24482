/**
 * The simulated Etsy shop: listings → products → offerings, as Open API v3 stores them, plus the
 * derived fields Etsy computes (listing quantity = sum of the enabled offerings' quantities; state
 * sold_out when that reaches 0 by hand or by sales).
 */
import type { EtsyInventory, EtsyMoney, EtsyPropertyValue, ListingState } from '../etsy-types';

/** Fixed identities of the simulated shop; obviously fake. */
export const SIM_USER_ID = 7_654_321;
export const SIM_SHOP_ID = 34_567_890;
export const SIM_KEYSTRING = 'etsy_test_keystring_0000000000';
export const SIM_SHARED_SECRET = 'etsy_test_shared_secret_000000';
export const SIM_ACCESS_TOKEN = `${SIM_USER_ID}.etsy_test_access_token_0000000000`;
export const SIM_REFRESH_TOKEN = `${SIM_USER_ID}.etsy_test_refresh_token_0000000000`;
/** Etsy: "access tokens … have a lifespan of one hour" (developers.etsy.com/documentation/essentials/authentication). */
export const SIM_ACCESS_TOKEN_TTL_MS = 3_600_000;
/** The shop's processing profile, carried on every offering (readiness_state_id). */
export const SIM_READINESS_STATE_ID = 1_402_817_325;
/** A custom variation property ("Variant") for listings with several products. */
export const SIM_VARIATION_PROPERTY_ID = 513;
/** Etsy's default application budget. */
export const SIM_DAILY_LIMIT = 10_000;

export interface SimOffering {
  offering_id: number;
  quantity: number;
  is_enabled: boolean;
  is_deleted: boolean;
  price: EtsyMoney;
  readiness_state_id: number | null;
}

export interface SimProduct {
  product_id: number;
  sku: string;
  is_deleted: boolean;
  offerings: SimOffering[];
  property_values: EtsyPropertyValue[];
}

export interface SimListing {
  listing_id: number;
  shop_id: number;
  user_id: number;
  title: string;
  state: ListingState;
  products: SimProduct[];
  price_on_property: number[];
  quantity_on_property: number[];
  sku_on_property: number[];
  readiness_state_on_property: number[];
  last_modified_timestamp: number;
  state_timestamp: number;
}

export interface EtsySimState {
  listings: Map<number, SimListing>;
  /** "listingId/productId" of every seeded variant (to tell deleted from never seeded). */
  seeded: Set<string>;
  nextId: number;
  /**
   * The application's daily (QPD) budget; tests may lower `limit`. `headerless`: refuse a spent budget with
   * a bare 429 (no rate headers, no retry-after), as Etsy's older rate-limit page says it does.
   */
  daily: { limit: number; used: number; headerless?: boolean };
  /** Every updateListingInventory body received (newest last), for tests that check what was sent. */
  inventoryWrites: { listingId: number; body: unknown }[];
  oauth: EtsySimOAuth;
}

/**
 * The OAuth side: live access tokens with their expiry, and live refresh tokens (each is single-use:
 * Etsy rotates the refresh token on every refresh). Tests may lower `accessTokenTtlMs` or expire tokens.
 */
export interface EtsySimOAuth {
  accessTokenTtlMs: number;
  /**
   * Lifetime of the SEEDED token from its first use; null (the default) = long-lived, like a sandbox token, so
   * a sandbox shared by several stores keeps working for hours. Tokens issued by a refresh always expire.
   */
  seededTokenTtlMs: number | null;
  /** token → expiry (ms, the simulator's clock); null = the seeded token (see seededTokenTtlMs). */
  accessTokens: Map<string, number | null>;
  refreshTokens: Set<string>;
  /** Successful refreshes so far (tests count them). */
  refreshes: number;
  /** Issued-token counter, so every new token is unique. */
  issued: number;
}

export function createSimOAuth(): EtsySimOAuth {
  return {
    accessTokenTtlMs: SIM_ACCESS_TOKEN_TTL_MS,
    seededTokenTtlMs: null,
    accessTokens: new Map([[SIM_ACCESS_TOKEN, null]]),
    refreshTokens: new Set([SIM_REFRESH_TOKEN]),
    refreshes: 0,
    issued: 0,
  };
}

export function createSimState(): EtsySimState {
  return {
    listings: new Map(),
    seeded: new Set(),
    nextId: 4_100_000_001,
    daily: { limit: SIM_DAILY_LIMIT, used: 0 },
    inventoryWrites: [],
    oauth: createSimOAuth(),
  };
}

export function newId(state: EtsySimState): number {
  return state.nextId++;
}

export function variantKey(listingId: number | string, productId: number | string): string {
  return `${listingId}/${productId}`;
}

export function liveSimProducts(listing: SimListing): SimProduct[] {
  return listing.products.filter((p) => !p.is_deleted);
}

/** Etsy: "The listing quantity is the sum of available offering quantities." */
export function listingQuantity(listing: SimListing): number {
  let sum = 0;
  for (const p of liveSimProducts(listing)) for (const o of p.offerings) if (!o.is_deleted && o.is_enabled) sum += o.quantity;
  return sum;
}

export function setListingState(listing: SimListing, state: ListingState, nowSeconds: number): void {
  if (listing.state !== state) listing.state_timestamp = nowSeconds;
  listing.state = state;
}

/** An active listing whose quantity reached 0 is sold out (what a last sale or a hand edit does). */
export function deriveSoldOut(listing: SimListing, nowSeconds: number): void {
  if (listing.state === 'active' && listingQuantity(listing) === 0) setListingState(listing, 'sold_out', nowSeconds);
}

export function listingView(listing: SimListing) {
  return {
    listing_id: listing.listing_id,
    user_id: listing.user_id,
    shop_id: listing.shop_id,
    title: listing.title,
    state: listing.state,
    quantity: listingQuantity(listing),
    url: `https://www.etsy.com/listing/${listing.listing_id}`,
    listing_type: 'physical',
    last_modified_timestamp: listing.last_modified_timestamp,
    updated_timestamp: listing.last_modified_timestamp,
    state_timestamp: listing.state_timestamp,
  };
}

/**
 * @param opts.singleListing the call names one listing (getListingInventory, updateListingInventory): only
 *        then, and only while the listing is active, does Etsy show each offering's readiness_state_id
 *        ("Returned only when the listing is `active` and of type `physical`, and the endpoint is either
 *        shop-scoped … or a single-listing request"; null in every other case).
 */
export function inventoryView(
  listing: SimListing,
  opts: { showDeleted?: boolean; includeListing?: boolean; singleListing?: boolean } = {},
): EtsyInventory {
  const showProfiles = opts.singleListing === true && listing.state === 'active';
  const products = (opts.showDeleted ? listing.products : liveSimProducts(listing)).map((p) => ({
    product_id: p.product_id,
    sku: p.sku,
    is_deleted: p.is_deleted,
    offerings: p.offerings
      .filter((o) => opts.showDeleted || !o.is_deleted)
      .map((o) => ({ ...o, price: { ...o.price }, readiness_state_id: showProfiles ? o.readiness_state_id : null })),
    property_values: p.property_values.map((pv) => ({ ...pv, value_ids: [...pv.value_ids], values: [...pv.values] })),
  }));
  return {
    products,
    price_on_property: [...listing.price_on_property],
    quantity_on_property: [...listing.quantity_on_property],
    sku_on_property: [...listing.sku_on_property],
    readiness_state_on_property: [...listing.readiness_state_on_property],
    listing: opts.includeListing ? listingView(listing) : null,
  };
}
