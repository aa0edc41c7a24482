import { AuthError, createHttpClient, RateLimited } from '@stock-sync/plugin-sdk';
import { startSimulator, type RunningSimulator } from '../src';
import { TINY_TOKEN, tinyshopSimulator, type TinyState } from './fixtures/tinyshop/simulator';

let sim: RunningSimulator<TinyState>;
beforeEach(async () => {
  sim = await startSimulator(tinyshopSimulator);
  sim.seed([{ productId: 'p1', variants: [{ variantId: 'v1' }, { variantId: 'v2', initial: { kind: 'quantity', quantity: 4 } }] }]);
});
afterEach(() => sim.close());

const auth = { 'x-tiny-token': TINY_TOKEN, 'content-type': 'application/json' };

async function call(path: string, init: RequestInit = {}) {
  const res = await fetch(sim.baseUrl + path, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

describe('startSimulator', () => {
  it('listens on loopback with credentials carrying its baseUrl', () => {
    expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.credentials).toEqual({ baseUrl: sim.baseUrl, token: TINY_TOKEN, shopName: 'fixture-shop' });
  });

  it('routes with params, answers platform calls and logs them', async () => {
    const r = await call('/api/products/p1/variants/v2');
    expect(r).toMatchObject({ status: 200, body: { variant_id: 'v2', tracking: true, quantity: 4 } });
    expect(r.headers.get('x-tiny-budget')).toBe('9/10');
    expect((await call('/api/nothing')).status).toBe(404);
    expect((await call('/api/shop', { method: 'DELETE' })).status).toBe(405);
    expect(sim.requests.map((x) => `${x.method} ${x.path} ${x.status}`)).toEqual([
      'GET /api/products/p1/variants/v2 200',
      'GET /api/nothing 404',
      'DELETE /api/shop 405',
    ]);
    sim.resetRequests();
    expect(sim.requests).toHaveLength(0);
  });

  it('parses JSON, form and raw bodies and repeated query params', async () => {
    const json = await call('/api/echo?a=1&a=2&b=x', { method: 'POST', body: JSON.stringify({ n: 1 }) });
    expect(json.body).toEqual({ body: { n: 1 }, query: { a: ['1', '2'], b: 'x' }, params: {} });
    const form = await call('/api/echo', {
      method: 'POST',
      body: 'q=5&name=a+b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.body.body).toEqual({ q: '5', name: 'a b' });
    const raw = await call('/api/echo', { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(raw.body.body).toBe('hello');
  });

  it('checks auth the platform way, and revocation', async () => {
    expect((await call('/api/shop', { headers: { 'x-tiny-token': 'wrong' } })).status).toBe(401);
    sim.faults.revokeCredentials();
    expect((await call('/api/shop')).status).toBe(401);
    sim.faults.restoreCredentials();
    expect((await call('/api/shop')).status).toBe(200);
  });

  it("enforces the platform's budget with its throttled answer", async () => {
    // A frozen clock: the bucket never refills, so the count is exact however slow the machine is.
    await sim.close();
    sim = await startSimulator(tinyshopSimulator, { now: () => 1_000_000 });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await call('/api/shop')).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429, 429]);
    const last = await call('/api/shop');
    expect(last.status).toBe(429);
    // 1 token short at 5/s → 0.2 s, rounded up to whole seconds.
    expect(last.headers.get('retry-after')).toBe('1');
  });

  it('injects throttles, server errors and delays, counting them down', async () => {
    sim.faults.rateLimit(2, 3);
    sim.faults.serverError(1, 502);
    const a = await call('/api/shop');
    expect(a.status).toBe(429);
    expect(a.headers.get('retry-after')).toBe('3');
    expect((await call('/api/shop')).status).toBe(429);
    expect((await call('/api/shop')).status).toBe(502);
    expect((await call('/api/shop')).status).toBe(200);
    sim.faults.delay(300, 1);
    const t0 = Date.now();
    expect((await call('/api/shop')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
  });

  it('exposes /__sim inspection routes without platform auth', async () => {
    const noAuth = (path: string, init: RequestInit = {}) =>
      fetch(sim.baseUrl + path, { ...init, headers: { 'content-type': 'application/json' } }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as any,
      }));
    expect((await noAuth('/__sim/stock')).body).toEqual({
      variants: [
        { productId: 'p1', variantId: 'v1', stock: { kind: 'unlimited' } },
        { productId: 'p1', variantId: 'v2', stock: { kind: 'quantity', quantity: 4 } },
      ],
    });
    expect(
      (
        await noAuth('/__sim/seed', {
          method: 'POST',
          body: JSON.stringify({ products: [{ productId: 'p2', variants: [{ variantId: 'w1', initial: { kind: 'out_of_stock' } }] }] }),
        })
      ).body,
    ).toEqual({ seeded: 1 });
    expect(sim.stock({ externalProductId: 'p2', externalVariantId: 'w1' })).toEqual({ kind: 'out_of_stock' });
    await noAuth('/__sim/manual-edit', {
      method: 'POST',
      body: JSON.stringify({ ref: { externalProductId: 'p1', externalVariantId: 'v1' }, to: { kind: 'quantity', quantity: 2 } }),
    });
    expect(sim.stock({ externalProductId: 'p1', externalVariantId: 'v1' })).toEqual({ kind: 'quantity', quantity: 2 });
    await noAuth('/__sim/faults', {
      method: 'POST',
      body: JSON.stringify({
        deleteVariant: { externalProductId: 'p1', externalVariantId: 'v2' },
        revoke: true,
        serverError: { count: 1 },
      }),
    });
    expect(sim.stock({ externalProductId: 'p1', externalVariantId: 'v2' })).toBe('deleted');
    const f = await noAuth('/__sim/faults');
    expect(f.body.faults).toMatchObject({ revoked: true, serverError: { remaining: 1, status: 503 } });
    expect(
      (await noAuth('/__sim/faults', { method: 'POST', body: JSON.stringify({ serverError: { count: 1, status: 418 } }) })).status,
    ).toBe(400);
    expect((await noAuth('/__sim/seed', { method: 'POST', body: JSON.stringify({ products: 'x' }) })).status).toBe(400);
    await call('/api/shop');
    const reqs = await noAuth('/__sim/requests');
    expect(reqs.body).toEqual({ total: 1, requests: [expect.objectContaining({ method: 'GET', path: '/api/shop', status: 503 })] });
    await noAuth('/__sim/faults', { method: 'POST', body: JSON.stringify({ clear: true }) });
    expect((await call('/api/shop')).status).toBe(200);
    expect((await noAuth('/__sim/info')).body).toMatchObject({ id: 'tinyshop', baseUrl: sim.baseUrl });
  });

  it('runs a handler error as a 500, not a crash', async () => {
    const s = await startSimulator({
      ...tinyshopSimulator,
      routes: [
        {
          method: 'GET',
          path: '/boom',
          handle: () => {
            throw new Error('kaput');
          },
        },
      ],
    });
    try {
      const r = await fetch(`${s.baseUrl}/boom`, { headers: auth });
      expect(r.status).toBe(500);
    } finally {
      await s.close();
    }
  });
});

describe('the SDK client against a simulator', () => {
  function client() {
    return createHttpClient({ rateLimit: { requestsPerSecond: 5, burst: 10 }, secrets: [TINY_TOKEN] }).extend({
      baseURL: sim.baseUrl,
      headers: { 'X-Tiny-Token': TINY_TOKEN },
    });
  }

  it('Retry-After: 2 makes the client wait about that long and send nothing in between', async () => {
    sim.faults.rateLimit(1, 2);
    const res = await client().request({ method: 'GET', url: '/api/shop' });
    expect(res.status).toBe(200);
    expect(sim.requests.map((r) => r.status)).toEqual([429, 200]);
    const waited = sim.requests[1].at - sim.requests[0].at;
    expect(waited).toBeGreaterThanOrEqual(1900);
  });

  it('a revoked token surfaces as AuthError with no secret in it', async () => {
    sim.faults.revokeCredentials();
    const err = await client()
      .request({ method: 'GET', url: `/api/shop?token=${TINY_TOKEN}` })
      .catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(JSON.stringify(err) + err.message + err.stack).not.toContain(TINY_TOKEN);
  });

  it('a long Retry-After is surfaced as RateLimited, not slept through', async () => {
    sim.faults.rateLimit(1, 90);
    const err = await createHttpClient({ rateLimit: { requestsPerSecond: 5, burst: 10 }, maxRetryAfterMs: 10_000 })
      .extend({ baseURL: sim.baseUrl, headers: { 'X-Tiny-Token': TINY_TOKEN } })
      .request({ method: 'GET', url: '/api/shop' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(RateLimited);
    expect(err.retryAfterMs).toBe(90_000);
    expect(sim.requests).toHaveLength(1);
  });
});
