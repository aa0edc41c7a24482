/**
 * The small catalog `pnpm sandbox --seed` puts in every simulated store: two products, each with a
 * variant in every neutral state, so a person can see all three forms on each platform. Ids are
 * numeric strings because every platform accepts those (WooCommerce and Etsy ids are integers, Shopify
 * takes legacy numeric ids). They are offset per platform so ids never look interchangeable.
 */
import type { SeedProduct } from '@stock-sync/plugin-testkit';

export function sampleCatalog(platformId: string): SeedProduct[] {
  const base = 1000 + (hash(platformId) % 90) * 100;
  const sku = (n: number) => `SAMPLE-${platformId.toUpperCase()}-${n}`;
  return [
    {
      productId: String(base + 1),
      title: 'Sample T-shirt (print on demand)',
      variants: [
        { variantId: String(base + 11), sku: sku(11), initial: { kind: 'unlimited' } },
        { variantId: String(base + 12), sku: sku(12), initial: { kind: 'out_of_stock' } },
        { variantId: String(base + 13), sku: sku(13), initial: { kind: 'unlimited' } },
      ],
    },
    {
      productId: String(base + 2),
      title: 'Sample mug (warehouse)',
      variants: [
        { variantId: String(base + 21), sku: sku(21), initial: { kind: 'quantity', quantity: 12 } },
        { variantId: String(base + 22), sku: sku(22), initial: { kind: 'quantity', quantity: 3 } },
      ],
    },
  ];
}

/** A small stable hash (FNV-1a) so each platform gets its own id range, the same on every run. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
