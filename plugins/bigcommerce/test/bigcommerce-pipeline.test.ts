/**
 * The connection on the SDK's batched pipeline: a run is one plan (one batch), planned against the counts it
 * reads, never skipped on the hub's `previous`; the stop rule and the invalid ids come from the pipeline.
 */
import { AuthError, NotFound, Rejected } from '@stock-sync/plugin-api';
import { calls, connect, product, Q, refsOf, startBcSimulator, type BcSim } from './support/store';

let sim: BcSim;
beforeEach(async () => {
  sim = await startBcSimulator();
});
afterEach(async () => {
  await sim.close();
});

describe('a count changing from one the hub knows', () => {
  it('is written without reading the location: the products read and one absolute adjustment, even over a stale belief', async () => {
    const p = product(20, 201, 3, Q(5));
    sim.seed([p]);
    const [a, b, c] = refsOf(p);
    sim.manualEdit(a, Q(1)); // the merchant's edit: the hub still believes 5
    const out = await connect(sim).writeStock([
      { ...a, target: Q(9), previous: Q(5) },
      { ...b, target: { kind: 'out_of_stock' }, previous: Q(5) },
      { ...c, target: Q(7), previous: { kind: 'out_of_stock' } },
    ]);
    expect(out.map((o) => o.status)).toEqual(['written', 'written', 'written']);
    expect([sim.stock(a), sim.stock(b), sim.stock(c)]).toEqual([Q(9), Q(0), Q(7)]); // sold out: a count of 0 (purchasable)
    expect(calls(sim)).toEqual(['GET /catalog/products', 'PUT /inventory/adjustments/absolute']);
  });

  it('still reads the location for unlimited (emulated from the count there) and when nothing is believed', async () => {
    const p = product(20, 201, 2, Q(5));
    sim.seed([p]);
    const [a, b] = refsOf(p);
    await connect(sim).writeStock([{ ...a, target: { kind: 'unlimited' }, previous: Q(5) }]);
    expect(calls(sim)).toContain('GET /inventory/locations/1/items');
    sim.resetRequests();
    await connect(sim).writeStock([{ ...b, target: Q(8) }]);
    expect(calls(sim)).toEqual(['GET /catalog/products', 'GET /inventory/locations/1/items', 'PUT /inventory/adjustments/absolute']);
  });
});

describe('writes the hub believes in place', () => {
  it('are still planned against the store: a stale belief is corrected', async () => {
    const p = product(20, 201, 2, Q(5));
    sim.seed([p]);
    const [a, b] = refsOf(p);
    sim.manualEdit(a, Q(1));
    const out = await connect(sim).writeStock([
      { ...a, target: Q(5), previous: Q(5) },
      { ...b, target: Q(5), previous: Q(5) },
    ]);
    expect(out.map((o) => o.status)).toEqual(['written', 'written']);
    expect(sim.stock(a)).toEqual(Q(5));
    expect(calls(sim)).toEqual(['GET /catalog/products', 'GET /inventory/locations/1/items', 'PUT /inventory/adjustments/absolute']);
    expect(sim.state.adjustments[0].items).toEqual([{ locationId: 1, variantId: 201, quantity: 5 }]);
  });

  it('cost the reads only when the store agrees', async () => {
    const p = product(20, 201, 2, Q(5));
    sim.seed([p]);
    const out = await connect(sim).writeStock(refsOf(p).map((r) => ({ ...r, target: Q(5), previous: Q(5) })));
    expect(out.map((o) => o.status)).toEqual(['written', 'written']);
    expect(calls(sim)).toEqual(['GET /catalog/products', 'GET /inventory/locations/1/items']);
  });
});

describe('the stop rule and unusable ids', () => {
  it('a revoked token fails every valid write AuthError after one call; a malformed id stays Rejected without a call', async () => {
    const p = product(20, 201, 2, Q(5));
    sim.seed([p]);
    const [a, b] = refsOf(p);
    sim.faults.revokeCredentials();
    const out = await connect(sim).writeStock([
      { ...a, target: Q(6) },
      { externalProductId: '20', externalVariantId: '0', target: Q(1) },
      { ...b, target: Q(6) },
      { ...a, target: Q(7) },
    ]);
    expect(out.map((o) => [o.externalVariantId, o.status === 'failed' && o.error.constructor])).toEqual([
      ['201', AuthError],
      ['0', Rejected],
      ['202', AuthError],
      ['201', AuthError],
    ]);
    expect(calls(sim)).toEqual(['GET /catalog/products']);
    expect(sim.stock(a)).toEqual(Q(5));
  });

  it('a revoked token fails every valid read AuthError; a malformed id is NotFound', async () => {
    const p = product(20, 201, 1, Q(5));
    sim.seed([p]);
    const [a] = refsOf(p);
    sim.faults.revokeCredentials();
    const out = await connect(sim).readStock([a, { externalProductId: 'x', externalVariantId: '201' }]);
    expect(out.map((o) => o.status === 'failed' && o.error.constructor)).toEqual([AuthError, NotFound]);
    expect(calls(sim)).toEqual(['GET /catalog/products']);
  });
});
