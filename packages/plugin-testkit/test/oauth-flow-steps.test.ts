import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthError, exchangeCode, refreshTokenGrant } from '@stock-sync/plugin-sdk';
import {
  consentRedirect,
  denyConsent,
  expectConnectsAndWrites,
  expectDeclinedConsentRefused,
  expectExpiresIn,
  expectFormGrant,
  expectNoSecretIn,
  expectRefreshAfterExpiry,
  expectReplayedCodeRefused,
  postCodeGrant,
  requestLines,
  useOAuthFlow,
  useReplay,
} from '../src';
import {
  makeTinyshopOAuthPlugin,
  TINY_APP,
  TINY_TOKEN_URL,
  tinyshopOAuthPlugin,
  tinyshopOAuthSimulator,
} from './fixtures/tinyshop/oauth-fixture';

const REDIRECT = 'https://hub.example/oauth/callback/tinyshop';
const ref = { externalProductId: 'p1', externalVariantId: 'v1' };

describe('the steps on a useOAuthFlow fixture', () => {
  const flow = useOAuthFlow({
    simulator: tinyshopOAuthSimulator,
    plugin: () => tinyshopOAuthPlugin,
    app: TINY_APP,
    redirectUri: REDIRECT,
    seed: [{ productId: 'p1', variants: [{ variantId: 'v1' }] }],
  });
  const inputs = { shopName: 'fixture-shop' };
  const connect = async () =>
    (await exchangeCode(flow.plugin.oauth!, flow.exchangeContext(await flow.consent({ inputs }), { inputs }))).credentials;

  it('consentRedirect: the 302 Location of a consent URL with the query set on it', async () => {
    const url = new URL('/oauth/authorize', flow.sim.baseUrl);
    url.searchParams.set('client_id', 'overwritten');
    const back = await consentRedirect(url, { client_id: TINY_APP.clientId, redirect_uri: REDIRECT, state: 'st', shop: 'fixture-shop' });
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('st');
    expect(back.searchParams.get('code')).toEqual(expect.any(String));
    // No redirect: the expectation fails.
    await expect(consentRedirect(new URL('/oauth/authorize?client_id=nobody', flow.sim.baseUrl))).rejects.toThrow();
  });

  it('postCodeGrant: the standard grant as a form, which the simulator takes; another secret is refused', async () => {
    const code = () => flow.consent({ inputs }).then((l) => new URL(l).searchParams.get('code')!);
    const tokenUrl = `${flow.sim.baseUrl}/oauth/token`;
    const grant = { clientId: TINY_APP.clientId, clientSecret: TINY_APP.clientSecret, redirectUri: REDIRECT };
    const form = await postCodeGrant(tokenUrl, { ...grant, code: await code() });
    expect(form.status).toBe(200);
    expect((await form.json()) as object).toHaveProperty('access_token');
    // Tinyshop takes only the form: JSON is answered as a refusal.
    const json = await postCodeGrant(tokenUrl, { ...grant, code: await code(), as: 'json' });
    expect(json.status).toBe(400);
    const wrong = await postCodeGrant(tokenUrl, { ...grant, code: await code(), clientSecret: 'not-it' });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect(flow.sim.requests.filter((r) => r.path === '/oauth/token').map((r) => r.status)).toEqual([200, 400, 401]);
  });

  it('requestLines and expectExpiresIn', async () => {
    const location = await flow.consent({ inputs });
    flow.sim.resetRequests();
    const { credentials } = await exchangeCode(flow.plugin.oauth!, flow.exchangeContext(location, { inputs }));
    expect(requestLines(flow.sim)).toEqual(['POST /oauth/token 200']);
    expectExpiresIn(flow, credentials.accessTokenExpiresAt, 3_600_000);
    expect(() => expectExpiresIn(flow, credentials.accessTokenExpiresAt, 3_700_000)).toThrow();
    flow.advance(120_000);
    expect(() => expectExpiresIn(flow, credentials.accessTokenExpiresAt, 3_600_000)).toThrow();
  });

  it('expectDeclinedConsentRefused: the callback query of a declined consent, the exchange refused without a call', async () => {
    denyConsent(flow.sim);
    const q = await expectDeclinedConsentRefused(flow, { state: 'st', inputs });
    expect(q.get('error')).toBe('access_denied');
    expect(q.get('state')).toBe('st');
    denyConsent(flow.sim, false);
    await expect(expectDeclinedConsentRefused(flow, { inputs })).rejects.toThrow();
  });

  it('expectReplayedCodeRefused: the first exchange connects, the second is the AuthError', async () => {
    const { first, error } = await expectReplayedCodeRefused(flow, { state: 'x', inputs });
    expect(first.externalStoreId).toBe('fixture-shop');
    expect(error).toBeInstanceOf(AuthError);
  });

  it('expectConnectsAndWrites: verify, one write, the simulator shows it; a refused store fails it', async () => {
    const credentials = await connect();
    await expectConnectsAndWrites(flow, credentials, ref, { kind: 'quantity', quantity: 7 });
    expect(flow.sim.stock(ref)).toEqual({ kind: 'quantity', quantity: 7 });
    await expect(
      expectConnectsAndWrites(flow, { ...credentials, token: 'tiny_at_nope' }, ref, { kind: 'quantity', quantity: 1 }),
    ).rejects.toThrow();
  });
});

