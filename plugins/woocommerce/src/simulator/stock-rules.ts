/**
 * WooCommerce core's stock behaviour, modelled from WC_Product_Variation (inherited getters),
 * WC_Product::validate_props (derived stock_status) and the v3 variations controller's
 * prepare_object_for_database (which fields a write touches). Sources: README.md.
 */
import type { TargetStock } from '@stock-sync/plugin-api';
import type { WooBackorders, WooStockStatus } from '../woo-types';
import type { SimProduct, SimVariation, WooSimState } from './state';

/** get_manage_stock('view'): the own flag, or "parent" when unset and the parent manages stock. */
export function manageStockView(state: WooSimState, v: SimVariation): boolean | 'parent' {
  if (v.manageStock) return true;
  const parent = state.products.get(v.parentId);
  return parent?.manageStock ? 'parent' : false;
}

/** managing_stock(): what the REST response shows — false whenever the store switch is off. */
export function managingStockForResponse(state: WooSimState, v: SimVariation): boolean | 'parent' {
  return state.options.manageStock === 'yes' ? manageStockView(state, v) : false;
}

/** get_stock_quantity('view'): a "parent" variation shows the parent's quantity. */
export function stockQuantityView(state: WooSimState, v: SimVariation): number | null {
  if (manageStockView(state, v) === 'parent') return state.products.get(v.parentId)?.stockQuantity ?? null;
  return v.stockQuantity;
}

export function backordersView(state: WooSimState, v: SimVariation): WooBackorders {
  if (manageStockView(state, v) === 'parent') return state.products.get(v.parentId)?.backorders ?? 'no';
  return v.backorders;
}

/** The status core derives for tracked stock: above the threshold instock, else backorder or out. */
export function derivedStatus(state: WooSimState, quantity: number | null, backorders: WooBackorders): WooStockStatus {
  if (Math.trunc(quantity ?? 0) > Math.max(0, Math.trunc(state.options.notifyNoStockAmount))) return 'instock';
  return backorders !== 'no' ? 'onbackorder' : 'outofstock';
}

/** validate_props(), run on every save: untracked clears the count; tracked derives the status. */
export function validateProps(state: WooSimState, v: SimVariation): void {
  if (!manageStockView(state, v)) {
    v.stockQuantity = null;
    v.backorders = 'no';
    v.lowStockAmount = null;
    return;
  }
  v.stockStatus = derivedStatus(state, stockQuantityView(state, v), backordersView(state, v));
}

/** The same rule for a product (used for parent products managing stock). */
export function validateProductProps(state: WooSimState, p: SimProduct): void {
  if (!p.manageStock) {
    p.stockQuantity = null;
    p.backorders = 'no';
    return;
  }
  p.stockStatus = derivedStatus(state, p.stockQuantity, p.backorders);
}

/** wc_string_to_bool(): true for true, 1, "1", "yes", "true". */
export function wcStringToBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1;
  if (typeof v === 'string') return ['1', 'yes', 'true'].includes(v.toLowerCase());
  return false;
}

/** wc_stock_amount(): a whole number (intval) from a number or numeric string. */
export function wcStockAmount(v: unknown): number {
  const n = typeof v === 'number' ? v : Number.parseFloat(String(v));
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

/** Only the stock part of a variation update (the fields this simulator models). */
export interface StockFieldsInput {
  manage_stock?: unknown;
  stock_quantity?: unknown;
  stock_status?: unknown;
  backorders?: unknown;
  inventory_delta?: unknown;
}

const STATUSES: readonly string[] = ['instock', 'outofstock', 'onbackorder'];
const BACKORDERS: readonly string[] = ['no', 'notify', 'yes'];

/**
 * prepare_object_for_database's stock handling followed by save(): manage_stock first, then a
 * stock_status as sent (setters coerce an unknown status to instock), then the quantity only while
 * stock is managed — and validate_props() overrides the status whenever stock is managed.
 */
export function applyStockUpdate(state: WooSimState, v: SimVariation, input: StockFieldsInput): void {
  const isSet = (x: unknown) => x !== undefined && x !== null;
  if (isSet(input.manage_stock)) v.manageStock = wcStringToBool(input.manage_stock);
  if (isSet(input.stock_status))
    v.stockStatus = (STATUSES.includes(String(input.stock_status)) ? input.stock_status : 'instock') as WooStockStatus;
  if (isSet(input.backorders)) v.backorders = (BACKORDERS.includes(String(input.backorders)) ? input.backorders : 'no') as WooBackorders;
  if (manageStockView(state, v)) {
    if (isSet(input.stock_quantity)) v.stockQuantity = wcStockAmount(input.stock_quantity);
    else if (isSet(input.inventory_delta)) v.stockQuantity = wcStockAmount(v.stockQuantity ?? 0) + wcStockAmount(input.inventory_delta);
  } else {
    v.backorders = 'no';
    v.stockQuantity = null;
    v.lowStockAmount = null;
  }
  validateProps(state, v);
  v.dateModified = state.clock();
}

/** What a merchant does in wp-admin to show a neutral state (used for seeding and drift). */
export function applyMerchantEdit(state: WooSimState, v: SimVariation, to: TargetStock): void {
  if (to.kind === 'quantity') applyStockUpdate(state, v, { manage_stock: true, stock_quantity: to.quantity });
  else applyStockUpdate(state, v, { manage_stock: false, stock_status: to.kind === 'unlimited' ? 'instock' : 'outofstock' });
}

/**
 * The simulator's own neutral reading (independent of the plugin's mapping, so the contract suite
 * checks one against the other): tracked → the count (never below 0); untracked → sellable or not.
 */
export function neutralStock(state: WooSimState, v: SimVariation): TargetStock {
  const managed = managingStockForResponse(state, v);
  if (managed) return { kind: 'quantity', quantity: Math.max(0, Math.trunc(stockQuantityView(state, v) ?? 0)) };
  return v.stockStatus === 'outofstock' ? { kind: 'out_of_stock' } : { kind: 'unlimited' };
}
