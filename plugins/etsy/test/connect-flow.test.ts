/**
 * Connecting an Etsy shop by its install flow, against the simulator over HTTP: the documented authorize URL
 * with PKCE S256, consent (approved / denied), the code exchange (client_id alone + code_verifier) and getMe for
 * the shop, the hour's expiry on the simulator clock, the refresh of a flow-connected store (rotated, 90-day
 * refresh token), and the refusals (wrong verifier, replayed code) as AuthErrors with no secret in them.
 */
import {
  AuthError,
  authorizeUrl,
  createHttpClient,
  exchangeCode,
  pkcePair,
  quantity,
  validateCredentials,
  type ConnectContext,
  type OAuthApp,
  type OAuthExchangeContext,
} from '@stock-sync/plugin-sdk';
import {
  callbackFromLocation,
  denyConsent,
  oauthSimView,
  recordingLogger,
  startSimulator,
  type RunningSimulator,
} from '@stock-sync/plugin-testkit';
import { createEtsyPlugin } from '../src';
import { SANDBOX_OAUTH_APP, simulator, type EtsySimState } from '../src/simulator';
import { SIM_SHOP_ID } from '../src/simulator/sim-state';
import { listingSeed, ref } from './etsy-harness';

const REDIRECT_URI = 'https://hub.example/oauth/callback/etsy';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

let skew = 0;
const clock = () => Date.now() + skew;
const plugin = createEtsyPlugin({ now: clock });
let sim: RunningSimulator<EtsySimState>;
let app: OAuthApp;

beforeEach(async () => {
  // Each test two seconds on from the last on the simulator clock: Etsy's per-second budget starts refilled.
  skew += 2_000;
  sim = await startSimulator(simulator, { now: clock });
  sim.seed([listingSeed(8001, 1)]);
  app = { ...SANDBOX_OAUTH_APP, baseUrl: sim.baseUrl };
});
afterEach(() => sim.close());

const http = (secrets: string[] = []) =>
  createHttpClient({ rateLimit: plugin.manifest.rateLimit, secrets, log: recordingLogger(), maxAttempts: 1 });

async function consent(challenge: string, state = 'state-1'): Promise<string> {
  const url = authorizeUrl(plugin.oauth!, { app, inputs: {}, redirectUri: REDIRECT_URI, state, codeChallenge: challenge });
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return res.headers.get('location')!;
}

function exchangeContext(location: string, codeVerifier: string): OAuthExchangeContext {
  return {
    app,
    inputs: {},
    redirectUri: REDIRECT_URI,
    callback: callbackFromLocation(location),
    codeVerifier,
    http: http([app.clientSecret, codeVerifier]),
    log: recordingLogger(),
  };
}

function context(credentials: Record<string, string>, withApp: OAuthApp | null = app): ConnectContext {
  return { credentials, http: http(Object.values(credentials)), log: recordingLogger(), app: withApp ?? undefined };
}

async function connectShop(): Promise<Record<string, string>> {
  const pkce = pkcePair();
  const store = await exchangeCode(plugin.oauth!, exchangeContext(await consent(pkce.challenge), pkce.verifier));
  expect(store.externalStoreId).toBe(String(SIM_SHOP_ID));
  return store.credentials;
}

it('the authorize URL is the documented one: www.etsy.com/oauth/connect with client_id, redirect_uri, space-separated scope, state and an S256 challenge', () => {
  const url = new URL(
    authorizeUrl(plugin.oauth!, {
      app: SANDBOX_OAUTH_APP,
      inputs: {},
      redirectUri: REDIRECT_URI,
      state: 'superstate',
      codeChallenge: 'DSWlW2Abh-cf8CeLL8-g3hQ2WQyYdKyiu83u_s7nRhI',
    }),
  );
  expect(`${url.origin}${url.pathname}`).toBe('https://www.etsy.com/oauth/connect');
  expect(Object.fromEntries(url.searchParams)).toEqual({
    response_type: 'code',
    client_id: SANDBOX_OAUTH_APP.clientId,
    redirect_uri: REDIRECT_URI,
    scope: 'listings_r listings_w',
    state: 'superstate',
    code_challenge: 'DSWlW2Abh-cf8CeLL8-g3hQ2WQyYdKyiu83u_s7nRhI',
    code_challenge_method: 'S256',
  });
  // PKCE is required: no challenge, no URL.
  expect(() => authorizeUrl(plugin.oauth!, { app: SANDBOX_OAUTH_APP, inputs: {}, redirectUri: REDIRECT_URI, state: 's' })).toThrow(/PKCE/);
});

