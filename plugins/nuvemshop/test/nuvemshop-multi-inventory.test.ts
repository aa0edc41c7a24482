/**
 * Regression tests (issue "Platform truth"): with multi-inventory, "variant.stock is deprecated", it "will
 * reflect the total stock for that variant in every location", and "If only variant.stock is sent, we'll update
 * the first inventory_level for that variant"
 * (https://tiendanube.github.io/api-documentation/guides/multi-inventory/products). Writing `stock` on such a store
 * leaves the other locations' stock; the plugin writes the configured location's inventory level and reads it
 * back, and refuses to guess when no location is configured.
 */
import { AuthError, quantity as Q, Rejected } from '@stock-sync/plugin-api';
import { recordingLogger } from '@stock-sync/plugin-testkit/contract';
import { nuvemshopConnection } from '../src/connection';
import { calls, connect, product, refsOf, startNuvemSimulator, type NuvemSim } from './support/store';

const FIRST = '01GQ2ZHK064BQRHGDB7CCV0Y6N';
const SECOND = '01HTMFDH09VC6E2Q8KGTGP44D3';

let sim: NuvemSim;
beforeEach(async () => {
  sim = await startNuvemSimulator();
  sim.state.locations.push({ id: SECOND, name: 'Second warehouse', isDefault: false, priority: 1 });
});
afterEach(async () => {
  await sim.close();
});

function seedTwoLocations() {
  const p = product(100, 1, 2, Q(5));
  sim.seed([p]);
  for (const r of refsOf(p)) sim.state.variants.get(Number(r.externalVariantId))!.otherLevels = new Map([[SECOND, 3]]);
  return p;
}

it('without locationId, a store with several locations gets no write at all: Rejected naming the setting', async () => {
  const p = seedTwoLocations();
  const out = await connect(sim).writeStock(refsOf(p).map((r) => ({ ...r, target: Q(9) })));
  for (const o of out) {
    expect(o.status === 'failed' && o.error).toBeInstanceOf(Rejected);
    expect(o.status === 'failed' && o.error.message).toMatch(/2 locations.*locationId/);
  }
  expect(calls(sim, 'PATCH', /variants$/)).toBe(0);
  expect(sim.stock(refsOf(p)[0])).toEqual(Q(8));
});

it('without locationId, reading a variant stocked at several locations is Rejected (its "stock" is their total)', async () => {
  const p = seedTwoLocations();
  const [r] = await connect(sim).readStock([refsOf(p)[0]]);
  expect(r.status === 'failed' && r.error).toBeInstanceOf(Rejected);
  expect(r.status === 'failed' && r.error.message).toMatch(/total: set the locationId/);
});

it("with locationId, writes that location's inventory level only and reads it back", async () => {
  const p = seedTwoLocations();
  const conn = connect(sim, { locationId: SECOND });
  const [a, b] = refsOf(p);
  const out = await conn.writeStock([
    { ...a, target: Q(9) },
    { ...b, target: { kind: 'out_of_stock' } },
  ]);
  expect(out.map((o) => o.status)).toEqual(['written', 'written']);
  const va = sim.state.variants.get(Number(a.externalVariantId))!;
  expect([va.stock, va.otherLevels!.get(SECOND)]).toEqual([5, 9]);
  expect(calls(sim, 'GET', /locations$/)).toBe(0);
  expect((await conn.readStock([a, b])).map((r) => (r.status === 'found' ? r.stock : r.status))).toEqual([Q(9), { kind: 'out_of_stock' }]);
});

it('a configured location the variant does not have is Rejected on read, never guessed', async () => {
  const p = product(100, 1, 1, Q(5));
  sim.seed([p]);
  const [r] = await connect(sim, { locationId: 'NOT-A-LOCATION' }).readStock(refsOf(p));
  expect(r.status === 'failed' && r.error.message).toMatch(/no inventory level at location NOT-A-LOCATION/);
});

it('a single-location store keeps the one-call "stock" write (after one GET /locations per connection)', async () => {
  sim.state.locations.pop();
  const p = product(100, 1, 1, Q(5));
  sim.seed([p]);
  const out = await connect(sim).writeStock([{ ...refsOf(p)[0], target: Q(2) }]);
  expect(out[0].status).toBe('written');
  expect(sim.requests.map((q) => q.method)).toEqual(['GET', 'PATCH']);
  expect(sim.stock(refsOf(p)[0])).toEqual(Q(2));
});

describe('when the store does not say (no read_locations scope)', () => {
  it('writes "stock" as before but never records a variant whose answer shows several locations as written', async () => {
    const seen: string[] = [];
    const api = {
      stats: { requests: 0, retries: 0, throttled: 0 },
      extend() {
        return api;
      },
      async request(req: { method: string; url: string }) {
        seen.push(`${req.method} ${req.url}`);
        if (req.url === '/locations') throw new AuthError('403: the app lacks read_locations');
        // The documented 200: the whole collection; this variant keeps stock at two locations (total 9).
        return {
          status: 200,
          headers: {},
          data: [
            {
              id: 11,
              stock_management: true,
              stock: 9,
              inventory_levels: [
                { location_id: FIRST, stock: 6 },
                { location_id: SECOND, stock: 3 },
              ],
            },
          ],
        };
      },
    };
    const conn = nuvemshopConnection(api as never, recordingLogger());
    const [o] = await conn.writeStock([{ externalProductId: '100', externalVariantId: '11', target: Q(6) }]);
    expect(seen).toEqual(['GET /locations', 'PATCH /products/100/variants']);
    expect(o.status === 'failed' && o.error).toBeInstanceOf(Rejected);
    expect(o.status === 'failed' && o.error.message).toMatch(/2 locations/);
  });
});
