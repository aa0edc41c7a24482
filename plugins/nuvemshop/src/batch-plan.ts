/**
 * How a list of changes becomes the fewest calls: grouped by product (the variants batch is scoped to
 * one product), at most MAX_BATCH per call (the SDK's chunk), a variant named twice keeps its last input,
 * and a product whose writes the hub says are all in place is skipped (the SDK's allInPlace with
 * Nuvemshop's sameOnPlatform: saves its calls with no extra read).
 */
import { collapseDuplicates, groupByProduct as groupBySdk, type CollapsedInput, type VariantRef } from '@stock-sync/plugin-sdk';

/** A platform id: a positive integer, given to us as a string. */
export function parseNuvemId(raw: string): number | undefined {
  if (!/^[1-9][0-9]{0,18}$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

export type PlannedItem<T extends VariantRef> = CollapsedInput<T, { productId: number; variantId: number }>;

export interface ProductGroup<T extends VariantRef> {
  productId: number;
  items: PlannedItem<T>[];
}

export function groupByProduct<T extends VariantRef>(inputs: readonly T[]): { groups: ProductGroup<T>[]; invalid: number[] } {
  const { items, invalid } = collapseDuplicates(inputs, {
    ids: (input) => {
      const productId = parseNuvemId(input.externalProductId);
      const variantId = parseNuvemId(input.externalVariantId);
      return productId === undefined || variantId === undefined ? undefined : { productId, variantId };
    },
  });
  return { groups: groupBySdk(items, (i) => i.productId), invalid };
}
