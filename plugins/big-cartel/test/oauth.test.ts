/**
 * Big Cartel's install flow held to what its documents show (test/evidence/oauth-*.json, get-account.json,
 * webhook-account-deauthorized.json): the consent URL, the token request, the account id (from the answer, or
 * from GET /v1/accounts when the answer has none), the account.deauthorized signature, and the simulator.
 */
import { join } from 'node:path';
import { authorizeUrl, hmacSha256 } from '@stock-sync/plugin-sdk';
import type { OAuthApp } from '@stock-sync/plugin-api';
import { callbackFromLocation, inboundRequest } from '@stock-sync/plugin-testkit/simulator';
import { evidence, exchangeWithReplay, expectSameShape, useReplay } from '@stock-sync/plugin-testkit/evidence';
import type { EvidenceResponse } from '@stock-sync/plugin-testkit/evidence';
import {
  expectFormGrant,
  expectUninstallVerifiedWith,
  inboundPost,
  postCodeGrant,
  useOAuthFlow,
} from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { SANDBOX_ACCOUNT_ID, SANDBOX_OAUTH_APP, signedAccountDeauthorized, simulator } from '../src/simulator';

const DIR = join(__dirname, 'evidence');
const doc = (name: string) => evidence(DIR, name);
const oauth = plugin.oauth!;
const REDIRECT = 'https://hub.example.com/oauth/callback/big-cartel';
const SECRET = 'test-client-secret';

describe('the consent URL', () => {
  it('is the documented authorize URL: client_id, response_type=code, state, redirect_uri; no scope', () => {
    const app: OAuthApp = { clientId: 'client-1', clientSecret: SECRET };
    const url = new URL(authorizeUrl(oauth, { app, inputs: {}, redirectUri: REDIRECT, state: 'csrf-state' }));
    expect(`${url.origin}${url.pathname}`).toBe(`https://my.bigcartel.com${doc('oauth-authorize').request!.path}`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ ...doc('oauth-authorize').request!.query, client_id: 'client-1' });
  });
});

describe('the code exchange', () => {
  const replay = useReplay();
  const exchange = async (answers: EvidenceResponse[]) =>
    exchangeWithReplay(oauth, await replay.start(answers), {
      app: { clientId: 'client-1', clientSecret: SECRET },
      query: { code: 'c-1', state: 's' },
      redirectUri: REDIRECT,
    });

  it("sends the standard grant's form fields and takes account_id from the answer (one call)", async () => {
    const store = await exchange([doc('oauth-token').response!]);
    expect(replay.requests).toHaveLength(1);
    expectFormGrant(replay.requests[0], doc('oauth-token').request!, { code: 'c-1', client_id: 'client-1', client_secret: SECRET });
    expect(store).toEqual({
      externalStoreId: '123',
      credentials: { accountId: '123', accessToken: '(access token)', baseUrl: replay.baseUrl },
    });
  });

  it('without account_id in the answer, asks GET /v1/accounts with the new token (the documented way)', async () => {
    const body = { ...(doc('oauth-token').response!.body as Record<string, unknown>) };
    delete body.account_id;
    const store = await exchange([{ status: 200, body }, doc('get-account').response!]);
    const [, accounts] = replay.requests;
    expect(accounts.method).toBe('GET');
    expect(accounts.path).toBe('/v1/accounts');
    expect(accounts.headers.authorization).toBe('Bearer (access token)');
    expect(accounts.headers.accept).toBe('application/vnd.api+json');
    expect(store.credentials.accountId).toBe('123');
  });
});

describe('the account.deauthorized notice', () => {
  const documented = doc('webhook-account-deauthorized').request!;
  const body = JSON.stringify(documented.body);
  const app: OAuthApp = { clientId: 'client-1', clientSecret: SECRET };
  const signed = (raw: string, secret = SECRET) =>
    inboundRequest({ method: 'POST', body: raw, headers: { 'X-Webhook-Signature': hmacSha256(secret, raw, 'hex') } });

  it('signed with the client secret (hex HMAC-SHA256 of the body): names the account', () => {
    expect(oauth.verifyUninstall!(signed(body), app)).toEqual({
      externalStoreId: '12345',
      reason: 'access revoked on Big Cartel (account.deauthorized webhook)',
    });
    const closed = JSON.stringify({ account_id: '12345', type: 'account.closed', payload: { id: '12345' } });
    expect(oauth.verifyUninstall!(signed(closed), app)?.reason).toMatch(/account closed/);
  });
  it('unsigned, mis-signed, altered or another event: null', () => {
    expect(oauth.verifyUninstall!(inboundRequest({ method: 'POST', body }), app)).toBeNull();
    expect(oauth.verifyUninstall!(signed(body, 'other'), app)).toBeNull();
    expect(oauth.verifyUninstall!({ ...signed(body), rawBody: Buffer.from(body.replace('12345', '12346')) }, app)).toBeNull();
    expect(oauth.verifyUninstall!(signed(JSON.stringify({ account_id: '1', type: 'order.created', payload: {} })), app)).toBeNull();
  });
});

describe('the simulator', () => {
  const flow = useOAuthFlow({ simulator, plugin: () => plugin, app: SANDBOX_OAUTH_APP, redirectUri: REDIRECT, seed: [] });

  it('consent redirects with code and state; the token answer has the shape shown; /v1/accounts names the account', async () => {
    const { app, sim } = flow;
    const callback = callbackFromLocation(await flow.consent({ state: 'st' }));
    expect(callback.query.state).toBe('st');
    const token = await postCodeGrant(`${sim.baseUrl}/oauth/token`, { ...app, code: callback.query.code, redirectUri: REDIRECT });
    const answer = (await token.json()) as any;
    expectSameShape(answer, doc('oauth-token').response!.body, 'oauth-token', { closed: true });
    const accounts = await fetch(`${sim.baseUrl}/v1/accounts`, {
      headers: { authorization: `Bearer ${answer.access_token}`, accept: 'application/vnd.api+json', 'user-agent': 'test' },
    });
    expect(accounts.status).toBe(200);
    expect(((await accounts.json()) as any).data[0].id).toBe(SANDBOX_ACCOUNT_ID);
    // The platform's required headers hold for issued tokens too.
    const noAccept = await fetch(`${sim.baseUrl}/v1/accounts`, {
      headers: { authorization: `Bearer ${answer.access_token}`, 'user-agent': 'test' },
    });
    expect(noAccept.status).toBe(406);
  });
  it("the simulator's signed notice is accepted by the plugin with the sandbox app, refused with another secret", () => {
    const n = signedAccountDeauthorized(SANDBOX_ACCOUNT_ID);
    expectUninstallVerifiedWith(oauth, inboundPost(n), SANDBOX_OAUTH_APP, SANDBOX_ACCOUNT_ID);
  });
});
