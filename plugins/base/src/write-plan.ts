/**
 * BASE's reading of a variant's ids (the SDK's batched pipeline groups by item, chunks at
 * MAX_VARIATIONS_PER_EDIT, collapses duplicates and skips an item whose changes are all in place). A change
 * whose variant id equals its item id addresses the stock of an item without variations.
 */
import type { Planned, VariantRef } from '@stock-sync/plugin-sdk';

/** BASE item and variation ids are positive integers. */
export function parseBaseId(raw: string): number | undefined {
  if (!/^[1-9][0-9]{0,15}$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

export type PlannedItem<T extends VariantRef> = Planned<
  T,
  {
    itemId: number;
    /** undefined: the item's own stock (an item without variations). */
    variationId: number | undefined;
  }
>;

/** Item and variation ids (a variant id equal to its item id: the item's own stock), or undefined when not BASE ids. */
export function baseIds(input: VariantRef): { itemId: number; variationId: number | undefined } | undefined {
  const itemId = parseBaseId(input.externalProductId);
  const variantId = parseBaseId(input.externalVariantId);
  if (itemId === undefined || variantId === undefined) return undefined;
  return { itemId, variationId: variantId === itemId ? undefined : variantId };
}
