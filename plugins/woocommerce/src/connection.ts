/**
 * One store's connection: verify, writeStock, readStock over wc/v3. Stateless apart from the client
 * it was built with; every outcome comes back in input order, one per input.
 */
import {
  chunk,
  NotFound,
  OutcomeSlots,
  refOf as ref,
  Rejected,
  stopsTheWork,
  toPluginError,
  Transient,
  type HttpClient,
  type ObservedStock,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type VariantRef,
  type WriteOutcome,
} from '@stock-sync/plugin-sdk';
import { groupByProduct, planProductWrites, type PlannedItem } from './batch-plan';
import { itemError } from './item-errors';
import { MAX_BATCH_ITEMS, MAX_PER_PAGE } from './manifest';
import { explainMismatch, fromVariationStock, toVariationUpdate } from './stock-mapping';
import { isBatchItemError, type WooBatchResponse, type WooVariationStock } from './woo-types';

/** The fields a stock read needs; `_fields` keeps each variation to a few bytes. */
const STOCK_FIELDS = 'id,manage_stock,stock_quantity,stock_status';

const asPluginError = (e: unknown) => toPluginError(e, 'WooCommerce');

export class WooCommerceConnection implements StoreConnection {
  constructor(
    private readonly api: HttpClient,
    private readonly log: PluginLogger,
    private readonly maxBatch: number = MAX_BATCH_ITEMS,
  ) {}

  /**
   * An empty products batch: it needs a valid key whose permission includes write and a user
   * allowed to batch-edit products, and changes nothing. One call proves all three.
   */
  async verify(): Promise<void> {
    await this.api.request({ method: 'POST', url: '/products/batch', body: {}, idempotent: true });
  }

  async writeStock(changes: readonly StockWrite[]): Promise<WriteOutcome[]> {
    const outcomes = new OutcomeSlots<WriteOutcome>(changes.length);
    const { groups, invalid } = groupByProduct(changes);
    outcomes.set(invalid, (i) => ({
      ...ref(changes[i]),
      status: 'failed',
      error: new Rejected('WooCommerce product and variation ids are positive integers', {
        externalProductId: changes[i].externalProductId,
        externalVariantId: changes[i].externalVariantId,
      }),
    }));

    try {
      for (const group of groups) {
        const { send, skipped } = planProductWrites(group.items);
        for (const item of skipped) outcomes.set(item.indexes, (i) => ({ ...ref(changes[i]), status: 'written' }));
        if (skipped.length)
          this.log.debug('woocommerce: skipped writes already in place', { productId: group.productId, skipped: skipped.length });
        for (const part of chunk(send, this.maxBatch)) await this.writeChunk(group.productId, part, changes, outcomes);
      }
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('woocommerce: write stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...ref(changes[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }

  /** Sends one batch; throws only errors that stop the whole run. */
  private async writeChunk(
    productId: number,
    items: PlannedItem<StockWrite>[],
    changes: readonly StockWrite[],
    outcomes: OutcomeSlots<WriteOutcome>,
  ): Promise<void> {
    let data: WooBatchResponse;
    try {
      const res = await this.api.request<WooBatchResponse>({
        method: 'POST',
        url: `/products/${productId}/variations/batch`,
        body: { update: items.map((it) => toVariationUpdate(it.variationId, it.input.target)) },
        // Absolute values: sending the same batch again lands on the same state.
        idempotent: true,
      });
      data = res.data;
    } catch (e) {
      const error = asPluginError(e);
      if (stopsTheWork(error)) throw error;
      // A site may lower the batch limit with `woocommerce_rest_batch_items_limit`: halve and go on.
      if (items.length > 1 && isTooLarge(error)) {
        const half = Math.ceil(items.length / 2);
        await this.writeChunk(productId, items.slice(0, half), changes, outcomes);
        await this.writeChunk(productId, items.slice(half), changes, outcomes);
        return;
      }
      for (const it of items) outcomes.set(it.indexes, (i) => ({ ...ref(changes[i]), status: 'failed', error: chunkError(error) }));
      return;
    }

    const results = Array.isArray(data?.update) ? data.update : [];
    items.forEach((it, k) => {
      const result = results[k];
      let outcome: (i: number) => WriteOutcome;
      if (!result || (typeof result.id === 'number' && result.id !== it.variationId && !isBatchItemError(result))) {
        const error = new Transient(
          `WooCommerce answered the batch for product ${productId} without a result for variation ${it.variationId}`,
        );
        outcome = (i) => ({ ...ref(changes[i]), status: 'failed', error });
      } else if (isBatchItemError(result)) {
        const error = itemError(it.variationId, result.error);
        outcome = (i) => ({ ...ref(changes[i]), status: 'failed', error });
      } else {
        const why = explainMismatch(it.input.target, result);
        if (why) {
          const error = new Rejected(`WooCommerce did not apply the stock to variation ${it.variationId}: ${why}`, {
            variationId: it.variationId,
            observed: fromVariationStock(result),
          });
          outcome = (i) => ({ ...ref(changes[i]), status: 'failed', error });
        } else {
          outcome = (i) => ({ ...ref(changes[i]), status: 'written' });
        }
      }
      outcomes.set(it.indexes, outcome);
    });
  }

  async readStock(refs: readonly VariantRef[]): Promise<ObservedStock[]> {
    const outcomes = new OutcomeSlots<ObservedStock>(refs.length);
    const { groups, invalid } = groupByProduct(refs);
    outcomes.set(invalid, (i) => ({
      ...ref(refs[i]),
      status: 'failed',
      error: new NotFound('Not a WooCommerce variation id (ids are positive integers)', {
        externalProductId: refs[i].externalProductId,
        externalVariantId: refs[i].externalVariantId,
      }),
    }));

    try {
      for (const group of groups) {
        for (const part of chunk(group.items, MAX_PER_PAGE)) await this.readChunk(group.productId, part, refs, outcomes);
      }
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('woocommerce: read stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...ref(refs[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }

  private async readChunk(
    productId: number,
    items: PlannedItem<VariantRef>[],
    refs: readonly VariantRef[],
    outcomes: OutcomeSlots<ObservedStock>,
  ): Promise<void> {
    let rows: WooVariationStock[];
    try {
      const res = await this.api.request<WooVariationStock[]>({
        method: 'GET',
        url: `/products/${productId}/variations`,
        params: { include: items.map((it) => it.variationId).join(','), per_page: MAX_PER_PAGE, _fields: STOCK_FIELDS },
      });
      rows = Array.isArray(res.data) ? res.data : [];
    } catch (e) {
      const error = asPluginError(e);
      if (stopsTheWork(error)) throw error;
      for (const it of items) outcomes.set(it.indexes, (i) => ({ ...ref(refs[i]), status: 'failed', error: chunkError(error) }));
      return;
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const it of items) {
      const row = byId.get(it.variationId);
      if (row) {
        const stock = fromVariationStock(row);
        outcomes.set(it.indexes, (i) => ({ ...ref(refs[i]), status: 'found', stock }));
      } else {
        // The collection lists a product's live variations: absent means deleted (or moved away).
        const error = new NotFound(`WooCommerce product ${productId} has no variation ${it.variationId}`, {
          productId,
          variationId: it.variationId,
        });
        outcomes.set(it.indexes, (i) => ({ ...ref(refs[i]), status: 'failed', error }));
      }
    }
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
