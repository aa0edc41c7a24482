/** The plugin's writes against the WooCommerce simulator over real HTTP: fields, batching, quirks. */
import { AuthError, Rejected, OUT_OF_STOCK as O, quantity as Q, UNLIMITED as U } from '@stock-sync/plugin-api';
import { useSimulator, writesOf as writes } from '@stock-sync/plugin-testkit/contract';
import { outcomeNames, seedAndWriteEach, seedRefs } from '@stock-sync/plugin-testkit/fixtures';
import { batchCalls, call, connect, product, refsOf, startWooSimulator } from './support/store';

const sim = useSimulator(startWooSimulator);

describe('what lands in the store', () => {
  it("writes WooCommerce's own untracked and tracked forms", async () => {
    const { outcomes } = await seedAndWriteEach(sim, connect(sim), product(100, 1001, 4), [O, U, Q(7), Q(0)]);
    expect(outcomeNames(outcomes)).toEqual(['written', 'written', 'written', 'written']);
    const v = (id: number) => sim.state.variations.get(id)!;
    expect(v(1001)).toMatchObject({ manageStock: false, stockStatus: 'outofstock', stockQuantity: null });
    expect(v(1002)).toMatchObject({ manageStock: false, stockStatus: 'instock', stockQuantity: null });
    // Core derives the status from the count: 7 → instock, 0 → outofstock.
    expect(v(1003)).toMatchObject({ manageStock: true, stockQuantity: 7, stockStatus: 'instock' });
    expect(v(1004)).toMatchObject({ manageStock: true, stockQuantity: 0, stockStatus: 'outofstock' });
  });

  it('honours the store\'s "out of stock threshold" when reading back a tracked count', async () => {
    const p = product(100, 1001, 1);
    sim.seed([p]);
    sim.state.options.notifyNoStockAmount = 2;
    const conn = connect(sim);
    expect((await conn.writeStock(writes(refsOf(p), Q(2))))[0].status).toBe('written');
    expect(sim.state.variations.get(1001)!.stockStatus).toBe('outofstock');
    // The neutral reading is still the count the hub wrote.
    expect(await conn.readStock(refsOf(p))).toEqual([{ ...refsOf(p)[0], status: 'found', stock: Q(2) }]);
  });
});

describe('batching', () => {
  it('groups by product and sends at most 100 updates per call', async () => {
    const a = product(100, 10_000, 150);
    const b = product(200, 20_000, 80);
    sim.seed([a, b]);
    const out = await connect(sim).writeStock([...writes(refsOf(a), O), ...writes(refsOf(b), Q(3))]);
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(batchCalls(sim)).toBe(3); // 100 + 50 for product 100, 80 for product 200
    expect(sim.requests).toHaveLength(3);
    expect(sim.stock(refsOf(a)[149])).toEqual(O);
    expect(sim.stock(refsOf(b)[0])).toEqual(Q(3));
  });

  it('keeps outcomes in input order across interleaved products', async () => {
    const [a1, a2] = seedRefs(sim, product(100, 1, 2));
    const [b1, b2] = seedRefs(sim, product(200, 3, 2));
    const order = [b1, a1, b2, a2];
    const out = await connect(sim).writeStock(order.map((r) => ({ ...r, target: O })));
    expect(out.map((o) => o.externalVariantId)).toEqual(['3', '1', '4', '2']);
  });

  it('lets writes already in place ride along when they cost nothing (re-asserting drift)', async () => {
    const p = product(100, 1, 10, O);
    sim.seed([p]);
    const refs = refsOf(p);
    sim.manualEdit(refs[9], Q(4)); // the hub does not know about this edit yet
    const out = await connect(sim).writeStock([...writes(refs.slice(0, 9), U, O), { ...refs[9], target: O, previous: O }]);
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(batchCalls(sim)).toBe(1);
    expect(sim.stock(refs[9])).toEqual(O);
  });

  it('makes no call for a product whose writes are all in place', async () => {
    const a = product(100, 1, 3, O);
    const b = product(200, 10, 2, O);
    sim.seed([a, b]);
    const out = await connect(sim).writeStock([...writes(refsOf(a), O, O), ...writes(refsOf(b), U, O)]);
    expect(out.map((o) => o.status)).toEqual(['written', 'written', 'written', 'written', 'written']);
    expect(sim.requests.map((r) => r.path)).toEqual(['/wp-json/wc/v3/products/200/variations/batch']);
    expect(sim.stock(refsOf(b)[0])).toEqual(U);
  });

  it('halves its batches when the site lowered woocommerce_rest_batch_items_limit (413)', async () => {
    const p = product(100, 1, 25);
    sim.seed([p]);
    sim.state.options.batchItemsLimit = 10;
    const out = await connect(sim).writeStock(writes(refsOf(p), Q(1)));
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(sim.requests.filter((r) => r.status === 413).length).toBeGreaterThan(0);
    expect(refsOf(p).every((r) => JSON.stringify(sim.stock(r)) === JSON.stringify(Q(1)))).toBe(true);
  });
});

