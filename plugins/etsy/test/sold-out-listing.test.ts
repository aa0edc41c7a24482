/**
 * Etsy refuses an inventory with nothing for sale ("One offering must have quantity greater than 0",
 * etsy/open-api #395, #501, #560). When every variant of a listing must be out of stock the plugin
 * deactivates the listing and keeps one placeholder unit; it reactivates the listing when a variant
 * comes back (README: "Whole listing out of stock").
 */
import { OUT_OF_STOCK, Rejected, UNLIMITED, quantity } from '@stock-sync/plugin-api';
import { credentialFields, RENEW_SOLD_OUT_FIELD } from '../src/manifest';
import { calls, clockRefilledPerTest, listingSeed, ref, startHarness, type Harness } from './etsy-harness';

const clock = clockRefilledPerTest();
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: clock });
});
afterAll(() => h.close());

const listing = (id: number) => h.sim.state.listings.get(id)!;
const fetchInventory = async (id: number) =>
  (
    await fetch(`${h.sim.baseUrl}/v3/application/listings/${id}/inventory`, {
      headers: {
        'x-api-key': `${h.sim.credentials.apiKey}:${h.sim.credentials.sharedSecret}`,
        authorization: `Bearer ${h.sim.credentials.accessToken}`,
      },
    })
  ).json() as Promise<any>;
const enabledUnits = (id: number) =>
  listing(id)
    .products.filter((p) => !p.is_deleted)
    .reduce((s, p) => s + p.offerings.reduce((t, o) => t + (o.is_enabled && !o.is_deleted ? o.quantity : 0), 0), 0);

test("the simulator refuses an all-zero inventory with Etsy's error", async () => {
  h.sim.seed([listingSeed(4000, 2)]);
  const res = await fetch(`${h.sim.baseUrl}/v3/application/listings/4000/inventory`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      'x-api-key': `${h.sim.credentials.apiKey}:${h.sim.credentials.sharedSecret}`,
      authorization: `Bearer ${h.sim.credentials.accessToken}`,
    },
    body: JSON.stringify({
      products: [1, 2].map((i) => ({
        sku: `SKU-4000-${i}`,
        property_values: [
          {
            property_id: 513,
            property_name: 'Variant',
            scale_id: null,
            value_ids: [listing(4000).products[i - 1]!.property_values[0]!.value_ids[0]],
            values: [`Option ${i}`],
          },
        ],
        offerings: [{ price: 25, quantity: 0, is_enabled: true, readiness_state_id: 1_402_817_325 }],
      })),
      price_on_property: [],
      quantity_on_property: [513],
      sku_on_property: [513],
    }),
  });
  expect(res.status).toBe(400);
  expect(await res.json()).toEqual({ error: 'One offering must have quantity greater than 0' });
});

test('all variants out of stock: deactivate first, then write with one placeholder unit', async () => {
  h.sim.seed([listingSeed(4001, 3)]);
  const c = h.connect();
  h.sim.resetRequests();
  const out = await c.writeStock([
    { ...ref(4001, 400101), target: OUT_OF_STOCK },
    { ...ref(4001, 400102), target: OUT_OF_STOCK },
    { ...ref(4001, 400103), target: OUT_OF_STOCK },
  ]);
  expect(out.map((o) => o.status)).toEqual(['written', 'written', 'written']);
  expect(calls(h.sim)).toEqual([
    'GET /v3/application/listings/4001/inventory',
    'PATCH /v3/application/shops/34567890/listings/4001',
    'PUT /v3/application/listings/4001/inventory',
  ]);
  expect(listing(4001).state).toBe('inactive');
  expect(enabledUnits(4001)).toBe(1);
  for (const v of [400101, 400102, 400103]) expect(h.sim.stock(ref(4001, v))).toEqual(OUT_OF_STOCK);
  const read = await c.readStock([ref(4001, 400101), ref(4001, 400102), ref(4001, 400103)]);
  expect(read.map((r) => r.status === 'found' && r.stock)).toEqual([OUT_OF_STOCK, OUT_OF_STOCK, OUT_OF_STOCK]);

  // Saying it again costs one read and nothing else.
  h.sim.resetRequests();
  const again = await c.writeStock([{ ...ref(4001, 400102), target: OUT_OF_STOCK }]);
  expect(again[0]!.status).toBe('written');
  expect(calls(h.sim)).toEqual(['GET /v3/application/listings/4001/inventory']);
});

test("one variant back: Etsy withholds an inactive listing's processing profiles, so reactivate, read them, then write", async () => {
  h.sim.seed([listingSeed(4002, 3)]);
  const c = h.connect();
  await c.writeStock([400201, 400202, 400203].map((v) => ({ ...ref(4002, v), target: OUT_OF_STOCK })));
  expect(listing(4002).state).toBe('inactive');
  // readiness_state_id is "Returned only when the listing is `active` and of type `physical`" (Etsy's
  // updateListingInventory reference), and it is required on every written offering.
  const inactiveRead = await fetchInventory(4002);
  expect(inactiveRead.products.every((p: any) => p.offerings[0].readiness_state_id === null)).toBe(true);

  h.sim.resetRequests();
  const out = await c.writeStock([{ ...ref(4002, 400203), target: quantity(4) }]);
  expect(out[0]!.status).toBe('written');
  expect(calls(h.sim)).toEqual([
    'GET /v3/application/listings/4002/inventory',
    'PATCH /v3/application/shops/34567890/listings/4002',
    'GET /v3/application/listings/4002/inventory',
    'PUT /v3/application/listings/4002/inventory',
  ]);
  // The write carried the profiles read once the listing was active again.
  const written = h.sim.state.inventoryWrites.at(-1)!.body as any;
  expect(written.products.every((p: any) => p.offerings[0].readiness_state_id === 1_402_817_325)).toBe(true);
  expect(listing(4002).state).toBe('active');
  expect([400201, 400202, 400203].map((v) => h.sim.stock(ref(4002, v)))).toEqual([OUT_OF_STOCK, OUT_OF_STOCK, quantity(4)]);
  expect(enabledUnits(4002)).toBe(4);
});

