/**
 * updateListingInventory replaces the whole listing: the plugin reads the inventory, changes only the
 * targeted offerings, and sends everything else back as it was (etsy/open-api issues #134, #159, #168).
 */
import { NotFound, OUT_OF_STOCK, UNLIMITED, quantity } from '@stock-sync/plugin-api';
import { calls, listingSeed, ref, startHarness, type Harness } from './etsy-harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

test('every other product keeps its sku, property values, price, processing profile and ids', async () => {
  h.sim.seed([listingSeed(3001, 3, quantity(7))]);
  const listing = h.sim.state.listings.get(3001)!;
  listing.products[1]!.offerings[0]!.price = { amount: 1999, divisor: 100, currency_code: 'USD' };
  listing.price_on_property = [513];
  const before = JSON.parse(JSON.stringify(listing.products));

  const out = await h.connect().writeStock([{ ...ref(3001, 300101), target: quantity(2) }]);
  expect(out).toEqual([{ ...ref(3001, 300101), status: 'written' }]);

  const after = h.sim.state.listings.get(3001)!;
  expect(after.products.filter((p) => p.is_deleted)).toEqual([]);
  expect(after.products[0]!.offerings[0]!.quantity).toBe(2);
  // Everything but the targeted quantity is as it was, ids included.
  const strip = (ps: typeof before) =>
    ps.map((p: (typeof before)[number]) => ({
      ...p,
      offerings: p.offerings.map((o: (typeof p.offerings)[number]) => ({ ...o, quantity: 0 })),
    }));
  expect(strip(after.products)).toEqual(strip(before));
  expect(after.products[1]!.offerings[0]!.quantity).toBe(7);
  expect(after.price_on_property).toEqual([513]);
  expect(after.quantity_on_property).toEqual([513]);
  expect(after.sku_on_property).toEqual([513]);
});

test('the PUT body drops the read-only fields and sends the price as a float', async () => {
  h.sim.seed([listingSeed(3002, 2)]);
  const listing = h.sim.state.listings.get(3002)!;
  listing.products[0]!.offerings[0]!.price = { amount: 1999, divisor: 100, currency_code: 'USD' };
  listing.price_on_property = [513]; // prices differ by variant
  await h.connect().writeStock([{ ...ref(3002, 300202), target: OUT_OF_STOCK }]);
  const sent = h.sim.state.inventoryWrites.filter((w) => w.listingId === 3002).pop()!.body as {
    products: Record<string, unknown>[];
  };
  const text = JSON.stringify(sent);
  for (const field of ['product_id', 'offering_id', 'is_deleted', 'scale_name', 'amount', 'divisor'])
    expect(text).not.toContain(`"${field}"`);
  const offerings = sent.products.map((p) => (p.offerings as Record<string, unknown>[])[0]!);
  expect(offerings.map((o) => o.price)).toEqual([19.99, 25]);
  expect(offerings.every((o) => o.readiness_state_id === 1_402_817_325)).toBe(true);
});

test('changes are grouped by listing: one read and one write per listing touched', async () => {
  h.sim.seed([listingSeed(3003, 3), listingSeed(3004, 2)]);
  h.sim.resetRequests();
  const out = await h.connect().writeStock([
    { ...ref(3003, 300301), target: quantity(4) },
    { ...ref(3004, 300401), target: quantity(5) },
    { ...ref(3003, 300303), target: OUT_OF_STOCK },
    { ...ref(3003, 300302), target: quantity(1) },
  ]);
  expect(out.map((o) => [o.externalVariantId, o.status])).toEqual([
    ['300301', 'written'],
    ['300401', 'written'],
    ['300303', 'written'],
    ['300302', 'written'],
  ]);
  expect([...calls(h.sim)].sort()).toEqual(
    [
      'GET /v3/application/listings/3003/inventory',
      'GET /v3/application/listings/3004/inventory',
      'PUT /v3/application/listings/3003/inventory',
      'PUT /v3/application/listings/3004/inventory',
    ].sort(),
  );
  expect([h.sim.stock(ref(3003, 300301)), h.sim.stock(ref(3003, 300302)), h.sim.stock(ref(3003, 300303))]).toEqual([
    quantity(4),
    quantity(1),
    OUT_OF_STOCK,
  ]);
});

test('concurrent writes to one listing are serialised, so neither undoes the other', async () => {
  h.sim.seed([listingSeed(3005, 2)]);
  const c = h.connect();
  const [a, b] = await Promise.all([
    c.writeStock([{ ...ref(3005, 300501), target: quantity(11) }]),
    c.writeStock([{ ...ref(3005, 300502), target: quantity(22) }]),
  ]);
  expect([a[0]!.status, b[0]!.status]).toEqual(['written', 'written']);
  expect([h.sim.stock(ref(3005, 300501)), h.sim.stock(ref(3005, 300502))]).toEqual([quantity(11), quantity(22)]);
  // Two full read-modify-write cycles, one after the other.
  expect(calls(h.sim).slice(-4)).toEqual([
    'GET /v3/application/listings/3005/inventory',
    'PUT /v3/application/listings/3005/inventory',
    'GET /v3/application/listings/3005/inventory',
    'PUT /v3/application/listings/3005/inventory',
  ]);
});

test("a product that is gone comes back NotFound while the listing's other changes are written", async () => {
  h.sim.seed([listingSeed(3006, 3), listingSeed(3007, 1)]);
  h.sim.faults.deleteVariant(ref(3006, 300602));
  const out = await h.connect().writeStock([
    { ...ref(3006, 300601), target: quantity(3) },
    { ...ref(3006, 300602), target: quantity(3) },
    { ...ref(3099, 309901), target: UNLIMITED }, // no such listing
    { ...ref('not-a-listing', 1), target: UNLIMITED },
    { ...ref(3007, 300701), target: quantity(8) },
  ]);
  expect(out.map((o) => o.status)).toEqual(['written', 'failed', 'failed', 'failed', 'written']);
  for (const i of [1, 2, 3]) expect(out[i]!.status === 'failed' && out[i]!.error).toBeInstanceOf(NotFound);
  expect(h.sim.stock(ref(3006, 300602))).toBe('deleted');
  expect(h.sim.stock(ref(3006, 300601))).toEqual(quantity(3));
  expect(h.sim.stock(ref(3007, 300701))).toEqual(quantity(8));
});
