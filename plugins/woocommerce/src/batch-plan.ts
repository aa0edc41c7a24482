/**
 * How a list of changes becomes the fewest wc/v3 calls: grouped by parent product (a variations
 * batch is scoped to one product), at most MAX_BATCH_ITEMS per call, duplicates collapsed (last wins)
 * and a product whose changes the hub says are all in place skipped (saves its calls, no read).
 */
import { sameTargetStock, type StockWrite, type VariantRef } from '@stock-sync/plugin-sdk';

/** A WooCommerce object id: a positive integer, given to us as a string. */
export function parseWooId(raw: string): number | undefined {
  if (!/^[1-9][0-9]{0,18}$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

export interface PlannedItem<T extends VariantRef> {
  /** Indexes in the caller's input that this item answers for (more than one when duplicated). */
  indexes: number[];
  input: T;
  productId: number;
  variationId: number;
}

export interface ProductGroup<T extends VariantRef> {
  productId: number;
  items: PlannedItem<T>[];
}

export interface Grouping<T extends VariantRef> {
  groups: ProductGroup<T>[];
  /** Input indexes whose ids cannot be WooCommerce ids. */
  invalid: number[];
}

/** Groups by product in first-seen order; a variant named twice keeps its last input. */
export function groupByProduct<T extends VariantRef>(inputs: readonly T[]): Grouping<T> {
  const groups = new Map<number, Map<number, PlannedItem<T>>>();
  const invalid: number[] = [];
  inputs.forEach((input, index) => {
    const productId = parseWooId(input.externalProductId);
    const variationId = parseWooId(input.externalVariantId);
    if (productId === undefined || variationId === undefined) {
      invalid.push(index);
      return;
    }
    let byVariation = groups.get(productId);
    if (!byVariation) groups.set(productId, (byVariation = new Map()));
    const existing = byVariation.get(variationId);
    if (existing) {
      existing.indexes.push(index);
      existing.input = input;
    } else {
      byVariation.set(variationId, { indexes: [index], input, productId, variationId });
    }
  });
  return {
    groups: [...groups].map(([productId, items]) => ({ productId, items: [...items.values()] })),
    invalid,
  };
}

/**
 * Which writes of one product to send. When the hub says every write of the product is already in
 * place (`previous` equals `target`), the product's calls are skipped: that saves whole calls without
 * any read. Otherwise all of them go: within calls that must be made anyway, the ones believed in place
 * ride along for free and re-assert the truth in case the hub's belief is stale. (Dropping a few to
 * shave a call at the 100-item boundary would trust that belief for nothing in the common case.)
 */
export function planProductWrites(items: PlannedItem<StockWrite>[]): { send: PlannedItem<StockWrite>[]; skipped: PlannedItem<StockWrite>[] } {
  const inPlace = (i: PlannedItem<StockWrite>) => i.input.previous != null && sameTargetStock(i.input.previous, i.input.target);
  return items.length > 0 && items.every(inPlace) ? { send: [], skipped: items } : { send: items, skipped: [] };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
