/**
 * Shopify's install flow, held to Shopify's documents (test/evidence/oauth-*.json, webhook-app-uninstalled.json):
 * the callback signature, the exact code-exchange and refresh requests, the expiry arithmetic, the shop domain
 * rule, the uninstall webhook — for the plugin and for its simulator. The custom-app path (a posted non-expiring
 * token) keeps working.
 */
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { AuthError, Rejected } from '@stock-sync/plugin-api';
import { createHttpClient } from '@stock-sync/plugin-sdk';
import type { ConnectContext, InboundRequest, OAuthExchangeContext } from '@stock-sync/plugin-api';
import { callbackFromLocation, inboundRequest, startSimulator } from '@stock-sync/plugin-testkit/simulator';
import { consentRedirect } from '@stock-sync/plugin-testkit/contract';
import { evidence, useReplay } from '@stock-sync/plugin-testkit/evidence';
import { recordingLogger } from '@stock-sync/plugin-testkit/contract';
import type { RunningSimulator } from '@stock-sync/plugin-testkit/simulator';
import { plugin } from '../src';
import {
  callbackMessage,
  exchangeShopifyCode,
  refreshShopifyCredentials,
  shopifyAuthorizeUrl,
  signCallbackQuery,
  verifyShopifyCallback,
  verifyShopifyUninstall,
} from '../src/oauth';
import { shopDomainFromInput, shopDomainFromShopify } from '../src/shopify-api';
import {
  appUninstalledWebhook,
  HUB_LOCATION_ID,
  SIM_ACCESS_TOKEN,
  SIM_OAUTH_APP,
  SIM_SHOP_DOMAIN,
  simulator,
  type ShopifyState,
} from '../src/simulator';
import { gql } from './support';

const DIR = join(__dirname, 'evidence');
const HUSH = { clientId: 'cid', clientSecret: 'hush' };
const NOW = Date.parse('2026-12-02T12:00:00.000Z');

function http() {
  return createHttpClient({ rateLimit: plugin.manifest.rateLimit, baseDelayMs: 1, maxDelayMs: 2, sleep: async () => {} });
}

describe('the install callback signature (documented example, secret "hush")', () => {
  const query = evidence(DIR, 'oauth-callback').request!.query!;
  const callback = inboundRequest({ query });

  it("verifies Shopify's own example", () => {
    expect(callbackMessage(query)).toBe(
      'code=0907a61c0c8d55e99db179b68161bc00&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173',
    );
    expect(signCallbackQuery(query, 'hush')).toBe(query.hmac);
    expect(verifyShopifyCallback(callback, HUSH)).toBe(true);
  });

  it('refuses a changed, added or missing parameter, another secret, a missing or malformed hmac', () => {
    for (const name of Object.keys(query))
      expect(verifyShopifyCallback(inboundRequest({ query: { ...query, [name]: `${query[name]}0` } }), HUSH)).toBe(false);
    expect(verifyShopifyCallback(inboundRequest({ query: { ...query, host: 'x' } }), HUSH)).toBe(false);
    const { hmac: _hmac, ...unsigned } = query;
    expect(verifyShopifyCallback(inboundRequest({ query: unsigned }), HUSH)).toBe(false);
    expect(verifyShopifyCallback(inboundRequest({ query: { ...query, hmac: '' } }), HUSH)).toBe(false);
    expect(verifyShopifyCallback(inboundRequest({ query: { ...query, hmac: query.hmac.toUpperCase() } }), HUSH)).toBe(false);
    expect(verifyShopifyCallback(callback, { ...HUSH, clientSecret: 'hush2' })).toBe(false);
  });

  it('ignores the legacy signature parameter, and encodes spaces as %20', () => {
    expect(verifyShopifyCallback(inboundRequest({ query: { ...query, signature: 'legacy' } }), HUSH)).toBe(true);
    expect(callbackMessage({ b: 'x y', a: '1&2', hmac: 'h' })).toBe('a=1%262&b=x%20y');
  });

  it('refuses a correctly signed callback whose shop is not a myshopify.com domain', () => {
    const evil = { code: 'c', shop: 'evil.example.com', state: 's', timestamp: '1' };
    expect(verifyShopifyCallback(inboundRequest({ query: { ...evil, hmac: signCallbackQuery(evil, 'hush') } }), HUSH)).toBe(false);
  });
});

