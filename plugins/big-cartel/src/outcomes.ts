/** One result slot per input, filled in any order, returned in input order; small shared helpers. */
import { AuthError, isPluginError, RateLimited, Transient, type PluginError, type VariantRef } from '@stock-sync/plugin-sdk';

export class Outcomes<T> {
  private readonly slots: (T | undefined)[];
  constructor(size: number) {
    this.slots = new Array<T | undefined>(size).fill(undefined);
  }
  set(indexes: readonly number[], make: (index: number) => T): void {
    for (const i of indexes) this.slots[i] = make(i);
  }
  fillRemaining(make: (index: number) => T): void {
    this.slots.forEach((v, i) => {
      if (v === undefined) this.slots[i] = make(i);
    });
  }
  done(): T[] {
    return this.slots as T[];
  }
}

export function refOf(v: VariantRef): VariantRef {
  return { externalProductId: v.externalProductId, externalVariantId: v.externalVariantId };
}

export function asPluginError(e: unknown): PluginError {
  if (isPluginError(e)) return e;
  // Never echo a foreign error's message: it may carry a URL or header the client did not redact.
  return new Transient(`Unexpected failure talking to Big Cartel (${e instanceof Error ? e.name : typeof e})`);
}

/** AuthError, RateLimited (after the client's waits) and Transient (after its retries) end the run. */
export function stopsTheWork(e: PluginError): boolean {
  return e instanceof AuthError || e instanceof RateLimited || e instanceof Transient;
}

export interface PlannedOption<T extends VariantRef> {
  indexes: number[];
  input: T;
  optionId: string;
}

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
  const groups = new Map<string, Map<string, PlannedOption<T>>>();
  const invalid: number[] = [];
  inputs.forEach((input, index) => {
    if (!usableId(input.externalProductId) || !usableId(input.externalVariantId)) {
      invalid.push(index);
      return;
    }
    let byOption = groups.get(input.externalProductId);
    if (!byOption) groups.set(input.externalProductId, (byOption = new Map()));
    const existing = byOption.get(input.externalVariantId);
    if (existing) {
      existing.indexes.push(index);
      existing.input = input;
    } else {
      byOption.set(input.externalVariantId, { indexes: [index], input, optionId: input.externalVariantId });
    }
  });
  return { groups: [...groups].map(([productId, items]) => ({ productId, items: [...items.values()] })), invalid };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
