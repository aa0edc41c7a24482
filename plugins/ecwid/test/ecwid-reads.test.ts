/** readStock against the Ecwid simulator over real HTTP: calls per product, inherited stock, NotFound. */
import { NotFound } from '@stock-sync/plugin-sdk';
import { connect, product, refsOf, shortPaths, startEcwidSimulator, type EcwidSim } from './support/store';

const U = { kind: 'unlimited' } as const;
const O = { kind: 'out_of_stock' } as const;
const Q = (quantity: number) => ({ kind: 'quantity', quantity }) as const;

let sim: EcwidSim;
beforeEach(async () => {
  sim = await startEcwidSimulator();
});
afterEach(async () => {
  await sim.close();
});

it('reads unlimited, quantities and sold out; an oversold negative count reads as out of stock', async () => {
  sim.seed([product(100, 1001, 4)]);
  const refs = refsOf(product(100, 1001, 4));
  sim.manualEdit(refs[1], Q(12));
  sim.manualEdit(refs[2], O);
  sim.state.products.get(100)!.combinations.get(1004)!.own = { unlimited: false, quantity: -2 };
  const seen = await connect(sim).readStock(refs);
  expect(seen.map((s) => (s.status === 'found' ? s.stock : s.status))).toEqual([U, Q(12), O, O]);
  expect(shortPaths(sim)).toEqual(['GET /products/100/combinations']);
});

it('reads one or two products directly, three or more in one batch', async () => {
  const ps = [product(100, 1001, 1), product(200, 2001, 1), product(300, 3001, 1)];
  sim.seed(ps);
  const conn = connect(sim);
  await conn.readStock([...refsOf(ps[0]), ...refsOf(ps[1])]);
  expect(shortPaths(sim)).toEqual(['GET /products/100/combinations', 'GET /products/200/combinations']);
  sim.resetRequests();
  const seen = await conn.readStock(ps.flatMap(refsOf));
  expect(seen.every((s) => s.status === 'found')).toBe(true);
  expect(shortPaths(sim)).toEqual(['POST /batch', 'GET /batch']);
});

it("reads a combination that inherits the product's stock through the product (one extra call, only then)", async () => {
  sim.seed([product(100, 1001, 2, Q(3))]);
  const p = sim.state.products.get(100)!;
  p.stock = { unlimited: false, quantity: 4 };
  p.combinations.get(1001)!.own = null;
  const seen = await connect(sim).readStock(refsOf(product(100, 1001, 2)));
  expect(seen.map((s) => (s.status === 'found' ? s.stock : s.status))).toEqual([Q(4), Q(3)]);
  expect(shortPaths(sim)).toEqual(['GET /products/100/combinations', 'GET /products/100']);
  // An unlimited base product shows through as unlimited: true on the combination, no extra call.
  p.stock = { unlimited: true, quantity: 0 };
  sim.resetRequests();
  const again = await connect(sim).readStock(refsOf(product(100, 1001, 1)));
  expect(again[0]).toMatchObject({ status: 'found', stock: U });
  expect(sim.requests).toHaveLength(1);
});

it('reports a missing combination and a missing product NotFound, in input order', async () => {
  sim.seed([product(100, 1001, 1)]);
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
