/** The TikTok Shop response shapes this plugin reads (202309). */

/** Every answer: `code` 0 is success; anything else names the failure, HTTP status or not. */
export interface TikTokEnvelope<T> {
  code: number;
  message: string;
  request_id?: string;
  data?: T | null;
}

export function isEnvelope(data: unknown): data is TikTokEnvelope<unknown> {
  return typeof data === 'object' && data !== null && typeof (data as { code?: unknown }).code === 'number';
}

export interface TikTokShop {
  id: string;
  name: string;
  region: string;
  seller_type: string;
  cipher: string;
  code: string;
}

export interface InventoryUpdateSku {
  id: string;
  inventory: { warehouse_id?: string; quantity: number }[];
}

export interface InventoryUpdateError {
  code: number;
  message: string;
  detail?: { sku_id?: string; extra_errors?: { warehouse_id?: string; code?: number; message?: string }[] };
}

export interface InventoryUpdateData {
  errors?: InventoryUpdateError[];
}

export interface InventorySku {
  id: string;
  /** Across all warehouses, including campaign and creator inventory: not what Update Inventory sets (never read). */
  total_available_quantity: number;
  warehouse_inventory: { warehouse_id: string; available_quantity: number; committed_quantity: number }[];
}

export interface InventorySearchData {
  inventory?: { product_id: string; skus: InventorySku[] }[];
}
