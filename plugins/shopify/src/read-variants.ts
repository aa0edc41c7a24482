/**
 * Reads variants' stock state with READ_VARIANTS, READ_CHUNK ids per call. Results go into the
 * ledger's caller via `onState`; a variant Shopify does not return (deleted, or the id is not a
 * variant) is reported as undefined.
 */
import { chunk, Transient } from '@stock-sync/plugin-sdk';
import { READ_CHUNK, READ_VARIANTS, readVariantsCost } from './documents';
import { asPluginError, type Ledger } from './ledger';
import type { ShopifyApi } from './shopify-api';
import { parseVariantNode, type VariantNode, type VariantState } from './variant-state';

export async function readVariants(
  api: ShopifyApi,
  ledger: Ledger<unknown>,
  variantIds: readonly string[],
  locationId: string,
  onState: (variantId: string, state: VariantState | undefined) => void,
): Promise<void> {
  for (const ids of chunk(variantIds, READ_CHUNK)) {
    if (ledger.stopped) return;
    let nodes: Array<VariantNode | null>;
    try {
      const data = await api.graphql<{ nodes: Array<VariantNode | null> }>(
        READ_VARIANTS,
        { ids, locationId },
        readVariantsCost(ids.length),
      );
      nodes = data.nodes ?? [];
    } catch (e) {
      ledger.callFailed(
        ids,
        asPluginError(e, (m) => new Transient(`reading variants failed: ${m}`)),
      );
      continue;
    }
    // `nodes` answers in the order of `ids`, null for ids that resolve to nothing.
    ids.forEach((id, i) => {
      onState(id, parseVariantNode(nodes[i]));
    });
  }
}
