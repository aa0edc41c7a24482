/**
 * The Magento REST shapes this plugin touches. Source: spec/magento-admin-schema-2.4.9.yaml
 * (AdobeDocs/commerce-webapi src/openapi/admin-schema-2.4.9.yaml @ e2275b5).
 */

/** catalog-inventory-data-stock-item-interface (the legacy, default-source stock item); many more fields. */
export interface MagentoStockItem {
  item_id?: number;
  product_id?: number;
  qty: number | null;
  is_in_stock: boolean;
  /** Effective value: the store configuration's when use_config_manage_stock is true. */
  manage_stock: boolean;
  use_config_manage_stock: boolean;
  [field: string]: unknown;
}

/** inventory-api-data-source-item-interface. status: 1 in stock, 0 out of stock. */
export interface MagentoSourceItem {
  sku: string;
  source_code: string;
  quantity: number;
  status: 0 | 1;
}

export interface MagentoSearchResults<T> {
  items: T[];
  total_count: number;
}

/** error-response: `message` may hold %1 / %name placeholders filled from `parameters`. */
export interface MagentoErrorBody {
  message: string;
  parameters?: (string | number)[] | Record<string, string | number>;
  errors?: MagentoErrorBody[];
}
