/**
 * The token endpoint calls: the code exchange and the refresh grant, against a scripted loopback server with
 * the real HTTP client (so the refused-grant classifier, the redaction and the no-retry rule are the real ones).
 */
import {
  ACCESS_TOKEN_EXPIRES_AT,
  AuthError,
  basicClientAuthorization,
  createHttpClient,
  exchangeCode,
  refreshTokenGrant,
  REFRESH_TOKEN_EXPIRES_AT,
  refusalReason,
  REFUSED_GRANT_ERRORS,
  Rejected,
  Transient,
  type ConnectContext,
  type OAuthExchangeContext,
  type PluginOAuth,
} from '../src';
import { recordingLogger, startScriptedServer, type ScriptedServer } from './helpers/scripted-server';

const SECRET = 'app-secret-0123456789';
const CODE = 'code-abcdef-0123456789';
const VERIFIER = 'verifier-0123456789-0123456789-0123456789';
const REFRESH = 'refresh-token-0123456789';
const NOW = Date.parse('2026-12-02T12:00:00.000Z');

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(async () => {
  await server.close();
});

function http(log = recordingLogger().log) {
  return createHttpClient({ rateLimit: { requestsPerSecond: 100, burst: 100 }, baseDelayMs: 1, maxDelayMs: 2, sleep: async () => {}, log });
}

function form(i = 0): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(server.received[i].body));
}

const spec = (over: Partial<PluginOAuth> = {}): PluginOAuth => ({
  authorizeUrl: 'https://{shop}/admin/oauth/authorize',
  tokenUrl: 'https://{shop}/admin/oauth/access_token',
  scopes: ['a'],
  toConnectedStore: (t, ctx) => ({
    externalStoreId: ctx.inputs.shop,
    credentials: { shop: ctx.inputs.shop, accessToken: String(t.access_token) },
  }),
  ...over,
});

function exchangeCtx(over: Partial<OAuthExchangeContext> = {}): OAuthExchangeContext {
  const { log } = recordingLogger();
  return {
    app: { clientId: 'cid', clientSecret: SECRET, baseUrl: server.baseUrl },
    inputs: { shop: 'acme.myshopify.com' },
    redirectUri: 'https://hub.example.com/cb',
    callback: { method: 'GET', query: { code: CODE, state: 's' }, headers: {}, rawBody: Buffer.alloc(0), body: undefined },
    http: http(),
    log,
    ...over,
  };
}

describe('basicClientAuthorization (RFC 6749 §2.3.1)', () => {
  it('form-urlencodes each part before base64', () => {
    expect(basicClientAuthorization({ clientId: 'cid', clientSecret: 'sec' })).toBe(`Basic ${Buffer.from('cid:sec').toString('base64')}`);
    expect(basicClientAuthorization({ clientId: 'a b:c', clientSecret: 'x/y+z%' })).toBe(
      `Basic ${Buffer.from('a+b%3Ac:x%2Fy%2Bz%25').toString('base64')}`,
    );
  });
});

describe('refusalReason', () => {
  it('reads the refused-grant codes with their description, cut to 200 characters', () => {
    expect(REFUSED_GRANT_ERRORS).toEqual(['invalid_grant', 'invalid_client', 'unauthorized_client']);
    expect(Object.isFrozen(REFUSED_GRANT_ERRORS)).toBe(true);
    expect(refusalReason({ error: 'invalid_grant', error_description: 'expired' })).toEqual({
      error: 'invalid_grant',
      description: 'expired',
    });
    expect(refusalReason({ error: 'unauthorized_client' })).toEqual({ error: 'unauthorized_client' });
    expect(refusalReason({ error: 'invalid_client', error_description: '' })).toEqual({ error: 'invalid_client' });
    expect(refusalReason({ error: 'invalid_client', error_description: 7 })).toEqual({ error: 'invalid_client' });
    expect(refusalReason({ error: 'invalid_grant', error_description: 'x'.repeat(200) })).toEqual({
      error: 'invalid_grant',
      description: 'x'.repeat(200),
    });
    expect(refusalReason({ error: 'invalid_grant', error_description: 'x'.repeat(201) })).toEqual({
      error: 'invalid_grant',
      description: `${'x'.repeat(200)}…`,
    });
  });

  it('ignores other errors and other bodies', () => {
    for (const body of [
      { error: 'invalid_request' },
      { error: 'unsupported_grant_type' },
      { error: 3 },
      {},
      null,
      'invalid_grant',
      undefined,
    ])
      expect(refusalReason(body)).toBeUndefined();
  });
});

