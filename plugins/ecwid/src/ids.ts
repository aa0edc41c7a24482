/**
 * Ecwid product and combination ids are positive integers; the hub hands them over as strings.
 * Grouping and de-duplication of one call's inputs, keeping every input's index for its outcome.
 */
import type { VariantRef } from '@stock-sync/plugin-sdk';

export function parseEcwidId(raw: string): number | undefined {
  if (!/^[1-9][0-9]{0,17}$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

export interface PlannedItem<T extends VariantRef> {
  /** Input indexes this item answers for (several when a variant is named twice; the last input wins). */
  indexes: number[];
  input: T;
  productId: number;
  combinationId: number;
}

export interface Plan<T extends VariantRef> {
  items: PlannedItem<T>[];
  invalid: number[];
}

/** Items in first-seen order, one per distinct (product, combination). */
export function planItems<T extends VariantRef>(inputs: readonly T[]): Plan<T> {
  const byKey = new Map<string, PlannedItem<T>>();
  const invalid: number[] = [];
  inputs.forEach((input, index) => {
    const productId = parseEcwidId(input.externalProductId);
    const combinationId = parseEcwidId(input.externalVariantId);
    if (productId === undefined || combinationId === undefined) {
      invalid.push(index);
      return;
    }
    const key = `${productId}/${combinationId}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.indexes.push(index);
      existing.input = input;
    } else {
      byKey.set(key, { indexes: [index], input, productId, combinationId });
    }
  });
  return { items: [...byKey.values()], invalid };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
