/**
 * Squarespace's reading of a variant's ids: the Inventory API knows variants only (the product id is carried
 * for the outcome), keyed by the trimmed variant id. The SDK's batched pipeline does the rest.
 */
import type { Planned, VariantRef } from '@stock-sync/plugin-sdk';

/** `indexes`: input indexes this item answers for (a variant named twice: the last input wins). */
export type PlannedItem<T extends VariantRef> = Planned<T, { variantId: string }>;

/** A variant id goes into a URL path as part of a comma list, so it may not hold ',' or '/'. */
export function isUsableVariantId(id: string): boolean {
  return id.length > 0 && id.length <= 128 && !/[,/?#\s]/.test(id);
}

/** The trimmed variant id, or undefined when it cannot go into the comma list of a URL path. */
export function planIds(ref: VariantRef): { variantId: string } | undefined {
  const variantId = ref.externalVariantId.trim();
  return isUsableVariantId(variantId) ? { variantId } : undefined;
}
