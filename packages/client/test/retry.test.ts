/**
 * Retries, against a scripted HTTP server: idempotent calls are sent again after 429/5xx (waiting what
 * Retry-After says, else a backoff), other calls never; a Retry-After over the cap is not waited for.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHubClient, expectOk, HubApiError, retryAfterMs } from '../src';
import { backoffMs, isIdempotent } from '../src/retry';

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Answers each request with the next scripted answer (the last one repeats), recording what came. */
async function scriptedServer(answers: Answer[]) {
  const received: Array<{ method: string; path: string; body: string; authorization?: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ method: req.method!, path: req.url!, body, authorization: req.headers.authorization });
      const a = answers[Math.min(received.length - 1, answers.length - 1)];
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
      res.end(JSON.stringify(a.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function clientFor(url: string, waits: number[], retry = {}) {
  return createHubClient({
    baseUrl: url,
    token: 'test_token_0123456789',
    retry,
    retryHooks: { sleep: async (ms) => void waits.push(ms), random: () => 0.5 },
  });
}

const busy: Answer = { status: 503, headers: { 'retry-after': '1' }, body: { error: 'busy', message: 'send it again' } };
const stores: Answer = { status: 200, body: [] };

describe('retries', () => {
  it('GET after 503 with Retry-After: 1 → waits 1 s and sends it again, with the token each time', async () => {
    const s = await scriptedServer([busy, stores]);
    const waits: number[] = [];
    try {
      expect(await expectOk(clientFor(s.url, waits).GET('/v1/stores'))).toEqual([]);
      expect(waits).toEqual([1000]);
      expect(s.received.map((r) => [r.method, r.path, r.authorization])).toEqual([
        ['GET', '/v1/stores', 'Bearer test_token_0123456789'],
        ['GET', '/v1/stores', 'Bearer test_token_0123456789'],
      ]);
    } finally {
      await s.close();
    }
  });

  it('PUT after 429 and 502 without Retry-After → exponential backoff, the same body each time', async () => {
    const s = await scriptedServer([
      { status: 429, body: { error: 'too_many_requests', message: 'x' } },
      { status: 502, body: {} },
      { status: 200, body: { upserted: 1 } },
    ]);
    const waits: number[] = [];
    try {
      const body = { variants: [{ id: 1, productId: 2, name: 'n', fulfillment: 'pod' as const }] };
      expect(await expectOk(clientFor(s.url, waits).PUT('/v1/catalog/variants', { body }))).toEqual({ upserted: 1 });
      // random 0.5: 3/4 of the step; steps 250 ms, 500 ms.
      expect(waits).toEqual([187.5, 375]);
      expect(s.received.map((r) => JSON.parse(r.body))).toEqual([body, body, body]);
    } finally {
      await s.close();
    }
  });

  it('gives up after the attempts and returns the last answer as a HubApiError', async () => {
    const s = await scriptedServer([busy]);
    const waits: number[] = [];
    try {
      const error = await expectOk(clientFor(s.url, waits, { attempts: 3 }).GET('/v1/stores')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HubApiError);
      expect(error).toMatchObject({ status: 503, code: 'busy' });
      expect(s.received).toHaveLength(3);
      expect(waits).toEqual([1000, 1000]);
    } finally {
      await s.close();
    }
  });

  it('POST /v1/facility-stock is retried (a repeat is stale); POST /v1/stores and /sync never are', async () => {
    const s = await scriptedServer([
      busy,
      { status: 202, body: { accepted: 1, stale: 0, unrecognisedStatus: 0, affectedSyncVariants: 0 } },
    ]);
    const waits: number[] = [];
    try {
      const client = clientFor(s.url, waits);
      await expectOk(
        client.POST('/v1/facility-stock', {
          body: { updates: [{ variantId: 1, facility: 'US-NC', status: 'in_stock', observedAt: '2026-01-31T12:00:00Z' }] },
        }),
      );
      expect(s.received.map((r) => r.path)).toEqual(['/v1/facility-stock', '/v1/facility-stock']);
    } finally {
      await s.close();
    }
    const t = await scriptedServer([busy]);
    try {
      const client = clientFor(t.url, waits);
      await expect(
        expectOk(client.POST('/v1/stores', { body: { name: 'n', platform: 'shopify', sellingRegion: 'north_america', credentials: {} } })),
      ).rejects.toMatchObject({ status: 503 });
      await expect(
        expectOk(client.POST('/v1/stores/{id}/sync', { params: { path: { id: '3f0c6b8e-2a4d-4c1e-9b7a-5d2f8e6a1c40' } }, body: {} })),
      ).rejects.toMatchObject({ status: 503 });
      expect(t.received.map((r) => r.path)).toEqual(['/v1/stores', '/v1/stores/3f0c6b8e-2a4d-4c1e-9b7a-5d2f8e6a1c40/sync']);
    } finally {
      await t.close();
    }
  });

  it('a Retry-After over the cap (an address blocked for minutes) is not waited for', async () => {
    const s = await scriptedServer([
      { status: 429, headers: { 'retry-after': '900' }, body: { error: 'too_many_requests', message: 'blocked' } },
      stores,
    ]);
    const waits: number[] = [];
    try {
      await expect(expectOk(clientFor(s.url, waits).GET('/v1/stores'))).rejects.toMatchObject({ status: 429, code: 'too_many_requests' });
      expect(waits).toEqual([]);
      expect(s.received).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it('4xx other than 429 is final; retry: false turns retries off', async () => {
    const s = await scriptedServer([{ status: 404, body: { error: 'not_found', message: 'no store' } }, busy, stores]);
    const waits: number[] = [];
    try {
      await expect(expectOk(clientFor(s.url, waits).GET('/v1/stores'))).rejects.toMatchObject({ status: 404, code: 'not_found' });
      const off = createHubClient({ baseUrl: s.url, token: 't_0123456789abcdef', retry: false });
      await expect(expectOk(off.GET('/v1/stores'))).rejects.toMatchObject({ status: 503 });
      expect(s.received).toHaveLength(2);
    } finally {
      await s.close();
    }
  });
});

describe('retry rules', () => {
  it('Retry-After: seconds or an HTTP-date', () => {
    const now = Date.parse('2026-01-31T12:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Sat, 31 Jan 2026 12:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Sat, 31 Jan 2026 11:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });

  it('backoff doubles per attempt up to the cap, with jitter in the upper half', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(a, policy, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect(backoffMs(1, policy, () => 1)).toBe(100);
  });

  it('idempotent: GET, PUT, DELETE, and the listed POSTs only', () => {
    const policy = { idempotentPosts: ['/v1/facility-stock'] };
    expect(isIdempotent('GET', 'http://h/v1/stores', policy)).toBe(true);
    expect(isIdempotent('PUT', 'http://h/v1/catalog/variants', policy)).toBe(true);
    expect(isIdempotent('PATCH', 'http://h/v1/stores/1', policy)).toBe(false);
    expect(isIdempotent('POST', 'http://h/v1/facility-stock', policy)).toBe(true);
    expect(isIdempotent('POST', 'http://h/v1/stores', policy)).toBe(false);
  });
});

describe('createHubClient', () => {
  it('needs a token', () => {
    expect(() => createHubClient({ baseUrl: 'http://127.0.0.1:1', token: '' })).toThrow(/token is required/);
  });
});
