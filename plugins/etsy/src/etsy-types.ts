/**
 * The Etsy Open API v3 shapes this plugin reads and writes. Read shapes follow the spec's
 * ListingInventory / ListingInventoryProduct / ListingInventoryProductOffering schemas
 * (spec/etsy-openapi-2021-06.json) plus the fields Etsy added after June 2021 (readiness_state_id,
 * readiness_state_on_property). Write shapes follow updateListingInventory's requestBody.
 */

/** ShopListing.state values (https://developers.etsy.com/documentation/essentials/definitions). */
export type ListingState = 'active' | 'inactive' | 'sold_out' | 'draft' | 'expired' | 'removed' | 'edit';

export interface EtsyMoney {
  amount: number;
  divisor: number;
  currency_code: string;
}

export interface EtsyPropertyValue {
  property_id: number;
  property_name: string | null;
  scale_id: number | null;
  /** Read-only: returned by GET, refused by PUT (etsy/open-api issue #159). */
  scale_name?: string | null;
  value_ids: number[];
  values: string[];
}

export interface EtsyOffering {
  offering_id: number;
  quantity: number;
  is_enabled: boolean;
  is_deleted: boolean;
  price: EtsyMoney;
  /** Processing profile; newer than the 2021 spec and required on every written offering since. */
  readiness_state_id?: number | null;
}

export interface EtsyProduct {
  product_id: number;
  sku: string;
  is_deleted: boolean;
  offerings: EtsyOffering[];
  property_values: EtsyPropertyValue[];
}

export interface EtsyListingRef {
  listing_id: number;
  shop_id?: number;
  state: ListingState;
  quantity?: number;
  /** 'physical' | 'download' | 'both' (ShopListing.listing_type). */
  listing_type?: string;
}

export interface EtsyInventory {
  products: EtsyProduct[];
  price_on_property: number[];
  quantity_on_property: number[];
  sku_on_property: number[];
  readiness_state_on_property?: number[] | null;
  /** Present with `includes=Listing` on getListingInventory. */
  listing?: EtsyListingRef | null;
}

/** One result of getListingsInventoryByListingIds: the listing with its inventory attached. */
export interface EtsyListingWithInventory extends EtsyListingRef {
  /** null when Etsy attached none (then the listing is read on its own). */
  inventory: EtsyInventory | null;
}

export interface EtsyListingsWithInventory {
  count: number;
  results: EtsyListingWithInventory[];
}

/** getMe: the token's owner and their shop. */
export interface EtsyMe {
  user_id: number;
  shop_id: number | null;
}

/* ---- what updateListingInventory accepts ---- */

export interface EtsyWritePropertyValue {
  property_id: number;
  property_name: string | null;
  scale_id: number | null;
  value_ids: number[];
  values: string[];
}

export interface EtsyWriteOffering {
  /** A float: amount / divisor, never the Money object (etsy/open-api issue #159). */
  price: number;
  quantity: number;
  is_enabled: boolean;
  readiness_state_id: number | null;
}

export interface EtsyWriteProduct {
  sku: string;
  property_values: EtsyWritePropertyValue[];
  offerings: EtsyWriteOffering[];
}

export interface EtsyInventoryUpdate {
  products: EtsyWriteProduct[];
  price_on_property: number[];
  quantity_on_property: number[];
  sku_on_property: number[];
  readiness_state_on_property?: number[];
}
