/**
 * TargetStock ⇄ Magento: the one place that knows the mapping table in README.md. Whether a SKU is tracked
 * is the legacy stock item's manage_stock; its quantity and status are the MSI source item's.
 */
import type { TargetStock } from '@stock-sync/plugin-sdk';
import type { MagentoSourceItem, MagentoStockItem } from './magento-types';

export const isManaged = (t: TargetStock) => t.kind !== 'unlimited';

export function countFor(target: TargetStock): number {
  return target.kind === 'quantity' ? target.quantity : 0;
}

/** The source item for a tracked target: status 1 only with something to sell. */
export function sourceItemFor(sku: string, sourceCode: string, target: TargetStock): MagentoSourceItem {
  const quantity = countFor(target);
  return { sku, source_code: sourceCode, quantity, status: quantity > 0 ? 1 : 0 };
}

/**
 * The stock item as read, with stock management switched; everything else goes back as read (the
 * endpoint takes the whole item). Tracking on at the default source also carries the target's count, so
 * the legacy→default-source sync writes the target rather than the stale count that was read.
 */
export function withManageStock(item: MagentoStockItem, target: TargetStock, writesDefaultSource: boolean): MagentoStockItem {
  const next: MagentoStockItem = { ...item, manage_stock: isManaged(target), use_config_manage_stock: false };
  if (!isManaged(target)) next.is_in_stock = true;
  else if (writesDefaultSource) {
    next.qty = countFor(target);
    next.is_in_stock = countFor(target) > 0;
  }
  return next;
}

/**
 * The neutral reading: not managed → unlimited; managed → the source item's quantity when it is in stock,
 * out of stock when its status is 0 (or there is no source item for the source).
 */
export function fromMagento(
  item: Pick<MagentoStockItem, 'manage_stock'>,
  source: Pick<MagentoSourceItem, 'quantity' | 'status'> | undefined,
): TargetStock {
  if (!item.manage_stock) return { kind: 'unlimited' };
  if (!source || Number(source.status) !== 1) return { kind: 'out_of_stock' };
  const n = Number(source.quantity);
  return { kind: 'quantity', quantity: Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0 };
}

/**
 * The neutral reading of a legacy stock item alone (stores without MSI): not managed → unlimited; managed
 * and not in stock → out of stock; else its qty (floored, ≥ 0; a managed 0 reads as out of stock).
 */
export function fromLegacyStockItem(item: Pick<MagentoStockItem, 'manage_stock' | 'is_in_stock' | 'qty'>): TargetStock {
  if (!item.manage_stock) return { kind: 'unlimited' };
  const n = Number(item.qty);
  const q = Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0;
  if (!item.is_in_stock || q === 0) return { kind: 'out_of_stock' };
  return { kind: 'quantity', quantity: q };
}

/** Quantity 0 and out of stock are one state on a store (both sell nothing). */
export function showsSame(a: TargetStock, b: TargetStock): boolean {
  const soldOut = (t: TargetStock) => t.kind === 'out_of_stock' || (t.kind === 'quantity' && t.quantity === 0);
  if (soldOut(a) || soldOut(b)) return soldOut(a) && soldOut(b);
  return a.kind === b.kind && (a.kind !== 'quantity' || a.quantity === (b as { quantity: number }).quantity);
}
