/**
 * How the simulated store answers with a variation: the v3 response fields for stock (and a few
 * neighbours), computed the way WC_REST_Product_Variations_Controller::prepare_object_for_response does.
 */
import type { SimVariation, WooSimState } from './state';
import { backordersView, managingStockForResponse, stockQuantityView } from './stock-rules';

function isoLocal(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function variationJson(state: WooSimState, v: SimVariation): Record<string, unknown> {
  const backorders = backordersView(state, v);
  const managed = managingStockForResponse(state, v);
  return {
    id: v.id,
    date_modified: isoLocal(v.dateModified),
    date_modified_gmt: isoLocal(v.dateModified),
    sku: v.sku,
    status: v.status,
    purchasable: v.status === 'publish',
    manage_stock: managed,
    stock_quantity: managed ? stockQuantityView(state, v) : v.stockQuantity,
    stock_status: v.stockStatus,
    backorders,
    backorders_allowed: backorders !== 'no',
    backordered: Boolean(managed) && backorders !== 'no' && (stockQuantityView(state, v) ?? 0) <= 0,
    low_stock_amount: v.lowStockAmount,
  };
}

/** WordPress's `_fields`: only the named top-level fields (WooCommerce always keeps `id`). */
export function pickFields(obj: Record<string, unknown>, fields: string | string[] | undefined): Record<string, unknown> {
  const list = (Array.isArray(fields) ? fields.join(',') : fields ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  if (list.length === 0) return obj;
  const out: Record<string, unknown> = {};
  for (const key of ['id', ...list]) if (key in obj) out[key] = obj[key];
  return out;
}
