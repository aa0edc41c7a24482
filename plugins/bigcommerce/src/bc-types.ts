/** The BigCommerce v3 wire shapes this plugin touches (subsets of VAR, INV and PROD: README.md). */

/** Product inventory_tracking: "none" (not tracked), "product" (one count), "variant" (a count per variant). */
export type BcInventoryTracking = 'none' | 'product' | 'variant';
export const BC_INVENTORY_TRACKING: readonly BcInventoryTracking[] = ['none', 'product', 'variant'];

/** The stock fields of a variant (productVariant_Full). */
export interface BcVariantStock {
  id: number;
  purchasing_disabled: boolean;
  /** Replaced by the configured location's count (readPlanned) while the product tracks inventory by variant. */
  inventory_level: number | null;
}

/** A product as GET /catalog/products?include=variants returns it (the fields this plugin asks for). */
export interface BcProductStock {
  id: number;
  inventory_tracking: BcInventoryTracking;
  /** The product's own count (tracking "product"); the sum of its variants' counts when tracked by variant. */
  inventory_level: number;
  variants?: BcVariantStock[];
}

export interface BcCollection<T> {
  data: T[];
  meta?: { pagination?: { current_page: number; total_pages: number } };
}

/** application/problem+json error body: `{ status, title, type, errors }`. */
export interface BcErrorBody {
  status?: number;
  title?: string;
  type?: string;
  errors?: Record<string, unknown>;
  /** PUT /catalog/variants answers 422 with one entry per failed variant. */
  batch_errors?: BcErrorBody[];
}

/** One item of GET /inventory/locations/{location_id}/items (LocationItemsResponse, inventory spec). */
export interface BcLocationItem {
  identity: { variant_id?: number };
  total_inventory_onhand: number;
}
