/**
 * The simulator held to Storenvy's documented answers (test/evidence): documented requests sent over HTTP,
 * answers checked for the documented envelope, pagination and error shapes. Storenvy publishes no OpenAPI.
 */
import { join } from 'node:path';
import { quantity } from '@stock-sync/plugin-api';
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { evidence, expectDocumentedAnswer, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import { seedProduct } from '@stock-sync/plugin-testkit/fixtures';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import type { RunningSimulator } from '@stock-sync/plugin-testkit/simulator';
import { simulator, type StorenvySimState } from '../src/simulator';
import { send as sendTo } from './support/send';

const DIR = join(__dirname, 'evidence');
const sim = useSimulator(async (): Promise<RunningSimulator<StorenvySimState>> => {
  const sim = await startSimulator(simulator);
  sim.seed([seedProduct(500, 5001, 120, quantity(2))]);
  return sim;
});
const send = (method: string, path: string, body?: unknown, contentType?: string) => sendTo(sim, method, path, body, contentType);

it('the variants list has the documented envelope and pagination; next_url leads through every page of 50', async () => {
  const e = evidence(DIR, 'list-variants');
  const first = await send('GET', e.request!.path);
  expect(first.status).toBe(200);
  // The envelope's data is a placeholder in the document ("Your response data"): not closed.
  expectSameShape(first.body, evidence(DIR, 'response-envelope').response!.body, 'response-envelope');
  expectSameShape(first.body, e.response!.body, e.name, {
    closed: true,
    ignore: ['$.data.variants[].product_id', '$.data.variants[].name', '$.data.variants[].sku', '$.data.variants[].cents'],
  });
  expect(first.body.data.variants).toHaveLength(50);
  const ids: number[] = first.body.data.variants.map((v: any) => v.id);
  let next: string | null = first.body.pagination.next_url;
  while (next) {
    const res = await fetch(next);
    const b = (await res.json()) as any;
    ids.push(...b.data.variants.map((v: any) => v.id));
    next = b.pagination.next_url;
  }
  expect(ids).toEqual(Array.from({ length: 120 }, (_, i) => 5001 + i));
});

it('the store (verify) answers in the documented envelope', async () => {
  const e = evidence(DIR, 'get-store');
  const res = await send(e.request!.method, e.request!.path);
  expectDocumentedAnswer(res, e);
});

it('the documented JSON write is accepted; a form-encoded one is refused', async () => {
  const e = evidence(DIR, 'update-variant');
  const res = await send(e.request!.method, e.request!.path, e.request!.body);
  expect(res.status).toBe(200);
  expect(sim.state.products.get(500)!.variants.get(5001)).toMatchObject({ full_quantity: 3, in_stock: true });
  const form = await send(e.request!.method, e.request!.path, 'full_quantity=9&in_stock=true', 'application/x-www-form-urlencoded');
  expect(form.status).toBe(415);
});

it('errors carry the documented meta (code, error_type, error_message), code matching the status', async () => {
  const e = evidence(DIR, 'error-meta');
  const res = await send('GET', '/v1/products/999/variants.json');
  expect(res.status).toBe(404);
  expectSameShape(res.body, e.response!.body, e.name, { closed: true });
  expect(res.body.meta.code).toBe(res.status);
});