describe('per-variant and store-level refusals', () => {
  it('reports a deleted variation as NotFound and writes the rest of its batch', async () => {
    const refs = seedRefs(sim, product(100, 1, 3));
    sim.faults.deleteVariant(refs[1]);
    const out = await connect(sim).writeStock(writes(refs, O));
    expect(outcomeNames(out)).toEqual(['written', 'NotFound', 'written']);
    expect((out[1] as { error: Error }).error.message).toMatch(/woocommerce_rest_product_variation_invalid_id/);
    expect(batchCalls(sim)).toBe(1);
  });

  it("rejects untracked targets for a variation that inherits its parent's stock, and says why", async () => {
    const refs = seedRefs(sim, product(100, 1, 2));
    // The merchant manages stock on the parent product (20 units shared by its variations).
    const r = await call(sim, 'POST', '/wp-json/wc/v3/products/batch', { update: [{ id: 100, manage_stock: true, stock_quantity: 20 }] });
    expect(r.status).toBe(200);
    const out = await connect(sim).writeStock([
      { ...refs[0], target: O },
      { ...refs[1], target: Q(5) },
    ]);
    expect(out[0].status).toBe('failed');
    const err = (out[0] as { error: Error }).error;
    expect(err).toBeInstanceOf(Rejected);
    expect(err.message).toMatch(/parent product manages stock/);
    // A count is still possible: the variation then manages its own stock.
    expect(out[1].status).toBe('written');
    expect(sim.stock(refs[1])).toEqual(Q(5));
    expect(sim.stock(refs[0])).toEqual(Q(20));
  });

  it('rejects quantities while the store has stock management switched off', async () => {
    const p = product(100, 1, 1);
    sim.seed([p]);
    sim.state.options.manageStock = 'no';
    const out = await connect(sim).writeStock(writes(refsOf(p), Q(5)));
    expect(out[0].status).toBe('failed');
    expect((out[0] as { error: Error }).error.message).toMatch(/stock management disabled/);
  });

  it('refuses ids WooCommerce cannot have without calling the store', async () => {
    const out = await connect(sim).writeStock([{ externalProductId: 'gid://x/1', externalVariantId: '2', target: O }]);
    expect(out[0].status).toBe('failed');
    expect((out[0] as { error: Error }).error).toBeInstanceOf(Rejected);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('credentials', () => {
  it('verify proves the key may write with one call that changes nothing', async () => {
    const p = product(100, 1, 1, O);
    sim.seed([p]);
    await expect(connect(sim).verify()).resolves.toBeUndefined();
    expect(sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /wp-json/wc/v3/products/batch 200']);
    expect(sim.stock(refsOf(p)[0])).toEqual(O);
  });

  it.each([
    [
      "a wrong secret is an AuthError carrying WooCommerce's code, never the secret",
      'consumerSecret',
      'cs_test_wrong_secret_do_not_leak_0000000',
      /woocommerce_rest_authentication_error: Consumer secret is invalid/,
    ],
    [
      'an unknown key leaves the request logged out: the endpoint answers 401 cannot_batch',
      'consumerKey',
      'ck_test_unknown_key_do_not_leak_00000000',
      /woocommerce_rest_cannot_batch/,
    ],
  ])('%s', async (_title, field, value, words) => {
    const err = await connect(sim, { [field]: value })
      .verify()
      .catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toMatch(words);
    expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain(value);
  });

  it('revoked credentials fail every remaining write with the same AuthError after one call', async () => {
    const a = product(100, 1, 2);
    const b = product(200, 3, 2);
    sim.seed([a, b]);
    sim.faults.revokeCredentials();
    const out = await connect(sim).writeStock([...writes(refsOf(a), O), ...writes(refsOf(b), O)]);
    expect(out.every((o) => o.status === 'failed' && o.error instanceof AuthError)).toBe(true);
    expect(sim.requests).toHaveLength(1);
  });
});
