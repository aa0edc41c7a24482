/** The simulated Weebly site store: products with their SKUs (field names as the Platform API shows them). */

export interface SimSku {
  product_sku_id: string;
  sku: string | null;
  price: number;
  sale_price: number | null;
  /** null: not tracked. */
  inventory: number | null;
  weight: number | null;
  product_type: 'physical' | 'digital' | 'service';
  created_date: number;
  updated_date: number;
}

export interface SimProduct {
  product_id: string;
  name: string;
  skus: Map<string, SimSku>;
}

export interface WeeblySimState {
  siteId: string;
  userId: string;
  products: Map<string, SimProduct>;
  /** "productId/skuId" of SKUs that existed and were deleted. */
  deleted: Set<string>;
  /** The token's scopes. */
  scopes: Set<string>;
  /**
   * Site ids that moved to `siteId`: every call under one answers 301 with the same path under the current
   * site id ("Any call may result in a redirect … make an identical call but to the newly provided resource
   * URL" — what triggers Weebly's redirects is not documented; a moved site is the simulator's model).
   */
  formerSiteIds: Set<string>;
}

export const SIM_SITE_ID = '987654321';
/** The site owner's Weebly user id (an install-flow connect input). */
export const SIM_USER_ID = '123456';

export function createWeeblyState(): WeeblySimState {
  return {
    siteId: SIM_SITE_ID,
    userId: SIM_USER_ID,
    products: new Map(),
    deleted: new Set(),
    scopes: new Set(['read:store-catalog', 'write:store-catalog']),
    formerSiteIds: new Set(),
  };
}

export const refKey = (productId: string, skuId: string) => `${productId}/${skuId}`;

/** The SKU as the API shows it (detail view: every field). */
export function skuJson(state: WeeblySimState, productId: string, s: SimSku): Record<string, unknown> {
  const current = s.sale_price ?? s.price;
  return {
    user_id: state.userId,
    site_id: state.siteId,
    current_price: current,
    product_id: productId,
    product_sku_id: s.product_sku_id,
    sku: s.sku,
    price: s.price,
    sale_price: s.sale_price,
    inventory: s.inventory,
    weight: s.weight,
    product_type: s.product_type,
    download_limit_type: null,
    download_units_remaining: null,
    created_date: s.created_date,
    updated_date: s.updated_date,
    files: [],
    optionchoices: [],
  };
}

/** List view: only the `list` fields of the docs' table. */
export function skuListJson(state: WeeblySimState, productId: string, s: SimSku): Record<string, unknown> {
  const {
    weight: _w,
    product_type: _t,
    download_limit_type: _d,
    download_units_remaining: _u,
    created_date: _c,
    updated_date: _up,
    files: _f,
    ...list
  } = skuJson(state, productId, s);
  return list;
}
