/**
 * One store's connection over Storenvy API v1 (README "Calls used", "Batching"): one JSON PUT per variant, counted
 * only when Storenvy shows the values sent; reads list each product's variants, every page.
 */
import {
  batched,
  emulatedUnlimited,
  oneWritePerCall,
  readFromProductListing,
  refOf as ref,
  stopsTheWork,
  toPluginError,
} from '@stock-sync/plugin-sdk';
import { NotFound, OUT_OF_STOCK, Rejected, Transient, sameTargetStock } from '@stock-sync/plugin-api';
import type { PluginError, PluginLogger, StockWrite, StoreConnection, TargetStock } from '@stock-sync/plugin-api';
import { EMULATED_UNLIMITED_QUANTITY } from './manifest';
import { dataOf, getStore, nextPageUrl, type StorenvyApi } from './storenvy-api';

/** A listing that never ends is cut here (50 per page: 5,000 variants of one product). */
const MAX_VARIANT_PAGES = 100;

const isStorenvyId = (s: string) => /^[0-9]{1,20}$/.test(s);

/** Storenvy's words for a missing product or variant. */
const STORENVY = { platform: 'Storenvy', variant: 'variant' };

interface StorenvyVariant {
  id: number | string;
  full_quantity?: unknown;
  in_stock?: unknown;
}

/** Both fields always sent together; unlimited is emulated (README "Mapping"). */
const rule = emulatedUnlimited({ count: EMULATED_UNLIMITED_QUANTITY, readFrom: 9_000, max: EMULATED_UNLIMITED_QUANTITY });

function variantStockFor(target: TargetStock): { full_quantity: number; in_stock: boolean } {
  const n = rule.countFor(target);
  return { full_quantity: n, in_stock: n > 0 };
}

/** Storenvy may send booleans and numbers as strings; read them leniently. */
function stockOfVariant(v: { full_quantity?: unknown; in_stock?: unknown }): TargetStock {
  const inStock = v.in_stock === true || v.in_stock === 'true' || v.in_stock === 1 || v.in_stock === '1';
  const n = typeof v.full_quantity === 'number' ? v.full_quantity : Number.parseInt(String(v.full_quantity ?? '0'), 10);
  return inStock ? rule.stockOf(n) : OUT_OF_STOCK;
}

export function storenvyConnection(api: StorenvyApi, log: PluginLogger): StoreConnection {
  /** A product's variants by id, page after page, until every wanted id was seen or the listing ends. Throws. */
  async function listVariants(productId: string, wanted: ReadonlySet<string>): Promise<Map<string, StorenvyVariant>> {
    const byId = new Map<string, StorenvyVariant>();
    const seen = new Set<string>();
    let res = await api.http.request({ method: 'GET', url: `/products/${productId}/variants.json`, params: api.auth });
    for (let page = 1; ; page++) {
      const variants = dataOf<StorenvyVariant[]>(res.data, 'variants') ?? [];
      for (const v of variants) if (v && v.id !== undefined) byId.set(String(v.id), v);
      // An empty page ends the listing too (a community client loops "while … count > 0").
      if (variants.length === 0 || [...wanted].every((id) => byId.has(id))) break;
      const next = nextPageUrl(res.data, api.root, seen);
      if (!next) break;
      if (page >= MAX_VARIANT_PAGES) {
        log.warn('storenvy: variant listing cut', { productId, pages: page });
        break;
      }
      seen.add(next);
      // next_url is absolute and normally carries the token already; add it only when it does not.
      const carriesToken = new URL(next).searchParams.has('access_token');
      res = await api.http.request({ method: 'GET', url: next, params: carriesToken ? undefined : api.auth });
    }
    return byId;
  }

  /** PUT one variant's full_quantity and in_stock as JSON; undefined when confirmed written, else the error. */
  async function putVariant(c: StockWrite): Promise<PluginError | undefined> {
    const want = variantStockFor(c.target);
    const res = await api.http.request({
      method: 'PUT',
      // Every endpoint is {endpoint}.json (developers.storenvy.com/docs "API Overview").
      url: `/products/${c.externalProductId}/variants/${c.externalVariantId}.json`,
      params: api.auth,
      headers: { 'content-type': 'application/json' },
      body: want, // { full_quantity, in_stock }
      // Absolute values: sending them again lands on the same state.
      idempotent: true,
    });
    const echoed = dataOf<StorenvyVariant>(res.data, 'variant');
    // No variant in the answer: not proof of the write. Read it back (every page) before counting it.
    let shown = echoed && String(echoed.id) === c.externalVariantId ? echoed : undefined;
    if (!shown) {
      const found = await listVariants(c.externalProductId, new Set([c.externalVariantId])).catch((e) => toPluginError(e, 'Storenvy'));
      if (!(found instanceof Map)) {
        if (stopsTheWork(found)) throw found;
        return new Transient(
          `Storenvy's answer to the write of variant ${c.externalVariantId} carried no variant and the read-back failed: not confirmed (${found.message})`,
          { ...ref(c) },
        );
      }
      shown = found.get(c.externalVariantId);
      if (!shown)
        return new NotFound(
          `Storenvy answered the write but shows no variant ${c.externalVariantId} in product ${c.externalProductId}: not written`,
          { ...ref(c) },
        );
    }
    // Whether the variant shown holds what was written, in the mapping's reading of both.
    if (sameTargetStock(stockOfVariant(shown), stockOfVariant(want))) return undefined;
    return new Rejected(
      `Storenvy kept full_quantity ${String(shown.full_quantity)}, in_stock ${String(shown.in_stock)} for variant ${c.externalVariantId}`,
      { ...ref(c) },
    );
  }

  return batched({
    platform: 'Storenvy',
    id: 'storenvy',
    log,
    ids: (i) => (isStorenvyId(i.externalProductId) && isStorenvyId(i.externalVariantId) ? {} : undefined),
    invalid: { write: 'Storenvy product and variant ids are numeric', read: 'Not a Storenvy product / variant id (numeric)' },
    verify: async () => void (await getStore(api)),
    // One call per variant: a change the hub says is in place saves a whole call, so it is skipped.
    write: oneWritePerCall(STORENVY, putVariant),
    // One product's variant listing answers every variant of it that was asked for.
    read: readFromProductListing(STORENVY, { list: listVariants, stockOf: stockOfVariant }),
  });
}
