/**
 * Catalog V1 (Inventory API): one query for up to 100 products, then one PATCH per product whose inventory
 * has to change. The query lives on the reader host path Wix documents for it:
 * POST https://www.wixapis.com/stores-reader/v2/inventoryItems/query
 * (https://dev.wix.com/docs/api-reference/business-solutions/stores/catalog-v1/inventory/query-inventory.md);
 * the update is PATCH https://www.wixapis.com/stores/v2/inventoryItems/product/{productId}
 * (https://dev.wix.com/docs/api-reference/business-solutions/stores/catalog-v1/inventory/update-inventory-variants.md).
 */
import {
  chunk,
  NotFound,
  OutcomeSlots,
  refOf,
  Rejected,
  stopsTheWork,
  type HttpClient,
  type ObservedStock,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type TargetStock,
  type VariantRef,
  type WriteOutcome,
} from '@stock-sync/plugin-sdk';
import { QUERY_PAGE_LIMIT } from '../manifest';
import { asPluginError, type PlannedItem } from '../plan';
import type { V1InventoryItem, V1QueryResponse } from '../wix-types';
import { fromV1Variant, planV1Patch } from './v1-mapping';

export const V1_QUERY_PATH = '/stores-reader/v2/inventoryItems/query';

/** Wix's "Failed Precondition": what a V1 call meets on a site that moved to Catalog V3 (code unverified). */
export function isCatalogMismatch(error: PluginError): boolean {
  return (error.details as { status?: unknown } | undefined)?.status === 428;
}

/** The inventory items of these products, by product id. */
export async function queryV1(api: HttpClient, productIds: string[]): Promise<Map<string, V1InventoryItem>> {
  const out = new Map<string, V1InventoryItem>();
  for (const part of chunk(productIds, QUERY_PAGE_LIMIT)) {
    const res = await api.request<V1QueryResponse>({
      method: 'POST',
      url: V1_QUERY_PATH,
      // V1 queries take the filter as a JSON string.
      body: { query: { filter: JSON.stringify({ productId: { $in: part } }), paging: { limit: QUERY_PAGE_LIMIT, offset: 0 } } },
      idempotent: true,
    });
    for (const item of res.data?.inventoryItems ?? []) out.set(item.productId ?? item.externalId, item);
  }
  return out;
}

function byProduct<T extends VariantRef>(items: PlannedItem<T>[]): Map<string, PlannedItem<T>[]> {
  const m = new Map<string, PlannedItem<T>[]>();
  for (const it of items) m.set(it.input.externalProductId, [...(m.get(it.input.externalProductId) ?? []), it]);
  return m;
}

export async function writeV1(
  api: HttpClient,
  log: PluginLogger,
  changes: readonly StockWrite[],
  items: PlannedItem<StockWrite>[],
  outcomes: OutcomeSlots<WriteOutcome>,
): Promise<void> {
  const groups = byProduct(items);
  const current = await queryV1(api, [...groups.keys()]);
  for (const [productId, group] of groups) {
    const fail = (it: PlannedItem<StockWrite>, error: PluginError) =>
      outcomes.set(it.indexes, (i) => ({ ...refOf(changes[i]), status: 'failed', error }));
    const item = current.get(productId);
    if (!item) {
      for (const it of group) fail(it, new NotFound(`Wix has no inventory for product ${productId}`, { productId }));
      continue;
    }
    const known = new Set(item.variants.map((v) => v.variantId));
    const present = group.filter((it) => known.has(it.input.externalVariantId));
    for (const it of group.filter((g) => !known.has(g.input.externalVariantId)))
      fail(
        it,
        new NotFound(`Wix product ${productId} has no variant ${it.input.externalVariantId}`, {
          productId,
          variantId: it.input.externalVariantId,
        }),
      );
    const patch = planV1Patch(item, new Map<string, TargetStock>(present.map((it) => [it.input.externalVariantId, it.input.target])));
    if (patch) {
      try {
        // Absolute values for every variant sent: safe to re-send.
        await api.request({
          method: 'PATCH',
          url: `/stores/v2/inventoryItems/product/${encodeURIComponent(productId)}`,
          body: patch,
          idempotent: true,
        });
      } catch (e) {
        const error = asPluginError(e);
        // A site that moved to Catalog V3 since the query: stop, so the connection detects it again.
        if (stopsTheWork(error) || isCatalogMismatch(error)) throw error;
        const perItem =
          error instanceof NotFound
            ? new NotFound(`Wix has no inventory for product ${productId}`, error.details)
            : new Rejected(`Wix refused the inventory update of product ${productId} (${error.message})`, error.details);
        present.forEach((it) => fail(it, perItem));
        continue;
      }
      log.debug('wix v1: product inventory updated', {
        productId,
        trackQuantity: patch.inventoryItem.trackQuantity,
        variants: patch.inventoryItem.variants.length,
      });
    }
    for (const it of present) outcomes.set(it.indexes, (i) => ({ ...refOf(changes[i]), status: 'written' }));
  }
}

export async function readV1(
  api: HttpClient,
  refs: readonly VariantRef[],
  items: PlannedItem<VariantRef>[],
  outcomes: OutcomeSlots<ObservedStock>,
): Promise<void> {
  const groups = byProduct(items);
  const current = await queryV1(api, [...groups.keys()]);
  for (const [productId, group] of groups) {
    const item = current.get(productId);
    const variants = new Map((item?.variants ?? []).map((v) => [v.variantId, v]));
    for (const it of group) {
      const v = variants.get(it.input.externalVariantId);
      if (item && v) {
        const stock = fromV1Variant(item.trackQuantity, v);
        outcomes.set(it.indexes, (i) => ({ ...refOf(refs[i]), status: 'found', stock }));
      } else {
        const error = new NotFound(`Wix product ${productId} has no variant ${it.input.externalVariantId}`, {
          productId,
          variantId: it.input.externalVariantId,
        });
        outcomes.set(it.indexes, (i) => ({ ...refOf(refs[i]), status: 'failed', error }));
      }
    }
  }
}
