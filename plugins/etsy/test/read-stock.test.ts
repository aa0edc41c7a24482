/** readStock reads up to 100 listings per call (getListingsInventoryByListingIds). */
import { NotFound, OUT_OF_STOCK, UNLIMITED, quantity } from '@stock-sync/plugin-api';
import { calls, clockRefilledPerTest, type Harness, listingSeed, ref, startHarness } from './etsy-harness';

const clock = clockRefilledPerTest();
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: clock });
});
afterAll(() => h.close());

test('three listings, one call; results in input order', async () => {
  h.sim.seed([listingSeed(7001, 2, quantity(5)), listingSeed(7002, 1), listingSeed(7003, 2, OUT_OF_STOCK)]);
  h.sim.resetRequests();
  const refs = [ref(7003, 700301), ref(7001, 700102), ref(7002, 700201), ref(7001, 700101)];
  const out = await h.connect().readStock(refs);
  expect(out).toEqual([
    { ...refs[0], status: 'found', stock: OUT_OF_STOCK },
    { ...refs[1], status: 'found', stock: quantity(5) },
    { ...refs[2], status: 'found', stock: UNLIMITED },
    { ...refs[3], status: 'found', stock: quantity(5) },
  ]);
  expect(calls(h.sim)).toEqual(['GET /v3/application/listings/batch/inventory']);
});

test('150 listings take two batch calls', async () => {
  const seeds = Array.from({ length: 150 }, (_, i) => listingSeed(71000 + i, 1));
  h.sim.seed(seeds);
  h.sim.resetRequests();
  const out = await h.connect().readStock(seeds.map((s) => ref(s.productId, s.variants[0]!.variantId)));
  expect(out.every((o) => o.status === 'found')).toBe(true);
  expect(calls(h.sim)).toEqual(['GET /v3/application/listings/batch/inventory', 'GET /v3/application/listings/batch/inventory']);
});

test("a missing listing fails the batch (Etsy's all-or-nothing 404): the plugin finds which, per listing", async () => {
  h.sim.seed([listingSeed(7101, 2), listingSeed(7102, 1)]);
  h.sim.faults.deleteVariant(ref(7101, 710102));
  h.sim.resetRequests();
  const out = await h.connect().readStock([ref(7101, 710101), ref(7199, 719901), ref(7102, 710201), ref(7101, 710102)]);
  expect(out.map((o) => o.status)).toEqual(['found', 'failed', 'found', 'failed']);
  expect(out[1]!.status === 'failed' && out[1]!.error).toBeInstanceOf(NotFound);
  expect(out[3]!.status === 'failed' && out[3]!.error).toBeInstanceOf(NotFound);
  expect(calls(h.sim)).toEqual([
    'GET /v3/application/listings/batch/inventory',
    'GET /v3/application/listings/7101/inventory',
    'GET /v3/application/listings/7199/inventory',
    'GET /v3/application/listings/7102/inventory',
  ]);
});

test('a listing that is not active reads out of stock for all its variants', async () => {
  h.sim.seed([listingSeed(7201, 2)]);
  h.sim.state.listings.get(7201)!.state = 'inactive';
  const out = await h.connect().readStock([ref(7201, 720101), ref(7201, 720102)]);
  expect(out.map((o) => o.status === 'found' && o.stock)).toEqual([OUT_OF_STOCK, OUT_OF_STOCK]);
});
