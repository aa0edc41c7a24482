/**
 * One store's connection: verify, writeStock, readStock over BASE API v1. Stateless apart from the
 * client it was built with; every result comes back in input order, one per input.
 */
import {
  batched,
  NotFound,
  Rejected,
  stopsTheWork,
  toPluginError,
  Transient,
  type HttpClient,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type VariantRef,
} from '@stock-sync/plugin-sdk';
import { baseErrorCode } from './base-api';
import { itemOf, type BaseItem } from './base-types';
import { editStockForm } from './edit-form';
import { MAX_VARIATIONS_PER_EDIT } from './manifest';
import { stockFor, stockOfCount } from './stock-mapping';
import { baseIds, type PlannedItem } from './write-plan';

type Verdicts = (PluginError | undefined)[];

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
  readonly writeStock: StoreConnection['writeStock'];
  readonly readStock: StoreConnection['readStock'];

  constructor(
    private readonly api: HttpClient,
    log: PluginLogger,
  ) {
    ({ writeStock: this.writeStock, readStock: this.readStock } = batched({
      platform: 'BASE',
      id: 'base',
      log,
      ids: baseIds,
      invalid: { write: 'BASE item and variation ids are positive integers', read: 'Not a BASE item / variation id (positive integers)' },
      verify: () => this.verify(),
      // One item per /1/items/edit call, at most MAX_VARIATIONS_PER_EDIT; an item whose changes are all in place is skipped.
      write: { groupBy: (it) => it.itemId, maxBatch: MAX_VARIATIONS_PER_EDIT, run: (items, itemId) => this.editItem(itemId, items, true) },
      read: { groupBy: (it) => it.itemId, run: (items, itemId) => this.readGroup(itemId, items) },
    }));
  }

  /** GET /1/users/me: the default read_users scope, so it proves the token (scopes show on first use). */
  async verify(): Promise<void> {
    await this.api.request({ method: 'GET', url: '/users/me' });
  }

  /**
   * One /1/items/edit call for some variations of one item: a verdict each; throws only errors that stop the run.
   * BASE refuses the whole call for one unknown variation (bad_variation_id) without naming it: then the
   * item is read once, the missing variations fail NotFound and the others are sent again (once).
   */
  private async editItem(itemId: number, items: readonly PlannedItem<StockWrite>[], mayNarrow: boolean): Promise<Verdicts> {
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
      if (code === 'bad_item_id') return items.map(() => new NotFound(`BASE has no item ${itemId} in this shop (bad_item_id)`, { itemId }));
      if (code === 'bad_variation_id' && mayNarrow) return this.narrowAndRetry(itemId, items);
      return items.map(() => error);
    }
    if (!item) return items.map(() => new Transient(`BASE answered the edit of item ${itemId} without the item`));
    // BASE echoes the saved item: check each change landed (an item without variations ignores a
    // variation id, an item with variations derives `stock`).
    const saved = item;
    return items.map((it) => {
      const shown = shownCount(saved, it);
      const wanted = stockFor(it.input.target);
      if ('missing' in shown) return new Rejected(`BASE did not apply the stock: ${shown.missing}`, { itemId });
      if (shown.count !== wanted)
        return new Rejected(`BASE kept stock ${shown.count} instead of ${wanted} (item ${itemId})`, {
          itemId,
          variationId: it.variationId,
        });
      return undefined;
    });
  }

  private async narrowAndRetry(itemId: number, items: readonly PlannedItem<StockWrite>[]): Promise<Verdicts> {
    const item = await this.readItem(itemId);
    if (!item) return items.map(() => new NotFound(`BASE has no item ${itemId} in this shop`, { itemId }));
    const known = new Set(item.variations.map((v) => v.variation_id));
    const present = items.filter((it) => it.variationId === undefined || known.has(it.variationId));
    const again = present.length > 0 ? await this.editItem(itemId, present, false) : [];
    return items.map((it) =>
      present.includes(it)
        ? again[present.indexOf(it)]
        : new NotFound(`BASE item ${itemId} has no variation ${it.variationId} (bad_variation_id)`, {
            itemId,
            variationId: it.variationId,
          }),
    );
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

  private async readGroup(itemId: number, items: readonly PlannedItem<VariantRef>[]) {
    const item = await this.readItem(itemId);
    return items.map((it) => {
      const shown = item ? shownCount(item, it) : { missing: `BASE has no item ${itemId} in this shop`, gone: true };
      if (!('missing' in shown)) return stockOfCount(shown.count);
      return shown.gone ? new NotFound(shown.missing, { itemId }) : new Rejected(shown.missing, { itemId });
    });
  }
}
