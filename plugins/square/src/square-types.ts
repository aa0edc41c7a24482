/**
 * The Square wire shapes this plugin touches (subsets). Source: spec/square-api.json (square/connect-api-specification
 * api.json @ 5733f66, release 2025-08-20).
 */

export interface SquareError {
  category: string;
  code: string;
  detail?: string;
  field?: string;
}

export interface ItemVariationLocationOverrides {
  location_id?: string;
  track_inventory?: boolean | null;
  /** Read-only: Square sets it (count reached 0 while tracked, or the seller marked it by hand). */
  sold_out?: boolean;
  sold_out_valid_until?: string;
  [other: string]: unknown;
}

export interface CatalogItemVariation {
  item_id?: string;
  track_inventory?: boolean | null;
  location_overrides?: ItemVariationLocationOverrides[] | null;
  [other: string]: unknown;
}

export interface CatalogObject {
  type: string;
  id: string;
  version?: number;
  is_deleted?: boolean;
  updated_at?: string;
  item_variation_data?: CatalogItemVariation;
  [other: string]: unknown;
}

export interface InventoryCount {
  catalog_object_id?: string;
  state?: string;
  location_id?: string;
  /** A decimal string, e.g. "5" or "5.00000". */
  quantity?: string;
}
