/**
 * Ecwid REST v3 combinations (https://github.com/Ecwid/ecwid-api-docs/blob/master/includes/_combinations.md). One
 * run is one callMany (direct calls, or the Batch API above its threshold): one unit of the SDK's batched pipeline.
 */
import { batched, isInPlace, positiveIntegerId, StopTheWork } from '@stock-sync/plugin-sdk';
import { NotFound, Rejected, Transient } from '@stock-sync/plugin-api';
import type { CollapsedInput } from '@stock-sync/plugin-sdk';
import type { HttpClient, PluginError, PluginLogger, StockWrite, StoreConnection, TargetStock, VariantRef } from '@stock-sync/plugin-api';
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

/** README "Skip rule": in-place writes are dropped only when that saves whole calls (a batch costs two). */
export function planWrites(items: PlannedItem<StockWrite>[], maxBatch: number) {
  const changed = items.filter((i) => !isInPlace(i.input));
  const calls = (n: number) => (n < MIN_SUBREQUESTS_FOR_BATCH ? n : 2 * Math.ceil(n / maxBatch));
  if (calls(changed.length) < calls(items.length)) return { send: changed, skipped: items.filter((i) => isInPlace(i.input)) };
  return { send: items, skipped: [] };
}

/**
 * A PUT's answer → the write's error, if any: only a positive `updateCount` proves the write (README "Errors"); an
 * answer without one (an unreadable batch body, a proxy's page) is Transient, and the hub's absolute write is sent again.
 */
export function writeError(what: string, result: CallResult): PluginError | undefined {
  if (!result.ok) return result.error;
  const count = (result.body as { updateCount?: unknown } | undefined)?.updateCount;
  if (count === 0) return new Rejected(`Ecwid updated nothing for ${what} (updateCount 0)`);
  if (typeof count !== 'number' || !(count > 0))
    return new Transient(`Ecwid's answer for ${what} carries no updateCount: the write is not confirmed`);
  return undefined;
}

export function ecwidConnection(api: HttpClient, log: PluginLogger, opts: CallManyOptions = {}): StoreConnection {
  /** The same GET for each product: its answer by product id. */
  async function getAll(pids: number[], path: (pid: number) => string): Promise<Map<number, CallResult>> {
    const calls = pids.map((pid) => ({ id: String(pid), method: 'GET' as const, path: path(pid), what: `product ${pid}` }));
    const { results, stop } = await callMany(api, calls, opts);
    if (stop) throw stop;
    return new Map(pids.map((pid, k) => [pid, results[k]]));
  }

  async function writeAll(send: readonly PlannedItem<StockWrite>[]): Promise<(PluginError | undefined)[]> {
    const calls = send.map((it, k) => ({
      id: String(k),
      method: 'PUT' as const,
      path: `/products/${it.productId}/combinations/${it.combinationId}`,
      body: toStockUpdate(it.input.target),
      what: `combination ${it.combinationId} of product ${it.productId}`,
    }));
    const { results, stop } = await callMany(api, calls, opts);
    const verdicts = results.map((result, k) => writeError(calls[k].what, result));
    // The writes answered before the stop keep their verdicts; the rest fail with the error that stopped the work.
    if (stop)
      throw new StopTheWork(stop, { answered: calls.map((_, k) => (k < verdicts.length ? (verdicts[k] ?? 'written') : undefined)) });
    return verdicts;
  }

  async function readAll(items: readonly PlannedItem<VariantRef>[]): Promise<(TargetStock | PluginError | undefined)[]> {
    // 1. Every product's combinations (one list per product).
    const pids = [...new Set(items.map((it) => it.productId))];
    const lists = await getAll(pids, (pid) => `/products/${pid}/combinations`);
    const found = items.map((it): Combination | PluginError | undefined => {
      const r = lists.get(it.productId)!;
      if (!r.ok) return r.error;
      if (!Array.isArray(r.body))
        return new Rejected(`Ecwid answered the combinations of product ${it.productId} with something other than a list`);
      return (r.body as Combination[]).find((c) => c.id === it.combinationId);
    });
    // 2. The base product's stock, only for products with a combination that inherits it.
    const inherits = (c: (typeof found)[number]) => c !== undefined && !(c instanceof Error) && inheritsStock(c);
    const needBase = pids.filter((pid) => items.some((it, k) => it.productId === pid && inherits(found[k])));
    const bases = await getAll(needBase, (pid) => `/products/${pid}`);
    return items.map(({ productId, combinationId }, k) => {
      const c = found[k];
      if (c instanceof Error) return c;
      if (!c) return new NotFound(`Ecwid product ${productId} has no combination ${combinationId}`, { productId, combinationId });
      if (!inheritsStock(c)) return fromCombination(c);
      const base = bases.get(productId)!;
      if (!base.ok) return base.error;
      return base.body && typeof base.body === 'object' ? fromCombination(c, base.body as StockFields) : undefined;
    });
  }

  return batched({
    platform: 'Ecwid',
    id: 'ecwid',
    log,
    ids: ecwidIds,
    invalid: {
      write: 'Ecwid product and combination ids are positive integers',
      read: 'Not an Ecwid combination id (ids are positive integers)',
    },
    // One cheap catalog read: proves the token, the store id and the read_catalog scope.
    verify: async () => void (await api.request({ method: 'GET', url: '/products', params: { limit: 1, responseFields: 'total' } })),
    write: { skipInPlace: (items) => planWrites(items, opts.maxBatch ?? ECWID_MAX_BATCH), run: writeAll },
    read: { run: readAll },
  });
}
