/**
 * Expiring OAuth credentials, end to end: the real hub (worker path, under the store's lease) with the real
 * Etsy plugin against its simulator, on PGlite and PostgreSQL. An expired access token is renewed through
 * the plugin's refreshCredentials ONCE, the renewed set is stored encrypted, and the write goes through;
 * a refused refresh makes the store needs_reconnect with a reason that says so.
 */
import type { RunningSimulator } from '@stock-sync/plugin-testkit';
import { CredentialCipher } from '../../src/crypto/credential-cipher';
import { testDatabases } from '../support/test-databases';
import { builtPlatforms, ref, startPlatform } from './support/platforms';
import { startSyncHub, type SyncTestHub } from './support/sync-hub';
import { createPlatformStore, getRun, linkVariants, postStock, putCatalog, Q, qty, storeStatus } from './support/e2e-scenario';

jest.setTimeout(120_000);

const TOKEN_PATH = 'POST /v3/public/oauth/token';

/** The Etsy simulator's OAuth state (plugins/etsy/src/simulator/sim-oauth.ts), as much of it as the test drives. */
interface EtsyOAuthState {
  accessTokens: Map<string, number | null>;
  refreshTokens: Set<string>;
  refreshes: number;
}
const oauthOf = (sim: RunningSimulator<unknown>) => (sim.state as { oauth: EtsyOAuthState }).oauth;
function expireAccessTokens(sim: RunningSimulator<unknown>) {
  const tokens = oauthOf(sim).accessTokens;
  for (const t of tokens.keys()) tokens.set(t, 0);
}
const calls = (sim: RunningSimulator<unknown>) => sim.requests.map((r) => `${r.method} ${r.path}`);

const etsyBuilt = builtPlatforms().includes('etsy');
// turbo builds the plugins before the hub's tests: in CI a missing build is a failure, never a silent skip.
if (!etsyBuilt && process.env.CI === 'true') throw new Error('credential-refresh cannot run: plugins/etsy/dist is not built');
if (!etsyBuilt) console.warn('credential-refresh: skipped (plugins/etsy is not built: pnpm turbo run build)');
const describeIfEtsy = etsyBuilt ? describe : describe.skip;

