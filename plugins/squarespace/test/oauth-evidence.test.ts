/**
 * The install flow's plugin side over Squarespace's documented answers (test/evidence: oauth-*, authorization-website),
 * replayed by a bare loopback server through the real SDK client — no simulator.
 */
import { join } from 'node:path';
import { ACCESS_TOKEN_EXPIRES_AT, AuthError, REFRESH_TOKEN_EXPIRES_AT, Transient } from '@stock-sync/plugin-api';
import { authorizeUrl, instantFromUnixSeconds } from '@stock-sync/plugin-sdk';
import type { ConnectContext } from '@stock-sync/plugin-api';
import { evidence, useReplay } from '@stock-sync/plugin-testkit/evidence';
import { expectRefusedBeforeAnyCall, recordingLogger } from '@stock-sync/plugin-testkit/contract';
import type { Evidence, EvidenceResponse } from '@stock-sync/plugin-testkit/evidence';
import { plugin } from '../src';
import { USER_AGENT } from '../src/manifest';
import { SQUARESPACE_OAUTH_SCOPES } from '../src/oauth';

import { exchangeContext, hostHttp, REDIRECT_URI, testApp } from './support/oauth';

const DIR = join(__dirname, 'evidence');
const doc = (name: string): Evidence => evidence(DIR, name);
const oauth = plugin.oauth!;

const replay = useReplay();
const replaying = (answers: EvidenceResponse[]) => replay.start(answers);
const sent = (i: number) => JSON.parse(replay.requests[i].body);
const basic = `Basic ${Buffer.from('test-client-id-0001:test-client-secret-0001').toString('base64')}`;
const tokens = () => doc('oauth-tokens-code').response!.body as Record<string, string>;

it('the authorize URL has the documented endpoint and parameters, scopes comma-separated, access_type=offline (oauth-authorize)', () => {
  const e = doc('oauth-authorize');
  const url = new URL(authorizeUrl(oauth, { app: testApp(), inputs: {}, redirectUri: REDIRECT_URI, state: 'a1b2c3' }));
  expect(`${url.origin}${url.pathname}`).toBe(`https://login.squarespace.com${e.request!.path}`);
  for (const name of Object.keys(e.request!.query!)) expect(url.searchParams.has(name)).toBe(true);
  expect(url.searchParams.get('scope')).toBe(SQUARESPACE_OAUTH_SCOPES.join(','));
  expect(url.searchParams.get('access_type')).toBe('offline');
});

it('Unix-second instants (number or numeric string, with fractions) become ISO 8601; anything else is no instant', () => {
  expect(instantFromUnixSeconds('1764665400.000')).toBe('2025-12-02T08:50:00.000Z');
  expect(instantFromUnixSeconds(1764665400.5)).toBe('2025-12-02T08:50:00.500Z');
  for (const bad of [undefined, null, '', 'soon', 0, -5, {}]) expect(instantFromUnixSeconds(bad)).toBeUndefined();
});

describe('code exchange', () => {
  it('posts the documented request (Basic, JSON, User-Agent), then names the site (oauth-tokens-code, authorization-website)', async () => {
    const site = doc('authorization-website');
    const r = await replaying([doc('oauth-tokens-code').response!, site.response!]);
    const store = await oauth.exchange!(exchangeContext(testApp(r.baseUrl), { code: 'fake_code_0000', state: 'a1b2c3' }));

    const [tok, web] = r.requests;
    expect(`${tok.method} ${tok.path}`).toBe('POST /api/1/login/oauth/provider/tokens');
    expect(tok.headers.authorization).toBe(basic);
    expect(tok.headers['content-type']).toMatch(/^application\/json/);
    expect(tok.headers['user-agent']).toBe(USER_AGENT);
    expect(sent(0)).toEqual({ ...(doc('oauth-tokens-code').request!.body as object), redirect_uri: REDIRECT_URI });

    expect(`${web.method} ${web.path}`).toBe(site.request!.path.replace(/^/, 'GET '));
    expect(web.headers.authorization).toBe(`Bearer ${tokens().access_token}`);
    expect(web.headers['user-agent']).toBe(USER_AGENT);
    expect(store).toEqual({
      externalStoreId: (site.response!.body as { id: string }).id,
      credentials: {
        apiKey: tokens().access_token,
        refreshToken: tokens().refresh_token,
        [ACCESS_TOKEN_EXPIRES_AT]: '2025-12-02T08:50:00.000Z',
        [REFRESH_TOKEN_EXPIRES_AT]: '2025-12-09T08:20:00.000Z',
        baseUrl: r.baseUrl,
      },
    });
  });

  it('without a refresh token (no offline access) the connection is refused: the hub could never renew it', async () => {
    const answer = structuredClone(doc('oauth-tokens-code').response!);
    delete (answer.body as Record<string, unknown>).refresh_token;
    const r = await replaying([answer]);
    await expect(oauth.exchange!(exchangeContext(testApp(r.baseUrl), { code: 'c' }))).rejects.toThrow(/refresh token/);
  });

  it('an answer with no expiry is refused (never stored as a token that does not expire), without echoing the token', async () => {
    const answer = structuredClone(doc('oauth-tokens-code').response!);
    delete (answer.body as Record<string, unknown>).access_token_expires_at;
    const r = await replaying([answer]);
    const err = await oauth.exchange!(exchangeContext(testApp(r.baseUrl), { code: 'c' })).catch((e) => e);
    expect(err).toBeInstanceOf(Transient);
    expect(err.message).not.toContain(tokens().access_token);
  });

  it('expires_in is read when the instant is absent', async () => {
    const answer = structuredClone(doc('oauth-tokens-code').response!);
    const body = answer.body as Record<string, unknown>;
    delete body.access_token_expires_at;
    body.expires_in = 1800;
    const r = await replaying([answer, doc('authorization-website').response!]);
    const before = Date.now();
    const store = await oauth.exchange!(exchangeContext(testApp(r.baseUrl), { code: 'c' }));
    const at = Date.parse(store.credentials[ACCESS_TOKEN_EXPIRES_AT]);
    expect(at).toBeGreaterThanOrEqual(before + 1800_000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1800_000);
  });

  it('a callback without a code is refused before any call', async () => {
    const r = await replaying([doc('oauth-tokens-code').response!]);
    await expectRefusedBeforeAnyCall(r, oauth.exchange!(exchangeContext(testApp(r.baseUrl), { state: 'x' })));
  });
});

