/** The plugin's writes against the Ecwid simulator over real HTTP: fields, fewest calls, batches, quirks. */
import { AuthError, NotFound, Rejected, Transient, UNLIMITED, OUT_OF_STOCK, quantity } from '@stock-sync/plugin-api';
import { outcomeNames, pairTargets, seedAndWriteEach, seedProduct, seedRefs, refsOfProduct } from '@stock-sync/plugin-testkit/fixtures';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import { simulator } from '../src/simulator';
import { call, connect, connectWith, shortPaths, writes, type EcwidSim } from './support/store';

let sim: EcwidSim;
beforeEach(async () => void (sim = await startSimulator(simulator)));
afterEach(() => sim.close());

const combination = (pid: number, cid: number) => sim.state.products.get(pid)!.combinations.get(cid)!;

describe('what lands in the store', () => {
  it("writes Ecwid's own unlimited and finite forms, and the store derives inStock", async () => {
    const { outcomes } = await seedAndWriteEach(sim, connect(sim), seedProduct(100, 1001, 3, quantity(5)));
    expect(outcomeNames(outcomes)).toEqual(['written', 'written', 'written']);
    expect(combination(100, 1001).own).toMatchObject({ unlimited: true });
    expect(combination(100, 1002).own).toEqual({ unlimited: false, quantity: 0 });
    expect(combination(100, 1003).own).toEqual({ unlimited: false, quantity: 7 });
    const listed = await call(sim, 'GET', '/products/100/combinations');
    expect(listed.body.map((x: any) => [x.id, x.unlimited, x.inStock])).toEqual([
      [1001, true, true],
      [1002, false, false],
      [1003, false, true],
    ]);
  });

  it('always sends unlimited:false with a count: a quantity alone leaves an unlimited combination unlimited', async () => {
    sim.seed([seedProduct(100, 1001, 1, UNLIMITED)]);
    const raw = await call(sim, 'PUT', '/products/100/combinations/1001', { quantity: 5 });
    expect(raw).toMatchObject({ status: 200, body: { updateCount: 1 } });
    expect(sim.stock({ externalProductId: '100', externalVariantId: '1001' })).toEqual(UNLIMITED);
    const out = await connect(sim).writeStock([{ externalProductId: '100', externalVariantId: '1001', target: quantity(5) }]);
    expect(out[0].status).toBe('written');
    expect(sim.stock({ externalProductId: '100', externalVariantId: '1001' })).toEqual(quantity(5));
  });

  it('gives a combination that inherited the product stock its own stock', async () => {
    sim.seed([seedProduct(100, 1001, 2, quantity(3))]);
    combination(100, 1001).own = null;
    const out = await connect(sim).writeStock([{ externalProductId: '100', externalVariantId: '1001', target: OUT_OF_STOCK }]);
    expect(out[0].status).toBe('written');
    expect(combination(100, 1001).own).toEqual({ unlimited: false, quantity: 0 });
    expect(sim.state.products.get(100)!.stock.unlimited).toBe(true); // the base product is untouched
  });
});

