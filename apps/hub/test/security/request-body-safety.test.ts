/**
 * What happens before a body reaches validation: the token is checked before a byte of the body is read,
 * a body that is not JSON is a 415 (text/plain `{"dryRun":true}` used to start a real sync run), charsets,
 * encodings and gzip headers the hub cannot undo are 415/400 (were 500s), and JSON nested deeper than the
 * cap is a 400 naming `body` (2 500 levels overflowed the stack in validation).
 */
import * as http from 'node:http';
import { gzipSync } from 'node:zlib';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../src/http/json-depth';
import { mediaTypeProblem } from '../../src/http/json-media-type.middleware';
import { describeHub, TEST_TOKEN } from '../support/hub-harness';
import { createStore } from '../support/scenario';
import { rawRequest } from './support/raw-http';

const AUTH = { authorization: `Bearer ${TEST_TOKEN}` };
const nested = (levels: number) => `{"updates":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;

describe('nestsDeeperThan (a linear scan, no recursion)', () => {
  it('counts arrays and objects, not brackets inside strings or after escaped quotes', () => {
    const b = (s: string) => Buffer.from(s, 'utf8');
    expect(nestsDeeperThan(b('{"a":[1,{"b":[]}]}'), 4)).toBe(false);
    expect(nestsDeeperThan(b('{"a":[1,{"b":[]}]}'), 3)).toBe(true);
    expect(nestsDeeperThan(b(`{"a":"${'['.repeat(100)}"}`), 2)).toBe(false);
    expect(nestsDeeperThan(b(`{"a":"\\"${'{'.repeat(100)}"}`), 2)).toBe(false);
    expect(nestsDeeperThan(b(`{"é\\\\":[[[]]]}`), 3)).toBe(true);
    expect(nestsDeeperThan(b('['.repeat(1_000_000)), MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('mediaTypeProblem', () => {
  it.each([
    ['application/json', undefined, false],
    ['application/json; charset=utf-8', undefined, false],
    ['Application/JSON; Charset="UTF-8"', 'gzip', false],
    ['text/plain', undefined, true],
    ['application/x-www-form-urlencoded', undefined, true],
    ['application/json; charset=utf-16le', undefined, true],
    ['application/json; charset=koi8-r', undefined, true],
    ['application/json', 'compress', true],
    ['application/json', 'gzip, gzip', true],
    [undefined, undefined, true],
  ])('%s with encoding %s → refused: %s', (type, encoding, refused) => {
    expect(mediaTypeProblem(type, encoding) !== undefined).toBe(refused);
  });
});

describeHub(
  'request bodies: token first, JSON only, bounded nesting',
  (hub) => {
    let storeId = '';
    beforeAll(async () => {
      storeId = await createStore(hub(), { sellingRegion: 'north_america' });
    });

    it('an unauthenticated request is refused before its body is read (16 MB announced, 10 bytes sent)', async () => {
      const { hostname, port } = new URL(hub().url);
      const started = Date.now();
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: hostname,
            port: Number(port),
            method: 'POST',
            path: '/v1/facility-stock',
            agent: false,
            headers: { 'content-type': 'application/json', 'content-length': String(16 * 1024 * 1024) },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
            req.destroy();
          },
        );
        req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? undefined : reject(e)));
        req.write('{"updates":');
        // never finished: a hub that waited for the body would never answer
      });
      expect(status).toBe(401);
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('text/plain {"dryRun":true} on POST /v1/stores/:id/sync is a 415 and starts no run', async () => {
      const res = await rawRequest(hub().url, {
        method: 'POST',
        path: `/v1/stores/${storeId}/sync`,
        headers: { ...AUTH, 'content-type': 'text/plain' },
        body: '{"dryRun":true}',
      });
      expect(res.status).toBe(415);
      expect(res.body).toEqual({ error: 'unsupported_media_type', message: expect.stringContaining('text/plain') });
      expect((await hub().get(`/v1/stores/${storeId}/sync-runs`).expect(200)).body).toEqual([]);
    });

    it('a body without a content-type is a 415; no body at all is fine', async () => {
      const res = await rawRequest(hub().url, {
        method: 'POST',
        path: `/v1/stores/${storeId}/sync`,
        headers: AUTH,
        body: '{"dryRun":true}',
      });
      expect(res.status).toBe(415);
      expect((res.body as { error: string }).error).toBe('unsupported_media_type');
      const empty = await rawRequest(hub().url, {
        method: 'POST',
        path: `/v1/stores/${storeId}/sync`,
        headers: { ...AUTH, 'content-length': '0' },
      });
      expect(empty.status).toBe(202);
    });

    it('a body on a GET is ignored, whatever its type (never parsed, never a 415)', async () => {
      for (const type of ['text/plain', 'application/json']) {
        const res = await rawRequest(hub().url, {
          method: 'GET',
          path: '/v1/stores',
          headers: { ...AUTH, 'content-type': type },
          body: nested(2_500),
        });
        expect([type, res.status]).toEqual([type, 200]);
      }
    });

    it.each([
      ['form-encoded', { 'content-type': 'application/x-www-form-urlencoded' }, 'updates=1'],
      ['an unknown charset', { 'content-type': 'application/json; charset=koi8-r' }, '{"updates":[]}'],
      ['a charset that does not exist', { 'content-type': 'application/json; charset=no-such-charset' }, '{"updates":[]}'],
      ['UTF-16', { 'content-type': 'application/json; charset=utf-16' }, '{"updates":[]}'],
      ['an unknown Content-Encoding', { 'content-type': 'application/json', 'content-encoding': 'compress' }, '{"updates":[]}'],
      ['a made-up Content-Encoding', { 'content-type': 'application/json', 'content-encoding': 'x-nope' }, '{"updates":[]}'],
    ])('%s → 415 in the documented shape', async (_what, headers, body) => {
      const res = await rawRequest(hub().url, { method: 'POST', path: '/v1/facility-stock', headers: { ...AUTH, ...headers }, body });
      expect(res.status).toBe(415);
      expect(res.body).toEqual({ error: 'unsupported_media_type', message: expect.any(String) });
    });

    it.each(['gzip', 'deflate', 'br'])('a %s header on a plain body → 400 naming body', async (encoding) => {
      const res = await rawRequest(hub().url, {
        method: 'POST',
        path: '/v1/facility-stock',
        headers: { ...AUTH, 'content-type': 'application/json', 'content-encoding': encoding },
        body: '{"updates":[]}',
      });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'validation_failed', details: [{ path: 'body', message: expect.any(String) }] });
    });

    it('a real gzip body is read (and then validated as usual)', async () => {
      const res = await rawRequest(hub().url, {
        method: 'POST',
        path: '/v1/facility-stock',
        headers: { ...AUTH, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: gzipSync('{"updates":"nope"}'),
      });
      expect(res.status).toBe(400);
      expect((res.body as { details: Array<{ path: string }> }).details.map((d) => d.path)).toContain('updates');
    });

    it('a body that is not JSON → 400 naming body', async () => {
      const res = await rawRequest(hub().url, {
        method: 'POST',
        path: '/v1/facility-stock',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: '{"updates":[',
      });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'validation_failed', details: [{ path: 'body', message: expect.stringMatching(/JSON/) }] });
    });

    it.each([2_500, MAX_JSON_DEPTH + 1])('JSON nested %i levels → 400 naming body, quickly', async (levels) => {
      const started = Date.now();
      const res = await rawRequest(hub().url, {
        method: 'POST',
        path: '/v1/facility-stock',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: nested(levels),
      });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: 'validation_failed',
        details: [{ path: 'body', message: `the body nests deeper than ${MAX_JSON_DEPTH} levels` }],
      });
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it(`JSON nested ${MAX_JSON_DEPTH} levels reaches validation (400 naming the field, not body)`, async () => {
      const res = await rawRequest(hub().url, {
        method: 'POST',
        path: '/v1/facility-stock',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: nested(MAX_JSON_DEPTH),
      });
      expect(res.status).toBe(400);
      const paths = (res.body as { details: Array<{ path: string }> }).details.map((d) => d.path);
      expect(paths).not.toContain('body');
    });

    it('the hub stays responsive: /health answers while unauthenticated large bodies are refused', async () => {
      const big = Buffer.alloc(8 * 1024 * 1024, 0x20);
      const refusals = Array.from({ length: 8 }, () =>
        rawRequest(hub().url, { method: 'POST', path: '/v1/facility-stock', headers: { 'content-type': 'application/json' }, body: big }),
      );
      const started = Date.now();
      const health = await rawRequest(hub().url, { method: 'GET', path: '/health' });
      expect(health.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2_000);
      for (const r of await Promise.all(refusals)) expect(r.status).toBe(401);
    });
  },
  { env: { HUB_AUTH_FAILURE_LIMIT: '0' } },
);
