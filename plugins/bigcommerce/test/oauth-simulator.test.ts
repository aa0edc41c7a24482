/**
 * The simulator's install side held to BigCommerce's documents (evidence oauth-auth-callback, oauth-token,
 * callback-uninstall): the install link's redirect, the token endpoint's answer, a cancelled install, issued
 * tokens on the API, and the uninstall callback signed as BigCommerce signs it.
 */
import { join } from 'node:path';
import { consentRedirect } from '@stock-sync/plugin-testkit/contract';
import { fetchParsed } from '@stock-sync/plugin-testkit/fixtures';
import { denyConsent, inboundRequest, startSimulator } from '@stock-sync/plugin-testkit/simulator';
import { evidence, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import type { Evidence } from '@stock-sync/plugin-testkit/evidence';
import { plugin } from '../src';
import { callbackClaims, SIM_APP_SCOPES, SIM_OAUTH_APP, SIM_STORE_HASH, signedPayloadJwt, simulator } from '../src/simulator';
import type { BcSim } from './support/store';

const doc = (name: string): Evidence => evidence(join(__dirname, 'evidence'), name);
const CALLBACK = 'https://hub.example.test/oauth/callback/bigcommerce';
const app = { ...SIM_OAUTH_APP };
/** The app's identity as the token request carries it. */
const client = { client_id: SIM_OAUTH_APP.clientId, client_secret: SIM_OAUTH_APP.clientSecret };

let sim: BcSim;
beforeEach(async () => {
  sim = await startSimulator(simulator);
});
afterEach(() => sim.close());

const install = (query = `?redirect_uri=${encodeURIComponent(CALLBACK)}`) =>
  fetch(`${sim.baseUrl}/app/${SIM_OAUTH_APP.clientId}/install${query}`, { redirect: 'manual' });
/** The merchant installs: where the install link redirects (the auth callback). */
const installed = () => consentRedirect(`${sim.baseUrl}/app/${SIM_OAUTH_APP.clientId}/install`, { redirect_uri: CALLBACK });
const token = (body: Record<string, unknown>) =>
  fetchParsed(`${sim.baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });

it('the install link redirects to the auth callback with the documented parameters (oauth-auth-callback)', async () => {
  const back = await installed();
  expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
  expect([...back.searchParams.keys()].sort()).toEqual(Object.keys(doc('oauth-auth-callback').request!.query!).sort());
  expect(back.searchParams.get('context')).toBe(`stores/${SIM_STORE_HASH}`);
  expect(back.searchParams.get('scope')).toBe(SIM_APP_SCOPES);
});

it('without a callback URL (no app profile, no redirect_uri) or for another app, nothing is redirected', async () => {
  expect((await install('')).status).toBe(400);
  sim.state.authCallbackUrl = CALLBACK;
  expect((await install('')).status).toBe(302);
  expect((await fetch(`${sim.baseUrl}/app/another-app/install`, { redirect: 'manual' })).status).toBe(404);
});

it('a cancelled install sends no callback', async () => {
  denyConsent(sim);
  const res = await install();
  expect(res.status).toBe(200);
  expect(res.headers.get('location')).toBeNull();
});

it('the token endpoint answers the documented shape for the documented request; the token works on the API (oauth-token)', async () => {
  const q = Object.fromEntries((await installed()).searchParams);
  const res = await token({
    ...client,
    code: q.code,
    context: q.context,
    scope: q.scope,
    grant_type: 'authorization_code',
    redirect_uri: CALLBACK,
  });
  expect(res.status).toBe(200);
  const e = doc('oauth-token');
  expectSameShape(res.body, e.response!.body, e.name);
  expect(res.body.context).toBe(`stores/${SIM_STORE_HASH}`);
  const api = await fetchParsed(`${sim.baseUrl}/stores/${SIM_STORE_HASH}/v3/catalog/products?limit=1`, {
    headers: { 'x-auth-token': res.body.access_token, accept: 'application/json' },
  });
  expect(api.status).toBe(200);
  sim.faults.revokeCredentials();
  expect(
    (
      await fetchParsed(`${sim.baseUrl}/stores/${SIM_STORE_HASH}/v3/catalog/products?limit=1`, {
        headers: { 'x-auth-token': res.body.access_token },
      })
    ).status,
  ).toBe(401);
});

it('a code for another callback URL, or a wrong secret, is refused', async () => {
  const q = Object.fromEntries((await installed()).searchParams);
  expect(
    (
      await token({
        ...client,
        client_secret: 'wrong',
        code: q.code,
        context: q.context,
        scope: q.scope,
        grant_type: 'authorization_code',
        redirect_uri: CALLBACK,
      })
    ).status,
  ).toBe(401);
  expect(
    (
      await token({
        ...client,
        code: q.code,
        context: q.context,
        scope: q.scope,
        grant_type: 'authorization_code',
        redirect_uri: 'https://elsewhere.example/auth',
      })
    ).status,
  ).toBe(400);
});

it('the uninstall callback carries the documented claims, signed so the plugin verifies it (callback-uninstall)', () => {
  const claims = callbackClaims(sim.state, Date.now());
  expect(Object.keys(claims).sort()).toEqual(Object.keys((doc('callback-uninstall') as unknown as { claims: object }).claims).sort());
  const req = inboundRequest({ query: { signed_payload_jwt: signedPayloadJwt(claims) } });
  expect(plugin.oauth!.verifyUninstall!(req, app)).toMatchObject({ externalStoreId: SIM_STORE_HASH });
  // Signed with another secret: refused.
  expect(
    plugin.oauth!.verifyUninstall!(inboundRequest({ query: { signed_payload_jwt: signedPayloadJwt(claims, 'forged') } }), app),
  ).toBeNull();
});
