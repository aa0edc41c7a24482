/**
 * Ecwid REST v3 combinations (https://github.com/Ecwid/ecwid-api-docs/blob/master/includes/_combinations.md). One
 * run is one callMany (direct calls, or the Batch API above its threshold): one unit of the SDK's batched pipeline.
 */
import {
  batched,
  isInPlace,
  NotFound,
  positiveIntegerId,
  Rejected,
  Transient,
  type CollapsedInput,
  type HttpClient,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type TargetStock,
  type VariantRef,
} from '@stock-sync/plugin-sdk';
import { callMany, type CallManyOptions, type CallResult } from './call-many';
import { ECWID_MAX_BATCH, MIN_SUBREQUESTS_FOR_BATCH } from './manifest';
import { fromCombination, inheritsStock, toStockUpdate, type StockFields } from './stock-mapping';

type Ids = { productId: number; combinationId: number };
type PlannedItem<T extends VariantRef> = CollapsedInput<T, Ids>;
type Combination = StockFields & { id: number };

export function ecwidIds(input: VariantRef): Ids | undefined {
  const productId = positiveIntegerId(input.externalProductId);
  const combinationId = positiveIntegerId(input.externalVariantId);
  return productId === undefined || combinationId === undefined ? undefined : { productId, combinationId };
}

/**
 * In-place writes (the hub says `previous` equals `target`) are dropped only when that saves whole calls (a
 * batch costs two): all in place → no call at all; or dropping them needs fewer calls. Otherwise they ride
 * along for free and re-assert the truth in case the hub's belief is stale.
 */
export function planWrites(items: PlannedItem<StockWrite>[], maxBatch: number) {
  const changed = items.filter((i) => !isInPlace(i.input));
  const calls = (n: number) => (n < MIN_SUBREQUESTS_FOR_BATCH ? n : 2 * Math.ceil(n / maxBatch));
  if (calls(changed.length) < calls(items.length)) return { send: changed, skipped: items.filter((i) => isInPlace(i.input)) };
  return { send: items, skipped: [] };
}

/**
 * A PUT's answer → the write's error, if any. Ecwid answers `{"updateCount": 1}`, or 0 "depending on whether
 * the update was successful" (https://api-docs.ecwid.com/reference/update-product-variation). Only a positive
 * count is proof of the write; an answer without a count (an unreadable batch body, a proxy's page) is
 * Transient — never recorded as written — and the hub's absolute write is sent again.
 */
export function writeError(what: string, result: CallResult): PluginError | undefined {
  if (!result.ok) return result.error;
  const count = (result.body as { updateCount?: unknown } | undefined)?.updateCount;
  if (count === 0) return new Rejected(`Ecwid updated nothing for ${what} (updateCount 0)`);
  if (typeof count !== 'number' || !(count > 0))
    return new Transient(`Ecwid's answer for ${what} carries no updateCount: the write is not confirmed`);
  return undefined;
}

const what = (it: PlannedItem<VariantRef>) => `combination ${it.combinationId} of product ${it.productId}`;

export class EcwidConnection implements StoreConnection {
  readonly writeStock: StoreConnection['writeStock'];
  readonly readStock: StoreConnection['readStock'];

  constructor(
    private readonly api: HttpClient,
    log: PluginLogger,
    private readonly opts: CallManyOptions = {},
  ) {
    ({ writeStock: this.writeStock, readStock: this.readStock } = batched({
      platform: 'Ecwid',
      id: 'ecwid',
      log,
      ids: ecwidIds,
      invalid: {
        write: 'Ecwid product and combination ids are positive integers',
        read: 'Not an Ecwid combination id (ids are positive integers)',
      },
      verify: () => this.verify(),
      write: { skipInPlace: (items) => planWrites(items, this.opts.maxBatch ?? ECWID_MAX_BATCH), run: (send) => this.writeAll(send) },
      read: { run: (items) => this.readAll(items) },
    }));
  }

  /** One cheap catalog read: proves the token, the store id and the read_catalog scope. */
  async verify(): Promise<void> {
    await this.api.request({ method: 'GET', url: '/products', params: { limit: 1, responseFields: 'total' } });
  }

  private async writeAll(send: readonly PlannedItem<StockWrite>[]): Promise<(PluginError | undefined)[]> {
    const calls = send.map((it, k) => ({
      id: String(k),
      method: 'PUT' as const,
      path: `/products/${it.productId}/combinations/${it.combinationId}`,
      body: toStockUpdate(it.input.target),
      what: what(it),
    }));
    return (await callMany(this.api, calls, this.opts)).map((result, k) => writeError(calls[k].what, result));
  }

  private async readAll(items: readonly PlannedItem<VariantRef>[]): Promise<(TargetStock | PluginError | undefined)[]> {
    const getAll = async (pids: number[], path: (pid: number) => string) => {
      const calls = pids.map((pid) => ({ id: String(pid), method: 'GET' as const, path: path(pid), what: `product ${pid}` }));
      const results = await callMany(this.api, calls, this.opts);
      return new Map(pids.map((pid, k) => [pid, results[k]]));
    };
    // 1. Every product's combinations (one list per product).
    const pids = [...new Set(items.map((it) => it.productId))];
    const lists = new Map<number, Combination[] | PluginError>();
    for (const [pid, r] of await getAll(pids, (pid) => `/products/${pid}/combinations`)) {
      if (!r.ok) lists.set(pid, r.error);
      else if (Array.isArray(r.body)) lists.set(pid, r.body as Combination[]);
      else lists.set(pid, new Rejected(`Ecwid answered the combinations of product ${pid} with something other than a list`));
    }
    const combination = (it: PlannedItem<VariantRef>) => {
      const list = lists.get(it.productId)!;
      return Array.isArray(list) ? list.find((c) => c.id === it.combinationId) : list;
    };
    // 2. The base product's stock, only for products with a combination that inherits it.
    const inherits = (it: PlannedItem<VariantRef>, c = combination(it)) => c !== undefined && !(c instanceof Error) && inheritsStock(c);
    const needBase = pids.filter((pid) => items.some((it) => it.productId === pid && inherits(it)));
    const bases = await getAll(needBase, (pid) => `/products/${pid}`);
    return items.map((it) => {
      const { productId, combinationId } = it;
      const c = combination(it);
      if (c instanceof Error) return c;
      if (!c) return new NotFound(`Ecwid product ${productId} has no combination ${combinationId}`, { productId, combinationId });
      if (!inheritsStock(c)) return fromCombination(c);
      const base = bases.get(productId)!;
      if (!base.ok) return base.error;
      return base.body && typeof base.body === 'object' ? fromCombination(c, base.body as StockFields) : undefined;
    });
  }
}
