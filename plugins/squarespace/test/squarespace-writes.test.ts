/** The plugin's writes against the Squarespace simulator over real HTTP. */
import { AuthError, NotFound, OUT_OF_STOCK as O, quantity as Q, RateLimited, Rejected, UNLIMITED as U } from '@stock-sync/plugin-api';
import type { StockWrite } from '@stock-sync/plugin-api';
import { simulator } from '../src/simulator';
import { call, connect, paths, product, refsOf, startSqspSimulator, type SqspSim } from './support/store';

let sim: SqspSim;
beforeEach(async () => (sim = await startSqspSimulator()));
afterEach(() => sim.close());

const writes = (
  refs: { externalProductId: string; externalVariantId: string }[],
  target: StockWrite['target'],
  previous?: StockWrite['target'],
): StockWrite[] => refs.map((r) => ({ ...r, target, previous }));

describe('what lands in the store', () => {
  it('sends setUnlimitedOperations and setFiniteOperations in one adjustment', async () => {
    const p = product('p1', 3, Q(5));
    sim.seed([p]);
    const out = await connect(sim).writeStock(refsOf(p).map((ref, i) => ({ ...ref, target: [U, O, Q(7)][i]! })));
    expect(out.map((o) => o.status)).toEqual(['written', 'written', 'written']);
    expect(paths(sim)).toEqual(['POST /adjustments 204']);
    const item = (id: string) => sim.state.items.get(id)!;
    expect(item('p1-v1')).toMatchObject({ isUnlimited: true });
    expect(item('p1-v2')).toMatchObject({ isUnlimited: false, quantity: 0 });
    expect(item('p1-v3')).toMatchObject({ isUnlimited: false, quantity: 7 });
    // The read view: unlimited items show quantity 0.
    const read = await call(sim, 'GET', '/p1-v1,p1-v2');
    expect(read.body.inventory).toEqual([
      expect.objectContaining({ variantId: 'p1-v1', isUnlimited: true, quantity: 0 }),
      expect.objectContaining({ variantId: 'p1-v2', isUnlimited: false, quantity: 0 }),
    ]);
  });

  it('sends a fresh Idempotency-Key per adjustment (Squarespace answers a repeated key with the first answer, unexecuted)', async () => {
    sim.seed([product('p1', 1, Q(10))]);
    const body = { decrementOperations: [{ variantId: 'p1-v1', quantity: 1 }] };
    const first = await call(sim, 'POST', '/adjustments', body, { 'idempotency-key': 'key-1' });
    const again = await call(sim, 'POST', '/adjustments', body, { 'idempotency-key': 'key-1' });
    expect([first.status, again.status]).toEqual([204, 204]);
    expect(sim.state.items.get('p1-v1')!.quantity).toBe(9); // executed once
    const conn = connect(sim);
    await conn.writeStock(writes(refsOf(product('p1', 1)), Q(3)));
    await conn.writeStock(writes(refsOf(product('p1', 1)), Q(4)));
    expect(sim.state.items.get('p1-v1')!.quantity).toBe(4); // the second write was not swallowed as a repeat
    expect(sim.state.idempotency.size).toBe(3);
  });
});

describe('batching and the fewest calls', () => {
  it('sends at most 50 operations per adjustment, across products', async () => {
    const a = product('a', 70);
    const b = product('b', 50);
    sim.seed([a, b]);
    const out = await connect(sim).writeStock([...writes(refsOf(a), O), ...writes(refsOf(b), Q(2))]);
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(paths(sim)).toEqual(['POST /adjustments 204', 'POST /adjustments 204', 'POST /adjustments 204']);
  });

  it('skips an adjustment whose every change is in place; in-place ones ride along otherwise', async () => {
    const p = product('p1', 3, O);
    sim.seed([p]);
    const conn = connect(sim);
    expect((await conn.writeStock(writes(refsOf(p), O, O))).every((o) => o.status === 'written')).toBe(true);
    expect(sim.requests).toHaveLength(0);
    const [a, b, c] = refsOf(p);
    sim.manualEdit(a, Q(9)); // drift the hub has not seen yet
    await conn.writeStock([
      { ...a, target: O, previous: O },
      { ...b, target: O, previous: O },
      { ...c, target: Q(1), previous: O },
    ]);
    expect(sim.requests).toHaveLength(1);
    expect(sim.stock(a)).toEqual(O); // re-asserted for free
  });

  it('writes a variant named twice once with its last target (Squarespace refuses a variant twice in one adjustment)', async () => {
    sim.seed([product('p1', 1)]);
    const [a] = refsOf(product('p1', 1));
    const out = await connect(sim).writeStock([
      { ...a, target: Q(1) },
      { ...a, target: Q(8) },
    ]);
    expect(out.map((o) => o.status)).toEqual(['written', 'written']);
    expect(sim.stock(a)).toEqual(Q(8));
  });
});

