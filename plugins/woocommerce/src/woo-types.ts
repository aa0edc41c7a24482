/** The wc/v3 wire shapes this plugin touches (a subset of the product-variation schema; sources in README.md). */

export type WooStockStatus = 'instock' | 'outofstock' | 'onbackorder';
export type WooBackorders = 'no' | 'notify' | 'yes';

/** The stock fields of a variation as the API returns them. */
export interface WooVariationStock {
  id: number;
  /** true / false, or "parent" when the variation inherits the parent product's stock management. */
  manage_stock: boolean | 'parent';
  stock_quantity: number | null;
  stock_status: WooStockStatus;
}

/** WordPress REST error body: `{ code, message, data: { status, … } }`. */
export interface WooErrorBody {
  code: string;
  message: string;
  data?: { status?: number; [key: string]: unknown } | null;
}
