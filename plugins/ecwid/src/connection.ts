/**
 * One store's connection: verify, writeStock, readStock over Ecwid REST v3. Stateless apart from the
 * client it was built with; every result comes back in input order, one per input.
 */
import {
  batched,
  isInPlace,
  NotFound,
  Rejected,
  Transient,
  type HttpClient,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type TargetStock,
  type VariantRef,
} from '@stock-sync/plugin-sdk';
import { callMany, type CallManyOptions, type CallResult, type RestCall } from './call-many';
import { ECWID_MAX_BATCH, MIN_SUBREQUESTS_FOR_BATCH } from './manifest';
import type { EcwidCombination, EcwidProductStock, EcwidUpdateStatus } from './ecwid-types';
import { ecwidIds, type PlannedItem } from './ids';
import { fromCombination, inheritsStock, toStockUpdate } from './stock-mapping';

const combinationPath = (it: PlannedItem<VariantRef>) => `/products/${it.productId}/combinations/${it.combinationId}`;
const combinationWhat = (it: PlannedItem<VariantRef>) => `combination ${it.combinationId} of product ${it.productId}`;

/**
 * Which writes to send. In-place writes (the hub says `previous` equals `target`) are dropped only when
 * that saves whole calls: all of them in place → no call at all; or dropping them needs fewer batches.
 * Otherwise they ride along for free and re-assert the truth in case the hub's belief is stale.
 */
export function planWrites(
  items: PlannedItem<StockWrite>[],
  maxBatch: number,
): { send: PlannedItem<StockWrite>[]; skipped: PlannedItem<StockWrite>[] } {
  const inPlace = (i: PlannedItem<StockWrite>) => isInPlace(i.input);
  const changed = items.filter((i) => !inPlace(i));
  const calls = (n: number) => (n < MIN_SUBREQUESTS_FOR_BATCH ? n : 2 * Math.ceil(n / maxBatch));
  if (calls(changed.length) < calls(items.length)) return { send: changed, skipped: items.filter(inPlace) };
  return { send: items, skipped: [] };
}

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
      // One run is one callMany (separate calls, or the Batch API above its threshold): one unit of work.
      write: { skipInPlace: (items) => planWrites(items, this.opts.maxBatch ?? ECWID_MAX_BATCH), run: (send) => this.writeAll(send) },
      read: { run: (items) => this.readAll(items) },
    }));
  }

  /** One cheap catalog read: proves the token, the store id and the read_catalog scope. */
  async verify(): Promise<void> {
    await this.api.request({ method: 'GET', url: '/products', params: { limit: 1, responseFields: 'total' } });
  }

  private async writeAll(send: readonly PlannedItem<StockWrite>[]): Promise<(PluginError | undefined)[]> {
    const verdicts = new Map<string, PluginError | undefined>();
    const calls: RestCall[] = send.map((it, k) => ({
      id: String(k),
      method: 'PUT',
      path: combinationPath(it),
      body: toStockUpdate(it.input.target),
      what: combinationWhat(it),
    }));
    await callMany(
      this.api,
      calls,
      (call, result) => {
        const outcome = writeOutcome(combinationWhat(send[Number(call.id)]), result);
        verdicts.set(call.id, outcome.status === 'failed' ? outcome.error : undefined);
      },
      this.opts,
    );
    return send.map((_, k) => verdicts.get(String(k)));
  }

  private async readAll(items: readonly PlannedItem<VariantRef>[]): Promise<(TargetStock | PluginError | undefined)[]> {
    const byProduct = new Map<number, PlannedItem<VariantRef>[]>();
    for (const it of items) byProduct.set(it.productId, [...(byProduct.get(it.productId) ?? []), it]);
    const failedProducts = new Map<number, PluginError>();
    // 1. Every product's combinations (one list per product).
    const lists = new Map<number, EcwidCombination[]>();
    await callMany(
      this.api,
      [...byProduct.keys()].map((pid) => ({
        id: String(pid),
        method: 'GET' as const,
        path: `/products/${pid}/combinations`,
        what: `product ${pid}`,
      })),
      (call, result) => {
        const pid = Number(call.id);
        if (result.ok && Array.isArray(result.body)) lists.set(pid, result.body as EcwidCombination[]);
        else
          failedProducts.set(
            pid,
            result.ok ? new Rejected(`Ecwid answered the combinations of product ${pid} with something other than a list`) : result.error,
          );
      },
      this.opts,
    );
    // 2. The base product's stock, only for products with a combination that inherits it.
    const needBase = [...lists]
      .filter(([pid, list]) =>
        byProduct.get(pid)!.some((it) => {
          const c = list.find((x) => x.id === it.combinationId);
          return c !== undefined && inheritsStock(c);
        }),
      )
      .map(([pid]) => pid);
    const bases = new Map<number, EcwidProductStock>();
    const failedBases = new Map<number, PluginError>();
    await callMany(
      this.api,
      needBase.map((pid) => ({ id: String(pid), method: 'GET' as const, path: `/products/${pid}`, what: `product ${pid}` })),
      (call, result) => {
        if (result.ok && result.body && typeof result.body === 'object') bases.set(Number(call.id), result.body as EcwidProductStock);
        else if (!result.ok) failedBases.set(Number(call.id), result.error);
      },
      this.opts,
    );
    return items.map((it) => {
      const pid = it.productId;
      const list = lists.get(pid);
      if (!list) return failedProducts.get(pid);
      const c = list.find((x) => x.id === it.combinationId);
      if (!c)
        return new NotFound(`Ecwid product ${pid} has no combination ${it.combinationId}`, {
          productId: pid,
          combinationId: it.combinationId,
        });
      if (inheritsStock(c) && !bases.has(pid)) return failedBases.get(pid);
      return fromCombination(c, bases.get(pid));
    });
  }
}

/**
 * A PUT's answer → the write's outcome. Ecwid answers `{"updateCount": 1}`, or 0 "depending on whether
 * the update was successful" (https://api-docs.ecwid.com/reference/update-product-variation). Only a
 * positive count is proof of the write; an answer without a count (an unreadable batch body, a proxy's
 * page) is Transient — never recorded as written — and the hub's absolute write is sent again.
 */
export function writeOutcome(what: string, result: CallResult): { status: 'written' } | { status: 'failed'; error: PluginError } {
  if (!result.ok) return { status: 'failed', error: result.error };
  const count = (result.body as EcwidUpdateStatus | undefined)?.updateCount;
  if (count === 0) return { status: 'failed', error: new Rejected(`Ecwid updated nothing for ${what} (updateCount 0)`) };
  if (typeof count !== 'number' || !(count > 0)) {
    return { status: 'failed', error: new Transient(`Ecwid's answer for ${what} carries no updateCount: the write is not confirmed`) };
  }
  return { status: 'written' };
}