describe('expectRefreshAfterExpiry', () => {
  const flow = useOAuthFlow({
    simulator: tinyshopOAuthSimulator,
    // Tinyshop keeps its token in `token`: the refresh here also names it accessToken, as the platforms do.
    plugin: () =>
      makeTinyshopOAuthPlugin({}, async (ctx) => {
        const renewed = await refreshTokenGrant(ctx, { platform: 'Tinyshop', tokenUrl: TINY_TOKEN_URL, accessTokenField: 'token' });
        return { ...renewed, accessToken: renewed.token! };
      }),
    app: TINY_APP,
    redirectUri: REDIRECT,
    seed: [],
  });
  const inputs = { shopName: 'fixture-shop' };
  const connect = async (): Promise<Record<string, string>> => {
    const { credentials } = await exchangeCode(flow.plugin.oauth!, flow.exchangeContext(await flow.consent({ inputs }), { inputs }));
    return { ...credentials, accessToken: credentials.token! };
  };

  it('after the lifetime: refused, refreshed with the calls given, the renewed token verifies', async () => {
    const credentials = await connect();
    const renewed = await expectRefreshAfterExpiry(flow, credentials, 3_600_000, ['POST /oauth/token 200']);
    expect(renewed.refreshToken).not.toBe(credentials.refreshToken);
  });
  it('fails when the token still works, or the calls differ', async () => {
    const credentials = await connect();
    await expect(expectRefreshAfterExpiry(flow, credentials, 60_000, ['POST /oauth/token 200'])).rejects.toThrow();
    await expect(expectRefreshAfterExpiry(flow, credentials, 3_600_000, ['GET /oauth/token 200'])).rejects.toThrow();
  });
});

describe('postCodeGrant and expectFormGrant against a replay', () => {
  const replay = useReplay();

  it('postCodeGrant sends the five fields as a form, or as JSON; redirect_uri only when given', async () => {
    const r = await replay.start([{ status: 200, body: {} }]);
    const grant = { clientId: 'me', clientSecret: 's', code: 'c-1' };
    await postCodeGrant(`${r.baseUrl}/t`, { ...grant, redirectUri: 'https://hub/cb' });
    await postCodeGrant(`${r.baseUrl}/t`, { ...grant, as: 'json' });
    const [form, json] = r.requests;
    expect(form!.method).toBe('POST');
    expect(form!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(form!.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'c-1',
      redirect_uri: 'https://hub/cb',
      client_id: 'me',
      client_secret: 's',
    });
    expect(json!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(json!.body)).toEqual({ grant_type: 'authorization_code', code: 'c-1', client_id: 'me', client_secret: 's' });
  });

  const documented = {
    method: 'POST',
    path: '/oauth/token',
    body: { grant_type: 'authorization_code', code: 'doc-code', client_id: 'doc' },
  };
  const send = async (contentType: string, body: string, path = '/oauth/token') => {
    const r = await replay.start([{ status: 200, body: {} }]);
    await fetch(`${r.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });
    return r.requests[0]!;
  };
  const form = 'application/x-www-form-urlencoded';

  it('holds the documented fields with the test’s values in place', async () => {
    const req = await send(form, 'grant_type=authorization_code&code=c-1&client_id=me&client_secret=s');
    expectFormGrant(req, documented, { code: 'c-1', client_id: 'me', client_secret: 's' });
  });
  it('fails on another path, JSON, a missing or an extra field', async () => {
    const fields = { code: 'c-1', client_id: 'me', client_secret: 's' };
    const body = 'grant_type=authorization_code&code=c-1&client_id=me&client_secret=s';
    expect(() => expectFormGrant(req0, documented, fields)).toThrow();
    const other = await send(form, body, '/token');
    expect(() => expectFormGrant(other, documented, fields)).toThrow();
    const json = await send('application/json', body);
    expect(() => expectFormGrant(json, documented, fields)).toThrow();
    const missing = await send(form, 'grant_type=authorization_code&code=c-1&client_id=me');
    expect(() => expectFormGrant(missing, documented, fields)).toThrow();
    const extra = await send(form, `${body}&scope=x`);
    expect(() => expectFormGrant(extra, documented, fields)).toThrow();
  });
  const req0 = { method: 'GET', path: '/oauth/token', query: new URLSearchParams(), headers: { 'content-type': form }, body: '' };
});

it('expectNoSecretIn: the message and the details are searched', () => {
  const e = Object.assign(new Error('refused: abc'), { details: { body: 'xyz' } });
  expectNoSecretIn(e, ['nothing-here']);
  expect(() => expectNoSecretIn(e, ['abc'])).toThrow();
  expect(() => expectNoSecretIn(e, ['xyz'])).toThrow();
});

it('consentRedirect resolves a relative Location against the consent URL', async () => {
  const server = createServer((_req, res) => {
    res.writeHead(302, { location: '/back?code=1' });
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await consentRedirect(`${base}/authorize`)).toString()).toBe(`${base}/back?code=1`);
  } finally {
    server.close();
  }
});
