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
  groupByProduct,
  NotFound,
  Rejected,
  stopsTheWork,
  toPluginError,
  type HttpClient,
  type ObservedStock,
  type OutcomeSlots,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type TargetStock,
  type VariantRef,
  type WriteOutcome,
} from '@stock-sync/plugin-sdk';
import { QUERY_PAGE_LIMIT } from '../manifest';
import { readInto, writeInto, type PlannedItem, type ReadAnswer, type WriteAnswer } from '../plan';
import type { V1InventoryItem, V1Patch, V1QueryResponse } from '../wix-types';
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

const noVariant = (productId: string, variantId: string) =>
  new NotFound(`Wix product ${productId} has no variant ${variantId}`, { productId, variantId });

/** One product's PATCH: undefined once applied, or the error its variants fail with; throws what stops the run. */
async function patchV1(api: HttpClient, log: PluginLogger, productId: string, patch: V1Patch): Promise<PluginError | undefined> {
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
    // A site that moved to Catalog V3 since the query: stop, so the connection detects it again.
    if (stopsTheWork(error) || isCatalogMismatch(error)) throw error;
    return error instanceof NotFound
      ? new NotFound(`Wix has no inventory for product ${productId}`, error.details)
      : new Rejected(`Wix refused the inventory update of product ${productId} (${error.message})`, error.details);
  }
  log.debug('wix v1: product inventory updated', {
    productId,
    trackQuantity: patch.inventoryItem.trackQuantity,
    variants: patch.inventoryItem.variants.length,
  });
  return undefined;
}

/** One query for the items' products, then one PATCH per product whose inventory has to change. */
export async function writeV1Items(
  api: HttpClient,
  log: PluginLogger,
  items: readonly PlannedItem<StockWrite>[],
  answer: WriteAnswer,
): Promise<void> {
  const groups = groupByProduct(items);
  const current = await queryV1(
    api,
    groups.map((g) => g.productId),
  );
  for (const { productId, items: group } of groups) {
    const item = current.get(productId);
    if (!item) {
      for (const it of group) answer(it, new NotFound(`Wix has no inventory for product ${productId}`, { productId }));
      continue;
    }
    const known = new Set(item.variants.map((v) => v.variantId));
    const present = group.filter((it) => known.has(it.input.externalVariantId));
    for (const it of group) if (!known.has(it.input.externalVariantId)) answer(it, noVariant(productId, it.input.externalVariantId));
    const patch = planV1Patch(item, new Map<string, TargetStock>(present.map((it) => [it.input.externalVariantId, it.input.target])));
    const verdict = patch && (await patchV1(api, log, productId, patch));
    for (const it of present) answer(it, verdict);
  }
}

export async function readV1Items(api: HttpClient, items: readonly PlannedItem<VariantRef>[], answer: ReadAnswer): Promise<void> {
  const groups = groupByProduct(items);
  const current = await queryV1(
    api,
    groups.map((g) => g.productId),
  );
  for (const { productId, items: group } of groups) {
    const item = current.get(productId);
    const variants = new Map((item?.variants ?? []).map((v) => [v.variantId, v]));
    for (const it of group) {
      const v = variants.get(it.input.externalVariantId);
      answer(it, item && v ? fromV1Variant(item.trackQuantity, v) : noVariant(productId, it.input.externalVariantId));
    }
  }
}

/** The V1 write into outcome slots (a caller without the pipeline). */
export const writeV1 = (
  api: HttpClient,
  log: PluginLogger,
  changes: readonly StockWrite[],
  items: PlannedItem<StockWrite>[],
  outcomes: OutcomeSlots<WriteOutcome>,
): Promise<void> => writeV1Items(api, log, items, writeInto(changes, outcomes));

/** The V1 read into outcome slots (a caller without the pipeline). */
export const readV1 = (
  api: HttpClient,
  refs: readonly VariantRef[],
  items: PlannedItem<VariantRef>[],
  outcomes: OutcomeSlots<ObservedStock>,
): Promise<void> => readV1Items(api, items, readInto(refs, outcomes));
