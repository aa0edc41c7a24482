/** The slices of Nuvemshop / Tiendanube resources this plugin reads and writes (snake_case, as sent). */

/** One location's stock of a variant (multi-inventory): `variant.inventory_levels[]`. */
export interface NuvemInventoryLevel {
  location_id: string;
  stock: number | null;
}

/**
 * A variant's stock fields. `stock` is null exactly when `stock_management` is false ("infinite"). With
 * multi-inventory, `stock` is deprecated and "will reflect the total stock for that variant in every location";
 * each location's count is in `inventory_levels`.
 */
export interface NuvemVariantStock {
  id: number;
  product_id?: number;
  stock_management: boolean;
  stock: number | null;
  inventory_levels?: NuvemInventoryLevel[];
}

/**
 * One element of the `PATCH /products/{id}/variants` body: the id plus the fields to change. Either `stock`
 * (single-location stores; "If only variant.stock is sent, we'll update the first inventory_level") or
 * `inventory_levels` with the location named.
 */
export type NuvemVariantPatch = { id: number; stock: number | null } | { id: number; inventory_levels: NuvemInventoryLevel[] };

/** A store location (GET /locations): the fields this plugin reads. */
export interface NuvemLocation {
  id: string;
  is_default?: boolean;
  priority?: number;
}

/** The platform's error body: `{ code, message, description }`, sometimes with per-field arrays or id lists. */
export interface NuvemErrorBody {
  code?: number;
  message?: string;
  description?: string | null;
  [field: string]: unknown;
}

export function isNuvemErrorBody(v: unknown): v is NuvemErrorBody {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && ('description' in v || 'message' in v || 'error' in v);
}
