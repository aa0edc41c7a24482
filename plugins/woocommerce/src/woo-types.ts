/**
 * The wc/v3 wire shapes this plugin touches (a subset of the product-variation schema).
 * Source: woocommerce-rest-api-docs `source/includes/wp-api-v3/_product-variations.md` and the
 * controller `class-wc-rest-product-variations-controller.php` (see README.md).
 */

export type WooStockStatus = 'instock' | 'outofstock' | 'onbackorder';
export const WOO_STOCK_STATUSES: readonly WooStockStatus[] = ['instock', 'outofstock', 'onbackorder'];

export type WooBackorders = 'no' | 'notify' | 'yes';

/** The stock fields of a variation as the API returns them. */
export interface WooVariationStock {
  id: number;
  /** true / false, or "parent" when the variation inherits the parent product's stock management. */
  manage_stock: boolean | 'parent';
  stock_quantity: number | null;
  stock_status: WooStockStatus;
  backorders?: WooBackorders;
}

/** One entry of `update` in a variations batch request. */
export interface WooVariationStockUpdate {
  id: number;
  manage_stock: boolean;
  stock_quantity?: number;
  stock_status?: WooStockStatus;
}

/** WordPress REST error body: `{ code, message, data: { status, … } }`. */
export interface WooErrorBody {
  code: string;
  message: string;
  data?: { status?: number; [key: string]: unknown } | null;
}

/** A batch answers 200 with one entry per item, in request order; failed items carry `error`. */
export type WooBatchItemResult = WooVariationStock | { id: number; error: WooErrorBody };

export interface WooBatchResponse {
  create?: WooBatchItemResult[];
  update?: WooBatchItemResult[];
  delete?: WooBatchItemResult[];
}

export function isBatchItemError(item: WooBatchItemResult): item is { id: number; error: WooErrorBody } {
  return typeof (item as { error?: unknown }).error === 'object' && (item as { error?: unknown }).error !== null;
}
