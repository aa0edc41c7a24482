/**
 * Ecwid product and combination ids are positive integers; the hub hands them over as strings.
 * De-duplication of one call's inputs (the SDK's collapseDuplicates), keeping every input's index for its outcome.
 */
import { collapseDuplicates, toPluginError, type CollapsedInput, type PluginError, type VariantRef } from '@stock-sync/plugin-sdk';

export function asPluginError(e: unknown): PluginError {
  return toPluginError(e, 'Ecwid');
}

export function parseEcwidId(raw: string): number | undefined {
  if (!/^[1-9][0-9]{0,17}$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** `indexes`: input indexes this item answers for (several when a variant is named twice; the last input wins). */
export type PlannedItem<T extends VariantRef> = CollapsedInput<T, { productId: number; combinationId: number }>;

export interface Plan<T extends VariantRef> {
  items: PlannedItem<T>[];
  invalid: number[];
}

/** Items in first-seen order, one per distinct (product, combination). */
export function planItems<T extends VariantRef>(inputs: readonly T[]): Plan<T> {
  return collapseDuplicates(inputs, { ids: ecwidIds });
}

/** Product and combination ids, or undefined when either cannot be an Ecwid id. */
export function ecwidIds(input: VariantRef): { productId: number; combinationId: number } | undefined {
  const productId = parseEcwidId(input.externalProductId);
  const combinationId = parseEcwidId(input.externalVariantId);
  return productId === undefined || combinationId === undefined ? undefined : { productId, combinationId };
}
