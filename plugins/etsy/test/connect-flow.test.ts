/**
 * Connecting an Etsy shop by its install flow, against the simulator over HTTP: the documented authorize URL
 * with PKCE S256, consent (approved / denied), the code exchange (client_id alone + code_verifier) and getMe for
 * the shop, the hour's expiry on the simulator clock, the refresh of a flow-connected store (rotated, 90-day
 * refresh token), and the refusals (wrong verifier, replayed code) as AuthErrors with no secret in them.
 */
import { AuthError, quantity } from '@stock-sync/plugin-api';
import { authorizeUrl, exchangeCode, pkcePair, validateCredentials } from '@stock-sync/plugin-sdk';
import { denyConsent, oauthSimView } from '@stock-sync/plugin-testkit/simulator';
import {
  connectByFlow,
  expectConnectsAndWrites,
  expectDeclinedConsentRefused,
  expectRefreshAfterExpiry,
  expectRefreshRefused,
  expectReplayedCodeRefused,
} from '@stock-sync/plugin-testkit/contract';
import { expectExpiresIn, expectNoSecretIn, requestLines, useOAuthFlow } from '@stock-sync/plugin-testkit/contract';
import { createEtsyPlugin } from '../src';
import { SANDBOX_OAUTH_APP, simulator } from '../src/simulator';
import { SIM_SHOP_ID } from '../src/simulator/sim-state';
import { listingSeed, ref } from './etsy-harness';

const REDIRECT_URI = 'https://hub.example/oauth/callback/etsy';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

// Each test two seconds on from the last on the simulator clock: Etsy's per-second budget starts refilled.
const flow = useOAuthFlow({
  simulator,
  plugin: (now) => createEtsyPlugin({ now }),
  app: SANDBOX_OAUTH_APP,
  redirectUri: REDIRECT_URI,
  seed: [listingSeed(8001, 1)],
  stepEachTest: 2_000,
});
const { plugin, consent, exchangeContext, context } = flow;

async function connectShop(): Promise<Record<string, string>> {
  const pkce = pkcePair();
  const store = await connectByFlow(flow, { codeChallenge: pkce.challenge, codeVerifier: pkce.verifier });
  expect(store.externalStoreId).toBe(String(SIM_SHOP_ID));
  return store.credentials;
}

it('the authorize URL is the documented one: www.etsy.com/oauth/connect with client_id, redirect_uri, space-separated scope, state and an S256 challenge', () => {
  const url = new URL(
    authorizeUrl(plugin.oauth!, {
      app: SANDBOX_OAUTH_APP,
      inputs: {},
      redirectUri: REDIRECT_URI,
      state: 'superstate',
      codeChallenge: 'DSWlW2Abh-cf8CeLL8-g3hQ2WQyYdKyiu83u_s7nRhI',
    }),
  );
  expect(`${url.origin}${url.pathname}`).toBe('https://www.etsy.com/oauth/connect');
  expect(Object.fromEntries(url.searchParams)).toEqual({
    response_type: 'code',
    client_id: SANDBOX_OAUTH_APP.clientId,
    redirect_uri: REDIRECT_URI,
    scope: 'listings_r listings_w',
    state: 'superstate',
    code_challenge: 'DSWlW2Abh-cf8CeLL8-g3hQ2WQyYdKyiu83u_s7nRhI',
    code_challenge_method: 'S256',
  });
  // PKCE is required: no challenge, no URL.
  expect(() => authorizeUrl(plugin.oauth!, { app: SANDBOX_OAUTH_APP, inputs: {}, redirectUri: REDIRECT_URI, state: 's' })).toThrow(/PKCE/);
});

