/**
 * Auth (x-api-key 'keystring:shared_secret' + OAuth bearer; the token must own the shop) and Etsy's rate
 * signals as the plugin reads them.
 */
import { AuthError, RateLimited, UNLIMITED, quantity } from '@stock-sync/plugin-api';
import { declaredSignalsPauseMs } from '@stock-sync/plugin-sdk';
import type { HttpResponse } from '@stock-sync/plugin-api';
import { credentialFields, manifest } from '../src';
import { DAILY_QUOTA_BACKOFF_MS, classifyEtsyResponse, createEtsyClassifier } from '../src/classify-response';
import { apiKeyHeader } from '../src/etsy-api';
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

test('verify passes with keystring + shared secret (an apiKey pasted as keystring:secret adds only its keystring)', async () => {
  await expect(h.connect().verify()).resolves.toBeUndefined();
  const combined = `${h.sim.credentials.apiKey}:${h.sim.credentials.sharedSecret}`;
  await expect(h.connect({ apiKey: combined }).verify()).resolves.toBeUndefined();
});

test('sharedSecret is a required credential: without it nothing is sent and every call fails AuthError naming it', async () => {
  expect(credentialFields.find((f) => f.name === 'sharedSecret')).toMatchObject({ required: true, secret: true });
  h.sim.resetRequests();
  for (const sharedSecret of [undefined, '', '  ']) {
    const c = h.connect({ sharedSecret });
    const err = await c.verify().catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toMatch(/sharedSecret/);
    expectNoSecret(err);
    const out = await c.writeStock([{ ...ref(6001, 600101), target: quantity(1) }]);
    expect(out[0]!.status === 'failed' && out[0]!.error).toBeInstanceOf(AuthError);
  }
  expect(h.sim.requests).toHaveLength(0);
  // Etsy's own refusal of a bare keystring (https://developers.etsy.com/documentation/essentials/authentication).
  expect(apiKeyHeader({ apiKey: 'k', sharedSecret: 's' })).toBe('k:s');
});

test('a token that does not own the configured shop fails verify', async () => {
  const err = await h
    .connect({ shopId: '11111111' })
    .verify()
    .catch((e) => e);
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

test('classify: x-remaining-this-second 0 pauses the store a second (the declared signal); a per-second 429 is left to the client', () => {
  const headers = (h: Record<string, string>) => ({ status: 200, headers: h, data: {} });
  const pauseMs = (res: HttpResponse) => declaredSignalsPauseMs(res, manifest.rateLimit.signals ?? []);
  expect(pauseMs(headers({ 'x-remaining-this-second': '0', 'x-remaining-today': '500' }))).toBe(1000);
  expect(pauseMs(headers({ 'x-remaining-this-second': '3', 'x-remaining-today': '500' }))).toBeUndefined();
  const perSecond = { status: 429, headers: { 'retry-after': '2', 'x-remaining-this-second': '0' }, data: {} };
  expect(pauseMs(perSecond)).toBe(1000);
  expect(classifyEtsyResponse(perSecond)).toBeUndefined();
  expect(classifyEtsyResponse(headers({ 'x-remaining-this-second': '0', 'x-remaining-today': '500' }))).toBeUndefined();
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

test('a 429 without any rate header: the per-second budget first, the daily quota when it cannot be that', () => {
  let t = 0;
  const bare = { status: 429, headers: {}, data: { error: 'Too many requests' } };
  const ok = (today: string) => ({ status: 200, headers: { 'x-remaining-today': today, 'x-remaining-this-second': '5' }, data: {} });
  // Plenty of daily budget: one bare 429 is waited out like the per-second budget; another within the same
  // second (concurrent calls) too; one more after the window has passed can only be the daily quota.
  const c = createEtsyClassifier(() => t);
  expect(c(ok('5000'))).toBeUndefined();
  // A 429 that says budget is left this second can only be the daily quota.
  expect(createEtsyClassifier(() => t)({ status: 429, headers: { 'x-remaining-this-second': '4' }, data: {} })!.error).toBeInstanceOf(
    RateLimited,
  );
  expect(c(bare)).toEqual({ pauseMs: 1000 });
  t += 300;
  expect(c(bare)).toEqual({ pauseMs: 1000 });
  t += 1_200;
  const daily = c(bare)!.error;
  expect(daily).toBeInstanceOf(RateLimited);
  expect(daily!.retryAfterMs).toBeGreaterThanOrEqual(DAILY_QUOTA_BACKOFF_MS);
  // A success in between starts over.
  expect(c(ok('4000'))).toBeUndefined();
  expect(c(bare)).toEqual({ pauseMs: 1000 });
  // The daily budget last seen nearly spent: the first bare 429 is already the daily quota.
  const low = createEtsyClassifier(() => t);
  low(ok('3'));
  expect(low(bare)!.error).toBeInstanceOf(RateLimited);
});

test('a spent daily quota answered with a bare 429 (no rate headers) stops the store without hammering', async () => {
  const c = h.connect();
  await c.readStock([ref(6001, 600101)]);
  // The daily budget is spent and Etsy answers with a header-less 429, as its older rate-limit page describes.
  const daily = h.sim.state.daily;
  const saved = daily.limit;
  daily.limit = daily.used;
  daily.headerless = true;
  h.sim.resetRequests();
  try {
    const out = await c.writeStock([
      { ...ref(6001, 600101), target: quantity(2) },
      { ...ref(6002, 600201), target: quantity(2) },
    ]);
    expect(out.map((o) => o.status === 'failed' && o.error instanceof RateLimited)).toEqual([true, true]);
    const err = out[0]!.status === 'failed' ? (out[0]!.error as RateLimited) : undefined;
    expect(err!.retryAfterMs).toBeGreaterThanOrEqual(DAILY_QUOTA_BACKOFF_MS);
    // At most one try and one retry after the per-second window, then nothing more for this store.
    expect(h.sim.requests.length).toBeLessThanOrEqual(2);
    expect(err!.message).toMatch(/daily request quota/);
  } finally {
    daily.limit = saved;
    daily.headerless = false;
  }
});