it('connects a shop: consent → code → tokens (client_id + code_verifier, no secret) → getMe; the credentials are the plugin’s fields and sync works', async () => {
  const pkce = pkcePair();
  const location = await consent(pkce.challenge, 'abc');
  expect(new URL(location).searchParams.get('state')).toBe('abc');
  sim.resetRequests();
  const store = await exchangeCode(plugin.oauth!, exchangeContext(location, pkce.verifier));
  expect(sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
    'POST /v3/public/oauth/token 200',
    'GET /v3/application/users/me 200',
  ]);
  const c = store.credentials;
  expect(Object.keys(c).sort()).toEqual([
    'accessToken',
    'accessTokenExpiresAt',
    'apiKey',
    'baseUrl',
    'refreshToken',
    'refreshTokenExpiresAt',
    'sharedSecret',
    'shopId',
  ]);
  expect(validateCredentials(plugin.credentialFields, c).ok).toBe(true);
  expect(c).toMatchObject({ apiKey: app.clientId, sharedSecret: app.clientSecret, shopId: String(SIM_SHOP_ID) });
  expect(c.accessToken).toMatch(/^\d+\./); // '<user_id>.<token>'
  expect(Date.parse(c.accessTokenExpiresAt!) - clock()).toBeGreaterThan(HOUR_MS - 60_000);
  expect(Date.parse(c.refreshTokenExpiresAt!) - clock()).toBeGreaterThan(90 * DAY_MS - 60_000);

  const connection = plugin.connect(context(c));
  await expect(connection.verify()).resolves.toBeUndefined();
  const [out] = await connection.writeStock([{ ...ref(8001, 800101), target: quantity(5) }]);
  expect(out!.status).toBe('written');
  expect(sim.stock(ref(8001, 800101))).toEqual(quantity(5));
});

it('a wrong code_verifier is refused (invalid_grant): an AuthError with neither code nor verifier in it', async () => {
  const pkce = pkcePair();
  const location = await consent(pkce.challenge);
  const wrong = pkcePair().verifier;
  const err = await exchangeCode(plugin.oauth!, exchangeContext(location, wrong)).catch((e) => e);
  expect(err).toBeInstanceOf(AuthError);
  expect(err.message).toMatch(/invalid_grant/);
  const text = JSON.stringify({ m: err.message, d: err.details });
  for (const s of [new URL(location).searchParams.get('code')!, wrong, pkce.verifier]) expect(text).not.toContain(s);
});

it('a replayed code is refused and revokes what the first exchange issued', async () => {
  const pkce = pkcePair();
  const location = await consent(pkce.challenge);
  const first = await exchangeCode(plugin.oauth!, exchangeContext(location, pkce.verifier));
  await expect(exchangeCode(plugin.oauth!, exchangeContext(location, pkce.verifier))).rejects.toBeInstanceOf(AuthError);
  await expect(plugin.connect(context(first.credentials)).verify()).rejects.toBeInstanceOf(AuthError);
});

it('denied consent: error=access_denied comes back with the state; the exchange is an AuthError and sends nothing', async () => {
  denyConsent(sim);
  const location = await consent(pkcePair().challenge, 'st');
  const q = new URL(location).searchParams;
  expect([q.get('error'), q.get('state')]).toEqual(['access_denied', 'st']);
  sim.resetRequests();
  await expect(exchangeCode(plugin.oauth!, exchangeContext(location, 'unused-verifier'))).rejects.toBeInstanceOf(AuthError);
  expect(sim.requests).toHaveLength(0);
});

it('a flow-connected store: the token expires after its hour (simulator clock), the refresh renews it (rotated), sync resumes', async () => {
  const credentials = await connectShop();
  skew += HOUR_MS;
  await expect(plugin.connect(context(credentials)).verify()).rejects.toBeInstanceOf(AuthError);

  sim.resetRequests();
  const renewed = await plugin.refreshCredentials!(context(credentials));
  expect(sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /v3/public/oauth/token 200']);
  expect(renewed.accessToken).not.toBe(credentials.accessToken);
  expect(renewed.refreshToken).not.toBe(credentials.refreshToken);
  for (const k of ['apiKey', 'sharedSecret', 'shopId', 'baseUrl']) expect(renewed[k]).toBe(credentials[k]);
  expect(Date.parse(renewed.refreshTokenExpiresAt!) - clock()).toBeGreaterThan(90 * DAY_MS - 60_000);
  expect(oauthSimView(sim).counts.refreshes).toBe(1);
  await expect(plugin.connect(context(renewed)).verify()).resolves.toBeUndefined();

  const spent = await plugin.refreshCredentials!(context(credentials)).catch((e) => e);
  expect(spent).toBeInstanceOf(AuthError);
  expect(spent.message).toMatch(/invalid_grant/);
});

it('a refresh token past its 90 days is refused: AuthError (the shop must be connected again)', async () => {
  const credentials = await connectShop();
  skew += 90 * DAY_MS;
  await expect(plugin.refreshCredentials!(context(credentials))).rejects.toBeInstanceOf(AuthError);
});

it('the refresh uses the store’s own keystring: without the hub’s app, and when the hub’s app is another one', async () => {
  const credentials = await connectShop();
  const renewed = await plugin.refreshCredentials!(context(credentials, null));
  expect(renewed.accessToken).not.toBe(credentials.accessToken);
  // A refresh token belongs to the app that obtained it: another configured app must not replace its client_id.
  const again = await plugin.refreshCredentials!(
    context(renewed, { clientId: 'another-app-keystring', clientSecret: 'x', baseUrl: sim.baseUrl }),
  );
  expect(again.accessToken).not.toBe(renewed.accessToken);
});
