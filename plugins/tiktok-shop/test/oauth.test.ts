/**
 * Connecting a TikTok Shop by its seller authorization, against the simulator over HTTP: the authorize link
 * (app_key + state), the auth host's token/get (authorized_code) and token/refresh as GETs with TikTok's envelope
 * and Unix-timestamp expiries, the shop's cipher and id from Get Authorized Shops, the seven-day access token on the
 * simulator clock, rotation, refusals as AuthErrors with no secret in them, and the signed deauthorization webhook.
 * Plus the plugin's parsing of the documented token answer and webhook signature (test/evidence).
 */
import { join } from 'node:path';
import { AuthError, quantity, Rejected } from '@stock-sync/plugin-api';
import { authorizeUrl, exchangeCode, validateCredentials } from '@stock-sync/plugin-sdk';
import type { HttpClient, HttpRequest } from '@stock-sync/plugin-api';
import { denyConsent, inboundRequest, oauthSimView } from '@stock-sync/plugin-testkit/simulator';
import { evidence } from '@stock-sync/plugin-testkit/evidence';
import {
  expectConnectsAndWrites,
  expectDeclinedConsentRefused,
  expectRefreshAfterExpiry,
  expectReplayedCodeRefused,
} from '@stock-sync/plugin-testkit/contract';
import { expectExpiresIn, expectNoSecretIn, inboundPost, requestLines, useOAuthFlow } from '@stock-sync/plugin-testkit/contract';
import { chooseShop, plugin, tokensFrom, verifyDeauthorization } from '../src';
import { SANDBOX_OAUTH_APP, signedDeauthorization, simulator } from '../src/simulator';
import type { TikTokShop } from '../src/tiktok-api';

const DIR = join(__dirname, 'evidence');
const REDIRECT_URI = 'https://hub.example/oauth/callback/tiktok-shop';
const DAY_MS = 24 * 3_600_000;

// The plugin keeps real time; the flow's clock moves the simulator's.
const flow = useOAuthFlow({
  simulator,
  plugin: () => plugin,
  app: SANDBOX_OAUTH_APP,
  redirectUri: REDIRECT_URI,
  seed: [{ productId: '1729592969712207000', variants: [{ variantId: '1729592969712207008', initial: quantity(2) }] }],
});
const { consent, exchangeContext, context, http } = flow;

async function connectShop(): Promise<Record<string, string>> {
  const store = await exchangeCode(plugin.oauth!, exchangeContext(await consent()));
  return store.credentials;
}

