/**
 * The plugin's own parsing over Squarespace's documented answers (test/evidence), replayed by a bare loopback
 * server through the real SDK client — no simulator involved. Each test names its evidence.
 */
import { join } from 'node:path';
import { AuthError, NotFound, RateLimited, Rejected } from '@stock-sync/plugin-api';
import { evidenceIn, expectEvidenceFor, expectSameShape, useReplayConnection } from '@stock-sync/plugin-testkit/evidence';
import type { EvidenceResponse } from '@stock-sync/plugin-testkit/evidence';
import { plugin } from '../src';

const { doc, response, dir } = evidenceIn(join(__dirname, 'evidence'));
const A = '185db2da-c3cf-47f3-8aff-0485082792a5'; // documented: finite, 34
const B = '7eb25f50-4a0a-4e86-ac7c-cc1d49347bb4'; // documented: unlimited
const ref = (variantId: string) => ({ externalProductId: 'product-1', externalVariantId: variantId });
/** The adjustment's success answer is not documented in what was read (README: unverified); 204 stands in. */
const ADJUSTED: EvidenceResponse = { status: 204 };

const replay = useReplayConnection(plugin, { apiKey: 'fake-evidence-api-key' });
const { connectTo } = replay;

it('every evidence file names a public source and a date', () => {
  expectEvidenceFor(
    dir,
    [
      'authorization-website',
      'error-object',
      'inventory-adjust',
      'inventory-retrieve-all',
      'inventory-retrieve-specific',
      'inventory-retrieve-specific-not-found',
      'oauth-authorize',
      'oauth-tokens-code',
      'rate-limited',
    ],
    { exactly: true },
  );
});

it('verify reads the first documented page with the documented headers (inventory-retrieve-all)', async () => {
  const c = await connectTo([response('inventory-retrieve-all')]);
  await expect(c.verify()).resolves.toBeUndefined();
  const r = replay.requests[0];
  expect(`${r.method} ${r.path}`).toBe('GET /1.0/commerce/inventory');
  expect(r.headers.authorization).toBe('Bearer fake-evidence-api-key');
  // "All requests must include the User-Agent HTTP header"; a default client value may be throttled harder.
  expect(String(r.headers['user-agent'])).not.toMatch(/^(axios|node|curl)/i);
});

it('maps the documented InventoryItems: finite quantity and isUnlimited (inventory-retrieve-specific)', async () => {
  const c = await connectTo([response('inventory-retrieve-specific')]);
  const out = await c.readStock([ref(B), ref(A)]);
  expect(out).toEqual([
    { ...ref(B), status: 'found', stock: { kind: 'unlimited' } },
    { ...ref(A), status: 'found', stock: { kind: 'quantity', quantity: 34 } },
  ]);
  expect(replay.requests[0].path.split('/').pop()!.split(',').sort()).toEqual([A, B].sort());
});

it('the documented whole-read 404 names no id: halves are read again, the missing one is NotFound (inventory-retrieve-specific-not-found)', async () => {
  const notFound = response('inventory-retrieve-specific-not-found');
  const c = await connectTo([notFound, response('inventory-retrieve-specific'), notFound]);
  const out = await c.readStock([ref(A), ref('00000000-0000-0000-0000-000000000000')]);
  expect(out[0]).toMatchObject({ status: 'found', stock: { kind: 'quantity', quantity: 34 } });
  expect(out[1].status === 'failed' && out[1].error).toBeInstanceOf(NotFound);
  expect(replay.requests).toHaveLength(3);
});

it('writes with documented operation shapes, a valid Idempotency-Key and JSON (inventory-adjust)', async () => {
  const c = await connectTo([ADJUSTED]);
  const out = await c.writeStock([
    { ...ref(A), target: { kind: 'quantity', quantity: 40 } },
    { ...ref(B), target: { kind: 'unlimited' } },
    { ...ref('cdf29b1e-01c2-4931-a3f9-7c0568daff23'), target: { kind: 'out_of_stock' } },
  ]);
  expect(out.every((o) => o.status === 'written')).toBe(true);
  const r = replay.requests[0];
  expect(`${r.method} ${r.path}`).toBe('POST /1.0/commerce/inventory/adjustments');
  expect(String(r.headers['idempotency-key'])).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  expect(String(r.headers['content-type'])).toContain('application/json');
  const sent = JSON.parse(r.body);
  const documented = doc('inventory-adjust').request!.body as Record<string, unknown>;
  // Only absolute operations, each in the documented shape; never increment/decrement.
  expectSameShape(
    sent,
    { setFiniteOperations: documented.setFiniteOperations, setUnlimitedOperations: documented.setUnlimitedOperations },
    'inventory-adjust',
    { closed: true },
  );
  expect(sent.setFiniteOperations).toEqual(
    expect.arrayContaining([
      { variantId: A, quantity: 40 },
      { variantId: 'cdf29b1e-01c2-4931-a3f9-7c0568daff23', quantity: 0 },
    ]),
  );
  expect(sent.setUnlimitedOperations).toEqual([B]);
});

it('a refused adjustment (documented error object) is never recorded as written (error-object)', async () => {
  // The refusal names no variant: the plugin reads the ids once; all exist, so all are Rejected.
  const c = await connectTo([response('error-object'), response('inventory-retrieve-specific')]);
  const out = await c.writeStock([
    { ...ref(A), target: { kind: 'quantity', quantity: 1 } },
    { ...ref(B), target: { kind: 'unlimited' } },
  ]);
  for (const o of out) expect(o.status === 'failed' && o.error).toBeInstanceOf(Rejected);
  expect(out[0].status === 'failed' && out[0].error.message).toContain('INVALID_REQUEST_ERROR');
});

it('the documented 429 without Retry-After is RateLimited for the one-minute cool-down (rate-limited)', async () => {
  const c = await connectTo([response('rate-limited')]);
  const [o] = await c.writeStock([{ ...ref(A), target: { kind: 'quantity', quantity: 1 } }]);
  expect(o.status === 'failed' && o.error).toBeInstanceOf(RateLimited);
  expect(o.status === 'failed' && (o.error as RateLimited).retryAfterMs).toBeGreaterThanOrEqual(60_000);
});

it('a 401 with the documented error object is AuthError naming the type', async () => {
  const c = await connectTo([
    { status: 401, body: { ...(response('error-object').body as object), type: 'AUTHORIZATION_ERROR', subtype: null } },
  ]);
  await expect(c.verify()).rejects.toBeInstanceOf(AuthError);
});
