/** The plugin against the Weebly simulator over real HTTP: PATCH not PUT, untracked null, one SKU per call. */
import { AuthError, NotFound, OUT_OF_STOCK as O, quantity as Q, UNLIMITED as U } from '@stock-sync/plugin-api';
import { call, connect, lines, product, startWeeblySimulator, type WeeblySim } from './support';
import { weeblyConnection } from '../src/connection';
import { createWeeblyApi } from '../src/weebly-api';
import { plugin } from '../src';
import { connectToSimulator } from '@stock-sync/plugin-testkit/contract';
import { outcomeNames, refsOfProduct as refsOf, seedAndWriteEach, seedRefs } from '@stock-sync/plugin-testkit/fixtures';

let sim: WeeblySim;
beforeEach(async () => {
  sim = await startWeeblySimulator();
});
afterEach(() => sim.close());
const sku = (p: number, s: number) => sim.state.products.get(String(p))!.skus.get(String(s))!;

describe('PATCH, never PUT', () => {
  it('writes only `inventory` with PATCH: price, sale price and the SKU code stay as the merchant set them', async () => {
    sim.seed([product(12, 1, 1, Q(3))]);
    sku(12, 1).sale_price = 15;
    const out = await connect(sim).writeStock([{ externalProductId: '12', externalVariantId: '1', target: Q(8) }]);
    expect(out[0].status).toBe('written');
    expect(lines(sim)).toEqual(['PATCH /products/12/skus/1 200']);
    expect(sku(12, 1)).toMatchObject({ inventory: 8, price: 20, sale_price: 15, sku: 'SKU-1' });
  });

  it('the simulator applies PUT as Weebly defines it: every field not sent is reset to its default', async () => {
    sim.seed([product(12, 1, 1, Q(3))]);
    const r = await call(sim, 'PUT', '/products/12/skus/1', { inventory: 5 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ inventory: 5, price: 0, sale_price: null, sku: null });
  });
});

describe('mapping', () => {
  it('unlimited is `inventory: null` (not tracked), sold out 0, a quantity its count; read back the same', async () => {
    const conn = connect(sim);
    const { refs, outcomes } = await seedAndWriteEach(sim, conn, product(12, 1, 3, Q(1)), [U, O, Q(42)]);
    expect(outcomeNames(outcomes)).toEqual(['written', 'written', 'written']);
    expect([sku(12, 1).inventory, sku(12, 2).inventory, sku(12, 3).inventory]).toEqual([null, 0, 42]);
    const read = await conn.readStock(refs);
    expect(read.map((r) => (r.status === 'found' ? r.stock : r.status))).toEqual([U, O, Q(42)]);
  });

  it('the simulator refuses a negative count and fields that cannot be changed (400)', async () => {
    sim.seed([product(12, 1, 1)]);
    expect((await call(sim, 'PATCH', '/products/12/skus/1', { inventory: -1 })).status).toBe(400);
    const r = await call(sim, 'PATCH', '/products/12/skus/1', { inventory: 1, product_type: 'digital' });
    expect({ status: r.status, body: r.body }).toEqual({
      status: 400,
      body: { error: { code: 400, message: 'The field product_type cannot be changed.' } },
    });
  });
});

