/** The slices of Nuvemshop / Tiendanube resources this plugin reads and writes (snake_case, as sent). */

/** A variant's stock fields. `stock` is null exactly when `stock_management` is false ("infinite"). */
export interface NuvemVariantStock {
  id: number;
  product_id?: number;
  stock_management: boolean;
  stock: number | null;
}

/** One element of the `PATCH /products/{id}/variants` body: the id plus the fields to change. */
export interface NuvemVariantPatch {
  id: number;
  stock: number | null;
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