test('a single-product listing goes out of stock and back to unlimited', async () => {
  h.sim.seed([listingSeed(4003, 1)]);
  const c = h.connect();
  expect((await c.writeStock([{ ...ref(4003, 400301), target: OUT_OF_STOCK }]))[0]!.status).toBe('written');
  expect(h.sim.stock(ref(4003, 400301))).toEqual(OUT_OF_STOCK);
  expect((await c.writeStock([{ ...ref(4003, 400301), target: UNLIMITED }]))[0]!.status).toBe('written');
  expect(h.sim.stock(ref(4003, 400301))).toEqual(UNLIMITED);
  expect(listing(4003).state).toBe('active');
});

test('a listing the merchant deactivated is left alone: no profiles to write with, in-stock targets are Rejected', async () => {
  h.sim.seed([listingSeed(4004, 2, quantity(3))]);
  listing(4004).state = 'inactive';
  const c = h.connect();
  h.sim.resetRequests();
  const out = await c.writeStock([
    { ...ref(4004, 400401), target: quantity(9) },
    { ...ref(4004, 400402), target: OUT_OF_STOCK },
  ]);
  expect(out[0]!.status === 'failed' && out[0]!.error).toBeInstanceOf(Rejected);
  expect(out[1]!.status).toBe('written');
  expect(calls(h.sim)).toEqual(['GET /v3/application/listings/4004/inventory']);
  expect(listing(4004).state).toBe('inactive');
  expect(listing(4004).products[0]!.offerings[0]!.quantity).toBe(3);
});

test('a sold_out listing is not renewed by default (a fee to the merchant): Rejected, saying how to allow it', async () => {
  h.sim.seed([listingSeed(4006, 2, OUT_OF_STOCK)]);
  expect(listing(4006).state).toBe('sold_out');
  h.sim.resetRequests();
  for (const renewSoldOutListings of [undefined, 'false', 'yes']) {
    const out = await h.connect({ renewSoldOutListings }).writeStock([{ ...ref(4006, 400602), target: quantity(3) }]);
    const err = out[0]!.status === 'failed' ? out[0]!.error : undefined;
    expect(err).toBeInstanceOf(Rejected);
    expect(err!.message).toMatch(/renew.*fee.*renewSoldOutListings=true/s);
  }
  expect(calls(h.sim).every((c) => c.startsWith('GET '))).toBe(true);
  expect(listing(4006).state).toBe('sold_out');
});

test('the renew setting the connection reads is a credential manifest.json declares: optional, not secret', () => {
  expect(credentialFields.find((f) => f.name === RENEW_SOLD_OUT_FIELD)).toMatchObject({ required: false, secret: false });
});

test('with renewSoldOutListings=true a sold_out listing is renewed (state active), read again, then fully written', async () => {
  h.sim.seed([listingSeed(4005, 2, OUT_OF_STOCK)]); // nothing for sale: Etsy shows it sold_out
  expect(listing(4005).state).toBe('sold_out');
  const c = h.connect({ renewSoldOutListings: 'true' });
  h.sim.resetRequests();
  const out = await c.writeStock([{ ...ref(4005, 400502), target: UNLIMITED }]);
  expect(out[0]!.status).toBe('written');
  expect(calls(h.sim)).toEqual([
    'GET /v3/application/listings/4005/inventory',
    'PATCH /v3/application/shops/34567890/listings/4005',
    'GET /v3/application/listings/4005/inventory',
    'PUT /v3/application/listings/4005/inventory',
  ]);
  expect(listing(4005).state).toBe('active');
  // Renewal put a unit on the first offering; the full write set it back to its target.
  expect([h.sim.stock(ref(4005, 400501)), h.sim.stock(ref(4005, 400502))]).toEqual([OUT_OF_STOCK, UNLIMITED]);
});

test('a write that fails after the plugin reactivated its marker listing sets the listing inactive again (nothing left for sale)', async () => {
  h.sim.seed([listingSeed(4007, 2)]);
  const c = h.connect();
  await c.writeStock([400701, 400702].map((v) => ({ ...ref(4007, v), target: OUT_OF_STOCK })));
  expect(listing(4007).state).toBe('inactive');
  // The next inventory PUT is refused (Etsy's 400 on a rule the plugin does not check itself).
  const realPut = h.sim.state.inventoryWrites.length;
  h.sim.state.listings.get(4007)!.products[0]!.offerings[0]!.price.amount = 5; // 0.05: under Etsy's 0.20 minimum, the PUT will be refused
  const out = await c.writeStock([{ ...ref(4007, 400702), target: quantity(3) }]);
  expect(out[0]!.status).toBe('failed');
  expect(h.sim.state.inventoryWrites.length).toBe(realPut);
  expect(listing(4007).state).toBe('inactive');
});