describe('fewest calls', () => {
  it('sends one change as one direct PUT (a batch would cost two calls)', async () => {
    sim.seed([seedProduct(100, 1001, 1)]);
    await connect(sim).writeStock([{ externalProductId: '100', externalVariantId: '1001', target: OUT_OF_STOCK }]);
    expect(shortPaths(sim)).toEqual(['PUT /products/100/combinations/1001']);
  });

  it('sends changes across products as one batch: create + one status read', async () => {
    sim.seed([seedProduct(100, 1001, 2), seedProduct(200, 2001, 2)]);
    const out = await connect(sim).writeStock([
      ...writes(refsOfProduct(seedProduct(100, 1001, 2)), OUT_OF_STOCK),
      ...writes(refsOfProduct(seedProduct(200, 2001, 2)), quantity(4)),
    ]);
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(shortPaths(sim)).toEqual(['POST /batch', 'GET /batch']);
  });

  it('splits at 500 sub-requests per batch', async () => {
    const a = seedProduct(100, 100_000, 700);
    sim.seed([a]);
    const out = await connect(sim).writeStock(writes(refsOfProduct(a), quantity(2)));
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(shortPaths(sim)).toEqual(['POST /batch', 'GET /batch', 'POST /batch', 'GET /batch']);
    expect([...sim.state.tickets.values()].map((t) => t.results.length)).toEqual([500, 200]);
  });

  it('skips a call whose every change is already in place; in-place writes ride along otherwise', async () => {
    const p = seedProduct(100, 1001, 3, OUT_OF_STOCK);
    sim.seed([p]);
    const conn = connect(sim);
    const all = await conn.writeStock(writes(refsOfProduct(p), OUT_OF_STOCK, OUT_OF_STOCK));
    expect(all.every((o) => o.status === 'written')).toBe(true);
    expect(sim.requests).toHaveLength(0);
    const [a, b, c] = refsOfProduct(p);
    await conn.writeStock([
      { ...a, target: OUT_OF_STOCK, previous: OUT_OF_STOCK },
      { ...b, target: OUT_OF_STOCK, previous: OUT_OF_STOCK },
      { ...c, target: quantity(1), previous: OUT_OF_STOCK },
    ]);
    // One changed write alone would be a single PUT: dropping the two in-place ones saves a call.
    expect(shortPaths(sim)).toEqual(['PUT /products/100/combinations/1003']);
    sim.resetRequests();
    await conn.writeStock([
      { ...a, target: OUT_OF_STOCK, previous: OUT_OF_STOCK },
      { ...b, target: quantity(2), previous: OUT_OF_STOCK },
      { ...c, target: quantity(2), previous: OUT_OF_STOCK },
    ]);
    // Two changes cost two calls either way: the in-place one rides along in a batch and re-asserts the truth.
    expect(shortPaths(sim)).toEqual(['POST /batch', 'GET /batch']);
    expect(sim.state.tickets.get([...sim.state.tickets.keys()].pop()!)!.results).toHaveLength(3);
  });

  it('writes a variant named twice once, with its last target, and answers both inputs in order', async () => {
    const [a, b] = seedRefs(sim, seedProduct(100, 1001, 2));
    const out = await connect(sim).writeStock(pairTargets([a, b, a], [quantity(1), OUT_OF_STOCK, quantity(9)]));
    expect(out.map((o) => [o.externalVariantId, o.status])).toEqual([
      ['1001', 'written'],
      ['1002', 'written'],
      ['1001', 'written'],
    ]);
    expect(sim.stock(a)).toEqual(quantity(9));
    // Two distinct writes: two direct PUTs (a batch would cost as much and wait for a ticket).
    expect(shortPaths(sim)).toEqual(['PUT /products/100/combinations/1001', 'PUT /products/100/combinations/1002']);
  });
});

