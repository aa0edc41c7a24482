/** The plugin's writes against the BigCommerce simulator over real HTTP: fields, fewest calls, tracking modes. */
import { AuthError, Rejected } from '@stock-sync/plugin-api';
import { useSimulator, writesOf as writes } from '@stock-sync/plugin-testkit/contract';
import { outcomeNames, pairTargets, seedAndWriteEach, seedRefs } from '@stock-sync/plugin-testkit/fixtures';
import { EMULATED_UNLIMITED_QUANTITY } from '../src/manifest';
import { calls, connect, O, product, Q, refsOf, startBcSimulator, U } from './support/store';

const sim = useSimulator(startBcSimulator);

const variant = (id: number) => sim.state.variants.get(id)!;

describe('an untracked product (print-on-demand)', () => {
  it('switches purchasing per variant: sold out is purchasing_disabled, unlimited is purchasable without a count', async () => {
    const [a, b, c] = seedRefs(sim, product(10, 101, 3));
    sim.manualEdit(b, O);
    const out = await connect(sim).writeStock([
      { ...a, target: O },
      { ...b, target: U },
      { ...c, target: U },
    ]);
    expect(out.map((o) => o.status)).toEqual(['written', 'written', 'written']);
    expect(variant(101)).toMatchObject({ purchasingDisabled: true });
    expect(variant(102)).toMatchObject({ purchasingDisabled: false });
    expect(sim.state.products.get(10)!.inventoryTracking).toBe('none');
    // One read plans it; c is already purchasable, so one batch of two carries the changes; no adjustment.
    expect(calls(sim)).toEqual(['GET /catalog/products', 'PUT /catalog/variants']);
  });

  it('turns on tracking by variant for a count, keeping untouched siblings purchasable (emulated) and sold-out ones sold out', async () => {
    const [a, sibling, disabledSibling, d] = seedRefs(sim, product(10, 101, 4));
    sim.manualEdit(disabledSibling, O);
    const out = await connect(sim).writeStock([
      { ...a, target: Q(7) },
      { ...d, target: O },
    ]);
    expect(out.map((o) => o.status)).toEqual(['written', 'written']);
    expect(sim.state.products.get(10)!.inventoryTracking).toBe('variant');
    expect(sim.stock(a)).toEqual(Q(7));
    expect(sim.stock(d)).toEqual(Q(0));
    expect(variant(102).inventoryLevel).toBe(EMULATED_UNLIMITED_QUANTITY);
    expect(sim.stock(disabledSibling)).toEqual(O);
    expect(calls(sim)).toEqual(['GET /catalog/products', 'PUT /catalog/products', 'PUT /inventory/adjustments/absolute']);
    const read = await connect(sim).readStock([sibling, disabledSibling]);
    expect(read.map((r) => (r.status === 'found' ? r.stock : r.status))).toEqual([U, O]);
  });
});

describe('a product tracked by variant (warehouse)', () => {
  it('sets every count with one absolute adjustment at the default location, unlimited as the emulation count', async () => {
    const { refs, outcomes } = await seedAndWriteEach(sim, connect(sim), product(20, 201, 3, Q(5)), [Q(12), O, U]);
    expect(outcomeNames(outcomes)).toEqual(['written', 'written', 'written']);
    expect([variant(201), variant(202), variant(203)].map((v) => [v.inventoryLevel, v.purchasingDisabled])).toEqual([
      [12, false],
      [0, false],
      [EMULATED_UNLIMITED_QUANTITY, false],
    ]);
    expect(calls(sim)).toEqual(['GET /catalog/products', 'GET /inventory/locations/1/items', 'PUT /inventory/adjustments/absolute']);
    expect(sim.state.adjustments[0]).toMatchObject({
      reason: expect.stringContaining('Stock Sync Hub'),
      items: [
        { locationId: 1, variantId: 201, quantity: 12 },
        { locationId: 1, variantId: 202, quantity: 0 },
        { locationId: 1, variantId: 203, quantity: EMULATED_UNLIMITED_QUANTITY },
      ],
    });
    const read = await connect(sim).readStock(refs);
    expect(read.map((r) => (r.status === 'found' ? r.stock : r.status))).toEqual([Q(12), Q(0), U]); // a tracked 0 is read as the count it is (equivalent to sold out)
  });

  it('re-enables a variant a merchant disabled when it gets a count again', async () => {
    const [a] = seedRefs(sim, product(20, 201, 1, Q(5)));
    variant(201).purchasingDisabled = true;
    expect((await connect(sim).readStock([a]))[0]).toMatchObject({ status: 'found', stock: O });
    const out = await connect(sim).writeStock([{ ...a, target: Q(3) }]);
    expect(out[0].status).toBe('written');
    expect(variant(201)).toMatchObject({ purchasingDisabled: false, inventoryLevel: 3 });
    expect(calls(sim).filter((c) => c.startsWith('PUT'))).toEqual(['PUT /catalog/variants', 'PUT /inventory/adjustments/absolute']);
  });

  it("uses the store's own location when the credentials name one", async () => {
    sim.state.locations.add(4);
    const p = product(20, 201, 1, Q(5));
    sim.seed([p]);
    const out = await connect(sim, { locationId: '4' }).writeStock(writes(refsOf(p), Q(9)));
    expect(out[0].status).toBe('written');
    expect(sim.state.adjustments[0].items).toEqual([{ locationId: 4, variantId: 201, quantity: 9 }]);
  });
});

