import { createHttpClient, type HttpRequest } from '../src';
import { startScriptedServer, type ScriptedServer } from './helpers/scripted-server';

const policy = { requestsPerSecond: 100, burst: 100 };

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(async () => {
  await server.close();
});

describe('per-attempt signing hook (extend({ sign }))', () => {
  it('signs every attempt afresh: a retry carries a new timestamp and signature', async () => {
    server.script([{ status: 503 }, { status: 429, headers: { 'Retry-After': '0' } }, { status: 200, body: { ok: true } }]);
    let clock = 1000;
    const seen: HttpRequest[] = [];
    const c = createHttpClient({ rateLimit: policy, baseDelayMs: 5, maxDelayMs: 10 }).extend({
      baseURL: server.baseUrl,
      sign: (req) => {
        seen.push(req);
        const timestamp = String(clock++);
        return { ...req, params: { ...req.params, timestamp, sign: `sig-${req.url}-${timestamp}` } };
      },
    });
    const res = await c.request({ method: 'POST', url: '/inventory', params: { app: 'k' }, body: '{"a":1}', idempotent: true });
    expect(res.status).toBe(200);
    expect(server.received.map((r) => r.url)).toEqual([
      '/inventory?app=k&timestamp=1000&sign=sig-%2Finventory-1000',
      '/inventory?app=k&timestamp=1001&sign=sig-%2Finventory-1001',
      '/inventory?app=k&timestamp=1002&sign=sig-%2Finventory-1002',
    ]);
    // The signer always sees the request as the plugin made it, never a previous attempt's signature.
    expect(seen.every((r) => r.params && !('sign' in r.params))).toBe(true);
    expect(server.received.every((r) => r.body === '{"a":1}')).toBe(true);
  });

  it("runs a parent's signer before the child's and can set headers", async () => {
    const order: string[] = [];
    const c = createHttpClient({ rateLimit: policy })
      .extend({
        baseURL: server.baseUrl,
        sign: (req) => (order.push('parent'), { ...req, headers: { ...req.headers, 'x-step': 'parent' } }),
      })
      .extend({
        sign: (req) => (order.push('child'), { ...req, headers: { ...req.headers, 'x-step': `${req.headers?.['x-step']}+child` } }),
      });
    await c.request({ method: 'GET', url: '/x' });
    expect(order).toEqual(['parent', 'child']);
    expect(server.received[0].headers['x-step']).toBe('parent+child');
  });

  it('leaves requests of clients without a signer untouched', async () => {
    const c = createHttpClient({ rateLimit: policy }).extend({ baseURL: server.baseUrl });
    await c.request({ method: 'GET', url: '/plain', params: { a: 1 } });
    expect(server.received[0].url).toBe('/plain?a=1');
  });
});