it('the authorize link is the auth host’s /oauth/authorize with app_key and state (redirect_uri only in the sandbox)', () => {
  const real = new URL(authorizeUrl(plugin.oauth!, { app: SANDBOX_OAUTH_APP, inputs: {}, redirectUri: REDIRECT_URI, state: 'state' }));
  const e = evidence(DIR, 'oauth-authorize');
  expect(`${real.origin}${real.pathname}`).toBe(`https://auth.tiktok-shops.com${e.request!.path}`);
  expect([...real.searchParams.keys()].sort()).toEqual(Object.keys(e.request!.query!).sort());
  const sandbox = new URL(authorizeUrl(plugin.oauth!, { app: flow.app, inputs: {}, redirectUri: REDIRECT_URI, state: 'state' }));
  expect(sandbox.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
});

it('connects a shop: consent → auth code → token/get (GET, app_key + app_secret + auth_code) → authorized shops; sync works', async () => {
  const location = await consent({ state: 'abc' });
  expect(new URL(location).searchParams.get('state')).toBe('abc');
  flow.sim.resetRequests();
  const store = await exchangeCode(plugin.oauth!, exchangeContext(location));
  expect(requestLines(flow.sim)).toEqual(['GET /api/v2/token/get 200', 'GET /authorization/202309/shops 200']);
  const c = store.credentials;
  expect(store.externalStoreId).toBe(c.shopId);
  expect(Object.keys(c).sort()).toEqual([
    'accessToken',
    'accessTokenExpiresAt',
    'appKey',
    'appSecret',
    'baseUrl',
    'refreshToken',
    'refreshTokenExpiresAt',
    'shopCipher',
    'shopId',
  ]);
  expect(validateCredentials(plugin.credentialFields, c).ok).toBe(true);
  expect(c.shopCipher).toBe(flow.sim.credentials.shopCipher);
  expectExpiresIn(flow, c.accessTokenExpiresAt, 7 * DAY_MS);
  await expectConnectsAndWrites(
    flow,
    c,
    { externalProductId: '1729592969712207000', externalVariantId: '1729592969712207008' },
    quantity(9),
  );
});

it('denied consent: no code in the callback, the exchange is an AuthError and calls nothing', async () => {
  denyConsent(flow.sim);
  expect((await expectDeclinedConsentRefused(flow)).get('error')).toBe('access_denied');
});

it('a replayed auth code is refused: an AuthError with TikTok’s code and neither code nor secret in it', async () => {
  await expectReplayedCodeRefused(flow);
});

it('the seven-day access token expires on the simulator clock; the refresh renews it, rotates the refresh token, sync resumes', async () => {
  const credentials = await connectShop();
  const renewed = await expectRefreshAfterExpiry(flow, credentials, 7 * DAY_MS, ['GET /api/v2/token/refresh 200']);
  expect(renewed.refreshToken).not.toBe(credentials.refreshToken);
  for (const k of ['appKey', 'appSecret', 'shopCipher', 'shopId', 'baseUrl']) expect(renewed[k]).toBe(credentials[k]);
  expectExpiresIn(flow, renewed.accessTokenExpiresAt, 7 * DAY_MS);
  expect(oauthSimView(flow.sim).counts.refreshes).toBe(1);

  const spent = await plugin.refreshCredentials!(context(credentials)).catch((e) => e);
  expect(spent).toBeInstanceOf(AuthError);
  expectNoSecretIn(spent, [credentials.refreshToken!]);
});

it('the seller revoking the app: the refresh is an AuthError; no refreshToken stored: an AuthError before any call', async () => {
  const credentials = await connectShop();
  flow.sim.faults.revokeCredentials();
  await expect(plugin.refreshCredentials!(context(credentials))).rejects.toBeInstanceOf(AuthError);
  flow.sim.faults.restoreCredentials();
  flow.sim.resetRequests();
  const { refreshToken: _r, ...none } = credentials;
  await expect(plugin.refreshCredentials!(context(none))).rejects.toBeInstanceOf(AuthError);
  expect(flow.sim.requests).toHaveLength(0);
});

describe('the shop of a seller account', () => {
  const shop = (id: string): TikTokShop => ({ id, name: `Shop ${id}`, region: 'GB', cipher: `ROW_${id}` });
  it('the only shop, or the one named by the connect input shopId; several without a choice, or an unknown one: Rejected naming them', () => {
    expect(chooseShop([shop('1')], undefined).cipher).toBe('ROW_1');
    expect(chooseShop([shop('1'), shop('2')], '2').cipher).toBe('ROW_2');
    expect(() => chooseShop([shop('1'), shop('2')], undefined)).toThrow(Rejected);
    expect(() => chooseShop([shop('1'), shop('2')], undefined)).toThrow(/1 Shop 1.*2 Shop 2/);
    expect(() => chooseShop([shop('1')], '3')).toThrow(/no shop 3/);
    expect(() => chooseShop([], undefined)).toThrow(Rejected);
  });
});

describe('the documented token answer and webhook signature (test/evidence)', () => {
  it('token/get: the Unix-timestamp expiries become ISO instants (oauth-token-get)', () => {
    const data = (evidence(DIR, 'oauth-token-get').response!.body as { data: Record<string, unknown> }).data;
    expect(tokensFrom(data)).toEqual({
      accessToken: data.access_token,
      refreshToken: data.refresh_token,
      accessTokenExpiresAt: new Date(1660556783 * 1000).toISOString(),
      refreshTokenExpiresAt: new Date(1691487031 * 1000).toISOString(),
    });
  });

  it('the plugin sends token/get and token/refresh with exactly the documented query names', async () => {
    const location = await consent();
    flow.sim.resetRequests();
    const seen: string[][] = [];
    const spy = (inner: HttpClient): HttpClient => ({
      ...inner,
      request: <T>(req: HttpRequest) => {
        if (String(req.url).includes('/api/v2/token/')) seen.push(Object.keys(req.params ?? {}).sort());
        return inner.request<T>(req);
      },
      extend: (o) => spy(inner.extend(o)),
    });
    const store = await exchangeCode(plugin.oauth!, { ...exchangeContext(location), http: spy(http()) });
    await plugin.refreshCredentials!({ ...context(store.credentials), http: spy(http()) });
    expect(seen).toEqual([
      Object.keys(evidence(DIR, 'oauth-token-get').request!.query!).sort(),
      Object.keys(evidence(DIR, 'oauth-token-refresh').request!.query!).sort(),
    ]);
  });

  it('the documented signature recipe verifies; a type-1 event is not a deauthorization; type 6 names the shop (webhook-signature)', () => {
    const e = evidence(DIR, 'webhook-signature');
    const docApp = { clientId: 'fake_app_key', clientSecret: 'fake_app_secret' };
    const req = inboundRequest({ method: 'POST', headers: e.request!.headers, body: e.request!.body as string });
    // A verified event of another type: not an uninstall notice.
    expect(verifyDeauthorization(req, docApp)).toBeNull();
    const signed = signedDeauthorization(docApp, '7494726673780148744', 1664095733);
    expect(verifyDeauthorization(inboundPost(signed), docApp)).toEqual({
      externalStoreId: '7494726673780148744',
      reason: expect.stringContaining('SELLER_DEAUTHORIZATION'),
    });
  });

  it('a forged or tampered deauthorization is refused: wrong secret, changed body, missing header, GET', () => {
    const docApp = { clientId: 'fake_app_key', clientSecret: 'fake_app_secret' };
    const signed = signedDeauthorization(docApp, '42');
    const post = (headers: Record<string, string>, body: string, method = 'POST') =>
      verifyDeauthorization(inboundRequest({ method, headers, body }), docApp);
    expect(post(signed.headers, signed.body)).not.toBeNull();
    expect(post(signedDeauthorization({ ...docApp, clientSecret: 'other' }, '42').headers, signed.body)).toBeNull();
    expect(post(signed.headers, signed.body.replace('"42"', '"43"'))).toBeNull();
    expect(post({ 'content-type': 'application/json' }, signed.body)).toBeNull();
    expect(post(signed.headers, signed.body, 'GET')).toBeNull();
    expect(
      verifyDeauthorization(inboundPost(signed), {
        ...docApp,
        clientId: 'another_app',
      }),
    ).toBeNull();
  });
});
