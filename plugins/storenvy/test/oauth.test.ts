/**
 * Storenvy's install flow held to what the sources show (test/evidence/oauth-*.json, get-store.json): the
 * documented consent URL, the standard token request and the fields read from its answer, the store lookup
 * (and its loud failure on an answer that names no store), and the refresh rules. Low confidence: README.md.
 */
import { join } from 'node:path';
import { ACCESS_TOKEN_EXPIRES_AT, AuthError } from '@stock-sync/plugin-api';
import { authorizeUrl, createHttpClient } from '@stock-sync/plugin-sdk';
import type { OAuthApp } from '@stock-sync/plugin-api';
import { evidence, exchangeWithReplay, useReplay } from '@stock-sync/plugin-testkit/evidence';
import { expectFormGrant, recordingLogger } from '@stock-sync/plugin-testkit/contract';
import type { EvidenceResponse } from '@stock-sync/plugin-testkit/evidence';
import { plugin } from '../src';
import { credentialsFromToken, refreshCredentials, storeIdentity } from '../src/oauth';

const DIR = join(__dirname, 'evidence');
const doc = (name: string) => evidence(DIR, name);
const oauth = plugin.oauth!;
const REDIRECT = 'https://hub.example.com/oauth/callback/storenvy';
const SECRET = 'test-secret';
const http = () => createHttpClient({ rateLimit: { requestsPerSecond: 50, burst: 50 }, maxAttempts: 1 });

it('the consent URL is the documented one: client_id, response_type=code, redirect_uri, space-separated scopes', () => {
  const q = doc('oauth-authorize').request!.query!;
  const url = new URL(
    authorizeUrl(oauth, { app: { clientId: 'app-1', clientSecret: SECRET }, inputs: {}, redirectUri: REDIRECT, state: 'st' }),
  );
  expect(`${url.origin}${url.pathname}`).toBe(`https://www.storenvy.com${doc('oauth-authorize').request!.path}`);
  const { state, ...rest } = Object.fromEntries(url.searchParams);
  expect(rest).toEqual({ ...q, client_id: 'app-1' });
  expect(state).toBe('st'); // sent, but not relied upon (no documented echo)
  expect(oauth.stateInCallback).toBe(false);
});

describe('the code exchange', () => {
  const replay = useReplay();
  const exchange = async (answers: EvidenceResponse[]) =>
    exchangeWithReplay(oauth, await replay.start(answers), {
      app: { clientId: 'app-1', clientSecret: SECRET },
      query: { code: 'c-1' },
      redirectUri: REDIRECT,
    });

  it('posts the standard form grant, keeps the refresh token, then names the store from GET /v1/store', async () => {
    // The store answer's fields are not documented: the simulator's (data.store) shape, unverified.
    const store = await exchange([
      doc('oauth-token').response!,
      { status: 200, body: { data: { store: { id: 77, subdomain: 'acme' } }, meta: { code: 200 } } },
    ]);
    const [token, get] = replay.requests;
    expectFormGrant(token, doc('oauth-token').request!, { code: 'c-1', client_id: 'app-1', client_secret: SECRET });
    expect(get.path).toBe('/v1/store.json');
    expect(get.query.get('access_token')).toBe('(access token)');
    expect(store).toEqual({
      externalStoreId: '77',
      credentials: { accessToken: '(access token)', refreshToken: '(refresh token)', baseUrl: replay.baseUrl },
    });
  });

  it('the documented store answer (fields not shown) names no store: a loud AuthError, nothing connected', async () => {
    await expect(exchange([doc('oauth-token').response!, doc('get-store').response!])).rejects.toThrow(/named no store/);
  });
});

it('the store id: data.store.id, else data.id, subdomain or url', () => {
  expect(storeIdentity({ data: { store: { id: 5 } } })).toBe('5');
  expect(storeIdentity({ data: { id: 'x9' } })).toBe('x9');
  expect(storeIdentity({ data: { store: { subdomain: 'acme' } } })).toBe('acme');
  expect(storeIdentity({ data: { url: 'https://acme.storenvy.com' } })).toBe('https://acme.storenvy.com');
  expect(() => storeIdentity({ data: {} })).toThrow(AuthError);
  expect(() => storeIdentity(null)).toThrow(AuthError);
});

it('expires_in becomes accessTokenExpiresAt; absent, none is invented', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  expect(credentialsFromToken({ access_token: 'a', refresh_token: 'r', expires_in: 7200 }, now)).toEqual({
    accessToken: 'a',
    refreshToken: 'r',
    [ACCESS_TOKEN_EXPIRES_AT]: '2026-12-02T14:00:00.000Z',
  });
  expect(credentialsFromToken({ access_token: 'a' }, now)).toEqual({ accessToken: 'a' });
  expect(() => credentialsFromToken({ token_type: 'bearer' }, now)).toThrow(AuthError);
});

it('refreshCredentials without a refresh token fails loudly (reconnect), sending nothing', async () => {
  const client = http();
  await expect(
    refreshCredentials({
      credentials: { accessToken: 'a' },
      http: client,
      log: recordingLogger(),
      app: { clientId: 'c', clientSecret: 's' } as OAuthApp,
    }),
  ).rejects.toThrow(/no refreshToken is stored for this Storenvy store: reconnect it/);
  expect(client.stats.requests).toBe(0);
});
