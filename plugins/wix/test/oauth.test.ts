/**
 * Connecting a Wix site by the external install flow, against the simulator over HTTP: the installer URL
 * (appId + postInstallationUrl carrying the state), the callback with appId / tenantId / instanceId, Create
 * Access Token (client_credentials + instance_id, JSON, four hours, no refresh token), expiry on the simulator
 * clock and renewal by a new token, the app removed (renewal refused, AuthError), and the App Instance Removed
 * JWT verified with the app's public key (forged, tampered, expired, other events refused).
 */
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { AuthError, quantity } from '@stock-sync/plugin-api';
import { authorizeUrl, exchangeCode, validateCredentials } from '@stock-sync/plugin-sdk';
import type { OAuthApp } from '@stock-sync/plugin-api';
import { denyConsent, inboundRequest } from '@stock-sync/plugin-testkit/simulator';
import { evidence, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import { expectConnectsAndWrites, expectDeclinedConsentRefused, expectRefreshAfterExpiry } from '@stock-sync/plugin-testkit/contract';
import { expectExpiresIn, expectNoSecretIn, inboundPost, requestLines, useOAuthFlow } from '@stock-sync/plugin-testkit/contract';
import { createWixPlugin, verifyAppRemoved } from '../src';
import { removeApp, SANDBOX_INSTANCE_ID, SANDBOX_OAUTH_APP, sandboxWebhookKeys, signedAppRemoved, simulator } from '../src/simulator';

const DIR = join(__dirname, 'evidence');
const REDIRECT_URI = 'https://hub.example/oauth/callback/wix';
const HOUR_MS = 3_600_000;

const flow = useOAuthFlow({
  simulator,
  plugin: (now) => createWixPlugin({ now }),
  app: SANDBOX_OAUTH_APP,
  redirectUri: REDIRECT_URI,
  seed: [{ productId: 'p-1', variants: [{ variantId: 'v-1', initial: quantity(1) }] }],
});
const { plugin, clock, exchangeContext, context } = flow;
/** The merchant through Wix's installer: the callback's Location. */
const install = (state?: string) => flow.consent({ state });

it('the installer URL: www.wix.com/installer/install with appId and postInstallationUrl = the callback carrying the state', () => {
  const url = new URL(authorizeUrl(plugin.oauth!, { app: SANDBOX_OAUTH_APP, inputs: {}, redirectUri: REDIRECT_URI, state: 's1' }));
  const e = evidence(DIR, 'install-external-flow');
  expect(`${url.origin}${url.pathname}`).toBe(`https://www.wix.com${e.request!.path}`);
  expect([...url.searchParams.keys()].sort()).toEqual(Object.keys(e.request!.query!).sort());
  expect(url.searchParams.get('appId')).toBe(SANDBOX_OAUTH_APP.clientId);
  expect(url.searchParams.get('postInstallationUrl')).toBe(`${REDIRECT_URI}?state=s1`);
});

it('installs: the callback keeps the state and gets appId, tenantId, instanceId (as documented); the token is created; sync works', async () => {
  const location = await install('abc');
  const q = new URL(location).searchParams;
  const documented = new URL(evidence(DIR, 'install-external-flow').response!.headers!.location).searchParams;
  expect([...q.keys()].sort()).toEqual([...documented.keys()].sort());
  expect([q.get('state'), q.get('appId'), q.get('instanceId')]).toEqual(['abc', flow.app.clientId, SANDBOX_INSTANCE_ID]);

  flow.sim.resetRequests();
  const store = await exchangeCode(plugin.oauth!, exchangeContext(location));
  expect(requestLines(flow.sim)).toEqual(['POST /oauth2/token 200']);
  expect(store.externalStoreId).toBe(SANDBOX_INSTANCE_ID);
  const c = store.credentials;
  expect(Object.keys(c).sort()).toEqual(['accessToken', 'accessTokenExpiresAt', 'baseUrl', 'instanceId']);
  expect(validateCredentials(plugin.credentialFields, c).ok).toBe(true);
  expectExpiresIn(flow, c.accessTokenExpiresAt, 4 * HOUR_MS);
  await expectConnectsAndWrites(flow, c, { externalProductId: 'p-1', externalVariantId: 'v-1' }, quantity(6));
});

it('a callback naming another app or no instance is refused before any call', async () => {
  const location = new URL(await install());
  flow.sim.resetRequests();
  const other = new URL(location);
  other.searchParams.set('appId', 'another-app');
  await expect(exchangeCode(plugin.oauth!, exchangeContext(other.toString()))).rejects.toBeInstanceOf(AuthError);
  const none = new URL(location);
  none.searchParams.delete('instanceId');
  await expect(exchangeCode(plugin.oauth!, exchangeContext(none.toString()))).rejects.toBeInstanceOf(AuthError);
  expect(flow.sim.requests).toHaveLength(0);
});

it('an install the merchant cancels: the exchange is an AuthError, nothing is called', async () => {
  denyConsent(flow.sim);
  await expectDeclinedConsentRefused(flow);
});

it('after four hours the token is refused; refreshCredentials creates a new one for the instance and sync resumes', async () => {
  const { credentials } = await exchangeCode(plugin.oauth!, exchangeContext(await install()));
  const renewed = await expectRefreshAfterExpiry(flow, credentials, 4 * HOUR_MS, ['POST /oauth2/token 200']);
  expect(renewed.instanceId).toBe(credentials.instanceId);
  expectExpiresIn(flow, renewed.accessTokenExpiresAt, 4 * HOUR_MS);
});

it('the app removed from the site: issued tokens stop and the renewal is an AuthError with Wix’s words, no secret in it', async () => {
  const { credentials } = await exchangeCode(plugin.oauth!, exchangeContext(await install()));
  removeApp(flow.sim);
  await expect(plugin.connect(context(credentials)).verify()).rejects.toBeInstanceOf(AuthError);
  const err = await plugin.refreshCredentials!(context(credentials)).catch((e) => e);
  expect(err).toBeInstanceOf(AuthError);
  expect(err.message).toMatch(/not installed/);
  expectNoSecretIn(err, [flow.app.clientSecret, credentials.accessToken!]);
});

it('no instanceId (a site posted with an API key) or no app configured: the renewal is an AuthError before any call', async () => {
  flow.sim.resetRequests();
  await expect(plugin.refreshCredentials!(context({ accessToken: 'x', baseUrl: flow.sim.baseUrl }))).rejects.toThrow(/instanceId/);
  await expect(
    plugin.refreshCredentials!(context({ accessToken: 'x', instanceId: SANDBOX_INSTANCE_ID, baseUrl: flow.sim.baseUrl }, null)),
  ).rejects.toBeInstanceOf(AuthError);
  expect(flow.sim.requests).toHaveLength(0);
});

it('simulator: Create Access Token answers the documented shape to the documented request (oauth-create-access-token)', async () => {
  await install();
  const e = evidence(DIR, 'oauth-create-access-token');
  const body = {
    ...(e.request!.body as Record<string, string>),
    client_id: flow.app.clientId,
    client_secret: flow.app.clientSecret,
    instance_id: SANDBOX_INSTANCE_ID,
  };
  const res = await fetch(`${flow.sim.baseUrl}${e.request!.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  const answer = await res.json();
  expectSameShape(answer, e.response!.body, e.name, { closed: true });
  expect(answer).toMatchObject({ token_type: 'Bearer', expires_in: 14400 });
});

describe('App Instance Removed (a JWT verified with the app’s public key)', () => {
  const keyed = (): OAuthApp => ({ ...SANDBOX_OAUTH_APP, publicKey: sandboxWebhookKeys().publicKey });
  const notice = (n: { body: string; headers: Record<string, string> }, a: OAuthApp = keyed()) =>
    plugin.oauth!.verifyUninstall!(inboundPost(n), a);

  it('a signed AppRemoved event names the instance; its payload has the documented envelope (app-instance-removed)', () => {
    const signed = signedAppRemoved(SANDBOX_INSTANCE_ID, { nowSeconds: Math.floor(clock() / 1000) });
    expect(notice(signed)).toEqual({ externalStoreId: SANDBOX_INSTANCE_ID, reason: expect.stringContaining('App Instance Removed') });
    const payload = JSON.parse(Buffer.from(signed.body.split('.')[1]!, 'base64url').toString('utf8'));
    expectSameShape(payload, evidence(DIR, 'app-instance-removed').request!.body, 'app-instance-removed', { closed: true });
  });

  it('refused: another key, a tampered payload, an expired token, alg none / HS256, another event, no public key configured', () => {
    const now = Math.floor(clock() / 1000);
    const signed = signedAppRemoved(SANDBOX_INSTANCE_ID, { nowSeconds: now });
    const other = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    expect(notice(signedAppRemoved(SANDBOX_INSTANCE_ID, { nowSeconds: now, privateKey: other.privateKey }))).toBeNull();
    const [h, p, s] = signed.body.split('.');
    const forged = Buffer.from(Buffer.from(p!, 'base64url').toString('utf8').replace(SANDBOX_INSTANCE_ID, 'someone-else')).toString(
      'base64url',
    );
    expect(notice({ ...signed, body: `${h}.${forged}.${s}` })).toBeNull();
    expect(notice(signedAppRemoved(SANDBOX_INSTANCE_ID, { nowSeconds: now - 3_600 }))).toBeNull();
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(notice({ ...signed, body: `${none}.${p}.` })).toBeNull();
    const hs = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    expect(notice({ ...signed, body: `${hs}.${p}.${s}` })).toBeNull();
    expect(notice(signedAppRemoved(SANDBOX_INSTANCE_ID, { nowSeconds: now, eventType: 'AppInstalled' }))).toBeNull();
    expect(notice(signed, SANDBOX_OAUTH_APP)).toBeNull();
    expect(verifyAppRemoved(inboundRequest({ method: 'GET', body: signed.body }), sandboxWebhookKeys().publicKey, now)).toBeNull();
  });
});
