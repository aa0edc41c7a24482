/**
 * How changes become the fewest /1/items/edit calls: grouped by item (one item per call), at most
 * MAX_VARIATIONS_PER_EDIT per call, duplicates collapsed (last wins), an item whose changes the hub says are
 * all in place skipped. A change whose variant id equals its item id addresses the stock of an item
 * without variations.
 */
import { sameTargetStock, type StockWrite, type VariantRef } from '@stock-sync/plugin-sdk';

/** BASE item and variation ids are positive integers. */
export function parseBaseId(raw: string): number | undefined {
  if (!/^[1-9][0-9]{0,15}$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

export interface PlannedItem<T extends VariantRef> {
  indexes: number[];
  input: T;
  itemId: number;
  /** undefined: the item's own stock (an item without variations). */
  variationId: number | undefined;
}

export interface ItemGroup<T extends VariantRef> {
  itemId: number;
  items: PlannedItem<T>[];
}

export function groupByItem<T extends VariantRef>(inputs: readonly T[]): { groups: ItemGroup<T>[]; invalid: number[] } {
  const groups = new Map<number, Map<string, PlannedItem<T>>>();
  const invalid: number[] = [];
  inputs.forEach((input, index) => {
    const itemId = parseBaseId(input.externalProductId);
    const variantId = parseBaseId(input.externalVariantId);
    if (itemId === undefined || variantId === undefined) {
      invalid.push(index);
      return;
    }
    let byVariant = groups.get(itemId);
    if (!byVariant) groups.set(itemId, (byVariant = new Map()));
    const existing = byVariant.get(input.externalVariantId);
    if (existing) {
      existing.indexes.push(index);
      existing.input = input;
    } else byVariant.set(input.externalVariantId, { indexes: [index], input, itemId, variationId: variantId === itemId ? undefined : variantId });
  });
  return { groups: [...groups].map(([itemId, m]) => ({ itemId, items: [...m.values()] })), invalid };
}

export function allInPlace(items: readonly PlannedItem<StockWrite>[]): boolean {
  return items.length > 0 && items.every((i) => i.input.previous != null && sameTargetStock(i.input.previous, i.input.target));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
