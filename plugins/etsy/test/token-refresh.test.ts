/**
 * Etsy's expiring OAuth tokens: the access token lives an hour (then 401 invalid_token "access token is
 * expired"), refreshCredentials renews it through the refresh-token grant, and Etsy's quirks hold — the
 * refresh token is single-use (rotated), client_id is the keystring alone, the token endpoint needs no
 * x-api-key or bearer, and a revoked grant is an AuthError.
 */
import { AuthError, quantity } from '@stock-sync/plugin-api';
import { plugin } from '../src';
import { clientIdOf } from '../src/etsy-api';
import { OAUTH_TOKEN_PATH, expireAccessTokens, revokeRefreshTokens } from '../src/simulator';
import { SIM_ACCESS_TOKEN_TTL_MS, SIM_KEYSTRING, createSimOAuth } from '../src/simulator/sim-state';
import { calls, etsyFetch, listingSeed, ref, startHarness, type Harness } from './etsy-harness';

/** The simulator's clock runs with real time (its rate bucket refills) plus a skew the tests move forward. */
let skew = 0;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: () => Date.now() + skew });
  h.sim.seed([listingSeed(7001, 2)]);
});
afterAll(() => h.close());
beforeEach(() => {
  // Two seconds later on the simulator's clock: each test starts with Etsy's per-second budget refilled, so a
  // raw call right after a busy test is not answered 429 (that flaked under CI load).
  skew += 2_000;
  // A fresh token world per test: the seeded access and refresh tokens, live again.
  h.sim.state.oauth = createSimOAuth();
  h.sim.faults.clear();
  h.sim.faults.restoreCredentials();
  h.sim.resetRequests();
});

function noSecretIn(value: unknown, secrets: string[]) {
  const text = JSON.stringify(value, (_k, v) => (v instanceof Error ? { ...v, name: v.name, message: v.message } : v));
  for (const s of secrets) expect(text).not.toContain(s);
}

test('the access token expires after its hour: 401 invalid_token "access token is expired", an AuthError', async () => {
  h.sim.state.oauth.seededTokenTtlMs = SIM_ACCESS_TOKEN_TTL_MS; // seeded tokens are long-lived unless a test opts in
  const c = h.connect();
  await expect(c.verify()).resolves.toBeUndefined(); // first use starts the seeded token's hour
  skew += SIM_ACCESS_TOKEN_TTL_MS - 2_000;
  await expect(c.verify()).resolves.toBeUndefined();
  skew += 2_000;
  const err = await c.verify().catch((e) => e);
  expect(err).toBeInstanceOf(AuthError);
  const raw = await etsyFetch(h.sim, 'GET', '/v3/application/users/me');
  expect(raw.status).toBe(401);
  expect(raw.body).toEqual({ error: 'invalid_token', error_description: 'access token is expired' });
});

test('refreshCredentials: a new access token and a rotated refresh token, every other field kept; the write goes through', async () => {
  expireAccessTokens(h.sim.state);
  const before = h.context();
  const out = await h.connect().writeStock([{ ...ref(7001, 700101), target: quantity(4) }]);
  expect(out[0]!.status === 'failed' && out[0]!.error).toBeInstanceOf(AuthError);

  h.sim.resetRequests();
  const renewed = await plugin.refreshCredentials!(before);
  expect(calls(h.sim)).toEqual([`POST ${OAUTH_TOKEN_PATH}`]);
  expect(renewed.accessToken).not.toBe(before.credentials.accessToken);
  expect(renewed.refreshToken).not.toBe(before.credentials.refreshToken);
  expect(renewed.accessToken).toMatch(/^\d+\./); // '<user_id>.<token>', as Etsy issues them
  for (const k of ['apiKey', 'sharedSecret', 'shopId', 'baseUrl']) expect(renewed[k]).toBe(before.credentials[k]);
  expect(Date.parse(renewed.accessTokenExpiresAt!) - Date.now()).toBeGreaterThan(3_500_000);
  expect(h.sim.state.oauth.refreshes).toBe(1);

  const written = await h.connect(renewed).writeStock([{ ...ref(7001, 700101), target: quantity(4) }]);
  expect(written[0]!.status).toBe('written');
  expect(h.sim.stock(ref(7001, 700101))).toEqual(quantity(4));
});

