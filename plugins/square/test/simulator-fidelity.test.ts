/** The Square simulator answers as Square does: auth, spec validation, idempotency, limits, throttling. */
import { quantity } from '@stock-sync/plugin-api';
import { seedProduct } from '@stock-sync/plugin-testkit/fixtures';
import { SIM_LOCATION_ID } from '../src/simulator';
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { call, startSquareSimulator, type SquareSim } from './support/store';

const sim = useSimulator(async (): Promise<SquareSim> => {
  const sim = await startSquareSimulator();
  sim.seed([seedProduct('ITEM1', 101, 2, quantity(5))]);
  return sim;
});

const count = (id: string, quantity: unknown, occurred_at = new Date().toISOString()) => ({
  type: 'PHYSICAL_COUNT',
  physical_count: { catalog_object_id: id, location_id: SIM_LOCATION_ID, state: 'IN_STOCK', quantity, occurred_at },
});

it('answers 401 AUTHENTICATION_ERROR without or with a wrong token, and ACCESS_TOKEN_REVOKED when revoked', async () => {
  expect((await call(sim, 'GET', `/v2/locations/${SIM_LOCATION_ID}`, undefined, null)).body.errors[0]).toMatchObject({
    category: 'AUTHENTICATION_ERROR',
    code: 'UNAUTHORIZED',
  });
  expect((await call(sim, 'GET', `/v2/locations/${SIM_LOCATION_ID}`, undefined, 'EAAAwrong')).status).toBe(401);
  sim.faults.revokeCredentials();
  const revoked = await call(sim, 'GET', `/v2/locations/${SIM_LOCATION_ID}`);
  expect(revoked.status).toBe(401);
  expect(revoked.body.errors[0].code).toBe('ACCESS_TOKEN_REVOKED');
});

it('validates BatchChangeInventory against the spec: quantity must be a string, idempotency_key is required', async () => {
  const numeric = await call(sim, 'POST', '/v2/inventory/changes/batch-create', { idempotency_key: 'a', changes: [count('101', 3)] });
  expect(numeric.status).toBe(400);
  expect(numeric.body.errors[0]).toMatchObject({
    category: 'INVALID_REQUEST_ERROR',
    code: 'EXPECTED_STRING',
    field: 'changes[0].physical_count.quantity',
  });
  const keyless = await call(sim, 'POST', '/v2/inventory/changes/batch-create', { changes: [count('101', '3')] });
  expect(keyless.body.errors[0].code).toBe('MISSING_REQUIRED_PARAMETER');
  expect(sim.stock({ externalProductId: 'ITEM1', externalVariantId: '101' })).toEqual(quantity(5));
});

it('refuses more than 100 changes, a count older than 24 hours and an unknown variation, applying nothing', async () => {
  const many = await call(sim, 'POST', '/v2/inventory/changes/batch-create', {
    idempotency_key: 'b',
    changes: Array.from({ length: 101 }, () => count('101', '1')),
  });
  expect(many.status).toBe(400);
  const old = await call(sim, 'POST', '/v2/inventory/changes/batch-create', {
    idempotency_key: 'c',
    changes: [count('101', '1', new Date(Date.now() - 25 * 3600e3).toISOString())],
  });
  expect(old.body.errors[0].field).toBe('changes[0].physical_count.occurred_at');
  const unknown = await call(sim, 'POST', '/v2/inventory/changes/batch-create', {
    idempotency_key: 'd',
    changes: [count('101', '1'), count('NOPE', '1')],
  });
  expect(unknown.status).toBe(400);
  expect(sim.stock({ externalProductId: 'ITEM1', externalVariantId: '101' })).toEqual(quantity(5));
});

it('replays an idempotency key with the first answer, and refuses it with another body', async () => {
  const body = { idempotency_key: 'same', changes: [count('101', '7')] };
  const first = await call(sim, 'POST', '/v2/inventory/changes/batch-create', body);
  expect(first.status).toBe(200);
  sim.manualEdit({ externalProductId: 'ITEM1', externalVariantId: '101' }, quantity(2));
  const again = await call(sim, 'POST', '/v2/inventory/changes/batch-create', body);
  expect(again.body).toEqual(first.body);
  expect(sim.stock({ externalProductId: 'ITEM1', externalVariantId: '101' })).toEqual(quantity(2)); // not applied twice
  const reused = await call(sim, 'POST', '/v2/inventory/changes/batch-create', { idempotency_key: 'same', changes: [count('101', '8')] });
  expect(reused.body.errors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
});

it('refuses an upsert with a stale version (VERSION_MISMATCH) and keeps the batch all or nothing', async () => {
  const objs = (await call(sim, 'POST', '/v2/catalog/batch-retrieve', { object_ids: ['101', '102'] })).body.objects;
  sim.manualEdit({ externalProductId: 'ITEM1', externalVariantId: '102' }, quantity(1)); // bumps 102's version
  for (const o of objs) o.item_variation_data.track_inventory = false;
  const res = await call(sim, 'POST', '/v2/catalog/batch-upsert', { idempotency_key: 'u1', batches: [{ objects: objs }] });
  expect(res.status).toBe(400);
  expect(res.body.errors[0]).toMatchObject({ code: 'VERSION_MISMATCH' });
  expect(sim.stock({ externalProductId: 'ITEM1', externalVariantId: '101' })).toEqual(quantity(5));
});

it('reports IN_STOCK counts with a cursor, and answers a throttle with 429 RATE_LIMITED and no Retry-After', async () => {
  const page = await call(sim, 'POST', '/v2/inventory/counts/batch-retrieve', {
    catalog_object_ids: ['101', '102'],
    location_ids: [SIM_LOCATION_ID],
    limit: 1,
  });
  expect(page.body.counts).toEqual([expect.objectContaining({ catalog_object_id: '101', state: 'IN_STOCK', quantity: '5' })]);
  const next = await call(sim, 'POST', '/v2/inventory/counts/batch-retrieve', {
    catalog_object_ids: ['101', '102'],
    location_ids: [SIM_LOCATION_ID],
    limit: 1,
    cursor: page.body.cursor,
  });
  expect(next.body.counts[0].catalog_object_id).toBe('102');
  expect(next.body.cursor).toBeUndefined();
  sim.faults.rateLimit(1, 2);
  const throttled = await call(sim, 'GET', '/v2/locations');
  expect(throttled.status).toBe(429);
  expect(throttled.body.errors[0]).toMatchObject({ category: 'RATE_LIMIT_ERROR', code: 'RATE_LIMITED' });
  expect(throttled.headers.get('retry-after')).toBeNull();
});
