/** TargetStock ⇄ Magento: the one place that knows the mapping table in README.md. Shapes: SPEC (README). */
import { OUT_OF_STOCK } from '@stock-sync/plugin-api';
import { wholeUnits } from '@stock-sync/plugin-sdk';
import type { TargetStock } from '@stock-sync/plugin-api';

/** catalog-inventory-data-stock-item-interface (the legacy, default-source stock item); many more fields. */
export interface MagentoStockItem {
  item_id?: number;
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

export const isManaged = (t: TargetStock) => t.kind !== 'unlimited';
const countFor = (target: TargetStock) => (target.kind === 'quantity' ? target.quantity : 0);
/** The source item for a tracked target: status 1 only with something to sell. */
export function sourceItemFor(sku: string, sourceCode: string, target: TargetStock): MagentoSourceItem {
  const quantity = countFor(target);
  return { sku, source_code: sourceCode, quantity, status: quantity > 0 ? 1 : 0 };
}

/**
 * The stock item as read (the endpoint takes the whole item), management switched. Tracking on at the default source
 * carries the target's count too: the legacy→default-source sync then writes it, not the stale count read.
 */
export function withManageStock(item: MagentoStockItem, target: TargetStock, writesDefaultSource: boolean): MagentoStockItem {
  const next: MagentoStockItem = { ...item, manage_stock: isManaged(target), use_config_manage_stock: false };
  if (!isManaged(target)) next.is_in_stock = true;
  else if (writesDefaultSource) Object.assign(next, { qty: countFor(target), is_in_stock: countFor(target) > 0 });
  return next;
}

/** Not managed → unlimited; managed → the source item's quantity, out of stock with status 0 or no source item. */
export function fromMagento(
  item: Pick<MagentoStockItem, 'manage_stock'>,
  source: Pick<MagentoSourceItem, 'quantity' | 'status'> | undefined,
): TargetStock {
  if (!item.manage_stock) return { kind: 'unlimited' };
  if (!source || Number(source.status) !== 1) return OUT_OF_STOCK;
  return { kind: 'quantity', quantity: wholeUnits(source.quantity) };
}

/** A legacy stock item alone (no MSI): not managed → unlimited; else its qty, out of stock when 0 or not in stock. */
export function fromLegacyStockItem(item: Pick<MagentoStockItem, 'manage_stock' | 'is_in_stock' | 'qty'>): TargetStock {
  if (!item.manage_stock) return { kind: 'unlimited' };
  const q = wholeUnits(item.qty);
  return !item.is_in_stock || q === 0 ? OUT_OF_STOCK : { kind: 'quantity', quantity: q };
}
