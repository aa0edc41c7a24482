/**
 * The key-callback flow's plugin side over WooCommerce's documents (evidence oauth-authorize, oauth-authorize-denied,
 * oauth-keys-callback): the consent URL, where the state travels (`user_id`), the posted keys read from the callback,
 * a denial, and the keys proven against the store (a loopback replay of the documented answers) before they are kept.
 */
import { join } from 'node:path';
import { AuthError } from '@stock-sync/plugin-api';
import { authorizeUrl, createHttpClient, validatePlugin } from '@stock-sync/plugin-sdk';
import type { InboundRequest, OAuthApp } from '@stock-sync/plugin-api';
import { evidence, useReplay } from '@stock-sync/plugin-testkit/evidence';
import { recordingLogger } from '@stock-sync/plugin-testkit/contract';
import type { Evidence, EvidenceResponse } from '@stock-sync/plugin-testkit/evidence';
import { plugin } from '../src';
import { APP_NAME, normalizedSiteUrl } from '../src/oauth/woocommerce-oauth';

const DIR = join(__dirname, 'evidence');
const doc = (name: string): Evidence => evidence(DIR, name);
const oauth = plugin.oauth!;
const REDIRECT = 'https://hub.example.test/oauth/callback/woocommerce';
const app: OAuthApp = { clientId: 'unused', clientSecret: 'unused-secret' };

const replay = useReplay();
const replaying = (answers: EvidenceResponse[]) => replay.start(answers);

function post(body: unknown, parsed = true): InboundRequest {
  const raw = Buffer.from(JSON.stringify(body));
  return {
    method: 'POST',
    query: {},
    headers: { 'content-type': 'application/json;charset=UTF-8' },
    rawBody: raw,
    body: parsed ? body : undefined,
  };
}
function get(query: Record<string, string>): InboundRequest {
  return { method: 'GET', query, headers: {}, rawBody: Buffer.alloc(0), body: undefined };
}
/** The documented key JSON, as the store posts it for this connect request. */
const postedKeys = (state: string, extra: Record<string, unknown> = {}) => ({
  ...(doc('oauth-keys-callback').request!.body as object),
  user_id: state,
  ...extra,
});
function exchangeCtx(siteUrl: string, callback: InboundRequest) {
  const log = recordingLogger();
  return {
    app,
    inputs: { siteUrl },
    redirectUri: REDIRECT,
    callback,
    http: createHttpClient({ rateLimit: plugin.manifest.rateLimit, log, maxAttempts: 1 }),
    log,
  };
}

it('the oauth part passes the hub’s load-time validation (the generic contract, which runs it, does not fit key callbacks)', () => {
  expect(validatePlugin(plugin)).toMatchObject({ ok: true });
});

describe('consent URL', () => {
  it('is the store’s /wc-auth/v1/authorize with exactly the documented parameters; the state is user_id (oauth-authorize)', () => {
    const url = new URL(
      authorizeUrl(oauth, { app, inputs: { siteUrl: 'https://shop.example.com/store/' }, redirectUri: REDIRECT, state: 'St4te_x' }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://shop.example.com/store/wc-auth/v1/authorize');
    expect([...url.searchParams.keys()].sort()).toEqual(Object.keys(doc('oauth-authorize').request!.query!).sort());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      app_name: APP_NAME,
      scope: 'read_write',
      user_id: 'St4te_x',
      return_url: REDIRECT,
      callback_url: REDIRECT,
    });
  });

  it('an operator sandbox base replaces the store’s origin (the simulator), keeping its path', () => {
    const url = authorizeUrl(oauth, {
      app: { ...app, baseUrl: 'http://127.0.0.1:9' },
      inputs: { siteUrl: 'https://shop.example.com/store' },
      redirectUri: REDIRECT,
      state: 's',
    });
    expect(url.startsWith('http://127.0.0.1:9/store/wc-auth/v1/authorize?')).toBe(true);
  });

  it.each(['not a url', 'ftp://shop.example.com', 'https://user:pw@shop.example.com', 'https://shop.example.com/?x=1'])(
    'refuses siteUrl %j',
    (siteUrl) => {
      expect(() => normalizedSiteUrl(siteUrl)).toThrow(/siteUrl/);
    },
  );
});

