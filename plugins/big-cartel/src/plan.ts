/** Big Cartel's planning of one call's inputs, on the SDK's de-duplication and grouping. */
import {
  collapseDuplicates,
  groupByProduct as groupBySdk,
  toPluginError,
  type CollapsedInput,
  type PluginError,
  type VariantRef,
} from '@stock-sync/plugin-sdk';

export function asPluginError(e: unknown): PluginError {
  return toPluginError(e, 'Big Cartel');
}

export type PlannedOption<T extends VariantRef> = CollapsedInput<T, { optionId: string }>;

export interface ProductGroup<T extends VariantRef> {
  productId: string;
  items: PlannedOption<T>[];
}

/** Path-safe ids only (they go into URL segments); Big Cartel's are numeric strings. */
export function usableId(id: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(id);
}

/** Grouped by product in first-seen order; an option named twice keeps its last input. */
export function groupByProduct<T extends VariantRef>(inputs: readonly T[]): { groups: ProductGroup<T>[]; invalid: number[] } {
  const { items, invalid } = collapseDuplicates(inputs, {
    ids: (input) =>
      usableId(input.externalProductId) && usableId(input.externalVariantId) ? { optionId: input.externalVariantId } : undefined,
  });
  return { groups: groupBySdk(items), invalid };
}
