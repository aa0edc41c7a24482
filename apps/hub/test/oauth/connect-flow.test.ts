/**
 * The hub's side of install flows and the credential lifecycle, on PGlite and PostgreSQL, with the
 * `oauth-shop` fixture plugin and its fake platform (no plugin build needed): connect through the flow
 * (plain HTTP redirects), the store syncs; forged / replayed / expired / denied callbacks change nothing;
 * uninstall notices; reconnect keeps the store and its pending work; the refresh-ahead sweep renews before
 * expiry (no failed write) and a refused renewal is needs_reconnect with the reason, work kept. The last test
 * greps every answer, every log line and every text column for the secrets used.
 */
import * as path from 'node:path';
import { CredentialCipher } from '../../src/crypto/credential-cipher';
import { CredentialSweep } from '../../src/credentials/credential-sweep.service';
import { startSyncHub, type SyncTestHub } from '../e2e/support/sync-hub';
import { testDatabases } from '../support/test-databases';
import { Browser, request, seenAnswers } from './support/browser';
import { FAKE_APP, startFakeOAuthPlatform, type FakeOAuthPlatform } from './support/fake-oauth-platform';

jest.setTimeout(60_000);

const FIXTURES = path.join(__dirname, 'fixtures', 'plugins');
const SUCCESS = 'https://merchant.example/connected';
const FAILURE = 'https://merchant.example/not-connected';

// Everything the hub logs (verbose: every SQL statement too) while this file runs.
const logged: string[] = [];
const capture = (stream: NodeJS.WriteStream) => {
  const original = stream.write.bind(stream);
  return jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
    logged.push(String(chunk));
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof stream.write);
};

let fake: FakeOAuthPlatform;
const env: Record<string, string> = {
  HUB_PLUGINS_DIR: FIXTURES,
  HUB_OAUTH_OAUTH_SHOP_CLIENT_ID: FAKE_APP.clientId,
  HUB_OAUTH_OAUTH_SHOP_CLIENT_SECRET: FAKE_APP.clientSecret,
  HUB_CONNECT_SUCCESS_URL: SUCCESS,
  HUB_CONNECT_FAILURE_URL: FAILURE,
  HUB_LOG_LEVEL: 'verbose',
};
/** States seen in connect URLs (must never be stored or logged in the clear). */
const states: string[] = [];

beforeAll(async () => {
  capture(process.stdout);
  capture(process.stderr);
  fake = await startFakeOAuthPlatform();
  env.HUB_OAUTH_OAUTH_SHOP_BASE_URL = fake.baseUrl;
});
afterAll(async () => {
  jest.restoreAllMocks();
  await fake?.close();
});

