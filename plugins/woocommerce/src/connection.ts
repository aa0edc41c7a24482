/**
 * One store's connection: verify, writeStock, readStock over wc/v3. Stateless apart from the client
 * it was built with; every outcome comes back in input order, one per input.
 */
import {
  batched,
  NotFound,
  Rejected,
  Transient,
  type HttpClient,
  type Planned,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type VariantRef,
} from '@stock-sync/plugin-sdk';
import { wooIds } from './batch-plan';
import { itemError } from './item-errors';
import { MAX_BATCH_ITEMS, MAX_PER_PAGE } from './manifest';
import { explainMismatch, fromVariationStock, toVariationUpdate } from './stock-mapping';
import { isBatchItemError, type WooBatchResponse, type WooVariationStock } from './woo-types';

/** The fields a stock read needs; `_fields` keeps each variation to a few bytes. */
const STOCK_FIELDS = 'id,manage_stock,stock_quantity,stock_status';

type Item<T extends VariantRef> = Planned<T, { productId: number; variationId: number }>;

export class WooCommerceConnection implements StoreConnection {
  readonly writeStock: StoreConnection['writeStock'];
  readonly readStock: StoreConnection['readStock'];

  constructor(
    private readonly api: HttpClient,
    log: PluginLogger,
    maxBatch: number = MAX_BATCH_ITEMS,
  ) {
    ({ writeStock: this.writeStock, readStock: this.readStock } = batched({
      platform: 'WooCommerce',
      id: 'woocommerce',
      log,
      ids: wooIds,
      invalid: {
        write: 'WooCommerce product and variation ids are positive integers',
        read: 'Not a WooCommerce variation id (ids are positive integers)',
      },
      verify: () => this.verify(),
      // A variations batch is scoped to one product. A product whose writes the hub says are all in place is
      // skipped (no read); otherwise all go: the ones believed in place ride along and re-assert the truth.
      write: {
        groupBy: (it) => it.productId,
        maxBatch,
        skipInPlace: 'group',
        // A site may lower the batch limit with `woocommerce_rest_batch_items_limit`: halve and go on.
        splitWhen: isTooLarge,
        mapError: chunkError,
        run: (items, productId) => this.writeChunk(productId, items),
      },
      read: {
        groupBy: (it) => it.productId,
        maxBatch: MAX_PER_PAGE,
        mapError: chunkError,
        run: (items, productId) => this.readChunk(productId, items),
      },
    }));
  }

  /**
   * An empty products batch: it needs a valid key whose permission includes write and a user
   * allowed to batch-edit products, and changes nothing. One call proves all three.
   */
  async verify(): Promise<void> {
    await this.api.request({ method: 'POST', url: '/products/batch', body: {}, idempotent: true });
  }

  /** Sends one batch; each variation's verdict from its result row. */
  private async writeChunk(productId: number, items: readonly Item<StockWrite>[]): Promise<(PluginError | undefined)[]> {
    const res = await this.api.request<WooBatchResponse>({
      method: 'POST',
      url: `/products/${productId}/variations/batch`,
      body: { update: items.map((it) => toVariationUpdate(it.variationId, it.input.target)) },
      // Absolute values: sending the same batch again lands on the same state.
      idempotent: true,
    });
    const data = res.data;
    const results = Array.isArray(data?.update) ? data.update : [];
    return items.map((it, k) => {
      const result = results[k];
      if (!result || (typeof result.id === 'number' && result.id !== it.variationId && !isBatchItemError(result)))
        return new Transient(`WooCommerce answered the batch for product ${productId} without a result for variation ${it.variationId}`);
      if (isBatchItemError(result)) return itemError(it.variationId, result.error);
      const why = explainMismatch(it.input.target, result);
      if (why)
        return new Rejected(`WooCommerce did not apply the stock to variation ${it.variationId}: ${why}`, {
          variationId: it.variationId,
          observed: fromVariationStock(result),
        });
      return undefined;
    });
  }

  private async readChunk(productId: number, items: readonly Item<VariantRef>[]) {
    const res = await this.api.request<WooVariationStock[]>({
      method: 'GET',
      url: `/products/${productId}/variations`,
      params: { include: items.map((it) => it.variationId).join(','), per_page: MAX_PER_PAGE, _fields: STOCK_FIELDS },
    });
    const rows = Array.isArray(res.data) ? res.data : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return items.map((it) => {
      const row = byId.get(it.variationId);
      // The collection lists a product's live variations: absent means deleted (or moved away).
      return row
        ? fromVariationStock(row)
        : new NotFound(`WooCommerce product ${productId} has no variation ${it.variationId}`, { productId, variationId: it.variationId });
    });
  }
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
