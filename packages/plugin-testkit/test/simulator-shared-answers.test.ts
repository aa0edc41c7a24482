/**
 * The simulators' shared pieces: throttledAnswer, the kit's token request for translated token calls
 * (kitTokenRequest), the issued-token guard of routes (guardIssuedTokens) and withOAuth's platform checks
 * (checkRequest) and path-pattern endpoints.
 */
import {
  consentRoute,
  createFaultState,
  guardIssuedTokens,
  kitTokenRequest,
  throttledAnswer,
  tokenRoute,
  withOAuth,
  type SimContext,
  type SimRequest,
  type SimResponse,
  type SimRoute,
} from '../src';
import { TINY_APP, tinyOAuthConfig } from './fixtures/tinyshop/oauth-fixture';
import { tinyshopSimulator, TINY_TOKEN, type TinyState } from './fixtures/tinyshop/simulator';

const REDIRECT = 'https://hub.example.com/cb';

function request(over: Partial<SimRequest> = {}): SimRequest {
  return { method: 'GET', path: '/x', params: {}, query: {}, headers: {}, body: undefined, rawBody: '', ...over };
}

function context(now = 1_000_000): SimContext<TinyState> {
  return { state: tinyshopSimulator.createState(), faults: createFaultState(), now: () => now };
}

/** An access token the kit issues through its consent and token routes (the token request built by kitTokenRequest). */
async function issue(ctx: SimContext<TinyState>): Promise<string> {
  const cfg = tinyOAuthConfig();
  const consent = (await consentRoute(cfg).handle(
    request({ query: { client_id: TINY_APP.clientId, redirect_uri: REDIRECT, response_type: 'code' } }),
    ctx,
  )) as SimResponse;
  const code = new URL(consent.headers!.location).searchParams.get('code')!;
  const form = {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    client_id: TINY_APP.clientId,
    client_secret: TINY_APP.clientSecret,
  };
  const res = await tokenRoute(cfg).handle(kitTokenRequest(cfg.tokenPath, form), ctx);
  expect(res.status).toBe(200);
  return (res.body as { access_token: string }).access_token;
}

describe('throttledAnswer', () => {
  it('answers 429 with Retry-After in seconds and the given body', () => {
    const body = { error: 'slow down' };
    expect(throttledAnswer(body)(request(), 7)).toEqual({ status: 429, headers: { 'retry-after': '7' }, body });
  });
});

describe('kitTokenRequest', () => {
  it('is a form-encoded POST to the path, with empty params and query of its own', () => {
    expect(kitTokenRequest('/kit/token', { grant_type: 'refresh_token', refresh_token: 'a b' })).toEqual({
      method: 'POST',
      path: '/kit/token',
      params: {},
      query: {},
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: { grant_type: 'refresh_token', refresh_token: 'a b' },
      rawBody: 'grant_type=refresh_token&refresh_token=a+b',
    });
  });

  it('keeps the translated request’s other fields and headers, replacing method, path, content type and body', () => {
    const from = request({ query: { app_key: 'k' }, headers: { 'content-type': 'text/plain', 'x-a': '1' }, rawBody: 'x', body: 'x' });
    const r = kitTokenRequest('/kit/token', { code: 'c' }, from);
    expect(r).toEqual({
      method: 'POST',
      path: '/kit/token',
      params: {},
      query: { app_key: 'k' },
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-a': '1' },
      body: { code: 'c' },
      rawBody: 'code=c',
    });
    expect(from.method).toBe('GET');
  });
});

describe('guardIssuedTokens', () => {
  const route: SimRoute<TinyState> = { method: 'GET', path: '/x', handle: () => ({ status: 200, body: 'ok' }) };
  const refused = (_req: SimRequest, reason: string): SimResponse => ({ status: 401, body: reason });

  it('lets a valid issued token, a static token and no token through; refuses unknown and expired issued tokens', async () => {
    const cfg = tinyOAuthConfig();
    const ctx = context();
    const token = await issue(ctx);
    const [guarded] = guardIssuedTokens(cfg, [route], refused);
    expect(guarded.method).toBe('GET');
    expect(guarded.path).toBe('/x');
    const call = (headers: Record<string, string>, c: SimContext<TinyState> = ctx) => guarded.handle(request({ headers }), c);
    expect(await call({ 'x-tiny-token': token })).toEqual({ status: 200, body: 'ok' });
    expect(await call({ 'x-tiny-token': TINY_TOKEN })).toEqual({ status: 200, body: 'ok' });
    expect(await call({})).toEqual({ status: 200, body: 'ok' });
    // Another shop's state never saw the token.
    expect(await call({ 'x-tiny-token': token }, { ...context(), now: ctx.now })).toEqual({ status: 401, body: 'unknown' });
    // One hour later (the fixture's lifetime) it has expired.
    expect(await call({ 'x-tiny-token': token }, { ...ctx, now: () => 1_000_000 + 3600 * 1000 })).toEqual({ status: 401, body: 'expired' });
    expect(await call({ 'x-tiny-token': token }, { ...ctx, now: () => 1_000_000 + 3600 * 1000 - 1 })).toEqual({ status: 200, body: 'ok' });
  });
});

describe('withOAuth: checkRequest and path patterns', () => {
  const blocked: SimResponse = { status: 400, body: 'no user agent' };
  const cfg = tinyOAuthConfig({
    authorizePath: '/apps/:appId/authorize',
    checkRequest: (req) => (req.headers['user-agent'] ? undefined : blocked),
  });
  const def = withOAuth(tinyshopSimulator, cfg);

  it('runs the platform checks before any token check, on API paths only', async () => {
    const ctx = context();
    const token = await issue(ctx);
    expect(def.authenticate(request({ path: '/products', headers: { 'x-tiny-token': token } }), {}, false)).toBe(blocked);
    expect(
      def.authenticate(request({ path: '/products', headers: { 'x-tiny-token': token, 'user-agent': 'a' } }), {}, false),
    ).toBeUndefined();
    expect(def.authenticate(request({ path: '/products', headers: { 'x-tiny-token': token, 'user-agent': 'a' } }), {}, true)).toEqual({
      status: 401,
      body: { error: 'invalid or revoked token' },
    });
    // The kit's endpoints skip them: the token path and the consent path with the app in it (trailing slash too).
    expect(def.authenticate(request({ method: 'POST', path: '/oauth/token' }), {}, false)).toBeUndefined();
    expect(def.authenticate(request({ path: '/apps/4321/authorize' }), {}, false)).toBeUndefined();
    expect(def.authenticate(request({ path: '/apps/4321/authorize/' }), {}, false)).toBeUndefined();
    expect(def.authenticate(request({ path: '/apps/4321/authorize/more' }), {}, false)).toBe(blocked);
  });
});
