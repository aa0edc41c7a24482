import { AuthError, createHttpClient, NotFound, RateLimited, Rejected, Transient, type DetailedHttpClientStats } from '../src';
import { recordingLogger, startScriptedServer, type ScriptedServer } from './helpers/scripted-server';

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

describe('createHttpClient', () => {
  it('joins baseURL and params, sends headers, returns lower-cased headers and parsed JSON', async () => {
    server.script([{ status: 200, headers: { 'X-Thing': 'yes' }, body: { items: [1, 2] } }]);
    const res = await client().request<{ items: number[] }>({ method: 'GET', url: '/products', params: { page: 2, skip: undefined } });
    expect(res.status).toBe(200);
    expect(res.data.items).toEqual([1, 2]);
    expect(res.headers['x-thing']).toBe('yes');
    expect(server.received[0].url).toBe('/api/v1/products?page=2');
    expect(server.received[0].headers['x-access-token']).toBe(TOKEN);
  });

  it('surfaces a Retry-After longer than maxRetryAfterMs as RateLimited, then refuses to send until it passes', async () => {
    server.script([{ status: 429, headers: { 'Retry-After': '120' } }]);
    const c = client({ maxRetryAfterMs: 5_000 });
    const err = await c.request({ method: 'GET', url: '/x' }).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimited);
    expect(err.retryAfterMs).toBe(120_000);
    const again = await c.request({ method: 'GET', url: '/y' }).catch((e) => e);
    expect(again).toBeInstanceOf(RateLimited);
    expect(again.retryAfterMs).toBeGreaterThan(100_000);
    expect(server.received).toHaveLength(1);
  });

  it('retries 5xx on GET and then succeeds', async () => {
    server.script([{ status: 503 }, { status: 502 }, { status: 200, body: { ok: 1 } }]);
    const c = client();
    const res = await c.request({ method: 'GET', url: '/x' });
    expect(res.data).toEqual({ ok: 1 });
    expect(server.received).toHaveLength(3);
    expect(c.stats.retries).toBe(2);
  });

  it('gives up with Transient after maxAttempts', async () => {
    server.script([{ status: 500, body: { error: 'boom' } }]);
    const c = client({ maxAttempts: 3 });
    const err = await c.request({ method: 'PUT', url: '/x', idempotent: true, body: { a: 1 } }).catch((e) => e);
    expect(err).toBeInstanceOf(Transient);
    expect(err.details).toMatchObject({ status: 500, body: '{"error":"boom"}' });
    expect(server.received).toHaveLength(3);
    expect((c.stats as DetailedHttpClientStats).failures).toBe(1);
  });

  it('does not retry a non-idempotent POST on 5xx', async () => {
    server.script([{ status: 500 }, { status: 200 }]);
    const err = await client()
      .request({ method: 'POST', url: '/orders', body: { a: 1 } })
      .catch((e) => e);
    expect(err).toBeInstanceOf(Transient);
    expect(server.received).toHaveLength(1);
  });

  it('does resend a POST answered 429 (the platform did not act on it)', async () => {
    server.script([{ status: 429, headers: { 'Retry-After': '0' } }, { status: 201 }]);
    const res = await client().request({ method: 'POST', url: '/orders', body: { a: 1 } });
    expect(res.status).toBe(201);
    expect(server.received).toHaveLength(2);
  });

  it('maps 401 to AuthError with no secret anywhere in the serialized error', async () => {
    server.script([{ status: 401, body: { errors: `Invalid API key or access token (unrecognized login or wrong password): ${TOKEN}` } }]);
    const err = await client()
      .request({ method: 'GET', url: `/shop?access_token=${TOKEN}&api_key=${TOKEN}` })
      .catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    const serialized = JSON.stringify(err) + err.message + String(err.stack) + JSON.stringify(err.details);
    expect(serialized).not.toContain(TOKEN);
    expect(serialized).toContain('[REDACTED]');
    expect(server.received).toHaveLength(1);
  });

  it('maps 404 → NotFound, 422 → Rejected, not retried', async () => {
    server.script([{ status: 404 }]);
    await expect(client().request({ method: 'GET', url: '/x' })).rejects.toBeInstanceOf(NotFound);
    server.script([{ status: 422, body: { message: 'bad quantity' } }]);
    const err = await client()
      .request({ method: 'PUT', url: '/x', idempotent: true })
      .catch((e) => e);
    expect(err).toBeInstanceOf(Rejected);
    expect(err.details.body).toContain('bad quantity');
    expect(server.received).toHaveLength(2);
  });

  it('maps a refused connection to Transient', async () => {
    const url = server.baseUrl;
    await server.close();
    const c = createHttpClient({ rateLimit: policy, maxAttempts: 2, baseDelayMs: 5 });
    const err = await c.request({ method: 'GET', url: `${url}/x` }).catch((e) => e);
    expect(err).toBeInstanceOf(Transient);
    expect(c.stats.requests).toBe(2);
    server = await startScriptedServer(); // for afterEach
  });

  it('scrubs secrets from classifier errors', async () => {
    server.script([{ status: 200, body: {} }]);
    const c = client().extend({ classify: () => ({ error: new Rejected(`token ${TOKEN} not allowed`, { token: TOKEN }) }) });
    const err = await c.request({ method: 'GET', url: '/x' }).catch((e) => e);
    expect(err).toBeInstanceOf(Rejected);
    expect(JSON.stringify(err) + err.message).not.toContain(TOKEN);
  });

  it('redacts secrets and credential headers from every log line', async () => {
    const { lines, log } = recordingLogger();
    server.script([{ status: 503 }, { status: 401, body: { error: `bad token ${TOKEN}` } }]);
    const c = client({ log });
    await c.request({ method: 'GET', url: `/x?token=${TOKEN}`, headers: { Authorization: `Bearer ${TOKEN}` } }).catch(() => undefined);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(line).not.toContain(TOKEN);
    expect(lines.join('\n')).toContain('"Authorization":"[REDACTED]"');
  });

  it('extend() shares stats and the rate budget with its parent', async () => {
    const parent = createHttpClient({ rateLimit: policy });
    const child = parent.extend({ baseURL: server.baseUrl });
    await child.request({ method: 'GET', url: '/x' });
    expect(parent.stats.requests).toBe(1);
  });
});
