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
  return new Transient(`Unexpected failure talking to Webflow (${e instanceof Error ? e.name : typeof e})`);
}

/** AuthError, RateLimited (after the client's waits) and Transient (after its retries) end the run. */
export function stopsTheWork(e: PluginError): boolean {
  return e instanceof AuthError || e instanceof RateLimited || e instanceof Transient;
}

/** Inputs naming the same SKU collapse to one call (the last input wins); every index gets its outcome. */
export function collapseBySku<T extends VariantRef>(inputs: readonly T[]): { skuId: string; input: T; indexes: number[] }[] {
  const bySku = new Map<string, { skuId: string; input: T; indexes: number[] }>();
  inputs.forEach((input, index) => {
    const existing = bySku.get(input.externalVariantId);
    if (existing) {
      existing.indexes.push(index);
      existing.input = input;
    } else {
      bySku.set(input.externalVariantId, { skuId: input.externalVariantId, input, indexes: [index] });
    }
  });
  return [...bySku.values()];
}
