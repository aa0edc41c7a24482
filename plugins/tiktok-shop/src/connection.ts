/**
 * One store's connection: verify, writeStock, readStock over the 202309 product API. Stateless apart
 * from the client it was built with; every result comes back in input order, one per input.
 */
import {
  allInPlace,
  AuthError,
  chunk,
  NotFound,
  OutcomeSlots,
  refOf as ref,
  Rejected,
  stopsTheWork,
  toPluginError,
  type ObservedStock,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type VariantRef,
  type WriteOutcome,
} from '@stock-sync/plugin-sdk';
import { skuError } from './item-errors';
import { API_VERSION, MAX_SKUS_PER_SEARCH, MAX_SKUS_PER_UPDATE } from './manifest';
import { quantityFor, stockOfSku } from './stock-mapping';
import type { TikTokApi } from './tiktok-api';
import type { InventorySearchData, InventorySku, InventoryUpdateData, InventoryUpdateSku, TikTokShop } from './tiktok-types';
import { groupByProduct, type PlannedItem } from './write-plan';

const asPluginError = (e: unknown) => toPluginError(e, 'TikTok Shop');

export interface TikTokSettings {
  shopCipher: string;
  /** The warehouse to write and read; undefined = each SKU's single default warehouse. */
  warehouseId?: string;
}

export class TikTokShopConnection implements StoreConnection {
  constructor(
    private readonly api: TikTokApi,
    private readonly settings: TikTokSettings,
    private readonly log: PluginLogger,
  ) {}

  /**
   * Get Authorized Shops: proves the app key, the signature (app secret) and the access token in one
   * call, and that the token is authorised for the configured shop cipher.
   */
  async verify(): Promise<void> {
    const env = await this.api.call<{ shops?: TikTokShop[] }>('GET', `/authorization/${API_VERSION}/shops`);
    if (env.code !== 0) throw new Rejected(`TikTok Shop refused Get Authorized Shops (${env.code}: ${env.message})`, { code: env.code });
    const shops = env.data?.shops ?? [];
    if (!shops.some((s) => s.cipher === this.settings.shopCipher)) {
      throw new AuthError(`The access token is not authorised for the configured shop cipher (${shops.length} shop(s) authorised)`, { shops: shops.length });
    }
  }

