/**
 * The simulator held to Ecwid's documented answers (test/evidence): each documented request is sent to
 * it over HTTP and its answer must have the documented status and shape (field names, nesting, types).
 * Ecwid publishes no OpenAPI document we could find (README "Sources"), so there is no schema check.
 */
import { join } from 'node:path';
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { evidence, expectDocumentedAnswer } from '@stock-sync/plugin-testkit/evidence';
import type { Evidence } from '@stock-sync/plugin-testkit/evidence';
import { seedProduct } from '@stock-sync/plugin-testkit/fixtures';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import { simulator } from '../src/simulator';
import { call, type EcwidSim } from './support/store';

const DIR = join(__dirname, 'evidence');

const sim = useSimulator(async (): Promise<EcwidSim> => {
  const sim = await startSimulator(simulator);
  sim.seed([
    {
      ...seedProduct(8383237, 7084071, 2, { kind: 'quantity', quantity: 21 }),
      variants: [
        { variantId: '7084071', sku: '000076', initial: { kind: 'quantity', quantity: 21 } },
        { variantId: '7084072', sku: '000075', initial: { kind: 'out_of_stock' } },
      ],
    },
  ]);
  // The documented examples show warningLimit on every variation (omitted only when inherited).
  for (const c of sim.state.products.get(8383237)!.combinations.values()) c.warningLimit = 0;
  return sim;
});

/** The documented request, re-pointed at the simulated store (its store id; the path after it kept). */
function send(e: Evidence, override: { path?: string; body?: unknown; query?: Record<string, string> } = {}) {
  const req = e.request!;
  const path = override.path ?? req.path.replace(/^\/api\/v3\/\d+/, '');
  const query = new URLSearchParams(override.query ?? req.query ?? {}).toString();
  return call(sim, req.method, query ? `${path}?${query}` : path, 'body' in override ? override.body : req.body);
}

it('search products (verify)', async () => {
  const e = evidence(DIR, 'search-products');
  expectDocumentedAnswer(await send(e), e);
});

it('get a product', async () => {
  const e = evidence(DIR, 'get-product');
  expectDocumentedAnswer(await send(e, { path: '/products/8383237' }), e);
});

it('get all product variations', async () => {
  const e = evidence(DIR, 'get-product-variations');
  expectDocumentedAnswer(await send(e), e);
});

it('update product variation: the documented body is accepted and answered {updateCount}', async () => {
  const e = evidence(DIR, 'update-product-variation');
  expectDocumentedAnswer(await send(e, { path: '/products/8383237/combinations/7084071' }), e, { closed: true });
  expect(sim.stock({ externalProductId: '8383237', externalVariantId: '7084071' })).toEqual({ kind: 'quantity', quantity: 4 });
});

it('update of a missing variation: 404 COMBINATION_NOT_FOUND', async () => {
  const e = evidence(DIR, 'variation-not-found');
  const res = await send(e, { path: '/products/8383237/combinations/4242' });
  expectDocumentedAnswer(res, e, { closed: true });
  expect(res.body.errorCode).toBe('COMBINATION_NOT_FOUND');
});

it('a wrong token: 403 INVALID_API_TOKEN', async () => {
  const e = evidence(DIR, 'invalid-token');
  const res = await call(sim, 'GET', '/products', undefined, { authorization: 'Bearer secret_wrong' });
  expectDocumentedAnswer(res, e, { closed: true });
  expect(res.body.errorCode).toBe('INVALID_API_TOKEN');
});

it('over the budget: 429 with Retry-After', async () => {
  const e = evidence(DIR, 'rate-limited');
  sim.faults.rateLimit(1, 5);
  const res = await send(e);
  expect(res.status).toBe(429);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
});

it('create batch, then its status in both documented forms (httpBody, and escapedHttpBody with escapedJson=true)', async () => {
  const created = evidence(DIR, 'create-batch');
  const res = await send(created);
  expectDocumentedAnswer(res, created, { closed: true });

  const plain = evidence(DIR, 'get-batch-status');
  // Each httpBody is the called endpoint's own answer (checked by that endpoint's evidence above).
  expectDocumentedAnswer(await send(plain, { query: { ticket: res.body.ticket } }), plain, {
    closed: true,
    ignore: ['$.responses[].httpBody'],
  });

  const writes = await call(sim, 'POST', '/batch?stopOnFirstFailure=false', [
    { id: '0', path: '/products/8383237/combinations/7084071', method: 'PUT', body: { unlimited: false, quantity: 3 } },
    { id: '1', path: '/products/8383237/combinations/4242', method: 'PUT', body: { unlimited: false, quantity: 3 } },
  ]);
  const escaped = evidence(DIR, 'get-batch-status-escaped');
  const status = await send(escaped, { query: { ticket: writes.body.ticket, escapedJson: 'true' } });
  expectDocumentedAnswer(status, escaped, { closed: true });
  expect(status.body.responses.map((r: any) => [r.status, r.httpStatusCode])).toEqual([
    ['COMPLETED', 200],
    ['FAILED', 404],
  ]);
  expect(JSON.parse(status.body.responses[1].escapedHttpBody)).toMatchObject({ errorCode: 'COMBINATION_NOT_FOUND' });
});

it('an invalid batch body: 400 with an error message', async () => {
  const e = evidence(DIR, 'create-batch-invalid');
  const res = await send(e);
  expect(res.status).toBe(400);
  // The example's "error_message" contradicts the page's own field table ("errorMessage"), which the
  // simulator follows; the plugin reads both (evidence-parsing.test.ts).
  expect(res.body.errorMessage).toContain('$[0].id');
});
