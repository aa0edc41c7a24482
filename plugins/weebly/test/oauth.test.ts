/**
 * Weebly's app authorization held to its official client and docs (test/evidence/oauth-*.json): the
 * authorize URL, the token request in Weebly's own terms (authorization_code, JSON, no grant_type), the
 * callback_url rule (same origin only: the client secret never goes elsewhere), and the simulator.
 */
import { join } from 'node:path';
import { authorizeUrl } from '@stock-sync/plugin-sdk';
import { AuthError } from '@stock-sync/plugin-api';
import type { OAuthApp } from '@stock-sync/plugin-api';
import { callbackFromLocation, startSimulator } from '@stock-sync/plugin-testkit/simulator';
import { consentRedirect } from '@stock-sync/plugin-testkit/contract';
import { evidence, exchangeWithReplay, expectSameShape, useReplay } from '@stock-sync/plugin-testkit/evidence';
import { plugin } from '../src';
import { tokenEndpoint, WEEBLY_TOKEN_URL } from '../src/oauth';
import { SANDBOX_OAUTH_APP, SIM_SITE_ID, simulator } from '../src/simulator';

const DIR = join(__dirname, 'evidence');
const doc = (name: string) => evidence(DIR, name);
const oauth = plugin.oauth!;
const REDIRECT = 'https://hub.example.com/oauth/callback/weebly';
const SECRET = 'test-secret';
const inputs = { userId: '1234', siteId: '5678' };

it("the authorize URL is the official client's: client_id, user_id, site_id, redirect_uri, comma-joined scopes", () => {
  const url = new URL(
    authorizeUrl(oauth, { app: { clientId: 'app-9', clientSecret: SECRET }, inputs, redirectUri: REDIRECT, state: 'st' }),
  );
  expect(`${url.origin}${url.pathname}`).toBe(`https://www.weebly.com${doc('oauth-authorize').request!.path}`);
  expect(Object.fromEntries(url.searchParams)).toEqual({ ...doc('oauth-authorize').request!.query, client_id: 'app-9' });
});

describe('the code exchange', () => {
  const replay = useReplay();
  const app = { clientId: 'app-9', clientSecret: SECRET };
  const exchange = async (query: Record<string, string>) =>
    exchangeWithReplay(oauth, await replay.start([doc('oauth-access-token').response!]), { app, inputs, query, redirectUri: REDIRECT });

  it("posts Weebly's JSON body (client_id, client_secret, authorization_code) and keeps the site", async () => {
    const store = await exchange({ authorization_code: 'ac-1' });
    const [req] = replay.requests;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/app-center/oauth/access_token');
    expect(req.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(req.body)).toEqual({
      ...(doc('oauth-access-token').request!.body as object),
      client_id: 'app-9',
      client_secret: SECRET,
      authorization_code: 'ac-1',
    });
    expect(store).toEqual({
      externalStoreId: '5678',
      credentials: { accessToken: '(access token)', siteId: '5678', baseUrl: replay.baseUrl },
    });
  });

  it("follows a callback_url on the token endpoint's origin", async () => {
    const r = await replay.start([doc('oauth-access-token').response!]);
    const query = { authorization_code: 'ac-3', callback_url: `${r.baseUrl}/app-center/oauth/access_token?step=2` };
    await exchangeWithReplay(oauth, r, { app, inputs, query, redirectUri: REDIRECT });
    expect(replay.requests[0].query.get('step')).toBe('2');
  });

  it('a declined authorization or a callback without authorization_code is an AuthError, with no request', async () => {
    await expect(exchange({ error: 'access_denied' })).rejects.toThrow(AuthError);
    await expect(exchange({ code: 'standard-name' })).rejects.toThrow(/no authorization_code/);
    expect(replay.requests).toHaveLength(0);
  });
});

it('callback_url: used only on the configured token origin, never with user info, else the configured URL', () => {
  expect(tokenEndpoint(undefined, WEEBLY_TOKEN_URL)).toBe(WEEBLY_TOKEN_URL);
  expect(tokenEndpoint('https://www.weebly.com/app-center/oauth/access_token?x=1', WEEBLY_TOKEN_URL)).toBe(
    'https://www.weebly.com/app-center/oauth/access_token?x=1',
  );
  expect(tokenEndpoint('https://evil.example/steal', WEEBLY_TOKEN_URL)).toBe(WEEBLY_TOKEN_URL);
  expect(tokenEndpoint('http://www.weebly.com/app-center/oauth/access_token', WEEBLY_TOKEN_URL)).toBe(WEEBLY_TOKEN_URL);
  expect(tokenEndpoint('https://u:p@www.weebly.com/x', WEEBLY_TOKEN_URL)).toBe(WEEBLY_TOKEN_URL);
  expect(tokenEndpoint('not a url', WEEBLY_TOKEN_URL)).toBe(WEEBLY_TOKEN_URL);
});

it('the simulator: consent redirects with authorization_code; its token endpoint answers the documented shape', async () => {
  const sim = await startSimulator(simulator);
  try {
    const app: OAuthApp = { ...SANDBOX_OAUTH_APP, baseUrl: sim.baseUrl };
    const back = await consentRedirect(
      authorizeUrl(oauth, { app, inputs: { userId: '1234', siteId: SIM_SITE_ID }, redirectUri: REDIRECT, state: 'st' }),
    );
    const callback = callbackFromLocation(back.href);
    expect(Object.keys(callback.query)).toEqual(['authorization_code']);
    const token = await fetch(`${sim.baseUrl}/app-center/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: app.clientId,
        client_secret: app.clientSecret,
        authorization_code: callback.query.authorization_code,
      }),
    });
    expect(token.status).toBe(200);
    expectSameShape(await token.json(), doc('oauth-access-token').response!.body, 'oauth-access-token', { closed: true });
  } finally {
    await sim.close();
  }
});
