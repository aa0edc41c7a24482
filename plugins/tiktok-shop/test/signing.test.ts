/** TikTok's signing rule, step by step, and the simulator refusing what TikTok refuses. */
import { AuthError } from '@stock-sync/plugin-sdk';
import { createHmac } from 'node:crypto';
import { signRequest, stringToSign } from '../src';
import { call, connect, product, startTikTokSimulator, type TikTokSim } from './support/store';

describe('stringToSign', () => {
  it('sorts the parameters, drops sign and access_token, puts the path first, the body last, the secret around', () => {
    const s = stringToSign('SECRET', '/product/202309/inventory/search', { timestamp: '1700000000', app_key: 'abc', sign: 'x', access_token: 't', shop_cipher: 'ROW_1' }, '{"sku_ids":["1"]}');
    expect(s).toBe('SECRET/product/202309/inventory/searchapp_keyabcshop_cipherROW_1timestamp1700000000{"sku_ids":["1"]}SECRET');
  });

  it('is the lower-case hex HMAC-SHA256 of that string keyed with the app secret', () => {
    const q = { app_key: 'abc', timestamp: '1700000000' };
    const expected = createHmac('sha256', 'SECRET').update('SECRET/authorization/202309/shopsapp_keyabctimestamp1700000000SECRET').digest('hex');
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

  it('refuses a body changed after signing (401, code 106001, TikTok\'s message)', async () => {
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
    const err = await connect(sim, { appSecret: secret }).verify().catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toMatch(/106001/);
    expect(JSON.stringify({ m: err.message, d: err.details, s: err.stack })).not.toContain(secret);
  });

  it('a plugin with a stale or wrong access token gets an AuthError (code 105001)', async () => {
    const err = await connect(sim, { accessToken: 'TTP_test_wrong_token' }).verify().catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toMatch(/105001/);
  });
});
