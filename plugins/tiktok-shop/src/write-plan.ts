/**
 * How a list of changes becomes the fewest Update Inventory calls: grouped by product (one product per
 * call), at most MAX_SKUS_PER_UPDATE SKUs per call (the SDK's chunk), duplicates collapsed (last wins),
 * and a product whose changes the hub says are all in place skipped (the SDK's allInPlace).
 */
import { collapseDuplicates, groupByProduct as groupBySdk, type CollapsedInput, type VariantRef } from '@stock-sync/plugin-sdk';

/** TikTok ids are decimal strings (19 digits today); anything else cannot name a TikTok object. */
export function isTikTokId(raw: string): boolean {
  return /^[0-9]{1,30}$/.test(raw);
}

/** `indexes`: the caller's input indexes this item answers for (more than one when duplicated). */
export type PlannedItem<T extends VariantRef> = CollapsedInput<T>;

export interface ProductGroup<T extends VariantRef> {
  productId: string;
  items: PlannedItem<T>[];
}

export function groupByProduct<T extends VariantRef>(inputs: readonly T[]): { groups: ProductGroup<T>[]; invalid: number[] } {
  const { items, invalid } = collapseDuplicates(inputs, {
    ids: (input) => (isTikTokId(input.externalProductId) && isTikTokId(input.externalVariantId) ? {} : undefined),
  });
  return { groups: groupBySdk(items), invalid };
}
