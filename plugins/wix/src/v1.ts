/**
 * Catalog V1 (Inventory API, README "Calls used"): one query for up to 100 products on the reader path
 * (POST /stores-reader/v2/inventoryItems/query), then one PATCH /stores/v2/inventoryItems/product/{productId}
 * per product whose inventory has to change.
 */
import { chunk, groupByProduct, stopsTheWork, toPluginError } from '@stock-sync/plugin-sdk';
import { NotFound, Rejected } from '@stock-sync/plugin-api';
import type { Planned } from '@stock-sync/plugin-sdk';
import type { VariantRef } from '@stock-sync/plugin-api';
import { QUERY_PAGE_LIMIT } from './manifest';
import { fromV1Variant, planV1Patch } from './mapping';
import type { CatalogPath, Site, V1InventoryItem, V1Patch, V1QueryResponse } from './wix-types';

/** The items by product, each group with its product's inventory item (absent: Wix has none). */
async function queryV1<T extends VariantRef>(api: Site['api'], items: readonly Planned<T>[]) {
  const groups = groupByProduct(items);
  const found = new Map<string, V1InventoryItem>();
  const productIds = groups.map((g) => g.productId);
  for (const part of chunk(productIds, QUERY_PAGE_LIMIT)) {
    const res = await api.request<V1QueryResponse>({
      method: 'POST',
      url: '/stores-reader/v2/inventoryItems/query',
      // V1 queries take the filter as a JSON string.
      body: { query: { filter: JSON.stringify({ productId: { $in: part } }), paging: { limit: QUERY_PAGE_LIMIT, offset: 0 } } },
      idempotent: true,
    });
    for (const item of res.data?.inventoryItems ?? []) found.set(item.productId ?? item.externalId, item);
  }
  return groups.map((g) => ({ ...g, inventory: found.get(g.productId) }));
}

const noVariant = (productId: string, variantId: string) =>
  new NotFound(`Wix product ${productId} has no variant ${variantId}`, { productId, variantId });

/** One product's PATCH: undefined once applied, or the error its variants fail with; throws what stops the run. */
async function patchV1({ api, log }: Site, productId: string, patch: V1Patch) {
  try {
    // Absolute values for every variant sent: safe to re-send.
    await api.request({
      method: 'PATCH',
      url: `/stores/v2/inventoryItems/product/${encodeURIComponent(productId)}`,
      body: patch,
      idempotent: true,
    });
  } catch (e) {
    const error = toPluginError(e, 'Wix');
    // Wix's "Failed Precondition" (428): what a V1 call meets on a site that moved to Catalog V3 since the query
    // (code unverified). Stop, so the connection detects it again.
    if (stopsTheWork(error) || (error.details as { status?: unknown } | undefined)?.status === 428) throw error;
    return error instanceof NotFound
      ? new NotFound(`Wix has no inventory for product ${productId}`, error.details)
      : new Rejected(`Wix refused the inventory update of product ${productId} (${error.message})`, error.details);
  }
  const { trackQuantity, variants } = patch.inventoryItem;
  log.debug('wix v1: product inventory updated', { productId, trackQuantity, variants: variants.length });
  return undefined;
}

export const v1: CatalogPath = {
  /** One query for the items' products, then one PATCH per product whose inventory has to change. */
  async write(site, items, answer) {
    for (const { productId, items: group, inventory } of await queryV1(site.api, items)) {
      if (!inventory) {
        for (const it of group) answer(it, new NotFound(`Wix has no inventory for product ${productId}`, { productId }));
        continue;
      }
      const known = new Set(inventory.variants.map((v) => v.variantId));
      const present = group.filter((it) => known.has(it.input.externalVariantId));
      for (const it of group) if (!known.has(it.input.externalVariantId)) answer(it, noVariant(productId, it.input.externalVariantId));
      const patch = planV1Patch(inventory, new Map(present.map((it) => [it.input.externalVariantId, it.input.target])));
      const verdict = patch && (await patchV1(site, productId, patch));
      for (const it of present) answer(it, verdict);
    }
  },
  async read(site, items, answer) {
    for (const { productId, items: group, inventory } of await queryV1(site.api, items)) {
      const variants = new Map((inventory?.variants ?? []).map((v) => [v.variantId, v]));
      for (const it of group) {
        const v = variants.get(it.input.externalVariantId);
        answer(it, inventory && v ? fromV1Variant(inventory.trackQuantity, v) : noVariant(productId, it.input.externalVariantId));
      }
    }
  },
};
