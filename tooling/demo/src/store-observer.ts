/** Reads every simulated store's stock (one GET /__sim/stock per platform) into the tracked variants. */
import type { DemoStore, TrackedVariant } from './fleet';
import { simStock } from './sim-api';
import type { ObservedStock } from './stock-match';

const key = (productId: string, variantId: string) => `${productId}/${variantId}`;

export async function observeStores(stores: readonly DemoStore[]): Promise<void> {
  const urls = [...new Set(stores.map((s) => s.simUrl))];
  const views = new Map<string, Map<string, ObservedStock>>();
  await Promise.all(
    urls.map(async (url) => {
      const body = await simStock(url);
      views.set(url, new Map(body.variants.map((v) => [key(v.productId, v.variantId), v.stock ?? undefined])));
    }),
  );
  for (const store of stores) {
    const view = views.get(store.simUrl)!;
    for (const v of store.variants) v.observed = view.get(key(v.productId, v.variantId));
  }
}

export function variantLabel(store: DemoStore, v: TrackedVariant): string {
  return `${store.name} › ${v.title}`;
}
