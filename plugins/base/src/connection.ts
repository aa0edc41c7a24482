/**
 * One store's connection over BASE API v1: the batched pipeline grouped by item (README "Batching"). A change whose
 * variant id equals its item id addresses the stock of an item without variations.
 */
import { batched, positiveIntegerId, stopsTheWork, toPluginError } from '@stock-sync/plugin-sdk';
import { NotFound, Rejected, Transient } from '@stock-sync/plugin-api';
import type { HttpClient, PluginError, PluginLogger, StockWrite, StoreConnection, VariantRef } from '@stock-sync/plugin-api';
import type { Planned } from '@stock-sync/plugin-sdk';
import { baseErrorCode, itemOf, type BaseItem } from './base-api';
import { MAX_VARIATIONS_PER_EDIT } from './manifest';
import { stockFor, stockOfCount } from './stock-mapping';

/** variationId undefined: the item's own stock (an item without variations). */
type Ids = { itemId: number; variationId: number | undefined };
type PlannedItem<T extends VariantRef> = Planned<T, Ids>;
type Verdicts = (PluginError | undefined)[];

function baseIds(input: VariantRef): Ids | undefined {
  const [itemId, variantId] = [positiveIntegerId(input.externalProductId), positiveIntegerId(input.externalVariantId)];
  return itemId && variantId ? { itemId, variationId: variantId === itemId ? undefined : variantId } : undefined;
}

/** The form of POST /1/items/edit for stock only (README "Calls used": the other fields left out, so BASE keeps them). */
function editStockForm(itemId: number, items: readonly PlannedItem<StockWrite>[]): string {
  const form = new URLSearchParams({ item_id: String(itemId) });
  let n = 0;
  for (const it of items) {
    const stock = String(stockFor(it.input.target));
    if (it.variationId === undefined) form.append('stock', stock);
    else {
      form.append(`variation_id[${n}]`, String(it.variationId));
      form.append(`variation_stock[${n++}]`, stock);
    }
  }
  return form.toString();
}

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

/** verify: GET /1/users/me, the default read_users scope, so it proves the token (scopes show on first use). */
export function baseConnection(api: HttpClient, log: PluginLogger): StoreConnection {
  /**
   * One /1/items/edit call for some variations of one item: a verdict each; throws only errors that stop the run.
   * A `bad_variation_id` names no variation: the item is read, the missing fail NotFound, the rest are sent again once.
   */
  async function editItem(itemId: number, items: readonly PlannedItem<StockWrite>[], mayNarrow: boolean): Promise<Verdicts> {
    let item: BaseItem | undefined;
    try {
      const res = await api.request({
        method: 'POST',
        url: '/items/edit',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: editStockForm(itemId, items),
        // Absolute counts: the same form sent again lands on the same state.
        idempotent: true,
      });
      item = itemOf(res.data);
    } catch (e) {
      const error = toPluginError(e, 'BASE');
      if (stopsTheWork(error)) throw error;
      const code = baseErrorCode(error);
      if (code === 'bad_item_id') return items.map(() => new NotFound(`BASE has no item ${itemId} in this shop (bad_item_id)`, { itemId }));
      if (code === 'bad_variation_id' && mayNarrow) return narrowAndRetry(itemId, items);
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

  async function narrowAndRetry(itemId: number, items: readonly PlannedItem<StockWrite>[]): Promise<Verdicts> {
    const item = await readItem(itemId);
    if (!item) return items.map(() => new NotFound(`BASE has no item ${itemId} in this shop`, { itemId }));
    const known = new Set(item.variations.map((v) => v.variation_id));
    const present = items.filter((it) => it.variationId === undefined || known.has(it.variationId));
    const again = present.length > 0 ? await editItem(itemId, present, false) : [];
    return items.map((it) =>
      present.includes(it)
        ? again[present.indexOf(it)]
        : new NotFound(`BASE item ${itemId} has no variation ${it.variationId} (bad_variation_id)`, {
            itemId,
            variationId: it.variationId,
          }),
    );
  }

  /** GET /1/items/detail/{item_id}; undefined when the item is gone: `no_item` (documented here) or `bad_item_id` (on writes). */
  async function readItem(itemId: number): Promise<BaseItem | undefined> {
    try {
      const item = itemOf((await api.request({ method: 'GET', url: `/items/detail/${itemId}` })).data);
      if (!item) throw new Transient(`BASE answered the detail of item ${itemId} without the item`);
      return item;
    } catch (e) {
      const error = toPluginError(e, 'BASE');
      const code = baseErrorCode(error);
      if (code === 'no_item' || code === 'bad_item_id' || error instanceof NotFound) return undefined;
      throw error;
    }
  }

  async function readGroup(items: readonly PlannedItem<VariantRef>[], itemId: number) {
    const item = await readItem(itemId);
    return items.map((it) => {
      const shown = item ? shownCount(item, it) : { missing: `BASE has no item ${itemId} in this shop`, gone: true };
      if (!('missing' in shown)) return stockOfCount(shown.count);
      return shown.gone ? new NotFound(shown.missing, { itemId }) : new Rejected(shown.missing, { itemId });
    });
  }

  return batched({
    platform: 'BASE',
    id: 'base',
    log,
    ids: baseIds,
    invalid: { write: 'BASE item and variation ids are positive integers', read: 'Not a BASE item / variation id (positive integers)' },
    verify: async () => void (await api.request({ method: 'GET', url: '/users/me' })),
    write: { groupBy: (it) => it.itemId, maxBatch: MAX_VARIATIONS_PER_EDIT, run: (items, itemId) => editItem(itemId, items, true) },
    read: { groupBy: (it) => it.itemId, run: readGroup },
  });
}
