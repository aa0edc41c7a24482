/** One result slot per input, ids, de-duplication and chunking shared by the V1 and V3 paths. */
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
  return new Transient(`Unexpected failure talking to Wix (${e instanceof Error ? e.name : typeof e})`);
}

/** AuthError, RateLimited (after the client's waits) and Transient (after its retries) end the run. */
export function stopsTheWork(e: PluginError): boolean {
  return e instanceof AuthError || e instanceof RateLimited || e instanceof Transient;
}

export interface PlannedItem<T extends VariantRef> {
  indexes: number[];
  input: T;
}

/** Wix ids are GUIDs; anything with characters that cannot be an id is refused without a call. */
export function usableId(id: string): boolean {
  return id.length > 0 && id.length <= 100 && /^[A-Za-z0-9_-]+$/.test(id);
}

/** Distinct (product, variant) pairs in first-seen order; a pair named twice keeps its last input. */
export function planItems<T extends VariantRef>(inputs: readonly T[]): { items: PlannedItem<T>[]; invalid: number[] } {
  const byKey = new Map<string, PlannedItem<T>>();
  const invalid: number[] = [];
  inputs.forEach((input, index) => {
    if (!usableId(input.externalProductId) || !usableId(input.externalVariantId)) {
      invalid.push(index);
      return;
    }
    const key = `${input.externalProductId}/${input.externalVariantId}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.indexes.push(index);
      existing.input = input;
    } else byKey.set(key, { indexes: [index], input });
  });
  return { items: [...byKey.values()], invalid };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
