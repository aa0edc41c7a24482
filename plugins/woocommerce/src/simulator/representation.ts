/**
 * How the simulated store answers with a variation: every field of the documented v3 variation object, the
 * stock ones computed the way WC_REST_Product_Variations_Controller::prepare_object_for_response does.
 */
import type { SimVariation, WooSimState } from './state';
import { backordersView, managingStockForResponse, stockQuantityView } from './stock-rules';

/** The sandbox's site address in links (the sandbox answers on loopback; links are not followed). */
const SITE = 'https://example.com';

function isoLocal(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function variationJson(state: WooSimState, v: SimVariation): Record<string, unknown> {
  const backorders = backordersView(state, v);
  const managed = managingStockForResponse(state, v);
  const modified = isoLocal(v.dateModified);
  const variationUrl = `${SITE}/wp-json/wc/v3/products/${v.parentId}/variations`;
  // Every field of the documented variation object, in its order (README: the fact table); the ones the
  // sandbox does not model carry the neutral values the docs' example shows.
  return {
    id: v.id,
    date_created: modified,
    date_created_gmt: modified,
    date_modified: modified,
    date_modified_gmt: modified,
    description: '',
    permalink: `${SITE}/?p=${v.parentId}&variation_id=${v.id}`,
    sku: v.sku,
    price: '9.00',
    regular_price: '9.00',
    sale_price: '',
    date_on_sale_from: null,
    date_on_sale_from_gmt: null,
    date_on_sale_to: null,
    date_on_sale_to_gmt: null,
    on_sale: false,
    status: v.status,
    purchasable: v.status === 'publish',
    virtual: false,
    downloadable: false,
    downloads: [],
    download_limit: -1,
    download_expiry: -1,
    tax_status: 'taxable',
    tax_class: '',
    manage_stock: managed,
    stock_quantity: managed ? stockQuantityView(state, v) : v.stockQuantity,
    stock_status: v.stockStatus,
    backorders,
    backorders_allowed: backorders !== 'no',
    backordered: Boolean(managed) && backorders !== 'no' && (stockQuantityView(state, v) ?? 0) <= 0,
    low_stock_amount: v.lowStockAmount,
    weight: '',
    dimensions: { length: '', width: '', height: '' },
    shipping_class: '',
    shipping_class_id: 0,
    // A variation without its own image answers null (the v3 controller's get_image()).
    image: null,
    attributes: [],
    menu_order: 0,
    meta_data: [],
    _links: {
      self: [{ href: `${variationUrl}/${v.id}` }],
      collection: [{ href: variationUrl }],
      up: [{ href: `${SITE}/wp-json/wc/v3/products/${v.parentId}` }],
    },
  };
}

/** WordPress's `_fields`: only the named top-level fields (WooCommerce always keeps `id`). */
export function pickFields(obj: Record<string, unknown>, fields: string | string[] | undefined): Record<string, unknown> {
  const list = (Array.isArray(fields) ? fields.join(',') : (fields ?? ''))
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (list.length === 0) return obj;
  const out: Record<string, unknown> = {};
  for (const key of ['id', ...list]) if (key in obj) out[key] = obj[key];
  return out;
}
