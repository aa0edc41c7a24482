/**
 * Inputs → distinct variants (the Inventory API knows variants only; the product id is carried for
 * the outcome) and the skip rule. Two differences from the SDK's defaults, kept explicit: inputs are
 * keyed by the trimmed variant id alone, and in-place writes are dropped when that saves whole
 * adjustment calls (not only when a group is all in place).
 */
import { collapseDuplicates, isInPlace, type CollapsedInput, type StockWrite, type VariantRef } from '@stock-sync/plugin-sdk';

/** `indexes`: input indexes this item answers for (a variant named twice: the last input wins). */
export type PlannedItem<T extends VariantRef> = CollapsedInput<T, { variantId: string }>;

/** A variant id goes into a URL path as part of a comma list, so it may not hold ',' or '/'. */
export function isUsableVariantId(id: string): boolean {
  return id.length > 0 && id.length <= 128 && !/[,/?#\s]/.test(id);
}

export function planItems<T extends VariantRef>(inputs: readonly T[]): { items: PlannedItem<T>[]; invalid: number[] } {
  return collapseDuplicates(inputs, {
    key: (input) => input.externalVariantId.trim(),
    ids: (input) => {
      const variantId = input.externalVariantId.trim();
      return isUsableVariantId(variantId) ? { variantId } : undefined;
    },
  });
}

/**
 * In-place writes (previous equals target) are dropped only when that saves whole adjustment calls;
 * otherwise they ride along for free and re-assert the truth in case the hub's belief is stale.
 */
export function planWrites(
  items: PlannedItem<StockWrite>[],
  maxOps: number,
): { send: PlannedItem<StockWrite>[]; skipped: PlannedItem<StockWrite>[] } {
  const inPlace = (i: PlannedItem<StockWrite>) => isInPlace(i.input);
  const changed = items.filter((i) => !inPlace(i));
  if (Math.ceil(changed.length / maxOps) < Math.ceil(items.length / maxOps)) return { send: changed, skipped: items.filter(inPlace) };
  return { send: items, skipped: [] };
}
