/** One store's connection: verify, writeStock, readStock over the 202309 product API (README "Calls used"). */
import { AuthError, NotFound, Rejected } from '@stock-sync/plugin-api';
import { batched, groupByProduct, stopsTheWork, toPluginError } from '@stock-sync/plugin-sdk';
import type { PluginError, PluginLogger, StockWrite, StoreConnection, VariantRef } from '@stock-sync/plugin-api';
import type { WriteAnswer, ReadAnswer, CollapsedInput } from '@stock-sync/plugin-sdk';
import { API_VERSION, MAX_SKUS_PER_SEARCH, MAX_SKUS_PER_UPDATE } from './manifest';
import { quantityFor, stockOfSku } from './stock-mapping';
import {
  authorizedShops,
  type InventorySearchData,
  type InventorySku,
  type InventoryUpdateData,
  type InventoryUpdateError,
  type TikTokApi,
  type TikTokEnvelope,
} from './tiktok-api';

const PLATFORM = 'TikTok Shop';

/** TikTok ids are decimal strings (19 digits today); anything else cannot name a TikTok object. */
export function isTikTokId(raw: string): boolean {
  return /^[0-9]{1,30}$/.test(raw);
}

/** The pipeline's reading of a pair: usable ids, or undefined (failed without a call). */
const tiktokIds = (ref: VariantRef): object | undefined =>
  isTikTokId(ref.externalProductId) && isTikTokId(ref.externalVariantId) ? {} : undefined;

/** The simulator's code for an SKU that is not (or no longer) part of the product (unverified). */
const CODE_SKU_NOT_FOUND = 12052217;

/**
 * A per-SKU error of Update Inventory (data.errors[]) → the taxonomy. TikTok's per-SKU codes are unpublished (unverified),
 * so the message is read too: "does not exist / not found" → NotFound; anything else → Rejected with TikTok's words.
 */
