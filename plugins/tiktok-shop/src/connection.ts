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
      throw new AuthError(`The access token is not authorised for the configured shop cipher (${shops.length} shop(s) authorised)`, {
        shops: shops.length,
      });
    }
  }

  async writeStock(changes: readonly StockWrite[]): Promise<WriteOutcome[]> {
    const outcomes = new OutcomeSlots<WriteOutcome>(changes.length);
    const { groups, invalid } = groupByProduct(changes);
    outcomes.set(invalid, (i) => ({
      ...ref(changes[i]),
      status: 'failed',
      error: new Rejected('TikTok Shop product and SKU ids are decimal strings', {
        externalProductId: changes[i].externalProductId,
        externalVariantId: changes[i].externalVariantId,
      }),
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
  private async writeChunk(
    productId: string,
    items: PlannedItem<StockWrite>[],
    changes: readonly StockWrite[],
    outcomes: OutcomeSlots<WriteOutcome>,
  ): Promise<void> {
    const fail = (error: PluginError) => (it: PlannedItem<StockWrite>) =>
      outcomes.set(it.indexes, (i) => ({ ...ref(changes[i]), status: 'failed', error }));
    let errors: NonNullable<InventoryUpdateData['errors']>;
    let topLevel: string | undefined;
    try {
      const env = await this.api.call<InventoryUpdateData>('POST', `/product/${API_VERSION}/products/${productId}/inventory/update`, {
        body: { skus: items.map((it) => this.skuUpdate(it)) },
        shopScoped: true,
        // Absolute quantities: sending the same call again lands on the same state.
        idempotent: true,
      });
      errors = env.data?.errors ?? [];
      topLevel = env.code === 0 ? undefined : `${env.code}: ${env.message}`;
      if (topLevel && errors.length === 0) {
        // "The SKU stock can be updated only by this SKU in live status": a product that is not live is refused
        // whole. Not retried: the merchant must activate it (or TikTok must approve it).
        items.forEach(
          fail(
            new Rejected(`TikTok Shop refused the stock update of product ${productId} (${topLevel}); only live SKUs take stock updates`, {
              productId,
              code: env.code,
            }),
          ),
        );
        return;
      }
    } catch (e) {
      const error = asPluginError(e);
      if (stopsTheWork(error)) throw error;
      if (!(error instanceof NotFound)) {
        items.forEach(fail(error));
        return;
      }
      // A 404 on a product path: gone, unless Inventory Search still lists the SKU under this product.
      const claimed = new Map(
        items.map((it) => [
          it.input.externalVariantId,
          new NotFound(`TikTok Shop has no product ${productId} (${error.message})`, { productId, ...error.details }) as PluginError,
        ]),
      );
      const checked = await this.confirmMissing(productId, claimed);
      items.forEach((it) => fail(checked.get(it.input.externalVariantId)!)(it));
      return;
    }
    const bySku = new Map<string, PluginError>();
    for (const e of errors) {
      const skuId = e.detail?.sku_id;
      if (skuId) bySku.set(skuId, skuError(productId, skuId, e));
    }
    // The per-SKU "not found" code is not in TikTok's published documents: a NotFound is believed only when
    // Inventory Search agrees (otherwise the SKU exists and the refusal is Rejected with TikTok's words).
    const claimedMissing = new Map([...bySku].filter(([, e]) => e instanceof NotFound));
    if (claimedMissing.size) for (const [skuId, e] of await this.confirmMissing(productId, claimedMissing)) bySku.set(skuId, e);
    for (const it of items) {
      const error = bySku.get(it.input.externalVariantId);
      if (error) fail(error)(it);
      // A failing call (non-zero code) that names only some SKUs: the others' fate is unknown, never "written".
      else if (topLevel)
        fail(
          new Rejected(
            `TikTok Shop answered the stock update of product ${productId} with ${topLevel} without naming SKU ${it.input.externalVariantId}: not known to be written`,
            { productId },
          ),
        )(it);
      else outcomes.set(it.indexes, (i) => ({ ...ref(changes[i]), status: 'written' }));
    }
  }

  /**
   * Checks claimed-missing SKUs with Inventory Search (sku_ids): a SKU still listed under this product exists, so
   * its refusal becomes Rejected with the claim's reason; the others stay NotFound. If the check itself fails
   * (other than what stops the run), the claims are kept as Rejected: a variant is never flagged gone unconfirmed.
   */
  private async confirmMissing(productId: string, claims: Map<string, PluginError>): Promise<Map<string, PluginError>> {
    const out = new Map<string, PluginError>();
    let present: Set<string>;
    try {
      const env = await this.api.call<InventorySearchData>('POST', `/product/${API_VERSION}/inventory/search`, {
        body: { sku_ids: [...claims.keys()] },
        shopScoped: true,
        idempotent: true,
      });
      if (env.code !== 0) throw new Rejected(`inventory search answered ${env.code}: ${env.message}`, { code: env.code });
      present = new Set(
        (env.data?.inventory ?? []).filter((p) => p.product_id === productId).flatMap((p) => (p.skus ?? []).map((s) => s.id)),
      );
    } catch (e) {
      const error = asPluginError(e);
      if (stopsTheWork(error)) throw error;
      for (const [skuId, claim] of claims)
        out.set(
          skuId,
          new Rejected(`${claim.message}; not confirmed by Inventory Search (${error.message})`, { ...claim.details, unconfirmed: true }),
        );
      return out;
    }
    for (const [skuId, claim] of claims) {
      out.set(
        skuId,
        present.has(skuId)
          ? new Rejected(`${claim.message}; yet Inventory Search lists SKU ${skuId} under product ${productId}`, {
              ...claim.details,
              skuStillListed: true,
            })
          : claim,
      );
    }
    return out;
  }

  async readStock(refs: readonly VariantRef[]): Promise<ObservedStock[]> {
    const outcomes = new OutcomeSlots<ObservedStock>(refs.length);
    const { groups, invalid } = groupByProduct(refs);
    outcomes.set(invalid, (i) => ({
      ...ref(refs[i]),
      status: 'failed',
      error: new NotFound('Not a TikTok Shop SKU id (ids are decimal strings)', {
        externalProductId: refs[i].externalProductId,
        externalVariantId: refs[i].externalVariantId,
      }),
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

  private async readChunk(
    items: PlannedItem<VariantRef>[],
    refs: readonly VariantRef[],
    outcomes: OutcomeSlots<ObservedStock>,
  ): Promise<void> {
    const fail = (error: PluginError) => (it: PlannedItem<VariantRef>) =>
      outcomes.set(it.indexes, (i) => ({ ...ref(refs[i]), status: 'failed', error }));
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
      items.forEach(
        fail(
          error instanceof NotFound
            ? new Rejected(`TikTok Shop answered 404 for the inventory search (${error.message})`, error.details)
            : error,
        ),
      );
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
        const warehouses = (hit.sku.warehouse_inventory ?? []).map((w) => w.warehouse_id);
        const why = this.settings.warehouseId
          ? `has no stock in the configured warehouse ${this.settings.warehouseId}`
          : `keeps stock in ${warehouses.length} warehouses (${warehouses.join(', ') || 'none listed'}): set the warehouseId credential`;
        fail(new Rejected(`TikTok Shop SKU ${skuId} ${why}`, { productId, skuId, warehouses }))(it);
        continue;
      }
      outcomes.set(it.indexes, (i) => ({ ...ref(refs[i]), status: 'found', stock }));
    }
  }
}