describe('refresh', () => {
  function refreshContext(baseUrl: string, extra: Partial<ConnectContext> = {}): ConnectContext {
    const log = recordingLogger();
    return {
      credentials: { apiKey: 'old_access', refreshToken: 'old_refresh', [ACCESS_TOKEN_EXPIRES_AT]: '2025-12-02T08:50:00.000Z', baseUrl },
      http: hostHttp(log),
      log,
      app: testApp(baseUrl),
      ...extra,
    };
  }

  it('posts {grant_type: refresh_token, refresh_token} with Basic auth and stores the rotated refresh token', async () => {
    const r = await replaying([doc('oauth-tokens-code').response!]);
    const next = await plugin.refreshCredentials!(refreshContext(r.baseUrl));
    expect(sent(0)).toEqual({ grant_type: 'refresh_token', refresh_token: 'old_refresh' });
    expect(r.requests[0].headers.authorization).toBe(basic);
    expect(next).toEqual({
      apiKey: tokens().access_token,
      refreshToken: tokens().refresh_token,
      [ACCESS_TOKEN_EXPIRES_AT]: '2025-12-02T08:50:00.000Z',
      [REFRESH_TOKEN_EXPIRES_AT]: '2025-12-09T08:20:00.000Z',
      baseUrl: r.baseUrl,
    });
  });

  it('keeps the stored refresh token when the answer carries none', async () => {
    const answer = structuredClone(doc('oauth-tokens-code').response!);
    delete (answer.body as Record<string, unknown>).refresh_token;
    const r = await replaying([answer]);
    expect((await plugin.refreshCredentials!(refreshContext(r.baseUrl))).refreshToken).toBe('old_refresh');
  });

  it.each([
    ['RFC 6749 invalid_grant', { error: 'invalid_grant', error_description: 'refresh token expired' }, /invalid_grant/],
    [
      'Squarespace error object',
      { type: 'AUTHORIZATION_ERROR', subtype: null, message: 'Refresh token is invalid', details: null, contextId: 'X' },
      /Refresh token is invalid/,
    ],
  ])('a refused refresh (%s) is an AuthError with the platform’s words and no token', async (_name, body, words) => {
    const r = await replaying([{ status: 400, body }]);
    const err = await plugin.refreshCredentials!(refreshContext(r.baseUrl)).catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toMatch(words);
    expect(err.message).not.toContain('old_refresh');
  });

  it('a 500 is no refusal: it stays retryable (Transient)', async () => {
    const r = await replaying([
      { status: 500, body: { type: 'INTERNAL_ERROR', subtype: null, message: 'oops', details: null, contextId: 'X' } },
    ]);
    await expect(plugin.refreshCredentials!(refreshContext(r.baseUrl))).rejects.toBeInstanceOf(Transient);
  });

  it('without a refresh token, or without the app configured, it is an AuthError and nothing is sent', async () => {
    const r = await replaying([doc('oauth-tokens-code').response!]);
    const noRefresh = refreshContext(r.baseUrl);
    noRefresh.credentials = { apiKey: 'k' };
    await expect(plugin.refreshCredentials!(noRefresh)).rejects.toThrow(/refreshToken/);
    await expect(plugin.refreshCredentials!(refreshContext(r.baseUrl, { app: undefined }))).rejects.toThrow(/client id\/secret/);
    expect(r.requests).toHaveLength(0);
  });
});
