/**
 * How a list of changes becomes the fewest wc/v3 calls: grouped by parent product (a variations
 * batch is scoped to one product), at most MAX_BATCH_ITEMS per call (the SDK's chunk), duplicates
 * collapsed (last wins) and a product whose changes the hub says are all in place skipped (saves its
 * calls, no read). Built on the SDK's collapseDuplicates / groupByProduct / skipWritesInPlace.
 */
import {
  collapseDuplicates,
  groupByProduct as groupBySdk,
  skipWritesInPlace,
  type CollapsedInput,
  type StockWrite,
  type VariantRef,
} from '@stock-sync/plugin-sdk';

/** A WooCommerce object id: a positive integer, given to us as a string. */
export function parseWooId(raw: string): number | undefined {
  if (!/^[1-9][0-9]{0,18}$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** `indexes`: the caller's input indexes this item answers for (more than one when duplicated). */
export type PlannedItem<T extends VariantRef> = CollapsedInput<T, { productId: number; variationId: number }>;

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
  const { items, invalid } = collapseDuplicates(inputs, {
    ids: (input) => {
      const productId = parseWooId(input.externalProductId);
      const variationId = parseWooId(input.externalVariantId);
      return productId === undefined || variationId === undefined ? undefined : { productId, variationId };
    },
  });
  return { groups: groupBySdk(items, (i) => i.productId), invalid };
}

/**
 * Which writes of one product to send. When the hub says every write of the product is already in
 * place (`previous` equals `target`), the product's calls are skipped: that saves whole calls without
 * any read. Otherwise all of them go: within calls that must be made anyway, the ones believed in place
 * ride along for free and re-assert the truth in case the hub's belief is stale. (Dropping a few to
 * shave a call at the 100-item boundary would trust that belief for nothing in the common case.)
 */
export function planProductWrites(items: PlannedItem<StockWrite>[]): {
  send: PlannedItem<StockWrite>[];
  skipped: PlannedItem<StockWrite>[];
} {
  return skipWritesInPlace(items, 'group');
}
