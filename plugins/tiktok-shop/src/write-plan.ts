/**
 * TikTok's ids for the SDK's pipeline (which groups by product, chunks at MAX_SKUS_PER_UPDATE, collapses
 * duplicates, last wins, and skips a product whose changes the hub says are all in place).
 */
import type { CollapsedInput, VariantRef } from '@stock-sync/plugin-sdk';

/** TikTok ids are decimal strings (19 digits today); anything else cannot name a TikTok object. */
export function isTikTokId(raw: string): boolean {
  return /^[0-9]{1,30}$/.test(raw);
}

/** The pipeline's reading of a pair: usable ids, or undefined (failed without a call). */
export const tiktokIds = (ref: VariantRef): object | undefined =>
  isTikTokId(ref.externalProductId) && isTikTokId(ref.externalVariantId) ? {} : undefined;

/** `indexes`: the caller's input indexes this item answers for (more than one when duplicated). */
export type PlannedItem<T extends VariantRef> = CollapsedInput<T>;
