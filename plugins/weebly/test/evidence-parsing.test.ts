/**
 * The plugin's own parsing fed with Weebly's documented answers (test/evidence, each with its public URL),
 * no simulator involved: read-back mapping, write confirmation, pagination, errors, redirects.
 */
import { join } from 'node:path';
import { AuthError, Transient } from '@stock-sync/plugin-api';
import { evidence, loadEvidenceDir, scriptedClient } from '@stock-sync/plugin-testkit/evidence';
import { confirmInventory, stockOfInventory, weeblyConnection } from '../src/connection';
import { classifyWeeblyResponse, redirectTarget } from '../src/weebly-api';

const DIR = join(__dirname, 'evidence');
const doc = (name: string) => evidence(DIR, name);
const body = (name: string) => structuredClone(doc(name).response!.body) as any;
const quiet = { debug() {}, info() {}, warn() {}, error() {} } as any;

const scripted = scriptedClient;
const ok =
  (data: unknown, headers: Record<string, string> = {}) =>
  () => ({ status: 200, headers, data });
const write = (target: any) => [{ externalProductId: '12', externalVariantId: '2', target }];

it('every evidence file names a public source and a date', () => {
  expect(loadEvidenceDir(DIR).length).toBeGreaterThanOrEqual(5);
});

it('maps the documented SKU list, the detail and the untracked (null) SKU', () => {
  expect((body('list-skus') as any[]).map((s) => stockOfInventory(s.inventory))).toEqual([
    { kind: 'quantity', quantity: 7 },
    { kind: 'quantity', quantity: 2 },
  ]);
  expect(stockOfInventory(body('get-sku').inventory)).toEqual({ kind: 'quantity', quantity: 2 });
  expect(stockOfInventory(body('create-product-untracked').skus[0].inventory)).toEqual({ kind: 'unlimited' });
  expect((body('list-products') as any[]).map((p) => stockOfInventory(p.inventory))).toEqual([
    { kind: 'quantity', quantity: 1 },
    { kind: 'unlimited' },
  ]);
});

it("reads a product's SKUs page by page with the documented X-Resultset-Total", async () => {
  const api = scripted([ok(body('list-skus'), { 'x-resultset-total': '2', 'x-resultset-page': '1', 'x-resultset-limit': '200' })]);
  const read = await weeblyConnection(api, quiet).readStock([{ externalProductId: '12', externalVariantId: '1' }]);
  expect(read[0]).toMatchObject({ status: 'found', stock: { kind: 'quantity', quantity: 7 } });
  expect(api.sent[0].params).toEqual({ page: 1, limit: 200 });
});

it('a count is confirmed by the documented PATCH answer ("All fields for the SKU are returned")', async () => {
  const answer = body('update-sku');
  expect(confirmInventory(2, answer)).toBe('written');
  expect(confirmInventory(3, answer)).toEqual({ shown: 2 });
  const api = scripted([ok(answer)]);
  const out = await weeblyConnection(api, quiet).writeStock(write({ kind: 'quantity', quantity: 2 }));
  expect(out[0].status).toBe('written');
  expect(api.sent.map((r) => r.method)).toEqual(['PATCH']);
  expect(api.sent[0].body).toEqual({ inventory: 2 });
});

it('regression: unlimited (inventory null, undocumented as writable) is read back, and counted only when the SKU shows null', async () => {
  const untracked = { ...body('get-sku'), inventory: null };
  // Weebly answers the PATCH with the SKU still counted: the read-back shows the count → Rejected, not written.
  let api = scripted([ok(body('update-sku')), ok(body('get-sku'))]);
  let out = await weeblyConnection(api, quiet).writeStock(write({ kind: 'unlimited' }));
  expect(out[0]).toMatchObject({ status: 'failed' });
  expect((out[0] as any).error.message).toContain('kept inventory 2');
  expect(api.sent.map((r) => r.method)).toEqual(['PATCH', 'GET']);
  // The read-back shows null: written.
  api = scripted([ok(untracked), ok(untracked)]);
  out = await weeblyConnection(api, quiet).writeStock(write({ kind: 'unlimited' }));
  expect(out[0].status).toBe('written');
});

it('an answer without inventory is not proof: read back; a failed read-back is Transient', async () => {
  const api = scripted([
    ok(undefined),
    () => {
      throw new Transient('GET … failed with 503');
    },
  ]);
  const out = await weeblyConnection(api, quiet).writeStock(write({ kind: 'quantity', quantity: 2 }));
  expect((out[0] as any).error).toBeInstanceOf(Transient);
});

it('maps the documented 401 to AuthError', () => {
  expect(classifyWeeblyResponse({ status: doc('unauthorized').response!.status, headers: {}, data: undefined })?.error).toBeInstanceOf(
    AuthError,
  );
});

it('follows a redirect only to the API origin and only when the call can be identical (no query dropped)', () => {
  const moved = (location: string) => new Transient('PATCH … was answered with a redirect (301)', { status: 301, location });
  expect(redirectTarget(moved('https://api.weebly.com/v1/user/sites/2/store/products/12/skus/2'), 'https://api.weebly.com')).toBe(
    'https://api.weebly.com/v1/user/sites/2/store/products/12/skus/2',
  );
  expect(redirectTarget(moved('https://evil.example/v1/x'), 'https://api.weebly.com')).toBeUndefined();
  expect(redirectTarget(moved('https://api.weebly.com/v1/x?…'), 'https://api.weebly.com')).toBeUndefined();
  expect(redirectTarget(new Transient('GET … failed with 503', { status: 503 }), 'https://api.weebly.com')).toBeUndefined();
});
