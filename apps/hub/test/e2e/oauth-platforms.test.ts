/**
 * Install flows end to end, table-driven over every built plugin that declares `oauth` and whose simulator
 * mounts the testkit's OAuth kit (`oauthApp`), on PGlite and PostgreSQL: the real hub, the real plugin, the
 * platform's simulator as the sandbox app (HUB_OAUTH_<PLATFORM>_* from the simulator's oauthApp, the origin
 * overridden to the simulator). Per platform:
 *   - connect through the flow with plain HTTP (connectUrl → [hub hop] → simulator consent → hub callback →
 *     success page), then the store syncs;
 *   - forged and replayed callbacks (wrong state, reused state, bad signature where the platform signs,
 *     expired state, denied consent) are refused and write nothing;
 *   - where tokens expire and the plugin can refresh: renewed ahead of expiry with the simulator's clock moved
 *     (no failed write), a refused renewal → needs_reconnect with the reason and the pending work kept, and a
 *     reconnect through the flow resumes the store with that work.
 * The secrets grep at the end looks for the app secrets and every code and token the simulators minted.
 */
import { denyConsent, oauthSimView, revokeIssuedGrants, startSimulator, type RunningSimulator } from '@stock-sync/plugin-testkit';
import { platformEnvKey } from '../../src/config/oauth-config';
import { CredentialSweep } from '../../src/credentials/credential-sweep.service';
import { refreshAheadSeconds } from '../../src/credentials/refresh-window';
import { CredentialCipher } from '../../src/crypto/credential-cipher';
import { Browser, request, seenAnswers } from '../oauth/support/browser';
import { oauthPlatforms, type OAuthPlatformRow } from '../oauth/support/oauth-platforms';
import { testDatabases } from '../support/test-databases';
import { linkVariants, postStock, putCatalog, Q, qty } from './support/e2e-scenario';
import { callbackUrl as flowCallbackUrl, connectThroughFlow, startConnect as startFlow } from './support/install-flow';
import { startSyncHub, type SyncTestHub } from './support/sync-hub';

jest.setTimeout(120_000);

const SUCCESS = 'https://merchant.example/connected';
const FAILURE = 'https://merchant.example/not-connected';

const table = oauthPlatforms();
// Plugins gain install flows during the work on issue 9: say which rows exist, and fail in CI on a plugin
// whose `oauth` cannot be exercised because its simulator has no flow.
console.log(
  `install-flow e2e rows: ${table.rows.map((r) => r.id).join(', ') || 'none'}` +
    (table.withoutSimulatorFlow.length ? `; oauth without simulator flow: ${table.withoutSimulatorFlow.join(', ')}` : '') +
    (table.notBuilt.length ? `; not built: ${table.notBuilt.join(', ')}` : ''),
);
if (process.env.CI === 'true' && (table.notBuilt.length || table.withoutSimulatorFlow.length)) {
  throw new Error(
    `install-flow e2e: not built ${table.notBuilt.join(', ') || '-'}; oauth without a simulator flow ${table.withoutSimulatorFlow.join(', ') || '-'}`,
  );
}
if (table.rows.length === 0)
  throw new Error('install-flow e2e: no built plugin has an install flow with a simulator (build the plugins: pnpm turbo run build)');

interface Row extends OAuthPlatformRow {
  sim: RunningSimulator<unknown>;
  /** The simulator clock's offset from the wall clock (ms). */
  offset: { ms: number };
}

const rows: Row[] = [];
/** Every code and token a simulator minted (read from the kit's records as the tests go). */
const minted = new Set<string>();
const recordMinted = () => {
  for (const r of rows) {
    const view = oauthSimView(r.sim);
    for (const k of [...view.codes.keys(), ...view.accessTokens.keys(), ...view.refreshTokens.keys()]) minted.add(k);
  }
};

const env: Record<string, string> = { HUB_CONNECT_SUCCESS_URL: SUCCESS, HUB_CONNECT_FAILURE_URL: FAILURE };

