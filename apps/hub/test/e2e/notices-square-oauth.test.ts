/**
 * Square platform notices for a seller connected through OAuth (issue 13, plugin API 1.5), end to end on every test
 * database: the real hub with its scheduler and queue, the real Square plugin over HTTP, its simulator as Square.
 * Square's Webhook Subscriptions API takes no seller's OAuth token, so such a seller's notifications come through
 * the APP's own subscription (set once in the Developer Console): the simulated app delivers them to
 * `HUB_PUBLIC_URL/hooks/square`, signed with that subscription's key over URL + body, which the hub is given as
 * HUB_OAUTH_SQUARE_NOTICE_KEY; the plugin names the store by `merchant_id` (what the install flow recorded).
 * HUB_PUBLIC_URL is a recording proxy in front of the hub, so the test sees the exact deliveries.
 *  - reassert: a merchant's manual edit is written back within 5 s;
 *  - a replayed, forged (body changed under its signature), unsigned, or client-secret-signed delivery to
 *    /hooks/square gets 401 and changes nothing.
 */
import { createHmac } from 'node:crypto';
import { startSimulator, type RunningSimulator } from '@stock-sync/plugin-testkit';
import { oauthPlatforms, type OAuthPlatformRow } from '../oauth/support/oauth-platforms';
import { testDatabases } from '../support/test-databases';
import { getChanges, linkVariants, OUT, postStock, putCatalog, Q, qty } from './support/e2e-scenario';
import { connectThroughFlow } from './support/install-flow';
import { startRecordingProxy, type RecordingProxy } from './support/recording-proxy';
import { startSyncHub, waitFor, type SyncTestHub } from './support/sync-hub';

jest.setTimeout(120_000);

const SUCCESS = 'https://merchant.example/connected';
const row = oauthPlatforms().rows.find((r) => r.id === 'square');
const describeSquare = row ? describe : describe.skip;
if (!row) console.log('notices-square-oauth: the square plugin is not built (build the plugins): skipped');

interface RunDto {
  id: string;
  trigger: string;
  status: string;
  counts: { planned: number; written: number; unchanged: number; failed: number; drift: number };
}

/** Headers a delivery keeps when its signature is taken away (what every HTTP client sends). */
const UNSIGNED_HEADERS = new Set(['content-type', 'user-agent', 'accept']);
const SIGNATURE = 'x-square-hmacsha256-signature';

