/** One result slot per input, filled in any order, returned in input order. */
import { isPluginError, Transient, type PluginError, type VariantRef } from '@stock-sync/plugin-sdk';

export class Slots<T> {
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

export function ref(v: VariantRef): VariantRef {
  return { externalProductId: v.externalProductId, externalVariantId: v.externalVariantId };
}

export function asPluginError(e: unknown): PluginError {
  if (isPluginError(e)) return e;
  // Never echo a foreign error's message: it may carry a URL or header the client did not redact.
  return new Transient(`Unexpected failure talking to Magento (${e instanceof Error ? e.name : typeof e})`);
}

/** A Magento SKU: 1–64 characters (catalog_product_entity.sku), not only spaces. */
export function isSku(raw: string): boolean {
  return raw.length > 0 && raw.length <= 64 && raw.trim() !== '';
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
