/**
 * Every operation of the served OpenAPI document, reached through spellings a router might treat as the
 * same route (case, trailing and doubled slashes, percent-encoding, dot segments), answers 401 without a
 * token — or 404 where the spelling routes nowhere — and never 2xx or any data. Regression for the
 * upper-case bypass (`GET /V1/stores` answered 200 with every store).
 */
import { ModulesContainer } from '@nestjs/core';
import { collectPublicRoutes } from '../../src/auth/public-routes';
import { describeHub, TEST_TOKEN } from '../support/hub-harness';
import { createStore } from '../support/scenario';
import { fetchOpenApi, operationsOf, type Operation } from './support/openapi-operations';
import { rawRequest, type RawResponse } from './support/raw-http';

/** Spellings of one concrete path; the first is the path itself. */
export function pathVariants(path: string): Array<[string, string]> {
  const segments = path.split('/').filter(Boolean); // e.g. ['v1', 'stores', '<id>', 'sync']
  const rest = segments.slice(1).join('/');
  const second = segments[1] ?? '';
  const encodeFirst = (s: string) => `%${s.charCodeAt(0).toString(16)}${s.slice(1)}`;
  const variants: Array<[string, string]> = [
    ['as documented', path],
    ['upper-case V1', `/V1/${rest}`],
    ['all upper-case', path.toUpperCase()],
    ['upper-case resource', `/v1/${[second.toUpperCase(), ...segments.slice(2)].join('/')}`],
    ['capitalised resource', `/v1/${[second.charAt(0).toUpperCase() + second.slice(1), ...segments.slice(2)].join('/')}`],
    ['trailing slash', `${path}/`],
    ['two trailing slashes', `${path}//`],
    ['leading doubled slash', `/${path}`],
    ['doubled slash after v1', `/v1//${rest}`],
    ['percent-encoded v1', `/%76%31/${rest}`],
    ['percent-encoded upper-case hex', `/%56%31/${rest}`],
    ['percent-encoded resource letter', `/v1/${[encodeFirst(second), ...segments.slice(2)].join('/')}`],
    ['encoded slash', `/v1%2F${rest}`],
    ['dot segment', `/v1/./${rest}`],
    ['dot-dot segment', `/x/../v1/${rest}`],
    ['query string', `${path}?limit=1`],
    ['upper-case with trailing slash', `/V1/${rest}/`],
  ];
  return variants;
}

function describeResponse(op: Operation, path: string, res: RawResponse): string {
  return `${op.method} ${path} → ${res.status} ${res.text.slice(0, 200)}`;
}

