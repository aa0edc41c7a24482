/** Big Cartel's reading of a variant's ids (the SDK's batched pipeline does the rest of the planning). */
import { toPluginError, type Planned, type PluginError, type VariantRef } from '@stock-sync/plugin-sdk';

export function asPluginError(e: unknown): PluginError {
  return toPluginError(e, 'Big Cartel');
}

export type PlannedOption<T extends VariantRef> = Planned<T, { optionId: string }>;

/** Path-safe ids only (they go into URL segments); Big Cartel's are numeric strings. */
export function usableId(id: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(id);
}

/** The option id, or undefined when either id cannot go into a URL segment. */
export function planIds(ref: VariantRef): { optionId: string } | undefined {
  return usableId(ref.externalProductId) && usableId(ref.externalVariantId) ? { optionId: ref.externalVariantId } : undefined;
}