for (const kind of testDatabases()) {
  describeSquare(`Square notices for an OAuth-connected seller, through the app's subscription [${kind}]`, () => {
    const square = row as OAuthPlatformRow;
    let proxy: RecordingProxy;
    let sim: RunningSimulator<unknown>;
    let started: Awaited<ReturnType<typeof startSyncHub>> | undefined;
    const hub = (): SyncTestHub => started!.hub;
    const noticeKey = (square.simulator.oauthApp as { noticeKey?: string }).noticeKey;
    let storeId = '';
    const catalogId = 95_100;
    const W = { externalProductId: String(catalogId + 1), externalVariantId: String(catalogId + 2) };

    beforeAll(async () => {
      if (!noticeKey) throw new Error("the Square simulator declares no oauthApp.noticeKey (the app subscription's key)");
      proxy = await startRecordingProxy();
      sim = await startSimulator(square.simulator, { port: 0, host: '127.0.0.1' });
      const env: Record<string, string> = {
        HUB_CONNECT_SUCCESS_URL: SUCCESS,
        HUB_CONNECT_FAILURE_URL: 'https://merchant.example/not-connected',
        HUB_NOTICES_SUBSCRIBE: 'on',
        HUB_PUBLIC_URL: proxy.origin,
        HUB_OAUTH_SQUARE_CLIENT_ID: square.simulator.oauthApp.clientId,
        HUB_OAUTH_SQUARE_CLIENT_SECRET: square.simulator.oauthApp.clientSecret,
        HUB_OAUTH_SQUARE_BASE_URL: sim.baseUrl,
        HUB_OAUTH_SQUARE_NOTICE_KEY: noticeKey,
      };
      // The developer adds the app's subscription once: notification URL <HUB_PUBLIC_URL>/hooks/square.
      sim.setAppNoticeUrl(`${proxy.origin}/hooks/square`);
      started = await startSyncHub(kind, { scheduler: true, env });
      proxy.target.url = started.hub.url;
    }, 120_000);
    afterAll(async () => {
      await sim?.close();
      await started?.stop();
      await proxy?.close();
    }, 60_000);

    const runs = async (): Promise<RunDto[]> => (await hub().get(`/v1/stores/${storeId}/sync-runs?limit=100`).expect(200)).body;
    const noticeRuns = async () => (await runs()).filter((r) => r.trigger === 'notice');
    const count = async (sql: string, params: unknown[]) => Number((await hub().sql<{ n: string | number }>(sql, params))[0]!.n);
    const marked = () =>
      count(`SELECT count(*) AS n FROM sync_variants WHERE store_id = $1 AND readback_requested_at IS NOT NULL`, [storeId]);
    const settled = async () => (await marked()) === 0 && (await runs()).every((r) => r.status !== 'queued' && r.status !== 'running');
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const appDeliveries = () => proxy.deliveries.filter((d) => d.path.split('?')[0] === '/hooks/square');

    it('connects through the install flow (the store records the merchant_id) and syncs', async () => {
      storeId = await connectThroughFlow(hub(), proxy.origin, { ...square, sim }, { successUrl: SUCCESS });
      const [store] = await hub().sql<{ external_store_id: string; notice_secret: unknown }>(
        `SELECT external_store_id, notice_secret FROM stores WHERE id = $1`,
        [storeId],
      );
      expect(store!.external_store_id).toBe((sim.state as { merchantId: string }).merchantId);
      expect(store!.notice_secret).toBeNull(); // no store subscription: an OAuth token cannot make one
      sim.seed([{ productId: W.externalProductId, variants: [{ variantId: W.externalVariantId, initial: Q(1) }] }]);
      await putCatalog(hub(), [{ id: catalogId, productId: catalogId, fulfillment: 'warehouse' }]);
      await linkVariants(hub(), storeId, [{ productId: W.externalProductId, variantId: W.externalVariantId, catalogVariantId: catalogId }]);
      await postStock(hub(), [qty(catalogId, 'US-NC', 5)]);
      await waitFor('the store written', () => same(sim.stock(W), Q(5)));
      await waitFor('settled', settled);
    });

    it("reassert: a manual edit reaches /hooks/square through the app's subscription and is written back within 5 s", async () => {
      const before = (await noticeRuns()).length;
      const t0 = Date.now();
      sim.manualEdit(W, OUT);
      expect(sim.stock(W)).not.toEqual(Q(5));
      await waitFor('the edit reasserted', () => same(sim.stock(W), Q(5)), 5_000, 25);
      expect(Date.now() - t0).toBeLessThan(5_000);
      await waitFor('settled', settled);
      expect(appDeliveries().some((d) => d.status === 202)).toBe(true);
      expect(proxy.deliveries.filter((d) => d.path.startsWith(`/hooks/square/`))).toEqual([]); // no store URL involved
      const all = await noticeRuns();
      const added = all.slice(0, all.length - before);
      const drifted = added.find((r) => r.counts.drift === 1);
      expect(drifted).toMatchObject({ status: 'succeeded', counts: { drift: 1, written: 1 } });
      expect((await getChanges(hub(), drifted!.id)).map((c) => [c.outcome, c.from, c.to])).toEqual([
        ['drift', Q(5), expect.anything()],
        ['written', expect.anything(), Q(5)],
      ]);
      // The hub's own write is notified too (BatchChangeInventory): read back, no drift, nothing written.
      for (const r of added.filter((x) => x !== drifted))
        expect(r).toMatchObject({ status: 'succeeded', counts: { drift: 0, written: 0 } });
    });

    it('a replayed, forged, unsigned or client-secret-signed delivery to /hooks/square gets 401 and changes nothing', async () => {
      // The notification of the hub's own write back may still be in flight: let it land and be read back first.
      await (sim.state as { outbox: { settle(): Promise<void> } }).outbox.settle();
      await waitFor('settled', settled);
      const d = appDeliveries()
        .filter((x) => x.status === 202)
        .at(-1)!;
      const recorded = () => count(`SELECT count(*) AS n FROM platform_notices WHERE store_id = $1`, [storeId]);
      const before = { notices: await recorded(), runs: (await runs()).length };
      const send = async (headers: Record<string, string>, body: Buffer) => {
        const res = await fetch(`${hub().url}/hooks/square`, { method: 'POST', headers, body: new Uint8Array(body) });
        return [res.status, ((await res.json()) as { error?: string }).error];
      };
      const signed = Object.fromEntries(Object.entries(d.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)));
      const unsigned = Object.fromEntries(Object.entries(signed).filter(([k]) => UNSIGNED_HEADERS.has(k)));
      const forgedBody = Buffer.from(JSON.stringify({ ...(JSON.parse(d.body.toString('utf8')) as object), forged: true }));
      // Signed as documented but with the app's OAuth client secret: not the key Square signs the app's notices with.
      const withClientSecret = {
        ...signed,
        [SIGNATURE]: createHmac('sha256', square.simulator.oauthApp.clientSecret)
          .update(`${proxy.origin}/hooks/square`)
          .update(forgedBody)
          .digest('base64'),
      };

      expect(await send(signed, d.body)).toEqual([401, 'replayed']);
      expect(await send(signed, forgedBody)).toEqual([401, 'invalid_signature']);
      expect(await send(unsigned, forgedBody)).toEqual([401, 'invalid_signature']);
      expect(await send(withClientSecret, forgedBody)).toEqual([401, 'invalid_signature']);
      expect(await recorded()).toBe(before.notices);
      expect(await marked()).toBe(0);
      expect((await runs()).length).toBe(before.runs);
      expect(sim.stock(W)).toEqual(Q(5));
    });
  });
}
