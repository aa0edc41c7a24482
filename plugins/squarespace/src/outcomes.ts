/** One result slot per input, filled as calls answer; whatever is left when work stops gets the stop error. */
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
  // Never echo a foreign error's message: it may carry a URL or header nobody redacted.
  return new Transient(`Unexpected failure talking to Squarespace (${e instanceof Error ? e.name : typeof e})`);
}

/** AuthError, RateLimited (after the client's waits) and Transient (after its retries) end the run. */
export function stopsTheWork(e: PluginError): boolean {
  return e instanceof AuthError || e instanceof RateLimited || e instanceof Transient;
}