describe('a product tracked per product', () => {
  it('can be sold out per variant, but refuses a per-variant count or unlimited with a reason the merchant can act on', async () => {
    const [a, b, c] = seedRefs(sim, product(30, 301, 3));
    sim.state.products.get(30)!.inventoryTracking = 'product';
    sim.state.products.get(30)!.ownInventoryLevel = 40;
    const out = await connect(sim).writeStock([
      { ...a, target: O },
      { ...b, target: Q(4) },
      { ...c, target: U },
    ]);
    expect(out[0].status).toBe('written');
    for (const o of out.slice(1)) {
      expect(o.status).toBe('failed');
      if (o.status === 'failed') {
        expect(o.error).toBeInstanceOf(Rejected);
        expect(o.error.message).toMatch(/Track inventory by variant/);
      }
    }
    expect(sim.stock(a)).toEqual(O);
    expect(sim.stock(b)).toEqual(Q(40));
  });
});

describe('fewest calls', () => {
  it('makes no write when every change is already in place', async () => {
    const u = product(10, 101, 2);
    const t = product(20, 201, 2, Q(5));
    sim.seed([u, t]);
    const out = await connect(sim).writeStock([...writes(refsOf(u), U), ...writes(refsOf(t), Q(5))]);
    expect(out.every((o) => o.status === 'written')).toBe(true);
    // The counts are the location's (Inventory API), not the catalog's.
    expect(calls(sim)).toEqual(['GET /catalog/products', 'GET /inventory/locations/1/items']);
  });

  it('batches purchasing switches 50 per call across products, and 250 counts in one adjustment', async () => {
    const a = product(10, 1000, 70);
    const b = product(11, 2000, 50);
    sim.seed([a, b]);
    const out = await connect(sim).writeStock([...writes(refsOf(a), O), ...writes(refsOf(b), O)]);
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(calls(sim)).toEqual(['GET /catalog/products', 'PUT /catalog/variants', 'PUT /catalog/variants', 'PUT /catalog/variants']);

    sim.resetRequests();
    const c = product(20, 3000, 200, Q(1));
    const d = product(21, 4000, 50, Q(1));
    sim.seed([c, d]);
    const out2 = await connect(sim).writeStock([...writes(refsOf(c), Q(8)), ...writes(refsOf(d), Q(9))]);
    expect(out2.every((o) => o.status === 'written')).toBe(true);
    expect(calls(sim)).toEqual(['GET /catalog/products', 'GET /inventory/locations/1/items', 'PUT /inventory/adjustments/absolute']);
  });

  it('answers a variant named twice once, with its last target, in input order', async () => {
    const [a, b] = seedRefs(sim, product(20, 201, 2, Q(5)));
    const out = await connect(sim).writeStock(pairTargets([a, b, a], [Q(1), Q(2), Q(3)]));
    expect(out.map((o) => [o.externalVariantId, o.status])).toEqual([
      ['201', 'written'],
      ['202', 'written'],
      ['201', 'written'],
    ]);
    expect(sim.stock(a)).toEqual(Q(3));
  });
});

describe('missing things', () => {
  it('fails a deleted product or variant NotFound without sending it, and a malformed id Rejected', async () => {
    const [a, b] = seedRefs(sim, product(20, 201, 2, Q(5)));
    sim.faults.deleteVariant(b);
    const out = await connect(sim).writeStock([
      { ...a, target: Q(6) },
      { ...b, target: Q(6) },
      { externalProductId: '999', externalVariantId: '1', target: O },
      { externalProductId: 'abc', externalVariantId: '1', target: O },
    ]);
    expect(outcomeNames(out)).toEqual(['written', 'NotFound', 'NotFound', 'Rejected']);
    expect(sim.state.adjustments[0].items.map((i) => i.variantId)).toEqual([201]);
  });
});

describe('auth', () => {
  it("verify fails AuthError for another store's hash, without the token in the message", async () => {
    const err = await connect(sim, { storeHash: 'otherstore' })
      .verify()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(String((err as Error).message)).not.toContain(sim.credentials.accessToken);
  });
});
