/**
 * The simulator's OAuth side held to Squarespace's documents (evidence oauth-*, authorization-website): the token
 * endpoint's rules (Basic + JSON, rotation, expiry by the simulator clock) and answer shape, the website lookup.
 */
import { request } from 'node:http';
import { join } from 'node:path';
import { consentRedirect } from '@stock-sync/plugin-testkit/contract';
import { fetchParsed } from '@stock-sync/plugin-testkit/fixtures';
import { evidence, expectSameShape } from '@stock-sync/plugin-testkit/evidence';
import { oauthSimView, startSimulator } from '@stock-sync/plugin-testkit/simulator';
import type { Evidence } from '@stock-sync/plugin-testkit/evidence';
import { SIM_OAUTH_APP, SIM_WEBSITE, simulator } from '../src/simulator';
import type { SqspSim } from './support/store';

const doc = (name: string): Evidence => evidence(join(__dirname, 'evidence'), name);
const REDIRECT = 'https://hub.example.test/oauth/callback/squarespace';
const basic = (id: string = SIM_OAUTH_APP.clientId, secret: string = SIM_OAUTH_APP.clientSecret) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

let sim: SqspSim;
let offsetMs = 0;
beforeEach(async () => {
  offsetMs = 0;
  sim = await startSimulator(simulator, { now: () => Date.now() + offsetMs });
});
afterEach(() => sim.close());

async function code(): Promise<string> {
  const back = await consentRedirect(new URL('/api/1/login/oauth/provider/authorize', sim.baseUrl), {
    client_id: SIM_OAUTH_APP.clientId,
    redirect_uri: REDIRECT,
    scope: 'website.inventory',
    state: 's',
    access_type: 'offline',
  });
  return back.searchParams.get('code')!;
}
const tokens = (body: unknown, authorization = basic(), contentType = 'application/json') =>
  fetchParsed(`${sim.baseUrl}/api/1/login/oauth/provider/tokens`, {
    method: 'POST',
    headers: { authorization, 'content-type': contentType, 'user-agent': 't/1' },
    body: JSON.stringify(body),
  });

it('the code exchange answers the documented fields, expiries 30 minutes and 7 days ahead by the simulator clock (oauth-tokens-code)', async () => {
  const res = await tokens({ grant_type: 'authorization_code', code: await code(), redirect_uri: REDIRECT });
  expect(res.status).toBe(200);
  const e = doc('oauth-tokens-code');
  expectSameShape(res.body, e.response!.body, e.name);
  const at = Number(res.body.access_token_expires_at) * 1000 - Date.now();
  const rt = Number(res.body.refresh_token_expires_at) * 1000 - Date.now();
  expect(at).toBeGreaterThan(29 * 60_000);
  expect(at).toBeLessThanOrEqual(30 * 60_000);
  expect(rt).toBeGreaterThan(7 * 86_400_000 - 60_000);
});

it('takes Basic client authentication and JSON only', async () => {
  const c = await code();
  expect(
    (
      await tokens(
        { grant_type: 'authorization_code', code: c, client_id: SIM_OAUTH_APP.clientId, client_secret: SIM_OAUTH_APP.clientSecret },
        '',
      )
    ).status,
  ).toBe(401);
  expect((await tokens({ grant_type: 'authorization_code', code: c }, basic(SIM_OAUTH_APP.clientId, 'wrong'))).status).toBe(401);
  expect((await tokens({ grant_type: 'authorization_code', code: c }, basic(), 'application/x-www-form-urlencoded')).status).toBe(400);
  expect(oauthSimView(sim).counts.exchanges).toBe(0);
});

it('a refresh rotates the refresh token: the spent one is refused (invalid_grant)', async () => {
  const first = (await tokens({ grant_type: 'authorization_code', code: await code(), redirect_uri: REDIRECT })).body;
  const second = await tokens({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
  expect(second.status).toBe(200);
  expect(second.body.refresh_token).not.toBe(first.refresh_token);
  const again = await tokens({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
  expect(again.status).toBe(400);
  expect(again.body.error).toBe('invalid_grant');
});

it('a refresh token past its 7 days is refused', async () => {
  const first = (await tokens({ grant_type: 'authorization_code', code: await code(), redirect_uri: REDIRECT })).body;
  offsetMs = 7 * 86_400_000 + 1000;
  expect((await tokens({ grant_type: 'refresh_token', refresh_token: first.refresh_token })).body.error).toBe('invalid_grant');
});

it('the website lookup answers the documented fields for an issued token; past 30 minutes the token is refused (authorization-website)', async () => {
  const { access_token } = (await tokens({ grant_type: 'authorization_code', code: await code(), redirect_uri: REDIRECT })).body;
  const website = () =>
    fetchParsed(`${sim.baseUrl}/1.0/authorization/website`, { headers: { authorization: `Bearer ${access_token}`, 'user-agent': 't/1' } });
  const res = await website();
  expect(res.status).toBe(200);
  const e = doc('authorization-website');
  expectSameShape(res.body, e.response!.body, e.name);
  expect(res.body.id).toBe(SIM_WEBSITE.id);
  offsetMs = 30 * 60_000 + 1000;
  const expired = await website();
  expect(expired.status).toBe(401);
  expect(expired.body.type).toBe('AUTHORIZATION_ERROR');
});

it('an API call with an issued token still needs a User-Agent', async () => {
  const { access_token } = (await tokens({ grant_type: 'authorization_code', code: await code(), redirect_uri: REDIRECT })).body;
  // node:http sends no User-Agent of its own (fetch would add one).
  const res = await new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = request(`${sim.baseUrl}/1.0/commerce/inventory`, { headers: { authorization: `Bearer ${access_token}` } }, (r) => {
      let text = '';
      r.on('data', (c) => (text += c));
      r.on('end', () => resolve({ status: r.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
  expect(res.status).toBe(400);
  expect(res.body.subtype).toBe('MISSING_ARGUMENT');
});
