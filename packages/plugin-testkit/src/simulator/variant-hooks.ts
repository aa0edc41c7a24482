/**
 * variantHooks: a definition's `inspect`, `deleteVariant` and `manualEdit` for a simulator whose state finds
 * one variant by its VariantRef and keeps tombstones of deleted ones. Each hook finds the variant first; what
 * happens when there is none is the same for every platform (inspect: 'deleted' for a tombstoned ref, else
 * undefined; deleteVariant: nothing; manualEdit: an error naming the ref).
 */
import type { TargetStock, VariantRef } from '@stock-sync/plugin-sdk';
import type { PlatformSimulatorDefinition } from './types';

export interface VariantHooks<TState, V> {
  /** The variant `ref` names, or undefined (absent, deleted, or under another product). */
  find(state: TState, ref: VariantRef): V | undefined;
  /** Its stock in neutral form. */
  stock(state: TState, variant: V): TargetStock;
  /** Removes it as a merchant deleting it would, leaving its tombstone (see `wasDeleted`). */
  remove(state: TState, variant: V, ref: VariantRef): void;
  /** A merchant's edit by hand (with any notice the platform sends for it). */
  edit(state: TState, variant: V, to: TargetStock): void;
  /** What the platform calls a variant and a product, for the edit-of-nothing error: ['option', 'product']. */
  names: readonly [variant: string, product: string];
  /**
   * Whether `ref` names a variant that was deleted. Default: `state.deleted` holds "productId/variantId".
   */
  wasDeleted?(state: TState, ref: VariantRef): boolean;
}

/** The tombstone of a deleted variant, "productId/variantId" (what the default `wasDeleted` looks for). */
export function variantTombstone(productId: string | number, variantId: string | number): string {
  return `${productId}/${variantId}`;
}

type Hooks<TState> = Pick<PlatformSimulatorDefinition<TState>, 'inspect' | 'deleteVariant' | 'manualEdit'>;

function inDeletedSet(state: unknown, ref: VariantRef): boolean {
  const deleted = (state as { deleted?: ReadonlySet<string> }).deleted;
  if (!deleted) throw new Error('variantHooks: the state has no `deleted` set; pass wasDeleted');
  return deleted.has(variantTombstone(ref.externalProductId, ref.externalVariantId));
}

export function variantHooks<TState, V>(hooks: VariantHooks<TState, V>): Hooks<TState> {
  const wasDeleted = hooks.wasDeleted ?? inDeletedSet;
  const [variantName, productName] = hooks.names;
  return {
    inspect(state, ref) {
      const variant = hooks.find(state, ref);
      if (variant !== undefined) return hooks.stock(state, variant);
      return wasDeleted(state, ref) ? 'deleted' : undefined;
    },
    deleteVariant(state, ref) {
      const variant = hooks.find(state, ref);
      if (variant !== undefined) hooks.remove(state, variant, ref);
    },
    manualEdit(state, ref, to) {
      const variant = hooks.find(state, ref);
      if (variant === undefined) throw new Error(`no ${variantName} ${ref.externalVariantId} in ${productName} ${ref.externalProductId}`);
      hooks.edit(state, variant, to);
    },
  };
}