describe('shop domains', () => {
  it("takes a merchant's input in short, full or URL form; only myshopify.com", () => {
    expect(shopDomainFromInput('acme')).toBe('acme.myshopify.com');
    expect(shopDomainFromInput(' https://ACME.myshopify.com/admin ')).toBe('acme.myshopify.com');
    for (const bad of ['acme.example.com', 'evil.com/x.myshopify.com', '', undefined, '-acme', 'a b'])
      expect(() => shopDomainFromInput(bad)).toThrow(AuthError);
  });

  it('takes what Shopify sends only when it is exactly a myshopify.com domain', () => {
    expect(shopDomainFromShopify('Some-Shop.myshopify.com')).toBe('some-shop.myshopify.com');
    for (const bad of ['some-shop', 'https://some-shop.myshopify.com', 'some-shop.myshopify.com.evil.com', 'x.myshopify.io', '', undefined])
      expect(shopDomainFromShopify(bad)).toBeUndefined();
  });
});

describe('the authorize URL', () => {
  const req = {
    app: { clientId: 'cid', clientSecret: 'never' },
    inputs: { shop: 'acme', locationId: '1' },
    redirectUri: 'https://hub.example.com/oauth/callback/shopify',
    state: 'st',
  };

  it("is the shop's /admin/oauth/authorize with client_id, comma-separated scopes, redirect_uri and state only", () => {
    const url = new URL(shopifyAuthorizeUrl(req));
    expect(`${url.origin}${url.pathname}`).toBe('https://acme.myshopify.com/admin/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'cid',
      scope: 'read_products,write_products,read_inventory,write_inventory,read_locations',
      redirect_uri: 'https://hub.example.com/oauth/callback/shopify',
      state: 'st',
    });
    expect(url.toString()).not.toContain('never');
  });

  it("goes to the sandbox app's baseUrl, and refuses a shop that is not myshopify.com", () => {
    expect(
      shopifyAuthorizeUrl({ ...req, app: { ...req.app, baseUrl: 'http://127.0.0.1:9' } }).startsWith(
        'http://127.0.0.1:9/admin/oauth/authorize?',
      ),
    ).toBe(true);
    expect(() => shopifyAuthorizeUrl({ ...req, inputs: { shop: 'evil.example.com' } })).toThrow(AuthError);
  });
});