describe('failures', () => {
  it('finds the deleted variant of a refused adjustment (reads halving the documented 404) and writes the rest', async () => {
    const p = product('p1', 3);
    sim.seed([p]);
    const [a, gone, c] = refsOf(p);
    sim.faults.deleteVariant(gone);
    const out = await connect(sim).writeStock([
      { ...a, target: Q(2) },
      { ...gone, target: Q(2) },
      { ...c, target: O },
    ]);
    expect(out[0].status).toBe('written');
    expect(out[1].status === 'failed' && out[1].error instanceof NotFound).toBe(true);
    expect(out[2].status).toBe('written');
    expect(paths(sim)).toEqual([
      'POST /adjustments 404',
      'GET /p1-v1,p1-v2,p1-v3 404',
      'GET /p1-v1,p1-v2 404',
      'GET /p1-v1 200',
      'GET /p1-v2 404',
      'GET /p1-v3 200',
      'POST /adjustments 204',
    ]);
    expect(sim.stock(a)).toEqual(Q(2));
  });

  it('a refusal with every variant present is Rejected for all, and the store is unchanged (all or nothing)', async () => {
    const p = product('p1', 2, Q(5));
    sim.seed([p]);
    sim.state.options.maxOperations = 1; // the site refuses adjustments of two operations
    const out = await connect(sim).writeStock(writes(refsOf(p), O));
    for (const o of out)
      expect(o.status === 'failed' && o.error instanceof Rejected && o.error.message.includes('INVALID_REQUEST_ERROR')).toBe(true);
    for (const r of refsOf(p)) expect(sim.stock(r)).toEqual(Q(5));
  });

  it('a wrong key is an AuthError with the error type, never the key', async () => {
    sim.seed([product('p1', 1)]);
    const conn = connect(sim, { apiKey: 'sqsp_test_wrong_key_123' });
    const err = await conn.verify().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as Error).message).toContain('AUTHORIZATION_ERROR');
    const out = await conn.writeStock(writes(refsOf(product('p1', 1)), O));
    expect(out[0].status === 'failed' && out[0].error instanceof AuthError).toBe(true);
    expect(JSON.stringify([err, out, (err as Error).message])).not.toContain('sqsp_test_wrong_key_123');
  });

  it('a 429 without Retry-After is the one-minute cool-down: RateLimited at once, nothing re-sent', async () => {
    const noRetryAfter = {
      ...simulator,
      rateLimit: {
        ...simulator.rateLimit,
        throttled: () => ({
          status: 429,
          body: { type: 'RATE_LIMIT_EXCEEDED', subtype: null, message: 'slow down', details: null, contextId: null },
        }),
      },
    };
    const s = await startSqspSimulator(noRetryAfter);
    try {
      s.seed([product('p1', 2)]);
      s.faults.rateLimit(1, 60);
      const conn = connect(s);
      const started = Date.now();
      const out = await conn.writeStock(writes(refsOf(product('p1', 2)), O));
      for (const o of out) expect(o.status === 'failed' && o.error instanceof RateLimited && o.error.retryAfterMs >= 60_000).toBe(true);
      expect(s.requests).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(5_000);
      // The next call is held back without being sent (the store's budget is paused for the cool-down).
      await expect(conn.verify()).rejects.toBeInstanceOf(RateLimited);
      expect(s.requests).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it('rejects unusable variant ids without a call', async () => {
    const out = await connect(sim).writeStock([{ externalProductId: 'p', externalVariantId: 'a,b', target: O }]);
    expect(out[0].status === 'failed' && out[0].error instanceof Rejected).toBe(true);
    expect(sim.requests).toHaveLength(0);
  });
});
