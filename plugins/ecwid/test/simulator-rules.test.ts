/** The Ecwid simulator against the documented rules, with raw HTTP. */
import { seedProduct } from '@stock-sync/plugin-testkit/fixtures';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import { simulator } from '../src/simulator';
import { call, type EcwidSim } from './support/store';

let sim: EcwidSim;
beforeEach(async () => {
  sim = await startSimulator(simulator);
  sim.seed([seedProduct(100, 1001, 2, { kind: 'quantity', quantity: 5 })]);
});
afterEach(() => sim.close());

it('refuses a missing or wrong token with 403 INVALID_API_TOKEN, and accepts the legacy ?token=', async () => {
  const wrong = await call(sim, 'GET', '/products', undefined, { authorization: 'Bearer secret_nope' });
  expect(wrong).toMatchObject({ status: 403, body: { errorCode: 'INVALID_API_TOKEN' } });
  const res = await fetch(`${sim.baseUrl}/api/v3/1003/products?token=${sim.credentials.accessToken}`);
  expect(res.status).toBe(200);
});

it('validates stock field types (400 WRONG_PARAMETER) and the content type (415)', async () => {
  expect(await call(sim, 'PUT', '/products/100/combinations/1001', { quantity: '5' })).toMatchObject({
    status: 400,
    body: { errorCode: 'WRONG_PARAMETER' },
  });
  expect(await call(sim, 'PUT', '/products/100/combinations/1001', { quantity: 1.5 })).toMatchObject({ status: 400 });
  expect(await call(sim, 'PUT', '/products/100/combinations/1001', { unlimited: 'yes' })).toMatchObject({ status: 400 });
  expect(
    (await call(sim, 'PUT', '/products/100/combinations/1001', 'quantity=1', { 'content-type': 'application/x-www-form-urlencoded' }))
      .status,
  ).toBe(415);
  expect(await call(sim, 'PUT', '/products/abc/combinations/1001', { quantity: 1 })).toMatchObject({ status: 400 });
  expect(await call(sim, 'GET', '/products/100/combinations/4242')).toMatchObject({
    status: 404,
    body: { errorCode: 'COMBINATION_NOT_FOUND' },
  });
});

it('adjusts by delta and warns when the count goes negative', async () => {
  const res = await call(sim, 'PUT', '/products/100/combinations/1001/inventory', { quantityDelta: -7 });
  expect(res).toMatchObject({ status: 200, body: { updateCount: 1, warning: expect.any(String) } });
  expect(sim.stock({ externalProductId: '100', externalVariantId: '1001' })).toEqual({ kind: 'out_of_stock' });
});

it('validates batches: an array of ≤ 500 {path, method}; stops on the first failure by default', async () => {
  expect(await call(sim, 'POST', '/batch', { path: '/profile' })).toMatchObject({ status: 400 });
  expect(await call(sim, 'POST', '/batch', [{ path: '/products', method: 'PATCH' }])).toMatchObject({
    status: 400,
    body: { errorMessage: expect.stringContaining('$[0].method') },
  });
  const many = Array.from({ length: 501 }, () => ({ path: '/products', method: 'GET' }));
  expect((await call(sim, 'POST', '/batch', many)).status).toBe(400);

  const created = await call(sim, 'POST', '/batch', [
    { id: 'a', path: '/products/100/combinations/4242', method: 'PUT', body: { quantity: 1 } },
    { id: 'b', path: '/products/100/combinations/1002', method: 'PUT', body: JSON.stringify({ unlimited: false, quantity: 1 }) },
  ]);
  const status = await call(sim, 'GET', `/batch?ticket=${created.body.ticket}`);
  expect(status.body).toMatchObject({
    status: 'COMPLETED',
    totalRequests: 2,
    completedRequests: 1,
    responses: [
      { id: 'a', status: 'FAILED', httpStatusCode: 404, httpBody: { errorCode: 'COMBINATION_NOT_FOUND' } },
      { id: 'b', status: 'NOT_EXECUTED' },
    ],
  });
  expect(sim.stock({ externalProductId: '100', externalVariantId: '1002' })).toEqual({ kind: 'quantity', quantity: 5 });

  const goOn = await call(sim, 'POST', '/batch?stopOnFirstFailure=false', [
    { id: 'a', path: '/products/100/combinations/4242', method: 'PUT', body: { quantity: 1 } },
    { id: 'b', path: '/products/100/combinations/1002', method: 'PUT', body: { unlimited: false, quantity: 1 } },
  ]);
  const done = await call(sim, 'GET', `/batch?ticket=${goOn.body.ticket}&escapedJson=true`);
  expect(done.body.responses[1]).toMatchObject({ id: 'b', status: 'COMPLETED', httpStatusCode: 200, escapedHttpBody: '{"updateCount":1}' });
  expect(await call(sim, 'GET', '/batch?ticket=nope')).toMatchObject({ status: 404 });
});

it('answers 429 with Retry-After and RATE_LIMITED when the budget is spent', async () => {
  sim.faults.rateLimit(1, 3);
  const res = await call(sim, 'GET', '/products');
  expect(res.status).toBe(429);
  expect(res.headers.get('retry-after')).toBe('3');
  expect(res.body).toMatchObject({ errorCode: 'RATE_LIMITED' });
});