describe('the code exchange (documented request and answer)', () => {
  const replay = useReplay();
  const doc = evidence(DIR, 'oauth-access-token-expiring');
  const callbackQuery = evidence(DIR, 'oauth-callback').request!.query!;

  async function exchangeAgainstReplay(answer = doc.response!, query: Record<string, string> = callbackQuery) {
    await replay.start([answer]);
    const ctx: OAuthExchangeContext = {
      app: { clientId: 'cid', clientSecret: 'app-secret', baseUrl: replay.baseUrl },
      inputs: { shop: 'some-shop', locationId: '71001' },
      redirectUri: 'https://hub.example.com/cb',
      callback: inboundRequest({ query }),
      http: http(),
      log: recordingLogger(),
    };
    const store = await exchangeShopifyCode(ctx, () => NOW);
    return { store, requests: replay.requests };
  }

  it('posts exactly the documented JSON body and keeps the expiring pair with its expiries', async () => {
    const { store, requests } = await exchangeAgainstReplay();
    expect(requests).toHaveLength(1);
    expect(requests[0].method).toBe('POST');
    expect(requests[0].path).toBe(doc.request!.path);
    expect(requests[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(requests[0].body)).toEqual({ ...(doc.request!.body as object), client_id: 'cid', client_secret: 'app-secret' });
    expect(store).toEqual({
      externalStoreId: 'some-shop.myshopify.com',
      credentials: {
        shop: 'some-shop.myshopify.com',
        accessToken: '<access token>',
        refreshToken: '<refresh token>',
        locationId: '71001',
        accessTokenExpiresAt: '2026-12-02T13:00:00.000Z',
        refreshTokenExpiresAt: '2027-03-02T12:00:00.000Z',
      },
    });
  });

  it('refuses a non-expiring answer (no refresh token) and an answer without an access token', async () => {
    const body = doc.response!.body as Record<string, unknown>;
    const { refresh_token: _r, refresh_token_expires_in: _e, expires_in: _x, ...nonExpiring } = body;
    await expect(exchangeAgainstReplay({ status: 200, body: nonExpiring })).rejects.toThrow(
      new Rejected(
        'Shopify answered the code exchange without a refresh_token: it gave a non-expiring token, which public apps may not use (expiring offline tokens are required)',
      ),
    );
    await expect(exchangeAgainstReplay({ status: 200, body: { ...body, access_token: '' } })).rejects.toThrow(
      'Shopify answered the code exchange without an access_token',
    );
  });

  it('refuses a callback for another shop, without one, or without a code — before calling Shopify', async () => {
    await replay.start([doc.response!]);
    const base = {
      app: { clientId: 'cid', clientSecret: 's', baseUrl: replay.baseUrl },
      inputs: { shop: 'acme', locationId: '1' },
      redirectUri: 'https://h.example.com/cb',
      http: http(),
      log: recordingLogger(),
    };
    const run = (query: Record<string, string>) => exchangeShopifyCode({ ...base, callback: inboundRequest({ query }) });
    await expect(run({ code: 'c', shop: 'other.myshopify.com' })).rejects.toThrow(
      'the Shopify callback is for another shop than the one being connected (other.myshopify.com)',
    );
    await expect(run({ code: 'c' })).rejects.toThrow('the Shopify callback carries no myshopify.com shop');
    await expect(run({ code: 'c', shop: 'acme.example.com' })).rejects.toThrow(AuthError);
    await expect(run({ shop: 'acme.myshopify.com' })).rejects.toThrow('the Shopify callback carries no authorization code');
    expect(replay.requests).toHaveLength(0);
  });
});

describe('the refresh (documented request and answer)', () => {
  const replay = useReplay();
  const doc = evidence(DIR, 'oauth-refresh-token');

  it('posts the documented JSON body and returns the full set with the rotated token and new expiries', async () => {
    await replay.start([doc.response!]);
    const ctx: ConnectContext = {
      credentials: {
        shop: 'some-shop',
        accessToken: 'old',
        refreshToken: 'rt-old',
        locationId: '71001',
        accessTokenExpiresAt: '2026-12-02T11:59:00.000Z',
      },
      http: http(),
      log: recordingLogger(),
      app: { clientId: 'cid', clientSecret: 'app-secret', baseUrl: replay.baseUrl },
    };
    const next = await refreshShopifyCredentials(ctx, () => NOW);
    expect(replay.requests[0].path).toBe('/admin/oauth/access_token');
    expect(JSON.parse(replay.requests[0].body)).toEqual({
      ...(doc.request!.body as object),
      client_id: 'cid',
      client_secret: 'app-secret',
      refresh_token: 'rt-old',
    });
    expect(next).toEqual({
      shop: 'some-shop.myshopify.com',
      accessToken: '<new access token>',
      refreshToken: '<new refresh token>',
      locationId: '71001',
      accessTokenExpiresAt: '2026-12-02T13:00:00.000Z',
      refreshTokenExpiresAt: '2027-03-02T12:00:00.000Z',
    });
  });

  it('keeps the custom-app path: a posted non-expiring token has no refresh token, so its AuthError stands', async () => {
    const ctx: ConnectContext = {
      credentials: { shop: 'acme', accessToken: 'shpat_custom', locationId: '1' },
      http: http(),
      log: recordingLogger(),
      app: SIM_OAUTH_APP,
    };
    await expect(plugin.refreshCredentials!(ctx)).rejects.toThrow(
      new AuthError('no refreshToken is stored for this Shopify store: reconnect it'),
    );
  });
});

describe('the app/uninstalled webhook (documented headers; secret "hush")', () => {
  const doc = evidence(DIR, 'webhook-app-uninstalled');
  const headers = doc.request!.headers!;
  const raw = JSON.stringify(doc.request!.body);
  const notice = (over: { headers?: Record<string, string>; body?: string; method?: string } = {}): InboundRequest =>
    inboundRequest({ method: over.method ?? 'POST', headers: over.headers ?? headers, body: over.body ?? raw });

  it('names the shop of a verified notice', () => {
    expect(verifyShopifyUninstall(notice(), HUSH)).toEqual({
      externalStoreId: 'some-shop.myshopify.com',
      reason: 'the app was uninstalled on Shopify (app/uninstalled webhook)',
    });
  });

  it('refuses a changed body, another secret, a missing signature, another topic or shop, a GET', () => {
    expect(verifyShopifyUninstall(notice({ body: raw.replace('Super', 'Duper') }), HUSH)).toBeNull();
    expect(verifyShopifyUninstall(notice({ body: `${raw} ` }), HUSH)).toBeNull();
    expect(verifyShopifyUninstall(notice(), { ...HUSH, clientSecret: 'other' })).toBeNull();
    const { 'X-Shopify-Hmac-Sha256': _h, ...unsigned } = headers;
    expect(verifyShopifyUninstall(notice({ headers: unsigned }), HUSH)).toBeNull();
    expect(verifyShopifyUninstall(notice({ headers: { ...headers, 'X-Shopify-Topic': 'orders/create' } }), HUSH)).toBeNull();
    expect(verifyShopifyUninstall(notice({ headers: { ...headers, 'X-Shopify-Shop-Domain': 'other.myshopify.com' } }), HUSH)).toBeNull();
    expect(verifyShopifyUninstall(notice({ headers: { ...headers, 'X-Shopify-Shop-Domain': 'evil.example.com' } }), HUSH)).toBeNull();
    expect(verifyShopifyUninstall(notice({ method: 'GET' }), HUSH)).toBeNull();
  });

  it('refuses a payload naming another shop than the header, even correctly signed', () => {
    const body = JSON.stringify({ id: 1, myshopify_domain: 'other.myshopify.com' });
    const signed = { ...headers, 'X-Shopify-Hmac-Sha256': createHmac('sha256', 'hush').update(body).digest('base64') };
    expect(verifyShopifyUninstall(notice({ headers: signed, body }), HUSH)).toBeNull();
  });
});

describe('the simulator against the documents', () => {
  let sim: RunningSimulator<ShopifyState>;
  const clock = { offset: 0 };
  beforeEach(async () => {
    clock.offset = 0;
    sim = await startSimulator(simulator, { now: () => Date.now() + clock.offset });
  });
  afterEach(() => sim.close());

  async function consent(): Promise<InboundRequest> {
    const url = shopifyAuthorizeUrl({
      app: { ...SIM_OAUTH_APP, baseUrl: sim.baseUrl },
      inputs: { shop: SIM_SHOP_DOMAIN },
      redirectUri: 'https://hub.example.com/cb',
      state: 'st-1',
    });
    return callbackFromLocation((await consentRedirect(url)).href);
  }

  async function tokenRequest(body: Record<string, unknown>) {
    const res = await fetch(`${sim.baseUrl}/admin/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('signs its callback as Shopify does, with the documented parameters', async () => {
    const cb = await consent();
    expect(Object.keys(cb.query).sort()).toEqual(Object.keys(evidence(DIR, 'oauth-callback').request!.query!).concat('host').sort());
    expect(cb.query.shop).toBe(SIM_SHOP_DOMAIN);
    expect(cb.query.state).toBe('st-1');
    expect(Math.abs(Number(cb.query.timestamp) - Date.now() / 1000)).toBeLessThan(5);
    expect(verifyShopifyCallback(cb, SIM_OAUTH_APP)).toBe(true);
  });

  it('answers the documented code exchange with the documented fields, and a non-expiring token without expiring=1', async () => {
    const doc = evidence(DIR, 'oauth-access-token-expiring');
    const body: Record<string, unknown> = {
      ...(doc.request!.body as object),
      client_id: SIM_OAUTH_APP.clientId,
      client_secret: SIM_OAUTH_APP.clientSecret,
      code: (await consent()).query.code,
    };
    const res = await tokenRequest(body);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(doc.response!.body as object).sort());
    expect(res.body).toMatchObject({
      expires_in: 3600,
      refresh_token_expires_in: 7776000,
      scope: 'read_products,write_products,read_inventory,write_inventory,read_locations',
    });
    const plain: Record<string, unknown> = { ...body, code: (await consent()).query.code };
    delete plain.expiring;
    const lasting = await tokenRequest(plain);
    expect(Object.keys(lasting.body).sort()).toEqual(['access_token', 'scope']);
  });

  it('answers the documented refresh with a rotated pair; the access token expires by its clock', async () => {
    const first = await tokenRequest({
      client_id: SIM_OAUTH_APP.clientId,
      client_secret: SIM_OAUTH_APP.clientSecret,
      code: (await consent()).query.code,
      expiring: '1',
    });
    const doc = evidence(DIR, 'oauth-refresh-token');
    // Renewed ahead of expiry: 50 minutes in.
    clock.offset += 3000_000;
    const next = await tokenRequest({
      ...(doc.request!.body as object),
      client_id: SIM_OAUTH_APP.clientId,
      client_secret: SIM_OAUTH_APP.clientSecret,
      refresh_token: first.body.refresh_token,
    });
    expect(Object.keys(next.body).sort()).toEqual(Object.keys(doc.response!.body as object).sort());
    expect(next.body.refresh_token).not.toBe(first.body.refresh_token);
    const verify = 'query { shop { id } }';
    expect((await gql(sim, verify, {}, first.body.access_token as string)).status).toBe(200);
    clock.offset += 600_000;
    const expired = await gql(sim, verify, {}, first.body.access_token as string);
    expect(expired).toEqual({ status: 401, body: evidence(DIR, 'unauthorized').response!.body });
    expect((await gql(sim, verify, {}, next.body.access_token as string)).status).toBe(200);
    expect((await gql(sim, verify, {}, SIM_ACCESS_TOKEN)).status).toBe(200);
  });

  it('signs its app/uninstalled webhook as the document says, and the plugin accepts it', () => {
    const hook = appUninstalledWebhook(sim.state);
    const doc = evidence(DIR, 'webhook-app-uninstalled');
    expect(
      Object.keys(hook.headers)
        .filter((h) => h !== 'content-type')
        .sort(),
    ).toEqual(
      Object.keys(doc.request!.headers!)
        .filter((h) => h !== 'Content-Type')
        .map((h) => h.toLowerCase())
        .sort(),
    );
    expect(verifyShopifyUninstall(inboundRequest(hook), SIM_OAUTH_APP)).toEqual({
      externalStoreId: SIM_SHOP_DOMAIN,
      reason: 'the app was uninstalled on Shopify (app/uninstalled webhook)',
    });
    expect(verifyShopifyUninstall(inboundRequest(appUninstalledWebhook(sim.state, 'wrong')), SIM_OAUTH_APP)).toBeNull();
  });

  it('connects a store through the flow and then syncs (plugin + simulator end to end)', async () => {
    const log = recordingLogger();
    const store = await plugin.oauth!.exchange!({
      app: { ...SIM_OAUTH_APP, baseUrl: sim.baseUrl },
      inputs: { shop: SIM_SHOP_DOMAIN, locationId: HUB_LOCATION_ID },
      redirectUri: 'https://hub.example.com/cb',
      callback: await consent(),
      http: http(),
      log,
    });
    expect(store.externalStoreId).toBe(SIM_SHOP_DOMAIN);
    const conn = plugin.connect({ credentials: { ...store.credentials, baseUrl: sim.baseUrl }, http: http(), log });
    await expect(conn.verify()).resolves.toBeUndefined();
  });
});
