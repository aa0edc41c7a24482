/** The OAuth simulator kit, over HTTP against the Tinyshop fixture with the kit mounted and a test clock. */
import { createHash } from 'node:crypto';
import { basicClientAuthorization } from '@stock-sync/plugin-sdk';
import {
  denyConsent,
  expireIssuedAccessTokens,
  issuedTokenStatus,
  oauthSimView,
  revokeIssuedGrants,
  startSimulator,
  withOAuth,
  type OAuthSimulatorConfig,
  type RunningSimulator,
} from '../src';
import { signQuery, TINY_APP, tinyOAuthConfig } from './fixtures/tinyshop/oauth-fixture';
import { tinyshopSimulator, TINY_TOKEN, type TinyState } from './fixtures/tinyshop/simulator';

const REDIRECT = 'https://hub.example.com/oauth/callback/tinyshop?keep=1';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

let sim: RunningSimulator<TinyState>;
const clock = { now: Date.parse('2026-12-02T12:00:00.000Z') };

// The test clock stands still between steps: a budget that never runs dry keeps 429s out of these tests.
const roomy = { ...tinyshopSimulator, rateLimit: { ...tinyshopSimulator.rateLimit, capacity: 10_000, refillPerSecond: 1 } };

async function start(over: Partial<OAuthSimulatorConfig<TinyState>> = {}): Promise<void> {
  sim = await startSimulator(withOAuth(roomy, tinyOAuthConfig(over)), { now: () => clock.now });
}
afterEach(async () => {
  await sim?.close();
});

function authorizeQuery(over: Record<string, string | undefined> = {}): string {
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    client_id: TINY_APP.clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'stock:read',
    state: 'st-1',
    shop: 'acme',
    ...over,
  })) {
    if (v !== undefined) q[k] = v;
  }
  return new URLSearchParams(q).toString();
}

async function consent(
  over: Record<string, string | undefined> = {},
): Promise<{ status: number; location?: URL; params: Record<string, string>; text: string }> {
  const res = await fetch(`${sim.baseUrl}/oauth/authorize?${authorizeQuery(over)}`, { redirect: 'manual' });
  const loc = res.headers.get('location');
  const location = loc ? new URL(loc) : undefined;
  return { status: res.status, location, params: location ? Object.fromEntries(location.searchParams) : {}, text: await res.text() };
}

