/**
 * Ecwid's install flow held to its documents (test/evidence/oauth-*.json, webhook-application-uninstalled.json):
 * the consent URL, the POST form token request and the answer's reading (through the real SDK client against
 * a loopback server answering the documented response), the application.uninstalled signature, and the
 * simulator's answers compared with the documented shapes.
 */
import { join } from 'node:path';
import { authorizeUrl, hmacSha256 } from '@stock-sync/plugin-sdk';
import type { OAuthApp } from '@stock-sync/plugin-api';
import { callbackFromLocation, denyConsent, inboundRequest } from '@stock-sync/plugin-testkit/simulator';
import { evidence, exchangeWithReplay, expectSameShape, useReplay } from '@stock-sync/plugin-testkit/evidence';
import {
  expectFormGrant,
  expectUninstallVerifiedWith,
  inboundPost,
  postCodeGrant,
  useOAuthFlow,
} from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { ECWID_SCOPES } from '../src/oauth';
import { SANDBOX_OAUTH_APP, SANDBOX_STORE_ID, signedApplicationUninstalled, simulator } from '../src/simulator';

const DIR = join(__dirname, 'evidence');
const doc = (name: string) => evidence(DIR, name);
const oauth = plugin.oauth!;
const SECRET = 'test-client-secret';

describe('the consent URL', () => {
  it('is the documented authorize URL with every required parameter, scopes separated by space', () => {
    const q = doc('oauth-authorize').request!.query!;
    const app: OAuthApp = { clientId: q.client_id, clientSecret: SECRET };
    const url = new URL(authorizeUrl(oauth, { app, inputs: {}, redirectUri: q.redirect_uri, state: 'st' }));
    expect(`${url.origin}${url.pathname}`).toBe(`https://my.ecwid.com${doc('oauth-authorize').request!.path}`);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({ client_id: q.client_id, redirect_uri: q.redirect_uri, response_type: 'code' });
    expect(params.scope.split(' ')).toEqual([...ECWID_SCOPES]);
    // The state goes out, but the document shows no echo: the hub does not rely on it.
    expect(oauth.stateInCallback).toBe(false);
  });
});

describe('the code exchange against the documented answer', () => {
  const replay = useReplay();

  it('POSTs the documented form body and keeps store_id as the store', async () => {
    const documented = doc('oauth-token');
    const b = documented.request!.body as Record<string, string>;
    const store = await exchangeWithReplay(oauth, await replay.start([documented.response!]), {
      app: { clientId: b.client_id, clientSecret: SECRET },
      query: { code: b.code },
      redirectUri: b.redirect_uri,
    });
    expectFormGrant(replay.requests[0], documented.request!, { client_secret: SECRET });
    expect(store).toEqual({ externalStoreId: '1003', credentials: { storeId: '1003', accessToken: '12345', baseUrl: replay.baseUrl } });
  });
});

describe('the application.uninstalled notice', () => {
  const documented = doc('webhook-application-uninstalled').request!;
  const event = documented.body as { eventId: string; eventCreated: number };
  const body = JSON.stringify(documented.body);
  const app: OAuthApp = { clientId: 'abcd0123', clientSecret: SECRET };
  const signature = (created: number | string, id: string, secret = SECRET) => hmacSha256(secret, `${created}.${id}`, 'base64');
  const notice = (raw: string, sig: string | undefined) =>
    inboundRequest({ method: 'POST', body: raw, headers: sig === undefined ? {} : { 'X-Ecwid-Webhook-Signature': sig } });

  it('signed as documented (base64 HMAC-SHA256 of "eventCreated.eventId"): names the store', () => {
    expect(oauth.verifyUninstall!(notice(body, signature(event.eventCreated, event.eventId)), app)).toEqual({
      externalStoreId: '1003',
      reason: 'app uninstalled on Ecwid (application.uninstalled webhook)',
    });
  });
  it("the document's own example header is not valid for a test secret, and nothing unsigned or mis-signed passes", () => {
    expect(oauth.verifyUninstall!(notice(body, documented.headers!['X-Ecwid-Webhook-Signature']), app)).toBeNull();
    expect(oauth.verifyUninstall!(notice(body, undefined), app)).toBeNull();
    expect(oauth.verifyUninstall!(notice(body, signature(event.eventCreated, event.eventId, 'other')), app)).toBeNull();
    expect(oauth.verifyUninstall!(notice(body, signature(event.eventCreated + 1, event.eventId)), app)).toBeNull();
    expect(oauth.verifyUninstall!(notice('not json', signature(event.eventCreated, event.eventId)), app)).toBeNull();
    const other = JSON.stringify({ ...(documented.body as object), eventType: 'order.created' });
    expect(oauth.verifyUninstall!(notice(other, signature(event.eventCreated, event.eventId)), app)).toBeNull();
  });
});

describe('the simulator answers as documented', () => {
  const redirectUri = 'https://www.example.com/myapp';
  const flow = useOAuthFlow({ simulator, plugin: () => plugin, app: SANDBOX_OAUTH_APP, redirectUri, seed: [] });

  it('consent redirects with code only; the token answer has the documented shape; a declined consent says access_denied', async () => {
    const callback = callbackFromLocation(await flow.consent({ state: 'st' }));
    expect(Object.keys(callback.query)).toEqual(['code']);
    const grant = { ...flow.app, code: callback.query.code, redirectUri };
    const tokenUrl = `${flow.sim.baseUrl}/api/oauth/token`;
    // Only the POST form is accepted (March 2025); JSON is refused without spending the code.
    expect((await postCodeGrant(tokenUrl, { ...grant, as: 'json' })).status).toBe(400);
    const token = await postCodeGrant(tokenUrl, grant);
    expect(token.status).toBe(200);
    const answer = (await token.json()) as any;
    // public_token comes only with the public_storefront scope (the document), which the hub does not ask for.
    expectSameShape(answer, doc('oauth-token').response!.body, 'oauth-token', { ignore: ['$.public_token'] });
    expect(answer.store_id).toBe(Number(SANDBOX_STORE_ID));

    denyConsent(flow.sim, true);
    const denied = await flow.consent({ state: 'st' });
    const expected = new URL(doc('oauth-authorize-denied').response!.headers!.Location);
    expect(Object.fromEntries(new URL(denied).searchParams)).toEqual(Object.fromEntries(expected.searchParams));
  });
  it("the simulator's signed notice is accepted by the plugin with the sandbox app, refused with another secret", () => {
    const n = signedApplicationUninstalled(SANDBOX_STORE_ID, new Date('2026-12-02T12:00:00Z'));
    expectUninstallVerifiedWith(oauth, inboundPost(n), SANDBOX_OAUTH_APP, SANDBOX_STORE_ID);
  });
});
