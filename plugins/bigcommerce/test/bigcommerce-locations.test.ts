/**
 * Regression tests (issue "Platform truth"): on multi-location stores the catalog's inventory_level is not the
 * configured location's count, so reads and write planning take the location's on-hand count from the
 * Inventory API (GET /inventory/locations/{location_id}/items,
 * https://developer.bigcommerce.com/docs/rest-management/inventory/items); and absolute adjustments are
 * applied asynchronously ("there may be a short delay before data is updated",
 * https://developer.bigcommerce.com/docs/store-operations/catalog/inventory-adjustments), so a read right
 * after a write that still shows the earlier count is not drift.
 */
import { Rejected } from '@stock-sync/plugin-api';
import { RecentWrites } from '../src/recent-writes';
import { calls, connect, product, Q, refsOf, startBcSimulator, type BcSim } from './support/store';

let sim: BcSim;
let now = 1_000_000;
beforeEach(async () => {
  sim = await startBcSimulator();
  now = 1_000_000;
  sim.state.clock = () => now;
});
afterEach(async () => {
  await sim.close();
});

describe('multi-location stores', () => {
  it("reads the configured location's count, not the catalog's (default-location) inventory_level", async () => {
    sim.state.locations.add(4);
    const p = product(20, 201, 2, Q(5));
    sim.seed([p]);
    sim.state.variants.get(201)!.otherLevels = new Map([[4, 2]]);
    const [a, b] = refsOf(p);
    const read = await connect(sim, { locationId: '4' }).readStock([a, b]);
    expect(read.map((r) => (r.status === 'found' ? r.stock : r.status))).toEqual([Q(2), Q(0)]);
    expect(calls(sim)).toEqual(['GET /catalog/products', 'GET /inventory/locations/4/items']);
  });

  it("plans writes against the location's count: a count the catalog already shows elsewhere is still written there", async () => {
    sim.state.locations.add(4);
    const p = product(20, 201, 1, Q(7));
    sim.seed([p]);
    // The catalog (default location) shows 7; location 4 has nothing.
    const out = await connect(sim, { locationId: '4' }).writeStock([{ ...refsOf(p)[0], target: Q(7) }]);
    expect(out[0].status).toBe('written');
    expect(sim.state.adjustments[0].items).toEqual([{ locationId: 4, variantId: 201, quantity: 7 }]);
    expect(sim.state.variants.get(201)!.otherLevels?.get(4)).toBe(7);
    expect(sim.state.variants.get(201)!.inventoryLevel).toBe(7);
  });
});

describe('absolute adjustments settle asynchronously', () => {
  it('a read that still shows the earlier count within the settle window is not comparable (Rejected), then the truth', async () => {
    sim.state.adjustmentDelayMs = 30_000;
    const register = new RecentWrites(300_000, () => now);
    const p = product(20, 201, 1, Q(5));
    sim.seed([p]);
    const ref = refsOf(p)[0];
    const out = await connect(sim, {}, register).writeStock([{ ...ref, target: Q(9) }]);
    expect(out[0].status).toBe('written');
    now += 1_000;
    const [early] = await connect(sim, {}, register).readStock([ref]);
    expect(early.status === 'failed' && early.error).toBeInstanceOf(Rejected);
    expect(early.status === 'failed' && early.error.details).toMatchObject({ settling: true, written: 9, observed: 5 });
    now += 30_000;
    expect(await connect(sim, {}, register).readStock([ref])).toEqual([{ ...ref, status: 'found', stock: Q(9) }]);
  });

  it("a different count within the window is real (a merchant's edit or a sale), and after the window the old count is drift", async () => {
    sim.state.adjustmentDelayMs = 10 * 60_000;
    const register = new RecentWrites(300_000, () => now);
    const p = product(20, 201, 1, Q(5));
    sim.seed([p]);
    const ref = refsOf(p)[0];
    await connect(sim, {}, register).writeStock([{ ...ref, target: Q(9) }]);
    sim.state.variants.get(201)!.inventoryLevel = 4;
    expect(await connect(sim, {}, register).readStock([ref])).toEqual([{ ...ref, status: 'found', stock: Q(4) }]);
    sim.state.variants.get(201)!.inventoryLevel = 5;
    now += 300_001;
    expect(await connect(sim, {}, register).readStock([ref])).toEqual([{ ...ref, status: 'found', stock: Q(5) }]);
  });
});
