// The client's rules that are about real time and real sockets: actual waits on the wall clock, socket
// timeouts. They run in `npm test`; the mutation run (tooling/mutate) skips *.real-timers.test.ts and
// relies on http-client-rules.test.ts, which pins the same rules on an injected clock.
import { createHttpClient, RateLimited, Transient } from '../src';
import { startScriptedServer, type ScriptedServer } from './helpers/scripted-server';

const TOKEN = 'shpat_test_0123456789abcdef';
const policy = { requestsPerSecond: 100, burst: 100 };

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(async () => {
  await server.close();
});

function client(extra: Partial<Parameters<typeof createHttpClient>[0]> = {}) {
  return createHttpClient({ rateLimit: policy, secrets: [TOKEN], baseDelayMs: 10, maxDelayMs: 50, ...extra }).extend({
    baseURL: server.baseUrl + '/api/v1',
    headers: { 'X-Access-Token': TOKEN },
  });
}

describe('createHttpClient on real timers', () => {
  it('waits at least Retry-After: 2 after a 429 and sends nothing in between (real timers)', async () => {
    server.script([
      { status: 429, headers: { 'Retry-After': '2' }, body: { error: 'slow down' } },
      { status: 200, body: { ok: true } },
    ]);
    const c = client();
    const res = await c.request({ method: 'GET', url: '/x' });
    expect(res.status).toBe(200);
    expect(server.received).toHaveLength(2);
    expect(server.received[1].at - server.received[0].at).toBeGreaterThanOrEqual(1900);
    expect(c.stats).toMatchObject({ requests: 2, retries: 1, throttled: 1 });
  });

  it('accepts Retry-After as an HTTP-date', async () => {
    const date = new Date(Date.now() + 2000).toUTCString();
    server.script([{ status: 429, headers: { 'Retry-After': date } }, { status: 200 }]);
    await client().request({ method: 'GET', url: '/x' });
    // HTTP-dates have one-second resolution: the retry may go at the named second, not before.
    expect(server.received[1].at).toBeGreaterThanOrEqual(Date.parse(date) - 50);
    expect(server.received[1].at - server.received[0].at).toBeGreaterThan(500);
  });

  it('holds other calls on the same store while the platform asked to wait', async () => {
    server.script([{ status: 429, headers: { 'Retry-After': '1' } }, { status: 200 }]);
    const c = client();
    const first = c.request({ method: 'GET', url: '/a' });
    await new Promise((r) => setTimeout(r, 100));
    const second = c.request({ method: 'GET', url: '/b' });
    await Promise.all([first, second]);
    expect(server.received).toHaveLength(3);
    for (const r of server.received.slice(1)) expect(r.at - server.received[0].at).toBeGreaterThanOrEqual(950);
  });

  it('times out slow answers as Transient and retries them', async () => {
    // Generous margins: the reference machine runs other packages' tests on its two cores meanwhile.
    server.script([
      { status: 200, delayMs: 6_000 },
      { status: 200, body: { fast: true } },
    ]);
    const res = await client({ timeoutMs: 1_500 }).request({ method: 'GET', url: '/x' });
    expect(res.data).toEqual({ fast: true });
    server.script([{ status: 200, delayMs: 3_000 }]);
    const err = await client({ timeoutMs: 100, maxAttempts: 1 })
      .request({ method: 'GET', url: '/x' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(Transient);
    expect(err.message).toMatch(/timed out after 100 ms/);
  });

  it("lets the plugin's classifier turn a 200 into a retryable throttle and pause the store", async () => {
    server.script([
      { status: 200, body: { errors: [{ extensions: { code: 'THROTTLED' } }] } },
      { status: 200, body: { data: { ok: true } } },
    ]);
    const c = client().extend({
      classify: (res) => {
        const body = res.data as { errors?: { extensions?: { code?: string } }[] };
        if (body.errors?.some((e) => e.extensions?.code === 'THROTTLED')) {
          return { error: new RateLimited(`throttled for ${TOKEN}`, 300) };
        }
        return undefined;
      },
    });
    const res = await c.request({ method: 'POST', url: '/graphql', body: { query: '{ shop { id } }' } });
    expect(res.data).toEqual({ data: { ok: true } });
    expect(server.received[1].at - server.received[0].at).toBeGreaterThanOrEqual(280);
    expect(c.stats.throttled).toBe(1);
  });

  it('pauses on declared platform headers of successful answers (Etsy x-remaining-this-second: 0)', async () => {
    server.script([{ status: 200, headers: { 'x-remaining-this-second': '0' } }, { status: 200 }]);
    const c = client({ rateLimit: { ...policy, signals: [{ remaining: 'x-remaining-this-second', pause: { ms: 1_000 } }] } });
    await c.request({ method: 'GET', url: '/a' });
    await c.request({ method: 'GET', url: '/b' });
    expect(server.received[1].at - server.received[0].at).toBeGreaterThanOrEqual(950);
  });
});
