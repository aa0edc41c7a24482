/** The plugin on a Catalog V1 site (tracking per product), over real HTTP. */
import { NotFound, OUT_OF_STOCK as O, quantity as Q, UNLIMITED as U } from '@stock-sync/plugin-api';
import { V1_EMULATED_UNLIMITED } from '../src/manifest';
import { migrateToV3, simulatorV1 } from '../src/simulator';
import { call, calls, connect, product, refsOf, start, type WixSim } from './support/store';

let sim: WixSim;
beforeEach(async () => {
  sim = await start(simulatorV1);
});
afterEach(async () => {
  await sim.close();
});

const item = (productId: string) => sim.state.v1.get(productId)!;
const variant = (productId: string, variantId: string) => item(productId).variants.get(variantId)!;

it('flips inStock on an untracked product, sending only the variants that change', async () => {
  const p = product('p1', 3, U);
  sim.seed([p]);
  const [a, b] = refsOf(p);
  const out = await connect(sim).writeStock([
    { ...a, target: O },
    { ...b, target: U },
  ]);
  expect(out.map((o) => o.status)).toEqual(['written', 'written']);
  expect(item('p1').trackQuantity).toBe(false);
  expect(variant('p1', 'p1-v1').inStock).toBe(false);
  expect(calls(sim)).toEqual(['GET probe', 'POST v1 query', 'PATCH v1 product p1']);
});

it('a count turns tracking on for the product: every variant is sent, unlimited ones get the emulated count', async () => {
  const p = product('p1', 3, U);
  sim.seed([p]);
  const [a, b, c] = refsOf(p);
  sim.manualEdit(b, O);
  const conn = connect(sim, { catalogVersion: 'V1' });
  const out = await conn.writeStock([{ ...a, target: Q(4) }]);
  expect(out[0].status).toBe('written');
  expect(item('p1').trackQuantity).toBe(true);
  expect([...item('p1').variants.values()].map((v) => v.quantity)).toEqual([4, 0, V1_EMULATED_UNLIMITED]);
  // Read back: the emulated count is unlimited, the others what they were.
  const seen = await conn.readStock([a, b, c]);
  expect(seen.map((s) => (s.status === 'found' ? s.stock : s.status))).toEqual([Q(4), O, U]);
  // The last count goes: tracking goes off again and unlimited is native.
  await conn.writeStock([{ ...a, target: U }]);
  expect(item('p1').trackQuantity).toBe(false);
  expect([...item('p1').variants.values()].map((v) => v.inStock)).toEqual([true, false, true]);
});

it('tops up an emulated unlimited that sales ate into, and skips what is already in place', async () => {
  const p = product('p1', 2, Q(5));
  sim.seed([p]);
  const [a, b] = refsOf(p);
  variant('p1', 'p1-v1').quantity = 95_000; // reads as unlimited, but below the emulated count
  const conn = connect(sim, { catalogVersion: 'V1' });
  await conn.writeStock([
    { ...a, target: U },
    { ...b, target: Q(5) },
  ]);
  expect(variant('p1', 'p1-v1').quantity).toBe(V1_EMULATED_UNLIMITED);
  sim.resetRequests();
  await conn.writeStock([
    { ...a, target: U },
    { ...b, target: Q(5) },
  ]);
  expect(calls(sim)).toEqual(['POST v1 query']); // read anyway (per-product tracking), nothing to PATCH
});

it('reads many products with one query and writes one PATCH per product that changes', async () => {
  const ps = [product('p1', 2, U), product('p2', 2, U), product('p3', 2, U)];
  sim.seed(ps);
  const out = await connect(sim, { catalogVersion: 'V1' }).writeStock(ps.flatMap((p) => refsOf(p).map((r) => ({ ...r, target: O }))));
  expect(out.every((o) => o.status === 'written')).toBe(true);
  expect(calls(sim)).toEqual(['POST v1 query', 'PATCH v1 product p1', 'PATCH v1 product p2', 'PATCH v1 product p3']);
});

