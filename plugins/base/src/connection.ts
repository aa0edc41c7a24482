/**
 * One store's connection: verify, writeStock, readStock over BASE API v1. Stateless apart from the
 * client it was built with; every result comes back in input order, one per input.
 */
import {
  allInPlace,
  chunk,
  NotFound,
  OutcomeSlots,
  refOf as ref,
  Rejected,
  stopsTheWork,
  toPluginError,
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
import { baseErrorCode } from './base-api';
import { itemOf, type BaseItem } from './base-types';
import { editStockForm } from './edit-form';
import { MAX_VARIATIONS_PER_EDIT } from './manifest';
import { stockFor, stockOfCount } from './stock-mapping';
import { groupByItem, type PlannedItem } from './write-plan';

const asPluginError = (e: unknown) => toPluginError(e, 'BASE');

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The raw count BASE shows for one planned change in an item, or why there is none. */
function shownCount(item: BaseItem, p: PlannedItem<VariantRef>): { count: number } | { missing: string; gone: boolean } {
  if (p.variationId === undefined) {
    if (item.variations.length > 0)
      return { missing: `item ${item.item_id} has variations: its stock is their sum, name a variation id`, gone: false };
    return { count: item.stock };
  }
  const v = item.variations.find((x) => x.variation_id === p.variationId);
  return v ? { count: v.variation_stock } : { missing: `item ${item.item_id} has no variation ${p.variationId}`, gone: true };
}

export class BaseConnection implements StoreConnection {
  constructor(
    private readonly api: HttpClient,
    private readonly log: PluginLogger,
  ) {}

  /** GET /1/users/me: the default read_users scope, so it proves the token (scopes show on first use). */
  async verify(): Promise<void> {
    await this.api.request({ method: 'GET', url: '/users/me' });
  }

  async writeStock(changes: readonly StockWrite[]): Promise<WriteOutcome[]> {
    const outcomes = new OutcomeSlots<WriteOutcome>(changes.length);
    const { groups, invalid } = groupByItem(changes);
    outcomes.set(invalid, (i) => ({
      ...ref(changes[i]),
      status: 'failed',
      error: new Rejected('BASE item and variation ids are positive integers', { ...ref(changes[i]) }),
    }));
    try {
      for (const group of groups) {
        if (allInPlace(group.items)) {
          for (const it of group.items) outcomes.set(it.indexes, (i) => ({ ...ref(changes[i]), status: 'written' }));
          continue;
        }
        for (const part of chunk(group.items, MAX_VARIATIONS_PER_EDIT)) await this.editItem(group.itemId, part, changes, outcomes, true);
      }
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('base: write stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...ref(changes[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }

  /**
   * One /1/items/edit call for some variations of one item; throws only errors that stop the run.
   * BASE refuses the whole call for one unknown variation (bad_variation_id) without naming it: then the
   * item is read once, the missing variations fail NotFound and the others are sent again (once).
   */
  private async editItem(
    itemId: number,
    items: PlannedItem<StockWrite>[],
    changes: readonly StockWrite[],
    outcomes: OutcomeSlots<WriteOutcome>,
    mayNarrow: boolean,
  ): Promise<void> {
    const fail = (error: PluginError) => (it: PlannedItem<StockWrite>) =>
      outcomes.set(it.indexes, (i) => ({ ...ref(changes[i]), status: 'failed', error }));
    let item: BaseItem | undefined;
    try {
      const res = await this.api.request({
        method: 'POST',
        url: '/items/edit',
        headers: FORM,
        body: editStockForm(
          itemId,
          items.map((it) => ({ variationId: it.variationId, stock: stockFor(it.input.target) })),
        ),
        // Absolute counts: the same form sent again lands on the same state.
        idempotent: true,
      });
      item = itemOf(res.data);
    } catch (e) {
      const error = asPluginError(e);
      if (stopsTheWork(error)) throw error;
      const code = baseErrorCode(error);
      if (code === 'bad_item_id') {
        items.forEach(fail(new NotFound(`BASE has no item ${itemId} in this shop (bad_item_id)`, { itemId })));
      } else if (code === 'bad_variation_id' && mayNarrow) {
        await this.narrowAndRetry(itemId, items, changes, outcomes);
      } else items.forEach(fail(error));
      return;
    }
    if (!item) {
      items.forEach(fail(new Transient(`BASE answered the edit of item ${itemId} without the item`)));
      return;
    }
    // BASE echoes the saved item: check each change landed (an item without variations ignores a
    // variation id, an item with variations derives `stock`).
    for (const it of items) {
      const shown = shownCount(item, it);
      const wanted = stockFor(it.input.target);
      if ('missing' in shown) fail(new Rejected(`BASE did not apply the stock: ${shown.missing}`, { itemId }))(it);
      else if (shown.count !== wanted)
        fail(new Rejected(`BASE kept stock ${shown.count} instead of ${wanted} (item ${itemId})`, { itemId, variationId: it.variationId }))(
          it,
        );
      else outcomes.set(it.indexes, (i) => ({ ...ref(changes[i]), status: 'written' }));
    }
  }

  private async narrowAndRetry(
    itemId: number,
    items: PlannedItem<StockWrite>[],
    changes: readonly StockWrite[],
    outcomes: OutcomeSlots<WriteOutcome>,
  ): Promise<void> {
    const item = await this.readItem(itemId);
    const fail = (error: PluginError) => (it: PlannedItem<StockWrite>) =>
      outcomes.set(it.indexes, (i) => ({ ...ref(changes[i]), status: 'failed', error }));
    if (!item) {
      items.forEach(fail(new NotFound(`BASE has no item ${itemId} in this shop`, { itemId })));
      return;
    }
    const known = new Set(item.variations.map((v) => v.variation_id));
    const present = items.filter((it) => it.variationId === undefined || known.has(it.variationId));
    for (const it of items)
      if (!present.includes(it))
        fail(
          new NotFound(`BASE item ${itemId} has no variation ${it.variationId} (bad_variation_id)`, {
            itemId,
            variationId: it.variationId,
          }),
        )(it);
    if (present.length > 0) await this.editItem(itemId, present, changes, outcomes, false);
  }

  /**
   * GET /1/items/detail/{item_id}; undefined when the item is gone: `no_item` is what items/detail documents
   * ("商品が見つかりませんでした。"), `bad_item_id` what the write endpoints do (accepted here too).
   */
  private async readItem(itemId: number): Promise<BaseItem | undefined> {
    try {
      const res = await this.api.request({ method: 'GET', url: `/items/detail/${itemId}` });
      const item = itemOf(res.data);
      if (!item) throw new Transient(`BASE answered the detail of item ${itemId} without the item`);
      return item;
    } catch (e) {
      const error = asPluginError(e);
      const code = baseErrorCode(error);
      if (code === 'no_item' || code === 'bad_item_id' || error instanceof NotFound) return undefined;
      throw error;
    }
  }

  async readStock(refs: readonly VariantRef[]): Promise<ObservedStock[]> {
    const outcomes = new OutcomeSlots<ObservedStock>(refs.length);
    const { groups, invalid } = groupByItem(refs);
    outcomes.set(invalid, (i) => ({
      ...ref(refs[i]),
      status: 'failed',
      error: new NotFound('Not a BASE item / variation id (positive integers)', { ...ref(refs[i]) }),
    }));
    try {
      for (const group of groups) {
        let item: BaseItem | undefined;
        try {
          item = await this.readItem(group.itemId);
        } catch (e) {
          const error = asPluginError(e);
          if (stopsTheWork(error)) throw error;
          for (const it of group.items) outcomes.set(it.indexes, (i) => ({ ...ref(refs[i]), status: 'failed', error }));
          continue;
        }
        for (const it of group.items) {
          const shown = item ? shownCount(item, it) : { missing: `BASE has no item ${group.itemId} in this shop`, gone: true };
          if ('missing' in shown) {
            const error = shown.gone
              ? new NotFound(shown.missing, { itemId: group.itemId })
              : new Rejected(shown.missing, { itemId: group.itemId });
            outcomes.set(it.indexes, (i) => ({ ...ref(refs[i]), status: 'failed', error }));
          } else {
            const stock = stockOfCount(shown.count);
            outcomes.set(it.indexes, (i) => ({ ...ref(refs[i]), status: 'found', stock }));
          }
        }
      }
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('base: read stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...ref(refs[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }
}
