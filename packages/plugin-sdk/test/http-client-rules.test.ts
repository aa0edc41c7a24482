// The HTTP client's rules (create-http-client.ts) on a virtual clock: which failures are sent again
// for which methods, how long each wait is, what a call is charged, what the logs and errors say.
// Real loopback sockets, no real waiting (sleep/now/random are injected); the few rules that need
// real timers are in http-client.test.ts.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createHttpClient,
  createRateLimiter,
  joinUrl,
  NotFound,
  RateLimited,
  Rejected,
  Transient,
  type CreateHttpClientOptions,
  type DetailedHttpClientStats,
  type RateLimiter,
} from '../src';
import { recordingLogger } from './helpers/scripted-server';

const START = Date.parse('2026-01-01T00:00:00Z');
const TOKEN = 'shpat_rules_0123456789';
const roomy = { requestsPerSecond: 1000, burst: 1000 };

/** Time that only moves when the client sleeps. */
function virtualTime() {
  let t = START;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += Math.max(0, ms);
    },
    sleeps,
    get t() {
      return t;
    },
  };
}
type Clock = ReturnType<typeof virtualTime>;

type Answer = { status: number; headers?: Record<string, string | string[]>; body?: unknown } | 'reset' | 'hang';
interface Seen {
  at: number;
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

/** A loopback server answering from a list (the last answer repeats), stamping each request with virtual time. */
async function serve(clock: Clock, answers: Answer[]) {
  const seen: Seen[] = [];
  const queue = [...answers];
  const server: Server = createServer((req, res) => {
    seen.push({ at: clock.t, method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => {
      const a = queue.length > 1 ? queue.shift()! : queue[0];
      if (a === 'reset') return void req.socket.destroy();
      if (a === 'hang') return; // never answers: the client's timeout fires
      const body = a.body === undefined ? '' : typeof a.body === 'string' ? a.body : JSON.stringify(a.body);
      res.writeHead(a.status, { 'content-type': 'application/json', ...(a.headers ?? {}) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/** Etsy's per-second budget header, declared as its manifest does. */
const ETSY_BUDGET = { requestsPerSecond: 1000, burst: 1000, signals: [{ remaining: 'x-remaining-this-second', pause: { ms: 1_000 } }] };

async function setup(answers: Answer[], options: Partial<CreateHttpClientOptions> = {}) {
  const clock = virtualTime();
  const server = await serve(clock, answers);
  servers.push(server);
  const { lines, log } = recordingLogger();
  const client = createHttpClient({
    rateLimit: roomy,
    secrets: [TOKEN],
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    maxAttempts: 3,
    random: () => 0.5,
    now: clock.now,
    sleep: clock.sleep,
    log,
    ...options,
  }).extend({ baseURL: `${server.url}/api`, headers: { 'X-Access-Token': TOKEN } });
  const stats = () => client.stats as DetailedHttpClientStats;
  return { clock, server, client, stats, lines };
}

/** A closed loopback port: connecting is refused before anything is sent. */
async function refusingUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return url;
}

describe('resend rules per method and failure', () => {
  it('a POST whose connection broke after it was sent is never sent again (it may have been applied)', async () => {
    const { client, server, stats } = await setup(['reset', { status: 201 }]);
    const err = await client.request({ method: 'POST', url: '/orders', body: { a: 1 } }).catch((e) => e);
    expect(err).toBeInstanceOf(Transient);
    expect(err.message).toMatch(/network error \(ECONNRESET\)/);
    expect(server.seen).toHaveLength(1);
    expect(stats()).toMatchObject({ requests: 1, retries: 0, failures: 1 });
  });

  it('a POST that timed out is never sent again either', async () => {
    // Long enough for the request to reach the server on a busy machine (it is real time: the socket's).
    const { client, server } = await setup(['hang', { status: 201 }], { timeoutMs: 1_000 });
    const err = await client.request({ method: 'POST', url: '/orders', body: { a: 1 } }).catch((e) => e);
    expect(err).toBeInstanceOf(Transient);
    expect(err.message).toMatch(/timed out after 1000 ms/);
    expect(server.seen).toHaveLength(1);
  });

  it('GET and writes marked idempotent are sent again after the same failure', async () => {
    for (const req of [
      { method: 'GET' as const, url: '/x' },
      { method: 'PUT' as const, url: '/x', idempotent: true, body: { q: 1 } },
      { method: 'POST' as const, url: '/x', idempotent: true, body: { q: 1 } },
    ]) {
      const { client, server, stats } = await setup(['reset', 'reset', { status: 200, body: { ok: true } }]);
      const res = await client.request(req);
      expect(res.data).toEqual({ ok: true });
      expect(server.seen).toHaveLength(3);
      expect(stats()).toMatchObject({ requests: 3, retries: 2, failures: 0 });
    }
  });

  it('counts every write attempt sent but never answered, even when a later attempt succeeded; GETs and refused connections are not counted', async () => {
    // The platform may still apply such an attempt after anything sent since: the host reads the store back.
    // A timeout long enough for the answered attempt on a busy machine (it is real time: the socket's).
    const retried = await setup(['hang', 'reset', { status: 200 }], { timeoutMs: 1_000 });
    await retried.client.request({ method: 'PUT', url: '/x', idempotent: true, body: { q: 1 } });
    expect(retried.stats()).toMatchObject({ requests: 3, retries: 2, failures: 0, unanswered: 2 });

    const once = await setup(['hang', { status: 201 }], { timeoutMs: 1_000 });
    await once.client.request({ method: 'POST', url: '/orders', body: { a: 1 } }).catch(() => undefined);
    expect(once.stats()).toMatchObject({ requests: 1, unanswered: 1 });

    const read = await setup(['hang', 'reset', { status: 200 }], { timeoutMs: 1_000 });
    await read.client.request({ method: 'GET', url: '/x' });
    expect(read.stats()).toMatchObject({ requests: 3, unanswered: 0 });

    const answered = await setup([{ status: 503 }, { status: 429 }, { status: 200 }]);
    await answered.client.request({ method: 'PUT', url: '/x', idempotent: true, body: { q: 1 } });
    expect(answered.stats()).toMatchObject({ requests: 3, unanswered: 0 });

    const clock = virtualTime();
    const refused = createHttpClient({ rateLimit: roomy, maxAttempts: 2, now: clock.now, sleep: clock.sleep });
    await refused.request({ method: 'POST', url: `${await refusingUrl()}/orders`, body: { a: 1 } }).catch(() => undefined);
    expect(refused.stats).toMatchObject({ requests: 2, unanswered: 0 });
  });

  it('a POST whose connection was refused (nothing sent) is sent again', async () => {
    const clock = virtualTime();
    const url = await refusingUrl();
    const c = createHttpClient({
      rateLimit: roomy,
      maxAttempts: 3,
      baseDelayMs: 100,
      random: () => 0.5,
      now: clock.now,
      sleep: clock.sleep,
    });
    const err = await c.request({ method: 'POST', url: `${url}/orders`, body: { a: 1 } }).catch((e) => e);
    expect(err).toBeInstanceOf(Transient);
    expect(err.message).toMatch(/network error \(ECONNREFUSED\)/);
    expect(c.stats).toMatchObject({ requests: 3, retries: 2 });
  });

  it('a POST answered 5xx is not sent again; answered 429 it is (the platform did not act on it)', async () => {
    const five = await setup([{ status: 503 }, { status: 201 }]);
    await expect(five.client.request({ method: 'POST', url: '/o', body: {} })).rejects.toBeInstanceOf(Transient);
    expect(five.server.seen).toHaveLength(1);
    const throttled = await setup([{ status: 429, headers: { 'retry-after': '1' } }, { status: 201 }]);
    expect((await throttled.client.request({ method: 'POST', url: '/o', body: {} })).status).toBe(201);
    expect(throttled.server.seen).toHaveLength(2);
  });

  it("a plugin's RateLimited verdict resends a POST; its Transient verdict does not", async () => {
    const limited = await setup([
      { status: 200, body: { throttled: true } },
      { status: 200, body: {} },
    ]);
    const classify = (err: () => Error) => (res: { data: unknown }) =>
      (res.data as { throttled?: boolean }).throttled ? { error: err() as never } : undefined;
    const res = await limited.client
      .extend({ classify: classify(() => new RateLimited('throttled', 300)) })
      .request({ method: 'POST', url: '/graphql', body: {} });
    expect(res.status).toBe(200);
    expect(limited.server.seen).toHaveLength(2);
    expect(limited.server.seen[1].at - limited.server.seen[0].at).toBeGreaterThanOrEqual(300);
    expect(limited.stats()).toMatchObject({ throttled: 1, retries: 1 });

    const transient = await setup([
      { status: 200, body: { throttled: true } },
      { status: 200, body: {} },
    ]);
    await expect(
      transient.client.extend({ classify: classify(() => new Transient('busy')) }).request({ method: 'POST', url: '/graphql', body: {} }),
    ).rejects.toBeInstanceOf(Transient);
    expect(transient.server.seen).toHaveLength(1);
  });

  it('answers that cannot get better are not sent again, even on GET', async () => {
    for (const [status, type] of [
      [404, NotFound],
      [422, Rejected],
    ] as const) {
      const { client, server, stats } = await setup([{ status }, { status: 200 }]);
      await expect(client.request({ method: 'GET', url: '/x' })).rejects.toBeInstanceOf(type);
      expect(server.seen).toHaveLength(1);
      expect(stats()).toMatchObject({ retries: 0, failures: 1 });
    }
  });

  it('gives up after maxAttempts tries (at least one)', async () => {
    const three = await setup([{ status: 503 }]);
    await expect(three.client.request({ method: 'GET', url: '/x' })).rejects.toBeInstanceOf(Transient);
    expect(three.server.seen).toHaveLength(3);
    const none = await setup([{ status: 503 }], { maxAttempts: 0 });
    await expect(none.client.request({ method: 'GET', url: '/x' })).rejects.toBeInstanceOf(Transient);
    expect(none.server.seen).toHaveLength(1);
  });
});

describe('waits between attempts', () => {
  it('after a 429 without Retry-After the wait doubles per attempt from defaultRateLimitMs', async () => {
    const { client, server, stats } = await setup([{ status: 429 }], { maxAttempts: 4, defaultRateLimitMs: 1_000, random: () => 0 });
    const err = await client.request({ method: 'GET', url: '/x' }).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimited);
    expect(err.retryAfterMs).toBe(8_000);
    const at = server.seen.map((s) => s.at - START);
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(1_000);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(2_000);
    expect(at[3] - at[2]).toBeGreaterThanOrEqual(4_000);
    expect(at[3] - at[2]).toBeLessThan(4_100);
    expect(stats()).toMatchObject({ requests: 4, retries: 3, throttled: 4, failures: 1, backoffMs: 7_000 });
  });

  it('after Retry-After: exactly that long plus a jitter below min(base, 250 ms)', async () => {
    const small = await setup([{ status: 429, headers: { 'retry-after': '2' } }, { status: 200 }], { baseDelayMs: 100, random: () => 0.5 });
    await small.client.request({ method: 'GET', url: '/x' });
    expect(small.stats().backoffMs).toBe(2_050);
    const large = await setup([{ status: 429, headers: { 'retry-after': '2' } }, { status: 200 }], {
      baseDelayMs: 1_000,
      random: () => 0.5,
    });
    await large.client.request({ method: 'GET', url: '/x' });
    expect(large.stats().backoffMs).toBe(2_125);
    expect(large.server.seen[1].at - large.server.seen[0].at).toBeGreaterThanOrEqual(2_000);
  });

  it('after a 5xx: capped exponential backoff with full jitter', async () => {
    const { client, clock, stats } = await setup([{ status: 503 }, { status: 502 }, { status: 200 }], {
      baseDelayMs: 100,
      maxDelayMs: 150,
      random: () => 0.5,
    });
    await client.request({ method: 'GET', url: '/x' });
    // attempt 1: 0.5 × 100; attempt 2: 0.5 × min(150, 200)
    expect(clock.sleeps.slice(0, 2)).toEqual([50, 75]);
    expect(stats().backoffMs).toBe(125);
  });

  it('the defaults: 5 tries, backoff from 500 ms, 1 s for a 429 without Retry-After', async () => {
    const clock = virtualTime();
    const server = await serve(clock, [{ status: 503 }]);
    servers.push(server);
    const c = createHttpClient({ rateLimit: roomy, random: () => 0.999_999, now: clock.now, sleep: clock.sleep });
    await expect(c.request({ method: 'GET', url: `${server.url}/x` })).rejects.toBeInstanceOf(Transient);
    expect(server.seen).toHaveLength(5);
    expect((c.stats as DetailedHttpClientStats).backoffMs).toBe(499 + 999 + 1_999 + 3_999);

    const capped = createHttpClient({ rateLimit: roomy, maxAttempts: 10, random: () => 0.999_999, now: clock.now, sleep: clock.sleep });
    await expect(capped.request({ method: 'GET', url: `${server.url}/x` })).rejects.toBeInstanceOf(Transient);
    expect(clock.sleeps.filter((ms) => ms >= 29_999)).toEqual([29_999, 29_999, 29_999]); // 500 × 2^6, 2^7, 2^8 capped at 30 s

    const throttled = await serve(clock, [{ status: 429 }]);
    servers.push(throttled);
    const once = createHttpClient({ rateLimit: roomy, maxAttempts: 1, now: clock.now, sleep: clock.sleep });
    const err = await once.request({ method: 'GET', url: `${throttled.url}/x` }).catch((e) => e);
    expect(err.retryAfterMs).toBe(1_000);
  });

  it('a Retry-After up to maxRetryAfterMs (default 30 s) is waited out; a longer one fails the call at once', async () => {
    const ok = await setup([{ status: 429, headers: { 'retry-after': '30' } }, { status: 200 }], { maxRetryAfterMs: undefined });
    expect((await ok.client.request({ method: 'GET', url: '/x' })).status).toBe(200);
    const tooLong = await setup([{ status: 429, headers: { 'retry-after': '31' } }, { status: 200 }], { maxRetryAfterMs: undefined });
    const err = await tooLong.client.request({ method: 'GET', url: '/x' }).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimited);
    expect(err.retryAfterMs).toBe(31_000);
    expect(tooLong.server.seen).toHaveLength(1);
  });

  it('while the store is paused longer than maxRetryAfterMs nothing is sent; a pause of exactly that is waited out', async () => {
    const clock = virtualTime();
    const shared = createRateLimiter(roomy, { now: clock.now, sleep: clock.sleep });
    const server = await serve(clock, [{ status: 200 }]);
    servers.push(server);
    const c = createHttpClient({ rateLimit: roomy, limiter: shared, maxRetryAfterMs: 5_000, now: clock.now, sleep: clock.sleep });
    shared.pause(5_001);
    const err = await c.request({ method: 'PUT', url: `${server.url}/x?token=${TOKEN}` }).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimited);
    expect(err.retryAfterMs).toBe(5_001);
    expect(err.message).toMatch(/^PUT http:\/\/127\.0\.0\.1:\d+\/x\?token=\[REDACTED\] not sent: the platform asked to wait 5001 ms$/);
    expect(err.details).toMatchObject({ method: 'PUT', retryAfterMs: 5_001 });
    expect(server.seen).toHaveLength(0);
    expect((c.stats as DetailedHttpClientStats).failures).toBe(1);
    await clock.sleep(1);
    expect((await c.request({ method: 'PUT', url: `${server.url}/x` })).status).toBe(200);
    expect(server.seen[0].at).toBeGreaterThanOrEqual(START + 5_001);
  });

  it('a pause signal on a successful answer holds the next call of the store', async () => {
    const { client, server } = await setup([{ status: 200, headers: { 'x-remaining-this-second': '0' } }, { status: 200 }], {
      rateLimit: ETSY_BUDGET,
    });
    await client.request({ method: 'GET', url: '/a' });
    await client.request({ method: 'GET', url: '/b' });
    expect(server.seen[1].at - server.seen[0].at).toBeGreaterThanOrEqual(1_000);
  });

  it("a classifier's pause and the headers' pause: the longer wins", async () => {
    for (const [classifierPause, expected] of [
      [3_000, 3_000],
      [200, 1_000],
    ]) {
      const { client, server } = await setup([{ status: 200, headers: { 'x-remaining-this-second': '0' } }, { status: 200 }], {
        rateLimit: ETSY_BUDGET,
      });
      const c = client.extend({ classify: () => ({ pauseMs: classifierPause }) });
      await c.request({ method: 'GET', url: '/a' });
      await c.request({ method: 'GET', url: '/b' });
      const gap = server.seen[1].at - server.seen[0].at;
      expect(gap).toBeGreaterThanOrEqual(expected);
      expect(gap).toBeLessThan(expected + 100);
    }
  });
});

describe('rate budget', () => {
  function recordingLimiter(): RateLimiter & { costs: number[] } {
    const inner = createRateLimiter(roomy);
    const costs: number[] = [];
    return {
      ...inner,
      policy: inner.policy,
      stats: inner.stats,
      costs,
      acquire: async (cost?: number) => void costs.push(cost as number),
      pause: () => undefined,
      pausedForMs: () => 0,
    };
  }

  it("charges a call's declared cost (1 when none is declared), on every attempt", async () => {
    const clock = virtualTime();
    const server = await serve(clock, [{ status: 503 }, { status: 200 }]);
    servers.push(server);
    const limiter = recordingLimiter();
    const c = createHttpClient({ rateLimit: roomy, limiter, baseDelayMs: 1, now: clock.now, sleep: clock.sleep });
    await c.request({ method: 'POST', url: `${server.url}/graphql`, cost: 50, idempotent: true });
    await c.request({ method: 'GET', url: `${server.url}/x` });
    expect(limiter.costs).toEqual([50, 50, 1]);
  });

  it('uses the shared limiter it is given, and one of its own from rateLimit otherwise', async () => {
    const clock = virtualTime();
    const server = await serve(clock, [{ status: 200 }]);
    servers.push(server);
    const c = createHttpClient({ rateLimit: { requestsPerSecond: 1, burst: 1 }, now: clock.now, sleep: clock.sleep });
    await c.request({ method: 'GET', url: `${server.url}/a` });
    await c.request({ method: 'GET', url: `${server.url}/b` });
    expect(server.seen[1].at - server.seen[0].at).toBe(1_000);
  });
});

describe('requests and answers', () => {
  it('joins base URL and path with exactly one slash; absolute URLs are kept', () => {
    expect(joinUrl('https://h/api/', '/x')).toBe('https://h/api/x');
    expect(joinUrl('https://h/api//', '//x')).toBe('https://h/api/x');
    expect(joinUrl('https://h/api', 'x')).toBe('https://h/api/x');
    expect(joinUrl('https://h/api', 'HTTPS://other/y')).toBe('HTTPS://other/y');
    expect(joinUrl('https://h/api', 'http://other/y')).toBe('http://other/y');
    expect(joinUrl(undefined, '/x')).toBe('/x');
  });

  it('adds params (numbers and booleans as text, undefined left out) and sends the merged headers', async () => {
    const { client, server } = await setup([{ status: 200 }]);
    await client.request({
      method: 'GET',
      url: '/p',
      params: { page: 2, all: true, skip: undefined, q: 'a b' },
      headers: { 'X-Extra': 'yes' },
    });
    expect(server.seen[0].url).toBe('/api/p?page=2&all=true&q=a+b');
    expect(server.seen[0].headers['x-access-token']).toBe(TOKEN);
    expect(server.seen[0].headers['x-extra']).toBe('yes');
  });

  it('refuses an invalid URL as Rejected without sending, and without the secret', async () => {
    const c = createHttpClient({ rateLimit: roomy, secrets: [TOKEN] });
    const err = await c.request({ method: 'GET', url: `not a url/${TOKEN}` }).catch((e) => e);
    expect(err).toBeInstanceOf(Rejected);
    expect(err.message).toBe('invalid request URL: not a url/[REDACTED]');
    expect(c.stats.requests).toBe(0);
  });

  it('lower-cases answer headers and joins repeated ones', async () => {
    const { client } = await setup([{ status: 200, headers: { 'X-Thing': 'yes', 'Set-Cookie': ['a=1', 'b=2'] } }]);
    const res = await client.request({ method: 'GET', url: '/x' });
    expect(res.headers['x-thing']).toBe('yes');
    expect(res.headers['set-cookie']).toBe('a=1, b=2');
  });

  it('keeps a redacted body snippet of at most 500 characters in the error details', async () => {
    const long = 'x'.repeat(600);
    const a = await setup([{ status: 422, body: long }]);
    const err = await a.client.request({ method: 'GET', url: '/x' }).catch((e) => e);
    expect(err.details.body).toBe(`${'x'.repeat(500)}…`);
    const exact = await setup([{ status: 422, body: 'y'.repeat(500) }]);
    expect((await exact.client.request({ method: 'GET', url: '/x' }).catch((e) => e)).details.body).toBe('y'.repeat(500));
    const json = await setup([{ status: 422, body: { password: 'hunter2', note: `uses ${TOKEN}` } }]);
    expect((await json.client.request({ method: 'GET', url: '/x' }).catch((e) => e)).details.body).toBe(
      '{"password":"[REDACTED]","note":"uses [REDACTED]"}',
    );
    const empty = await setup([{ status: 422 }]);
    expect((await empty.client.request({ method: 'GET', url: '/x' }).catch((e) => e)).details).not.toHaveProperty('body');
  });

  it('classifiers: the most specific reads first and the first error wins; secrets are scrubbed from it', async () => {
    const { client } = await setup([{ status: 200, body: {} }]);
    const order: string[] = [];
    const c = client
      .extend({ classify: () => (order.push('parent'), { error: new Rejected('parent verdict') }) })
      .extend({ classify: () => (order.push('child'), undefined) })
      .extend({
        classify: () => (order.push('grandchild'), { error: new NotFound(`gone: ${TOKEN}`, { token: TOKEN, note: `t=${TOKEN}` }) }),
      });
    const err = await c.request({ method: 'GET', url: '/x' }).catch((e) => e);
    expect(order).toEqual(['grandchild']);
    expect(err).toBeInstanceOf(NotFound);
    expect(err.message).toBe('gone: [REDACTED]');
    expect(err.details).toEqual({ token: '[REDACTED]', note: 't=[REDACTED]' });

    const order2: string[] = [];
    const d = client
      .extend({ classify: () => (order2.push('parent'), { error: new Rejected('parent verdict') }) })
      .extend({ classify: () => (order2.push('child'), undefined) });
    const err2 = await d.request({ method: 'GET', url: '/x' }).catch((e) => e);
    expect(order2).toEqual(['child', 'parent']);
    expect(err2.message).toBe('parent verdict');
  });

  it('signers run root first, each on what its parent produced', async () => {
    const { client, server } = await setup([{ status: 200 }]);
    const c = client
      .extend({ sign: (r) => ({ ...r, params: { ...r.params, a: '1' } }) })
      .extend({ sign: (r) => ({ ...r, params: { ...r.params, b: String(Object.keys(r.params ?? {}).length) } }) });
    await c.request({ method: 'GET', url: '/s' });
    expect(server.seen[0].url).toBe('/api/s?a=1&b=1');
  });

  it('extend() shares stats and budget; a per-call timeout overrides the client one', async () => {
    // The answered call first: whether the timed-out one reaches the server before 30 ms is up to the machine's load.
    const { client, server, stats } = await setup([{ status: 200 }, 'hang'], { timeoutMs: 5_000, maxAttempts: 1 });
    const child = client.extend({ headers: { 'X-Child': '1' } });
    await child.request({ method: 'GET', url: '/x' });
    expect(server.seen[0].headers['x-child']).toBe('1');
    const err = await child.request({ method: 'GET', url: '/x', timeoutMs: 30 }).catch((e) => e);
    expect(err.message).toMatch(/timed out after 30 ms/);
    expect(stats().requests).toBe(2);
  });
});

describe('logs', () => {
  it('say what was sent, what came back, each wait and each failure, never a secret', async () => {
    const { client, lines } = await setup([{ status: 503 }, { status: 429, headers: { 'retry-after': '1' } }, { status: 404 }], {
      random: () => 0,
    });
    await client.request({ method: 'GET', url: `/x?token=${TOKEN}`, headers: { Authorization: `Bearer ${TOKEN}` } }).catch(() => undefined);
    const text = lines.join('\n');
    expect(text).not.toContain(TOKEN);
    const url = 'http://127.0.0.1:\\d+/api/x\\?token=\\[REDACTED\\]';
    expect(text).toMatch(
      new RegExp(
        `debug http GET ${url} → 503 in 0 ms \\(attempt 1\\) \\{"requestHeaders":\\{"X-Access-Token":"\\[REDACTED\\]","Authorization":"\\[REDACTED\\]"\\}\\}`,
      ),
    );
    expect(text).toMatch(new RegExp(`warn http GET ${url} attempt 1 failed \\(transient\\); retrying in 0 ms`));
    // (the query redaction also takes the colon that follows a redacted query value)
    expect(text).toMatch(new RegExp(`info http GET ${url}:? platform asked to wait 1000 ms`));
    expect(text).toMatch(new RegExp(`warn http GET ${url} attempt 2 failed \\(rate_limited\\); retrying in 1000 ms`));
    expect(text).toMatch(
      new RegExp(`warn http GET ${url} failed after 3 attempt\\(s\\): GET ${url} found nothing \\(404\\) \\{"code":"not_found"\\}`),
    );
  });

  it('name the network failure and its code', async () => {
    const { client, lines } = await setup(['reset']);
    await client.request({ method: 'POST', url: '/o', body: {} }).catch(() => undefined);
    expect(lines.join('\n')).toMatch(
      /warn http POST http:\/\/127\.0\.0\.1:\d+\/api\/o attempt 1: POST \S+ failed: network error \(ECONNRESET\) \{"code":"ECONNRESET"\}/,
    );
  });
});
