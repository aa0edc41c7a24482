/**
 * How changes become the fewest /1/items/edit calls: grouped by item (one item per call), at most
 * MAX_VARIATIONS_PER_EDIT per call (the SDK's chunk), duplicates collapsed (last wins), an item whose
 * changes the hub says are all in place skipped (the SDK's allInPlace). A change whose variant id equals
 * its item id addresses the stock of an item without variations.
 */
import { collapseDuplicates, groupByProduct, type CollapsedInput, type VariantRef } from '@stock-sync/plugin-sdk';

/** BASE item and variation ids are positive integers. */
export function parseBaseId(raw: string): number | undefined {
  if (!/^[1-9][0-9]{0,15}$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

export type PlannedItem<T extends VariantRef> = CollapsedInput<
  T,
  {
    itemId: number;
    /** undefined: the item's own stock (an item without variations). */
    variationId: number | undefined;
  }
>;

export interface ItemGroup<T extends VariantRef> {
  itemId: number;
  items: PlannedItem<T>[];
}

export function groupByItem<T extends VariantRef>(inputs: readonly T[]): { groups: ItemGroup<T>[]; invalid: number[] } {
  const { items, invalid } = collapseDuplicates(inputs, {
    ids: (input) => {
      const itemId = parseBaseId(input.externalProductId);
      const variantId = parseBaseId(input.externalVariantId);
      if (itemId === undefined || variantId === undefined) return undefined;
      return { itemId, variationId: variantId === itemId ? undefined : variantId };
    },
  });
  return { groups: groupByProduct(items, (i) => i.itemId).map((g) => ({ itemId: g.productId, items: g.items })), invalid };
}
