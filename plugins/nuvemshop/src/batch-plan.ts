/**
 * How a list of changes becomes the fewest calls: grouped by product (the variants batch is scoped to
 * one product), at most MAX_BATCH per call, a variant named twice keeps its last input, and a product
 * whose writes the hub says are all in place is skipped (saves its calls with no extra read).
 */
import { type StockWrite, type VariantRef } from '@stock-sync/plugin-sdk';
import { sameOnPlatform } from './stock-mapping';

/** A platform id: a positive integer, given to us as a string. */
export function parseNuvemId(raw: string): number | undefined {
  if (!/^[1-9][0-9]{0,18}$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

export interface PlannedItem<T extends VariantRef> {
  /** Input indexes this item answers for (more than one when the variant was named twice). */
  indexes: number[];
  input: T;
  productId: number;
  variantId: number;
}

export interface ProductGroup<T extends VariantRef> {
  productId: number;
  items: PlannedItem<T>[];
}

export function groupByProduct<T extends VariantRef>(inputs: readonly T[]): { groups: ProductGroup<T>[]; invalid: number[] } {
  const groups = new Map<number, Map<number, PlannedItem<T>>>();
  const invalid: number[] = [];
  inputs.forEach((input, index) => {
    const productId = parseNuvemId(input.externalProductId);
    const variantId = parseNuvemId(input.externalVariantId);
    if (productId === undefined || variantId === undefined) {
      invalid.push(index);
      return;
    }
    let byVariant = groups.get(productId);
    if (!byVariant) groups.set(productId, (byVariant = new Map()));
    const existing = byVariant.get(variantId);
    if (existing) {
      existing.indexes.push(index);
      existing.input = input;
    } else {
      byVariant.set(variantId, { indexes: [index], input, productId, variantId });
    }
  });
  return { groups: [...groups].map(([productId, items]) => ({ productId, items: [...items.values()] })), invalid };
}

/**
 * All of a product's writes already in place (per the hub's `previous`) → no call for it. Otherwise
 * all go: the ones believed in place ride along in calls made anyway and re-assert the truth.
 */
export function allInPlace(items: readonly PlannedItem<StockWrite>[]): boolean {
  return items.length > 0 && items.every((i) => i.input.previous != null && sameOnPlatform(i.input.previous, i.input.target));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
