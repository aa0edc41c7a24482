/** TikTok's signing rule, step by step, and the simulator refusing what TikTok refuses. */
import { AuthError } from '@stock-sync/plugin-api';
import { createHttpClient, secretValues } from '@stock-sync/plugin-sdk';
import { startSimulator, wrapRoute } from '@stock-sync/plugin-testkit/simulator';
import { createHmac } from 'node:crypto';
import { plugin, signRequest, stringToSign } from '../src';
import { simulator } from '../src/simulator';
import { createTikTokApi, tiktokSigner } from '../src/tiktok-api';
import { call, connect, product, quietLog, startTikTokSimulator, type TikTokSim } from './support/store';

describe('stringToSign', () => {
  it('sorts the parameters, drops sign and access_token, puts the path first, the body last, the secret around', () => {
    const s = stringToSign(
      'SECRET',
      '/product/202309/inventory/search',
      { timestamp: '1700000000', app_key: 'abc', sign: 'x', access_token: 't', shop_cipher: 'ROW_1' },
      '{"sku_ids":["1"]}',
    );
    expect(s).toBe('SECRET/product/202309/inventory/searchapp_keyabcshop_cipherROW_1timestamp1700000000{"sku_ids":["1"]}SECRET');
  });

  it('is the lower-case hex HMAC-SHA256 of that string keyed with the app secret', () => {
    const q = { app_key: 'abc', timestamp: '1700000000' };
    const expected = createHmac('sha256', 'SECRET')
      .update('SECRET/authorization/202309/shopsapp_keyabctimestamp1700000000SECRET')
      .digest('hex');
    expect(signRequest('SECRET', '/authorization/202309/shops', q, '')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the simulator checks every signature', () => {
  let sim: TikTokSim;
  beforeEach(async () => {
    sim = await startTikTokSimulator();
    sim.seed([product('1729000000000000001', 1, 1)]);
  });
  afterEach(() => sim.close());

  const search = { sku_ids: ['1'] };

  it('accepts a correctly signed request', async () => {
    const r = await call(sim, 'POST', '/product/202309/inventory/search', { body: search });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ code: 0, message: 'Success', data: { inventory: [{ product_id: '1729000000000000001' }] } });
    expect(r.body.request_id).toMatch(/^\d{14}[0-9A-F]+$/);
  });

  it("refuses a body changed after signing (401, code 106001, TikTok's message)", async () => {
    const r = await call(sim, 'POST', '/product/202309/inventory/search', { body: search, tamper: (b) => b.replace('"1"', '"2"') });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ code: 106001, message: "Invalid credentials. The 'sign' query parameter is invalid.", data: null });
  });

  it('refuses a request signed with another secret', async () => {
    const r = await call(sim, 'POST', '/product/202309/inventory/search', { body: search, appSecret: 'not_the_secret' });
    expect(r.status).toBe(401);
    expect(r.body.code).toBe(106001);
  });

  it('refuses a timestamp more than 5 minutes old, even when correctly signed', async () => {
    const r = await call(sim, 'POST', '/product/202309/inventory/search', { body: search, timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(r.status).toBe(401);
    expect(r.body.message).toMatch(/'timestamp'/);
  });

  it('a plugin with the wrong app secret gets an AuthError that names code 106001 and never the secret', async () => {
    const secret = 'tts_wrong_secret_do_not_leak_000';
    const err = await connect(sim, { appSecret: secret })
      .verify()
      .catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toMatch(/106001/);
    expect(JSON.stringify({ m: err.message, d: err.details, s: err.stack })).not.toContain(secret);
  });

  it('a plugin with a stale or wrong access token gets an AuthError (code 105001)', async () => {
    const err = await connect(sim, { accessToken: 'TTP_test_wrong_token' })
      .verify()
      .catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toMatch(/105001/);
  });
});

describe('per-attempt signing (the SDK client calls the plugin signer before every attempt)', () => {
  it('a retried call carries a fresh timestamp and signature, and the simulator accepts both', async () => {
    const seen: { timestamp: string; sign: string }[] = [];
    let failFirst = true;
    // The search route records each signed attempt that passed the signature check; the first answers 503.
    const flaky = wrapRoute(simulator, { method: 'POST', path: '/product/202309/inventory/search' }, (original) => (req, ctx) => {
      seen.push({ timestamp: String(req.query.timestamp), sign: String(req.query.sign) });
      if (failFirst) {
        failFirst = false;
        return { status: 503, body: { code: 1, message: 'simulated outage' } };
      }
      return original(req, ctx);
    });
    const sim = await startSimulator(flaky);
    try {
      sim.seed([product('1729000000000000001', 1, 1)]);
      // A clock that moves 3 s between readings, as a long limiter wait or backoff would.
      let t = Date.now() - 60_000;
      const clock = () => (t += 3_000);
      const http = createHttpClient({
        rateLimit: plugin.manifest.rateLimit,
        secrets: secretValues(plugin.credentialFields, sim.credentials),
        baseDelayMs: 5,
        maxDelayMs: 10,
      });
      const api = createTikTokApi({ credentials: sim.credentials, http, log: quietLog }, clock);
      const env = await api.call('POST', '/product/202309/inventory/search', {
        body: { sku_ids: ['1'] },
        shopScoped: true,
        idempotent: true,
      });
      expect(env.code).toBe(0);
      expect(seen).toHaveLength(2);
      expect(Number(seen[1].timestamp) - Number(seen[0].timestamp)).toBe(3);
      expect(seen[1].sign).not.toBe(seen[0].sign);
    } finally {
      await sim.close();
    }
  });

  it('tiktokSigner replaces a previous timestamp and sign instead of signing them', () => {
    const sign = tiktokSigner('SECRET', () => 1_700_000_000_000);
    const once = sign({ method: 'GET', url: '/authorization/202309/shops', params: { app_key: 'abc' } });
    const again = sign(once);
    expect(again.params).toEqual(once.params);
    expect(once.params).toEqual({
      app_key: 'abc',
      timestamp: '1700000000',
      sign: signRequest('SECRET', '/authorization/202309/shops', { app_key: 'abc', timestamp: '1700000000' }, ''),
    });
  });
});
