/**
 * The simulator held to Weebly's documented answers (test/evidence): documented requests sent over HTTP,
 * answers checked for the documented status, shape and pagination headers. Weebly publishes no OpenAPI.
 */
import { join } from 'node:path';
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { evidence, expectDocumentedAnswer } from '@stock-sync/plugin-testkit/evidence';
import { call, product, startWeeblySimulator, type WeeblySim } from './support';

const DIR = join(__dirname, 'evidence');
const sim = useSimulator(async (): Promise<WeeblySim> => {
  const sim = await startWeeblySimulator();
  sim.seed([product(12, 1, 3, { kind: 'quantity', quantity: 2 })]);
  return sim;
});

// The documented examples show sale_price null on one SKU and a number on another.
const nullable = ['$[].sale_price', '$.sale_price'];

it('list SKUs: the documented list fields, and the documented pagination headers', async () => {
  const e = evidence(DIR, 'list-skus');
  const res = await call(sim, 'GET', '/products/12/skus');
  expectDocumentedAnswer(res, e, { closed: true, nullable });
  const raw = await fetch(`${sim.baseUrl}/v1/user/sites/${sim.credentials.siteId}/store/products/12/skus?page=1&limit=2`, {
    headers: { 'x-weebly-access-token': sim.credentials.accessToken },
  });
  for (const h of Object.keys(evidence(DIR, 'pagination-headers').response!.headers!)) expect(raw.headers.get(h)).not.toBeNull();
  expect(raw.headers.get('x-resultset-total')).toBe('3');
});

it('SKU detail: every documented field', async () => {
  const e = evidence(DIR, 'get-sku');
  const res = await call(sim, 'GET', '/products/12/skus/2');
  expectDocumentedAnswer(res, e, { closed: true, nullable });
});

it('PATCH a SKU: the documented request is accepted and answered with every field', async () => {
  const e = evidence(DIR, 'update-sku');
  const res = await call(sim, 'PATCH', '/products/12/skus/2', e.request!.body);
  expectDocumentedAnswer(res, e, { closed: true, nullable });
  expect(res.body.price).toBe(12.99);
  const inv = await call(sim, 'PATCH', '/products/12/skus/2', { inventory: 5 });
  expect(inv.body.inventory).toBe(5);
});

it('list products (verify): the documented list fields', async () => {
  const e = evidence(DIR, 'list-products');
  const res = await call(sim, 'GET', '/products?limit=1');
  expectDocumentedAnswer(res, e, { closed: true });
  expect(res.body).toHaveLength(1);
});

it('a wrong token: 401', async () => {
  const res = await fetch(`${sim.baseUrl}/v1/user/sites/${sim.credentials.siteId}/store/products`, {
    headers: { 'x-weebly-access-token': 'wrong' },
  });
  expect(res.status).toBe(evidence(DIR, 'unauthorized').response!.status);
});