describe('exchangeCode: the standard authorization_code grant', () => {
  it('posts the grant form-encoded with the client in the body, at the sandbox token URL, and maps the answer', async () => {
    server.script([{ status: 200, body: { access_token: 'at-1', scope: 'a' } }]);
    const store = await exchangeCode(spec(), exchangeCtx());
    expect(server.received).toHaveLength(1);
    expect(server.received[0].method).toBe('POST');
    expect(server.received[0].url).toBe('/admin/oauth/access_token');
    expect(server.received[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(server.received[0].headers.accept).toBe('application/json');
    expect(server.received[0].headers.authorization).toBeUndefined();
    expect(form()).toEqual({
      grant_type: 'authorization_code',
      code: CODE,
      redirect_uri: 'https://hub.example.com/cb',
      client_id: 'cid',
      client_secret: SECRET,
    });
    expect(store).toEqual({
      externalStoreId: 'acme.myshopify.com',
      credentials: { shop: 'acme.myshopify.com', accessToken: 'at-1', baseUrl: server.baseUrl },
    });
  });

  it('adds the PKCE code_verifier, and refuses to exchange without one', async () => {
    server.script([{ status: 200, body: { access_token: 'at-1' } }]);
    await exchangeCode(spec({ pkce: 'S256' }), exchangeCtx({ codeVerifier: VERIFIER }));
    expect(form().code_verifier).toBe(VERIFIER);
    await expect(exchangeCode(spec({ pkce: 'S256' }), exchangeCtx())).rejects.toThrow(
      'this platform requires PKCE: the exchange has no code verifier',
    );
    expect(server.received).toHaveLength(1);
    await exchangeCode(spec(), exchangeCtx({ codeVerifier: VERIFIER }));
    expect(form(1)).not.toHaveProperty('code_verifier');
  });

  it('authenticates with HTTP Basic when the plugin says so (no secret in the body)', async () => {
    server.script([{ status: 200, body: { access_token: 'at-1' } }]);
    await exchangeCode(spec({ tokenRequest: { clientAuthentication: 'basic' } }), exchangeCtx());
    expect(server.received[0].headers.authorization).toBe(basicClientAuthorization({ clientId: 'cid', clientSecret: SECRET }));
    expect(form()).toEqual({ grant_type: 'authorization_code', code: CODE, redirect_uri: 'https://hub.example.com/cb' });
  });

  it("sends a public client's client_id alone with 'none'", async () => {
    server.script([{ status: 200, body: { access_token: 'at-1' } }]);
    await exchangeCode(spec({ tokenRequest: { clientAuthentication: 'none' } }), exchangeCtx());
    expect(server.received[0].headers.authorization).toBeUndefined();
    expect(form()).toEqual({ grant_type: 'authorization_code', code: CODE, redirect_uri: 'https://hub.example.com/cb', client_id: 'cid' });
  });

  it('encodes the body as JSON when the plugin says so', async () => {
    server.script([{ status: 200, body: { access_token: 'at-1' } }]);
    await exchangeCode(spec({ tokenRequest: { encoding: 'json' } }), exchangeCtx());
    expect(server.received[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(server.received[0].body)).toEqual({
      grant_type: 'authorization_code',
      code: CODE,
      redirect_uri: 'https://hub.example.com/cb',
      client_id: 'cid',
      client_secret: SECRET,
    });
  });

  it('goes to the real token URL without a sandbox baseUrl, and keeps a baseUrl the plugin set', async () => {
    server.script([{ status: 200, body: { access_token: 'at-1' } }]);
    const ctx = exchangeCtx({ app: { clientId: 'cid', clientSecret: SECRET } });
    await expect(exchangeCode(spec({ tokenUrl: `${server.baseUrl}/token?shop={shop}` }), ctx)).resolves.toEqual({
      externalStoreId: 'acme.myshopify.com',
      credentials: { shop: 'acme.myshopify.com', accessToken: 'at-1' },
    });
    expect(server.received[0].url).toBe('/token?shop=acme.myshopify.com');
    const own = spec({
      toConnectedStore: () => ({ externalStoreId: 'x', credentials: { accessToken: 'a', baseUrl: 'https://own.example.com' } }),
    });
    expect((await exchangeCode(own, exchangeCtx())).credentials.baseUrl).toBe('https://own.example.com');
  });

  it('is an AuthError with the platform reason when the grant is refused, and never retried or leaked', async () => {
    const rec = recordingLogger();
    server.script([{ status: 400, body: { error: 'invalid_grant', error_description: `code ${CODE} expired` } }]);
    const err = await exchangeCode(spec(), exchangeCtx({ http: http(rec.log) })).catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toBe('the authorization code exchange was refused (invalid_grant: code [REDACTED] expired)');
    expect(err.details).toEqual({ status: 400, error: 'invalid_grant' });
    expect(server.received).toHaveLength(1);
    for (const line of rec.lines) for (const s of [SECRET, CODE]) expect(line).not.toContain(s);
  });

  it('retries nothing after a 5xx (a code is spent by the request that reached the platform)', async () => {
    server.script([
      { status: 503, body: { error: 'down' } },
      { status: 200, body: { access_token: 'late' } },
    ]);
    await expect(exchangeCode(spec(), exchangeCtx())).rejects.toBeInstanceOf(Transient);
    expect(server.received).toHaveLength(1);
  });

  it('leaves other 4xx answers to the client (Rejected) and 401 without a body to AuthError', async () => {
    server.script([{ status: 400, body: { error: 'invalid_request' } }]);
    await expect(exchangeCode(spec(), exchangeCtx())).rejects.toBeInstanceOf(Rejected);
    server.script([{ status: 401, body: '' }]);
    await expect(exchangeCode(spec(), exchangeCtx())).rejects.toBeInstanceOf(AuthError);
    server.script([
      { status: 429, headers: { 'retry-after': '0' }, body: { error: 'invalid_grant' } },
      { status: 200, body: { access_token: 'x' } },
    ]);
    await expect(exchangeCode(spec(), exchangeCtx())).resolves.toMatchObject({ credentials: { accessToken: 'x' } });
  });

  it('reads a refused-grant body only on a 4xx other than 429: a 5xx stays Transient, a 2xx is read as an answer', async () => {
    server.script([{ status: 503, body: { error: 'invalid_grant' } }]);
    await expect(exchangeCode(spec(), exchangeCtx())).rejects.toBeInstanceOf(Transient);
    server.script([{ status: 500, body: { error: 'invalid_client' } }]);
    await expect(exchangeCode(spec(), exchangeCtx())).rejects.toBeInstanceOf(Transient);
    server.script([{ status: 200, body: { error: 'invalid_grant' } }]);
    await expect(exchangeCode(spec(), exchangeCtx())).rejects.toThrow(
      new Rejected('the platform answered the code exchange without an access_token'),
    );
    server.script([{ status: 499, body: { error: 'unauthorized_client' } }]);
    await expect(exchangeCode(spec(), exchangeCtx())).rejects.toBeInstanceOf(AuthError);
  });

  it("redacts the app's client secret from a refusal the platform words with it", async () => {
    server.script([{ status: 401, body: { error: 'invalid_client', error_description: `secret ${SECRET} is wrong` } }]);
    const err = await exchangeCode(spec(), exchangeCtx()).catch((e) => e);
    expect(err.message).toBe('the authorization code exchange was refused (invalid_client: secret [REDACTED] is wrong)');
  });

  it('refuses an answer without an access_token', async () => {
    for (const body of [{}, { access_token: '' }, { access_token: 5 }, [{ access_token: 'x' }], 'text', null]) {
      server.script([{ status: 200, body }]);
      await expect(exchangeCode(spec(), exchangeCtx())).rejects.toThrow(
        new Rejected('the platform answered the code exchange without an access_token'),
      );
    }
  });

  it('turns a declined consent into an AuthError without calling the platform', async () => {
    const callback = {
      method: 'GET',
      query: { error: 'access_denied', error_description: 'The merchant said no', state: 's' },
      headers: {},
      rawBody: Buffer.alloc(0),
      body: undefined,
    };
    const err = await exchangeCode(spec(), exchangeCtx({ callback })).catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toBe('the platform did not grant access (access_denied: The merchant said no)');
    expect(err.details).toEqual({ error: 'access_denied' });
    const bare = await exchangeCode(spec(), exchangeCtx({ callback: { ...callback, query: { error: 'x'.repeat(3) } } })).catch((e) => e);
    expect(bare.message).toBe('the platform did not grant access (xxx)');
    const long = await exchangeCode(
      spec(),
      exchangeCtx({ callback: { ...callback, query: { error: 'e', error_description: 'd'.repeat(201) } } }),
    ).catch((e) => e);
    expect(long.message).toBe(`the platform did not grant access (e: ${'d'.repeat(200)})`);
    expect(server.received).toHaveLength(0);
  });

  it('needs a code in the callback', async () => {
    const callback = { method: 'GET', query: { state: 's' }, headers: {}, rawBody: Buffer.alloc(0), body: undefined };
    await expect(exchangeCode(spec(), exchangeCtx({ callback }))).rejects.toThrow(
      new AuthError('the callback carries no authorization code'),
    );
    await expect(exchangeCode(spec(), exchangeCtx({ callback: { ...callback, query: { code: '' } } }))).rejects.toBeInstanceOf(AuthError);
    expect(server.received).toHaveLength(0);
  });

  it('needs tokenUrl and toConnectedStore without an exchange', async () => {
    const msg = 'this oauth part has neither exchange nor tokenUrl + toConnectedStore';
    await expect(exchangeCode(spec({ tokenUrl: undefined }), exchangeCtx())).rejects.toThrow(msg);
    await expect(exchangeCode(spec({ toConnectedStore: undefined }), exchangeCtx())).rejects.toThrow(msg);
  });

  it("uses the plugin's exchange when it has one", async () => {
    const ctx = exchangeCtx();
    const seen: OAuthExchangeContext[] = [];
    const store = await exchangeCode(
      spec({ exchange: async (c) => (seen.push(c), { externalStoreId: 'k', credentials: { key: 'v' } }) }),
      ctx,
    );
    expect(seen).toEqual([ctx]);
    expect(store).toEqual({ externalStoreId: 'k', credentials: { key: 'v', baseUrl: server.baseUrl } });
    expect(server.received).toHaveLength(0);
  });

  it('checks what the plugin returns', async () => {
    const bad = (v: unknown) => exchangeCode(spec({ exchange: async () => v as never }), exchangeCtx());
    await expect(bad(null)).rejects.toThrow(new Rejected('the code exchange gave no connected store'));
    await expect(bad('x')).rejects.toThrow('the code exchange gave no connected store');
    await expect(bad({ credentials: {} })).rejects.toThrow('the code exchange gave no externalStoreId');
    await expect(bad({ externalStoreId: '', credentials: {} })).rejects.toThrow('the code exchange gave no externalStoreId');
    await expect(bad({ externalStoreId: 'x' })).rejects.toThrow('the code exchange gave no credentials');
    await expect(bad({ externalStoreId: 'x', credentials: null })).rejects.toThrow('the code exchange gave no credentials');
    await expect(bad({ externalStoreId: 'x', credentials: { n: 1 } })).rejects.toThrow(
      "the code exchange gave a credential 'n' that is not a string",
    );
    const original = { externalStoreId: 'x', credentials: { a: 'b' }, extra: 1 };
    const got = await bad(original);
    expect(got).toEqual({ externalStoreId: 'x', credentials: { a: 'b', baseUrl: server.baseUrl } });
    expect(original.credentials).toEqual({ a: 'b' });
  });
});

describe('refreshTokenGrant: the standard refresh_token grant', () => {
  function ctx(over: Partial<ConnectContext> = {}, credentials: Record<string, string> = {}): ConnectContext {
    return {
      credentials: {
        shop: 'acme.myshopify.com',
        accessToken: 'old-at',
        refreshToken: REFRESH,
        accessTokenExpiresAt: '2026-12-02T11:00:00.000Z',
        refreshTokenExpiresAt: '2027-03-01T00:00:00.000Z',
        ...credentials,
      },
      http: http(),
      log: recordingLogger().log,
      app: { clientId: 'cid', clientSecret: SECRET, baseUrl: server.baseUrl },
      ...over,
    };
  }
  const opts = { platform: 'Shopify', tokenUrl: 'https://{shop}/admin/oauth/access_token', now: () => NOW };

  it('posts the grant and returns the full set with the rotated refresh token and both expiries', async () => {
    server.script([
      { status: 200, body: { access_token: 'new-at', expires_in: 3600, refresh_token: 'new-rt', refresh_token_expires_in: 7776000 } },
    ]);
    const next = await refreshTokenGrant(ctx(), opts);
    expect(server.received[0].url).toBe('/admin/oauth/access_token');
    expect(server.received[0].method).toBe('POST');
    expect(form()).toEqual({ grant_type: 'refresh_token', refresh_token: REFRESH, client_id: 'cid', client_secret: SECRET });
    expect(next).toEqual({
      shop: 'acme.myshopify.com',
      accessToken: 'new-at',
      refreshToken: 'new-rt',
      [ACCESS_TOKEN_EXPIRES_AT]: '2026-12-02T13:00:00.000Z',
      [REFRESH_TOKEN_EXPIRES_AT]: '2027-03-02T12:00:00.000Z',
    });
  });

  it('keeps the refresh token when the answer carries one that is not a string', async () => {
    server.script([{ status: 200, body: { access_token: 'new-at', refresh_token: 5, refresh_token_expires_in: 60 } }]);
    const next = await refreshTokenGrant(ctx(), opts);
    expect(next.refreshToken).toBe(REFRESH);
    expect(next[REFRESH_TOKEN_EXPIRES_AT]).toBe('2027-03-01T00:00:00.000Z');
  });

  it('keeps the refresh token and its expiry when the platform does not rotate it', async () => {
    server.script([{ status: 200, body: { access_token: 'new-at', expires_in: '60', refresh_token: '' } }]);
    const next = await refreshTokenGrant(ctx(), opts);
    expect(next.refreshToken).toBe(REFRESH);
    expect(next[REFRESH_TOKEN_EXPIRES_AT]).toBe('2027-03-01T00:00:00.000Z');
    expect(next[ACCESS_TOKEN_EXPIRES_AT]).toBe('2026-12-02T12:01:00.000Z');
  });

  it('falls back to the documented lifetimes when the answer is silent, else drops the expiry', async () => {
    server.script([{ status: 200, body: { access_token: 'a', refresh_token: 'r' } }]);
    const withLifetimes = await refreshTokenGrant(ctx(), { ...opts, lifetime: { accessTokenSeconds: 14400, refreshTokenSeconds: 86400 } });
    expect(withLifetimes[ACCESS_TOKEN_EXPIRES_AT]).toBe('2026-12-02T16:00:00.000Z');
    expect(withLifetimes[REFRESH_TOKEN_EXPIRES_AT]).toBe('2026-12-03T12:00:00.000Z');
    const without = await refreshTokenGrant(ctx(), opts);
    expect(without).not.toHaveProperty(ACCESS_TOKEN_EXPIRES_AT);
    expect(without).not.toHaveProperty(REFRESH_TOKEN_EXPIRES_AT);
    expect(without.refreshToken).toBe('r');
  });

  it("prefers the answer's lifetimes over the documented ones", async () => {
    server.script([{ status: 200, body: { access_token: 'a', expires_in: 60, refresh_token: 'r', refresh_token_expires_in: 120 } }]);
    const next = await refreshTokenGrant(ctx(), { ...opts, lifetime: { accessTokenSeconds: 14400, refreshTokenSeconds: 86400 } });
    expect(next[ACCESS_TOKEN_EXPIRES_AT]).toBe('2026-12-02T12:01:00.000Z');
    expect(next[REFRESH_TOKEN_EXPIRES_AT]).toBe('2026-12-02T12:02:00.000Z');
  });

  it('computes the expiry from the clock read after the answer', async () => {
    server.script([{ status: 200, body: { access_token: 'a', expires_in: 10 } }]);
    let t = NOW;
    const next = await refreshTokenGrant(ctx({ http: http() }), { ...opts, now: () => (t += 1000) });
    expect(next[ACCESS_TOKEN_EXPIRES_AT]).toBe('2026-12-02T12:00:11.000Z');
  });

  it('uses the real clock by default', async () => {
    server.script([{ status: 200, body: { access_token: 'a', expires_in: 3600 } }]);
    const before = Date.now();
    const next = await refreshTokenGrant(ctx(), { platform: 'X', tokenUrl: opts.tokenUrl });
    const at = Date.parse(next[ACCESS_TOKEN_EXPIRES_AT]);
    expect(at).toBeGreaterThanOrEqual(before + 3600_000);
    expect(at).toBeLessThanOrEqual(Date.now() + 3600_000);
  });

  it('honours other field names, extra parameters, Basic auth and JSON', async () => {
    server.script([{ status: 200, body: { access_token: 'a', refresh_token: 'r' } }]);
    const next = await refreshTokenGrant(ctx({}, { token: 't0', renew: 'r0' }), {
      ...opts,
      accessTokenField: 'token',
      refreshTokenField: 'renew',
      params: { grant_type: 'overridden?', extra: 'yes' },
      tokenRequest: { clientAuthentication: 'basic', encoding: 'json' },
    });
    expect(JSON.parse(server.received[0].body)).toEqual({ extra: 'yes', grant_type: 'refresh_token', refresh_token: 'r0' });
    expect(server.received[0].headers.authorization).toBe(basicClientAuthorization({ clientId: 'cid', clientSecret: SECRET }));
    expect(next.token).toBe('a');
    expect(next.renew).toBe('r');
    expect(next.accessToken).toBe('old-at');
  });

  it('uses an explicit app before ctx.app', async () => {
    server.script([{ status: 200, body: { access_token: 'a' } }]);
    await refreshTokenGrant(ctx(), { ...opts, app: { clientId: 'other', clientSecret: 'other-secret', baseUrl: server.baseUrl } });
    expect(form()).toMatchObject({ client_id: 'other', client_secret: 'other-secret' });
  });

  it('is an AuthError naming the platform and its reason when the refresh is refused (and leaks nothing)', async () => {
    for (const [status, error] of [
      [400, 'invalid_grant'],
      [401, 'invalid_client'],
      [400, 'unauthorized_client'],
    ] as const) {
      const rec = recordingLogger();
      server.script([{ status, body: { error, error_description: `token ${REFRESH} revoked` } }]);
      const err = await refreshTokenGrant(ctx({ http: http(rec.log) }), opts).catch((e) => e);
      expect(err).toBeInstanceOf(AuthError);
      expect(err.message).toBe(`the Shopify token refresh was refused (${error}: token [REDACTED] revoked)`);
      for (const line of rec.lines) for (const s of [SECRET, REFRESH]) expect(line).not.toContain(s);
    }
  });

  it('is Transient when the answer has no access token', async () => {
    server.script([{ status: 200, body: { refresh_token: 'r' } }]);
    await expect(refreshTokenGrant(ctx(), opts)).rejects.toThrow(
      new Transient('Shopify answered the token refresh without an access_token'),
    );
  });

  it('needs a stored refresh token and an app, without calling the platform', async () => {
    await expect(refreshTokenGrant(ctx({}, { refreshToken: '' }), opts)).rejects.toThrow(
      new AuthError('no refreshToken is stored for this Shopify store: reconnect it'),
    );
    await expect(refreshTokenGrant(ctx(), { ...opts, refreshTokenField: 'nope' })).rejects.toThrow(
      'no nope is stored for this Shopify store: reconnect it',
    );
    await expect(refreshTokenGrant(ctx({ app: undefined }), opts)).rejects.toThrow(
      new AuthError('no OAuth app (client id / secret) is configured for Shopify: the token cannot be refreshed'),
    );
    expect(server.received).toHaveLength(0);
  });

  it('fills the token URL from the store credentials', async () => {
    server.script([{ status: 200, body: { access_token: 'a' } }]);
    await refreshTokenGrant(ctx({}, { region: 'eu west' }), { ...opts, tokenUrl: 'https://{shop}/t/{region}' });
    expect(server.received[0].url).toBe('/t/eu%20west');
  });
});
