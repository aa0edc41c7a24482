/**
 * The install flow's plugin side over Square's documented answers (test/evidence/oauth-*), replayed by a bare
 * loopback server through the real SDK client — no simulator: the code exchange (ObtainToken + the location),
 * the refresh, and a refused refresh. The requests the plugin sends are checked against SPEC's request schema.
 */
import { join } from 'node:path';
import { ACCESS_TOKEN_EXPIRES_AT, AuthError, Transient } from '@stock-sync/plugin-api';
import { authorizeUrl, createHttpClient } from '@stock-sync/plugin-sdk';
import type { ConnectContext, OAuthApp, OAuthExchangeContext } from '@stock-sync/plugin-api';
import { evidence, useReplay } from '@stock-sync/plugin-testkit/evidence';
import { inboundRequest } from '@stock-sync/plugin-testkit/simulator';
import { openApiBodyValidator } from '@stock-sync/plugin-testkit/openapi';
import { expectRefusedBeforeAnyCall, recordingLogger } from '@stock-sync/plugin-testkit/contract';
import type { Evidence, EvidenceResponse } from '@stock-sync/plugin-testkit/evidence';
import type { RecordingLogger } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { REFRESH_AHEAD_SECONDS, SQUARE_OAUTH_SCOPES } from '../src/oauth';
import { loadSquareSpec } from '../src/simulator/spec-validators';

const DIR = join(__dirname, 'evidence');
const doc = (name: string): Evidence => evidence(DIR, name);
const spec = loadSquareSpec();
const validRequest = openApiBodyValidator(spec, 'POST', '/oauth2/token');
const oauth = plugin.oauth!;
/** The hub's redirect URI for Square (the replay does not call it). */
const REDIRECT_URI = 'https://hub.example.test/oauth/callback/square';
/** A test app: fake, obviously not Square's. */
const testApp = (baseUrl: string): OAuthApp => ({
  clientId: 'sq0idp-test_client_id_0001',
  clientSecret: 'sq0csp-test_client_secret_0001',
  baseUrl,
});
const hostHttp = (log: RecordingLogger, secrets: string[] = []) =>
  createHttpClient({ rateLimit: plugin.manifest.rateLimit, secrets, log, maxAttempts: 1 });
/** The exchange context as the hub builds it, with Square's redirect back as the callback. */
function exchangeContext(app: OAuthApp, query: Record<string, string>, inputs: Record<string, string> = {}): OAuthExchangeContext {
  const log = recordingLogger();
  return { app, inputs, redirectUri: REDIRECT_URI, callback: inboundRequest({ query }), http: hostHttp(log, [app.clientSecret]), log };
}

const replay = useReplay();
const replaying = (answers: EvidenceResponse[]) => replay.start(answers);
const sent = (i: number) => JSON.parse(replay.requests[i].body);

/** The documented callback query (oauth-authorize's Location). */
function documentedCallbackQuery(): Record<string, string> {
  const location = doc('oauth-authorize').response!.headers!.location;
  return Object.fromEntries(new URL(location).searchParams);
}