it('connects a shop: consent → code → tokens (client_id + code_verifier, no secret) → getMe; the credentials are the plugin’s fields and sync works', async () => {
  const pkce = pkcePair();
  const location = await consent({ codeChallenge: pkce.challenge, state: 'abc' });
  expect(new URL(location).searchParams.get('state')).toBe('abc');
  flow.sim.resetRequests();
  const store = await exchangeCode(plugin.oauth!, exchangeContext(location, { codeVerifier: pkce.verifier }));
  expect(requestLines(flow.sim)).toEqual(['POST /v3/public/oauth/token 200', 'GET /v3/application/users/me 200']);
  const c = store.credentials;
  expect(Object.keys(c).sort()).toEqual([
    'accessToken',
    'accessTokenExpiresAt',
    'apiKey',
    'baseUrl',
    'refreshToken',
    'refreshTokenExpiresAt',
    'sharedSecret',
    'shopId',
  ]);
  expect(validateCredentials(plugin.credentialFields, c).ok).toBe(true);
  expect(c).toMatchObject({ apiKey: flow.app.clientId, sharedSecret: flow.app.clientSecret, shopId: String(SIM_SHOP_ID) });
  expect(c.accessToken).toMatch(/^\d+\./); // '<user_id>.<token>'
  expectExpiresIn(flow, c.accessTokenExpiresAt, HOUR_MS);
  expectExpiresIn(flow, c.refreshTokenExpiresAt, 90 * DAY_MS);
  await expectConnectsAndWrites(flow, c, ref(8001, 800101), quantity(5));
});

it('a wrong code_verifier is refused (invalid_grant): an AuthError with neither code nor verifier in it', async () => {
  const pkce = pkcePair();
  const location = await consent({ codeChallenge: pkce.challenge });
  const wrong = pkcePair().verifier;
  const err = await exchangeCode(plugin.oauth!, exchangeContext(location, { codeVerifier: wrong })).catch((e) => e);
  expect(err).toBeInstanceOf(AuthError);
  expect(err.message).toMatch(/invalid_grant/);
  expectNoSecretIn(err, [new URL(location).searchParams.get('code')!, wrong, pkce.verifier]);
});

it('a replayed code is refused and revokes what the first exchange issued', async () => {
  const pkce = pkcePair();
  const { first } = await expectReplayedCodeRefused(flow, { codeChallenge: pkce.challenge, codeVerifier: pkce.verifier });
  await expect(plugin.connect(context(first.credentials)).verify()).rejects.toBeInstanceOf(AuthError);
});

it('denied consent: error=access_denied comes back with the state; the exchange is an AuthError and sends nothing', async () => {
  denyConsent(flow.sim);
  const q = await expectDeclinedConsentRefused(flow, { codeChallenge: pkcePair().challenge, state: 'st', codeVerifier: 'unused-verifier' });
  expect([q.get('error'), q.get('state')]).toEqual(['access_denied', 'st']);
});

it('a flow-connected store: the token expires after its hour (simulator clock), the refresh renews it (rotated), sync resumes', async () => {
  const credentials = await connectShop();
  const renewed = await expectRefreshAfterExpiry(flow, credentials, HOUR_MS, ['POST /v3/public/oauth/token 200']);
  expect(renewed.refreshToken).not.toBe(credentials.refreshToken);
  for (const k of ['apiKey', 'sharedSecret', 'shopId', 'baseUrl']) expect(renewed[k]).toBe(credentials[k]);
  expectExpiresIn(flow, renewed.refreshTokenExpiresAt, 90 * DAY_MS);
  expect(oauthSimView(flow.sim).counts.refreshes).toBe(1);

  const spent = await expectRefreshRefused(flow, credentials);
  expect(spent.message).toMatch(/invalid_grant/);
});

it('a refresh token past its 90 days is refused: AuthError (the shop must be connected again)', async () => {
  const credentials = await connectShop();
  flow.advance(90 * DAY_MS);
  await expectRefreshRefused(flow, credentials);
});

it('the refresh uses the store’s own keystring: without the hub’s app, and when the hub’s app is another one', async () => {
  const credentials = await connectShop();
  const renewed = await plugin.refreshCredentials!(context(credentials, null));
  expect(renewed.accessToken).not.toBe(credentials.accessToken);
  // A refresh token belongs to the app that obtained it: another configured app must not replace its client_id.
  const again = await plugin.refreshCredentials!(
    context(renewed, { clientId: 'another-app-keystring', clientSecret: 'x', baseUrl: flow.sim.baseUrl }),
  );
  expect(again.accessToken).not.toBe(renewed.accessToken);
});
