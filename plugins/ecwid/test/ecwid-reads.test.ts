/** readStock against the Ecwid simulator over real HTTP: calls per product, inherited stock, NotFound. */
import { NotFound, UNLIMITED, OUT_OF_STOCK, quantity } from '@stock-sync/plugin-api';
import { seedProduct, refsOfProduct } from '@stock-sync/plugin-testkit/fixtures';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import { simulator } from '../src/simulator';
import { connect, shortPaths, type EcwidSim } from './support/store';

let sim: EcwidSim;
beforeEach(async () => void (sim = await startSimulator(simulator)));
afterEach(() => sim.close());

it('reads unlimited, quantities and sold out; an oversold negative count reads as out of stock', async () => {
  sim.seed([seedProduct(100, 1001, 4)]);
  const refs = refsOfProduct(seedProduct(100, 1001, 4));
  sim.manualEdit(refs[1], quantity(12));
  sim.manualEdit(refs[2], OUT_OF_STOCK);
  sim.state.products.get(100)!.combinations.get(1004)!.own = { unlimited: false, quantity: -2 };
  const seen = await connect(sim).readStock(refs);
  expect(seen.map((s) => (s.status === 'found' ? s.stock : s.status))).toEqual([UNLIMITED, quantity(12), OUT_OF_STOCK, OUT_OF_STOCK]);
  expect(shortPaths(sim)).toEqual(['GET /products/100/combinations']);
});

it('reads one or two products directly, three or more in one batch', async () => {
  const ps = [seedProduct(100, 1001, 1), seedProduct(200, 2001, 1), seedProduct(300, 3001, 1)];
  sim.seed(ps);
  const conn = connect(sim);
  await conn.readStock([...refsOfProduct(ps[0]), ...refsOfProduct(ps[1])]);
  expect(shortPaths(sim)).toEqual(['GET /products/100/combinations', 'GET /products/200/combinations']);
  sim.resetRequests();
  const seen = await conn.readStock(ps.flatMap(refsOfProduct));
  expect(seen.every((s) => s.status === 'found')).toBe(true);
  expect(shortPaths(sim)).toEqual(['POST /batch', 'GET /batch']);
});

it("reads a combination that inherits the product's stock through the product (one extra call, only then)", async () => {
  sim.seed([seedProduct(100, 1001, 2, quantity(3))]);
  const p = sim.state.products.get(100)!;
  p.stock = { unlimited: false, quantity: 4 };
  p.combinations.get(1001)!.own = null;
  const seen = await connect(sim).readStock(refsOfProduct(seedProduct(100, 1001, 2)));
  expect(seen.map((s) => (s.status === 'found' ? s.stock : s.status))).toEqual([quantity(4), quantity(3)]);
  expect(shortPaths(sim)).toEqual(['GET /products/100/combinations', 'GET /products/100']);
  // An unlimited base product shows through as unlimited: true on the combination, no extra call.
  p.stock = { unlimited: true, quantity: 0 };
  sim.resetRequests();
  const again = await connect(sim).readStock(refsOfProduct(seedProduct(100, 1001, 1)));
  expect(again[0]).toMatchObject({ status: 'found', stock: UNLIMITED });
  expect(sim.requests).toHaveLength(1);
});

it('reports a missing combination and a missing product NotFound, in input order', async () => {
  sim.seed([seedProduct(100, 1001, 1)]);
  const seen = await connect(sim).readStock([
    { externalProductId: '100', externalVariantId: '1999' },
    { externalProductId: '100', externalVariantId: '1001' },
    { externalProductId: '777', externalVariantId: '1' },
    { externalProductId: '100', externalVariantId: 'x' },
  ]);
  expect(seen.map((s) => s.externalVariantId)).toEqual(['1999', '1001', '1', 'x']);
  expect(seen[1].status).toBe('found');
  for (const i of [0, 2, 3]) expect(seen[i].status === 'failed' && (seen[i] as { error: unknown }).error instanceof NotFound).toBe(true);
});
