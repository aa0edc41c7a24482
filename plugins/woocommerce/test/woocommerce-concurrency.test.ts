/**
 * A store's products are written and read a few calls at a time (PRODUCT_CONCURRENCY), the first call alone:
 * against a simulator answering in 400 ms, the order of arrival shows which calls were in flight together.
 * Margins are hundreds of milliseconds, so a busy machine cannot turn one call after another into "together".
 */
import { OUT_OF_STOCK as O } from '@stock-sync/plugin-api';
import { useSimulator, writesOf as writes } from '@stock-sync/plugin-testkit/contract';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import { PRODUCT_CONCURRENCY } from '../src/connection';
import { simulator } from '../src/simulator';
import { connect, product, refsOf, type WooSim } from './support/store';

const LATENCY_MS = 400;
const sim = useSimulator((): Promise<WooSim> => startSimulator(simulator, { latency: { ms: LATENCY_MS } }));

/** Six products of two variations each: one call per product. */
function seedSixProducts() {
  const products = Array.from({ length: 6 }, (_, k) => product(100 + k, 1000 + 10 * k, 2));
  sim.seed(products);
  return products.flatMap((p) => refsOf(p));
}

/** The arrival times of the calls matching `path`, from the first, in order. */
function arrivals(path: RegExp): number[] {
  const at = sim.requests.filter((r) => path.test(r.path)).map((r) => r.at);
  return at.map((t) => t - at[0]);
}

function expectFirstAloneThenFourTogether(at: number[]): void {
  expect(PRODUCT_CONCURRENCY).toBe(4);
  expect(at).toHaveLength(6);
  // The first call goes alone: the next arrives only after its answer (a whole round trip later).
  expect(at[1]).toBeGreaterThanOrEqual(LATENCY_MS * 0.75);
  // Calls 2–5 are in flight together: they arrive within a fraction of one round trip.
  expect(at[4] - at[1]).toBeLessThan(LATENCY_MS / 2);
  // No fifth call joins them: the sixth waits for one of them to be answered.
  expect(at[5] - at[1]).toBeGreaterThanOrEqual(LATENCY_MS * 0.75);
}

it('writes a store’s products four calls at a time after a first call alone', async () => {
  const refs = seedSixProducts();
  const out = await connect(sim).writeStock(writes(refs, O));
  expect(out.every((o) => o.status === 'written')).toBe(true);
  for (const r of refs) expect(sim.stock(r)).toEqual(O);
  expectFirstAloneThenFourTogether(arrivals(/\/variations\/batch$/));
});

it('reads a store’s products four calls at a time after a first call alone', async () => {
  const refs = seedSixProducts();
  const out = await connect(sim).readStock(refs);
  expect(out.every((o) => o.status === 'found')).toBe(true);
  expectFirstAloneThenFourTogether(arrivals(/\/products\/\d+\/variations$/));
});
