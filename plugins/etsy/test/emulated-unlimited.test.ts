/**
 * Etsy has no untracked stock: "unlimited" is quantity 999 (Etsy's maximum), read back as unlimited down
 * to 900, and re-asserting tops it up again (README: mapping and top-up policy).
 */
import { OUT_OF_STOCK, UNLIMITED, quantity } from '@stock-sync/plugin-api';
import { calls, clockRefilledPerTest, type Harness, listingSeed, ref, startHarness } from './etsy-harness';

const clock = clockRefilledPerTest();
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: clock });
});
afterAll(() => h.close());

function offering(listingId: number, productId: number) {
  const listing = h.sim.state.listings.get(listingId)!;
  return listing.products.find((p) => p.product_id === productId && !p.is_deleted)!.offerings[0]!;
}

test('unlimited is written as quantity 999 on an enabled offering and reads back as unlimited', async () => {
  h.sim.seed([listingSeed(2001, 2, quantity(3))]);
  const c = h.connect();
  const out = await c.writeStock([{ ...ref(2001, 200101), target: UNLIMITED }]);
  expect(out).toEqual([{ ...ref(2001, 200101), status: 'written' }]);
  expect(offering(2001, 200101)).toMatchObject({ quantity: 999, is_enabled: true });
  expect(h.sim.stock(ref(2001, 200101))).toEqual(UNLIMITED);
  expect(await c.readStock([ref(2001, 200101)])).toEqual([{ ...ref(2001, 200101), status: 'found', stock: UNLIMITED }]);
});

test('sales below the threshold read back as a quantity; re-asserting unlimited tops up to 999', async () => {
  h.sim.seed([listingSeed(2002, 2)]);
  const c = h.connect();
  h.sim.manualEdit(ref(2002, 200201), quantity(950)); // 49 sold: still "unlimited"
  expect(await c.readStock([ref(2002, 200201)])).toEqual([{ ...ref(2002, 200201), status: 'found', stock: UNLIMITED }]);
  h.sim.manualEdit(ref(2002, 200201), quantity(899)); // 100 sold: the hub sees drift
  expect(await c.readStock([ref(2002, 200201)])).toEqual([{ ...ref(2002, 200201), status: 'found', stock: quantity(899) }]);

  h.sim.resetRequests();
  await c.writeStock([{ ...ref(2002, 200201), target: UNLIMITED }]);
  expect(calls(h.sim)).toEqual(['GET /v3/application/listings/2002/inventory', 'PUT /v3/application/listings/2002/inventory']);
  expect(offering(2002, 200201).quantity).toBe(999);
});

test('an unlimited variant still at 999 is not written again (the read already shows the target)', async () => {
  h.sim.seed([listingSeed(2003, 2)]);
  const c = h.connect();
  h.sim.resetRequests();
  const out = await c.writeStock([
    { ...ref(2003, 200301), target: UNLIMITED },
    { ...ref(2003, 200302), target: UNLIMITED },
  ]);
  expect(out.map((o) => o.status)).toEqual(['written', 'written']);
  expect(calls(h.sim)).toEqual(['GET /v3/application/listings/2003/inventory']);
});

test("quantities above 999 are capped at Etsy's maximum instead of being refused", async () => {
  h.sim.seed([listingSeed(2004, 2)]);
  const c = h.connect();
  const out = await c.writeStock([
    { ...ref(2004, 200401), target: quantity(5000) },
    { ...ref(2004, 200402), target: quantity(12) },
  ]);
  expect(out.map((o) => o.status)).toEqual(['written', 'written']);
  expect(offering(2004, 200401).quantity).toBe(999);
  expect(h.sim.stock(ref(2004, 200402))).toEqual(quantity(12));
});

test("out of stock is quantity 0 and keeps the merchant's is_enabled switch", async () => {
  h.sim.seed([listingSeed(2005, 3)]);
  offering(2005, 200502).is_enabled = false; // the merchant hid this variation
  const c = h.connect();
  await c.writeStock([
    { ...ref(2005, 200501), target: OUT_OF_STOCK },
    { ...ref(2005, 200502), target: OUT_OF_STOCK },
  ]);
  expect(offering(2005, 200501)).toMatchObject({ quantity: 0, is_enabled: true });
  expect(offering(2005, 200502)).toMatchObject({ quantity: 0, is_enabled: false });
  expect(h.sim.stock(ref(2005, 200501))).toEqual(OUT_OF_STOCK);
});
