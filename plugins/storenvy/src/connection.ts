/**
 * One store's connection: verify, writeStock, readStock over Storenvy API v1. One variant per PUT, sent
 * one after another (paced by the SDK limiter); reads list each product's variants once. Outcomes come
 * back in input order, one per input.
 */
import {
  collapseDuplicates,
  NotFound,
  OutcomeSlots,
  refOf as ref,
  Rejected,
  sameTargetStock,
  skipWritesInPlace,
  stopsTheWork,
  toPluginError,
  type CollapsedInput,
  type ObservedStock,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type VariantRef,
  type WriteOutcome,
} from '@stock-sync/plugin-sdk';
import { stockOfVariant, variantStockFor } from './stock-mapping';
import type { StorenvyApi } from './storenvy-api';

const isStorenvyId = (s: string) => /^[0-9]{1,20}$/.test(s);

const asPluginError = (e: unknown) => toPluginError(e, 'Storenvy');

/** Valid refs de-duplicated (last input wins, every index answered) and the invalid indexes. */
function plan<T extends VariantRef>(inputs: readonly T[]) {
  return collapseDuplicates(inputs, { ids: (i) => (isStorenvyId(i.externalProductId) && isStorenvyId(i.externalVariantId) ? {} : undefined) });
}

type Planned<T extends VariantRef> = CollapsedInput<T>;

interface StorenvyVariant {
  id: number | string;
  full_quantity?: unknown;
  in_stock?: unknown;
}

/** Responses are wrapped: `{ meta, data: { … } }` (community clients read `body.data`). */
function dataOf<T>(body: unknown, key: string): T | undefined {
  const data = typeof body === 'object' && body !== null ? (body as { data?: Record<string, unknown> }).data : undefined;
  return data && typeof data === 'object' ? (data[key] as T | undefined) : undefined;
}

export class StorenvyConnection implements StoreConnection {
  constructor(
    private readonly api: StorenvyApi,
    private readonly log: PluginLogger,
  ) {}

  /** GET /v1/store.json: the token's store (store_read). */
  async verify(): Promise<void> {
    await this.api.http.request({ method: 'GET', url: '/store.json', params: this.api.auth });
  }

  async writeStock(changes: readonly StockWrite[]): Promise<WriteOutcome[]> {
    const outcomes = new OutcomeSlots<WriteOutcome>(changes.length);
    const { items, invalid } = plan(changes);
    const set = (p: Planned<StockWrite>, error?: PluginError) =>
      outcomes.set(p.indexes, (i) => (error ? { ...ref(changes[i]), status: 'failed', error } : { ...ref(changes[i]), status: 'written' }));
    outcomes.set(invalid, (i) => ({ ...ref(changes[i]), status: 'failed', error: new Rejected('Storenvy product and variant ids are numeric', { ...ref(changes[i]) }) }));
    // One call per variant: a change the hub says is in place saves a whole call, so it is skipped.
    const { send, skipped } = skipWritesInPlace(items, 'item');
    for (const p of skipped) set(p);
    try {
      for (const p of send) {
        const error = await this.putVariant(p.input);
        if (error && stopsTheWork(error)) throw error;
        set(p, error);
      }
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('storenvy: write stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...ref(changes[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }

  /** PUT one variant's full_quantity and in_stock (form-encoded); the error, if any. */
  private async putVariant(c: StockWrite): Promise<PluginError | undefined> {
    const want = variantStockFor(c.target);
    try {
      const res = await this.api.http.request({
        method: 'PUT',
        url: `/products/${c.externalProductId}/variants/${c.externalVariantId}`,
        params: this.api.auth,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ full_quantity: String(want.full_quantity), in_stock: String(want.in_stock) }).toString(),
        // Absolute values: sending them again lands on the same state.
        idempotent: true,
      });
      const echoed = dataOf<StorenvyVariant>(res.data, 'variant');
      if (echoed && !sameTargetStock(stockOfVariant(echoed), stockOfVariant(want))) {
        return new Rejected(`Storenvy kept full_quantity ${String(echoed.full_quantity)}, in_stock ${String(echoed.in_stock)} for variant ${c.externalVariantId}`, { ...ref(c) });
      }
      return undefined;
    } catch (e) {
      const error = asPluginError(e);
      if (error instanceof NotFound) return new NotFound(`Storenvy has no variant ${c.externalVariantId} in product ${c.externalProductId}`, { ...ref(c) });
      return error;
    }
  }

  async readStock(refs: readonly VariantRef[]): Promise<ObservedStock[]> {
    const outcomes = new OutcomeSlots<ObservedStock>(refs.length);
    const { items, invalid } = plan(refs);
    outcomes.set(invalid, (i) => ({ ...ref(refs[i]), status: 'failed', error: new NotFound('Not a Storenvy product / variant id (numeric)', { ...ref(refs[i]) }) }));
    const byProduct = new Map<string, Planned<VariantRef>[]>();
    for (const p of items) byProduct.set(p.input.externalProductId, [...(byProduct.get(p.input.externalProductId) ?? []), p]);
    try {
      for (const [productId, wanted] of byProduct) {
        let variants: StorenvyVariant[];
        try {
          const res = await this.api.http.request({ method: 'GET', url: `/products/${productId}/variants.json`, params: this.api.auth });
          variants = dataOf<StorenvyVariant[]>(res.data, 'variants') ?? [];
        } catch (e) {
          const error = asPluginError(e);
          if (stopsTheWork(error)) throw error;
          const perItem = error instanceof NotFound ? new NotFound(`Storenvy has no product ${productId}`, { productId }) : error;
          for (const p of wanted) outcomes.set(p.indexes, (i) => ({ ...ref(refs[i]), status: 'failed', error: perItem }));
          continue;
        }
        const byId = new Map(variants.map((v) => [String(v.id), v]));
        for (const p of wanted) {
          const v = byId.get(p.input.externalVariantId);
          if (!v) {
            const error = new NotFound(`Storenvy product ${productId} has no variant ${p.input.externalVariantId}`, { productId });
            outcomes.set(p.indexes, (i) => ({ ...ref(refs[i]), status: 'failed', error }));
          } else {
            const stock = stockOfVariant(v);
            outcomes.set(p.indexes, (i) => ({ ...ref(refs[i]), status: 'found', stock }));
          }
        }
      }
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('storenvy: read stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...ref(refs[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }
}
