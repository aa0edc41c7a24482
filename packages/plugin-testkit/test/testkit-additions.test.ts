// The additions for platforms without Retry-After and for quirk tests that change one route.
import { injectConcurrentEdit, startSimulator, wrapRoute, type RunningSimulator } from '../src';
import { contractScenarios } from './support/scenario-runner';
import { tinyshopPlugin } from './fixtures/tinyshop/plugin';
import { TINY_TOKEN, tinyshopSimulator, type TinyState } from './fixtures/tinyshop/simulator';

const auth = { 'x-tiny-token': TINY_TOKEN, 'content-type': 'application/json' };
const seed = [
  { productId: 'p1', variants: [{ variantId: 'v1' }, { variantId: 'v2', initial: { kind: 'quantity' as const, quantity: 4 } }] },
];

let sim: RunningSimulator<TinyState> | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function call(path: string) {
  const res = await fetch(sim!.baseUrl + path, { headers: auth });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

describe('throttling without Retry-After', () => {
  it('strips the header from the platform’s throttled answer when asked, programmatically and over /__sim/faults', async () => {
    sim = await startSimulator(tinyshopSimulator);
    sim.faults.rateLimit(1, 3, { retryAfterHeader: false });
    const silent = await call('/api/shop');
    expect(silent.status).toBe(429);
    expect(silent.headers.get('retry-after')).toBeNull();

    await fetch(`${sim.baseUrl}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rateLimit: { count: 1, retryAfterSeconds: 3, retryAfterHeader: false } }),
    });
    expect((await call('/api/shop')).headers.get('retry-after')).toBeNull();

    sim.faults.rateLimit(1, 3);
    expect((await call('/api/shop')).headers.get('retry-after')).toBe('3');
  });

  const storm = contractScenarios['survives a 429 storm: everything written, the client waited at least Retry-After'];
  const fast = { baseDelayMs: 20, maxDelayMs: 100 };

  it('the storm holds the client to the documented wait (the SDK default 1 s here) and passes', async () => {
    await storm({ plugin: tinyshopPlugin, simulator: tinyshopSimulator, clientOptions: fast, throttleWithoutRetryAfter: { waitMs: 1000 } });
  });

  it('fails a client that retries sooner than a documented wait it can sleep through', async () => {
    await expect(
      storm({ plugin: tinyshopPlugin, simulator: tinyshopSimulator, clientOptions: fast, throttleWithoutRetryAfter: { waitMs: 5000 } }),
    ).rejects.toThrow(/documented wait of 5000 ms \(no Retry-After\) \(hammering\)/);
  });

  it('a wait longer than the client sleeps through must end in RateLimited, not retries', async () => {
    // The client maps a 429 without Retry-After to its default wait: 45 s here, beyond maxRetryAfterMs.
    await storm({
      plugin: tinyshopPlugin,
      simulator: tinyshopSimulator,
      clientOptions: { ...fast, defaultRateLimitMs: 45_000 },
      throttleWithoutRetryAfter: { waitMs: 45_000 },
    });
    const longer = { ...fast, defaultRateLimitMs: 2_000, maxRetryAfterMs: 1_000 };
    // A documented wait of 45 s but a client that gives up with RateLimited(2 s): caught.
    await expect(
      storm({ plugin: tinyshopPlugin, simulator: tinyshopSimulator, clientOptions: longer, throttleWithoutRetryAfter: { waitMs: 45_000 } }),
    ).rejects.toThrow(/RateLimited\(2000 ms\), shorter than the documented wait/);
  });
});

describe('wrapRoute / injectConcurrentEdit', () => {
  it('wraps only the selected route and keeps the others', async () => {
    const strict = wrapRoute(tinyshopSimulator, { method: 'GET', path: '/api/shop' }, (original) => async (req, ctx) => {
      const res = await original(req, ctx);
      return { ...res, headers: { ...res.headers, 'x-wrapped': 'yes' } };
    });
    expect(tinyshopSimulator.routes).not.toBe(strict.routes);
    sim = await startSimulator(strict);
    sim.seed(seed);
    expect((await call('/api/shop')).headers.get('x-wrapped')).toBe('yes');
    const other = await call('/api/products/p1/variants/v2');
    expect(other.status).toBe(200);
    expect(other.headers.get('x-wrapped')).toBeNull();
  });

  it('refuses a selector that matches nothing', () => {
    expect(() => wrapRoute(tinyshopSimulator, { path: '/api/renamed' }, (o) => o)).toThrow(
      /no route of tinyshop matches \* \/api\/renamed/,
    );
  });

  it('lands a concurrent edit after the selected answers, the given number of times', async () => {
    const racing = injectConcurrentEdit(
      tinyshopSimulator,
      { method: 'GET', path: '/api/products/:productId/variants/:variantId' },
      (ctx) => {
        ctx.state.products.get('p1')!.get('v2')!.quantity += 1;
      },
      { times: 2 },
    );
    sim = await startSimulator(racing);
    sim.seed(seed);
    const quantities: number[] = [];
    for (let i = 0; i < 4; i++) quantities.push((await call('/api/products/p1/variants/v2')).body.quantity);
    // Each answer shows the state before its edit; only two edits happen.
    expect(quantities).toEqual([4, 5, 6, 6]);
  });

  it("'before' edits ahead of the answer", async () => {
    const racing = injectConcurrentEdit(
      tinyshopSimulator,
      (r) => r.method === 'GET' && r.path.includes(':variantId'),
      (ctx) => {
        ctx.state.products.get('p1')!.get('v2')!.quantity = 9;
      },
      { when: 'before' },
    );
    sim = await startSimulator(racing);
    sim.seed(seed);
    expect((await call('/api/products/p1/variants/v2')).body.quantity).toBe(9);
  });
});
