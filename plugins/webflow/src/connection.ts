/**
 * One site's connection: verify, writeStock, readStock. Webflow's inventory API takes one SKU per
 * call, so the fewest calls means: one PATCH per SKU that needs changing, none for a SKU the hub says
 * is already in place, and one call per duplicate-collapsed SKU. Outcomes come back in input order.
 */
import {
  isInPlace,
  NotFound,
  OutcomeSlots,
  refOf,
  Rejected,
  stopsTheWork,
  toPluginError,
  Transient,
  type HttpClient,
  type ObservedStock,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type VariantRef,
  type WriteOutcome,
} from '@stock-sync/plugin-sdk';
import { collapseBySku } from './sku-plan';
import type { SkuCollection } from './sku-collection';
import { fromInventory, sameOnPlatform, toInventoryUpdate } from './stock-mapping';
import type { WebflowInventory } from './webflow-types';

const asPluginError = (e: unknown) => toPluginError(e, 'Webflow');

/** A SKU id goes into a path segment: anything with a slash (or empty) cannot be one. */
function usableId(id: string): boolean {
  return id.length > 0 && !/[/?#\s]/.test(id);
}

export class WebflowConnection implements StoreConnection {
  constructor(
    private readonly api: HttpClient,
    private readonly log: PluginLogger,
    private readonly siteId: string,
    private readonly skuCollection: SkuCollection,
  ) {}

  /**
   * List Products with limit 1: proves the token, the site and ecommerce:read (and that ecommerce is
   * on: 409 otherwise); then the SKU collection id resolves (a look-up proves cms:read).
   */
  async verify(): Promise<void> {
    await this.api.request({ method: 'GET', url: `/sites/${encodeURIComponent(this.siteId)}/products`, params: { limit: 1 } });
    await this.skuCollection.id();
  }

  private inventoryUrl(collectionId: string, skuId: string): string {
    return `/collections/${encodeURIComponent(collectionId)}/items/${encodeURIComponent(skuId)}/inventory`;
  }

  async writeStock(changes: readonly StockWrite[]): Promise<WriteOutcome[]> {
    const outcomes = new OutcomeSlots<WriteOutcome>(changes.length);
    try {
      for (const item of collapseBySku(changes)) {
        const { input, indexes } = item;
        if (!usableId(item.skuId)) {
          const error = new Rejected('Not a Webflow SKU id', refOf(input) as unknown as Record<string, unknown>);
          outcomes.set(indexes, (i) => ({ ...refOf(changes[i]), status: 'failed', error }));
          continue;
        }
        // One call per SKU: a write the hub says is in place saves a whole call, with no read.
        if (isInPlace(input, sameOnPlatform)) {
          outcomes.set(indexes, (i) => ({ ...refOf(changes[i]), status: 'written' }));
          continue;
        }
        const collectionId = await this.skuCollection.id();
        let echoed: WebflowInventory;
        try {
          const res = await this.api.request<WebflowInventory>({
            method: 'PATCH',
            url: this.inventoryUrl(collectionId, item.skuId),
            body: toInventoryUpdate(input.target),
            // Absolute values: sending the same body again lands on the same state.
            idempotent: true,
          });
          echoed = res.data ?? {};
        } catch (e) {
          const error = asPluginError(e);
          if (stopsTheWork(error)) throw error;
          const perSku =
            error instanceof NotFound
              ? new NotFound(`Webflow has no SKU ${item.skuId} (deleted?)`, {
                  skuId: item.skuId,
                  status: error.details?.status,
                  body: error.details?.body,
                })
              : error;
          outcomes.set(indexes, (i) => ({ ...refOf(changes[i]), status: 'failed', error: perSku }));
          continue;
        }
        if (echoed.inventoryType === undefined) {
          const error = new Transient(`Webflow answered the inventory update of SKU ${item.skuId} without an inventoryType`);
          outcomes.set(indexes, (i) => ({ ...refOf(changes[i]), status: 'failed', error }));
        } else if (!sameOnPlatform(fromInventory(echoed), input.target)) {
          const error = new Rejected(`Webflow did not apply the stock to SKU ${item.skuId}`, { skuId: item.skuId, observed: echoed });
          outcomes.set(indexes, (i) => ({ ...refOf(changes[i]), status: 'failed', error }));
        } else {
          outcomes.set(indexes, (i) => ({ ...refOf(changes[i]), status: 'written' }));
        }
      }
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('webflow: write stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...refOf(changes[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }

  async readStock(refs: readonly VariantRef[]): Promise<ObservedStock[]> {
    const outcomes = new OutcomeSlots<ObservedStock>(refs.length);
    try {
      for (const item of collapseBySku(refs)) {
        if (!usableId(item.skuId)) {
          const error = new NotFound('Not a Webflow SKU id', refOf(item.input) as unknown as Record<string, unknown>);
          outcomes.set(item.indexes, (i) => ({ ...refOf(refs[i]), status: 'failed', error }));
          continue;
        }
        const collectionId = await this.skuCollection.id();
        try {
          const res = await this.api.request<WebflowInventory>({ method: 'GET', url: this.inventoryUrl(collectionId, item.skuId) });
          const stock = fromInventory(res.data ?? {});
          outcomes.set(item.indexes, (i) => ({ ...refOf(refs[i]), status: 'found', stock }));
        } catch (e) {
          const error = asPluginError(e);
          if (stopsTheWork(error)) throw error;
          const perSku =
            error instanceof NotFound ? new NotFound(`Webflow has no SKU ${item.skuId} (deleted?)`, { skuId: item.skuId }) : error;
          outcomes.set(item.indexes, (i) => ({ ...refOf(refs[i]), status: 'failed', error: perSku }));
        }
      }
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('webflow: read stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...refOf(refs[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }
}