describeHub(
  'every route needs the token, however its path is spelled',
  (hub) => {
    let operations: Operation[] = [];

    beforeAll(async () => {
      // A store exists, so a bypass would show data (as the upper-case one did).
      await createStore(hub(), { sellingRegion: 'north_america', name: 'must not leak' });
      operations = operationsOf(await fetchOpenApi(hub().url)).filter((o) => o.template.startsWith('/v1'));
    });

    it('the document lists every v1 route (so the walk below covers them)', () => {
      const listed = operations.map((o) => `${o.method} ${o.template}`);
      for (const expected of [
        'GET /v1/stores',
        'POST /v1/stores',
        'PATCH /v1/stores/{id}',
        'POST /v1/facility-stock',
        'PUT /v1/catalog/variants',
        'POST /v1/stores/{id}/sync',
        'GET /v1/sync-runs/{runId}',
      ]) {
        expect(listed).toContain(expected);
      }
    });

    it('without a token: 401 for the documented spelling, 401 or 404 for every other, never data', async () => {
      const failures: string[] = [];
      let sent = 0;
      for (const op of operations) {
        for (const [name, path] of pathVariants(op.path)) {
          const res = await rawRequest(hub().url, {
            method: op.method,
            path,
            ...(op.hasBody ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
          });
          sent++;
          const allowed = name === 'as documented' ? [401] : [401, 404];
          if (!allowed.includes(res.status)) failures.push(`${name}: ${describeResponse(op, path, res)}`);
          else if (res.status === 401 && JSON.stringify(res.body) !== JSON.stringify({ error: 'unauthorized' }))
            failures.push(`${name}: 401 body ${res.text}`);
          else if (res.status === 404 && (res.body as { error?: string })?.error !== 'not_found')
            failures.push(`${name}: 404 body ${res.text}`);
          if (res.text.includes('must not leak')) failures.push(`${name}: DATA LEAKED ${describeResponse(op, path, res)}`);
        }
      }
      expect(sent).toBeGreaterThan(operations.length * 10);
      expect(failures).toEqual([]);
    });

    it('a wrong token is refused the same way on every spelling', async () => {
      const failures: string[] = [];
      for (const op of operations.filter((o) => o.method === 'GET')) {
        for (const [name, path] of pathVariants(op.path)) {
          const res = await rawRequest(hub().url, { method: 'GET', path, headers: { authorization: `Bearer ${TEST_TOKEN}-wrong` } });
          if (![401, 404, 429].includes(res.status) || res.text.includes('must not leak'))
            failures.push(`${name}: ${describeResponse(op, path, res)}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('routing is case-sensitive and strict: with the token, only the documented spelling routes', async () => {
      const auth = { authorization: `Bearer ${TEST_TOKEN}` };
      expect((await rawRequest(hub().url, { method: 'GET', path: '/v1/stores', headers: auth })).status).toBe(200);
      for (const path of ['/V1/stores', '/v1/STORES', '/v1/stores/', '//v1/stores', '/v1//stores', '/%76%31/stores']) {
        const res = await rawRequest(hub().url, { method: 'GET', path, headers: auth });
        expect({ path, status: res.status, error: (res.body as { error?: string })?.error }).toEqual({
          path,
          status: 404,
          error: 'not_found',
        });
      }
    });

    it('a path parameter that cannot be percent-decoded is a 400 naming the path', async () => {
      for (const path of ['/v1/stores/%ZZ', '/v1/sync-runs/%C0%AF/changes', '/v1/stores/%FF/sync-variants']) {
        const res = await rawRequest(hub().url, { method: 'GET', path, headers: { authorization: `Bearer ${TEST_TOKEN}` } });
        expect([path, res.status, res.body]).toEqual([
          path,
          400,
          { error: 'validation_failed', details: [{ path: 'path', message: expect.stringContaining('decode') }] },
        ]);
      }
    });

    it("the application's public routes are exactly health, metrics (its own token), the OAuth callback, hop and uninstall routes and the platform notices routes (their own signature)", () => {
      const routes = collectPublicRoutes(hub().app.get(ModulesContainer))
        .map((r) => `${r.method} ${r.path}`)
        .sort();
      expect(routes).toEqual([
        'GET /health',
        'GET /health/live',
        'GET /health/ready',
        'GET /metrics',
        'GET /oauth/callback/:platform',
        'GET /oauth/start/:id',
        'GET /oauth/uninstall/:platform',
        'POST /hooks/:platform',
        'POST /hooks/:platform/:storeId',
        'POST /oauth/callback/:platform',
        'POST /oauth/uninstall/:platform',
      ]);
    });

    it('the OAuth public routes answer without a token (here: no install flow → 404), never 401; other spellings are not public', async () => {
      for (const [method, path] of [
        ['GET', '/oauth/callback/demo-shop?code=x&state=y'],
        ['POST', '/oauth/callback/demo-shop'],
        ['POST', '/oauth/uninstall/demo-shop'],
        ['GET', '/oauth/uninstall/demo-shop'],
      ]) {
        const res = await rawRequest(hub().url, {
          method: method!,
          path: path!,
          ...(method === 'POST' ? { headers: { 'content-type': 'text/plain' }, body: 'signed bytes' } : {}),
        });
        expect([method, path, res.status, (res.body as { error?: string })?.error]).toEqual([method, path, 404, 'not_found']);
      }
      const start = await rawRequest(hub().url, {
        method: 'GET',
        path: `/oauth/start/00000000-0000-4000-8000-000000000001?state=${'A'.repeat(43)}`,
      });
      expect(start.status).toBe(400);
      for (const path of [
        '/OAUTH/callback/demo-shop',
        '/oauth/callback/demo-shop/',
        '//oauth/callback/demo-shop',
        '/oauth/Callback/demo-shop',
      ]) {
        expect([path, (await rawRequest(hub().url, { method: 'GET', path })).status]).toEqual([path, 401]);
      }
      // A body to anything else is still read only with a token, and only as JSON.
      expect(
        (await rawRequest(hub().url, { method: 'POST', path: '/oauth/start/x', headers: { 'content-type': 'text/plain' }, body: 'x' }))
          .status,
      ).toBe(401);
    });

    it('the public routes stay public: health and the API docs', async () => {
      expect((await rawRequest(hub().url, { method: 'GET', path: '/health' })).status).toBe(200);
      expect((await rawRequest(hub().url, { method: 'GET', path: '/docs/openapi.json' })).status).toBe(200);
      const ui = await rawRequest(hub().url, { method: 'GET', path: '/docs' });
      expect([200, 301, 302]).toContain(ui.status);
      // A public route spelled differently is not public.
      expect((await rawRequest(hub().url, { method: 'GET', path: '/HEALTH' })).status).toBe(401);
    });
    // Hundreds of refusals from one address: brute-force protection (tested in auth-throttling.test.ts) is off here.
  },
  { env: { HUB_AUTH_FAILURE_LIMIT: '0' } },
);
