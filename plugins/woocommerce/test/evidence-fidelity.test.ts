/**
 * The simulator held to WooCommerce's documented answers (test/evidence): each documented request is sent
 * to it over HTTP and its answer must have the documented status and shape (field names, nesting, JSON types).
 * WooCommerce publishes no OpenAPI document, so the shape comparison is the check.
 */
import { join } from 'node:path';
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { evidence, expectDocumentedAnswer, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import type { Evidence } from '@stock-sync/plugin-testkit/evidence';
import { call, product, startWooSimulator, type WooSim } from './support/store';

const DIR = join(__dirname, 'evidence');
const doc = (name: string): Evidence => evidence(DIR, name);

// A variation without its own image answers `image: null` (v3 get_image()); the docs' example has one.
const nullable = ['$[].image', '$.update[].image'];

const sim = useSimulator(async (): Promise<WooSim> => {
  const sim = await startWooSimulator();
  sim.seed([product(22, 733, 2, { kind: 'unlimited' })]);
  return sim;
});

it('GET variations answers the documented variation objects and paging headers (variations-list)', async () => {
  const e = doc('variations-list');
  const res = await call(sim, e.request!.method, e.request!.path);
  expectDocumentedAnswer(res, e, { nullable });
  for (const h of Object.keys(e.response!.headers ?? {})) expect(res.headers.get(h)).toMatch(/^\d+$/);
});

it('the list narrowed as the plugin asks keeps the documented types of the stock fields', async () => {
  const res = await call(
    sim,
    'GET',
    '/wp-json/wc/v3/products/22/variations?include=733,734&per_page=100&_fields=id,manage_stock,stock_quantity,stock_status',
  );
  const [documented] = doc('variations-list').response!.body as Array<Record<string, unknown>>;
  const narrowed = {
    id: documented.id,
    manage_stock: documented.manage_stock,
    stock_quantity: documented.stock_quantity,
    stock_status: documented.stock_status,
  };
  expectSameShape(res.body, [narrowed], 'variations-list (_fields)', { closed: true });
});

it('the documented batch update answers the documented echo (variations-batch-update)', async () => {
  const e = doc('variations-batch-update');
  const res = await call(sim, e.request!.method, e.request!.path, e.request!.body);
  expectDocumentedAnswer(res, e, { nullable });
});

it('the batch the plugin sends (stock fields) answers the same documented echo', async () => {
  const e = doc('variations-batch-update');
  const res = await call(sim, 'POST', e.request!.path, {
    update: [
      { id: 733, manage_stock: true, stock_quantity: 4 },
      { id: 734, manage_stock: false, stock_status: 'outofstock' },
    ],
  });
  expect(res.status).toBe(200);
  expectSameShape(res.body, e.response!.body, e.name, { nullable });
});

it('an unknown variation in a batch answers the documented per-item error (batch-item-invalid-id)', async () => {
  const e = doc('batch-item-invalid-id');
  const res = await call(sim, e.request!.method, e.request!.path, e.request!.body);
  expectDocumentedAnswer(res, e, { closed: true });
  expect(res.body.update[0].error.code).toBe('woocommerce_rest_product_variation_invalid_id');
});

it('more than 100 items answers the documented 413 (batch-too-large)', async () => {
  const e = doc('batch-too-large');
  const update = Array.from({ length: 101 }, (_, i) => ({ id: 733 + (i % 2), manage_stock: false, stock_status: 'instock' }));
  const res = await call(sim, 'POST', e.request!.path, { update });
  expectDocumentedAnswer(res, e, { closed: true });
  expect(res.body.code).toBe((e.response!.body as { code: string }).code);
});

it('the empty products batch answers [] (products-batch-empty)', async () => {
  const e = doc('products-batch-empty');
  const res = await call(sim, e.request!.method, e.request!.path, e.request!.body);
  expect(res.status).toBe(e.response!.status);
  expect(res.body).toEqual(e.response!.body);
});

it('a wrong secret answers the documented 401 (error-secret-invalid)', async () => {
  const e = doc('error-secret-invalid');
  const bad = `Basic ${Buffer.from(`${sim.credentials.consumerKey}:wrong-secret`).toString('base64')}`;
  const res = await fetch(`${sim.baseUrl}${e.request!.path}`, {
    method: 'POST',
    headers: { authorization: bad, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(e.response!.status);
  const body = (await res.json()) as { code: string };
  expectSameShape(body, e.response!.body, e.name, { closed: true });
  expect(body.code).toBe('woocommerce_rest_authentication_error');
});

it('a path no route matches (WordPress ids are digits) answers the documented error object (error-no-route)', async () => {
  const e = doc('error-no-route');
  const res = await call(sim, 'GET', '/wp-json/wc/v3/products/not-an-id/variations');
  expectDocumentedAnswer(res, e, { closed: true });
  expect(res.body.code).toBe('rest_no_route');
});
