/**
 * Connecting a BASE shop by its install flow, against the simulator over HTTP: the authorize URL as BASE
 * documents it, consent (approved / denied), the code exchange (+ users/me for the shop id), the one-hour
 * access token expiring on the simulator's clock, the refresh (rotated, redirect_uri required, 30-day refresh
 * token), and every refusal an AuthError in BASE's own words with no secret in it.
 */
import { AuthError, quantity } from '@stock-sync/plugin-api';
import { authorizeUrl, exchangeCode, validateCredentials } from '@stock-sync/plugin-sdk';
import { denyConsent, oauthSimView } from '@stock-sync/plugin-testkit/simulator';
import {
  connectByFlow,
  expectConnectsAndWrites,
  expectDeclinedConsentRefused,
  expectRefreshAfterExpiry,
  expectRefreshRefused,
  expectReplayedCodeRefused,
} from '@stock-sync/plugin-testkit/contract';
import { expectExpiresIn, expectNoSecretIn, useOAuthFlow } from '@stock-sync/plugin-testkit/contract';
import { createBasePlugin } from '../src';
import { SANDBOX_OAUTH_APP, simulator } from '../src/simulator';

const REDIRECT_URI = 'https://hub.example/oauth/callback/base';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const flow = useOAuthFlow({
  simulator,
  plugin: (now) => createBasePlugin({ now }),
  app: SANDBOX_OAUTH_APP,
  redirectUri: REDIRECT_URI,
  seed: [{ productId: '1234', variants: [{ variantId: '11', initial: quantity(3) }] }],
});
const { plugin, consent, exchangeContext, context } = flow;

async function connectShop(): Promise<Record<string, string>> {
  const store = await connectByFlow(flow);
  expect(store.externalStoreId).toBe('sandbox-shop'); // users/me's shop_id
  return store.credentials;
}

it('the authorize URL has exactly the documented parameters: response_type, client_id, redirect_uri, space-separated scope, state', () => {
  const url = new URL(authorizeUrl(plugin.oauth!, { app: SANDBOX_OAUTH_APP, inputs: {}, redirectUri: REDIRECT_URI, state: 's' }));
  expect(`${url.origin}${url.pathname}`).toBe('https://api.thebase.in/1/oauth/authorize');
  expect(Object.fromEntries(url.searchParams)).toEqual({
    response_type: 'code',
    client_id: SANDBOX_OAUTH_APP.clientId,
    redirect_uri: REDIRECT_URI,
    scope: 'read_users read_items write_items',
    state: 's',
  });
});

it('connects a shop: consent → code → tokens + users/me; the credentials are exactly the plugin’s fields and sync works', async () => {
  const location = await consent({ state: 'abc' });
  const cb = new URL(location);
  expect(cb.origin + cb.pathname).toBe(REDIRECT_URI);
  expect(cb.searchParams.get('state')).toBe('abc');
  const credentials = await connectShop();
  expect(Object.keys(credentials).sort()).toEqual([
    'accessToken',
    'accessTokenExpiresAt',
    'baseUrl',
    'redirectUri',
    'refreshToken',
    'refreshTokenExpiresAt',
  ]);
  expect(validateCredentials(plugin.credentialFields, credentials).ok).toBe(true);
  expect(credentials.redirectUri).toBe(REDIRECT_URI);
  expectExpiresIn(flow, credentials.accessTokenExpiresAt, HOUR_MS);
  expectExpiresIn(flow, credentials.refreshTokenExpiresAt, 30 * DAY_MS);
  await expectConnectsAndWrites(flow, credentials, { externalProductId: '1234', externalVariantId: '11' }, quantity(7));
});

it('denied consent: the callback carries error=access_denied and the exchange is an AuthError, no token call', async () => {
  denyConsent(flow.sim);
  const callback = await expectDeclinedConsentRefused(flow, { state: 'st' });
  expect(Object.fromEntries(callback)).toEqual({ error: 'access_denied', state: 'st' });
});

it('a replayed code is refused in BASE’s words (不正な認可コードです。) as an AuthError', async () => {
  const { error } = await expectReplayedCodeRefused(flow);
  expect(error.message).toContain('不正な認可コードです。');
});

it('the access token stops after its hour (simulator clock); the refresh renews it, rotates the refresh token, and sync resumes', async () => {
  const credentials = await connectShop();
  const renewed = await expectRefreshAfterExpiry(flow, credentials, HOUR_MS, ['POST /1/oauth/token 200']);
  expect(renewed.refreshToken).not.toBe(credentials.refreshToken);
  expect(renewed.redirectUri).toBe(REDIRECT_URI);
  expect(renewed.baseUrl).toBe(credentials.baseUrl);
  expectExpiresIn(flow, renewed.accessTokenExpiresAt, HOUR_MS);
  expectExpiresIn(flow, renewed.refreshTokenExpiresAt, 30 * DAY_MS);
  expect(oauthSimView(flow.sim).counts.refreshes).toBe(1);

  // The spent refresh token is refused in BASE's words.
  const spent = await expectRefreshRefused(flow, credentials);
  expect(spent.message).toContain('不正なリフレッシュトークンです。');
  expectNoSecretIn(spent, [renewed.refreshToken!]);
});

it('a refresh token past its 30 days is refused (リフレッシュトークンの有効期限が切れています。): AuthError, the shop needs connecting again', async () => {
  const credentials = await connectShop();
  flow.advance(30 * DAY_MS);
  const err = await expectRefreshRefused(flow, credentials);
  expect(err.message).toContain('リフレッシュトークンの有効期限が切れています。');
});

it('the merchant revoking the app: the refresh is an AuthError', async () => {
  const credentials = await connectShop();
  flow.sim.faults.revokeCredentials();
  await expectRefreshRefused(flow, credentials);
});

it('no redirectUri or no refreshToken stored, or no app configured: an AuthError before any call', async () => {
  const credentials = await connectShop();
  flow.sim.resetRequests();
  const { redirectUri: _r, ...noRedirect } = credentials;
  await expect(plugin.refreshCredentials!(context(noRedirect))).rejects.toThrow(/redirectUri/);
  const { refreshToken: _t, ...noRefresh } = credentials;
  await expect(plugin.refreshCredentials!(context(noRefresh))).rejects.toBeInstanceOf(AuthError);
  await expect(plugin.refreshCredentials!(context(credentials, null))).rejects.toBeInstanceOf(AuthError);
  expect(flow.sim.requests).toHaveLength(0);
});

it('simulator: a refresh without redirect_uri is refused (BASE lists it as 必須), with BASE’s 400 body', async () => {
  const credentials = await connectShop();
  const res = await fetch(`${flow.sim.baseUrl}/1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: flow.app.clientId,
      client_secret: flow.app.clientSecret,
      refresh_token: credentials.refreshToken!,
    }).toString(),
  });
  expect(res.status).toBe(400);
  expect(await res.json()).toEqual({ error: 'invalid_request', error_description: '不正なパラメーターです。' });
});

it('a code used after its lifetime is refused (認可コードの有効期限が切れています。)', async () => {
  const location = await consent();
  flow.advance(601_000); // the kit's code lives 10 minutes
  const err = await exchangeCode(plugin.oauth!, exchangeContext(location)).catch((e) => e);
  expect(err).toBeInstanceOf(AuthError);
  expect(err.message).toContain('認可コードの有効期限が切れています。');
});
