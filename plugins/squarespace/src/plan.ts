/**
 * Inputs → distinct variants (the Inventory API knows variants only; the product id is carried for
 * the outcome), chunks, and the skip rule.
 */
import { sameTargetStock, type StockWrite, type VariantRef } from '@stock-sync/plugin-sdk';

export interface PlannedItem<T extends VariantRef> {
  /** Input indexes this item answers for (a variant named twice: the last input wins). */
  indexes: number[];
  input: T;
  variantId: string;
}

/** A variant id goes into a URL path as part of a comma list, so it may not hold ',' or '/'. */
export function isUsableVariantId(id: string): boolean {
  return id.length > 0 && id.length <= 128 && !/[,/?#\s]/.test(id);
}

export function planItems<T extends VariantRef>(inputs: readonly T[]): { items: PlannedItem<T>[]; invalid: number[] } {
  const byId = new Map<string, PlannedItem<T>>();
  const invalid: number[] = [];
  inputs.forEach((input, index) => {
    const variantId = input.externalVariantId.trim();
    if (!isUsableVariantId(variantId)) {
      invalid.push(index);
      return;
    }
    const existing = byId.get(variantId);
    if (existing) {
      existing.indexes.push(index);
      existing.input = input;
    } else byId.set(variantId, { indexes: [index], input, variantId });
  });
  return { items: [...byId.values()], invalid };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * In-place writes (previous equals target) are dropped only when that saves whole adjustment calls;
 * otherwise they ride along for free and re-assert the truth in case the hub's belief is stale.
 */
export function planWrites(items: PlannedItem<StockWrite>[], maxOps: number): { send: PlannedItem<StockWrite>[]; skipped: PlannedItem<StockWrite>[] } {
  const inPlace = (i: PlannedItem<StockWrite>) => i.input.previous != null && sameTargetStock(i.input.previous, i.input.target);
  const changed = items.filter((i) => !inPlace(i));
  if (Math.ceil(changed.length / maxOps) < Math.ceil(items.length / maxOps)) return { send: changed, skipped: items.filter(inPlace) };
  return { send: items, skipped: [] };
}
