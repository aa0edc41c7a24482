/** The SDK's batched pipeline over one product's variations per call (README.md "Batching and the fewest calls"). */
import { batched, positiveIntegerId } from '@stock-sync/plugin-sdk';
import { NotFound, Rejected, Transient } from '@stock-sync/plugin-api';
import type { HttpClient, PluginError, PluginLogger, StockWrite, StoreConnection, VariantRef } from '@stock-sync/plugin-api';
import type { Planned } from '@stock-sync/plugin-sdk';
import { MAX_BATCH_ITEMS, MAX_PER_PAGE } from './manifest';
import { explainMismatch, fromVariationStock, toVariationUpdate } from './stock-mapping';
import type { WooErrorBody, WooVariationStock } from './woo-types';

/**
 * Products' calls in flight at once (README "Batching and the fewest calls"): each call is one product's
 * variations, so a store's products need not wait for each other; the store's rate budget paces them.
 */
export const PRODUCT_CONCURRENCY = 4;
/** `_fields` keeps each variation to a few bytes. */
const STOCK_FIELDS = 'id,manage_stock,stock_quantity,stock_status';

type Ids = { productId: number; variationId: number };
type Item<T extends VariantRef> = Planned<T, Ids>;

/** Product and variation ids, or undefined when either cannot be a WooCommerce id. */
export function wooIds(ref: VariantRef): Ids | undefined {
  const [productId, variationId] = [positiveIntegerId(ref.externalProductId), positiveIntegerId(ref.externalVariantId)];
  return productId && variationId ? { productId, variationId } : undefined;
}

/** An empty products batch changes nothing and proves a valid key, with write permission, of a user allowed to batch-edit. */
export async function verifyWooKeys(api: HttpClient): Promise<void> {
  await api.request({ method: 'POST', url: '/products/batch', body: {}, idempotent: true });
}

/** A failed item inside a 200 batch answer: `…_invalid_id` (a variation that no longer exists) → NotFound, else Rejected. */
function itemError(variationId: number, error: WooErrorBody): PluginError {
  const code = typeof error.code === 'string' ? error.code : 'unknown';
  const details = { code, status: error.data?.status, variationId };
  if (code.endsWith('_invalid_id')) return new NotFound(`WooCommerce variation ${variationId} does not exist (${code})`, details);
  const message = typeof error.message === 'string' ? error.message : '';
  return new Rejected(`WooCommerce refused the change to variation ${variationId} (${code}: ${message})`, details);
}

/** A batch answers 200 with one entry per item, in request order; a failed item carries `error`. */
type BatchRow = WooVariationStock | { id: number; error: WooErrorBody };
const failedRow = (row: BatchRow): row is { id: number; error: WooErrorBody } =>
  typeof (row as { error?: unknown }).error === 'object' && (row as { error?: unknown }).error !== null;

/** Sends one batch; each variation's verdict from its result row. */
async function writeChunk(api: HttpClient, productId: number, items: readonly Item<StockWrite>[]): Promise<(PluginError | undefined)[]> {
  const res = await api.request<{ update?: BatchRow[] }>({
    method: 'POST',
    url: `/products/${productId}/variations/batch`,
    body: { update: items.map((it) => toVariationUpdate(it.variationId, it.input.target)) },
    // Absolute values: sending the same batch again lands on the same state.
    idempotent: true,
  });
  const results = Array.isArray(res.data?.update) ? res.data.update : [];
  return items.map((it, k) => {
    const result = results[k];
    if (!result || (typeof result.id === 'number' && result.id !== it.variationId && !failedRow(result)))
      return new Transient(`WooCommerce answered the batch for product ${productId} without a result for variation ${it.variationId}`);
    if (failedRow(result)) return itemError(it.variationId, result.error);
    const why = explainMismatch(it.input.target, result);
    if (why)
      return new Rejected(`WooCommerce did not apply the stock to variation ${it.variationId}: ${why}`, {
        variationId: it.variationId,
        observed: fromVariationStock(result),
      });
    return undefined;
  });
}

async function readChunk(api: HttpClient, productId: number, items: readonly Item<VariantRef>[]) {
  const res = await api.request<WooVariationStock[]>({
    method: 'GET',
    url: `/products/${productId}/variations`,
    params: { include: items.map((it) => it.variationId).join(','), per_page: MAX_PER_PAGE, _fields: STOCK_FIELDS },
  });
  const byId = new Map((Array.isArray(res.data) ? res.data : []).map((r) => [r.id, r]));
  return items.map((it) => {
    const row = byId.get(it.variationId);
    // The collection lists a product's live variations: absent means deleted (or moved away).
    return row
      ? fromVariationStock(row)
      : new NotFound(`WooCommerce product ${productId} has no variation ${it.variationId}`, { productId, variationId: it.variationId });
  });
}

/** A whole-call 404 means the route or product is missing, not that each variant was deleted. */
function chunkError(error: PluginError): PluginError {
  return error instanceof NotFound
    ? new Rejected(`WooCommerce answered 404 for the whole request (${error.message})`, error.details)
    : error;
}

/** 413 woocommerce_rest_request_entity_too_large: the site's batch limit is below ours. */
function isTooLarge(error: PluginError): boolean {
  return (
    error instanceof Rejected &&
    (error.details?.status === 413 || String(error.details?.body ?? '').includes('woocommerce_rest_request_entity_too_large'))
  );
}

export function wooConnection(api: HttpClient, log: PluginLogger): StoreConnection {
  return batched({
    platform: 'WooCommerce',
    id: 'woocommerce',
    log,
    ids: wooIds,
    invalid: {
      write: 'WooCommerce product and variation ids are positive integers',
      read: 'Not a WooCommerce variation id (ids are positive integers)',
    },
    verify: () => verifyWooKeys(api),
    write: {
      groupBy: (it) => it.productId,
      maxBatch: MAX_BATCH_ITEMS,
      skipInPlace: 'group',
      // A site may lower the batch limit with `woocommerce_rest_batch_items_limit`: halve and go on.
      splitWhen: isTooLarge,
      mapError: chunkError,
      concurrency: PRODUCT_CONCURRENCY,
      // A revoked key or a spent budget is met by one call, not by four.
      firstAlone: true,
      run: (items, productId) => writeChunk(api, productId, items),
    },
    read: {
      groupBy: (it) => it.productId,
      maxBatch: MAX_PER_PAGE,
      mapError: chunkError,
      concurrency: PRODUCT_CONCURRENCY,
      firstAlone: true,
      run: (items, productId) => readChunk(api, productId, items),
    },
  });
}