it('a deleted variant or product is NotFound; the rest of the product is written', async () => {
  const p = product('p1', 2, U);
  sim.seed([p]);
  const [a, gone] = refsOf(p);
  sim.faults.deleteVariant(gone);
  const out = await connect(sim).writeStock([
    { ...a, target: O },
    { ...gone, target: O },
    { externalProductId: 'nope', externalVariantId: 'v', target: O },
  ]);
  expect(out[0].status).toBe('written');
  expect(out.slice(1).every((o) => o.status === 'failed' && o.error instanceof NotFound)).toBe(true);
});

it('the simulator: turning tracking on without counts zeroes the other variants (why the plugin sends them all)', async () => {
  sim.seed([product('p1', 2, U)]);
  const res = await call(sim, 'PATCH', '/stores/v2/inventoryItems/product/p1', {
    inventoryItem: { trackQuantity: true, variants: [{ variantId: 'p1-v1', quantity: 3 }] },
  });
  expect(res.status).toBe(200);
  expect(sim.stock({ externalProductId: 'p1', externalVariantId: 'p1-v2' })).toEqual(O);
  const q = await call(sim, 'POST', '/stores-reader/v2/inventoryItems/query', {
    query: { filter: JSON.stringify({ productId: { $in: ['p1'] } }) },
  });
  expect(q.body).toMatchObject({
    totalResults: 1,
    inventoryItems: [
      {
        productId: 'p1',
        trackQuantity: true,
        variants: [
          { variantId: 'p1-v1', quantity: 3, inStock: true },
          { variantId: 'p1-v2', quantity: 0, inStock: false },
        ],
      },
    ],
  });
});

it('queries inventory at the host/path Wix documents for Query Inventory (stores-reader), not the write path', async () => {
  // https://dev.wix.com/docs/api-reference/business-solutions/stores/catalog-v1/inventory/query-inventory.md:
  // "URL: https://www.wixapis.com/stores-reader/v2/inventoryItems/query"
  const p = product('p1', 1, U);
  sim.seed([p]);
  await connect(sim, { catalogVersion: 'V1' }).readStock(refsOf(p));
  expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /stores-reader/v2/inventoryItems/query']);
  expect((await call(sim, 'POST', '/stores/v2/inventoryItems/query', { query: {} })).status).toBe(404);
});

it('a site that moved to Catalog V3 is detected again: one probe, then the work goes the V3 way (writes and reads)', async () => {
  const p = product('p1', 2, U);
  const [a, b] = refsOf(p);
  // Probed, and configured as V1 (the credential is stale once the site has moved).
  for (const catalogVersion of ['', 'V1']) {
    await sim.close();
    sim = await start(simulatorV1);
    sim.seed([p]);
    const conn = connect(sim, { catalogVersion });
    expect((await conn.readStock([a]))[0]).toMatchObject({ status: 'found', stock: U });
    migrateToV3(sim.state);
    sim.resetRequests();
    const out = await conn.writeStock([
      { ...a, target: Q(3) },
      { ...b, target: O },
    ]);
    expect(out.map((o) => o.status)).toEqual(['written', 'written']);
    expect(calls(sim)).toEqual(['POST v1 query', 'GET probe', 'POST v3 query', 'POST v3 bulk']);
    expect([sim.stock(a), sim.stock(b)]).toEqual([Q(3), O]);
    // Never back: later calls go straight to V3.
    sim.resetRequests();
    expect((await conn.readStock([a]))[0]).toMatchObject({ status: 'found', stock: Q(3) });
    expect(calls(sim)).toEqual(['POST v3 query']);
  }
});

it('a failed V1 call on a site still on V1 is not mistaken for a migration', async () => {
  const p = product('p1', 1, U);
  sim.seed([p]);
  sim.faults.serverError(10, 500);
  const conn = connect(sim, { catalogVersion: 'V1' });
  sim.resetRequests();
  const out = await conn.writeStock([{ ...refsOf(p)[0], target: O }]);
  expect(out[0].status).toBe('failed');
  expect(calls(sim).filter((c) => c === 'GET probe')).toEqual([]);
  sim.faults.clear();
  expect(sim.state.catalogVersion).toBe('V1_CATALOG');
});
