/**
 * The single-click install's plugin side over BigCommerce's documented callback and token exchange
 * (evidence oauth-auth-callback, oauth-token), replayed by a bare loopback server through the real SDK client.
 */
import { join } from 'node:path';
import { AuthError } from '@stock-sync/plugin-api';
import { authorizeUrl } from '@stock-sync/plugin-sdk';
import { evidence, useReplay } from '@stock-sync/plugin-testkit/evidence';
import { expectNoSecretIn } from '@stock-sync/plugin-testkit/contract';
import type { Evidence, EvidenceResponse } from '@stock-sync/plugin-testkit/evidence';
import { readFileSync } from 'node:fs';
import { plugin } from '../src';
import { BIGCOMMERCE_OAUTH_SCOPES } from '../src/oauth';
import { exchangeContext, REDIRECT_URI, testApp } from './support/oauth';

const DIR = join(__dirname, 'evidence');
const doc = (name: string): Evidence => evidence(DIR, name);
const oauth = plugin.oauth!;
/** The documented callback, with this plugin's scopes granted (the documented app asked for others). */
const callbackQuery = (extra: Record<string, string> = {}): Record<string, string> => ({
  ...doc('oauth-auth-callback').request!.query!,
  scope: `${BIGCOMMERCE_OAUTH_SCOPES.join(' ')} store_v2_orders`,
  ...extra,
});
/** The documented token answer, for this plugin's scopes. */
const tokenAnswer = (): EvidenceResponse => {
  const a = structuredClone(doc('oauth-token').response!);
  (a.body as Record<string, unknown>).scope = BIGCOMMERCE_OAUTH_SCOPES.join(' ');
  return a;
};

/** A loopback server answering the documented responses in order, closed after each test. */
const replay = useReplay();

it('the connect URL is the app’s install link (guide/buttons), with no state: the callback cannot carry one', () => {
  expect(oauth.stateInCallback).toBe(false);
  const url = authorizeUrl(oauth, { app: testApp(), inputs: {}, redirectUri: REDIRECT_URI, state: 'st4te' });
  expect(url).toBe('https://login.bigcommerce.com/app/testclientid0001/install');
  // A sandbox (the operator's baseUrl) has no app profile: the link carries the auth callback URL there only.
  const sandbox = new URL(authorizeUrl(oauth, { app: testApp('http://127.0.0.1:9'), inputs: {}, redirectUri: REDIRECT_URI, state: 's' }));
  expect(`${sandbox.origin}${sandbox.pathname}`).toBe('http://127.0.0.1:9/app/testclientid0001/install');
  expect(Object.fromEntries(sandbox.searchParams)).toEqual({ redirect_uri: REDIRECT_URI });
});

it('the scopes are the modify scopes the plugin’s calls need, as the OpenAPI documents name them', () => {
  const specs = ['bigcommerce-catalog-variants.v3.yml', 'bigcommerce-inventory.v3.yml'].map((f) =>
    readFileSync(join(__dirname, '..', 'spec', f), 'utf8'),
  );
  const modify = specs.flatMap((s) => [...s.matchAll(/\|\s*[^|]+\|\s*modify\s*\|\s*`([a-z0-9_]+)`/g)].map((m) => m[1]));
  expect([...new Set(modify)].sort()).toEqual([...BIGCOMMERCE_OAUTH_SCOPES].sort());
});

it('exchanges the documented callback with the documented token request and stores the store hash and token (oauth-auth-callback, oauth-token)', async () => {
  const r = await replay.start([tokenAnswer()]);
  const query = callbackQuery();
  const store = await oauth.exchange!(exchangeContext(testApp(r.baseUrl), query));
  const req = r.requests[0];
  expect(`${req.method} ${req.path}`).toBe('POST /oauth2/token');
  expect(req.headers['content-type']).toMatch(/^application\/json/);
  const documented = doc('oauth-token').request!.body as Record<string, string>;
  expect(Object.keys(JSON.parse(req.body)).sort()).toEqual(Object.keys(documented).sort());
  expect(JSON.parse(req.body)).toEqual({
    client_id: 'testclientid0001',
    client_secret: 'test-client-secret-0001',
    code: query.code,
    context: query.context,
    scope: query.scope,
    grant_type: 'authorization_code',
    redirect_uri: REDIRECT_URI,
  });
  expect(store).toEqual({
    externalStoreId: 'g5cd38',
    credentials: { storeHash: 'g5cd38', accessToken: 'xxxxalphanumstringxxxx', baseUrl: r.baseUrl },
  });
});

it('a token that does not expire: no refresh, no expiry stored', async () => {
  expect(plugin.refreshCredentials).toBeUndefined();
  const r = await replay.start([tokenAnswer()]);
  const store = await oauth.exchange!(exchangeContext(testApp(r.baseUrl), callbackQuery()));
  expect(store.credentials.accessTokenExpiresAt).toBeUndefined();
});

it('a callback granting fewer scopes than the calls need is refused before any call', async () => {
  const r = await replay.start([tokenAnswer()]);
  await expect(
    oauth.exchange!(exchangeContext(testApp(r.baseUrl), callbackQuery({ scope: 'store_v2_products_read_only store_inventory' }))),
  ).rejects.toThrow(/store_v2_products/);
  expect(r.requests).toHaveLength(0);
});

it.each([
  ['no code', { code: '' }],
  ['a context that is no store', { context: 'users/1' }],
])('a callback with %s is refused before any call', async (_n, bad) => {
  const r = await replay.start([tokenAnswer()]);
  await expect(oauth.exchange!(exchangeContext(testApp(r.baseUrl), callbackQuery(bad)))).rejects.toBeInstanceOf(AuthError);
  expect(r.requests).toHaveLength(0);
});

it('a token issued for another store than the callback named is refused', async () => {
  const other = tokenAnswer();
  (other.body as Record<string, unknown>).context = 'stores/other1';
  const r = await replay.start([other]);
  await expect(oauth.exchange!(exchangeContext(testApp(r.baseUrl), callbackQuery()))).rejects.toThrow(/another store/);
});

it('BigCommerce refusing the code (401) is an AuthError that does not echo the code or secret', async () => {
  const r = await replay.start([{ status: 401, body: { error: 'Invalid client id or secret' } }]);
  const err = await oauth.exchange!(exchangeContext(testApp(r.baseUrl), callbackQuery())).catch((e) => e);
  expect(err).toBeInstanceOf(AuthError);
  expectNoSecretIn(err, ['test-client-secret-0001', callbackQuery().code]);
});

it('an external install is reported as succeeded after the token exchange (guide/buttons)', async () => {
  const r = await replay.start([tokenAnswer(), { status: 200, body: {} }]);
  await oauth.exchange!(exchangeContext(testApp(r.baseUrl), callbackQuery({ external_install: '1' })));
  expect(r.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['POST /oauth2/token', 'GET /app/testclientid0001/install/succeeded']);
});
