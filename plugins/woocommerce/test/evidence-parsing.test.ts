/**
 * The plugin's own parsing over WooCommerce's documented answers (test/evidence), replayed by a bare
 * loopback server through the real SDK client: no simulator involved. Each test names its evidence.
 */
import { join } from 'node:path';
import { AuthError, NotFound, Rejected } from '@stock-sync/plugin-api';
import { evidenceIn, loadEvidenceDir, useReplayConnection } from '@stock-sync/plugin-testkit/evidence';
import { plugin } from '../src';
import { fromVariationStock } from '../src/stock-mapping';

const { dir, response } = evidenceIn(join(__dirname, 'evidence'));

const replay = useReplayConnection(plugin, {
  siteUrl: 'https://shop.example.com',
  consumerKey: 'ck_fake_evidence',
  consumerSecret: 'cs_fake_evidence',
});
const connectTo = (...names: string[]) => replay.connectTo(names.map(response));

const ref = (p: string, v: string) => ({ externalProductId: p, externalVariantId: v });

it('every evidence file names a public source and a date, and shows a response', () => {
  const all = loadEvidenceDir(dir);
  expect(all.map((e) => e.name)).toEqual(
    expect.arrayContaining([
      'variations-list',
      'variations-batch-update',
      'products-batch-empty',
      'batch-item-invalid-id',
      'batch-too-large',
      'error-no-route',
      'error-resource-missing',
      'error-secret-invalid',
    ]),
  );
  for (const e of all) expect(e.response).toBeDefined();
});

it('reads the documented variation list: untracked + instock is unlimited (variations-list)', async () => {
  const c = await connectTo('variations-list');
  const out = await c.readStock([ref('22', '733')]);
  expect(out).toEqual([{ ...ref('22', '733'), status: 'found', stock: { kind: 'unlimited' } }]);
  // The request the plugin made is the documented list call, with documented parameters only.
  const r = replay.requests[0];
  expect(r.method).toBe('GET');
  expect(r.path).toBe('/wp-json/wc/v3/products/22/variations');
  expect(r.query.get('include')).toBe('733');
  expect(Number(r.query.get('per_page'))).toBeLessThanOrEqual(100);
});

it('a variation the documented list does not contain is NotFound (variations-list)', async () => {
  const c = await connectTo('variations-list');
  const [o] = await c.readStock([ref('22', '734')]);
  expect(o.status).toBe('failed');
  expect(o.status === 'failed' && o.error).toBeInstanceOf(NotFound);
});

it('maps each documented stock form of the variation object (variations-list fields)', () => {
  const v = response('variations-list').body as Array<Record<string, unknown>>;
  const base = v[0] as Parameters<typeof fromVariationStock>[0];
  expect(fromVariationStock(base)).toEqual({ kind: 'unlimited' });
  expect(fromVariationStock({ ...base, stock_status: 'outofstock' })).toEqual({ kind: 'out_of_stock' });
  expect(fromVariationStock({ ...base, stock_status: 'onbackorder' })).toEqual({ kind: 'unlimited' });
  expect(fromVariationStock({ ...base, manage_stock: true, stock_quantity: 7, stock_status: 'instock' })).toEqual({
    kind: 'quantity',
    quantity: 7,
  });
});

it('a documented batch echo that matches the target is written (variations-batch-update)', async () => {
  const c = await connectTo('variations-batch-update');
  const [o] = await c.writeStock([{ ...ref('22', '733'), target: { kind: 'unlimited' } }]);
  expect(o.status).toBe('written');
  const r = replay.requests[0];
  expect(r.method).toBe('POST');
  expect(r.path).toBe('/wp-json/wc/v3/products/22/variations/batch');
  expect(JSON.parse(r.body)).toEqual({ update: [{ id: 733, manage_stock: false, stock_status: 'instock' }] });
});

it('a documented batch echo that differs from the target is never recorded as written (variations-batch-update)', async () => {
  const c = await connectTo('variations-batch-update');
  const [o] = await c.writeStock([{ ...ref('22', '733'), target: { kind: 'quantity', quantity: 5 } }]);
  expect(o.status).toBe('failed');
  expect(o.status === 'failed' && o.error).toBeInstanceOf(Rejected);
});

it('a per-item invalid_id error inside the 200 is NotFound for that variation (batch-item-invalid-id)', async () => {
  const c = await connectTo('batch-item-invalid-id');
  const [o] = await c.writeStock([{ ...ref('22', '999999'), target: { kind: 'quantity', quantity: 5 } }]);
  expect(o.status === 'failed' && o.error).toBeInstanceOf(NotFound);
});

it('a 413 over the batch limit makes the plugin halve the batch, never record it written (batch-too-large)', async () => {
  // Every answer is the documented 413: halving down to one item, each still refused.
  const c = await connectTo('batch-too-large');
  const out = await c.writeStock([
    { ...ref('22', '1'), target: { kind: 'out_of_stock' } },
    { ...ref('22', '2'), target: { kind: 'out_of_stock' } },
  ]);
  expect(out.every((o) => o.status === 'failed' && o.error instanceof Rejected)).toBe(true);
  expect(replay.requests.length).toBe(3);
});

it('verify accepts the documented empty-batch answer [] (products-batch-empty)', async () => {
  const c = await connectTo('products-batch-empty');
  await expect(c.verify()).resolves.toBeUndefined();
  expect(replay.requests[0]).toMatchObject({ method: 'POST', path: '/wp-json/wc/v3/products/batch' });
});

it('verify turns the documented 401 into AuthError with WooCommerce code, no secret (error-secret-invalid)', async () => {
  const c = await connectTo('error-secret-invalid');
  const err = await c.verify().then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  expect(err).toBeInstanceOf(AuthError);
  expect(err!.message).toContain('woocommerce_rest_authentication_error');
  expect(err!.message).not.toContain('cs_fake_evidence');
});

it('a whole-call 404 (rest_no_route, woocommerce_rest_term_invalid) is Rejected, not NotFound per variant', async () => {
  for (const name of ['error-no-route', 'error-resource-missing']) {
    const c = await connectTo(name);
    const [read] = await c.readStock([ref('22', '733')]);
    expect(read.status === 'failed' && read.error).toBeInstanceOf(Rejected);
    const [write] = await c.writeStock([{ ...ref('22', '733'), target: { kind: 'unlimited' } }]);
    expect(write.status === 'failed' && write.error).toBeInstanceOf(Rejected);
  }
});