describe('the batch ticket', () => {
  it('follows a ticket that is still queued / in progress until it completes', async () => {
    const refs = seedRefs(sim, seedProduct(100, 1001, 3));
    sim.state.options.pollsUntilComplete = 2;
    const out = await connect(sim).writeStock(writes(refs, quantity(6)));
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(shortPaths(sim)).toEqual(['POST /batch', 'GET /batch', 'GET /batch', 'GET /batch']);
  });

  it('gives up after its deadline: the changes come back Transient (Ecwid may still finish them)', async () => {
    const refs = seedRefs(sim, seedProduct(100, 1001, 3));
    sim.state.options.pollsUntilComplete = 1_000;
    const conn = connectWith(sim, { timing: { deadlineMs: 50, pollDelaysMs: [20], sleep: (ms) => new Promise((r) => setTimeout(r, ms)) } });
    const out = await conn.writeStock(writes(refs, OUT_OF_STOCK));
    for (const o of out) expect(o.status === 'failed' && o.error instanceof Transient).toBe(true);
    expect(sim.requests.filter((r) => r.method === 'GET').length).toBeGreaterThanOrEqual(2);
  });

  it('keeps the writes of a completed batch when a later batch of the run stops the work', async () => {
    const refs = seedRefs(sim, seedProduct(100, 1001, 4));
    sim.state.options.pollsUntilComplete = 1; // the first ticket completes on its second read …
    const sleep = (ms: number) => {
      sim.state.options.pollsUntilComplete = 1_000; // … the second never does: past the deadline, Transient stops the run
      return new Promise<void>((r) => setTimeout(r, ms));
    };
    const conn = connectWith(sim, { maxBatch: 3, timing: { deadlineMs: 50, pollDelaysMs: [20], sleep } });
    const out = await conn.writeStock(writes(refs, quantity(3)));
    expect(outcomeNames(out)).toEqual(['written', 'written', 'written', 'Transient']);
  });

  it('re-sends a batch after a 5xx with the same deduplicationKey, which Ecwid answers with the first ticket', async () => {
    sim.seed([seedProduct(100, 1001, 3, quantity(10))]);
    const body = [{ id: '0', method: 'PUT', path: '/products/100/combinations/1001/inventory', body: { quantityDelta: -1 } }];
    const key = '6f1c2d8e-3b4a-4c5d-9e6f-0a1b2c3d4e5f';
    const first = await call(sim, 'POST', `/batch?deduplicationKey=${key}`, body);
    const again = await call(sim, 'POST', `/batch?deduplicationKey=${key}`, body);
    expect(again.body.ticket).toBe(first.body.ticket);
    expect(sim.stock({ externalProductId: '100', externalVariantId: '1001' })).toEqual(quantity(9)); // applied once
    // The plugin's own batch survives a 503 on create: the client re-sends it (idempotent by key).
    sim.faults.serverError(1, 503);
    const out = await connect(sim).writeStock(writes(refsOfProduct(seedProduct(100, 1001, 3)), quantity(4)));
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(shortPaths(sim)).toEqual(['POST /batch', 'POST /batch', 'POST /batch', 'POST /batch', 'GET /batch']);
    expect(sim.state.tickets.size).toBe(2); // the raw one and the plugin's: its re-send was not run twice
  });
});

describe('failures', () => {
  it('reports a deleted combination and a deleted product NotFound, the rest written', async () => {
    sim.seed([seedProduct(100, 1001, 2), seedProduct(200, 2001, 1)]);
    sim.faults.deleteVariant({ externalProductId: '100', externalVariantId: '1002' });
    sim.state.products.delete(200);
    const out = await connect(sim).writeStock([
      { externalProductId: '100', externalVariantId: '1001', target: OUT_OF_STOCK },
      { externalProductId: '100', externalVariantId: '1002', target: OUT_OF_STOCK },
      { externalProductId: '200', externalVariantId: '2001', target: OUT_OF_STOCK },
    ]);
    expect(out[0].status).toBe('written');
    for (const o of out.slice(1)) expect(o.status === 'failed' && o.error instanceof NotFound).toBe(true);
    expect(out[1].status === 'failed' && out[1].error.message).toContain('COMBINATION_NOT_FOUND');
    expect(out[2].status === 'failed' && out[2].error.message).toContain('PRODUCT_NOT_FOUND');
  });

  it('rejects ids that cannot be Ecwid ids without a call', async () => {
    const out = await connect(sim).writeStock([{ externalProductId: 'abc', externalVariantId: '1', target: OUT_OF_STOCK }]);
    expect(out[0].status === 'failed' && out[0].error instanceof Rejected).toBe(true);
    expect(sim.requests).toHaveLength(0);
  });

  it('a plan without combinations (402) is Rejected, not an auth problem', async () => {
    const refs = seedRefs(sim, seedProduct(100, 1001, 2));
    sim.state.options.combinationsOnPlan = false;
    const out = await connect(sim).writeStock(writes(refs, OUT_OF_STOCK));
    for (const o of out)
      expect(o.status === 'failed' && o.error instanceof Rejected && o.error.message.includes('NOT_AVAILABLE_ON_CURRENT_PLAN')).toBe(true);
  });

  it('a token for another store is an AuthError on verify and on writes, and no message shows the token', async () => {
    const refs = seedRefs(sim, seedProduct(100, 1001, 2));
    const conn = connect(sim, { storeId: '999' });
    const err = await conn.verify().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).message).toContain('INVALID_API_TOKEN');
    const out = await conn.writeStock(writes(refs, OUT_OF_STOCK));
    for (const o of out) expect(o.status === 'failed' && o.error instanceof AuthError).toBe(true);
    expect(JSON.stringify([err, out])).not.toContain(sim.credentials.accessToken);
  });
});