describe('state', () => {
  it('is user_id of the posted keys (a number in the documented example) or of the browser’s return', () => {
    expect(oauth.readState!(post(doc('oauth-keys-callback').request!.body))).toBe('123');
    expect(oauth.readState!(post({ user_id: 'St4te_x' }, false))).toBe('St4te_x');
    const back = new URL(doc('oauth-authorize-denied').response!.headers!.location);
    expect(oauth.readState!(get(Object.fromEntries(back.searchParams)))).toBe('123');
    expect(oauth.readState!(post({ consumer_key: 'ck_x' }))).toBeUndefined();
    expect(oauth.readState!({ ...post({}), rawBody: Buffer.from('not json'), body: undefined })).toBeUndefined();
  });
});

describe('keys', () => {
  it('reads the posted keys, proves them against the store, and keeps them (oauth-keys-callback, products-batch-empty)', async () => {
    const r = await replaying([doc('products-batch-empty').response!]);
    const store = await oauth.exchange!(exchangeCtx(r.baseUrl, post(postedKeys('St4te_x'))));
    expect(store).toEqual({
      externalStoreId: r.baseUrl,
      credentials: { siteUrl: r.baseUrl, consumerKey: 'ck_xxxxxxxxxxxxxxxx', consumerSecret: 'cs_xxxxxxxxxxxxxxxx' },
    });
    expect(r.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['POST /wp-json/wc/v3/products/batch']);
    expect(r.requests[0].headers.authorization).toBe(`Basic ${Buffer.from('ck_xxxxxxxxxxxxxxxx:cs_xxxxxxxxxxxxxxxx').toString('base64')}`);
  });

  it('keys the store refuses (the documented 401) are an AuthError and are not kept (error-secret-invalid)', async () => {
    const r = await replaying([doc('error-secret-invalid').response!]);
    await expect(oauth.exchange!(exchangeCtx(r.baseUrl, post(postedKeys('s'))))).rejects.toBeInstanceOf(AuthError);
  });

  it.each([
    ['read-only permissions', { key_permissions: 'read' }, /read_write/],
    ['no consumer secret', { consumer_secret: undefined }, /consumer_secret/],
    ['a key that is no ck_ key', { consumer_key: 'Basic abc' }, /consumer_key/],
  ])('%s: refused before any call', async (_n, extra, words) => {
    const r = await replaying([doc('products-batch-empty').response!]);
    await expect(oauth.exchange!(exchangeCtx(r.baseUrl, post(postedKeys('s', extra))))).rejects.toThrow(words);
    expect(r.requests).toHaveLength(0);
  });

  it('the browser’s return after a denial (success=0) is the owner’s refusal (oauth-authorize-denied)', async () => {
    const back = new URL(doc('oauth-authorize-denied').response!.headers!.location);
    await expect(oauth.exchange!(exchangeCtx('https://shop.example.com', get(Object.fromEntries(back.searchParams))))).rejects.toThrow(
      /denied/,
    );
  });

  it('the browser’s return after an approval carries no keys: it never connects a store by itself', async () => {
    const back = new URL(doc('oauth-authorize').response!.headers!.location);
    await expect(oauth.exchange!(exchangeCtx('https://shop.example.com', get(Object.fromEntries(back.searchParams))))).rejects.toThrow(
      /POST/,
    );
  });

  it('keys do not expire: no refresh, no expiry', () => {
    expect(plugin.refreshCredentials).toBeUndefined();
    expect(oauth.tokenLifetime).toBeUndefined();
  });
});
