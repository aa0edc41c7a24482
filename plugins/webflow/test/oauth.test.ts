/**
 * Webflow's install flow held to its documents (test/evidence/oauth-*.json, list-sites.json): the consent URL
 * the plugin builds, the token request it sends and how it reads the answer (through the real SDK client,
 * against a loopback server answering the documented responses), which site it picks, and the simulator's
 * answers compared with the documented shapes.
 */
import { join } from 'node:path';
import { authorizeUrl } from '@stock-sync/plugin-sdk';
import { AuthError } from '@stock-sync/plugin-api';
import type { OAuthApp } from '@stock-sync/plugin-api';
import { callbackFromLocation } from '@stock-sync/plugin-testkit/simulator';
import { evidence, exchangeWithReplay, expectSameShape, useReplay } from '@stock-sync/plugin-testkit/evidence';
import { postCodeGrant, useOAuthFlow } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { chooseSite, WEBFLOW_SCOPES } from '../src/oauth';
import { SANDBOX_OAUTH_APP, SANDBOX_SITE_ID, simulator } from '../src/simulator';

const DIR = join(__dirname, 'evidence');
const doc = (name: string) => evidence(DIR, name);
const oauth = plugin.oauth!;
const REDIRECT = 'https://hub.example.com/oauth/callback/webflow';

describe('the consent URL', () => {
  it('is the documented authorize URL with the documented parameters (scopes joined by a space)', () => {
    const documented = doc('oauth-authorize').request!;
    const app: OAuthApp = { clientId: documented.query!.client_id, clientSecret: 'unused' };
    const url = new URL(
      authorizeUrl(oauth, { app, inputs: {}, redirectUri: documented.query!.redirect_uri, state: documented.query!.state }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://webflow.com/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual(documented.query);
    expect(url.searchParams.get('scope')!.split(' ')).toEqual([...WEBFLOW_SCOPES]);
  });
});

describe('the code exchange against the documented answers', () => {
  const replay = useReplay();
  const exchangeWith = async (inputs: Record<string, string>) =>
    exchangeWithReplay(oauth, await replay.start([doc('oauth-access-token').response!, doc('list-sites').response!]), {
      app: { clientId: 'client-1', clientSecret: 'test-secret' },
      query: { code: 'the-code', state: 's' },
      redirectUri: REDIRECT,
      inputs,
    });

  it('posts the documented fields as JSON, then lists the sites with the new token, and keeps the only site', async () => {
    const store = await exchangeWith({});
    const [token, sites] = replay.requests;
    expect(token.method).toBe('POST');
    expect(token.path).toBe('/oauth/access_token');
    expect(token.headers['content-type']).toMatch(/application\/json/);
    const sent = JSON.parse(token.body);
    expect(Object.keys(sent).sort()).toEqual(Object.keys(doc('oauth-access-token').request!.body as object).sort());
    expect(sent).toMatchObject({
      client_id: 'client-1',
      client_secret: 'test-secret',
      code: 'the-code',
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT,
    });
    expect(sites.method).toBe('GET');
    expect(sites.path).toBe('/v2/sites');
    expect(sites.headers.authorization).toBe('Bearer (access token)');
    expect(store).toEqual({
      externalStoreId: '42e63e98c9a982ac9b8b741',
      credentials: { siteId: '42e63e98c9a982ac9b8b741', accessToken: '(access token)', baseUrl: replay.baseUrl },
    });
  });

  it('a siteId the authorization does not cover is refused', async () => {
    await expect(exchangeWith({ siteId: 'another-site' })).rejects.toThrow(AuthError);
  });
});

describe('which site a connect takes', () => {
  it('the named site when authorized, else the only one', () => {
    expect(chooseSite([{ id: 'a' }, { id: 'b' }], 'b')).toBe('b');
    expect(chooseSite([{ id: 'a' }], undefined)).toBe('a');
    expect(chooseSite([{ id: 'a' }], '  ')).toBe('a');
  });
  it('fails loudly with none, several without a choice, or a site not covered', () => {
    expect(() => chooseSite([], undefined)).toThrow(/covers no site/);
    expect(() => chooseSite([{ id: 'a' }, { id: 'b' }], undefined)).toThrow(/covers 2 sites/);
    expect(() => chooseSite([{ id: 'a' }, { id: 42 }], 'c')).toThrow(/does not cover site c/);
    expect(() => chooseSite([{ id: 'a' }], 'c')).toThrow(AuthError);
  });
});

describe('the simulator answers as documented', () => {
  const flow = useOAuthFlow({ simulator, plugin: () => plugin, app: SANDBOX_OAUTH_APP, redirectUri: REDIRECT, seed: [] });
  const tokenUrl = () => `${flow.sim.baseUrl}/oauth/access_token`;

  it('consent redirects with code and state; the token answer and List Sites have the documented shape', async () => {
    const callback = callbackFromLocation(await flow.consent({ state: 'st-1' }));
    expect(Object.keys(callback.query).sort()).toEqual(['code', 'state']);
    expect(callback.query.state).toBe('st-1');

    const token = await postCodeGrant(tokenUrl(), { ...flow.app, code: callback.query.code, redirectUri: REDIRECT, as: 'json' });
    expect(token.status).toBe(200);
    const answer = (await token.json()) as any;
    expectSameShape(answer, doc('oauth-access-token').response!.body, 'oauth-access-token', { closed: true });

    const sites = await fetch(`${flow.sim.baseUrl}/v2/sites`, { headers: { authorization: `Bearer ${answer.access_token}` } });
    expect(sites.status).toBe(200);
    const body = (await sites.json()) as any;
    expectSameShape(body, doc('list-sites').response!.body, 'list-sites');
    expect(body.sites.map((s: { id: string }) => s.id)).toEqual([SANDBOX_SITE_ID]);
  });

  it('a form-encoded token request (the v1 page) works too; a wrong secret is invalid_client', async () => {
    const code = callbackFromLocation(await flow.consent({ state: 'st-2' })).query.code;
    const form = (clientSecret: string) => postCodeGrant(tokenUrl(), { ...flow.app, clientSecret, code, redirectUri: REDIRECT });
    const wrong = await form('not-the-secret');
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as any).error).toBe('invalid_client');
    const right = await form(flow.app.clientSecret);
    expect(right.status).toBe(200);
    expect(Object.keys((await right.json()) as object)).toEqual(['access_token']);
  });
});
