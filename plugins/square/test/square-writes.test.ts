/** The plugin's writes against the Square simulator over real HTTP: tracking, counts, sold_out, fewest calls. */
import { AuthError, OUT_OF_STOCK, quantity, Rejected, UNLIMITED } from '@stock-sync/plugin-api';
import { useSimulator, writesOf as writes } from '@stock-sync/plugin-testkit/contract';
import { outcomeNames, refsOfProduct, seedProduct, seedRefs } from '@stock-sync/plugin-testkit/fixtures';
import { SIM_LOCATION_ID, SIM_OTHER_LOCATION_ID } from '../src/simulator';
import { call, calls, connect, startSquareSimulator } from './support/store';

const sim = useSimulator(startSquareSimulator);

const variation = (id: string) => sim.state.variations.get(id)!;

describe('what lands in the seller\u2019s catalog and inventory', () => {
  it('sells out an untracked variation by tracking it at the location and counting 0; Square derives sold_out', async () => {
    const [a] = seedRefs(sim, seedProduct('ITEM1', 101, 1));
    const out = await connect(sim).writeStock(writes([a], OUT_OF_STOCK));
    expect(out[0].status).toBe('written');
    expect(calls(sim)).toEqual([
      'POST /v2/catalog/batch-retrieve',
      'POST /v2/catalog/batch-upsert',
      'POST /v2/inventory/changes/batch-create',
    ]);
    const v = variation('101');
    expect(v.overrides.get(SIM_LOCATION_ID)?.trackInventory).toBe(true);
    // Only this location's override changed; the variation's own setting (other locations) is as it was.
    expect(v.trackInventory).toBe(false);
    expect(v.overrides.has(SIM_OTHER_LOCATION_ID)).toBe(false);
    const read = await call(sim, 'POST', '/v2/catalog/batch-retrieve', { object_ids: ['101'] });
    expect(read.body.objects[0].item_variation_data.location_overrides).toEqual([
      { location_id: SIM_LOCATION_ID, track_inventory: true, sold_out: true },
    ]);
    expect(await connect(sim).readStock([a])).toEqual([{ ...a, status: 'found', stock: OUT_OF_STOCK }]);
  });

  it('makes a tracked variation unlimited with one catalog upsert (no count), which clears sold_out', async () => {
    const p = seedProduct('ITEM1', 101, 2, quantity(0));
    sim.seed([p]);
    const out = await connect(sim).writeStock(writes(refsOfProduct(p), UNLIMITED));
    expect(out.map((o) => o.status)).toEqual(['written', 'written']);
    expect(calls(sim)).toEqual(['POST /v2/catalog/batch-retrieve', 'POST /v2/catalog/batch-upsert']);
    expect(sim.stock(refsOfProduct(p)[0])).toEqual(UNLIMITED);
  });

  it('sets counts of tracked variations with one PHYSICAL_COUNT batch (decimal strings, ignore_unchanged_counts)', async () => {
    const [a, b] = seedRefs(sim, seedProduct('ITEM1', 101, 2, quantity(3)));
    const out = await connect(sim).writeStock([
      { ...a, target: quantity(12) },
      { ...b, target: OUT_OF_STOCK },
    ]);
    expect(out.map((o) => o.status)).toEqual(['written', 'written']);
    expect(calls(sim)).toEqual(['POST /v2/catalog/batch-retrieve', 'POST /v2/inventory/changes/batch-create']);
    expect(sim.stock(a)).toEqual(quantity(12));
    expect(sim.stock(b)).toEqual(OUT_OF_STOCK);
    expect(await connect(sim).readStock([a, b])).toEqual([
      { ...a, status: 'found', stock: quantity(12) },
      { ...b, status: 'found', stock: OUT_OF_STOCK },
    ]);
  });

  it('keeps the rest of the variation as the seller set it (upsert replaces the object)', async () => {
    const p = seedProduct('ITEM1', 101, 1);
    sim.seed([p]);
    Object.assign(variation('101'), { name: 'Large / Blue', sku: 'TEE-L-BLU', priceCents: 2599, extra: { user_data: 'kept' } });
    expect((await connect(sim).writeStock(writes(refsOfProduct(p), quantity(4))))[0].status).toBe('written');
    expect(variation('101')).toMatchObject({ name: 'Large / Blue', sku: 'TEE-L-BLU', priceCents: 2599, extra: { user_data: 'kept' } });
  });
});