test('the refresh token is single-use: refreshing again with the spent one is refused (AuthError), the new one works', async () => {
  const first = h.context();
  const renewed = await plugin.refreshCredentials!(first);
  const again = await plugin.refreshCredentials!(h.context()).catch((e) => e);
  expect(again).toBeInstanceOf(AuthError);
  expect(again.message).toMatch(/invalid_grant/);
  noSecretIn(again, [first.credentials.refreshToken!, renewed.refreshToken!]);
  await expect(plugin.refreshCredentials!(h.context(renewed))).resolves.toMatchObject({ shopId: first.credentials.shopId });
});

test('a revoked grant (the user removed the app) is an AuthError with no secret in it; nothing is retried', async () => {
  h.sim.faults.revokeCredentials();
  const ctx = h.context();
  const err = await plugin.refreshCredentials!(ctx).catch((e) => e);
  expect(err).toBeInstanceOf(AuthError);
  expect(calls(h.sim)).toEqual([`POST ${OAUTH_TOKEN_PATH}`]);
  noSecretIn(err, [ctx.credentials.refreshToken!, ctx.credentials.accessToken!, ctx.credentials.sharedSecret!]);

  h.sim.faults.restoreCredentials();
  revokeRefreshTokens(h.sim.state);
  await expect(plugin.refreshCredentials!(h.context())).rejects.toBeInstanceOf(AuthError);
});

test('no refreshToken stored: an AuthError at once, no call', async () => {
  await expect(plugin.refreshCredentials!(h.context({ refreshToken: undefined }))).rejects.toBeInstanceOf(AuthError);
  expect(h.sim.requests).toHaveLength(0);
  // A token Etsy never issued as an access token (here: the refresh token) is refused like a revoked one.
  const bad = await etsyFetch(h.sim, 'GET', '/v3/application/users/me', {
    headers: { authorization: `Bearer ${h.sim.credentials.refreshToken}` },
  });
  expect([bad.status, bad.body.error]).toEqual([401, 'invalid_token']);
});

test('client_id is the keystring alone, also when apiKey holds "keystring:shared_secret"', async () => {
  expect(clientIdOf('abc:def')).toBe('abc');
  expect(clientIdOf('abc')).toBe('abc');
  const combined = `${h.sim.credentials.apiKey}:${h.sim.credentials.sharedSecret}`;
  await expect(plugin.refreshCredentials!(h.context({ apiKey: combined, sharedSecret: undefined }))).resolves.toHaveProperty('accessToken');
});

test('simulator fidelity: the token endpoint is keyless and form-encoded; it rejects a JSON body, x-api-key as client_id, unknown grants', async () => {
  const form = (f: Record<string, string>) =>
    etsyFetch(h.sim, 'POST', OAUTH_TOKEN_PATH, { form: f, headers: { 'x-api-key': '', authorization: '' } });
  const base = { grant_type: 'refresh_token', client_id: SIM_KEYSTRING, refresh_token: h.sim.credentials.refreshToken! };
  expect((await form({ ...base, client_id: `${SIM_KEYSTRING}:${h.sim.credentials.sharedSecret}` })).body).toMatchObject({
    error: 'invalid_client',
  });
  expect((await form({ ...base, grant_type: 'password' })).body).toMatchObject({ error: 'unsupported_grant_type' });
  // The authorization_code grant needs a code (the consent flow's; test/connect-flow.test.ts).
  expect((await form({ ...base, grant_type: 'authorization_code' })).body).toMatchObject({ error: 'invalid_request' });
  expect((await form({ grant_type: 'refresh_token', client_id: SIM_KEYSTRING })).body).toMatchObject({ error: 'invalid_request' });
  const json = await etsyFetch(h.sim, 'POST', OAUTH_TOKEN_PATH, { json: base });
  expect([json.status, json.body.error]).toEqual([400, 'invalid_request']);
  const ok = await form(base);
  expect(ok.status).toBe(200);
  expect(Object.keys(ok.body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
  expect(ok.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
});
