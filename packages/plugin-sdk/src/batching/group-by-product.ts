/** Planned items grouped by the product they belong to (platforms that scope a write call to one product). */
import type { VariantRef } from '../contract';

export interface ProductGroup<I, K = string> {
  productId: K;
  items: I[];
}

/**
 * Groups in first-seen product order, items in their order within each group. `productOf` gives the
 * grouping key (default the input's externalProductId; a parsed id works too — keys compare with Map semantics).
 */
export function groupByProduct<I extends { input: VariantRef }, K = string>(
  items: readonly I[],
  productOf: (item: I) => K = (item) => item.input.externalProductId as unknown as K,
): ProductGroup<I, K>[] {
  const groups = new Map<K, I[]>();
  for (const item of items) {
    const key = productOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups].map(([productId, grouped]) => ({ productId, items: grouped }));
}
