/**
 * The simulator answers as Etsy does: request bodies checked against the official spec and Etsy's
 * documented rules, its auth errors, its rate headers, its all-or-nothing batch read.
 */
import { etsyFetch, fastClock, listingSeed, startHarness, type Harness } from './etsy-harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: fastClock() });
  h.sim.seed([listingSeed(5001, 2), listingSeed(5002, 1)]);
});
afterAll(() => h.close());

const PUT_PATH = '/v3/application/listings/5001/inventory';

/** A body the simulator accepts: what the GET returned, made writable. */
async function validBody(): Promise<any> {
  const inv = (await etsyFetch(h.sim, 'GET', PUT_PATH)).body;
  return {
    products: inv.products.map((p: any) => ({
      sku: p.sku,
      property_values: p.property_values.map(({ scale_name: _s, ...pv }: any) => pv),
      offerings: p.offerings.map((o: any) => ({
        price: o.price.amount / o.price.divisor,
        quantity: o.quantity,
        is_enabled: o.is_enabled,
        readiness_state_id: o.readiness_state_id,
      })),
    })),
    price_on_property: inv.price_on_property,
    quantity_on_property: inv.quantity_on_property,
    sku_on_property: inv.sku_on_property,
  };
}

test('a well-formed full inventory is accepted and the derived listing quantity follows it', async () => {
  const body = await validBody();
  body.products[0].offerings[0].quantity = 5;
  body.products[1].offerings[0].quantity = 6;
  const res = await etsyFetch(h.sim, 'PUT', PUT_PATH, { json: body });
  expect(res.status).toBe(200);
  expect(res.body.products.map((p: any) => p.offerings[0].quantity)).toEqual([5, 6]);
  expect((await etsyFetch(h.sim, 'GET', '/v3/application/listings/5001')).body.quantity).toBe(11);
});

test.each([
  [
    'the price as a Money object (spec: number)',
    (b: any) => (b.products[0].offerings[0].price = { amount: 2500, divisor: 100, currency_code: 'USD' }),
    /price/,
  ],
  ['a quantity that is not an integer (spec)', (b: any) => (b.products[0].offerings[0].quantity = 1.5), /quantity/],
  ['no products (spec: required)', (b: any) => delete b.products, /products/],
  ['product_id sent back', (b: any) => (b.products[0].product_id = 500101), /product_id/],
  ['offering_id sent back', (b: any) => (b.products[0].offerings[0].offering_id = 1), /offering_id/],
  ['scale_name sent back', (b: any) => (b.products[0].property_values[0].scale_name = null), /scale_name/],
  ['readiness_state_id left out', (b: any) => delete b.products[0].offerings[0].readiness_state_id, /readiness_state_id/],
  ['a quantity over 999', (b: any) => (b.products[0].offerings[0].quantity = 1000), /between 0 and 999/],
  [
    'quantities that differ without quantity_on_property',
    (b: any) => {
      b.quantity_on_property = [];
      b.products[0].offerings[0].quantity = 1;
      b.products[1].offerings[0].quantity = 2;
    },
    /quantity_on_property/,
  ],
  [
    'a product without property values in a multi-product listing',
    (b: any) => (b.products[1].property_values = []),
    /Property values can't be empty/,
  ],
  [
    'every offering at 0',
    (b: any) => b.products.forEach((p: any) => (p.offerings[0].quantity = 0)),
    /One offering must have quantity greater than 0/,
  ],
])('refuses %s with 400 {error}', async (_what, mutate, message) => {
  const body = await validBody();
  mutate(body);
  const res = await etsyFetch(h.sim, 'PUT', PUT_PATH, { json: body });
  expect(res.status).toBe(400);
  expect(res.body.error).toMatch(message);
});

test('a full replacement deletes the products left out (why the plugin always sends them all)', async () => {
  const body = await validBody();
  body.products = [body.products[0]];
  body.quantity_on_property = [];
  body.sku_on_property = [];
  expect((await etsyFetch(h.sim, 'PUT', PUT_PATH, { json: body })).status).toBe(200);
  const inv = (await etsyFetch(h.sim, 'GET', `${PUT_PATH}?show_deleted=true`)).body;
  expect(inv.products.map((p: any) => p.is_deleted)).toEqual([false, true]);
  expect((await etsyFetch(h.sim, 'GET', PUT_PATH)).body.products).toHaveLength(1);
});

