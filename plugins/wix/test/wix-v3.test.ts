/** The plugin on a Catalog V3 site, over real HTTP. */
import { AuthError, NotFound, OUT_OF_STOCK as O, quantity as Q, Rejected, Transient, UNLIMITED as U } from '@stock-sync/plugin-api';
import { injectConcurrentEdit } from '@stock-sync/plugin-testkit/simulator';
import { makeWixSimulator, simulator, type V3SimItem } from '../src/simulator';
import { calls, connect, product, refsOf, start, type WixSim } from './support/store';

let sim: WixSim;
afterEach(async () => {
  await sim?.close();
});

const itemOf = (s: WixSim, variantId: string) => [...s.state.v3.values()].find((i) => i.variantId === variantId)!;

describe('catalog version', () => {
  it('detects V3 once per connection, or takes it from the credential without a probe', async () => {
    sim = await start(simulator);
    sim.seed([product('p1', 2)]);
    const conn = connect(sim);
    await conn.writeStock([{ ...refsOf(product('p1', 2))[0], target: O }]);
    await conn.readStock(refsOf(product('p1', 2)));
    expect(calls(sim)).toEqual(['GET probe', 'POST v3 query', 'POST v3 bulk', 'POST v3 query']);
    sim.resetRequests();
    await connect(sim, { catalogVersion: 'V3' }).readStock(refsOf(product('p1', 2)));
    expect(calls(sim)).toEqual(['POST v3 query']);
  });

  it('verify refuses a configured version the site does not run, and a site without Wix Stores', async () => {
    sim = await start(simulator);
    await expect(connect(sim, { catalogVersion: 'V1' }).verify()).rejects.toThrow(/uses Catalog V3/);
    await expect(connect(sim, { catalogVersion: 'V9' }).verify()).rejects.toBeInstanceOf(Rejected);
    // Writing with V1 configured on a V3 site (a site that migrated: V1 → V3, never back): the V1 API
    // refuses, the connection probes once and writes through the V3 API.
    sim.seed([product('p1', 1)]);
    sim.resetRequests();
    const out = await connect(sim, { catalogVersion: 'V1' }).writeStock([{ ...refsOf(product('p1', 1))[0], target: O }]);
    expect(out[0].status).toBe('written');
    expect(calls(sim)).toEqual(['POST v1 query', 'GET probe', 'POST v3 query', 'POST v3 bulk']);
    const bare = await start(makeWixSimulator('STORES_NOT_INSTALLED'));
    try {
      await expect(connect(bare).verify()).rejects.toThrow(/not installed/);
    } finally {
      await bare.close();
    }
  });
});

describe('writes', () => {
  it('uses in-stock tracking for unlimited / sold out and quantity tracking for counts; the revision moves', async () => {
    sim = await start(simulator);
    const p = product('p1', 3, Q(5));
    sim.seed([p]);
    const [a, b, c] = refsOf(p);
    const before = itemOf(sim, 'p1-v1').revision;
    const out = await connect(sim).writeStock([
      { ...a, target: U },
      { ...b, target: O },
      { ...c, target: Q(9) },
    ]);
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(itemOf(sim, 'p1-v1')).toMatchObject({ trackQuantity: false, inStock: true, revision: before + 1 });
    expect(itemOf(sim, 'p1-v2')).toMatchObject({ trackQuantity: false, inStock: false });
    expect(itemOf(sim, 'p1-v3')).toMatchObject({ trackQuantity: true, quantity: 9 });
    expect(calls(sim)).toEqual(['GET probe', 'POST v3 query', 'POST v3 bulk']);
  });

  it('sends nothing for items the read shows already in place, and nothing at all when the hub says all are', async () => {
    sim = await start(simulator);
    const p = product('p1', 2, O);
    sim.seed([p]);
    const conn = connect(sim, { catalogVersion: 'V3' });
    await conn.writeStock(refsOf(p).map((r) => ({ ...r, target: O })));
    expect(calls(sim)).toEqual(['POST v3 query']);
    sim.resetRequests();
    await conn.writeStock(refsOf(p).map((r) => ({ ...r, target: O, previous: O })));
    expect(sim.requests).toHaveLength(0);
  });

  it('writes 150 variants with one bulk call after two query pages', async () => {
    sim = await start(simulator);
    const p = product('p1', 150, Q(1));
    sim.seed([p]);
    const out = await connect(sim, { catalogVersion: 'V3' }).writeStock(refsOf(p).map((r) => ({ ...r, target: Q(2) })));
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(calls(sim)).toEqual(['POST v3 query', 'POST v3 query', 'POST v3 bulk']);
  });

  /** A simulator whose query answers, then lets a "merchant" edit the first item `times` times. */
  function racing(times: number) {
    return injectConcurrentEdit(
      simulator,
      { path: '/stores/v3/inventory-items/query' },
      (ctx) => {
        const first = [...ctx.state.v3.values()][0] as V3SimItem;
        first.revision++;
      },
      { times, onlyOnStatus: () => true },
    );
  }

  it('re-reads and re-sends once when the revision went stale in between', async () => {
    sim = await start(racing(1));
    const p = product('p1', 2, U);
    sim.seed([p]);
    const out = await connect(sim, { catalogVersion: 'V3' }).writeStock(refsOf(p).map((r) => ({ ...r, target: Q(3) })));
    expect(out.map((o) => o.status)).toEqual(['written', 'written']);
    expect(calls(sim)).toEqual(['POST v3 query', 'POST v3 bulk', 'POST v3 query', 'POST v3 bulk']);
    expect(sim.stock(refsOf(p)[0])).toEqual(Q(3));
  });

  it('gives up with Transient when it goes stale again', async () => {
    sim = await start(racing(5));
    const p = product('p1', 2, U);
    sim.seed([p]);
    const out = await connect(sim, { catalogVersion: 'V3' }).writeStock(refsOf(p).map((r) => ({ ...r, target: Q(3) })));
    expect(out[0].status === 'failed' && out[0].error instanceof Transient).toBe(true);
    expect(out[1].status).toBe('written');
  });

  it('needs locationId when a variant is stocked at several locations', async () => {
    sim = await start(simulator);
    const p = product('p1', 1, U);
    sim.seed([p]);
    const home = itemOf(sim, 'p1-v1');
    sim.state.v3.set('second', { ...home, id: 'second', locationId: 'loc-2', revision: 1 });
    const [a] = refsOf(p);
    const out = await connect(sim).writeStock([{ ...a, target: O }]);
    expect(out[0].status === 'failed' && out[0].error instanceof Rejected && out[0].error.message.includes('locationId')).toBe(true);
    const there = await connect(sim, { locationId: 'loc-2' }).writeStock([{ ...a, target: O }]);
    expect(there[0].status).toBe('written');
    expect(sim.state.v3.get('second')).toMatchObject({ inStock: false });
    expect(home).toMatchObject({ inStock: true });
  });

  it('a deleted variant is NotFound without a write; a key for another site is an AuthError', async () => {
    sim = await start(simulator);
    const p = product('p1', 2);
    sim.seed([p]);
    const [a, b] = refsOf(p);
    sim.faults.deleteVariant(b);
    const out = await connect(sim, { catalogVersion: 'V3' }).writeStock([
      { ...a, target: O },
      { ...b, target: O },
    ]);
    expect(out[0].status).toBe('written');
    expect(out[1].status === 'failed' && out[1].error instanceof NotFound).toBe(true);
    const err = await connect(sim, { siteId: 'another-site' })
      .verify()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(JSON.stringify(err)).not.toContain(sim.credentials.accessToken);
  });
});
