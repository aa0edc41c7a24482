/** The products a contract scenario seeds, generated from the plugin's declared batch size. */
import type { StockWrite, TargetStock, VariantRef } from '@stock-sync/plugin-sdk';
import type { SeedProduct } from '../simulator/types';

export function ref(productId: string, variantId: string): VariantRef {
  return { externalProductId: productId, externalVariantId: variantId };
}

/** Numeric-looking ids: several platforms (Etsy, WooCommerce) only have numeric ids. */
export function productId(n: number): string {
  return String(1000 + n);
}
export function variantId(p: number, v: number): string {
  return String((1000 + p) * 1000 + v);
}

/** `count` products of `variants` variants each, all starting at `initial`. */
export function products(count: number, variants: number, initial: TargetStock = { kind: 'unlimited' }): SeedProduct[] {
  return Array.from({ length: count }, (_, p) => ({
    productId: productId(p + 1),
    title: `Contract product ${p + 1}`,
    variants: Array.from({ length: variants }, (_, v) => ({ variantId: variantId(p + 1, v + 1), sku: `CT-${p + 1}-${v + 1}`, initial })),
  }));
}

/**
 * More changes than one platform call carries: the first product alone needs two batches
 * (maxBatch + 1 variants), a second product adds two more, so batching within and across products
 * are both exercised.
 */
export function overBatchProducts(maxBatch: number): SeedProduct[] {
  const first = products(1, maxBatch + 1)[0];
  const second = { ...products(2, 2)[1] };
  return [first, second];
}

export function refsOf(seed: SeedProduct[]): VariantRef[] {
  return seed.flatMap((p) => p.variants.map((v) => ref(p.productId, v.variantId)));
}

/**
 * A mix of targets (out of stock, quantities 10-59, unlimited): seed with a small quantity so every one is a
 * change. `previous` is what the store shows before (the seeded state), as the hub would pass it.
 */
export function mixedTargets(refs: VariantRef[], previous: TargetStock): StockWrite[] {
  return refs.map((r, i): StockWrite => {
    const target: TargetStock =
      i % 3 === 0 ? { kind: 'out_of_stock' } : i % 3 === 1 ? { kind: 'quantity', quantity: 10 + (i % 50) } : { kind: 'unlimited' };
    return { ...r, target, previous };
  });
}
