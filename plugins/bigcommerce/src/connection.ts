/**
 * One store's connection on the SDK's batched pipeline. A run is one plan (read every product, then write in phases
 * across products), so it is one batch: no groupBy, no maxBatch, and no skip on the hub's `previous` (the plan
 * compares against the counts it just read).
 */
import {
  batched,
  chunk,
  countedQuantity,
  groupByProduct,
  jsonObjectOf,
  positiveIntegerId,
  stopsTheWork,
  toPluginError,
} from '@stock-sync/plugin-sdk';
import { NotFound, Rejected } from '@stock-sync/plugin-api';
import type { ConnectContext, PluginError, StockWrite, StoreConnection, TargetStock, VariantRef } from '@stock-sync/plugin-api';
import { allPages, apiBaseUrl, createBcApi, describeBcError } from './bc-api';
import type { BcCollection, BcLocationItem, BcProductStock, BcVariantStock } from './bc-types';
import { processRecentWrites, writeKey, type RecentWrites } from './recent-writes';
import {
  ADJUSTMENT_REASON,
  DEFAULT_LOCATION_ID,
  MAX_ADJUSTMENT_ITEMS,
  MAX_LOCATION_IDS_PER_READ,
  MAX_PAGE_SIZE,
  MAX_PRODUCTS_PER_BATCH,
  MAX_VARIANTS_PER_BATCH,
} from './manifest';
import { fromBcStock, located, planWrites, type Owned, type PlannedChange } from './stock-mapping';

/** A variant's product and variant ids, or undefined when they cannot be BigCommerce's (failed without a call). */
function bcIds(ref: VariantRef): { productId: number; variantId: number } | undefined {
  const [productId, variantId] = [ref.externalProductId, ref.externalVariantId].map(positiveIntegerId);
  return productId === undefined || variantId === undefined ? undefined : { productId, variantId };
}

/**
 * variant id → `total_inventory_onhand` of a location's items: what an absolute adjustment sets ("Override the existing
 * inventory levels"), not `available_to_sell` (minus the safety stock). Product-level items are skipped.
 */
export function onHandByVariant(items: readonly BcLocationItem[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const item of items) {
    const id = item?.identity?.variant_id;
    const n = item?.total_inventory_onhand;
    if (typeof id === 'number' && typeof n === 'number' && Number.isFinite(n)) out.set(id, n);
  }
  return out;
}

/**
 * Whether a write reads the location's count first: for unlimited (emulated from the count there), and where the hub
 * believes no other count (nothing known, or already the target: the read spares the write). A count changing from
 * one the hub knows is written without it (absolute: README "Calls").
 */
export function countNeeded(change: { input: StockWrite }): boolean {
  const { target, previous } = change.input;
  const believed = countedQuantity(previous);
  return target.kind === 'unlimited' || believed === undefined || believed === countedQuantity(target);
}

/** A whole-call 4xx names the request, not one variant: the items it carried are refused. */
function callError(what: string, error: PluginError): PluginError {
  const body = error.details?.body; // the client's redacted snippet of the answer
  const said = describeBcError(typeof body === 'string' ? jsonObjectOf({ rawBody: Buffer.from(body) }) : body);
  return new Rejected(`BigCommerce refused ${what}${said ? `: ${said}` : ` (${error.message})`}`, { status: error.details?.status });
}

