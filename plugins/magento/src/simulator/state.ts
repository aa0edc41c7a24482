/**
 * The simulated Magento store, in Magento's own shape: simple child products under configurable parents,
 * a legacy stock item per SKU (manage_stock with its use_config flag, the default source's qty and
 * is_in_stock) and MSI source items per (SKU, source), kept in sync for the default source.
 */
import type { TargetStock, VariantRef } from '@stock-sync/plugin-api';

export interface SimProduct {
  id: number;
  sku: string;
  typeId: 'simple' | 'configurable';
  parentSku?: string;
  childSkus: string[];
}

/** The stored stock item (Magento's cataloginventory_stock_item row, as the REST interface names it). */
export interface SimStockItem {
  item_id: number;
  product_id: number;
  stock_id: number;
  qty: number;
  is_in_stock: boolean;
  is_qty_decimal: boolean;
  show_default_notification_message: boolean;
  use_config_min_qty: boolean;
  min_qty: number;
  use_config_min_sale_qty: number;
  min_sale_qty: number;
  use_config_max_sale_qty: boolean;
  max_sale_qty: number;
  use_config_backorders: boolean;
  backorders: number;
  use_config_notify_stock_qty: boolean;
  notify_stock_qty: number;
  use_config_qty_increments: boolean;
  qty_increments: number;
  use_config_enable_qty_inc: boolean;
  enable_qty_increments: boolean;
  use_config_manage_stock: boolean;
  /** The item's own setting; the effective one follows the configuration while use_config_manage_stock. */
  manage_stock: boolean;
  low_stock_date: string | null;
  is_decimal_divided: boolean;
  stock_status_changed_auto: number;
}

export interface MagentoSimState {
  /** Stores → Configuration → Catalog → Inventory → Product Stock Options. */
  config: { manageStock: boolean; minQty: number };
  storeCodes: Set<string>;
  sources: Set<string>;
  products: Map<string, SimProduct>;
  stockItems: Map<string, SimStockItem>;
  /** `sku|source_code` → MSI source item. */
  sourceItems: Map<string, { quantity: number; status: 0 | 1 }>;
  deleted: Set<string>;
  nextId: number;
  /**
   * Multi-Source Inventory installed (true by default). False models a store whose Magento_Inventory*
   * modules are disabled: every /V1/inventory/* path answers 404 "Request does not match any route.".
   */
  msi: boolean;
  /**
   * Web API input limits (Stores → Configuration → Services → Magento Web API): when set, an entity array
   * longer than this is refused whole with 400 "Maximum items of type "%type" is %max" (documented default 20).
   */
  inputListLimit?: number;
}

export const DEFAULT_SOURCE = 'default';

export function createMagentoState(): MagentoSimState {
  return {
    config: { manageStock: true, minQty: 0 },
    storeCodes: new Set(['default', 'all']),
    sources: new Set([DEFAULT_SOURCE, 'eu_warehouse']),
    products: new Map(),
    stockItems: new Map(),
    sourceItems: new Map(),
    deleted: new Set(),
    nextId: 1,
    msi: true,
  };
}

export const sourceKey = (sku: string, source: string) => `${sku}|${source}`;
export const refKey = (parent: string, sku: string) => `${parent}/${sku}`;

export function findChild(state: MagentoSimState, ref: VariantRef): SimProduct | undefined {
  const p = state.products.get(ref.externalVariantId);
  return p && p.parentSku === ref.externalProductId ? p : undefined;
}

export function effectiveManageStock(state: MagentoSimState, s: SimStockItem): boolean {
  return s.use_config_manage_stock ? state.config.manageStock : s.manage_stock;
}

/**
 * Magento's verifyStock for a managed item without backorders: nothing above min_qty is out of stock
 * whatever was sent.
 */
export function deriveIsInStock(state: MagentoSimState, s: SimStockItem, wanted: boolean): boolean {
  if (!effectiveManageStock(state, s)) return wanted;
  const minQty = s.use_config_min_qty ? state.config.minQty : s.min_qty;
  return wanted && (s.backorders > 0 || s.qty > minQty);
}

/** Legacy stock item → default source item (what InventoryCatalog's legacy synchronisation does). */
export function syncDefaultSource(state: MagentoSimState, sku: string): void {
  const s = state.stockItems.get(sku)!;
  state.sourceItems.set(sourceKey(sku, DEFAULT_SOURCE), { quantity: s.qty, status: s.is_in_stock ? 1 : 0 });
}

/** Default source item → legacy stock item. */
export function syncLegacy(state: MagentoSimState, sku: string): void {
  const s = state.stockItems.get(sku);
  const src = state.sourceItems.get(sourceKey(sku, DEFAULT_SOURCE));
  if (!s || !src) return;
  s.qty = src.quantity;
  s.is_in_stock = deriveIsInStock(state, s, src.status === 1);
}

export function newStockItem(id: number): SimStockItem {
  return {
    item_id: id,
    product_id: id,
    stock_id: 1,
    qty: 0,
    is_in_stock: false,
    is_qty_decimal: false,
    show_default_notification_message: false,
    use_config_min_qty: true,
    min_qty: 0,
    use_config_min_sale_qty: 1,
    min_sale_qty: 1,
    use_config_max_sale_qty: true,
    max_sale_qty: 10000,
    use_config_backorders: true,
    backorders: 0,
    use_config_notify_stock_qty: true,
    notify_stock_qty: 1,
    use_config_qty_increments: true,
    qty_increments: 0,
    use_config_enable_qty_inc: true,
    enable_qty_increments: false,
    use_config_manage_stock: true,
    manage_stock: true,
    low_stock_date: null,
    is_decimal_divided: false,
    stock_status_changed_auto: 0,
  };
}

/** The simulator's own neutral reading at a source (independent of the plugin's mapping). */
export function neutralStock(state: MagentoSimState, sku: string, source = DEFAULT_SOURCE): TargetStock {
  const s = state.stockItems.get(sku)!;
  if (!effectiveManageStock(state, s)) return { kind: 'unlimited' };
  const src = state.sourceItems.get(sourceKey(sku, source));
  if (!src || src.status !== 1 || src.quantity <= 0) return { kind: 'out_of_stock' };
  return { kind: 'quantity', quantity: Math.floor(src.quantity) };
}

/** What a merchant does on the product form: "Manage Stock" No for unlimited, else Yes with the quantity. */
export function applyMerchantEdit(state: MagentoSimState, sku: string, to: TargetStock): void {
  const s = state.stockItems.get(sku)!;
  s.use_config_manage_stock = false;
  s.manage_stock = to.kind !== 'unlimited';
  if (to.kind === 'unlimited') {
    s.is_in_stock = true;
  } else {
    s.qty = to.kind === 'quantity' ? to.quantity : 0;
    s.is_in_stock = deriveIsInStock(state, s, s.qty > 0);
  }
  syncDefaultSource(state, sku);
}
