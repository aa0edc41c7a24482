/**
 * The plugin's own parsing over BASE's documented answers (test/evidence, from the official baseinc/api-docs),
 * replayed by a bare loopback server through the real SDK client — no simulator involved.
 */
import { join } from 'node:path';
import { AuthError, NotFound, quantity as Q, RateLimited, Rejected } from '@stock-sync/plugin-api';
import { createHttpClient, exchangeCode } from '@stock-sync/plugin-sdk';
import { callbackFromLocation } from '@stock-sync/plugin-testkit/simulator';
import { evidenceIn, useReplayConnection } from '@stock-sync/plugin-testkit/evidence';
import { recordingLogger } from '@stock-sync/plugin-testkit/contract';
import { createBasePlugin, plugin } from '../src';

const { doc, response: answer, names } = evidenceIn(join(__dirname, 'evidence'));
const v = (variantId: string, itemId = '1234') => ({ externalProductId: itemId, externalVariantId: variantId });

const replay = useReplayConnection(plugin, { accessToken: 'fake-evidence-token' });
const { connectTo } = replay;

it('every evidence file names a public source and a date', () => {
  expect(names().length).toBe(22);
});

it('verify accepts the documented users/me answer (users-me)', async () => {
  const c = await connectTo([answer('users-me')]);
  await expect(c.verify()).resolves.toBeUndefined();
  expect(replay.requests[0]).toMatchObject({ method: 'GET', path: '/1/users/me' });
  expect(replay.requests[0].headers.authorization).toBe('Bearer fake-evidence-token');
});

it('reads the documented item detail: each variation_stock (items-detail)', async () => {
  const c = await connectTo([answer('items-detail')]);
  const out = await c.readStock([v('12'), v('11')]);
  expect(out).toEqual([
    { ...v('12'), status: 'found', stock: Q(4) },
    { ...v('11'), status: 'found', stock: Q(6) },
  ]);
  expect(replay.requests).toHaveLength(1);
  expect(replay.requests[0]).toMatchObject({ method: 'GET', path: '/1/items/detail/1234' });
});

it('a variation the documented item does not list is NotFound (items-detail)', async () => {
  const c = await connectTo([answer('items-detail')]);
  const [o] = await c.readStock([v('13')]);
  expect(o.status === 'failed' && o.error).toBeInstanceOf(NotFound);
});

it('the documented no_item answer of items/detail is NotFound, not a refusal (items-detail-no-item)', async () => {
  const c = await connectTo([answer('items-detail-no-item')]);
  const [o] = await c.readStock([v('11', '999999')]);
  expect(o.status === 'failed' && o.error).toBeInstanceOf(NotFound);
});

it('writes the documented form fields and accepts the documented echo (items-edit)', async () => {
  const c = await connectTo([answer('items-edit')]);
  const out = await c.writeStock([
    { ...v('11'), target: Q(6) },
    { ...v('12'), target: Q(14) },
    { ...v('13'), target: Q(10) },
  ]);
  expect(out.map((o) => o.status)).toEqual(['written', 'written', 'written']);
  const r = replay.requests[0];
  expect(`${r.method} ${r.path}`).toBe('POST /1/items/edit');
  expect(String(r.headers['content-type'])).toContain('application/x-www-form-urlencoded');
  expect(Object.fromEntries(new URLSearchParams(r.body))).toEqual(doc('items-edit').request!.body);
});

it('an echo that does not show the target is never recorded as written (items-edit)', async () => {
  const c = await connectTo([answer('items-edit')]);
  const [o] = await c.writeStock([{ ...v('11'), target: Q(7) }]);
  expect(o.status === 'failed' && o.error).toBeInstanceOf(Rejected);
});

it('bad_variation_id names no variation: one detail read narrows it, the rest is sent again (items-edit-bad-variation-id)', async () => {
  const c = await connectTo([answer('items-edit-bad-variation-id'), answer('items-detail'), answer('items-edit')]);
  const out = await c.writeStock([
    { ...v('11'), target: Q(6) },
    { ...v('99'), target: Q(1) },
  ]);
  expect(out[0].status).toBe('written');
  expect(out[1].status === 'failed' && out[1].error).toBeInstanceOf(NotFound);
  expect(replay.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    'POST /1/items/edit',
    'GET /1/items/detail/1234',
    'POST /1/items/edit',
  ]);
});

it('bad_item_id is NotFound for the item’s changes (items-edit-bad-item-id)', async () => {
  const c = await connectTo([answer('items-edit-bad-item-id')]);
  const [o] = await c.writeStock([{ ...v('11'), target: Q(1) }]);
  expect(o.status === 'failed' && o.error).toBeInstanceOf(NotFound);
});

it.each(['items-edit-validation-error', 'items-edit-digital-content'])('%s is Rejected with BASE’s code', async (name) => {
  const c = await connectTo([answer(name)]);
  const [o] = await c.writeStock([{ ...v('11'), target: Q(1) }]);
  expect(o.status === 'failed' && o.error).toBeInstanceOf(Rejected);
  expect(o.status === 'failed' && o.error.message).toContain((answer(name).body as { error: string }).error);
});

