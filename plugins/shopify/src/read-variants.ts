/**
 * Reads variants' stock state with READ_VARIANTS, READ_CHUNK ids per call. A variant Shopify does not
 * return (deleted, or the id is not a variant) is undefined.
 */
import { chunk, toPluginError } from '@stock-sync/plugin-sdk';
import { READ_CHUNK, READ_VARIANTS, readVariantsCost } from './documents';
import type { Ledger } from './ledger';
import type { ShopifyApi } from './shopify-api';
import { parseVariantNode, type VariantNode, type VariantState } from './variant-state';

/** One READ_VARIANTS call (at most READ_CHUNK ids): each id's state in the order of `ids`; throws the call's error. */
export async function readStates(api: ShopifyApi, ids: readonly string[], locationId: string): Promise<(VariantState | undefined)[]> {
  const data = await api.graphql<{ nodes: Array<VariantNode | null> }>(READ_VARIANTS, { ids, locationId }, readVariantsCost(ids.length));
  const nodes = data.nodes ?? [];
  // `nodes` answers in the order of `ids`, null for ids that resolve to nothing.
  return ids.map((_, i) => parseVariantNode(nodes[i]));
}

/** Every id in calls of READ_CHUNK; a failed call fails its ids in the ledger, and a stop is thrown on (Ledger.callFailed). */
export async function readVariants(
  api: ShopifyApi,
  ledger: Ledger,
  variantIds: readonly string[],
  locationId: string,
  onState: (variantId: string, state: VariantState | undefined) => void,
): Promise<void> {
  for (const ids of chunk(variantIds, READ_CHUNK)) {
    let states: (VariantState | undefined)[];
    try {
      states = await readStates(api, ids, locationId);
    } catch (e) {
      ledger.callFailed(ids, toPluginError(e, 'Shopify'));
      continue;
    }
    ids.forEach((id, i) => onState(id, states[i]));
  }
}