beforeAll(async () => {
  for (const row of table.rows) {
    const offset = { ms: 0 };
    const sim = await startSimulator(row.simulator, { port: 0, host: '127.0.0.1', now: () => Date.now() + offset.ms });
    rows.push({ ...row, sim, offset });
    const key = platformEnvKey(row.id);
    env[`HUB_OAUTH_${key}_CLIENT_ID`] = row.simulator.oauthApp.clientId;
    env[`HUB_OAUTH_${key}_CLIENT_SECRET`] = row.simulator.oauthApp.clientSecret;
    env[`HUB_OAUTH_${key}_BASE_URL`] = sim.baseUrl;
  }
}, 60_000);
afterAll(async () => {
  await Promise.all(rows.map((r) => r.sim.close()));
});

let base = 70_000;
for (const kind of testDatabases()) {
  describe(`install flows against the platforms' simulators [${kind}]`, () => {
    let started: Awaited<ReturnType<typeof startSyncHub>> | undefined;
    const hub = (): SyncTestHub => started!.hub;
    beforeAll(async () => {
      started = await startSyncHub(kind, { env });
    }, 120_000);
    afterAll(async () => {
      recordMinted();
      await started?.stop();
    }, 60_000);

    const rowOf = (id: string) => rows.find((r) => r.id === id)!;
    const startConnect = (row: Row, storeId?: string) => startFlow(hub(), row, { storeId });
    /** The browser goes through the flow up to the platform's redirect back to the hub (not followed). */
    async function callbackUrl(row: Row, connectUrl: string): Promise<{ url: string; browser: Browser }>;
    async function callbackUrl(row: Row, connectUrl: string, opts: { denied: true }): Promise<{ url: string; browser: Browser } | null>;
    async function callbackUrl(row: Row, connectUrl: string, opts?: { denied: true }): Promise<{ url: string; browser: Browser } | null> {
      return flowCallbackUrl(hub().url, row, connectUrl, opts);
    }
    const connect = (row: Row, storeId?: string): Promise<string> =>
      connectThroughFlow(hub(), hub().url, row, { storeId, successUrl: SUCCESS });

    const storeCount = async () => Number((await hub().sql<{ n: string | number }>(`SELECT count(*) AS n FROM stores`))[0]!.n);
    const credentialsOf = async (id: string) => {
      const [row] = await hub().sql<{ credentials: Buffer }>(`SELECT credentials FROM stores WHERE id = $1`, [id]);
      return hub().app.get(CredentialCipher).decrypt(row!.credentials, id);
    };

    async function withVariant(row: Row, storeId: string) {
      const b = (base += 100);
      const product = String(b + 1);
      const variant = String(b + 2);
      row.sim.seed([{ productId: product, variants: [{ variantId: variant, initial: Q(1) }] }]);
      await putCatalog(hub(), [{ id: b, productId: b, fulfillment: 'warehouse' }]);
      await linkVariants(hub(), storeId, [{ productId: product, variantId: variant, catalogVariantId: b }]);
      return { catalogId: b, ref: { externalProductId: product, externalVariantId: variant } };
    }

    describe.each(table.rows.map((r) => [r.id]))('%s', (id) => {
      it('connects through the install flow, and the store syncs', async () => {
        const row = rowOf(id);
        const storeId = await connect(row);
        const store = (await hub().get(`/v1/stores/${storeId}`).expect(200)).body;
        expect(store).toMatchObject({ platform: id, status: 'active', statusReason: null, sellingRegion: 'north_america' });
        const [dbRow] = await hub().sql<{ external_store_id: string | null }>(`SELECT external_store_id FROM stores WHERE id = $1`, [
          storeId,
        ]);
        expect(dbRow!.external_store_id).toEqual(expect.any(String));
        const { catalogId, ref } = await withVariant(row, storeId);
        await postStock(hub(), [qty(catalogId, 'US-NC', 6)]);
        const run = await hub().runStore(storeId);
        expect(run.outcome === 'ran' && run.runs[0]).toMatchObject({ status: 'succeeded', counts: { written: 1, failed: 0 } });
        expect(row.sim.stock(ref)).toEqual(Q(6));
        recordMinted();
      });

      it('forged, replayed, expired and denied callbacks are refused and write nothing', async () => {
        const row = rowOf(id);
        // Replayed: the same callback twice.
        const first = await startConnect(row);
        // The merchant's own browser (it holds the hub's state cookie where the callback cannot carry the state).
        const { url: used, browser: firstBrowser } = await callbackUrl(row, first.connectUrl);
        const done = await firstBrowser.get(used);
        const connectedId = new URL(done.location!).searchParams.get('storeId')!;
        expect([done.status, connectedId]).toEqual([303, expect.any(String)]);
        const stores = await storeCount();
        const credentials = await credentialsOf(connectedId);
        const replay = await firstBrowser.get(used);
        const replayed = new URL(replay.location ?? 'x:/').searchParams;
        // A callback carrying a code (Weebly names it authorization_code) is spent once; WooCommerce's carries none.
        if (['code', 'authorization_code'].some((k) => new URL(used).searchParams.has(k))) {
          expect([replay.status, replayed.get('error')]).toEqual([303, 'invalid_state']);
        } else {
          // The browser's return of a flow completed server to server (WooCommerce): its outcome again, nothing written.
          expect([replay.status, replayed.get('storeId')]).toEqual([303, connectedId]);
        }
        expect(await credentialsOf(connectedId)).toEqual(credentials);

        // Wrong state / bad signature / expired, on a fresh approved callback.
        const second = await startConnect(row);
        const { url: fresh, browser: secondBrowser } = await callbackUrl(row, second.connectUrl);
        const freshUrl = new URL(fresh);
        if (row.plugin.oauth!.stateInCallback !== false && freshUrl.searchParams.has('state')) {
          const wrong = new URL(fresh);
          wrong.searchParams.set('state', 'B'.repeat(43));
          const res = await request(wrong.toString(), { headers: { accept: 'application/json' } });
          // A platform that signs its callback refuses the altered query (401); otherwise the state does (400 → failure page).
          expect([401, 303]).toContain(res.status);
        }
        if (row.plugin.oauth!.verifyCallback) {
          const tampered = new URL(fresh);
          const param =
            [...tampered.searchParams.keys()].find((k) => !['state', 'code'].includes(k) && !/hmac|signature|sig/i.test(k)) ?? 'code';
          tampered.searchParams.set(param, `${tampered.searchParams.get(param) ?? ''}x`);
          const forged = await request(tampered.toString(), { headers: { accept: 'application/json' } });
          expect([id, forged.status]).toEqual([id, 401]);
        }
        await hub().sql(`UPDATE oauth_connect_requests SET expires_at = now() - interval '1 second' WHERE id = $1`, [second.connectId]);
        const late = await secondBrowser.get(fresh);
        expect([late.status, new URL(late.location ?? 'x:/').searchParams.get('error')]).toEqual([303, 'invalid_state']);

        // Denied on the consent screen.
        denyConsent(row.sim);
        try {
          const third = await startConnect(row);
          const flow = await callbackUrl(row, third.connectUrl, { denied: true });
          // A platform that ends a declined install on its own page (BigCommerce) never calls the hub back.
          if (flow) {
            const res = await flow.browser.get(flow.url);
            expect([res.status, new URL(res.location ?? 'x:/').searchParams.get('error')]).toEqual([303, 'access_denied']);
          }
        } finally {
          denyConsent(row.sim, false);
        }
        expect(await storeCount()).toBe(stores);
        recordMinted();
      });

      it('expiring tokens: renewed ahead of expiry (no failed write); a refused renewal → needs_reconnect, work kept; a reconnect resumes it', async () => {
        const row = rowOf(id);
        const lifetime = row.plugin.oauth!.tokenLifetime?.accessTokenSeconds;
        if (!lifetime || typeof row.plugin.refreshCredentials !== 'function') {
          // Long-lived tokens: nothing to renew. Say so (this row's other tests ran).
          console.log(`${id}: long-lived tokens (no tokenLifetime.accessTokenSeconds or no refreshCredentials): renewal not applicable`);
          return;
        }
        const storeId = await connect(row);
        const { catalogId, ref } = await withVariant(row, storeId);
        const before = await credentialsOf(storeId);
        expect(before.accessTokenExpiresAt).toEqual(expect.any(String));
        const window = refreshAheadSeconds(row.plugin);
        const sweep = hub().app.get(CredentialSweep);
        // Move the simulator's clock (and the sweep's) to half a window before the token's expiry.
        const shift = Date.parse(before.accessTokenExpiresAt!) - Date.now() - (window * 1000) / 2;
        row.offset.ms += shift;
        {
          const report = await sweep.sweep(Date.now() + shift);
          expect(report.renewed).toContain(storeId);
          const after = await credentialsOf(storeId);
          // A new token (whatever the plugin names its field) with a later expiry.
          const changed = Object.keys(after).filter((k) => k !== 'accessTokenExpiresAt' && after[k] !== before[k]);
          expect([id, changed.length > 0]).toEqual([id, true]);
          expect(Date.parse(after.accessTokenExpiresAt!)).toBeGreaterThan(Date.parse(before.accessTokenExpiresAt!));
          // Past the old token's expiry (simulator clock): the write goes through first time.
          row.offset.ms += window * 1000;
          row.sim.resetRequests();
          await postStock(hub(), [qty(catalogId, 'US-NC', 9)]);
          const run = await hub().runStore(storeId);
          expect(run.outcome === 'ran' && run.runs[0]).toMatchObject({ status: 'succeeded', counts: { written: 1, failed: 0 } });
          expect(row.sim.requests.filter((r) => r.status === 401)).toEqual([]);
          expect(row.sim.stock(ref)).toEqual(Q(9));
          recordMinted();

          // The merchant revokes the app: the next renewal is refused.
          revokeIssuedGrants(row.sim);
          const refused = await sweep.sweep(Date.parse((await credentialsOf(storeId)).accessTokenExpiresAt!));
          expect(refused.needsReconnect).toContain(storeId);
          const status = (await hub().get(`/v1/stores/${storeId}`).expect(200)).body;
          expect(status.status).toBe('needs_reconnect');
          expect(status.statusReason).toMatch(/ahead of expiry was refused/);
          await postStock(hub(), [qty(catalogId, 'US-NC', 11)]);
          expect((await hub().runStore(storeId)).outcome).toBe('idle');
          expect(row.sim.stock(ref)).toEqual(Q(9));

          // Reconnect through the flow: same store, the waiting work goes out.
          expect(await connect(row, storeId)).toBe(storeId);
          const resumed = await hub().runStore(storeId);
          expect(resumed.outcome === 'ran' && resumed.runs[0]).toMatchObject({ status: 'succeeded', counts: { written: 1 } });
          expect(row.sim.stock(ref)).toEqual(Q(11));
          recordMinted();
        }
        // The simulator's clock only ever moves forward (back would starve its rate budget); later tests are relative to it.
      });
    });

    it('no app secret, code or token in any text column', async () => {
      recordMinted();
      const secrets = [...rows.map((r) => r.simulator.oauthApp.clientSecret), ...minted].filter((s) => s.length >= 8);
      const columns = await hub().sql<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json')`,
      );
      const texts: string[] = [];
      for (const c of columns)
        texts.push(
          ...(await hub().sql<{ v: string | null }>(`SELECT "${c.column_name}"::text AS v FROM "${c.table_name}"`)).map((r) => r.v ?? ''),
        );
      expect(secrets.filter((s) => texts.some((t) => t.includes(s)))).toEqual([]);
    });
  });
}

describe('no app secret, code or token in any hub answer', () => {
  it('greps every answer the hub gave', () => {
    recordMinted();
    const secrets = [...rows.map((r) => r.simulator.oauthApp.clientSecret), ...minted].filter((s) => s.length >= 8);
    expect(secrets.length).toBeGreaterThan(0);
    const answers = seenAnswers.filter((a) => !rows.some((r) => a.url.startsWith(r.sim.baseUrl))).map((a) => a.text);
    expect(secrets.filter((s) => answers.some((a) => a.includes(s)))).toEqual([]);
  });
});
