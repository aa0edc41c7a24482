/**
 * The Nuvemshop app install held to its documents (test/evidence/oauth-*.json, webhook-app-uninstalled.json):
 * the authorize URL (app id in the path), the token request and the answer's reading (through the real SDK
 * client against a loopback server answering the documented response), the app/uninstalled signature, and
 * the simulator's answers compared with the documented shapes.
 */
import { join } from 'node:path';
import { authorizeUrl, hmacSha256 } from '@stock-sync/plugin-sdk';
import type { OAuthApp } from '@stock-sync/plugin-api';
import { callbackFromLocation, inboundRequest } from '@stock-sync/plugin-testkit/simulator';
import { evidence, exchangeWithReplay, expectSameShape, useReplay } from '@stock-sync/plugin-testkit/evidence';
import { expectUninstallVerifiedWith, inboundPost, postCodeGrant, useOAuthFlow } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { SANDBOX_OAUTH_APP, SANDBOX_STORE_ID, signedAppUninstalled, simulator } from '../src/simulator';

const DIR = join(__dirname, 'evidence');
const doc = (name: string) => evidence(DIR, name);
const oauth = plugin.oauth!;
const REDIRECT = 'https://www.example.com/';
const SECRET = 'test-app-secret';
const app: OAuthApp = { clientId: '123', clientSecret: SECRET };

describe('the authorize URL', () => {
  it('puts the app id in the path and carries the state, as documented', () => {
    const url = new URL(authorizeUrl(oauth, { app, inputs: {}, redirectUri: REDIRECT, state: 'csrf-code' }));
    expect(`${url.origin}${url.pathname}`).toBe(`https://www.tiendanube.com${doc('oauth-authorize').request!.path}`);
    expect(url.searchParams.get('state')).toBe(doc('oauth-authorize').request!.query!.state);
    // Not in the document (the registered URL is used): sent for the sandbox, README "Connecting".
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect([...url.searchParams.keys()].sort()).toEqual(['redirect_uri', 'state']);
  });
  it('the sandbox origin replaces the platform host, the path stays', () => {
    const url = new URL(
      authorizeUrl(oauth, { app: { ...app, baseUrl: 'http://127.0.0.1:9' }, inputs: {}, redirectUri: REDIRECT, state: 's' }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:9/apps/123/authorize');
  });
});

describe('the code exchange against the documented answer', () => {
  const replay = useReplay();

  it('posts the documented form fields and keeps user_id as the store', async () => {
    const query = { code: 'xyz', state: 'csrf-code' };
    const store = await exchangeWithReplay(oauth, await replay.start([doc('oauth-token').response!]), {
      app,
      query,
      redirectUri: REDIRECT,
    });
    const [req] = replay.requests;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(doc('oauth-token').request!.path);
    expect(req.headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
    const sent = Object.fromEntries(new URLSearchParams(req.body));
    expect(sent).toMatchObject({ client_id: '123', client_secret: SECRET, grant_type: 'authorization_code', code: 'xyz' });
    expect(store).toEqual({
      externalStoreId: '789',
      credentials: { storeId: '789', accessToken: '61181d08b7e328d256736hdcb671c3ce50b8af5', baseUrl: replay.baseUrl },
    });
  });
});

describe('the app/uninstalled notice', () => {
  const documented = doc('webhook-app-uninstalled').request!;
  const body = JSON.stringify(documented.body);
  const signed = (raw: string, secret = SECRET, header = 'x-linkedstore-hmac-sha256') =>
    inboundRequest({
      method: 'POST',
      body: raw,
      headers: { 'content-type': 'application/json', [header]: hmacSha256(secret, raw, 'hex') },
    });

  it('a body signed with the app secret names the store', () => {
    expect(oauth.verifyUninstall!(signed(body), app)).toEqual({
      externalStoreId: '123',
      reason: 'app uninstalled on Nuvemshop (app/uninstalled webhook)',
    });
    // Frameworks may upper-case nothing but the header name; the hex digest is compared case-insensitively.
    const upper = inboundRequest({
      method: 'POST',
      body,
      headers: { 'X-Linkedstore-HMAC-SHA256': hmacSha256(SECRET, body, 'hex').toUpperCase() },
    });
    expect(oauth.verifyUninstall!(upper, app)?.externalStoreId).toBe('123');
  });
  it('unsigned, mis-signed, altered, unparsable or another event: null', () => {
    expect(oauth.verifyUninstall!(inboundRequest({ method: 'POST', body }), app)).toBeNull();
    expect(oauth.verifyUninstall!(signed(body, 'another-secret'), app)).toBeNull();
    const altered = signed(body);
    expect(oauth.verifyUninstall!({ ...altered, rawBody: Buffer.from(body.replace('123', '124')) }, app)).toBeNull();
    expect(oauth.verifyUninstall!(signed('not json'), app)).toBeNull();
    expect(oauth.verifyUninstall!(signed(JSON.stringify({ store_id: 123, event: 'product/created', id: 1 })), app)).toBeNull();
    expect(oauth.verifyUninstall!(signed(JSON.stringify({ event: 'app/uninstalled', id: 1 })), app)).toBeNull();
  });
});

describe('the simulator answers as documented', () => {
  const flow = useOAuthFlow({ simulator, plugin: () => plugin, app: SANDBOX_OAUTH_APP, redirectUri: REDIRECT, seed: [] });

  it('consent at /apps/{app_id}/authorize redirects with code and state; the token answer has the documented shape', async () => {
    const callback = callbackFromLocation(await flow.consent({ state: 'csrf-code' }));
    expect(Object.keys(callback.query).sort()).toEqual(['code', 'state']);
    const token = await postCodeGrant(`${flow.sim.baseUrl}${doc('oauth-token').request!.path}`, { ...flow.app, code: callback.query.code });
    expect(token.status).toBe(200);
    const answer = (await token.json()) as any;
    expectSameShape(answer, doc('oauth-token').response!.body, 'oauth-token', { closed: true });
    expect(answer.user_id).toBe(SANDBOX_STORE_ID);
  });
  it('an unknown app id gets no redirect (400)', async () => {
    const res = await fetch(`${flow.sim.baseUrl}/apps/999/authorize?state=s&redirect_uri=${encodeURIComponent(REDIRECT)}`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
  });
  it("the simulator's signed app/uninstalled notice is accepted by the plugin, with the sandbox app", () => {
    const notice = signedAppUninstalled(SANDBOX_STORE_ID);
    expectUninstallVerifiedWith(oauth, inboundPost(notice), SANDBOX_OAUTH_APP, SANDBOX_STORE_ID);
  });
});
