/**
 * The simulated Webflow ecommerce site: its collections (Products, Categories, SKUs), products and
 * their SKUs with each SKU's inventory (`inventoryType` + `quantity`).
 */
import type { InventoryType } from '../webflow-types';

export interface SimSku {
  id: string;
  productId: string;
  name: string;
  inventoryType: InventoryType;
  /** Meaningful while finite; an infinite SKU reports 0. */
  quantity: number;
  lastUpdated: number;
}

export interface SimProduct {
  id: string;
  name: string;
  skuIds: string[];
}

export interface SimCollection {
  id: string;
  displayName: string;
  singularName: string;
  slug: string;
}

export interface WebflowSimState {
  siteId: string;
  collections: SimCollection[];
  products: Map<string, SimProduct>;
  skus: Map<string, SimSku>;
  /** "productId/skuId" of SKUs that existed and were deleted. */
  deleted: Set<string>;
  /** A site without ecommerce answers 409 ecommerce_not_enabled. */
  ecommerceEnabled: boolean;
  clock: () => number;
}

/** Obviously fake object ids in Webflow's 24-hex form. */
export const SANDBOX_SITE_ID = '5f0c8c9e1c9d440000e8d8c0';
export const SANDBOX_SKU_COLLECTION_ID = '5f0c8c9e1c9d440000e8d8c3';

export function createWebflowState(): WebflowSimState {
  return {
    siteId: SANDBOX_SITE_ID,
    collections: [
      { id: '5f0c8c9e1c9d440000e8d8c1', displayName: 'Products', singularName: 'Product', slug: 'product' },
      { id: '5f0c8c9e1c9d440000e8d8c2', displayName: 'Categories', singularName: 'Category', slug: 'category' },
      { id: SANDBOX_SKU_COLLECTION_ID, displayName: 'SKUs', singularName: 'SKU', slug: 'sku' },
    ],
    products: new Map(),
    skus: new Map(),
    deleted: new Set(),
    ecommerceEnabled: true,
    clock: Date.now,
  };
}

export function skuCollectionId(state: WebflowSimState): string | undefined {
  return state.collections.find((c) => c.slug === 'sku')?.id;
}

export function refKey(productId: string, skuId: string): string {
  return `${productId}/${skuId}`;
}
