/**
 * How a list of changes becomes the fewest Update Inventory calls: grouped by product (one product per
 * call), at most MAX_SKUS_PER_UPDATE SKUs per call, duplicates collapsed (last wins), and a product whose
 * changes the hub says are all in place skipped (saves whole calls without a read).
 */
import { sameTargetStock, type StockWrite, type VariantRef } from '@stock-sync/plugin-sdk';

/** TikTok ids are decimal strings (19 digits today); anything else cannot name a TikTok object. */
export function isTikTokId(raw: string): boolean {
  return /^[0-9]{1,30}$/.test(raw);
}

export interface PlannedItem<T extends VariantRef> {
  /** Indexes in the caller's input this item answers for (more than one when duplicated). */
  indexes: number[];
  input: T;
}

export interface ProductGroup<T extends VariantRef> {
  productId: string;
  items: PlannedItem<T>[];
}

export function groupByProduct<T extends VariantRef>(inputs: readonly T[]): { groups: ProductGroup<T>[]; invalid: number[] } {
  const groups = new Map<string, Map<string, PlannedItem<T>>>();
  const invalid: number[] = [];
  inputs.forEach((input, index) => {
    if (!isTikTokId(input.externalProductId) || !isTikTokId(input.externalVariantId)) {
      invalid.push(index);
      return;
    }
    let skus = groups.get(input.externalProductId);
    if (!skus) groups.set(input.externalProductId, (skus = new Map()));
    const existing = skus.get(input.externalVariantId);
    if (existing) {
      existing.indexes.push(index);
      existing.input = input;
    } else skus.set(input.externalVariantId, { indexes: [index], input });
  });
  return { groups: [...groups].map(([productId, skus]) => ({ productId, items: [...skus.values()] })), invalid };
}

/** All of a product's writes already in place (per the hub) → no call; otherwise all of them go. */
export function allInPlace(items: readonly PlannedItem<StockWrite>[]): boolean {
  return items.length > 0 && items.every((i) => i.input.previous != null && sameTargetStock(i.input.previous, i.input.target));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
