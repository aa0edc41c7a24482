/**
 * One store's connection: verify, writeStock, readStock over Storenvy API v1. One variant per PUT with a
 * JSON body ("All API requests must be made using the application/json content type"), sent one after
 * another (paced by the SDK limiter); reads list each product's variants, following `pagination.next_url`
 * ("We limit the number of responses for each request to 50 objects") until every wanted variant is found.
 * A write counts only when Storenvy shows the variant with the values sent: in the PUT's answer, or else
 * in the variant list read back. Outcomes come back in input order, one per input.
 */
import {
  batched,
  NotFound,
  refOf as ref,
  Rejected,
  Transient,
  sameTargetStock,
  stopsTheWork,
  toPluginError,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
} from '@stock-sync/plugin-sdk';
import { stockOfVariant, variantStockFor } from './stock-mapping';
import { dataOf, nextPageUrl } from './pagination';
import type { StorenvyApi } from './storenvy-api';

/** A listing that never ends is cut here (50 per page: 5,000 variants of one product). */
export const MAX_VARIANT_PAGES = 100;

const isStorenvyId = (s: string) => /^[0-9]{1,20}$/.test(s);

export interface StorenvyVariant {
  id: number | string;
  full_quantity?: unknown;
  in_stock?: unknown;
}

/** Whether the variant Storenvy shows holds what was written (the mapping's reading of both). */
export function showsWritten(shown: StorenvyVariant, sent: { full_quantity: number; in_stock: boolean }): boolean {
  return sameTargetStock(stockOfVariant(shown), stockOfVariant(sent));
}

export class StorenvyConnection implements StoreConnection {
  readonly writeStock: StoreConnection['writeStock'];
  readonly readStock: StoreConnection['readStock'];

  constructor(
    private readonly api: StorenvyApi,
    private readonly log: PluginLogger,
  ) {
    ({ writeStock: this.writeStock, readStock: this.readStock } = batched({
      platform: 'Storenvy',
      id: 'storenvy',
      log,
      ids: (i) => (isStorenvyId(i.externalProductId) && isStorenvyId(i.externalVariantId) ? {} : undefined),
      invalid: { write: 'Storenvy product and variant ids are numeric', read: 'Not a Storenvy product / variant id (numeric)' },
      verify: () => this.verify(),
      // One call per variant: a change the hub says is in place saves a whole call, so it is skipped.
      write: {
        maxBatch: 1,
        skipInPlace: 'item',
        mapError: (error, [p]) =>
          error instanceof NotFound
            ? new NotFound(`Storenvy has no variant ${p.input.externalVariantId} in product ${p.input.externalProductId}`, {
                ...ref(p.input),
              })
            : error,
        run: ([p]) => this.putVariant(p.input),
      },
      // One product's variant listing answers every variant of it that was asked for.
      read: {
        groupBy: (p) => p.input.externalProductId,
        mapError: (error, _batch, productId) =>
          error instanceof NotFound ? new NotFound(`Storenvy has no product ${productId}`, { productId }) : error,
        run: async (wanted, productId) => {
          const byId = await this.listVariants(productId, new Set(wanted.map((p) => p.input.externalVariantId)));
          return wanted.map((p) => {
            const v = byId.get(p.input.externalVariantId);
            return v
              ? stockOfVariant(v)
              : new NotFound(`Storenvy product ${productId} has no variant ${p.input.externalVariantId}`, { productId });
          });
        },
      },
    }));
  }

  /** GET /v1/store.json: the token's store (store_read). */
  async verify(): Promise<void> {
    await this.api.http.request({ method: 'GET', url: '/store.json', params: this.api.auth });
  }

  /** PUT one variant's full_quantity and in_stock as JSON; undefined when confirmed written, else the error. */
  private async putVariant(c: StockWrite): Promise<PluginError | undefined> {
    const want = variantStockFor(c.target);
    const res = await this.api.http.request({
      method: 'PUT',
      // Every endpoint is {endpoint}.json (developers.storenvy.com/docs "API Overview").
      url: `/products/${c.externalProductId}/variants/${c.externalVariantId}.json`,
      params: this.api.auth,
      headers: { 'content-type': 'application/json' },
      body: { full_quantity: want.full_quantity, in_stock: want.in_stock },
      // Absolute values: sending them again lands on the same state.
      idempotent: true,
    });
    const echoed = dataOf<StorenvyVariant>(res.data, 'variant');
    // No variant in the answer: not proof of the write. Read it back (every page) before counting it.
    let shown = echoed && String(echoed.id) === c.externalVariantId ? echoed : undefined;
    if (!shown) {
      let found: Map<string, StorenvyVariant>;
      try {
        found = await this.listVariants(c.externalProductId, new Set([c.externalVariantId]));
      } catch (e) {
        const error = toPluginError(e, 'Storenvy');
        if (stopsTheWork(error)) throw error;
        return new Transient(
          `Storenvy's answer to the write of variant ${c.externalVariantId} carried no variant and the read-back failed: not confirmed (${error.message})`,
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
    if (!showsWritten(shown, want)) {
      return new Rejected(
        `Storenvy kept full_quantity ${String(shown.full_quantity)}, in_stock ${String(shown.in_stock)} for variant ${c.externalVariantId}`,
        { ...ref(c) },
      );
    }
    return undefined;
  }

  /**
   * A product's variants by id, page after page through `pagination.next_url`, stopping as soon as every
   * wanted id has been seen (fewest calls) or the listing ends. Errors are thrown.
   */
  async listVariants(productId: string, wanted: ReadonlySet<string>): Promise<Map<string, StorenvyVariant>> {
    const byId = new Map<string, StorenvyVariant>();
    const seen = new Set<string>();
    let res = await this.api.http.request({ method: 'GET', url: `/products/${productId}/variants.json`, params: this.api.auth });
    for (let page = 1; ; page++) {
      const variants = dataOf<StorenvyVariant[]>(res.data, 'variants') ?? [];
      for (const v of variants) if (v && v.id !== undefined) byId.set(String(v.id), v);
      // An empty page ends the listing too (a community client loops "while … count > 0").
      if (variants.length === 0 || [...wanted].every((id) => byId.has(id))) break;
      const next = nextPageUrl(res.data, this.api.origin, seen);
      if (!next) break;
      if (page >= MAX_VARIANT_PAGES) {
        this.log.warn('storenvy: variant listing cut', { productId, pages: page });
        break;
      }
      seen.add(next);
      // next_url is absolute and normally carries the token already; add it only when it does not.
      const carriesToken = new URL(next).searchParams.has('access_token');
      res = await this.api.http.request({ method: 'GET', url: next, params: carriesToken ? undefined : this.api.auth });
    }
    return byId;
  }
}
