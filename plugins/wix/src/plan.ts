/**
 * Wix's id rule, and the answers the V1 and V3 paths give one run's items (the connection hands them to
 * the SDK's pipeline).
 */
import {
  collapseDuplicates,
  isPluginError,
  refOf,
  type CollapsedInput,
  type ObservedStock,
  type OutcomeSlots,
  type PluginError,
  type StockWrite,
  type TargetStock,
  type VariantRef,
  type WriteOutcome,
} from '@stock-sync/plugin-sdk';

export type PlannedItem<T extends VariantRef> = CollapsedInput<T>;

/** How a path answers an item: a write's error (undefined: written), a read's stock or error. */
export type Answer<T extends VariantRef, V> = (item: PlannedItem<T>, verdict: V) => void;
export type WriteAnswer = Answer<StockWrite, PluginError | undefined>;
export type ReadAnswer = Answer<VariantRef, TargetStock | PluginError>;

/** Wix ids are GUIDs; anything with characters that cannot be an id is refused without a call. */
export function usableId(id: string): boolean {
  return id.length > 0 && id.length <= 100 && /^[A-Za-z0-9_-]+$/.test(id);
}

/** The pipeline's reading of a pair: usable ids, or undefined (failed without a call). */
export const wixIds = (ref: VariantRef): object | undefined =>
  usableId(ref.externalProductId) && usableId(ref.externalVariantId) ? {} : undefined;

/** Distinct (product, variant) pairs in first-seen order; a pair named twice keeps its last input. */
export function planItems<T extends VariantRef>(inputs: readonly T[]): { items: PlannedItem<T>[]; invalid: number[] } {
  return collapseDuplicates(inputs, { ids: wixIds });
}

/** Answers as the outcomes of the inputs they stand for (a caller filling outcome slots itself, e.g. the evidence tests). */
export const writeInto =
  (changes: readonly StockWrite[], outcomes: OutcomeSlots<WriteOutcome>): WriteAnswer =>
  (it, error) =>
    outcomes.set(it.indexes, (i) =>
      error ? { ...refOf(changes[i]), status: 'failed', error } : { ...refOf(changes[i]), status: 'written' },
    );

export const readInto =
  (refs: readonly VariantRef[], outcomes: OutcomeSlots<ObservedStock>): ReadAnswer =>
  (it, v) =>
    outcomes.set(it.indexes, (i) =>
      isPluginError(v) ? { ...refOf(refs[i]), status: 'failed', error: v } : { ...refOf(refs[i]), status: 'found', stock: v },
    );
