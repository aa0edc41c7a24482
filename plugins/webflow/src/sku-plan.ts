/**
 * Webflow's one difference in planning: a SKU id is unique on the site, so inputs naming the same SKU
 * collapse to one call whatever product they name (the last input wins; every index gets its outcome).
 */
import { collapseDuplicates, type CollapsedInput, type VariantRef } from '@stock-sync/plugin-sdk';

export function collapseBySku<T extends VariantRef>(inputs: readonly T[]): CollapsedInput<T, { skuId: string }>[] {
  return collapseDuplicates(inputs, { key: (input) => input.externalVariantId, ids: (input) => ({ skuId: input.externalVariantId }) })
    .items;
}
