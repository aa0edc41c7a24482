/**
 * The simulator held to Squarespace's documents: each documented request (test/evidence) is sent to it and its
 * answer must have the documented status and shape (field names, nesting, JSON types). Squarespace publishes no
 * official OpenAPI document, so the shape comparison is the check.
 */
import { join } from 'node:path';
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { evidence, expectDocumentedAnswer, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import type { Evidence } from '@stock-sync/plugin-testkit/evidence';
import { call, startSqspSimulator, type SqspSim } from './support/store';

const DIR = join(__dirname, 'evidence');
const doc = (name: string): Evidence => evidence(DIR, name);
const A = '185db2da-c3cf-47f3-8aff-0485082792a5';
const B = '7eb25f50-4a0a-4e86-ac7c-cc1d49347bb4';
const C = 'cdf29b1e-01c2-4931-a3f9-7c0568daff23';
const D = '3afec275-5c9e-4167-93a7-17c01bba1ae2';
const sub = (path: string) => path.replace('/1.0/commerce/inventory', '');

const sim = useSimulator(async (): Promise<SqspSim> => {
  const sim = await startSqspSimulator();
  // The documented variant ids, with the documented stock, plus enough others for a second page.
  sim.seed([
    {
      productId: 'p-doc',
      variants: [
        { variantId: A, sku: 'OO-DEC-GRN', initial: { kind: 'quantity', quantity: 34 } },
        { variantId: B, sku: 'CACAO-WAFER-O2', initial: { kind: 'unlimited' } },
        { variantId: C, initial: { kind: 'quantity', quantity: 3 } },
        { variantId: D, initial: { kind: 'quantity', quantity: 3 } },
      ],
    },
    {
      productId: 'p-more',
      variants: Array.from({ length: 50 }, (_, i) => ({ variantId: `more-${i}`, initial: { kind: 'quantity' as const, quantity: 1 } })),
    },
  ]);
  return sim;
});

it('retrieve all: the documented page with a next-page cursor (inventory-retrieve-all)', async () => {
  const e = doc('inventory-retrieve-all');
  const res = await call(sim, 'GET', '');
  expectDocumentedAnswer(res, e, { closed: true, nullable: ['$.inventory[].sku'] });
  const next = await call(sim, 'GET', `?cursor=${res.body.pagination.nextPageCursor}`);
  expect(next.status).toBe(200);
  expect(next.body.inventory.length).toBeGreaterThan(0);
});

it('retrieve specific: the documented ids answer the documented items (inventory-retrieve-specific)', async () => {
  const e = doc('inventory-retrieve-specific');
  const res = await call(sim, 'GET', sub(e.request!.path));
  // sku is null for a variant without one (every documented field present, values may be null).
  expectDocumentedAnswer(res, e, { closed: true, nullable: ['$.inventory[].sku'] });
  expect(res.body.inventory.find((i: { variantId: string }) => i.variantId === A)).toMatchObject({ isUnlimited: false, quantity: 34 });
});

it('retrieve specific with an unknown id: the documented whole-read 404 with the error object (inventory-retrieve-specific-not-found)', async () => {
  const e = doc('inventory-retrieve-specific-not-found');
  const res = await call(sim, 'GET', sub(e.request!.path));
  expect(res.status).toBe(404);
  expectSameShape(res.body, e.response!.body, e.name, { closed: true, nullable: ['$.contextId'] });
});

it('retrieve specific with more than 50 ids: 400 with subtype null (retrieving-specific-inventory)', async () => {
  const res = await call(sim, 'GET', `/${Array.from({ length: 51 }, (_, i) => `more-${i % 50}`).join(',')}`);
  expect(res.status).toBe(400);
  expectSameShape(res.body, doc('error-object').response!.body, 'error-object', { closed: true, nullable: ['$.subtype'] });
  expect(res.body.subtype).toBeNull();
});

it('adjust: the documented request (all four operation kinds) is applied (inventory-adjust)', async () => {
  const e = doc('inventory-adjust');
  // The example decrements B, which another page's example shows unlimited; decrementing an unlimited item is
  // refused by the sandbox (README: unverified), so B is finite here.
  sim.manualEdit({ externalProductId: 'p-doc', externalVariantId: B }, { kind: 'quantity', quantity: 5 });
  const res = await call(sim, 'POST', sub(e.request!.path), e.request!.body, { 'idempotency-key': e.request!.headers!['Idempotency-Key'] });
  expect(res.status).toBeGreaterThanOrEqual(200);
  expect(res.status).toBeLessThan(300);
  const after = await call(sim, 'GET', `/${A},${B},${C},${D}`);
  const byId = Object.fromEntries(after.body.inventory.map((i: { variantId: string }) => [i.variantId, i]));
  expect(byId[A]).toMatchObject({ isUnlimited: false, quantity: 35 });
  expect(byId[B]).toMatchObject({ isUnlimited: false, quantity: 4 });
  expect(byId[C]).toMatchObject({ isUnlimited: false, quantity: 40 });
  expect(byId[D]).toMatchObject({ isUnlimited: true });
});

it('a refused adjustment answers the documented error object (error-object)', async () => {
  const e = doc('error-object');
  const res = await call(
    sim,
    'POST',
    '/adjustments',
    { setFiniteOperations: [{ variantId: A, quantity: -1 }] },
    { 'idempotency-key': 'evidence-refused-1' },
  );
  expect(res.status).toBe(400);
  expectSameShape(res.body, e.response!.body, e.name, { closed: true, nullable: ['$.subtype'] });
});

it('over the rate limit: the documented 429 (rate-limited)', async () => {
  sim.faults.rateLimit(1, 2);
  const res = await call(sim, 'GET', '');
  expect(res.status).toBe(doc('rate-limited').response!.status);
});
