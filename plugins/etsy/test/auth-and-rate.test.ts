/**
 * Auth (x-api-key 'keystring:shared_secret' + OAuth bearer; the token must own the shop) and Etsy's rate
 * signals as the plugin reads them.
 */
import { AuthError, RateLimited, UNLIMITED, quantity } from '@stock-sync/plugin-sdk';
import { DAILY_QUOTA_BACKOFF_MS, classifyEtsyResponse } from '../src/classify-response';
import { calls, listingSeed, ref, startHarness, type Harness } from './etsy-harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.sim.seed([listingSeed(6001, 2), listingSeed(6002, 1)]);
});
afterAll(() => h.close());
afterEach(() => h.sim.faults.clear());

const secrets = () => [h.sim.credentials.apiKey!, h.sim.credentials.sharedSecret!, h.sim.credentials.accessToken!];
function expectNoSecret(value: unknown) {
  const text = JSON.stringify(value, (_k, v) => (v instanceof Error ? { ...v, name: v.name, message: v.message } : v));
  for (const s of secrets()) {
    expect(text).not.toContain(s);
    expect(text).not.toContain(s.split('.').pop()!);
  }
}

test('verify passes with keystring + shared secret given separately, or pasted as one value', async () => {
  await expect(h.connect().verify()).resolves.toBeUndefined();
  const combined = `${h.sim.credentials.apiKey}:${h.sim.credentials.sharedSecret}`;
  await expect(h.connect({ apiKey: combined, sharedSecret: undefined }).verify()).resolves.toBeUndefined();
});

test('a bare keystring (no shared secret) is refused: AuthError, nothing secret in it', async () => {
  const err = await h.connect({ sharedSecret: undefined }).verify().catch((e) => e);
  expect(err).toBeInstanceOf(AuthError);
  expectNoSecret(err);
});

test('a token that does not own the configured shop fails verify', async () => {
  const err = await h.connect({ shopId: '11111111' }).verify().catch((e) => e);
  expect(err).toBeInstanceOf(AuthError);
  expect(err.message).toMatch(/11111111/);
});

test('revoked token: verify and every write fail with AuthError, and the work stops', async () => {
  h.sim.faults.revokeCredentials();
  const c = h.connect();
  await expect(c.verify()).rejects.toBeInstanceOf(AuthError);
  h.sim.resetRequests();
  const out = await c.writeStock([
    { ...ref(6001, 600101), target: quantity(1) },
    { ...ref(6002, 600201), target: quantity(1) },
  ]);
  expect(out.map((o) => o.status === 'failed' && o.error instanceof AuthError)).toEqual([true, true]);
  expectNoSecret(out);
  // AuthError is not retried, and the second listing is not tried at all.
  expect(h.sim.requests).toHaveLength(1);
});

test('a spent daily quota fails fast with RateLimited and a long retryAfter, without retrying', async () => {
  const daily = h.sim.state.daily;
  const saved = daily.limit;
  daily.limit = daily.used; // the next call is over
  try {
    h.sim.resetRequests();
    const c = h.connect();
    const out = await c.writeStock([
      { ...ref(6001, 600101), target: UNLIMITED },
      { ...ref(6002, 600201), target: UNLIMITED },
    ]);
    for (const o of out) {
      expect(o.status).toBe('failed');
      const error = (o as unknown as { error: RateLimited }).error;
      expect(error).toBeInstanceOf(RateLimited);
      expect(error.retryAfterMs).toBeGreaterThanOrEqual(DAILY_QUOTA_BACKOFF_MS);
    }
    // One refused call, no retry, the second listing not even tried …
    expect(calls(h.sim)).toEqual(['GET /v3/application/listings/6001/inventory']);
    // … and then the store's client holds off without sending anything.
    const read = await c.readStock([ref(6001, 600101)]);
    expect(read[0]!.status === 'failed' && read[0]!.error).toBeInstanceOf(RateLimited);
    expect(calls(h.sim)).toHaveLength(1);
  } finally {
    daily.limit = saved;
  }
});

test('classify: x-remaining-this-second 0 pauses the store a second; a per-second 429 is left to the client', () => {
  const headers = (h: Record<string, string>) => ({ status: 200, headers: h, data: {} });
  expect(classifyEtsyResponse(headers({ 'x-remaining-this-second': '0', 'x-remaining-today': '500' }))).toEqual({ pauseMs: 1000 });
  expect(classifyEtsyResponse(headers({ 'x-remaining-this-second': '3', 'x-remaining-today': '500' }))).toBeUndefined();
  expect(classifyEtsyResponse({ status: 429, headers: { 'retry-after': '2', 'x-remaining-this-second': '0' }, data: {} })).toEqual({ pauseMs: 1000 });
  const daily = classifyEtsyResponse({ status: 429, headers: { 'retry-after': '7200', 'x-remaining-today': '0' }, data: {} });
  expect(daily?.error).toBeInstanceOf(RateLimited);
  expect(daily?.error?.retryAfterMs).toBe(7_200_000);
  // The last call of the day succeeded: it is not failed after the fact.
  expect(classifyEtsyResponse({ status: 200, headers: { 'x-remaining-today': '0' }, data: {} })).toBeUndefined();
});

test('a per-second throttle is waited out (at least Retry-After) and the write goes through', async () => {
  const c = h.connect();
  h.sim.faults.rateLimit(2, 1);
  const started = Date.now();
  const out = await c.writeStock([{ ...ref(6002, 600201), target: quantity(6) }]);
  expect(out[0]!.status).toBe('written');
  expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
  expect(h.sim.stock(ref(6002, 600201))).toEqual(quantity(6));
});