for (const kind of testDatabases()) {
  describeIfEtsy(`credential refresh on expiring tokens (etsy) [${kind}]`, () => {
    let started: Awaited<ReturnType<typeof startSyncHub>> | undefined;
    const hub = (): SyncTestHub => started!.hub;
    const sims: RunningSimulator<unknown>[] = [];
    beforeAll(async () => {
      started = await startSyncHub(kind, { env: { HUB_E2E_PLATFORMS: 'etsy' } });
    }, 120_000);
    afterAll(async () => {
      await Promise.all(sims.map((s) => s.close()));
      await started?.stop();
    }, 60_000);

    /** A fresh Etsy shop with one listing/product linked to a warehouse catalog variant, as a north_america store. */
    async function shopWithOneVariant(base: number) {
      const sim = await startPlatform('etsy');
      sims.push(sim);
      const listing = base + 100;
      const product = base + 11;
      sim.seed([{ productId: String(listing), variants: [{ variantId: String(product), initial: Q(1) }] }]);
      await putCatalog(hub(), [{ id: base + 1, productId: base + 1, fulfillment: 'warehouse' }]);
      const storeId = await createPlatformStore(hub(), sim, { sellingRegion: 'north_america' });
      await linkVariants(hub(), storeId, [{ productId: String(listing), variantId: String(product), catalogVariantId: base + 1 }]);
      return { sim, storeId, catalogId: base + 1, variant: ref(listing, product) };
    }

    async function storedCredentials(storeId: string) {
      const [row] = await hub().sql<{ credentials: Buffer; credential_names: string[] }>(
        `SELECT credentials, credential_names FROM stores WHERE id = $1`,
        [storeId],
      );
      return {
        values: hub().app.get(CredentialCipher).decrypt(row!.credentials, storeId),
        names: row!.credential_names,
        raw: Buffer.from(row!.credentials),
      };
    }

    it('an expired access token is renewed once, stored encrypted, and the write goes through', async () => {
      const { sim, storeId, catalogId, variant } = await shopWithOneVariant(51_000);
      // Let the hub run once on the seeded token, so the state to renew is exactly what it stored.
      await postStock(hub(), [qty(catalogId, 'US-NC', 5)]);
      const [first] = await hub()
        .runStore(storeId)
        .then((r) => (r.outcome === 'ran' ? r.runs : []));
      expect(first).toMatchObject({ status: 'succeeded', counts: { written: 1 } });
      const before = await storedCredentials(storeId);

      expireAccessTokens(sim);
      sim.resetRequests();
      await postStock(hub(), [qty(catalogId, 'US-NC', 7)]);
      const result = await hub().runStore(storeId);
      expect(result.outcome).toBe('ran');
      const [run] = result.outcome === 'ran' ? result.runs : [];
      expect(run).toMatchObject({ status: 'succeeded', counts: { written: 1, failed: 0 } });
      expect(sim.stock(variant)).toEqual(Q(7));
      // One refused call, ONE refresh, then the same work again on the new token.
      expect(calls(sim).filter((c) => c === TOKEN_PATH)).toHaveLength(1);
      expect(calls(sim)[0]).not.toBe(TOKEN_PATH);
      expect(sim.requests.find((r) => r.method !== 'POST')!.status).toBe(401);
      expect(oauthOf(sim).refreshes).toBe(1);
      expect(await storeStatus(hub(), storeId)).toMatchObject({ status: 'active', statusReason: null });

      // The renewed set replaced the stored one: new access token, rotated refresh token, everything else kept.
      const after = await storedCredentials(storeId);
      expect(after.values.accessToken).not.toBe(before.values.accessToken);
      expect(after.values.refreshToken).not.toBe(before.values.refreshToken);
      expect(oauthOf(sim).refreshTokens.has(after.values.refreshToken!)).toBe(true);
      for (const k of ['apiKey', 'sharedSecret', 'shopId', 'baseUrl']) expect(after.values[k]).toBe(before.values[k]);
      expect(after.names).toEqual(expect.arrayContaining(['accessToken', 'refreshToken', 'accessTokenExpiresAt']));
      // Encrypted at rest, and never shown by the API.
      expect(after.raw.toString('latin1')).not.toContain(after.values.accessToken!);
      const shown = JSON.stringify((await hub().get(`/v1/stores/${storeId}`).expect(200)).body);
      for (const v of [after.values.accessToken!, after.values.refreshToken!]) expect(shown).not.toContain(v);

      // The next run uses the stored renewed credentials: no further refresh.
      sim.resetRequests();
      await postStock(hub(), [qty(catalogId, 'US-NC', 9)]);
      const next = await hub().runStore(storeId);
      expect(next.outcome === 'ran' && next.runs[0]).toMatchObject({ status: 'succeeded', counts: { written: 1 } });
      expect(calls(sim)).not.toContain(TOKEN_PATH);
      expect(sim.stock(variant)).toEqual(Q(9));
    });

    it('a revoked refresh token: needs_reconnect, the reason says the renewal was refused, the work stays pending', async () => {
      const { sim, storeId, catalogId, variant } = await shopWithOneVariant(52_000);
      expireAccessTokens(sim);
      oauthOf(sim).refreshTokens.clear(); // the user removed the app: every refresh token is refused
      const stored = await storedCredentials(storeId);
      await postStock(hub(), [qty(catalogId, 'US-NC', 4)]);
      const result = await hub().runStore(storeId);
      const [run] = result.outcome === 'ran' ? result.runs : [];
      expect(run).toMatchObject({ status: 'failed' });
      expect((await getRun(hub(), run!.runId)).error).toMatchObject({ code: 'auth' });
      expect(calls(sim).filter((c) => c === TOKEN_PATH)).toHaveLength(1);
      expect(sim.stock(variant)).toEqual(Q(1));

      const status = await storeStatus(hub(), storeId);
      expect(status.status).toBe('needs_reconnect');
      expect(status.statusReason).toMatch(/renewing the credentials was refused/);
      expect(status.statusReason).toMatch(/invalid_grant/);
      for (const v of Object.values(stored.values).filter((v) => v.length > 12)) expect(status.statusReason).not.toContain(v);
      // The stored credentials are untouched (nothing renewed), and the change waits for a reconnect.
      expect((await storedCredentials(storeId)).values).toEqual(stored.values);
      const pending = await hub().sql<{ pending: boolean }>(`SELECT pending FROM sync_variants WHERE store_id = $1`, [storeId]);
      expect(pending.map((p) => p.pending)).toEqual([true]);
      // No further call (and no refresh attempt) while the store needs reconnecting.
      const requests = sim.requests.length;
      expect(await hub().runStore(storeId)).toEqual({ outcome: 'idle' });
      expect(sim.requests.length).toBe(requests);
    });
  });
}
