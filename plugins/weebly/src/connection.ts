/**
 * One store's connection over the Weebly store catalog. A write counts only when Weebly shows the inventory sent
 * (README "Mapping"). Every call follows Weebly's documented redirects.
 */
import { batched, oneWritePerCall, readFromProductListing, refOf as ref, stopsTheWork, toPluginError } from '@stock-sync/plugin-sdk';
import { NotFound, OUT_OF_STOCK, quantity, Rejected, Transient, UNLIMITED } from '@stock-sync/plugin-api';
import type { HttpClient, HttpRequest, PluginError, PluginLogger, StockWrite, StoreConnection, TargetStock } from '@stock-sync/plugin-api';
import { MAX_PAGE_SIZE } from './manifest';
import { requestFollowingRedirects, type WeeblySku } from './weebly-api';

/** Weebly ids are decimal strings ("Unique ID (to this store)"); anything else cannot be one. */
const isWeeblyId = (s: string) => /^[0-9]{1,20}$/.test(s);

/** Weebly's words for a missing product or SKU. */
const WEEBLY = { platform: 'Weebly', variant: 'SKU' };

/** TargetStock → SKU `inventory` (README "Mapping"): unlimited → null (not tracked), out of stock → 0. */
export const inventoryFor = (target: TargetStock): number | null =>
  target.kind === 'unlimited' ? null : target.kind === 'quantity' ? target.quantity : 0;

/** SKU `inventory` as read → TargetStock: null is unlimited, 0 or below out of stock. */
export function stockOfInventory(inventory: unknown): TargetStock {
  if (inventory === null || inventory === undefined) return UNLIMITED;
  const n = typeof inventory === 'number' ? inventory : Number(inventory);
  if (!Number.isFinite(n) || n <= 0) return OUT_OF_STOCK;
  return quantity(Math.trunc(n));
}

export function weeblyConnection(api: HttpClient, log: PluginLogger, apiOrigin = 'https://api.weebly.com'): StoreConnection {
  /** Every call: the identical call again to a redirect's Location, as Weebly documents. */
  const send = <T>(req: HttpRequest) => requestFollowingRedirects<T>(api, req, apiOrigin);

  /** PATCH (never PUT: PUT resets every field not sent) one SKU's inventory; undefined once confirmed, else the error. */
  async function patchSku(c: StockWrite): Promise<PluginError | undefined> {
    const inventory = inventoryFor(c.target);
    const url = `/products/${c.externalProductId}/skus/${c.externalVariantId}`;
    // An absolute value: sending it again lands on the same state.
    const answer = (await send<WeeblySku>({ method: 'PATCH', url, body: { inventory }, idempotent: true })).data;
    let verdict = confirmInventory(inventory, answer);
    if (verdict === 'read-back') {
      // `null` is not documented as writable, or the answer showed no inventory: read the SKU back.
      let shown: unknown;
      try {
        shown = (await send<WeeblySku>({ method: 'GET', url })).data;
      } catch (e) {
        const error = toPluginError(e, 'Weebly');
        // NotFound: the write's mapError names the SKU gone.
        if (stopsTheWork(error) || error instanceof NotFound) throw error;
        const why = `Weebly SKU ${c.externalVariantId} could not be read back after the write: not confirmed (${error.message})`;
        return new Transient(why, { ...ref(c) });
      }
      verdict = confirmInventory(inventory, shown, true);
    }
    if (verdict === 'written') return undefined;
    if (verdict === 'read-back')
      return new Transient(`Weebly shows no inventory for SKU ${c.externalVariantId} after the write: not confirmed`, { ...ref(c) });
    return new Rejected(`Weebly kept inventory ${String(verdict.shown)} for SKU ${c.externalVariantId} instead of ${String(inventory)}`, {
      ...ref(c),
      shown: verdict.shown,
    });
  }

  /** Every SKU of a product: list pages of 200 (the maximum) until X-Resultset-Total is reached. */
  async function listSkus(productId: string): Promise<Map<string, WeeblySku>> {
    const out = new Map<string, WeeblySku>();
    for (let page = 1; ; page++) {
      const res = await send<WeeblySku[]>({ method: 'GET', url: `/products/${productId}/skus`, params: { page, limit: MAX_PAGE_SIZE } });
      const rows = Array.isArray(res.data) ? res.data : [];
      for (const s of rows) out.set(String(s.product_sku_id), s);
      const total = Number(res.headers['x-resultset-total']);
      if (rows.length < MAX_PAGE_SIZE || (Number.isFinite(total) && out.size >= total)) return out;
    }
  }

  return batched({
    platform: 'Weebly',
    id: 'weebly',
    log,
    ids: (i) => (isWeeblyId(i.externalProductId) && isWeeblyId(i.externalVariantId) ? {} : undefined),
    invalid: { write: 'Weebly product and SKU ids are decimal strings', read: 'Not a Weebly product / SKU id (decimal strings)' },
    // One product-list call: proves the token, that it belongs to this site, and the catalog read scope.
    verify: async () => void (await send({ method: 'GET', url: '/products', params: { limit: 1 } })),
    // No batch endpoint: one PATCH per SKU, one after another; an in-place change saves a whole call (README "Batching").
    write: oneWritePerCall(WEEBLY, patchSku),
    // One product's SKU listing answers every SKU of it that was asked for.
    read: readFromProductListing(WEEBLY, { list: listSkus, stockOf: (sku) => stockOfInventory(sku.inventory) }),
  });
}

/**
 * Whether a SKU Weebly shows holds the inventory sent (pure): 'written'; `{ shown }` when it shows something else;
 * 'read-back' when the answer cannot tell (no `inventory` field) or, unless this is the read-back, when `null` was
 * sent (documented as a value Weebly shows, not as one PATCH accepts: unverified, README "Mapping").
 */
export function confirmInventory(sent: number | null, shownSku: unknown, isReadBack = false): 'written' | 'read-back' | { shown: unknown } {
  if (typeof shownSku !== 'object' || shownSku === null || !('inventory' in shownSku)) return 'read-back';
  if (sent === null && !isReadBack) return 'read-back';
  const shown = (shownSku as { inventory: unknown }).inventory;
  if (sent === null) return shown === null ? 'written' : { shown };
  if (sent === 0) return typeof shown === 'number' && shown <= 0 ? 'written' : { shown };
  return shown === sent ? 'written' : { shown };
}