describe('the read-only sold_out flag', () => {
  it('refuses unlimited for a variation the seller marked sold out by hand, and reads it as sold out', async () => {
    const p = seedProduct('ITEM1', 101, 1);
    sim.seed([p]);
    variation('101').overrides.set(SIM_LOCATION_ID, { manualSoldOut: true, soldOutValidUntil: '2030-01-01T00:00:00Z', extra: {} });
    const [a] = refsOfProduct(p);
    const [outcome] = await connect(sim).writeStock(writes([a], UNLIMITED));
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') {
      expect(outcome.error).toBeInstanceOf(Rejected);
      expect(outcome.error.message).toMatch(/marked sold out by hand until 2030-01-01/);
    }
    expect(calls(sim)).toEqual(['POST /v2/catalog/batch-retrieve']);
    expect(await connect(sim).readStock([a])).toEqual([{ ...a, status: 'found', stock: OUT_OF_STOCK }]);
  });

  it('ignores sold_out written by an app (Square: "Attempts by an application to set this attribute are ignored")', async () => {
    const p = seedProduct('ITEM1', 101, 1);
    sim.seed([p]);
    const obj = (await call(sim, 'POST', '/v2/catalog/batch-retrieve', { object_ids: ['101'] })).body.objects[0];
    obj.item_variation_data.location_overrides = [{ location_id: SIM_LOCATION_ID, sold_out: true }];
    const res = await call(sim, 'POST', '/v2/catalog/batch-upsert', { idempotency_key: 'k-1', batches: [{ objects: [obj] }] });
    expect(res.status).toBe(200);
    expect(sim.stock(refsOfProduct(p)[0])).toEqual(UNLIMITED);
  });
});

describe('fewest calls', () => {
  it('sends no write when tracking is right and every count is believed in place', async () => {
    const t = seedProduct('ITEM1', 101, 2, quantity(5));
    const u = seedProduct('ITEM2', 201, 2);
    sim.seed([t, u]);
    const out = await connect(sim).writeStock([
      ...writes(refsOfProduct(t), quantity(5), quantity(5)),
      ...writes(refsOfProduct(u), UNLIMITED),
    ]);
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(calls(sim)).toEqual(['POST /v2/catalog/batch-retrieve']);
  });

  it('lets counts believed in place ride along (re-asserting drift) when another count needs the call', async () => {
    const [a, b] = seedRefs(sim, seedProduct('ITEM1', 101, 2, quantity(5)));
    sim.manualEdit(b, quantity(9)); // the hub does not know yet
    const out = await connect(sim).writeStock([
      { ...a, target: quantity(6), previous: quantity(5) },
      { ...b, target: quantity(5), previous: quantity(5) },
    ]);
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(sim.stock(b)).toEqual(quantity(5));
    expect(calls(sim).filter((c) => c.includes('inventory'))).toHaveLength(1);
  });
});

describe('failures', () => {
  it('fails a deleted variation or one of another item NotFound before any write, and a malformed id Rejected', async () => {
    const [a, gone] = seedRefs(sim, seedProduct('ITEM1', 101, 2, quantity(5)));
    sim.seed([seedProduct('ITEM2', 201, 1)]);
    sim.faults.deleteVariant(gone);
    const out = await connect(sim).writeStock([
      { ...a, target: quantity(1) },
      { ...gone, target: quantity(1) },
      { externalProductId: 'ITEM1', externalVariantId: '201', target: OUT_OF_STOCK },
      { externalProductId: 'ITEM1', externalVariantId: 'bad id/x', target: OUT_OF_STOCK },
    ]);
    expect(outcomeNames(out)).toEqual(['written', 'NotFound', 'NotFound', 'Rejected']);
    expect(sim.stock({ externalProductId: 'ITEM2', externalVariantId: '201' })).toEqual(UNLIMITED);
  });

  it('verify fails AuthError for a location the seller does not have', async () => {
    const err = await connect(sim, { locationId: 'LNOTMINE' })
      .verify()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    await expect(connect(sim).verify()).resolves.toBeUndefined();
  });
});
