/**
 * One store's connection: verify, writeStock, readStock over Ecwid REST v3. Stateless apart from the
 * client it was built with; every result comes back in input order, one per input.
 */
import {
  isInPlace,
  NotFound,
  OutcomeSlots,
  refOf,
  Rejected,
  Transient,
  type HttpClient,
  type ObservedStock,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type VariantRef,
  type WriteOutcome,
} from '@stock-sync/plugin-sdk';
import { callMany, type CallManyOptions, type CallResult, type RestCall } from './call-many';
import { ECWID_MAX_BATCH, MIN_SUBREQUESTS_FOR_BATCH } from './manifest';
import type { EcwidCombination, EcwidProductStock, EcwidUpdateStatus } from './ecwid-types';
import { asPluginError, planItems, type PlannedItem } from './ids';
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
  constructor(
    private readonly api: HttpClient,
    private readonly log: PluginLogger,
    private readonly opts: CallManyOptions = {},
  ) {}

  /** One cheap catalog read: proves the token, the store id and the read_catalog scope. */
  async verify(): Promise<void> {
    await this.api.request({ method: 'GET', url: '/products', params: { limit: 1, responseFields: 'total' } });
  }

  async writeStock(changes: readonly StockWrite[]): Promise<WriteOutcome[]> {
    const outcomes = new OutcomeSlots<WriteOutcome>(changes.length);
    const { items, invalid } = planItems(changes);
    outcomes.set(invalid, (i) => ({
      ...refOf(changes[i]),
      status: 'failed',
      error: new Rejected(
        'Ecwid product and combination ids are positive integers',
        refOf(changes[i]) as unknown as Record<string, unknown>,
      ),
    }));
    const { send, skipped } = planWrites(items, this.opts.maxBatch ?? ECWID_MAX_BATCH);
    for (const it of skipped) outcomes.set(it.indexes, (i) => ({ ...refOf(changes[i]), status: 'written' }));
    if (skipped.length) this.log.debug('ecwid: skipped writes already in place', { skipped: skipped.length });

    const byId = new Map(send.map((it, k) => [String(k), it]));
    const calls: RestCall[] = send.map((it, k) => ({
      id: String(k),
      method: 'PUT',
      path: combinationPath(it),
      body: toStockUpdate(it.input.target),
      what: combinationWhat(it),
    }));
    try {
      await callMany(
        this.api,
        calls,
        (call, result) => {
          const it = byId.get(call.id)!;
          const outcome = writeOutcome(combinationWhat(it), result);
          outcomes.set(it.indexes, (i) => ({ ...refOf(changes[i]), ...outcome }) as WriteOutcome);
        },
        this.opts,
      );
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('ecwid: write stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...refOf(changes[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }

  async readStock(refs: readonly VariantRef[]): Promise<ObservedStock[]> {
    const outcomes = new OutcomeSlots<ObservedStock>(refs.length);
    const { items, invalid } = planItems(refs);
    outcomes.set(invalid, (i) => ({
      ...refOf(refs[i]),
      status: 'failed',
      error: new NotFound('Not an Ecwid combination id (ids are positive integers)', refOf(refs[i]) as unknown as Record<string, unknown>),
    }));

    const byProduct = new Map<number, PlannedItem<VariantRef>[]>();
    for (const it of items) byProduct.set(it.productId, [...(byProduct.get(it.productId) ?? []), it]);
    try {
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
          else {
            const error = result.ok
              ? new Rejected(`Ecwid answered the combinations of product ${pid} with something other than a list`)
              : result.error;
            for (const it of byProduct.get(pid)!) outcomes.set(it.indexes, (i) => ({ ...refOf(refs[i]), status: 'failed', error }));
          }
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
      await callMany(
        this.api,
        needBase.map((pid) => ({ id: String(pid), method: 'GET' as const, path: `/products/${pid}`, what: `product ${pid}` })),
        (call, result) => {
          if (result.ok && result.body && typeof result.body === 'object') bases.set(Number(call.id), result.body as EcwidProductStock);
          else if (!result.ok)
            for (const it of byProduct.get(Number(call.id))!)
              outcomes.set(it.indexes, (i) => ({ ...refOf(refs[i]), status: 'failed', error: result.error }));
        },
        this.opts,
      );
      for (const [pid, list] of lists) {
        const byCombination = new Map(list.map((c) => [c.id, c]));
        for (const it of byProduct.get(pid)!) {
          const c = byCombination.get(it.combinationId);
          if (!c) {
            const error = new NotFound(`Ecwid product ${pid} has no combination ${it.combinationId}`, {
              productId: pid,
              combinationId: it.combinationId,
            });
            outcomes.set(it.indexes, (i) => ({ ...refOf(refs[i]), status: 'failed', error }));
            continue;
          }
          if (inheritsStock(c) && !bases.has(pid)) continue; // its base read failed: already recorded
          const stock = fromCombination(c, bases.get(pid));
          outcomes.set(it.indexes, (i) => ({ ...refOf(refs[i]), status: 'found', stock }));
        }
      }
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('ecwid: read stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...refOf(refs[i]), status: 'failed', error }));
    }
    return outcomes.done();
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
