/**
 * The simulator's OAuth side held to Square's documents (evidence oauth-*): the documented ObtainToken request
 * answers the documented shape and validates against SPEC's ObtainTokenResponse; a refresh returns the same
 * refresh token (code flow); a refused grant has the forum's body; expiry and revocation by the simulator clock.
 */
import { join } from 'node:path';
import { consentRedirect } from '@stock-sync/plugin-testkit/contract';
import { fetchParsed } from '@stock-sync/plugin-testkit/fixtures';
import { denyConsent, expireIssuedAccessTokens, oauthSimView, startSimulator } from '@stock-sync/plugin-testkit/simulator';
import { evidence, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import { openApiResponseValidator } from '@stock-sync/plugin-testkit/openapi';
import type { Evidence } from '@stock-sync/plugin-testkit/evidence';
import { SIM_LOCATION_ID, SIM_OAUTH_APP, simulator } from '../src/simulator';
import { loadSquareSpec } from '../src/simulator/spec-validators';
import type { SquareSim } from './support/store';

const DIR = join(__dirname, 'evidence');
const doc = (name: string): Evidence => evidence(DIR, name);
const spec = loadSquareSpec();
const validAnswer = openApiResponseValidator(spec, 'POST', '/oauth2/token', 200);
const REDIRECT = 'https://hub.example.test/oauth/callback/square';

let sim: SquareSim;
let offsetMs = 0;
beforeEach(async () => {
  offsetMs = 0;
  sim = await startSimulator(simulator, { now: () => Date.now() + offsetMs });
});
afterEach(() => sim.close());

const consent = (query: Record<string, string> = {}): Promise<URL> =>
  consentRedirect(new URL('/oauth2/authorize', sim.baseUrl), {
    client_id: SIM_OAUTH_APP.clientId,
    scope: 'ITEMS_READ ITEMS_WRITE',
    state: 'st',
    redirect_uri: REDIRECT,
    ...query,
  });
const token = (body: Record<string, unknown>, contentType = 'application/json') =>
  fetchParsed(`${sim.baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: contentType.includes('json') ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>).toString(),
  });
const app = { client_id: SIM_OAUTH_APP.clientId, client_secret: SIM_OAUTH_APP.clientSecret };

it('approves with the documented redirect: code, response_type=code and the state (oauth-authorize)', async () => {
  const back = await consent();
  const documented = new URL(doc('oauth-authorize').response!.headers!.location);
  expect([...back.searchParams.keys()].sort()).toEqual([...documented.searchParams.keys()].sort());
  expect(back.searchParams.get('state')).toBe('st');
});

it('a denial redirects with error=access_denied&error_description=user_denied (oauth-authorize-denied)', async () => {
  denyConsent(sim);
  const back = await consent();
  const documented = new URL(doc('oauth-authorize-denied').response!.headers!.location);
  expect(Object.fromEntries(back.searchParams)).toEqual({ ...Object.fromEntries(documented.searchParams), state: 'st' });
});

it('the documented ObtainToken request answers the documented shape, valid per SPEC; 30 days by the simulator clock (oauth-obtain-token-code)', async () => {
  const code = (await consent()).searchParams.get('code')!;
  const e = doc('oauth-obtain-token-code');
  const res = await token({ ...(e.request!.body as object), ...app, code, redirect_uri: REDIRECT });
  expect(res.status).toBe(200);
  expectSameShape(res.body, e.response!.body, e.name);
  expect(validAnswer(res.body)).toEqual({ ok: true });
  expect(res.body.merchant_id).toBe(sim.state.merchantId);
  const days = (Date.parse(res.body.expires_at) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(29.9);
  expect(days).toBeLessThanOrEqual(30);
});

it('a refresh returns a new access token and the same, multi-use refresh token (oauth-obtain-token-refresh)', async () => {
  const code = (await consent()).searchParams.get('code')!;
  const first = (await token({ ...app, grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).body;
  const e = doc('oauth-obtain-token-refresh');
  const res = await token({ ...(e.request!.body as object), ...app, refresh_token: first.refresh_token });
  expect(res.status).toBe(200);
  expectSameShape(res.body, e.response!.body, e.name);
  expect(validAnswer(res.body)).toEqual({ ok: true });
  expect(res.body.refresh_token).toBe(first.refresh_token);
  expect(res.body.access_token).not.toBe(first.access_token);
  // Multi-use: a second refresh with the same token works too.
  expect((await token({ ...app, grant_type: 'refresh_token', refresh_token: first.refresh_token })).status).toBe(200);
});

it('a refused grant answers the forum’s body (oauth-refresh-refused)', async () => {
  const res = await token({ ...app, grant_type: 'refresh_token', refresh_token: 'EQAAnot-one-we-issued' });
  const e = doc('oauth-refresh-refused');
  expect(res.status).toBe(e.response!.status);
  expectSameShape(res.body, e.response!.body, e.name);
});

it('ObtainToken takes JSON only, and only this app with its secret in the body', async () => {
  const code = (await consent()).searchParams.get('code')!;
  expect((await token({ ...app, grant_type: 'authorization_code', code }, 'application/x-www-form-urlencoded')).status).toBe(400);
  expect((await token({ ...app, client_secret: 'wrong', grant_type: 'authorization_code', code })).status).toBe(401);
  expect(oauthSimView(sim).counts.exchanges).toBe(0);
});

it('an issued token reads the API until its 30 days are past (ACCESS_TOKEN_EXPIRED), and stops when revoked (ACCESS_TOKEN_REVOKED)', async () => {
  const code = (await consent()).searchParams.get('code')!;
  const { access_token } = (await token({ ...app, grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).body;
  const location = () => fetchParsed(`${sim.baseUrl}/v2/locations/main`, { headers: { authorization: `Bearer ${access_token}` } });
  const ok = await location();
  expect(ok.status).toBe(200);
  expect(ok.body.location.id).toBe(SIM_LOCATION_ID);
  offsetMs = 30 * 86_400_000 + 1000;
  expect((await location()).body.errors[0].code).toBe('ACCESS_TOKEN_EXPIRED');
  offsetMs = 0;
  expireIssuedAccessTokens(sim);
  expect((await location()).status).toBe(401);
  sim.faults.revokeCredentials();
  const refused = await location();
  expect(refused.status).toBe(401);
});