describe('authorize URL', () => {
  it('is Square’s documented Authorize endpoint with client_id, space-separated scopes and state (oauth-authorize)', () => {
    const e = doc('oauth-authorize');
    const url = new URL(
      authorizeUrl(oauth, { app: { clientId: 'sq0idp-x', clientSecret: 's' }, inputs: {}, redirectUri: REDIRECT_URI, state: 'st4te' }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`https://connect.squareup.com${e.request!.path}`);
    for (const documented of Object.keys(e.request!.query!).filter((k) => k !== 'session'))
      expect(url.searchParams.has(documented)).toBe(true);
    expect(url.searchParams.get('scope')).toBe(SQUARE_OAUTH_SCOPES.join(' '));
    expect(url.searchParams.get('state')).toBe('st4te');
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
  });

  it('asks for exactly the scopes the plugin’s calls need (SPEC operation security)', () => {
    const needed = new Set<string>();
    for (const [path, op] of [
      ['/v2/locations/{location_id}', 'get'],
      ['/v2/catalog/batch-retrieve', 'post'],
      ['/v2/catalog/batch-upsert', 'post'],
      ['/v2/inventory/changes/batch-create', 'post'],
      ['/v2/inventory/counts/batch-retrieve', 'post'],
    ] as const) {
      for (const s of (spec as any).paths[path][op].security ?? []) for (const scope of s.oauth2 ?? []) needed.add(scope);
    }
    expect([...SQUARE_OAUTH_SCOPES].sort()).toEqual([...needed].sort());
  });

  it('renews a 30-day token once it is 7 days old, as Square recommends', () => {
    expect(oauth.tokenLifetime).toMatchObject({ accessTokenSeconds: 30 * 86400, refreshAheadSeconds: REFRESH_AHEAD_SECONDS });
    expect(REFRESH_AHEAD_SECONDS).toBe(23 * 86400);
  });
});

describe('code exchange', () => {
  it('posts the documented ObtainToken request, then finds the seller’s main location (oauth-obtain-token-code, retrieve-location)', async () => {
    const token = doc('oauth-obtain-token-code');
    const location = doc('retrieve-location');
    const r = await replaying([token.response!, location.response!]);
    const query = documentedCallbackQuery();
    const store = await oauth.exchange!(exchangeContext(testApp(r.baseUrl), query));

    expect(`${r.requests[0].method} ${r.requests[0].path}`).toBe('POST /oauth2/token');
    expect(r.requests[0].headers['content-type']).toMatch(/^application\/json/);
    expect(sent(0)).toEqual({
      client_id: 'sq0idp-test_client_id_0001',
      client_secret: 'sq0csp-test_client_secret_0001',
      grant_type: 'authorization_code',
      code: query.code,
      redirect_uri: REDIRECT_URI,
    });
    expect(validRequest(sent(0))).toEqual({ ok: true });
    expect(Object.keys(sent(0)).filter((k) => !(k in (token.request!.body as object)))).toEqual(['redirect_uri']);

    const body = token.response!.body as Record<string, string>;
    expect(`${r.requests[1].method} ${r.requests[1].path}`).toBe('GET /v2/locations/main');
    expect(r.requests[1].headers.authorization).toBe(`Bearer ${body.access_token}`);
    const locationId = (location.response!.body as { location: { id: string } }).location.id;
    expect(store).toEqual({
      externalStoreId: body.merchant_id,
      credentials: {
        accessToken: body.access_token,
        refreshToken: body.refresh_token,
        [ACCESS_TOKEN_EXPIRES_AT]: new Date(body.expires_at).toISOString(),
        locationId,
        baseUrl: r.baseUrl,
      },
    });
  });

  it('uses the location the seller named when connecting', async () => {
    const r = await replaying([doc('oauth-obtain-token-code').response!, doc('retrieve-location').response!]);
    await oauth.exchange!(exchangeContext(testApp(r.baseUrl), documentedCallbackQuery(), { locationId: '18YC4JDH91E1H' }));
    expect(r.requests[1].path).toBe('/v2/locations/18YC4JDH91E1H');
  });

  it('a location the seller does not have (the documented NOT_FOUND) is an AuthError naming locationId (error-not-found)', async () => {
    const r = await replaying([doc('oauth-obtain-token-code').response!, doc('error-not-found').response!]);
    await expect(oauth.exchange!(exchangeContext(testApp(r.baseUrl), documentedCallbackQuery(), { locationId: 'NOPE' }))).rejects.toThrow(
      /locationId/,
    );
  });

  it('an answer without expires_at is refused, never stored as a token that does not expire', async () => {
    const answer = structuredClone(doc('oauth-obtain-token-code').response!);
    delete (answer.body as Record<string, unknown>).expires_at;
    const r = await replaying([answer]);
    const err = await oauth.exchange!(exchangeContext(testApp(r.baseUrl), documentedCallbackQuery())).catch((e) => e);
    expect(err).toBeInstanceOf(Transient);
    expect(String(err.message)).not.toContain((answer.body as Record<string, string>).access_token);
  });

  it('a callback without a code is refused before any call', async () => {
    const r = await replaying([doc('oauth-obtain-token-code').response!]);
    await expectRefusedBeforeAnyCall(r, oauth.exchange!(exchangeContext(testApp(r.baseUrl), { state: 'x' })));
  });
});

describe('refresh', () => {
  function refreshContext(baseUrl: string, extra: Partial<ConnectContext> = {}): ConnectContext {
    const log = recordingLogger();
    const body = doc('oauth-obtain-token-code').response!.body as Record<string, string>;
    return {
      credentials: {
        accessToken: body.access_token,
        refreshToken: body.refresh_token,
        [ACCESS_TOKEN_EXPIRES_AT]: '2025-04-03T18:31:06.000Z',
        locationId: 'L1',
        baseUrl,
      },
      http: hostHttp(log),
      log,
      app: testApp(baseUrl),
      ...extra,
    };
  }

  it('posts the documented refresh request and keeps Square’s same refresh token (oauth-obtain-token-refresh)', async () => {
    const e = doc('oauth-obtain-token-refresh');
    const r = await replaying([e.response!]);
    const next = await plugin.refreshCredentials!(refreshContext(r.baseUrl));
    expect(sent(0)).toEqual({
      ...(e.request!.body as object),
      client_id: 'sq0idp-test_client_id_0001',
      client_secret: 'sq0csp-test_client_secret_0001',
    });
    expect(validRequest(sent(0))).toEqual({ ok: true });
    const body = e.response!.body as Record<string, string>;
    expect(next).toEqual({
      accessToken: body.access_token,
      refreshToken: body.refresh_token,
      [ACCESS_TOKEN_EXPIRES_AT]: '2025-05-03T18:31:06.000Z',
      locationId: 'L1',
      baseUrl: r.baseUrl,
    });
  });

  it('the forum’s refusal (service.not_authorized) is an AuthError with Square’s words and no token (oauth-refresh-refused)', async () => {
    const r = await replaying([doc('oauth-refresh-refused').response!]);
    const ctx = refreshContext(r.baseUrl);
    const err = await plugin.refreshCredentials!(ctx).catch((x) => x);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toMatch(/Invalid refresh token/);
    expect(err.message).not.toContain(ctx.credentials.refreshToken);
  });

  it('the same refusal answered with 400 is still an AuthError (status unverified)', async () => {
    const r = await replaying([{ ...doc('oauth-refresh-refused').response!, status: 400 }]);
    await expect(plugin.refreshCredentials!(refreshContext(r.baseUrl))).rejects.toBeInstanceOf(AuthError);
  });

  it('a 400 that is no refusal (an invalid request) stays a Rejected call, not a reconnect', async () => {
    const r = await replaying([
      { status: 400, body: { errors: [{ category: 'INVALID_REQUEST_ERROR', code: 'MISSING_REQUIRED_PARAMETER', field: 'client_id' }] } },
    ]);
    const err = await plugin.refreshCredentials!(refreshContext(r.baseUrl)).catch((x) => x);
    expect(err).not.toBeInstanceOf(AuthError);
    expect(err.constructor.name).toBe('Rejected');
  });

  it('without a refresh token, or without the app configured, it is an AuthError and nothing is sent', async () => {
    const r = await replaying([doc('oauth-obtain-token-refresh').response!]);
    const noRefresh = refreshContext(r.baseUrl);
    noRefresh.credentials = { ...noRefresh.credentials, refreshToken: '' };
    await expect(plugin.refreshCredentials!(noRefresh)).rejects.toThrow(/refreshToken/);
    await expect(plugin.refreshCredentials!(refreshContext(r.baseUrl, { app: undefined }))).rejects.toThrow(/client id\/secret/);
    expect(r.requests).toHaveLength(0);
  });
});
