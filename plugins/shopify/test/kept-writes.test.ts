/**
 * Plugin API 1.7 `kept`: a quantity written from the inventory item the hub kept is ONE call (no read), proven by the
 * call's own answer; whatever it cannot prove — a merchant's edit behind the hub (stale quantity, untracked, selling
 * past zero), a deleted variant — is read and written the read-first way, and still lands.
 */
import type { StockWrite, TargetStock, WriteOutcome } from '@stock-sync/plugin-api';
import { keptSet, KEPT_ITEM } from '../src/kept-writes';
import { catalog, refOf, startHarness, type Harness } from './support';

const qty = (quantity: number): TargetStock => ({ kind: 'quantity', quantity });
const OOS: TargetStock = { kind: 'out_of_stock' };
const UNL: TargetStock = { kind: 'unlimited' };
const refs = [refOf('8000', '40000'), refOf('8000', '40001'), refOf('8001', '40100')];
const keptOf = (o: WriteOutcome) => (o.status === 'written' ? o.keep : undefined);

describe('keptSet: which writes may skip the read', () => {
  const kept = { [KEPT_ITEM]: 'gid://shopify/InventoryItem/1' };
  const w = (previous: TargetStock | null | undefined, target: TargetStock, k: StockWrite['kept'] = kept): StockWrite => ({
    ...refs[0],
    target,
    previous,
    kept: k,
  });

  it('a count from a count, with the inventory item kept: changeFromQuantity is what the hub last wrote (sold out = 0)', () => {
    expect(keptSet(w(qty(5), qty(9)))).toEqual({ inventoryItemId: kept[KEPT_ITEM], quantity: 9, changeFromQuantity: 5 });
    expect(keptSet(w(OOS, qty(3)))).toEqual({ inventoryItemId: kept[KEPT_ITEM], quantity: 3, changeFromQuantity: 0 });
    expect(keptSet(w(qty(4), OOS))).toEqual({ inventoryItemId: kept[KEPT_ITEM], quantity: 0, changeFromQuantity: 4 });
  });

  it('reads first: nothing kept, not an inventory item, unlimited on either side, no quantity change, nothing known', () => {
    expect(keptSet(w(qty(5), qty(9), {}))).toBeUndefined();
    expect(keptSet(w(qty(5), qty(9), { [KEPT_ITEM]: 'gid://shopify/ProductVariant/1' }))).toBeUndefined();
    expect(keptSet(w(UNL, qty(9)))).toBeUndefined();
    expect(keptSet(w(qty(5), UNL))).toBeUndefined();
    expect(keptSet(w(qty(0), OOS))).toBeUndefined();
    expect(keptSet(w(null, qty(9)))).toBeUndefined();
  });
});

describe('writes from what was kept, against the simulator', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(catalog(2, 2, qty(2)));
  });
  afterEach(() => h.close());

  /** The hub's first write (read first), then what it keeps: each written outcome names its inventory item. */
  async function firstWrite(target: (i: number) => TargetStock) {
    const writes = refs.map((r, i) => ({ ...r, target: target(i), previous: qty(2) }));
    const out = await h.connection.writeStock(writes);
    expect(out.map((o) => o.status)).toEqual(['written', 'written', 'written']);
    for (const o of out) expect(keptOf(o)?.[KEPT_ITEM]).toMatch(/^gid:\/\/shopify\/InventoryItem\/\d+$/);
    h.sim.resetRequests();
    return writes.map((w, i) => ({ ...w, kept: keptOf(out[i]) }));
  }

  it('the next write is one inventorySetQuantities call, no read, and keeps the item again', async () => {
    const before = await firstWrite((i) => qty(5 + i));
    const next = before.map((w, i) => ({ ...w, previous: w.target, target: i === 1 ? OOS : qty(20 + i) }));
    const out = await h.connection.writeStock(next);
    expect(out.map((o) => o.status)).toEqual(['written', 'written', 'written']);
    expect(out.map(keptOf)).toEqual(before.map((w) => w.kept));
    expect(h.sim.requests).toHaveLength(1); // the write itself: every variant shows its new target below
    next.forEach((w) => expect(h.sim.stock(w)).toEqual(w.target));
  });

  it('a merchant edit behind the hub — another count, untracked, selling past zero — is read and still lands', async () => {
    const before = await firstWrite((i) => qty(5 + i));
    h.sim.manualEdit(refs[0], qty(17)); // the compare-and-set is stale
    h.sim.manualEdit(refs[1], UNL); // untracked: the quantity lands, the answer shows tracked false
    const item = h.sim.state.inventoryItems.get(keptOf({ ...refs[2], status: 'written', keep: before[2].kept })![KEPT_ITEM])!;
    h.sim.state.variants.get(item.variantId)!.inventoryPolicy = 'CONTINUE'; // sells past zero
    h.sim.resetRequests();
    const next = before.map((w, i) => ({ ...w, previous: w.target, target: qty(30 + i) }));
    const out = await h.connection.writeStock(next);
    expect(out.map((o) => o.status)).toEqual(['written', 'written', 'written']);
    next.forEach((w) => expect(h.sim.stock(w)).toEqual(w.target));
    // Kept: the stale one refuses the batch, the two others go again (tracked false / CONTINUE: not proven); then one
    // read of the three, one update (tracking and policy, both products), one set of the stale one's count.
    expect(h.sim.requests).toHaveLength(5);
  });

  it('a deleted variant behind the hub comes back NotFound; the others are written in the one call', async () => {
    const before = await firstWrite(() => qty(5));
    h.sim.faults.deleteVariant(refs[2]);
    const next = before.map((w) => ({ ...w, previous: w.target, target: qty(8) }));
    const out = await h.connection.writeStock(next);
    expect(out.map((o) => o.status)).toEqual(['written', 'written', 'failed']);
    expect(out[2].status === 'failed' && out[2].error.code).toBe('not_found');
    next.slice(0, 2).forEach((w) => expect(h.sim.stock(w)).toEqual(w.target));
  });
});
