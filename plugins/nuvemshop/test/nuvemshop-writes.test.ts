/** The plugin's writes against the Nuvemshop simulator over real HTTP: fields, batching, quirks. */
import { Rejected, OUT_OF_STOCK as O, quantity as Q, UNLIMITED as U } from '@stock-sync/plugin-api';
import { useSimulator, writesOf as writes } from '@stock-sync/plugin-testkit/contract';
import { outcomeNames, seedAndWriteEach, seedRefs } from '@stock-sync/plugin-testkit/fixtures';
import { calls, connect, product, refsOf, startNuvemSimulator } from './support/store';

const PATCHES = /\/products\/\d+\/variants$/;

const sim = useSimulator(startNuvemSimulator);

describe('what lands in the store', () => {
  it("writes the platform's own forms: stock null (infinite), a tracked 0, a tracked count", async () => {
    const { outcomes } = await seedAndWriteEach(sim, connect(sim), product(100, 1001, 3, Q(5)));
    expect(outcomeNames(outcomes)).toEqual(['written', 'written', 'written']);
    const v = (id: number) => sim.state.variants.get(id)!;
    expect(v(1001)).toMatchObject({ stockManagement: false, stock: null });
    expect(v(1002)).toMatchObject({ stockManagement: true, stock: 0 });
    expect(v(1003)).toMatchObject({ stockManagement: true, stock: 7 });
  });

  it('reads a tracked 0 as out of stock and an untracked variant as unlimited', async () => {
    const refs = seedRefs(sim, product(100, 1001, 3));
    sim.manualEdit(refs[0], Q(0));
    sim.manualEdit(refs[1], Q(3));
    const read = await connect(sim).readStock(refs);
    expect(read.map((r) => (r.status === 'found' ? r.stock : r.status))).toEqual([O, Q(3), U]);
  });
});

describe('batching', () => {
  it('sends one PATCH per product and at most 200 variants per call', async () => {
    const a = product(100, 10_000, 250);
    const b = product(200, 20_000, 3);
    sim.seed([a, b]);
    const out = await connect(sim).writeStock([...writes(refsOf(a), O), ...writes(refsOf(b), Q(4))]);
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(calls(sim, 'PATCH', PATCHES)).toBe(3); // 200 + 50 for product 100, 3 for product 200
    // + one GET /locations per connection (a store with several locations needs locationId).
    expect(sim.requests).toHaveLength(4);
    expect(sim.stock(refsOf(a)[249])).toEqual(Q(0));
    expect(sim.stock(refsOf(b)[2])).toEqual(Q(4));
  });

  it('keeps outcomes in input order across interleaved products and answers duplicates once', async () => {
    const [a1, a2] = seedRefs(sim, product(100, 1, 2));
    const [b1, b2] = seedRefs(sim, product(200, 3, 2));
    const out = await connect(sim).writeStock([b1, a1, b2, a2, b1].map((r, i) => ({ ...r, target: Q(i + 1) })));
    expect(out.map((o) => `${o.externalVariantId}:${o.status}`)).toEqual(['3:written', '1:written', '4:written', '2:written', '3:written']);
    expect(sim.stock(b1)).toEqual(Q(5)); // the last write of a variant named twice wins
    expect(calls(sim, 'PATCH', PATCHES)).toBe(2);
  });

  it('makes no call for a product whose writes are all in place, and re-asserts ridealongs otherwise', async () => {
    const a = product(100, 1, 2, O);
    const b = product(200, 10, 2, O);
    sim.seed([a, b]);
    sim.manualEdit(refsOf(b)[1], Q(9)); // drift the hub does not know about
    const out = await connect(sim).writeStock([
      ...writes(refsOf(a), O, Q(0)),
      { ...refsOf(b)[0], target: U, previous: O },
      { ...refsOf(b)[1], target: O, previous: O },
    ]);
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(sim.requests.map((r) => r.path)).toEqual([
      expect.stringMatching(/\/locations$/),
      expect.stringMatching(/\/products\/200\/variants$/),
    ]);
    expect(sim.stock(refsOf(b)[1])).toEqual(Q(0));
  });

  it('halves a batch the platform says is too large, and still writes everything', async () => {
    const refs = seedRefs(sim, product(100, 1, 7));
    sim.state.patchLimit = 3;
    const out = await connect(sim).writeStock(writes(refs, Q(2)));
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(refs.map((r) => sim.stock(r))).toEqual(Array(7).fill(Q(2)));
  });
});

describe('a batch is all-or-nothing', () => {
  it('finds the deleted variant that failed the whole PATCH, reports it NotFound and writes the rest', async () => {
    const refs = seedRefs(sim, product(100, 1, 4));
    sim.faults.deleteVariant(refs[2]);
    const out = await connect(sim).writeStock(writes(refs, Q(6)));
    expect(outcomeNames(out)).toEqual(['written', 'written', 'NotFound', 'written']);
    expect([refs[0], refs[1], refs[3]].map((r) => sim.stock(r))).toEqual([Q(6), Q(6), Q(6)]);
    // 422 for the whole batch, one read of the product's ids, the batch again without the gone one.
    // (after the one GET /locations of the connection)
    expect(sim.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'PATCH 422', 'GET 200', 'PATCH 200']);
  });

  it('answers NotFound for every variant of a deleted product and writes other products', async () => {
    const a = product(100, 1, 2);
    const b = product(200, 10, 1);
    sim.seed([a, b]);
    sim.state.products.delete(100);
    const out = await connect(sim).writeStock([...writes(refsOf(a), O), ...writes(refsOf(b), O)]);
    expect(outcomeNames(out)).toEqual(['NotFound', 'NotFound', 'written']);
  });

  it('rejects (without retrying) ids that cannot be platform ids', async () => {
    const out = await connect(sim).writeStock([{ externalProductId: 'gid://x', externalVariantId: '1', target: O }]);
    expect(out[0].status === 'failed' && out[0].error).toBeInstanceOf(Rejected);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('reads', () => {
  it('pages through a product with more than 200 variants (page, per_page=200, fields)', async () => {
    const refs = seedRefs(sim, product(100, 1, 230, Q(1)));
    const out = await connect(sim).readStock([refs[229], refs[0]]);
    expect(out.map((o) => o.status)).toEqual(['found', 'found']);
    expect(sim.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  it('reads a deleted variant and a deleted product as NotFound', async () => {
    const a = product(100, 1, 2);
    const b = product(200, 10, 1);
    sim.seed([a, b]);
    sim.faults.deleteVariant(refsOf(a)[1]);
    sim.state.products.delete(200);
    const out = await connect(sim).readStock([...refsOf(a), ...refsOf(b)]);
    expect(outcomeNames(out)).toEqual(['found', 'NotFound', 'NotFound']);
  });
});