async function token(params: Record<string, string>, opts: { auth?: 'body' | 'basic' | 'none'; json?: boolean; secret?: string } = {}) {
  const auth = opts.auth ?? 'body';
  const body: Record<string, string> = { ...params };
  const headers: Record<string, string> = { 'content-type': opts.json ? 'application/json' : 'application/x-www-form-urlencoded' };
  if (auth === 'basic')
    headers.authorization = basicClientAuthorization({ clientId: TINY_APP.clientId, clientSecret: opts.secret ?? TINY_APP.clientSecret });
  else {
    body.client_id = TINY_APP.clientId;
    if (auth === 'body') body.client_secret = opts.secret ?? TINY_APP.clientSecret;
  }
  const res = await fetch(`${sim.baseUrl}/oauth/token`, {
    method: 'POST',
    headers,
    body: opts.json ? JSON.stringify(body) : new URLSearchParams(body).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

async function code(over: Record<string, string | undefined> = {}): Promise<string> {
  const c = await consent(over);
  expect(c.status).toBe(302);
  return c.params.code;
}

async function api(tokenValue: string) {
  const res = await fetch(`${sim.baseUrl}/api/shop`, { headers: { 'x-tiny-token': tokenValue } });
  return { status: res.status, body: await res.json() };
}

describe('consent', () => {
  it("is a page on the platform's website, not an API call: it spends none of the API budget", async () => {
    const tight = { ...tinyshopSimulator, rateLimit: { ...tinyshopSimulator.rateLimit, capacity: 1, refillPerSecond: 1 } };
    sim = await startSimulator(withOAuth(tight, tinyOAuthConfig()), { now: () => clock.now });
    for (let i = 0; i < 5; i++) expect((await consent()).status).toBe(302);
    // The one API call the budget allows still goes through; the next one is throttled (the clock stands still).
    expect((await api(TINY_TOKEN)).status).toBe(200);
    expect((await api(TINY_TOKEN)).status).toBe(429);
  });

  it('auto-approves: 302 to the redirect_uri (its query kept) with a code, the state and the signed extras', async () => {
    await start();
    const c = await consent();
    expect(c.status).toBe(302);
    expect(`${c.location!.origin}${c.location!.pathname}`).toBe('https://hub.example.com/oauth/callback/tinyshop');
    expect(c.params.keep).toBe('1');
    expect(c.params.code).toMatch(/^tiny_code_[0-9a-f]{48}$/);
    expect(c.params.state).toBe('st-1');
    expect(c.params.shop).toBe('acme');
    const { keep: _keep, ...signed } = c.params;
    expect(c.params.hmac).toBe(signQuery({ code: signed.code, state: signed.state, shop: signed.shop }, TINY_APP.clientSecret));
    expect(oauthSimView(sim).counts.consents).toBe(1);
    expect(oauthSimView(sim).codes.get(c.params.code)).toMatchObject({
      clientId: TINY_APP.clientId,
      redirectUri: REDIRECT,
      scope: 'stock:read',
      subject: 'acme',
      used: false,
      expiresAt: clock.now + 600_000,
    });
  });

  it('passes no state when none was sent, and defaults the subject', async () => {
    await start({ approveParams: undefined, subject: undefined });
    const c = await consent({ state: undefined });
    expect(Object.keys(c.params).sort()).toEqual(['code', 'keep']);
    expect(oauthSimView(sim).codes.get(c.params.code)?.subject).toBe('sandbox');
  });

  it('never redirects for an unknown client or an unusable redirect_uri', async () => {
    await start();
    for (const over of [{ client_id: 'other' }, { client_id: undefined }]) {
      const c = await consent(over);
      expect(c.status).toBe(400);
      expect(c.location).toBeUndefined();
      expect(c.text).toBe('Unknown client_id: this app is not installed here');
    }
    for (const redirect_uri of [undefined, 'relative/path', 'ftp://x.example.com/cb', 'https://x.example.com/cb#frag', 'not a url']) {
      const c = await consent({ redirect_uri });
      expect(c.status).toBe(400);
      expect(c.text).toBe('redirect_uri is missing or is not an absolute http(s) URL without a fragment');
    }
    expect((await consent({ redirect_uri: 'http://localhost:3000/cb' })).status).toBe(302);
    expect(oauthSimView(sim).codes.size).toBe(1);
  });

  it('redirects with an error for another response_type or a bad PKCE request', async () => {
    await start();
    expect((await consent({ response_type: 'token' })).params).toMatchObject({ error: 'unsupported_response_type', state: 'st-1' });
    expect((await consent({ response_type: undefined })).params.code).toBeDefined();
    expect((await consent({ code_challenge: CHALLENGE, code_challenge_method: 'plain' })).params).toMatchObject({
      error: 'invalid_request',
      state: 'st-1',
    });
    expect((await consent({ code_challenge: CHALLENGE })).params.error).toBe('invalid_request');
    expect((await consent({ code_challenge: CHALLENGE, code_challenge_method: 'S256' })).params.code).toBeDefined();
    expect(oauthSimView(sim).codes.size).toBe(2);
  });

  it('requires a challenge when the platform requires PKCE', async () => {
    await start({ pkce: 'required' });
    expect((await consent()).params).toMatchObject({
      error: 'invalid_request',
      error_description: 'a code_challenge with code_challenge_method=S256 is required',
    });
    expect((await consent({ code_challenge: CHALLENGE, code_challenge_method: 'S256' })).params.code).toBeDefined();
  });

  it('denies on request (programmatic or by the fault route), with access_denied and the state; clear approves again', async () => {
    await start();
    denyConsent(sim);
    const denied = await consent();
    expect(denied.status).toBe(302);
    expect(denied.params).toEqual({ keep: '1', error: 'access_denied', error_description: 'The merchant declined the app', state: 'st-1' });
    expect(oauthSimView(sim).counts.denials).toBe(1);
    expect(oauthSimView(sim).codes.size).toBe(0);
    denyConsent(sim, false);
    expect((await consent()).params.code).toBeDefined();

    const post = (body: unknown) =>
      fetch(`${sim.baseUrl}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ denyConsent: true })).status).toBe(200);
    expect((await consent()).params.error).toBe('access_denied');
    expect((await post({ clear: true })).status).toBe(200);
    expect((await consent()).params.code).toBeDefined();
    expect((await post({ denyConsent: true })).status).toBe(200);
    expect((await post({ denyConsent: false })).status).toBe(200);
    expect((await consent()).params.code).toBeDefined();
    const bad = await post({ denyConsent: 'yes', revoke: true });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'denyConsent must be a boolean' });
    expect((await consent()).params.code).toBeDefined();
  });

  it("uses the platform's denied parameters when it has them", async () => {
    await start({ deniedParams: (c) => ({ denied: '1', shop: c.subject }) });
    denyConsent(sim);
    expect((await consent()).params).toEqual({ keep: '1', denied: '1', shop: 'acme' });
  });
});

describe('token endpoint: authorization_code', () => {
  it('issues an access token and a rotating refresh token with their lifetimes (RFC 6749 §5.1)', async () => {
    await start();
    const c = await code();
    const res = await token({ grant_type: 'authorization_code', code: c, redirect_uri: REDIRECT });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({
      access_token: expect.stringMatching(/^tiny_at_[0-9a-f]{48}$/),
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: expect.stringMatching(/^tiny_rt_/),
      refresh_token_expires_in: 2592000,
      scope: 'stock:read',
    });
    expect(oauthSimView(sim).counts.exchanges).toBe(1);
    expect((await api(res.body.access_token as string)).status).toBe(200);
  });

  it('refuses a replayed code and revokes what its first exchange issued', async () => {
    await start();
    const c = await code();
    const first = await token({ grant_type: 'authorization_code', code: c });
    const again = await token({ grant_type: 'authorization_code', code: c });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ error: 'invalid_grant', error_description: 'The authorization code was already used' });
    expect((await api(first.body.access_token as string)).status).toBe(401);
    expect((await token({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token as string })).body.error).toBe(
      'invalid_grant',
    );
    expect(oauthSimView(sim).counts.refused).toBe(2);
  });

  it('refuses an unknown, expired, or misdirected code', async () => {
    await start();
    expect((await token({ grant_type: 'authorization_code', code: 'nope' })).body).toEqual({
      error: 'invalid_grant',
      error_description: 'The authorization code is invalid',
    });
    expect((await token({ grant_type: 'authorization_code' })).body).toEqual({
      error: 'invalid_request',
      error_description: 'code is required',
    });
    const late = await code();
    clock.now += 600_000;
    expect((await token({ grant_type: 'authorization_code', code: late })).body.error_description).toBe(
      'The authorization code has expired',
    );
    const onTime = await code();
    clock.now += 599_999;
    expect((await token({ grant_type: 'authorization_code', code: onTime })).status).toBe(200);
    const wrongUri = await code();
    expect(
      (await token({ grant_type: 'authorization_code', code: wrongUri, redirect_uri: 'https://evil.example.com/cb' })).body
        .error_description,
    ).toBe('redirect_uri does not match the authorization request');
  });

  it('verifies PKCE (RFC 7636 §4.6)', async () => {
    await start();
    const pkce = { code_challenge: CHALLENGE, code_challenge_method: 'S256' };
    expect((await token({ grant_type: 'authorization_code', code: await code(pkce) })).body.error_description).toBe(
      'code_verifier is required',
    );
    expect(
      (await token({ grant_type: 'authorization_code', code: await code(pkce), code_verifier: `${VERIFIER}x` })).body.error_description,
    ).toBe('code_verifier does not match the code_challenge');
    expect((await token({ grant_type: 'authorization_code', code: await code(pkce), code_verifier: VERIFIER })).status).toBe(200);
    expect(createHash('sha256').update(VERIFIER).digest('base64url')).toBe(CHALLENGE);
  });

  it('authenticates the client as configured', async () => {
    await start();
    expect((await token({ grant_type: 'authorization_code', code: await code() }, { auth: 'basic' })).status).toBe(200);
    const wrong = await token({ grant_type: 'authorization_code', code: await code() }, { secret: 'wrong' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed' });
    expect((await token({ grant_type: 'authorization_code', code: await code() }, { auth: 'basic', secret: 'wrong' })).body.error).toBe(
      'invalid_client',
    );
    expect((await token({ grant_type: 'authorization_code', code: await code() }, { auth: 'none' })).body).toEqual({
      error: 'invalid_client',
      error_description: "client authentication 'none' is not accepted here",
    });
    await sim.close();
    await start({ clientAuthentication: ['none'] });
    expect((await token({ grant_type: 'authorization_code', code: await code() }, { auth: 'none' })).status).toBe(200);
    expect((await token({ grant_type: 'authorization_code', code: await code() })).body.error_description).toBe(
      "client authentication 'body' is not accepted here",
    );
    const other = await fetch(`${sim.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&client_id=other&code=x',
    });
    expect(await other.json()).toEqual({ error: 'invalid_client', error_description: 'Unknown client' });
  });

  it('takes the encodings the platform takes', async () => {
    await start();
    const json = await token({ grant_type: 'authorization_code', code: await code() }, { json: true });
    expect(json.status).toBe(400);
    expect(json.body).toEqual({ error: 'invalid_request', error_description: 'the body must be application/x-www-form-urlencoded' });
    await sim.close();
    await start({ encodings: ['json', 'form'] });
    expect((await token({ grant_type: 'authorization_code', code: await code() }, { json: true })).status).toBe(200);
    const none = await fetch(`${sim.baseUrl}/oauth/token`, { method: 'POST', body: 'x' });
    expect(await none.json()).toEqual({
      error: 'invalid_request',
      error_description: 'the body must be application/json or application/x-www-form-urlencoded',
    });
  });

  it('refuses other grant types and every grant once the merchant revoked the app', async () => {
    await start();
    expect((await token({ grant_type: 'password' })).body).toEqual({
      error: 'unsupported_grant_type',
      error_description: "grant_type 'password' is not supported",
    });
    expect((await token({})).body.error).toBe('unsupported_grant_type');
    const c = await code();
    sim.faults.revokeCredentials();
    expect((await token({ grant_type: 'authorization_code', code: c })).body).toEqual({
      error: 'invalid_grant',
      error_description: 'The merchant revoked access',
    });
  });

  it("answers in the platform's shapes when it has them", async () => {
    await start({
      tokenAnswer: (t) => ({ status: 200, body: { token: t.accessToken, grant: t.grant, subject: t.subject } }),
      errorAnswer: (status, error) => ({ status, body: { errors: error } }),
    });
    expect((await token({ grant_type: 'authorization_code', code: await code() })).body).toEqual({
      token: expect.stringMatching(/^tiny_at_/),
      grant: 'authorization_code',
      subject: 'acme',
    });
    expect((await token({ grant_type: 'authorization_code', code: 'x' })).body).toEqual({ errors: 'invalid_grant' });
  });
});

describe('token endpoint: refresh_token', () => {
  async function connected(): Promise<Record<string, unknown>> {
    return (await token({ grant_type: 'authorization_code', code: await code() })).body;
  }

  it('rotates: a new pair, the old refresh token spent, the old access token left to expire', async () => {
    await start();
    const first = await connected();
    const next = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token as string });
    expect(next.status).toBe(200);
    expect(next.body.access_token).not.toBe(first.access_token);
    expect(next.body.refresh_token).not.toBe(first.refresh_token);
    expect(next.body.expires_in).toBe(3600);
    expect(next.body.refresh_token_expires_in).toBe(2592000);
    expect((await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token as string })).body).toEqual({
      error: 'invalid_grant',
      error_description: 'The refresh token is invalid, already used or revoked',
    });
    expect(oauthSimView(sim).counts.refreshes).toBe(1);
    expect((await api(first.access_token as string)).status).toBe(200);
    expect((await api(next.body.access_token as string)).status).toBe(200);
  });

  it('keeps the refresh token when the platform does not rotate, counting down its lifetime', async () => {
    await start({ rotateRefreshTokens: false });
    const first = await connected();
    clock.now += 86_400_000;
    const next = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token as string });
    expect(next.body.refresh_token).toBe(first.refresh_token);
    expect(next.body.refresh_token_expires_in).toBe(29 * 86400);
    expect((await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token as string })).status).toBe(200);
  });

  it('refuses an expired refresh token, and one the merchant revoked', async () => {
    await start();
    const first = await connected();
    clock.now += 30 * 86_400_000;
    expect((await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token as string })).body).toEqual({
      error: 'invalid_grant',
      error_description: 'The refresh token has expired',
    });
    const second = await connected();
    sim.faults.revokeCredentials();
    expect((await token({ grant_type: 'refresh_token', refresh_token: second.refresh_token as string })).body.error).toBe('invalid_grant');
    sim.faults.restoreCredentials();
    expect((await token({ grant_type: 'refresh_token', refresh_token: second.refresh_token as string })).status).toBe(200);
    expect((await token({ grant_type: 'refresh_token' })).body).toEqual({
      error: 'invalid_request',
      error_description: 'refresh_token is required',
    });
  });

  it('issues no refresh token and no expiry for long-lived tokens', async () => {
    await start({ issueRefreshTokens: false, accessTokenSeconds: undefined });
    const body = await connected();
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', scope: 'stock:read' });
    clock.now += 365 * 86_400_000;
    expect((await api(body.access_token as string)).status).toBe(200);
  });

  it('issues refresh tokens that never expire when no lifetime is set', async () => {
    await start({ refreshTokenSeconds: undefined });
    const body = await connected();
    expect(body).not.toHaveProperty('refresh_token_expires_in');
    clock.now += 10 * 365 * 86_400_000;
    expect((await token({ grant_type: 'refresh_token', refresh_token: body.refresh_token as string })).status).toBe(200);
  });
});

