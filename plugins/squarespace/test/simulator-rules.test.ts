/** The Squarespace simulator against the documented rules, with raw HTTP. */
import { call, product, startSqspSimulator, type SqspSim } from './support/store';

let sim: SqspSim;
beforeEach(async () => {
  sim = await startSqspSimulator();
  sim.seed([product('p1', 3, { kind: 'quantity', quantity: 5 })]);
});
afterEach(async () => {
  await sim.close();
});

const key = (k: string) => ({ 'idempotency-key': k });

it('wants a Bearer key (401) and a User-Agent (400), with the standard error object', async () => {
  const noKey = await call(sim, 'GET', '', undefined, { authorization: '' });
  expect(noKey.status).toBe(401);
  expect(Object.keys(noKey.body).sort()).toEqual(['contextId', 'details', 'message', 'subtype', 'type']);
  const res = await fetch(`${sim.baseUrl}/1.0/commerce/inventory`, {
    headers: { authorization: `Bearer ${sim.credentials.apiKey}`, 'user-agent': '' },
  });
  expect(res.status).toBe(400);
});

it('requires a valid Idempotency-Key', async () => {
  const body = { setFiniteOperations: [{ variantId: 'p1-v1', quantity: 1 }] };
  expect((await call(sim, 'POST', '/adjustments', body)).status).toBe(400);
  expect((await call(sim, 'POST', '/adjustments', body, key('x'.repeat(65)))).status).toBe(400);
  expect((await call(sim, 'POST', '/adjustments', body, key('ok_key-1'))).status).toBe(204);
});

it('validates operations and applies all or nothing', async () => {
  const bad = [
    { setFiniteOperations: [{ variantId: 'p1-v1', quantity: -1 }] },
    { incrementOperations: [{ variantId: 'p1-v1', quantity: 0 }] },
    { setFiniteOperations: [{ variantId: 'p1-v1', quantity: 1.5 }] },
    { setUnlimitedOperations: [42] },
    {},
    { setFiniteOperations: [{ variantId: 'p1-v1', quantity: 1 }], setUnlimitedOperations: ['p1-v1'] },
    { setFiniteOperations: Array.from({ length: 51 }, (_, i) => ({ variantId: `x${i}`, quantity: 1 })) },
  ];
  for (const [i, body] of bad.entries()) {
    const res = await call(sim, 'POST', '/adjustments', body, key(`bad-${i}`));
    expect([i, res.status, res.body.type]).toEqual([i, 400, 'INVALID_REQUEST_ERROR']);
  }
  const partlyUnknown = await call(
    sim,
    'POST',
    '/adjustments',
    {
      setFiniteOperations: [
        { variantId: 'p1-v1', quantity: 1 },
        { variantId: 'nope', quantity: 1 },
      ],
    },
    key('unknown'),
  );
  expect(partlyUnknown.status).toBe(404);
  expect(sim.state.items.get('p1-v1')!.quantity).toBe(5);
  await call(sim, 'POST', '/adjustments', { setUnlimitedOperations: ['p1-v2'] }, key('unl'));
  const inc = await call(sim, 'POST', '/adjustments', { incrementOperations: [{ variantId: 'p1-v2', quantity: 1 }] }, key('inc'));
  expect(inc.status).toBe(400);
  const dec = await call(sim, 'POST', '/adjustments', { decrementOperations: [{ variantId: 'p1-v3', quantity: 6 }] }, key('dec'));
  expect(dec.status).toBe(400);
});

it('pages the whole inventory 50 at a time with a cursor', async () => {
  sim.seed([product('big', 60)]);
  const first = await call(sim, 'GET', '');
  expect(first.body.inventory).toHaveLength(50);
  expect(first.body.pagination.hasNextPage).toBe(true);
  const second = await call(sim, 'GET', `?cursor=${first.body.pagination.nextPageCursor}`);
  expect(second.body.inventory).toHaveLength(13);
  expect(second.body.pagination).toEqual({ hasNextPage: false, nextPageCursor: null, nextPageUrl: null });
  expect((await call(sim, 'GET', `/${Array.from({ length: 51 }, (_, i) => `x${i}`).join(',')}`)).status).toBe(400);
});

it('answers 429 with Retry-After when throttled', async () => {
  sim.faults.rateLimit(1, 4);
  const res = await call(sim, 'GET', '');
  expect(res.status).toBe(429);
  expect(res.headers.get('retry-after')).toBe('4');
});
