/**
 * The POST bodies the simulated Square routes read, as far as Square's official request schemas guarantee
 * them (spec-validators checks every body before a handler runs). What the schema leaves optional stays
 * optional here: the handlers refuse what the sandbox needs with Square's own error. Fields the sandbox does
 * not model are kept on the stored object as they came, hence the index signatures.
 */
export interface BatchRetrieveBody {
  object_ids: string[];
  include_related_objects?: boolean | null;
}

export interface LocationOverrideBody {
  location_id?: string;
  track_inventory?: boolean | null;
  sold_out?: boolean;
  sold_out_valid_until?: string;
  [field: string]: unknown;
}

export interface VariationDataBody {
  item_id?: string;
  name?: string | null;
  sku?: string | null;
  price_money?: { amount?: number | null; currency?: string | null } | null;
  track_inventory?: boolean | null;
  location_overrides?: LocationOverrideBody[] | null;
  [field: string]: unknown;
}

export interface CatalogObjectBody {
  type: string;
  id: string;
  version?: number;
  is_deleted?: boolean;
  item_variation_data?: VariationDataBody | null;
  [field: string]: unknown;
}

export interface BatchUpsertBody {
  idempotency_key: string;
  batches: { objects: CatalogObjectBody[] }[];
}

export interface PhysicalCountBody {
  catalog_object_id?: string | null;
  location_id?: string | null;
  state?: string | null;
  quantity?: string | null;
  occurred_at?: string | null;
  [field: string]: unknown;
}

export interface InventoryChangeBody {
  type?: string | null;
  physical_count?: PhysicalCountBody | null;
  [field: string]: unknown;
}

export interface BatchChangeBody {
  idempotency_key: string;
  changes?: InventoryChangeBody[] | null;
}

export interface CountsRetrieveBody {
  catalog_object_ids?: string[] | null;
  location_ids?: string[] | null;
  states?: string[] | null;
  limit?: number | null;
  cursor?: string | null;
}

/** A physical count after the handler checked each of these fields is present. */
export type CheckedPhysicalCount = PhysicalCountBody &
  Record<'catalog_object_id' | 'location_id' | 'state' | 'quantity' | 'occurred_at', string>;