describe('platform variants (Shopify-like)', () => {
  it('takes a token request without grant_type as the code exchange when the platform does', async () => {
    await start({ grantTypeWhenAbsent: 'authorization_code' });
    const res = await token({ code: await code() });
    expect(res.status).toBe(200);
    expect(res.body.access_token).toEqual(expect.stringMatching(/^tiny_at_/));
    await sim.close();
    await start();
    expect((await token({ code: await code() })).body).toEqual({
      error: 'unsupported_grant_type',
      error_description: "grant_type '' is not supported",
    });
  });

  it('issues a long-lived token without a refresh token when the request asks for one', async () => {
    await start({ nonExpiring: (req) => (req.body as Record<string, string>).expiring !== '1' });
    const plain = await token({ grant_type: 'authorization_code', code: await code() });
    expect(plain.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', scope: 'stock:read' });
    clock.now += 10 * 86_400_000;
    expect((await api(plain.body.access_token as string)).status).toBe(200);
    const expiring = await token({ grant_type: 'authorization_code', code: await code(), expiring: '1' });
    expect(expiring.body).toMatchObject({ expires_in: 3600, refresh_token: expect.any(String) });
  });

  it('retains a replaced refresh token until its replacement is used, within the recovery period', async () => {
    await start({ retainReplacedRefreshTokenSeconds: 30 * 86400, refreshTokenSeconds: 90 * 86400 });
    const r1 = (await token({ grant_type: 'authorization_code', code: await code() })).body.refresh_token as string;
    const first = await token({ grant_type: 'refresh_token', refresh_token: r1 });
    const r2 = first.body.refresh_token as string;
    // The answer was lost: r1 works again (and gives another replacement).
    const again = await token({ grant_type: 'refresh_token', refresh_token: r1 });
    expect(again.status).toBe(200);
    const r2b = again.body.refresh_token as string;
    expect(r2b).not.toBe(r2);
    // Using a replacement retires r1.
    expect((await token({ grant_type: 'refresh_token', refresh_token: r2b })).status).toBe(200);
    expect((await token({ grant_type: 'refresh_token', refresh_token: r1 })).body.error).toBe('invalid_grant');
    // The recovery period runs from the first use of the replaced token.
    const r3 = (await token({ grant_type: 'authorization_code', code: await code() })).body.refresh_token as string;
    expect((await token({ grant_type: 'refresh_token', refresh_token: r3 })).status).toBe(200);
    clock.now += 30 * 86_400_000 - 1;
    expect((await token({ grant_type: 'refresh_token', refresh_token: r3 })).status).toBe(200);
    clock.now += 1;
    expect((await token({ grant_type: 'refresh_token', refresh_token: r3 })).body).toEqual({
      error: 'invalid_grant',
      error_description: 'The refresh token was replaced and its recovery period is over',
    });
    expect((await token({ grant_type: 'refresh_token', refresh_token: r3 })).body.error_description).toBe(
      'The refresh token is invalid, already used or revoked',
    );
  });
});

describe('API requests with issued tokens', () => {
  it('expire by the simulator clock; the static sandbox token keeps working', async () => {
    await start();
    const body = (await token({ grant_type: 'authorization_code', code: await code() })).body;
    clock.now += 3_599_999;
    expect((await api(body.access_token as string)).status).toBe(200);
    clock.now += 1;
    expect(await api(body.access_token as string)).toEqual({ status: 401, body: { error: 'invalid or revoked token' } });
    expect((await api(TINY_TOKEN)).status).toBe(200);
    expect((await api('tiny_at_made_up')).status).toBe(401);
  });

  it('stop working when the merchant revokes the app, or by the test switches', async () => {
    await start();
    const a = (await token({ grant_type: 'authorization_code', code: await code() })).body;
    sim.faults.revokeCredentials();
    expect((await api(a.access_token as string)).status).toBe(401);
    sim.faults.restoreCredentials();
    expect((await api(a.access_token as string)).status).toBe(200);
    expireIssuedAccessTokens(sim);
    expect((await api(a.access_token as string)).status).toBe(401);
    const b = (await token({ grant_type: 'authorization_code', code: await code() })).body;
    revokeIssuedGrants(sim);
    expect((await api(b.access_token as string)).status).toBe(401);
    expect((await token({ grant_type: 'refresh_token', refresh_token: b.refresh_token as string })).body.error).toBe('invalid_grant');
  });

  it('are per shop: a token of one simulator means nothing to another', async () => {
    await start();
    const a = (await token({ grant_type: 'authorization_code', code: await code() })).body;
    const other = await startSimulator(withOAuth(tinyshopSimulator, tinyOAuthConfig()));
    try {
      const res = await fetch(`${other.baseUrl}/api/shop`, { headers: { 'x-tiny-token': a.access_token as string } });
      expect(res.status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('answer with the default refusal (Bearer, 401 invalid_token) when the platform gives none', async () => {
    await start({ refused: undefined, readAccessToken: undefined });
    const a = (await token({ grant_type: 'authorization_code', code: await code() })).body;
    expireIssuedAccessTokens(sim);
    const res = await fetch(`${sim.baseUrl}/api/shop`, {
      headers: { authorization: `Bearer ${a.access_token}`, 'x-tiny-token': TINY_TOKEN },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token", error_description="The access token expired"');
    expect(await res.json()).toEqual({ error: 'invalid_token', error_description: 'The access token expired' });
  });

  it('issuedTokenStatus tells issued, expired and unknown tokens apart', async () => {
    await start();
    const cfg = tinyOAuthConfig();
    const a = (await token({ grant_type: 'authorization_code', code: await code() })).body.access_token as string;
    const ctx = { state: sim.state, faults: { revoked: false } as never, now: () => clock.now };
    const req = (t: string) => ({
      method: 'GET',
      path: '/api/shop',
      params: {},
      query: {},
      headers: { 'x-tiny-token': t },
      body: undefined,
      rawBody: '',
    });
    expect(issuedTokenStatus(cfg, req(a), ctx)).toBe('valid');
    expect(issuedTokenStatus(cfg, req(TINY_TOKEN), ctx)).toBeUndefined();
    revokeIssuedGrants(sim);
    expect(issuedTokenStatus(cfg, req(a), ctx)).toBe('unknown');
  });
});

describe('revocation (RFC 7009)', () => {
  it('revokes the whole grant of an access or refresh token; unknown tokens answer 200 too', async () => {
    await start();
    const revoke = (body: Record<string, string>) =>
      fetch(`${sim.baseUrl}/oauth/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
      });
    const a = (await token({ grant_type: 'authorization_code', code: await code() })).body;
    const creds = { client_id: TINY_APP.clientId, client_secret: TINY_APP.clientSecret };
    expect((await revoke({ ...creds, token: 'unknown' })).status).toBe(200);
    expect((await revoke({ ...creds })).status).toBe(400);
    expect((await revoke({ client_id: TINY_APP.clientId, client_secret: 'x', token: a.refresh_token as string })).status).toBe(401);
    expect((await api(a.access_token as string)).status).toBe(200);
    expect((await revoke({ ...creds, token: a.refresh_token as string })).status).toBe(200);
    expect((await api(a.access_token as string)).status).toBe(401);
  });
});

describe('withOAuth', () => {
  it('declares the sandbox app and keeps the definition otherwise', () => {
    const def = withOAuth(tinyshopSimulator, tinyOAuthConfig());
    expect(def.oauthApp).toEqual(TINY_APP);
    expect(def.id).toBe('tinyshop');
    expect(def.routes.map((r) => `${r.method} ${r.path}`).slice(0, 3)).toEqual([
      'GET /oauth/authorize',
      'POST /oauth/token',
      'POST /oauth/revoke',
    ]);
    expect(def.routes).toHaveLength(tinyshopSimulator.routes.length + 3);
    expect(withOAuth(tinyshopSimulator, tinyOAuthConfig({ revokePath: undefined })).routes).toHaveLength(
      tinyshopSimulator.routes.length + 2,
    );
  });
});
