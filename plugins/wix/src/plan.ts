/** Wix's id rule and de-duplication (the SDK's collapseDuplicates), shared by the V1 and V3 paths. */
import { collapseDuplicates, toPluginError, type CollapsedInput, type PluginError, type VariantRef } from '@stock-sync/plugin-sdk';

export function asPluginError(e: unknown): PluginError {
  return toPluginError(e, 'Wix');
}

export type PlannedItem<T extends VariantRef> = CollapsedInput<T>;

/** Wix ids are GUIDs; anything with characters that cannot be an id is refused without a call. */
export function usableId(id: string): boolean {
  return id.length > 0 && id.length <= 100 && /^[A-Za-z0-9_-]+$/.test(id);
}

/** Distinct (product, variant) pairs in first-seen order; a pair named twice keeps its last input. */
export function planItems<T extends VariantRef>(inputs: readonly T[]): { items: PlannedItem<T>[]; invalid: number[] } {
  return collapseDuplicates(inputs, {
    ids: (input) => (usableId(input.externalProductId) && usableId(input.externalVariantId) ? {} : undefined),
  });
}