/** `recent`: the counts this process wrote lately (absolute adjustments settle asynchronously). */
export function connectBigCommerce(ctx: ConnectContext, recent: RecentWrites = processRecentWrites): StoreConnection {
  const api = createBcApi(ctx);
  const locationId = positiveIntegerId(ctx.credentials.locationId ?? '') ?? DEFAULT_LOCATION_ID;
  /** Identifies the store in `recent`. */
  const storeBase = apiBaseUrl(ctx.credentials);

  /**
   * The run's items by product id and their products (one BigCommerce does not list is absent), where tracked by variant
   * with each wanted variant's count at the configured location (README "Multi-location stores": unlisted is 0).
   */
  async function readPlanned<T extends VariantRef>(
    items: readonly PlannedChange<T>[],
    needsCount: (item: PlannedChange<T>) => boolean = () => true,
  ) {
    const groups = new Map(groupByProduct(items, (i) => i.productId).map((g) => [g.productId, g.items]));
    const products = new Map<number, BcProductStock>();
    for (const ids of chunk([...groups.keys()], MAX_PAGE_SIZE)) {
      const res = await api.request<BcCollection<BcProductStock>>({
        method: 'GET',
        url: '/catalog/products',
        params: { 'id:in': ids.join(','), include: 'variants', include_fields: 'inventory_tracking,inventory_level', limit: MAX_PAGE_SIZE },
      });
      for (const p of Array.isArray(res.data?.data) ? res.data.data : []) products.set(p.id, p);
    }
    const counted: BcVariantStock[] = [];
    for (const [productId, wanted] of groups) {
      const p = products.get(productId);
      if (p?.inventory_tracking !== 'variant') continue;
      for (const v of p.variants ?? []) {
        const item = wanted.find((i) => i.variantId === v.id);
        // A count not read (null) is written whatever it is: absolute, so the same call lands the same state.
        if (item && needsCount(item)) counted.push(v);
        else if (item) v.inventory_level = null;
      }
    }
    const levels = new Map<number, number>();
    for (const part of chunk(counted, MAX_LOCATION_IDS_PER_READ)) {
      const ids = part.map((v) => v.id).join(',');
      const params = (page: number) => ({ 'variant_id:in': ids, limit: MAX_LOCATION_IDS_PER_READ, page });
      for (const [id, n] of onHandByVariant(await allPages(api, `/inventory/locations/${locationId}/items`, params))) levels.set(id, n);
    }
    for (const v of counted) v.inventory_level = levels.get(v.id) ?? 0;
    return { groups, products };
  }

  /** The whole run, planned by one read. Each change fails with the first refusal of a call it depends on, else is written. */
  async function writeRun(changes: readonly PlannedChange[]): Promise<(PluginError | undefined)[]> {
    const failures = new Map<PlannedChange, PluginError>();
    const fail = (owners: PlannedChange[], error: PluginError) => owners.forEach((c) => failures.has(c) || failures.set(c, error));
    const { groups, products } = await readPlanned(changes, countNeeded);
    const plan = planWrites(groups, products);
    for (const f of plan.failed) fail([f.change], f.error);
    /** One absolute PUT for `part`: true when BigCommerce took it; a refusal fails the changes it serves; throws what stops the run. */
    const put = async (what: string, url: string, part: Owned<unknown>[], body: unknown): Promise<boolean> => {
      try {
        // Absolute values: sending the same call again lands on the same state.
        await api.request({ method: 'PUT', url, body, idempotent: true });
        return true;
      } catch (e) {
        const error = toPluginError(e, 'BigCommerce');
        if (stopsTheWork(error)) throw error;
        ctx.log.warn(`bigcommerce: ${what} was refused`, { code: error.code, message: error.message });
        fail(
          part.flatMap((p) => p.owners),
          error instanceof NotFound || error instanceof Rejected ? callError(what, error) : error,
        );
        return false;
      }
    };

    const switchedOff = new Set<number>();
    for (const part of chunk(plan.trackingSwitches, MAX_PRODUCTS_PER_BATCH)) {
      const body = part.map(({ item }) => ({ id: item.productId, inventory_tracking: 'variant' }));
      if (!(await put('the inventory-tracking switch', '/catalog/products', part, body)))
        part.forEach(({ item }) => switchedOff.add(item.productId));
    }
    const live = <T extends { productId: number }>(xs: Owned<T>[]) => xs.filter((x) => !switchedOff.has(x.item.productId));
    for (const part of chunk(live(plan.purchasing), MAX_VARIANTS_PER_BATCH)) {
      const body = part.map(({ item }) => ({ id: item.variantId, purchasing_disabled: item.purchasingDisabled }));
      await put('the variants batch', '/catalog/variants', part, body);
    }
    // The count each variant showed when the write was planned (the location's, for products tracked by variant), or
    // where it was not read, the count the hub believes it shows (its `previous`).
    const believed = new Map(changes.map((c) => [c.variantId, countedQuantity(c.input.previous)]));
    const shown = new Map(
      [...products.values()].flatMap((p) => p.variants ?? []).map((v) => [v.id, v.inventory_level ?? believed.get(v.id)]),
    );
    for (const part of chunk(live(plan.counts), MAX_ADJUSTMENT_ITEMS)) {
      const items = part.map(({ item }) => ({ location_id: locationId, variant_id: item.variantId, quantity: item.quantity }));
      if (await put('the absolute inventory adjustment', '/inventory/adjustments/absolute', part, { reason: ADJUSTMENT_REASON, items }))
        for (const it of items) recent.record(writeKey(storeBase, locationId, it.variant_id), it.quantity, shown.get(it.variant_id));
    }
    return changes.map((c) => failures.get(c));
  }

  /** The whole run: one read of the products (and the location's counts); each variant's stock, settling, or NotFound. */
  async function readRun(refs: readonly PlannedChange<VariantRef>[]): Promise<(TargetStock | PluginError)[]> {
    const { products } = await readPlanned(refs);
    return refs.map(({ productId, variantId }) => {
      const found = located(products, productId, variantId);
      if (found instanceof NotFound) return found;
      const { product, variant } = found;
      // A count written within the settle window that the location does not show yet: not comparable (Rejected), never drift.
      const observed = typeof variant.inventory_level === 'number' ? variant.inventory_level : 0;
      const counted = product.inventory_tracking === 'variant' && !variant.purchasing_disabled;
      const w = counted ? recent.unsettled(writeKey(storeBase, locationId, variant.id), observed) : undefined;
      if (!w) return fromBcStock(product, variant);
      return new Rejected(
        `BigCommerce variant ${variant.id} still shows its earlier count ${observed} at location ${locationId}; ${w.quantity} was written ${Math.round(w.ageMs / 1000)} s ago ` +
          'and absolute adjustments are applied asynchronously, so the count is not comparable yet',
        { productId: product.id, variantId: variant.id, written: w.quantity, observed, settling: true },
      );
    });
  }

  return batched({
    platform: 'BigCommerce',
    id: 'bigcommerce',
    log: ctx.log,
    ids: bcIds,
    invalid: {
      write: () => new Rejected('BigCommerce product and variant ids are positive integers'),
      read: () => new NotFound('Not a BigCommerce variant id (ids are positive integers)'),
    },
    // One product id: proves the token, the store hash and the Products read scope.
    verify: async () => {
      await api.request({ method: 'GET', url: '/catalog/products', params: { limit: 1, include_fields: 'id' } });
    },
    write: { skipInPlace: 'never', run: (changes) => writeRun(changes) },
    read: { run: (refs) => readRun(refs) },
  });
}
