/**
 * The Etsy Open API v3 shapes this plugin reads and writes (spec/etsy-openapi-2021-06.json, plus the fields newer
 * than it: README "Writes"), and the updateListingInventory body built from a read.
 */
import type { OfferingStock } from './stock-mapping';

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

export interface EtsyInventory {
  products: EtsyProduct[];
  price_on_property: number[];
  quantity_on_property: number[];
  sku_on_property: number[];
  readiness_state_on_property?: number[] | null;
  /** Present with `includes=Listing` on getListingInventory. */
  listing?: { listing_id: number; state: ListingState; /** 'physical' | 'download' | 'both' */ listing_type?: string } | null;
}

/** getListingsInventoryByListingIds: each listing with its inventory attached (null when Etsy attached none). */
export interface EtsyListingsWithInventory {
  results: { listing_id: number; state: ListingState; inventory: EtsyInventory | null }[];
}

/** getMe: the token's owner and their shop. */
export interface EtsyMe {
  shop_id: number | null;
}

/** What updateListingInventory accepts: no product_id / offering_id / is_deleted / scale_name. */
export interface EtsyInventoryUpdate {
  products: {
    sku: string;
    property_values: Omit<EtsyPropertyValue, 'scale_name'>[];
    /** `price` a float: amount / divisor, never the Money object (etsy/open-api issue #159). */
    offerings: { price: number; quantity: number; is_enabled: boolean; readiness_state_id: number | null }[];
  }[];
  price_on_property: number[];
  quantity_on_property: number[];
  sku_on_property: number[];
  readiness_state_on_property?: number[];
}

export const liveProducts = (inventory: EtsyInventory): EtsyProduct[] => inventory.products.filter((p) => !p.is_deleted);
export const liveOfferings = (product: EtsyProduct): EtsyOffering[] => product.offerings.filter((o) => !o.is_deleted);

function moneyToFloat(price: EtsyMoney): number {
  // Etsy's divisor is a power of ten; rounding to its digits removes binary noise (1999/100 → 19.99).
  const divisor = price.divisor > 0 ? price.divisor : 1;
  return Number((price.amount / divisor).toFixed(Math.max(0, Math.round(Math.log10(divisor)))));
}

/**
 * The PUT body for `inventory` with new stock per live product (liveProducts order, one entry per live offering):
 * a full replacement, so every product is carried over as read (README "Writes"; etsy/open-api #134, #159, #168).
 */
export function toInventoryUpdate(inventory: EtsyInventory, stockByProduct: OfferingStock[][]): EtsyInventoryUpdate {
  const body: EtsyInventoryUpdate = {
    products: liveProducts(inventory).map((product, i) => ({
      sku: product.sku ?? '',
      property_values: product.property_values.map(({ property_id, property_name, scale_id, value_ids, values }) => ({
        property_id,
        property_name,
        scale_id,
        value_ids: [...value_ids],
        values: [...values],
      })),
      offerings: liveOfferings(product).map((offering, j) => {
        const stock = stockByProduct[i]?.[j] ?? offering;
        return {
          price: moneyToFloat(offering.price),
          quantity: stock.quantity,
          is_enabled: stock.is_enabled,
          readiness_state_id: offering.readiness_state_id ?? null,
        };
      }),
    })),
    price_on_property: [...inventory.price_on_property],
    quantity_on_property: [...inventory.quantity_on_property],
    sku_on_property: [...inventory.sku_on_property],
  };
  if (Array.isArray(inventory.readiness_state_on_property)) body.readiness_state_on_property = [...inventory.readiness_state_on_property];
  return body;
}
