/** The plugin against the Webflow simulator over real HTTP: forms written, fewest calls, quirks. */
import { AuthError, OUT_OF_STOCK as O, quantity as Q, RateLimited, Rejected, UNLIMITED as U } from '@stock-sync/plugin-api';
import { declaredSignalsPauseMs } from '@stock-sync/plugin-sdk';
import type { StockWrite } from '@stock-sync/plugin-api';
import { manifest } from '../src/manifest';
import { classifyWebflowResponse } from '../src/webflow-api';
import { SANDBOX_SKU_COLLECTION_ID } from '../src/simulator';
import { refsOfProduct as refsOf } from '@stock-sync/plugin-testkit/fixtures';
import { connect, product, startWebflowSimulator, type WebflowSim } from './support/site';

let sim: WebflowSim;
beforeEach(async () => {
  sim = await startWebflowSimulator();
});
afterEach(async () => {
  await sim.close();
});

const paths = () => sim.requests.map((r) => `${r.method} ${r.path.replace(/^\/v2/, '')}`);

it("writes Webflow's own forms: infinite, finite 0, finite N — and reads them back", async () => {
  const p = product('prod-1', 1, 3, Q(5));
  sim.seed([p]);
  const [a, b, c] = refsOf(p);
  const conn = connect(sim);
  const targets = [U, O, Q(7)];
  const out = await conn.writeStock([a, b, c].map((ref, i) => ({ ...ref, target: targets[i] })));
  expect(out.map((o) => o.status)).toEqual(['written', 'written', 'written']);
  const sku = (r: typeof a) => sim.state.skus.get(r.externalVariantId)!;
  expect(sku(a)).toMatchObject({ inventoryType: 'infinite' });
  expect(sku(b)).toMatchObject({ inventoryType: 'finite', quantity: 0 });
  expect(sku(c)).toMatchObject({ inventoryType: 'finite', quantity: 7 });
  const read = await conn.readStock([a, b, c]);
  expect(read.map((r) => (r.status === 'found' ? r.stock : r.status))).toEqual(targets);
});

it('looks the SKU collection up once per connection, then one PATCH per SKU; none for writes in place', async () => {
  const p = product('prod-1', 1, 4, O);
  sim.seed([p]);
  const refs = refsOf(p);
  const conn = connect(sim);
  const changes: StockWrite[] = [
    { ...refs[0], target: U, previous: O },
    { ...refs[1], target: O, previous: O }, // in place: no call
    { ...refs[2], target: Q(3), previous: O },
    { ...refs[2], target: Q(4), previous: O }, // the same SKU again: the last wins, one call
  ];
  const out = await conn.writeStock(changes);
  expect(out.map((o) => o.status)).toEqual(['written', 'written', 'written', 'written']);
  expect(sim.stock(refs[2])).toEqual(Q(4));
  await conn.writeStock([{ ...refs[3], target: U }]);
  expect(paths()).toEqual([
    `GET /sites/${sim.credentials.siteId}/collections`,
    `PATCH /collections/${SANDBOX_SKU_COLLECTION_ID}/items/${refs[0].externalVariantId}/inventory`,
    `PATCH /collections/${SANDBOX_SKU_COLLECTION_ID}/items/${refs[2].externalVariantId}/inventory`,
    `PATCH /collections/${SANDBOX_SKU_COLLECTION_ID}/items/${refs[3].externalVariantId}/inventory`,
  ]);
});

it('with skuCollectionId configured makes no look-up; a wrong one is an AuthError for every change, not NotFound', async () => {
  const p = product('prod-1', 1, 2);
  sim.seed([p]);
  const ok = await connect(sim, { skuCollectionId: SANDBOX_SKU_COLLECTION_ID }).writeStock(refsOf(p).map((r) => ({ ...r, target: O })));
  expect(ok.every((o) => o.status === 'written')).toBe(true);
  expect(paths().every((x) => x.startsWith('PATCH'))).toBe(true);

  const wrong = await connect(sim, { skuCollectionId: 'ffffffffffffffffffffffff' }).writeStock(refsOf(p).map((r) => ({ ...r, target: U })));
  expect(wrong.map((o) => (o.status === 'failed' ? o.error.name : o.status))).toEqual(['AuthError', 'AuthError']);
});

it('a site without ecommerce: verify and writes are Rejected with the reason, after one call', async () => {
  const p = product('prod-1', 1, 3);
  sim.seed([p]);
  sim.state.ecommerceEnabled = false;
  const conn = connect(sim);
  await expect(conn.verify()).rejects.toBeInstanceOf(Rejected);
  sim.resetRequests();
  const out = await conn.writeStock(refsOf(p).map((r) => ({ ...r, target: O })));
  expect(out.every((o) => o.status === 'failed' && o.error instanceof Rejected)).toBe(true);
  expect(sim.requests).toHaveLength(1);
});

it('a 429 asking for ~60 s is not slept through: RateLimited for the rest, nothing more is sent', async () => {
  const p = product('prod-1', 1, 3);
  sim.seed([p]);
  const conn = connect(sim, { skuCollectionId: SANDBOX_SKU_COLLECTION_ID });
  sim.faults.rateLimit(1, 60);
  const out = await conn.writeStock(refsOf(p).map((r) => ({ ...r, target: O })));
  expect(out.every((o) => o.status === 'failed' && o.error instanceof RateLimited)).toBe(true);
  expect((out[0] as unknown as { error: RateLimited }).error.retryAfterMs).toBeGreaterThanOrEqual(60_000);
  expect(sim.requests).toHaveLength(1);
});

it('reads a deleted SKU as NotFound and keeps the others', async () => {
  const p = product('prod-1', 1, 2, Q(2));
  sim.seed([p]);
  sim.faults.deleteVariant(refsOf(p)[0]);
  const out = await connect(sim).readStock(refsOf(p));
  expect(out.map((o) => (o.status === 'failed' ? o.error.name : o.status))).toEqual(['NotFound', 'found']);
});

describe('classifier', () => {
  const res = (status: number, data: unknown = {}, headers: Record<string, string> = {}) => ({ status, headers, data });
  it('missing scopes (403) is an AuthError naming the code', () => {
    const v = classifyWebflowResponse(
      res(403, { code: 'missing_scopes', message: 'OAuthForbidden: You are missing the following scopes - ecommerce:write' }),
    );
    expect(v?.error).toBeInstanceOf(AuthError);
    expect(v?.error?.message).toContain('missing_scopes');
  });
  it('pauses a second when X-RateLimit-Remaining reaches 0 on a successful answer (declared in the manifest, read by the SDK client)', () => {
    const signals = manifest.rateLimit.signals!;
    expect(declaredSignalsPauseMs(res(200, {}, { 'x-ratelimit-remaining': '0' }), signals)).toBe(1000);
    expect(declaredSignalsPauseMs(res(200, {}, { 'x-ratelimit-remaining': '7' }), signals)).toBeUndefined();
    expect(classifyWebflowResponse(res(200, {}, { 'x-ratelimit-remaining': '0' }))).toBeUndefined();
  });
});
