/**
 * One store's connection: verify, writeStock, readStock over the v3 Catalog and Inventory APIs, on the SDK's
 * batched pipeline (ids, duplicates, the stop rule, one outcome per input). A run is one plan rather than
 * batches (read every product, then write in phases across products), so it is one batch: no groupBy, no
 * maxBatch, and no skip on the hub's `previous` (the plan compares against the counts it just read).
 */
import {
  batched,
  chunk,
  groupByProduct,
  NotFound,
  Rejected,
  stopsTheWork,
  toPluginError,
  type HttpClient,
  type PluginError,
  type PluginLogger,
  type StoreConnection,
  type TargetStock,
  type VariantRef,
} from '@stock-sync/plugin-sdk';
import { describeBcError } from './bc-api';
import type {
  BcAbsoluteAdjustmentItem,
  BcCollection,
  BcLocationItem,
  BcProductStock,
  BcVariantPurchasingUpdate,
  BcVariantStock,
} from './bc-types';
import { hasNextPage, onHandByVariant } from './location-levels';
import { writeKey, type RecentWrites } from './recent-writes';
import {
  ADJUSTMENT_REASON,
  MAX_ADJUSTMENT_ITEMS,
  MAX_LOCATION_IDS_PER_READ,
  MAX_PAGE_SIZE,
  MAX_PRODUCTS_PER_BATCH,
  MAX_VARIANTS_PER_BATCH,
} from './manifest';
import { bcIds } from './ids';
import { fromBcStock } from './stock-mapping';
import { planWrites, type Owned, type PlannedChange } from './write-plan';

/** A whole-call 4xx names the request, not one variant: the items it carried are refused. */
function callError(what: string, error: PluginError): PluginError {
  const body = describeBcError(safeParse(error.details?.body));
  return new Rejected(`BigCommerce refused ${what}${body ? `: ${body}` : ` (${error.message})`}`, { status: error.details?.status });
}

