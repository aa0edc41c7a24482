/** The simulator answers as Webflow's spec says (openapi/v2.yml update-inventory / list-inventory). */
import { SANDBOX_SKU_COLLECTION_ID } from '../src/simulator';
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { call, product, skuId, startWebflowSimulator, type WebflowSim } from './support/site';

const inv = (n: number) => `/v2/collections/${SANDBOX_SKU_COLLECTION_ID}/items/${skuId(n)}/inventory`;
const sim = useSimulator(async (): Promise<WebflowSim> => {
  const sim = await startWebflowSimulator();
  sim.seed([product('prod-1', 1, 1, { kind: 'quantity', quantity: 5 })]);
  return sim;
});

it('answers { id, quantity, inventoryType } and applies absolute and delta updates', async () => {
  expect((await call(sim, 'GET', inv(1))).body).toEqual({ id: skuId(1), quantity: 5, inventoryType: 'finite' });
  expect((await call(sim, 'PATCH', inv(1), { inventoryType: 'finite', updateQuantity: -2 })).body).toMatchObject({ quantity: 3 });
  expect((await call(sim, 'PATCH', inv(1), { inventoryType: 'infinite' })).body).toMatchObject({ inventoryType: 'infinite' });
  expect((await call(sim, 'PATCH', inv(1), { inventoryType: 'finite', quantity: 9 })).body).toMatchObject({
    inventoryType: 'finite',
    quantity: 9,
  });
});

it('validates the body: inventoryType required, counts only with finite, not both, numbers', async () => {
  const bad = async (body: unknown) => (await call(sim, 'PATCH', inv(1), body)).body;
  expect(await bad({ quantity: 1 })).toMatchObject({ code: 'validation_error', details: [{ field: 'inventoryType' }] });
  expect(await bad({ inventoryType: 'infinite', quantity: 3 })).toMatchObject({ code: 'validation_error' });
  expect(await bad({ inventoryType: 'finite', quantity: 3, updateQuantity: 1 })).toMatchObject({ code: 'validation_error' });
  expect(await bad({ inventoryType: 'finite', quantity: '3' })).toMatchObject({ code: 'validation_error' });
  expect(await bad({ inventoryType: 'unlimited' })).toMatchObject({ code: 'validation_error' });
  expect(sim.state.skus.get(skuId(1))).toMatchObject({ inventoryType: 'finite', quantity: 5 });
});

it('refuses without a token, and answers 404s with Webflow codes', async () => {
  expect(await call(sim, 'GET', inv(1), undefined, false)).toMatchObject({
    status: 401,
    body: { code: 'not_authorized', message: 'Request not authorized', details: [] },
  });
  expect(await call(sim, 'GET', inv(99))).toMatchObject({ status: 404, body: { code: 'resource_not_found' } });
  expect(await call(sim, 'GET', `/v2/collections/abc/items/${skuId(1)}/inventory`)).toMatchObject({
    status: 404,
    body: { code: 'collection_not_found' },
  });
});

it('throttles with 429 too_many_requests, Retry-After and X-RateLimit headers', async () => {
  sim.faults.rateLimit(1, 60);
  const res = await call(sim, 'GET', inv(1));
  expect(res).toMatchObject({ status: 429, body: { code: 'too_many_requests' } });
  expect(res.headers.get('retry-after')).toBe('60');
  expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
  const ok = await call(sim, 'GET', inv(1));
  expect(ok.headers.get('x-ratelimit-limit')).toBe('120');
});