test('updateListing (form body) is validated against the spec and only takes active / inactive', async () => {
  const path = '/v3/application/shops/34567890/listings/5002';
  expect((await etsyFetch(h.sim, 'PATCH', path, { form: { state: 'paused' } })).status).toBe(400);
  expect((await etsyFetch(h.sim, 'PATCH', path, { form: { state: 'draft' } })).body.error).toMatch(/active or inactive/);
  expect((await etsyFetch(h.sim, 'PATCH', path, { form: { quantity: '3' } })).body.error).toMatch(/updateListingInventory/);
  const ok = await etsyFetch(h.sim, 'PATCH', path, { form: { state: 'inactive' } });
  expect([ok.status, ok.body.state]).toEqual([200, 'inactive']);
  expect((await etsyFetch(h.sim, 'PATCH', '/v3/application/shops/999/listings/5002', { form: { state: 'active' } })).status).toBe(403);
  expect((await etsyFetch(h.sim, 'PATCH', path, { form: { state: 'active' } })).body.state).toBe('active');
});

test("the batch inventory read is all-or-nothing and carries each listing's state", async () => {
  const ok = await etsyFetch(h.sim, 'GET', '/v3/application/listings/batch/inventory?listing_ids=5001,5002');
  expect(ok.status).toBe(200);
  expect(ok.body.results.map((r: any) => [r.listing_id, r.state, Array.isArray(r.inventory.products)])).toEqual([
    [5001, 'active', true],
    [5002, 'active', true],
  ]);
  const missing = await etsyFetch(h.sim, 'GET', '/v3/application/listings/batch/inventory?listing_ids=5001,5999');
  expect(missing.status).toBe(404);
  expect(missing.body.error).toMatch(/5999/);
  const tooMany = Array.from({ length: 101 }, (_, i) => 6000 + i).join(',');
  expect((await etsyFetch(h.sim, 'GET', `/v3/application/listings/batch/inventory?listing_ids=${tooMany}`)).status).toBe(400);
});

test('auth: keystring alone, wrong key, missing or bad token', async () => {
  const path = '/v3/application/users/me';
  const bare = await etsyFetch(h.sim, 'GET', path, { headers: { 'x-api-key': h.sim.credentials.apiKey! } });
  expect([bare.status, bare.body.error]).toEqual([403, 'Shared secret is required in x-api-key header']);
  expect((await etsyFetch(h.sim, 'GET', path, { headers: { 'x-api-key': 'nope:nope' } })).status).toBe(403);
  expect((await etsyFetch(h.sim, 'GET', path, { headers: { authorization: '' } })).status).toBe(401);
  const bad = await etsyFetch(h.sim, 'GET', path, { headers: { authorization: 'Bearer 1.etsy_test_wrong' } });
  expect([bad.status, bad.body.error]).toEqual([401, 'invalid_token']);
  // openapi-ping needs the application key only.
  expect((await etsyFetch(h.sim, 'GET', '/v3/application/openapi-ping', { headers: { authorization: '' } })).status).toBe(200);
  const me = await etsyFetch(h.sim, 'GET', path);
  expect(me.body).toEqual({ user_id: 7_654_321, shop_id: 34_567_890 });
});

test('every answer carries the four rate headers; a throttle answers 429 with retry-after', async () => {
  const res = await etsyFetch(h.sim, 'GET', '/v3/application/users/me');
  for (const name of ['x-limit-per-second', 'x-remaining-this-second', 'x-limit-per-day', 'x-remaining-today']) {
    // Present and a non-negative integer (Number(null) would be 0 and pass a bare >= 0 check).
    const value = res.headers.get(name);
    expect([name, value]).toEqual([name, expect.stringMatching(/^\d+$/)]);
  }
  expect(res.headers.get('x-limit-per-second')).toBe('10');
  expect(res.headers.get('x-limit-per-day')).toBe('10000');
  h.sim.faults.rateLimit(1, 2);
  const throttled = await etsyFetch(h.sim, 'GET', '/v3/application/users/me');
  expect([throttled.status, throttled.headers.get('retry-after'), throttled.headers.get('x-remaining-this-second')]).toEqual([
    429,
    '2',
    '0',
  ]);
  expect(typeof throttled.body.error).toBe('string');
});

test('the daily quota: once spent, 429 with x-remaining-today 0', async () => {
  const daily = h.sim.state.daily;
  const saved = daily.limit;
  daily.limit = daily.used + 1;
  try {
    const last = await etsyFetch(h.sim, 'GET', '/v3/application/users/me');
    expect([last.status, last.headers.get('x-remaining-today')]).toEqual([200, '0']);
    const over = await etsyFetch(h.sim, 'GET', '/v3/application/users/me');
    expect([over.status, over.headers.get('x-remaining-today')]).toEqual([429, '0']);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  } finally {
    daily.limit = saved;
  }
});