export function skuError(productId: string, skuId: string, e: InventoryUpdateError): PluginError {
  const extra = (e.detail?.extra_errors ?? []).map((x) => `${x.code ?? ''} ${x.message ?? ''}`.trim()).filter(Boolean);
  const message = [String(e.message ?? ''), ...extra].filter(Boolean).join('; ').slice(0, 300);
  const details = { productId, skuId, code: e.code };
  if (e.code === CODE_SKU_NOT_FOUND || /not\s+(exist|found)|does\s?n[o']t\s+exist/i.test(message)) {
    return new NotFound(`TikTok Shop product ${productId} has no SKU ${skuId} (${e.code}: ${message})`, details);
  }
  return new Rejected(`TikTok Shop refused the stock of SKU ${skuId} (${e.code}: ${message})`, details);
}

/** warehouseId: the warehouse to write and read; undefined = each SKU's single default warehouse. */
export function tiktokShopConnection(
  api: TikTokApi,
  settings: { shopCipher: string; warehouseId?: string },
  log: PluginLogger,
): StoreConnection {
  /** Get Authorized Shops proves app key, signature and access token in one call; then the shop cipher must be among them. */
  async function verify(): Promise<void> {
    const shops = await authorizedShops(api);
    if (!shops.some((s) => s.cipher === settings.shopCipher)) {
      throw new AuthError(`The access token is not authorised for the configured shop cipher (${shops.length} shop(s) authorised)`, {
        shops: shops.length,
      });
    }
  }

  /** One Update Inventory call: a verdict per SKU; throws what stops the run, or what fails the whole call. */
  async function writeChunk(productId: string, items: readonly CollapsedInput<StockWrite>[]): Promise<WriteAnswer> {
    const { warehouseId } = settings;
    const skus = items.map(({ input }) => {
      const quantity = quantityFor(input.target);
      return { id: input.externalVariantId, inventory: [warehouseId ? { warehouse_id: warehouseId, quantity } : { quantity }] };
    });
    let env: TikTokEnvelope<InventoryUpdateData>;
    try {
      // Absolute quantities: sending the same call again lands on the same state.
      const path = `/product/${API_VERSION}/products/${productId}/inventory/update`;
      env = await api.call<InventoryUpdateData>('POST', path, { body: { skus }, shopScoped: true, idempotent: true });
    } catch (e) {
      const error = toPluginError(e, PLATFORM);
      if (!(error instanceof NotFound)) throw error;
      // A 404 on a product path: gone, unless Inventory Search still lists the SKU under this product.
      const gone = () => new NotFound(`TikTok Shop has no product ${productId} (${error.message})`, { productId, ...error.details });
      const checked = await confirmMissing(productId, new Map(items.map((it) => [it.input.externalVariantId, gone()])));
      return items.map((it) => checked.get(it.input.externalVariantId));
    }
    const errors = env.data?.errors ?? [];
    const topLevel = env.code === 0 ? undefined : `${env.code}: ${env.message}`;
    if (topLevel && errors.length === 0) {
      // "The SKU stock can be updated only by this SKU in live status": a product that is not live is refused
      // whole. Not retried: the merchant must activate it (or TikTok must approve it).
      return new Rejected(`TikTok Shop refused the stock update of product ${productId} (${topLevel}); only live SKUs take stock updates`, {
        productId,
        code: env.code,
      });
    }
    const bySku = new Map<string, PluginError>();
    for (const e of errors) if (e.detail?.sku_id) bySku.set(e.detail.sku_id, skuError(productId, e.detail.sku_id, e));
    // The per-SKU "not found" code is not in TikTok's published documents: a NotFound is believed only when
    // Inventory Search agrees (otherwise the SKU exists and the refusal is Rejected with TikTok's words).
    const claimedMissing = new Map([...bySku].filter(([, e]) => e instanceof NotFound));
    if (claimedMissing.size) for (const [skuId, e] of await confirmMissing(productId, claimedMissing)) bySku.set(skuId, e);
    return items.map(
      (it) =>
        bySku.get(it.input.externalVariantId) ??
        // A failing call (non-zero code) that names only some SKUs: the others' fate is unknown, never "written".
        (topLevel
          ? new Rejected(
              `TikTok Shop answered the stock update of product ${productId} with ${topLevel} without naming SKU ${it.input.externalVariantId}: not known to be written`,
              { productId },
            )
          : undefined),
    );
  }

  /** Inventory Search by SKU ids: a search, POST only to carry its id list, so safe to send again. */
  function search(skuIds: string[]): Promise<TikTokEnvelope<InventorySearchData>> {
    const path = `/product/${API_VERSION}/inventory/search`;
    return api.call<InventorySearchData>('POST', path, { body: { sku_ids: skuIds }, shopScoped: true, idempotent: true });
  }

  /**
   * Checks claimed-missing SKUs with Inventory Search: one still listed under this product is Rejected with the claim's
   * reason, the others stay NotFound; if the check fails (short of stopping the run), all are Rejected: never gone unconfirmed.
   */
  async function confirmMissing(productId: string, claims: Map<string, PluginError>): Promise<Map<string, PluginError>> {
    const each = (verdict: (skuId: string, claim: PluginError) => PluginError) =>
      new Map([...claims].map(([skuId, claim]) => [skuId, verdict(skuId, claim)]));
    let present: Set<string>;
    try {
      const env = await search([...claims.keys()]);
      if (env.code !== 0) throw new Rejected(`inventory search answered ${env.code}: ${env.message}`, { code: env.code });
      const listed = (env.data?.inventory ?? []).filter((p) => p.product_id === productId);
      present = new Set(listed.flatMap((p) => (p.skus ?? []).map((s) => s.id)));
    } catch (e) {
      const error = toPluginError(e, PLATFORM);
      if (stopsTheWork(error)) throw error;
      const why = `not confirmed by Inventory Search (${error.message})`;
      return each((_, claim) => new Rejected(`${claim.message}; ${why}`, { ...claim.details, unconfirmed: true }));
    }
    return each((skuId, claim) =>
      present.has(skuId)
        ? new Rejected(`${claim.message}; yet Inventory Search lists SKU ${skuId} under product ${productId}`, {
            ...claim.details,
            skuStillListed: true,
          })
        : claim,
    );
  }

  /** One Inventory Search: each SKU's stock under its product, or why not; throws what stops the run or fails the call. */
  async function readChunk(items: readonly CollapsedInput<VariantRef>[]): Promise<ReadAnswer> {
    const env = await search(items.map((it) => it.input.externalVariantId));
    if (env.code !== 0) return new Rejected(`TikTok Shop refused the inventory search (${env.code}: ${env.message})`, { code: env.code });
    const found = new Map<string, { productId: string; sku: InventorySku }>();
    for (const p of env.data?.inventory ?? []) for (const sku of p.skus ?? []) found.set(sku.id, { productId: p.product_id, sku });
    return items.map((it) => {
      const { externalProductId: productId, externalVariantId: skuId } = it.input;
      const hit = found.get(skuId);
      if (!hit || hit.productId !== productId) {
        return new NotFound(`TikTok Shop product ${productId} has no SKU ${skuId}`, { productId, skuId, foundUnder: hit?.productId });
      }
      const stock = stockOfSku(hit.sku, settings.warehouseId);
      if (stock) return stock;
      const warehouses = (hit.sku.warehouse_inventory ?? []).map((w) => w.warehouse_id);
      const why = settings.warehouseId
        ? `has no stock in the configured warehouse ${settings.warehouseId}`
        : `keeps stock in ${warehouses.length} warehouses (${warehouses.join(', ') || 'none listed'}): set the warehouseId credential`;
      return new Rejected(`TikTok Shop SKU ${skuId} ${why}`, { productId, skuId, warehouses });
    });
  }

  const pipeline = batched({
    platform: PLATFORM,
    id: 'tiktok-shop',
    log,
    ids: tiktokIds,
    invalid: { write: 'TikTok Shop product and SKU ids are decimal strings', read: 'Not a TikTok Shop SKU id (ids are decimal strings)' },
    verify,
    // One product per Update Inventory call (README "Batching"); the default 'group' in-place rule.
    write: {
      groupBy: (it) => it.input.externalProductId,
      maxBatch: MAX_SKUS_PER_UPDATE,
      run: (items, productId) => writeChunk(productId, items),
    },
    // Inventory Search takes SKU ids across products: one call per 600 SKUs, whatever their products.
    read: {
      maxBatch: MAX_SKUS_PER_SEARCH,
      mapError: (error) =>
        error instanceof NotFound
          ? new Rejected(`TikTok Shop answered 404 for the inventory search (${error.message})`, error.details)
          : error,
      run: readChunk,
    },
  });
  return { ...pipeline, readStock: inProductOrder(pipeline.readStock) };
}

/** Searches carry a product's SKU ids together, products in first-seen order; outcomes go back in input order. */
function inProductOrder(read: StoreConnection['readStock']): StoreConnection['readStock'] {
  return async (refs) => {
    // Unusable ids keep a group of their own: they are failed without a call and must not move a product.
    const keyed = refs.map((input, index) => ({ input, index, key: tiktokIds(input) ? input.externalProductId : `\u0000${index}` }));
    const order = groupByProduct(keyed, (it) => it.key).flatMap((g) => g.items.map((it) => it.index));
    const answers = await read(order.map((i) => refs[i]));
    const out = new Array<(typeof answers)[number]>(refs.length);
    order.forEach((i, k) => (out[i] = answers[k]));
    return out;
  };
}