function safeParse(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** product id → the changes (or reads) of a run, in first-seen order. */
function byProduct<T extends VariantRef>(items: readonly PlannedChange<T>[]): Map<number, PlannedChange<T>[]> {
  return new Map(groupByProduct(items, (i) => i.productId).map((g) => [g.productId, g.items]));
}

/** The count a variant showed when the write was planned (the location's, for products tracked by variant). */
function levelBefore(products: Map<number, BcProductStock>, variantId: number): number | undefined {
  for (const p of products.values()) {
    const v = p.variants?.find((x) => x.id === variantId);
    if (v) return typeof v.inventory_level === 'number' ? v.inventory_level : undefined;
  }
  return undefined;
}

/** product id → the variant ids a run names. */
function wantedVariants(groups: Map<number, PlannedChange<VariantRef>[]>): Map<number, Set<number>> {
  return new Map([...groups].map(([productId, items]) => [productId, new Set(items.map((i) => i.variantId))]));
}

export class BigCommerceConnection implements StoreConnection {
  readonly writeStock: StoreConnection['writeStock'];
  readonly readStock: StoreConnection['readStock'];

  constructor(
    private readonly api: HttpClient,
    private readonly log: PluginLogger,
    private readonly locationId: number,
    /** Counts this process wrote lately (absolute adjustments settle asynchronously). */
    private readonly recent: RecentWrites,
    /** Identifies the store in `recent` (its API base URL). */
    private readonly storeBase: string,
  ) {
    ({ writeStock: this.writeStock, readStock: this.readStock } = batched({
      platform: 'BigCommerce',
      id: 'bigcommerce',
      log,
      ids: bcIds,
      invalid: {
        write: () => new Rejected('BigCommerce product and variant ids are positive integers'),
        read: () => new NotFound('Not a BigCommerce variant id (ids are positive integers)'),
      },
      verify: () => this.verify(),
      write: { skipInPlace: 'never', run: (changes) => this.writeRun(changes) },
      read: { run: (refs) => this.readRun(refs) },
    }));
  }

  /**
   * Replaces each wanted variant's catalog `inventory_level` with its on-hand count at the configured location
   * (Inventory API), for products tracked by variant: the catalog count is not the location's on multi-location
   * stores. A variant the location does not list has no count there: 0.
   */
  private async applyLocationCounts(products: Map<number, BcProductStock>, wanted: Map<number, Set<number>>): Promise<void> {
    const ids: number[] = [];
    for (const [productId, variantIds] of wanted) {
      const p = products.get(productId);
      if (p?.inventory_tracking !== 'variant') continue;
      for (const v of p.variants ?? []) if (variantIds.has(v.id)) ids.push(v.id);
    }
    if (ids.length === 0) return;
    const levels = new Map<number, number>();
    for (const part of chunk(ids, MAX_LOCATION_IDS_PER_READ)) {
      for (let page = 1; ; page++) {
        const res = await this.api.request<BcCollection<BcLocationItem>>({
          method: 'GET',
          url: `/inventory/locations/${this.locationId}/items`,
          params: { 'variant_id:in': part.join(','), limit: MAX_LOCATION_IDS_PER_READ, page },
        });
        for (const [id, n] of onHandByVariant(res.data)) levels.set(id, n);
        if (!hasNextPage(res.data)) break;
      }
    }
    const read = new Set(ids);
    for (const p of products.values()) for (const v of p.variants ?? []) if (read.has(v.id)) v.inventory_level = levels.get(v.id) ?? 0;
  }

  /** One product id: proves the token, the store hash and the Products read scope. */
  async verify(): Promise<void> {
    await this.api.request({ method: 'GET', url: '/catalog/products', params: { limit: 1, include_fields: 'id' } });
  }

  /** Products with their variants' stock fields, ≤250 per call; an id BigCommerce does not list is absent. */
  private async readProducts(productIds: number[]): Promise<Map<number, BcProductStock>> {
    const out = new Map<number, BcProductStock>();
    for (const ids of chunk(productIds, MAX_PAGE_SIZE)) {
      const res = await this.api.request<BcCollection<BcProductStock>>({
        method: 'GET',
        url: '/catalog/products',
        params: { 'id:in': ids.join(','), include: 'variants', include_fields: 'inventory_tracking,inventory_level', limit: MAX_PAGE_SIZE },
      });
      for (const p of Array.isArray(res.data?.data) ? res.data.data : []) out.set(p.id, p);
    }
    return out;
  }

  /**
   * The whole run: one read plans it, then the tracking switches, the purchasing switches and the counts go
   * out in as few calls as their limits allow. Each change fails with the first refusal of a call it
   * depends on; a change no call refused is written.
   */
  private async writeRun(changes: readonly PlannedChange[]): Promise<(PluginError | undefined)[]> {
    const groups = byProduct(changes);
    const failures = new Map<PlannedChange, PluginError>();
    const fail = (owners: PlannedChange[], error: PluginError) => owners.forEach((c) => failures.has(c) || failures.set(c, error));
    const products = await this.readProducts([...groups.keys()]);
    await this.applyLocationCounts(products, wantedVariants(groups));
    const plan = planWrites(groups, products);
    for (const f of plan.failed) fail([f.change], f.error);

    const switchedOff = new Set<number>();
    for (const part of chunk(plan.trackingSwitches, MAX_PRODUCTS_PER_BATCH)) {
      const err = await this.send('the inventory-tracking switch', {
        method: 'PUT',
        url: '/catalog/products',
        body: part.map((s) => ({ id: s.item.productId, inventory_tracking: 'variant' })),
      });
      if (err) {
        fail(
          part.flatMap((s) => s.owners),
          err,
        );
        part.forEach((s) => switchedOff.add(s.item.productId));
      }
    }
    const live = <T extends { productId: number }>(xs: Owned<T>[]) => xs.filter((x) => !switchedOff.has(x.item.productId));

    for (const part of chunk(live(plan.purchasing), MAX_VARIANTS_PER_BATCH)) {
      const body: BcVariantPurchasingUpdate[] = part.map((p) => ({
        id: p.item.variantId,
        purchasing_disabled: p.item.purchasingDisabled,
      }));
      const err = await this.send('the variants batch', { method: 'PUT', url: '/catalog/variants', body });
      if (err)
        fail(
          part.flatMap((p) => p.owners),
          err,
        );
    }
    for (const part of chunk(live(plan.counts), MAX_ADJUSTMENT_ITEMS)) {
      const items: BcAbsoluteAdjustmentItem[] = part.map((c) => ({
        location_id: this.locationId,
        variant_id: c.item.variantId,
        quantity: c.item.quantity,
      }));
      const err = await this.send('the absolute inventory adjustment', {
        method: 'PUT',
        url: '/inventory/adjustments/absolute',
        body: { reason: ADJUSTMENT_REASON, items },
      });
      if (err)
        fail(
          part.flatMap((c) => c.owners),
          err,
        );
      else
        for (const it of items)
          this.recent.record(writeKey(this.storeBase, this.locationId, it.variant_id), it.quantity, levelBefore(products, it.variant_id));
    }
    return changes.map((c) => failures.get(c));
  }

  /** Sends one absolute write; returns the per-call refusal, throws what stops the run. */
  private async send(what: string, req: { method: 'PUT'; url: string; body: unknown }): Promise<PluginError | undefined> {
    try {
      // Absolute values: sending the same call again lands on the same state.
      await this.api.request({ ...req, idempotent: true });
      return undefined;
    } catch (e) {
      const error = toPluginError(e, 'BigCommerce');
      if (stopsTheWork(error)) throw error;
      this.log.warn(`bigcommerce: ${what} was refused`, { code: error.code, message: error.message });
      return error instanceof NotFound || error instanceof Rejected ? callError(what, error) : error;
    }
  }

  /**
   * A count this process wrote within the settle window that the location does not show yet: not comparable
   * (Rejected, which the hub records as nothing to act on), never drift.
   */
  private settling(product: BcProductStock, variant: BcVariantStock): PluginError | undefined {
    if (product.inventory_tracking !== 'variant' || variant.purchasing_disabled) return undefined;
    const observed = typeof variant.inventory_level === 'number' ? variant.inventory_level : 0;
    const w = this.recent.unsettled(writeKey(this.storeBase, this.locationId, variant.id), observed);
    if (!w) return undefined;
    return new Rejected(
      `BigCommerce variant ${variant.id} still shows its earlier count ${observed} at location ${this.locationId}; ${w.quantity} was written ${Math.round(w.ageMs / 1000)} s ago ` +
        'and absolute adjustments are applied asynchronously, so the count is not comparable yet',
      { productId: product.id, variantId: variant.id, written: w.quantity, observed, settling: true },
    );
  }

  /** The whole run: one read of the products (and the location's counts); each variant's stock, settling, or NotFound. */
  private async readRun(refs: readonly PlannedChange<VariantRef>[]): Promise<(TargetStock | PluginError)[]> {
    const groups = byProduct(refs);
    const products = await this.readProducts([...groups.keys()]);
    await this.applyLocationCounts(products, wantedVariants(groups));
    return refs.map(({ productId, variantId }) => {
      const product = products.get(productId);
      const variant = product?.variants?.find((v) => v.id === variantId);
      if (!product || !variant) {
        const missing = product
          ? `BigCommerce product ${productId} has no variant ${variantId}`
          : `BigCommerce has no product ${productId}`;
        return new NotFound(missing, { productId, variantId });
      }
      return this.settling(product, variant) ?? fromBcStock(product, variant);
    });
  }
}