describe('calls', () => {
  it('one PATCH per SKU (an unlimited one read back: null is not documented as writable); a SKU whose write the hub says is in place costs no call', async () => {
    const [a, b, c] = seedRefs(sim, product(12, 1, 3, O));
    const out = await connect(sim).writeStock([
      { ...a, target: O, previous: O },
      { ...b, target: Q(2), previous: O },
      { ...c, target: U, previous: O },
    ]);
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(lines(sim)).toEqual(['PATCH /products/12/skus/2 200', 'PATCH /products/12/skus/3 200', 'GET /products/12/skus/3 200']);
  });

  it('regression: a site that moved answers 301; reads follow it and writes make the identical PATCH to the new URL (documented)', async () => {
    const [a, b] = seedRefs(sim, product(12, 1, 2, Q(1)));
    sim.state.formerSiteIds.add('111');
    const conn = connect(sim, { siteId: '111' });
    const out = await conn.writeStock([
      { ...a, target: Q(5) },
      { ...b, target: U },
    ]);
    expect(out.map((o) => o.status)).toEqual(['written', 'written']);
    expect(sim.state.products.get('12')!.skus.get('1')!.inventory).toBe(5);
    expect(sim.state.products.get('12')!.skus.get('2')!.inventory).toBeNull();
    const read = await conn.readStock([a, b]);
    expect(read.map((r) => (r.status === 'found' ? r.stock : r.status))).toEqual([Q(5), U]);
    expect(sim.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'PATCH 301',
      'PATCH 200',
      'PATCH 301',
      'PATCH 200',
      'GET 301',
      'GET 200',
      'GET 301',
      'GET 200',
    ]);
  });

  it('a redirect to another host is not followed: the write fails, never recorded as written', async () => {
    const p = product(12, 1, 1, Q(1));
    sim.seed([p]);
    sim.state.formerSiteIds.add('111');
    // The plugin trusts only the configured API origin; this connection believes the API lives elsewhere.
    const hub = connectToSimulator({ plugin, simulator: sim, credentials: { siteId: '111' } });
    const conn = weeblyConnection(
      createWeeblyApi({ credentials: { ...sim.credentials, siteId: '111' }, http: hub.http, log: hub.log }),
      hub.log,
      'https://api.weebly.com',
    );
    const out = await conn.writeStock([{ ...refsOf(p)[0], target: Q(5) }]);
    expect(out[0].status).toBe('failed');
    expect(sim.state.products.get('12')!.skus.get('1')!.inventory).toBe(1);
  });

  it('reads one SKU list per product, 200 a page (the maximum), following X-Resultset-Total', async () => {
    const big = product(12, 1, 250, Q(2));
    const small = product(13, 1001, 2, O);
    sim.seed([big, small]);
    const read = await connect(sim).readStock([...refsOf(big), ...refsOf(small)]);
    expect(read.every((r) => r.status === 'found')).toBe(true);
    expect(lines(sim)).toEqual(['GET /products/12/skus 200', 'GET /products/12/skus 200', 'GET /products/13/skus 200']);
  });

  it('a deleted product is NotFound for its SKUs on write and on read; the others go on', async () => {
    sim.seed([product(12, 1, 1), product(13, 2, 1)]);
    sim.state.products.delete('12');
    const conn = connect(sim);
    const out = await conn.writeStock([
      { externalProductId: '12', externalVariantId: '1', target: O },
      { externalProductId: '13', externalVariantId: '2', target: O },
    ]);
    expect(out.map((o) => o.status)).toEqual(['failed', 'written']);
    expect((out[0] as { error: Error }).error).toBeInstanceOf(NotFound);
    const [r] = await conn.readStock([{ externalProductId: '12', externalVariantId: '1' }]);
    expect(r.status === 'failed' && r.error instanceof NotFound).toBe(true);
  });
});

describe('auth', () => {
  it('verify is one product-list call', async () => {
    await connect(sim).verify();
    expect(lines(sim)).toEqual(['GET /products 200']);
  });

  it('a token used for another site is refused (403) → AuthError', async () => {
    const err = await connect(sim, { siteId: '111' })
      .verify()
      .catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.details).toMatchObject({ status: 403 });
    expect(err.message).toMatch(/refused the access token for this site \(.+\)/);
  });

  it('a token without write:store-catalog stops the run with AuthError after one call', async () => {
    const p = product(12, 1, 3);
    sim.seed([p]);
    sim.state.scopes.delete('write:store-catalog');
    const out = await connect(sim).writeStock(refsOf(p).map((r) => ({ ...r, target: O })));
    expect(out.every((o) => o.status === 'failed' && o.error instanceof AuthError)).toBe(true);
    expect(sim.requests).toHaveLength(1);
  });
});
