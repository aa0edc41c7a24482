/**
 * How a list of changes becomes the fewest wc/v3 calls: grouped by parent product (a variations
 * batch is scoped to one product), at most MAX_BATCH_ITEMS per call, duplicates collapsed (last wins)
 * and changes the hub says are already in place dropped only when that saves a whole call.
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
 * Which writes of one product to send. A write whose `previous` equals its target is skipped only
 * if leaving it out needs fewer calls; otherwise it rides along for free and re-asserts the truth.
 */
export function planProductWrites(items: PlannedItem<StockWrite>[], maxBatch: number): { send: PlannedItem<StockWrite>[]; skipped: PlannedItem<StockWrite>[] } {
  const unchanged = items.filter((i) => i.input.previous != null && sameTargetStock(i.input.previous, i.input.target));
  const callsWith = Math.ceil(items.length / maxBatch);
  const callsWithout = Math.ceil((items.length - unchanged.length) / maxBatch);
  if (callsWithout >= callsWith) return { send: items, skipped: [] };
  const skip = new Set(unchanged);
  return { send: items.filter((i) => !skip.has(i)), skipped: unchanged };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