for (const kind of testDatabases()) {
  describe(`install flow and credential lifecycle (fixture platform) [${kind}]`, () => {
    let started: Awaited<ReturnType<typeof startSyncHub>> | undefined;
    const hub = (): SyncTestHub => started!.hub;
    beforeAll(async () => {
      started = await startSyncHub(kind, { env });
    }, 120_000);
    afterAll(async () => started?.stop(), 60_000);

    async function api(method: 'post' | 'get' | 'patch' | 'put', url: string, body?: object) {
      const res = method === 'get' ? await hub().get(url) : await hub()[method](url, body);
      seenAnswers.push({ url: `${hub().url}${url}`, text: res.text });
      return res;
    }

    async function startConnect(shop: string, extra: object = {}) {
      const res = await api('post', '/v1/stores/connect', {
        platform: 'oauth-shop',
        name: `shop ${shop}`,
        sellingRegion: 'north_america',
        inputs: { shop },
        ...extra,
      });
      expect(res.status).toBe(201);
      states.push(new URL(res.body.connectUrl).searchParams.get('state')!);
      return res.body as { connectId: string; connectUrl: string; expiresAt: string };
    }

    /** The merchant approves on the platform: the callback URL the platform redirects to (not followed). */
    async function approve(connectUrl: string): Promise<string> {
      const consent = await request(connectUrl);
      expect(consent.status).toBe(302);
      return consent.location!;
    }

    const storeRow = async (id: string) =>
      (
        await hub().sql<{
          status: string;
          status_reason: string | null;
          external_store_id: string | null;
          credentials: Buffer;
          credentials_expire_at: Date | null;
          name: string;
          selling_region: string;
        }>(
          `SELECT status, status_reason, external_store_id, credentials, credentials_expire_at, name, selling_region FROM stores WHERE id = $1`,
          [id],
        )
      )[0];
    const credentialsOf = async (id: string) =>
      hub()
        .app.get(CredentialCipher)
        .decrypt((await storeRow(id))!.credentials, id);
    const storeCount = async () => Number((await hub().sql<{ n: string | number }>(`SELECT count(*) AS n FROM stores`))[0]!.n);

    async function connectShop(shop: string): Promise<string> {
      const { connectUrl } = await startConnect(shop);
      const browser = new Browser();
      browser.stopAt = 'https://merchant.example';
      const last = await browser.open(connectUrl);
      expect(last.status).toBe(303);
      const landed = new URL(last.location!);
      expect(`${landed.origin}${landed.pathname}`).toBe(SUCCESS);
      return landed.searchParams.get('storeId')!;
    }

    async function storeWithPendingWork(shop: string, catalogId: number) {
      const storeId = await connectShop(shop);
      await api('put', '/v1/catalog/variants', {
        variants: [{ id: catalogId, productId: catalogId, name: `v${catalogId}`, fulfillment: 'warehouse' }],
      });
      await api('put', `/v1/stores/${storeId}/sync-variants`, {
        variants: [{ externalProductId: `p${catalogId}`, externalVariantId: `v${catalogId}`, catalogVariantId: catalogId }],
      });
      return storeId;
    }

    let t = Date.parse('2026-04-01T00:00:00Z');
    const stock = (catalogId: number, quantity: number) =>
      api('post', '/v1/facility-stock', {
        updates: [{ variantId: catalogId, facility: 'US-NC', quantity, observedAt: new Date((t += 1000)).toISOString() }],
      });

    it('POST /v1/stores/connect validates every field by name and writes nothing when refused', async () => {
      const before = Number((await hub().sql<{ n: string }>(`SELECT count(*) AS n FROM oauth_connect_requests`))[0]!.n);
      const res = await api('post', '/v1/stores/connect', {
        platform: 'oauth-shop',
        name: '',
        sellingRegion: 'atlantis',
        inputs: { shop: '', baseUrl: 'http://evil.example', nope: 'x' },
      });
      expect(res.status).toBe(400);
      const paths = (res.body.details as { path: string }[]).map((d) => d.path).sort();
      expect(paths).toEqual(expect.arrayContaining(['name', 'sellingRegion', 'inputs.shop', 'inputs.baseUrl', 'inputs.nope']));
      const unknown = await api('post', '/v1/stores/connect', { platform: 'nowhere', name: 'x', sellingRegion: 'north_america' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.details).toEqual([{ path: 'platform', message: expect.stringContaining('no integration "nowhere"') }]);
      expect(Number((await hub().sql<{ n: string }>(`SELECT count(*) AS n FROM oauth_connect_requests`))[0]!.n)).toBe(before);
    });

    it('GET /v1/integrations says the install flow is available and configured (never the client id or secret)', async () => {
      const res = await api('get', '/v1/integrations');
      const shop = (res.body as { id: string; installFlow?: unknown }[]).find((i) => i.id === 'oauth-shop');
      expect(shop?.installFlow).toEqual({
        configured: true,
        connectFields: [{ name: 'shop', secret: false, required: true, description: 'shop handle' }],
        pkce: true,
        tokenLifetime: { accessTokenSeconds: 3600, refreshTokenSeconds: 2592000, source: 'https://example.invalid/oauth-shop/tokens' },
      });
      expect(res.text).not.toContain(FAKE_APP.clientSecret);
      expect(res.text).not.toContain(FAKE_APP.clientId);
    });

    it('connects through the flow (consent → signed callback → success page), stores the credentials encrypted, and the store syncs', async () => {
      const { connectUrl, connectId, expiresAt } = await startConnect('acme');
      const url = new URL(connectUrl);
      expect(`${url.origin}${url.pathname}`).toBe(`${fake.baseUrl}/authorize`);
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        shop: 'acme',
        client_id: FAKE_APP.clientId,
        response_type: 'code',
        scope: 'read_inventory,write_inventory',
        redirect_uri: `${hub().url}/oauth/callback/oauth-shop`,
        code_challenge_method: 'S256',
      });
      expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
      // The state is stored hashed only.
      const state = url.searchParams.get('state')!;
      const [request] = await hub().sql<{ state_hash: string; consumed_at: Date | null }>(
        `SELECT state_hash, consumed_at FROM oauth_connect_requests WHERE id = $1`,
        [connectId],
      );
      expect(request!.state_hash).not.toContain(state);
      expect(request!.consumed_at).toBeNull();

      const browser = new Browser();
      browser.stopAt = 'https://merchant.example';
      const last = await browser.open(connectUrl);
      expect(last.status).toBe(303);
      const storeId = new URL(last.location!).searchParams.get('storeId')!;
      expect(storeId).toMatch(/^[0-9a-f-]{36}$/);

      const store = (await api('get', `/v1/stores/${storeId}`)).body;
      expect(store).toMatchObject({
        id: storeId,
        name: 'shop acme',
        platform: 'oauth-shop',
        sellingRegion: 'north_america',
        status: 'active',
        statusReason: null,
      });
      expect(store.credentialsSet).toEqual(expect.arrayContaining(['shop', 'accessToken', 'refreshToken', 'accessTokenExpiresAt']));
      const row = (await storeRow(storeId))!;
      expect(row.external_store_id).toBe('acme');
      const creds = await credentialsOf(storeId);
      expect(fake.accessTokens.has(creds.accessToken!)).toBe(true);
      expect(Buffer.from(row.credentials).includes(Buffer.from(creds.accessToken!))).toBe(false);
      expect(new Date(row.credentials_expire_at!).toISOString()).toBe(creds.accessTokenExpiresAt);
      const [consumed] = await hub().sql<{ consumed_at: Date | null; result_store_id: string }>(
        `SELECT consumed_at, result_store_id FROM oauth_connect_requests WHERE id = $1`,
        [connectId],
      );
      expect(consumed).toMatchObject({ consumed_at: expect.any(Date), result_store_id: storeId });

      // ...and syncs.
      await api('put', '/v1/catalog/variants', { variants: [{ id: 901, productId: 901, name: 'v901', fulfillment: 'warehouse' }] });
      await api('put', `/v1/stores/${storeId}/sync-variants`, {
        variants: [{ externalProductId: 'p901', externalVariantId: 'v901', catalogVariantId: 901 }],
      });
      await stock(901, 5);
      const writes = fake.writes.length;
      const result = await hub().runStore(storeId);
      expect(result.outcome === 'ran' && result.runs[0]).toMatchObject({ status: 'succeeded', counts: { written: 1 } });
      expect(fake.writes.length).toBe(writes + 1);
      expect(fake.writes.at(-1)!.token).toBe(creds.accessToken);
    });

    it('a replayed callback (state already used) is refused and changes nothing', async () => {
      const { connectUrl } = await startConnect('replay');
      const callback = await approve(connectUrl);
      const first = await request(callback, { headers: { accept: 'application/json' } });
      expect(first.status).toBe(303);
      const storeId = new URL(first.location!).searchParams.get('storeId')!;
      const credentials = await credentialsOf(storeId);
      const stores = await storeCount();

      const again = await request(callback, { headers: { accept: 'application/json' } });
      expect(again.status).toBe(303);
      expect(new URL(again.location!).searchParams.get('error')).toBe('invalid_state');
      expect(await storeCount()).toBe(stores);
      expect(await credentialsOf(storeId)).toEqual(credentials);

      // The browser's return after a completion (signed, no code: how a platform that completes server to
      // server sends the merchant back) shows that outcome and writes nothing.
      const state = new URL(callback).searchParams.get('state')!;
      const back = await request(
        `${hub().url}/oauth/callback/oauth-shop?${new URLSearchParams(fake.signedCallbackQuery({ shop: 'replay', state }))}`,
        { headers: { accept: 'application/json' } },
      );
      expect([back.status, new URL(back.location!).searchParams.get('storeId')]).toEqual([303, storeId]);
      expect(await credentialsOf(storeId)).toEqual(credentials);
    });

    it('a callback with a wrong state, a bad signature, or an expired state is refused and nothing is written', async () => {
      const { connectUrl, connectId } = await startConnect('forged');
      const callback = new URL(await approve(connectUrl));
      const stores = await storeCount();
      const tokensBefore = fake.issued.accessTokens.length;

      // Bad signature (the query altered after signing): 401, never redirected, and the state is NOT burnt.
      const tampered = new URL(callback);
      tampered.searchParams.set('shop', 'someone-else');
      const forged = await request(tampered.toString(), { headers: { accept: 'application/json' } });
      expect(forged.status).toBe(401);
      expect(forged.body).toEqual({ error: 'invalid_signature', message: expect.any(String) });
      const [open] = await hub().sql<{ consumed_at: Date | null }>(`SELECT consumed_at FROM oauth_connect_requests WHERE id = $1`, [
        connectId,
      ]);
      expect(open!.consumed_at).toBeNull();

      // A state the hub never issued, correctly signed by the platform: refused.
      const unknownState = fake.signedCallbackQuery({
        code: 'oauth_shop_code_made_up',
        shop: 'forged',
        state: 'A'.repeat(43),
        timestamp: '1',
      });
      const wrong = await request(`${hub().url}/oauth/callback/oauth-shop?${new URLSearchParams(unknownState)}`, {
        headers: { accept: 'application/json' },
      });
      expect([wrong.status, new URL(wrong.location!).searchParams.get('error')]).toEqual([303, 'invalid_state']);

      // The request expires: the (otherwise valid) callback is refused.
      await hub().sql(`UPDATE oauth_connect_requests SET expires_at = now() - interval '1 second' WHERE id = $1`, [connectId]);
      const late = await request(callback.toString(), { headers: { accept: 'application/json' } });
      expect([late.status, new URL(late.location!).searchParams.get('error')]).toEqual([303, 'invalid_state']);

      expect(await storeCount()).toBe(stores);
      expect(fake.issued.accessTokens.length).toBe(tokensBefore); // no code was exchanged
    });

    it('a POST callback is never redirected: a refused state is a 400 naming `state`; a browser gets a page, never a secret', async () => {
      const res = await request(
        `${hub().url}/oauth/callback/oauth-shop?${new URLSearchParams(fake.signedCallbackQuery({ code: 'c', shop: 's' }))}`,
        { method: 'POST', headers: { accept: 'application/json', 'content-type': 'text/plain' }, body: 'x' },
      );
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'validation_failed', details: [{ path: 'state', message: expect.stringContaining('no state') }] });
      // A forged callback opened in a browser: the 401 as a small page (no redirect, nothing echoed).
      const page = await request(`${hub().url}/oauth/callback/oauth-shop?code=oauth_shop_code_forged&state=${'C'.repeat(43)}&hmac=00`, {
        headers: { accept: 'text/html' },
      });
      expect(page.status).toBe(401);
      expect(page.text).toMatch(/^<!doctype html>/);
      expect(page.text).not.toContain('oauth_shop_code_forged');
    });

    it('the merchant denies on the consent screen: 403 access_denied recorded, no store', async () => {
      const { connectUrl, connectId } = await startConnect('denied');
      fake.denyNext();
      const stores = await storeCount();
      const browser = new Browser();
      browser.stopAt = 'https://merchant.example';
      const last = await browser.open(connectUrl);
      expect(new URL(last.location!).searchParams.get('error')).toBe('access_denied');
      expect(await storeCount()).toBe(stores);
      const [row] = await hub().sql<{ failure: string }>(`SELECT failure FROM oauth_connect_requests WHERE id = $1`, [connectId]);
      expect(row!.failure).toBe('access_denied');
    });

    it('uninstall notices: unverified → 401 and nothing changes; verified → the store is paused with the reason; unknown store → 200, paused 0', async () => {
      const storeId = await connectShop('leaving');
      const notice = fake.uninstallNotice('leaving');
      const bad = await request(`${hub().url}/oauth/uninstall/oauth-shop`, {
        method: 'POST',
        headers: { ...notice.headers, 'x-oauth-shop-hmac-sha256': 'AAAA' },
        body: notice.body,
      });
      expect(bad.status).toBe(401);
      expect((await storeRow(storeId))!.status).toBe('active');
      // A body that is not what was signed (re-serialised, one space more) fails too.
      const reserialised = await request(`${hub().url}/oauth/uninstall/oauth-shop`, {
        method: 'POST',
        headers: notice.headers,
        body: notice.body.replace(':', ': '),
      });
      expect(reserialised.status).toBe(401);

      const ok = await request(`${hub().url}/oauth/uninstall/oauth-shop`, { method: 'POST', headers: notice.headers, body: notice.body });
      expect([ok.status, ok.body]).toEqual([200, { paused: 1 }]);
      const row = (await storeRow(storeId))!;
      expect(row.status).toBe('paused');
      expect(row.status_reason).toMatch(/uninstalled on OAuth Shop/);

      const stranger = fake.uninstallNotice('never-connected');
      const unknown = await request(`${hub().url}/oauth/uninstall/oauth-shop`, {
        method: 'POST',
        headers: stranger.headers,
        body: stranger.body,
      });
      expect([unknown.status, unknown.body]).toEqual([200, { paused: 0 }]);
    });

    it('the sweep renews tokens ahead of expiry: no write meets an expired token', async () => {
      const storeId = await storeWithPendingWork('steady', 902);
      await stock(902, 3);
      expect((await hub().runStore(storeId)).outcome).toBe('ran');
      const before = await credentialsOf(storeId);
      const sweep = hub().app.get(CredentialSweep);

      // 40 minutes on: not within the 10-minute window of a 1-hour token → nothing renewed.
      fake.advance(40 * 60_000);
      expect((await sweep.sweep(Date.now() + 40 * 60_000)).renewed).not.toContain(storeId);
      // 52 minutes on: within the window → renewed once, stored (rotated refresh token), expiry moved.
      fake.advance(12 * 60_000);
      const refreshes = fake.refreshes;
      const report = await sweep.sweep(Date.now() + 52 * 60_000);
      expect(report.renewed).toContain(storeId);
      expect(fake.refreshes).toBe(refreshes + report.renewed.length); // one renewal per due store, no more
      const after = await credentialsOf(storeId);
      expect(after.accessToken).not.toBe(before.accessToken);
      expect(after.refreshToken).not.toBe(before.refreshToken);
      expect(Date.parse(after.accessTokenExpiresAt!)).toBeGreaterThan(Date.parse(before.accessTokenExpiresAt!));
      expect(new Date((await storeRow(storeId))!.credentials_expire_at!).toISOString()).toBe(after.accessTokenExpiresAt);
      // The renewed set is good for another hour (the hub's clock): the next sweeps leave it alone.
      expect((await sweep.sweep(Date.now())).renewed).not.toContain(storeId);

      // Past the old token's hour: the write goes through on the first try, no 401 anywhere.
      fake.advance(15 * 60_000);
      const refused = fake.refusedCalls;
      await stock(902, 4);
      const run = await hub().runStore(storeId);
      expect(run.outcome === 'ran' && run.runs[0]).toMatchObject({ status: 'succeeded', counts: { written: 1, failed: 0 } });
      expect(fake.refusedCalls).toBe(refused);
      expect(fake.writes.at(-1)!.token).toBe(after.accessToken);
      fake.advance(-67 * 60_000);
    });

    it('a store whose lease is held is skipped by the sweep and renewed by a later one', async () => {
      const storeId = await connectShop('busy');
      await hub().sql(`UPDATE stores SET sync_lease_owner = 'someone-else', sync_lease_until = now() + interval '1 hour' WHERE id = $1`, [
        storeId,
      ]);
      const sweep = hub().app.get(CredentialSweep);
      fake.advance(55 * 60_000);
      const report = await sweep.sweep(Date.now() + 55 * 60_000);
      expect(report.busy).toContain(storeId);
      expect(report.renewed).not.toContain(storeId);
      await hub().sql(`UPDATE stores SET sync_lease_owner = NULL, sync_lease_until = NULL WHERE id = $1`, [storeId]);
      expect((await sweep.sweep(Date.now() + 55 * 60_000)).renewed).toContain(storeId);
      fake.advance(-55 * 60_000);
    });

    it('a refused renewal → needs_reconnect with the reason, pending work kept; a reconnect through the flow resumes the store with it', async () => {
      const storeId = await storeWithPendingWork('revoked', 903);
      const before = (await api('get', `/v1/stores/${storeId}`)).body;
      fake.revokeRefreshTokens();
      fake.advance(55 * 60_000);
      const report = await hub()
        .app.get(CredentialSweep)
        .sweep(Date.now() + 55 * 60_000);
      fake.advance(-55 * 60_000);
      expect(report.needsReconnect).toContain(storeId);
      const row = (await storeRow(storeId))!;
      expect(row.status).toBe('needs_reconnect');
      expect(row.status_reason).toMatch(/ahead of expiry was refused by OAuth Shop/);
      expect(row.status_reason).toMatch(/invalid_grant/);
      // Work arriving meanwhile waits: nothing is sent while the store needs reconnecting.
      await stock(903, 8);
      const writes = fake.writes.length;
      expect((await hub().runStore(storeId)).outcome).toBe('idle');
      expect(fake.writes.length).toBe(writes);
      const pending = await hub().sql<{ pending: boolean }>(`SELECT pending FROM sync_variants WHERE store_id = $1`, [storeId]);
      expect(pending.map((p) => p.pending)).toEqual([true]);

      // Reconnect: the inputs (shop) come from the stored credentials; same id, settings and variants.
      const started = await api('post', `/v1/stores/${storeId}/reconnect`, {});
      expect(started.status).toBe(201);
      expect(started.body.storeId).toBe(storeId);
      const browser = new Browser();
      browser.stopAt = 'https://merchant.example';
      const last = await browser.open(started.body.connectUrl);
      expect(new URL(last.location!).searchParams.get('storeId')).toBe(storeId);
      const after = (await api('get', `/v1/stores/${storeId}`)).body;
      expect(after).toMatchObject({
        id: storeId,
        status: 'active',
        statusReason: null,
        name: before.name,
        sellingRegion: before.sellingRegion,
        driftPolicy: before.driftPolicy,
        createdAt: before.createdAt,
      });
      const run = await hub().runStore(storeId);
      expect(run.outcome === 'ran' && run.runs[0]).toMatchObject({ status: 'succeeded', counts: { written: 1 } });
      expect(fake.writes.length).toBe(writes + 1);
    });

    it('a reconnect approved on another platform store is refused (409) and the store keeps its credentials', async () => {
      const storeId = await connectShop('mine');
      const credentials = await credentialsOf(storeId);
      const started = await api('post', `/v1/stores/${storeId}/reconnect`, { inputs: { shop: 'theirs' } });
      expect(started.status).toBe(201);
      const callback = await approve(started.body.connectUrl);
      const res = await request(callback, { headers: { accept: 'application/json' } });
      expect(new URL(res.location!).searchParams.get('error')).toBe('conflict');
      expect(await credentialsOf(storeId)).toEqual(credentials);
      expect((await api('post', `/v1/stores/00000000-0000-4000-8000-000000000009/reconnect`, {})).status).toBe(404);
    });

    it('connecting a store the hub already has (same platform id) reconnects it instead of making a duplicate', async () => {
      const first = await connectShop('twice');
      const second = await connectShop('twice');
      expect(second).toBe(first);
      const rows = await hub().sql(`SELECT id FROM stores WHERE platform = 'oauth-shop' AND external_store_id = 'twice'`);
      expect(rows).toHaveLength(1);
    });

    it('no secret in clear in any text column of the database (client secret, codes, tokens, states)', async () => {
      const columns = await hub().sql<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
      );
      expect(columns.map((c) => `${c.table_name}.${c.column_name}`)).toEqual(
        expect.arrayContaining(['oauth_connect_requests.state_hash', 'stores.status_reason']),
      );
      const texts: string[] = [];
      for (const c of columns) {
        const rows = await hub().sql<{ v: string | null }>(`SELECT "${c.column_name}"::text AS v FROM "${c.table_name}"`);
        texts.push(...rows.map((r) => r.v ?? ''));
      }
      const secrets = [FAKE_APP.clientSecret, ...fake.issued.codes, ...fake.issued.accessTokens, ...fake.issued.refreshTokens, ...states];
      expect(secrets.length).toBeGreaterThan(10);
      expect(secrets.filter((s) => texts.some((t) => t.includes(s)))).toEqual([]);
    });
  });
}

describe('no secret in any answer, log line or text column', () => {
  // Runs after the suites above (jest runs a file's top-level describes in order).
  it('the client secret, every code, access and refresh token (and, outside connect URLs, every state) are nowhere in clear', async () => {
    const tokens = [FAKE_APP.clientSecret, ...fake.issued.codes, ...fake.issued.accessTokens, ...fake.issued.refreshTokens];
    expect(fake.issued.accessTokens.length).toBeGreaterThan(3);
    // The hub's answers (the platform's own are not the hub's). A connect URL carries its state to the
    // merchant's browser by design, so states are looked for in the logs only.
    const answers = seenAnswers.filter((a) => !a.url.startsWith(fake.baseUrl)).map((a) => a.text);
    expect(answers.length).toBeGreaterThan(20);
    expect(tokens.filter((s) => answers.some((b) => b.includes(s)))).toEqual([]);
    expect([...tokens, ...states].filter((s) => logged.some((l) => l.includes(s)))).toEqual([]);
    expect(logged.join('').length).toBeGreaterThan(1000); // the hub did log (verbose)
  });
});

export {};
