/**
 * Brute-force protection: more than HUB_AUTH_FAILURE_LIMIT failed authentications from one address within
 * the window block it (429 + Retry-After) for HUB_AUTH_BLOCK_SECONDS, a valid token included; public
 * routes stay open; every refusal is logged with address, method and path, never the presented token.
 */
import { Logger } from '@nestjs/common';
import { loadAuthThrottleConfig } from '../../src/config/auth-config';
import { describeHub, TEST_TOKEN } from '../support/hub-harness';
import { rawRequest } from './support/raw-http';

const WRONG = 'hub_wrong_token_presented_by_a_guesser';

describe('HUB_AUTH_* configuration', () => {
  it('has defaults and names a bad variable', () => {
    const problems: string[] = [];
    expect(loadAuthThrottleConfig({}, problems)).toEqual({ failureLimit: 20, windowSeconds: 60, blockSeconds: 60 });
    loadAuthThrottleConfig(
      { HUB_AUTH_FAILURE_LIMIT: 'many', HUB_AUTH_BLOCK_SECONDS: '0', HUB_AUTH_FAILURE_WINDOW_SECONDS: '-1' },
      problems,
    );
    expect(problems).toEqual([
      expect.stringContaining('HUB_AUTH_FAILURE_LIMIT'),
      expect.stringContaining('HUB_AUTH_FAILURE_WINDOW_SECONDS'),
      expect.stringContaining('HUB_AUTH_BLOCK_SECONDS'),
    ]);
  });
});

describeHub(
  'failed authentication is rate limited per client address',
  (hub) => {
    let warnings: string[] = [];
    let spy: jest.SpyInstance;
    beforeEach(() => {
      warnings = [];
      spy = jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    });
    afterEach(() => spy.mockRestore());

    const get = (path: string, token?: string) =>
      rawRequest(hub().url, { method: 'GET', path, headers: token ? { authorization: `Bearer ${token}` } : {} });

    it('3 failures → 401, the 4th → 429 with Retry-After; blocked even with the right token; /health stays open; then free again', async () => {
      for (let i = 0; i < 3; i++) {
        const res = await get('/v1/stores', WRONG);
        expect([res.status, res.body]).toEqual([401, { error: 'unauthorized' }]);
      }
      const blocked = await get('/v1/stores', WRONG);
      expect(blocked.status).toBe(429);
      expect(blocked.body).toEqual({ error: 'too_many_requests', message: expect.stringContaining('retry after') });
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(2);

      expect((await get('/v1/stores', TEST_TOKEN)).status).toBe(429);
      expect((await get('/health')).status).toBe(200);

      await new Promise((r) => setTimeout(r, retryAfter * 1000 + 200));
      expect((await get('/v1/stores', TEST_TOKEN)).status).toBe(200);
    });

    it('logs every refusal with address, method and path, never the presented token', async () => {
      await new Promise((r) => setTimeout(r, 2_200)); // the previous test's block has ended
      await get('/v1/facilities', WRONG);
      await rawRequest(hub().url, {
        method: 'POST',
        path: '/v1/facility-stock',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const lines = warnings.map((w) => JSON.parse(w) as Record<string, unknown>);
      expect(lines).toEqual([
        {
          event: 'auth_refused',
          client: expect.stringMatching(/127\.0\.0\.1/),
          method: 'GET',
          path: '/v1/facilities',
          reason: 'invalid token',
          status: 401,
        },
        {
          event: 'auth_refused',
          client: expect.stringMatching(/127\.0\.0\.1/),
          method: 'POST',
          path: '/v1/facility-stock',
          reason: 'no token',
          status: 401,
        },
      ]);
      expect(warnings.join('\n')).not.toContain(WRONG);
    });
  },
  { env: { HUB_AUTH_FAILURE_LIMIT: '3', HUB_AUTH_FAILURE_WINDOW_SECONDS: '60', HUB_AUTH_BLOCK_SECONDS: '2' } },
);