it.each(['error-token-invalid', 'error-invalid-scope'])('%s is AuthError', async (name) => {
  const c = await connectTo([answer(name)]);
  await expect(c.verify()).rejects.toBeInstanceOf(AuthError);
});

it('hour_api_limit waits until the hour changes, on the injected clock (error-hour-api-limit)', async () => {
  const at = Date.UTC(2026, 0, 5, 10, 59, 0); // 10:59:00 UTC: one minute to the hour
  const c = await connectTo([answer('error-hour-api-limit')], createBasePlugin({ now: () => at }));
  const [o] = await c.writeStock([{ ...v('11'), target: Q(1) }]);
  expect(o.status === 'failed' && o.error).toBeInstanceOf(RateLimited);
  expect(o.status === 'failed' && (o.error as RateLimited).retryAfterMs).toBe(60_000);
});

it('day_api_limit waits until the date changes in Japan time, on the injected clock (error-day-api-limit)', async () => {
  const at = Date.UTC(2026, 0, 5, 14, 58, 0); // 23:58 JST
  const c = await connectTo([answer('error-day-api-limit')], createBasePlugin({ now: () => at }));
  const [o] = await c.writeStock([{ ...v('11'), target: Q(1) }]);
  expect(o.status === 'failed' && (o.error as RateLimited).retryAfterMs).toBe(120_000);
});

describe('OAuth: the documented token endpoint', () => {
  const documentedForm = (name: string) => doc(name).request!.body as Record<string, string>;
  const at = Date.UTC(2026, 11, 2, 12, 0, 0);
  const clocked = createBasePlugin({ now: () => at });
  const client = () => createHttpClient({ rateLimit: plugin.manifest.rateLimit, log: recordingLogger(), maxAttempts: 1 });

  it('the code exchange sends the documented form, reads the documented answer, then users/me for the shop (oauth-token-authorization-code, users-me)', async () => {
    await replay.start([answer('oauth-token-authorization-code'), answer('users-me')]);
    const form = documentedForm('oauth-token-authorization-code');
    const app = { clientId: form.client_id, clientSecret: 'the-app-secret', baseUrl: replay.baseUrl };
    const location = `${form.redirect_uri}?code=${form.code}&state=hogehoge`;
    const store = await exchangeCode(clocked.oauth!, {
      app,
      inputs: {},
      redirectUri: form.redirect_uri,
      callback: callbackFromLocation(location),
      http: client(),
      log: recordingLogger(),
    });
    const token = answer('oauth-token-authorization-code').body as Record<string, string | number>;
    expect(store).toEqual({
      externalStoreId: 'shop',
      credentials: {
        accessToken: token.access_token,
        refreshToken: token.refresh_token,
        redirectUri: form.redirect_uri,
        accessTokenExpiresAt: '2026-12-02T13:00:00.000Z',
        refreshTokenExpiresAt: '2027-01-01T12:00:00.000Z',
        baseUrl: replay.baseUrl,
      },
    });
    const [tokenCall, me] = replay.requests;
    expect(`${tokenCall.method} ${tokenCall.path}`).toBe('POST /1/oauth/token');
    expect(String(tokenCall.headers['content-type'])).toContain('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(tokenCall.body))).toEqual({ ...form, client_secret: 'the-app-secret' });
    expect(`${me.method} ${me.path}`).toBe('GET /1/users/me');
    expect(me.headers.authorization).toBe(`Bearer ${token.access_token}`);
  });

  it('the refresh sends exactly the documented form (redirect_uri included) and keeps the returned refresh token (oauth-token-refresh)', async () => {
    await replay.start([answer('oauth-token-refresh')]);
    const form = documentedForm('oauth-token-refresh');
    const app = { clientId: form.client_id, clientSecret: 'the-app-secret' };
    const credentials = { baseUrl: replay.baseUrl, accessToken: 'old', refreshToken: form.refresh_token, redirectUri: form.redirect_uri };
    const next = await clocked.refreshCredentials!({ credentials, http: client(), log: recordingLogger(), app });
    const token = answer('oauth-token-refresh').body as Record<string, string>;
    expect(next).toEqual({
      ...credentials,
      accessToken: token.access_token,
      refreshToken: token.refresh_token,
      accessTokenExpiresAt: '2026-12-02T13:00:00.000Z',
      refreshTokenExpiresAt: '2027-01-01T12:00:00.000Z',
    });
    expect(Object.fromEntries(new URLSearchParams(replay.requests[0].body))).toEqual({ ...form, client_secret: 'the-app-secret' });
  });

  it.each([
    'oauth-token-error-bad-refresh-token',
    'oauth-token-error-refresh-token-expired',
    'oauth-token-error-bad-code',
    'oauth-token-error-code-expired',
    'oauth-token-error-unknown-client',
    'oauth-token-error-suspended-client',
  ])('%s: a refused grant is an AuthError carrying BASE’s reason', async (name) => {
    await replay.start([answer(name)]);
    const credentials = { baseUrl: replay.baseUrl, accessToken: 'old', refreshToken: 'rt', redirectUri: 'https://hub.example/cb' };
    const err = await clocked.refreshCredentials!({
      credentials,
      http: client(),
      log: recordingLogger(),
      app: { clientId: 'c', clientSecret: 's' },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toContain((answer(name).body as { error_description: string }).error_description);
  });
});