  async writeStock(changes: readonly StockWrite[]): Promise<WriteOutcome[]> {
    const outcomes = new OutcomeSlots<WriteOutcome>(changes.length);
    const { groups, invalid } = groupByProduct(changes);
    outcomes.set(invalid, (i) => ({
      ...ref(changes[i]),
      status: 'failed',
      error: new Rejected('TikTok Shop product and SKU ids are decimal strings', { externalProductId: changes[i].externalProductId, externalVariantId: changes[i].externalVariantId }),
    }));
    try {
      for (const group of groups) {
        if (allInPlace(group.items)) {
          for (const it of group.items) outcomes.set(it.indexes, (i) => ({ ...ref(changes[i]), status: 'written' }));
          this.log.debug('tiktok-shop: skipped a product whose writes are all in place', { productId: group.productId });
          continue;
        }
        for (const part of chunk(group.items, MAX_SKUS_PER_UPDATE)) await this.writeChunk(group.productId, part, changes, outcomes);
      }
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('tiktok-shop: write stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...ref(changes[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }

  private skuUpdate(it: PlannedItem<StockWrite>): InventoryUpdateSku {
    const quantity = quantityFor(it.input.target);
    const { warehouseId } = this.settings;
    return { id: it.input.externalVariantId, inventory: [warehouseId ? { warehouse_id: warehouseId, quantity } : { quantity }] };
  }

  /** One Update Inventory call; throws only errors that stop the whole run. */
  private async writeChunk(productId: string, items: PlannedItem<StockWrite>[], changes: readonly StockWrite[], outcomes: OutcomeSlots<WriteOutcome>): Promise<void> {
    const fail = (error: PluginError) => (it: PlannedItem<StockWrite>) => outcomes.set(it.indexes, (i) => ({ ...ref(changes[i]), status: 'failed', error }));
    let errors: NonNullable<InventoryUpdateData['errors']>;
    try {
      const env = await this.api.call<InventoryUpdateData>('POST', `/product/${API_VERSION}/products/${productId}/inventory/update`, {
        body: { skus: items.map((it) => this.skuUpdate(it)) },
        shopScoped: true,
        // Absolute quantities: sending the same call again lands on the same state.
        idempotent: true,
      });
      errors = env.data?.errors ?? [];
      if (env.code !== 0 && errors.length === 0) {
        items.forEach(fail(new Rejected(`TikTok Shop refused the stock update of product ${productId} (${env.code}: ${env.message})`, { productId, code: env.code })));
        return;
      }
    } catch (e) {
      const error = asPluginError(e);
      if (stopsTheWork(error)) throw error;
      // A 404 on a product path: the product (so each of its SKUs) no longer exists.
      const perItem = error instanceof NotFound ? new NotFound(`TikTok Shop has no product ${productId} (${error.message})`, { productId, ...error.details }) : error;
      items.forEach(fail(perItem));
      return;
    }
    const bySku = new Map<string, PluginError>();
    for (const e of errors) {
      const skuId = e.detail?.sku_id;
      if (skuId) bySku.set(skuId, skuError(productId, skuId, e));
    }
    for (const it of items) {
      const error = bySku.get(it.input.externalVariantId);
      if (error) fail(error)(it);
      else outcomes.set(it.indexes, (i) => ({ ...ref(changes[i]), status: 'written' }));
    }
  }

  async readStock(refs: readonly VariantRef[]): Promise<ObservedStock[]> {
    const outcomes = new OutcomeSlots<ObservedStock>(refs.length);
    const { groups, invalid } = groupByProduct(refs);
    outcomes.set(invalid, (i) => ({
      ...ref(refs[i]),
      status: 'failed',
      error: new NotFound('Not a TikTok Shop SKU id (ids are decimal strings)', { externalProductId: refs[i].externalProductId, externalVariantId: refs[i].externalVariantId }),
    }));
    // Inventory Search takes SKU ids across products: one call per 600 SKUs, whatever their products.
    const items = groups.flatMap((g) => g.items);
    try {
      for (const part of chunk(items, MAX_SKUS_PER_SEARCH)) await this.readChunk(part, refs, outcomes);
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('tiktok-shop: read stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...ref(refs[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }

  private async readChunk(items: PlannedItem<VariantRef>[], refs: readonly VariantRef[], outcomes: OutcomeSlots<ObservedStock>): Promise<void> {
    const fail = (error: PluginError) => (it: PlannedItem<VariantRef>) => outcomes.set(it.indexes, (i) => ({ ...ref(refs[i]), status: 'failed', error }));
    const found = new Map<string, { productId: string; sku: InventorySku }>();
    try {
      const env = await this.api.call<InventorySearchData>('POST', `/product/${API_VERSION}/inventory/search`, {
        body: { sku_ids: items.map((it) => it.input.externalVariantId) },
        shopScoped: true,
        // A search, POST only to carry its id list: safe to send again.
        idempotent: true,
      });
      if (env.code !== 0) {
        items.forEach(fail(new Rejected(`TikTok Shop refused the inventory search (${env.code}: ${env.message})`, { code: env.code })));
        return;
      }
      for (const p of env.data?.inventory ?? []) for (const sku of p.skus ?? []) found.set(sku.id, { productId: p.product_id, sku });
    } catch (e) {
      const error = asPluginError(e);
      if (stopsTheWork(error)) throw error;
      items.forEach(fail(error instanceof NotFound ? new Rejected(`TikTok Shop answered 404 for the inventory search (${error.message})`, error.details) : error));
      return;
    }
    for (const it of items) {
      const { externalProductId: productId, externalVariantId: skuId } = it.input;
      const hit = found.get(skuId);
      if (!hit || hit.productId !== productId) {
        fail(new NotFound(`TikTok Shop product ${productId} has no SKU ${skuId}`, { productId, skuId, foundUnder: hit?.productId }))(it);
        continue;
      }
      const stock = stockOfSku(hit.sku, this.settings.warehouseId);
      if (!stock) {
        fail(new Rejected(`TikTok Shop SKU ${skuId} has no stock in the configured warehouse`, { productId, skuId, warehouses: hit.sku.warehouse_inventory?.map((w) => w.warehouse_id) }))(it);
        continue;
      }
      outcomes.set(it.indexes, (i) => ({ ...ref(refs[i]), status: 'found', stock }));
    }
  }
}
