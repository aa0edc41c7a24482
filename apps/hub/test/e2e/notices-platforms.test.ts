/**
 * Platform notices end to end for EVERY platform whose plugin declares `notices` (issue 13), table-driven, on
 * every test database: the real hub with its scheduler and queue, the real plugin over HTTP, its simulator as the
 * platform. A store the hub subscribes is posted with the simulator's credentials (subscribed on creation); where
 * the notice URL lives in the app's settings, the store connects through its install flow and the simulated app
 * delivers to `HUB_PUBLIC_URL/hooks/<platform>`; the simulator signs its
 * notices as the platform documents (with the hub's per-store secret, the key it answered at subscription, or the
 * app's secret). HUB_PUBLIC_URL is a recording proxy in front of the hub, so the test sees the exact deliveries.
 * Per platform:
 *  - reassert: a merchant's manual edit is written back within 5 s;
 *  - the hub's own writes: where the platform notifies them too and the notice says what the variant shows
 *    (plugin API 1.6 `shown`: WooCommerce, Webflow), the echo is recorded with no notice run and no platform read;
 *    elsewhere their read-back writes nothing;
 *  - report: the drift is recorded within 5 s and nothing is written;
 *  - a replayed delivery, a forged one (the body changed under its signature) and an unsigned one get 401 and
 *    change nothing — except a replay where the platform sends identical bytes for distinct events
 *    (`repeatsBodies`, Nuvemshop): accepted like a new event, a read-back that writes nothing.
 * HUB_E2E_NOTICES=<id,…> narrows the table (as HUB_E2E_PLATFORMS narrows the install flows).
 */
import { startSimulator, type RunningSimulator } from '@stock-sync/plugin-testkit';
import { platformEnvKey } from '../../src/config/oauth-config';
import { oauthPlatforms, type OAuthPlatformRow } from '../oauth/support/oauth-platforms';
import { testDatabases } from '../support/test-databases';
import { createPlatformStore, getChanges, linkVariants, OUT, postStock, putCatalog, Q, qty } from './support/e2e-scenario';
import { connectThroughFlow } from './support/install-flow';
import { startRecordingProxy, type RecordedDelivery, type RecordingProxy } from './support/recording-proxy';
import { startSyncHub, waitFor, type SyncTestHub } from './support/sync-hub';

jest.setTimeout(120_000);

const SUCCESS = 'https://merchant.example/connected';
const wanted = process.env.HUB_E2E_NOTICES?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const table = oauthPlatforms();
const rows = table.rows.filter((r) => r.plugin.notices && (!wanted || wanted.includes(r.id)));
console.log(`notices e2e rows: ${rows.map((r) => r.id).join(', ') || 'none'}`);
if (rows.length === 0 && !wanted) throw new Error('notices e2e: no built plugin with notices and an install flow (build the plugins)');

interface RunDto {
  id: string;
  trigger: string;
  status: string;
  counts: { planned: number; written: number; unchanged: number; failed: number; drift: number };
}

/** A changed copy of a delivery's body: one more JSON field, or (a non-JSON body, e.g. a JWT) a byte changed inside. */
function tampered(body: Buffer): Buffer {
  const text = body.toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return Buffer.from(JSON.stringify({ ...parsed, forged: true }));
  } catch {
    // not JSON: change a byte in the middle
  }
  const mid = Math.floor(text.length / 2);
  return Buffer.from(`${text.slice(0, mid)}${text[mid] === 'A' ? 'B' : 'A'}${text.slice(mid + 1)}`);
}

/** Platforms whose notice refs say what the variant shows (`shown`): the hub's own write's echo costs nothing. */
const SHOWS_STOCK = new Set(['woocommerce', 'webflow']);

/** Headers a delivery keeps when its signature is taken away (what every HTTP client sends). */
const UNSIGNED_HEADERS = new Set(['content-type', 'user-agent', 'accept']);

let base = 93_000;
for (const kind of testDatabases()) {
  describe(`platform notices through each platform's simulator [${kind}]`, () => {
    let proxy: RecordingProxy;
    let started: Awaited<ReturnType<typeof startSyncHub>> | undefined;
    const sims = new Map<string, RunningSimulator<unknown>>();
    const hub = (): SyncTestHub => started!.hub;

    beforeAll(async () => {
      proxy = await startRecordingProxy();
      const env: Record<string, string> = {
        HUB_CONNECT_SUCCESS_URL: SUCCESS,
        HUB_CONNECT_FAILURE_URL: 'https://merchant.example/not-connected',
        HUB_NOTICES_SUBSCRIBE: 'on',
        HUB_PUBLIC_URL: proxy.origin,
      };
      for (const row of rows) {
        const sim = await startSimulator(row.simulator, { port: 0, host: '127.0.0.1' });
        sims.set(row.id, sim);
        const key = platformEnvKey(row.id);
        env[`HUB_OAUTH_${key}_CLIENT_ID`] = row.simulator.oauthApp.clientId;
        env[`HUB_OAUTH_${key}_CLIENT_SECRET`] = row.simulator.oauthApp.clientSecret;
        env[`HUB_OAUTH_${key}_BASE_URL`] = sim.baseUrl;
        const { publicKey, noticeKey } = row.simulator.oauthApp as { publicKey?: string; noticeKey?: string };
        if (publicKey) env[`HUB_OAUTH_${key}_PUBLIC_KEY`] = publicKey;
        if (noticeKey) env[`HUB_OAUTH_${key}_NOTICE_KEY`] = noticeKey;
        // Where the notice URL lives in the app's settings, the developer sets it once for the app.
        if (!row.plugin.notices!.subscribe) sim.setAppNoticeUrl(`${proxy.origin}/hooks/${encodeURIComponent(row.id)}`);
      }
      started = await startSyncHub(kind, { scheduler: true, env });
      proxy.target.url = started.hub.url;
    }, 120_000);
    afterAll(async () => {
      for (const sim of sims.values()) await sim.close();
      await started?.stop();
      await proxy?.close();
    }, 60_000);

    const runs = async (storeId: string): Promise<RunDto[]> =>
      (await hub().get(`/v1/stores/${storeId}/sync-runs?limit=100`).expect(200)).body;
    const count = async (sql: string, params: unknown[]) => Number((await hub().sql<{ n: string | number }>(sql, params))[0]!.n);
    const marked = (storeId: string) =>
      count(`SELECT count(*) AS n FROM sync_variants WHERE store_id = $1 AND readback_requested_at IS NOT NULL`, [storeId]);
    /** No notice waiting for its read-back and no run queued or running. */
    const settled = async (storeId: string) =>
      (await marked(storeId)) === 0 && (await runs(storeId)).every((r) => r.status !== 'queued' && r.status !== 'running');
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

    describe.each(rows.map((r) => [r.id, r] as const))('%s', (id, row: OAuthPlatformRow) => {
      const sim = () => sims.get(id)!;
      let storeId = '';
      const catalogId = (base += 100);
      const W = { externalProductId: String(catalogId + 1), externalVariantId: String(catalogId + 2) };
      const noticeRuns = async () => (await runs(storeId)).filter((r) => r.trigger === 'notice');
      const deliveriesOfStore = (): RecordedDelivery[] =>
        proxy.deliveries.filter((d) => [`/hooks/${id}/${storeId}`, `/hooks/${id}`].includes(d.path.split('?')[0]!));

      it('connects through its install flow, is subscribed (or delivered to by the app), and syncs', async () => {
        // A platform the hub subscribes gets a store posted with the simulator's credentials (Square subscribes only
        // stores connected with the seller's own token); one whose notice URL is the app's connects by its install
        // flow, which records the platform's store id its notices are matched by.
        storeId = row.plugin.notices!.subscribe
          ? await createPlatformStore(hub(), sim(), { sellingRegion: 'north_america', driftPolicy: 'reassert' })
          : await connectThroughFlow(hub(), proxy.origin, { ...row, sim: sim() }, { successUrl: SUCCESS });
        sim().seed([{ productId: W.externalProductId, variants: [{ variantId: W.externalVariantId, initial: Q(1) }] }]);
        await putCatalog(hub(), [{ id: catalogId, productId: catalogId, fulfillment: 'warehouse' }]);
        await linkVariants(hub(), storeId, [
          { productId: W.externalProductId, variantId: W.externalVariantId, catalogVariantId: catalogId },
        ]);
        await postStock(hub(), [qty(catalogId, 'US-NC', 5)]);
        await waitFor(`${id}: the store written`, () => same(sim().stock(W), Q(5)));
        await waitFor(`${id}: settled`, () => settled(storeId));
      });

      it('reassert: a manual edit on the platform is written back within 5 s', async () => {
        // WooCommerce stamps its body to the second: the echo of this test's write must not be the very bytes of
        // the first sync's echo (a replay, refused before anything is compared).
        if (SHOWS_STOCK.has(id)) await new Promise((r) => setTimeout(r, 1_100));
        const before = (await noticeRuns()).length;
        const deliveredBefore = deliveriesOfStore().length;
        const t0 = Date.now();
        // Sold out by hand (the edit every platform's notices report: TikTok Shop's only at low or no stock).
        sim().manualEdit(W, OUT);
        expect(sim().stock(W)).not.toEqual(Q(5));
        await waitFor(`${id}: the edit reasserted`, () => same(sim().stock(W), Q(5)), 5_000, 25);
        expect(Date.now() - t0).toBeLessThan(5_000);
        await waitFor(`${id}: settled`, () => settled(storeId));
        const added = (await noticeRuns()).slice(0, (await noticeRuns()).length - before);
        const drifted = added.find((r) => r.counts.drift === 1);
        expect(drifted).toMatchObject({ status: 'succeeded', counts: { drift: 1, written: 1 } });
        expect((await getChanges(hub(), drifted!.id)).map((c) => [c.outcome, c.from, c.to])).toEqual([
          ['drift', Q(5), expect.anything()],
          ['written', expect.anything(), Q(5)],
        ]);
        if (SHOWS_STOCK.has(id)) {
          // The hub's own write comes back saying it shows what the hub wrote: recorded (202, nothing marked), and
          // no notice run and no platform read follow.
          await waitFor(`${id}: the write's echo delivered`, () => deliveriesOfStore().length >= deliveredBefore + 2);
          await waitFor(`${id}: settled`, () => settled(storeId));
          expect(
            deliveriesOfStore()
              .slice(deliveredBefore)
              .map((d) => d.status),
          ).toEqual([202, 202]);
          const echo = await hub().sql<{ marked: number }>(
            `SELECT marked FROM platform_notices WHERE store_id = $1 ORDER BY id DESC LIMIT 1`,
            [storeId],
          );
          expect(Number(echo[0]!.marked)).toBe(0);
          const requests = sim().requests.length;
          await new Promise((r) => setTimeout(r, 1_500)); // past the notice debounce (at most 1 s)
          expect(sim().requests.slice(requests)).toEqual([]);
          expect(await marked(storeId)).toBe(0);
          expect(added).toEqual([drifted]);
          expect((await noticeRuns()).length).toBe(before + 1);
        } else {
          // The hub's own write, where the platform notifies it too: read back, no drift, nothing written.
          for (const r of added.filter((x) => x !== drifted))
            expect(r).toMatchObject({ status: 'succeeded', counts: { drift: 0, written: 0 } });
        }
        expect(sim().stock(W)).toEqual(Q(5));
      });

      it('report: the drift is recorded within 5 s and nothing is written', async () => {
        // A new facility state first, so the merchant's edit below is not the state the hub's last write replaced
        // (BigCommerce's plugin does not trust a read showing that state again within its settle window).
        await postStock(hub(), [qty(catalogId, 'US-NC', 7)]);
        await waitFor(`${id}: the new state written`, () => same(sim().stock(W), Q(7)));
        await hub().patch(`/v1/stores/${storeId}`, { driftPolicy: 'report' }).expect(200);
        await waitFor(`${id}: settled`, () => settled(storeId));
        // Some platforms stamp a notice's body to the second only (WooCommerce's date_modified, Shopify's
        // updated_at): the same state saved again within that second is the same signed notice — a replay.
        await new Promise((r) => setTimeout(r, 1_100));
        const before = (await noticeRuns()).length;
        sim().manualEdit(W, OUT);
        const drifted = await waitFor(
          `${id}: the drift recorded`,
          async () => {
            const all = await noticeRuns();
            return all.slice(0, all.length - before).find((r) => r.counts.drift === 1 && r.status === 'succeeded');
          },
          5_000,
          25,
        );
        expect(drifted.counts).toMatchObject({ drift: 1, written: 0 });
        await waitFor(`${id}: settled`, () => settled(storeId));
        expect(sim().stock(W)).not.toEqual(Q(7));
      });

      it('a replayed, forged or unsigned delivery gets 401 and changes nothing', async () => {
        const accepted = deliveriesOfStore().filter((d) => d.status === 202);
        expect(accepted.length).toBeGreaterThan(0);
        const d = accepted.at(-1)!;
        const recorded = () => count(`SELECT count(*) AS n FROM platform_notices WHERE store_id = $1`, [storeId]);
        const before = { notices: await recorded(), runs: (await runs(storeId)).length };
        const send = (headers: Record<string, string>, body: Buffer) =>
          fetch(`${hub().url}${d.path}`, { method: 'POST', headers, body: new Uint8Array(body) });
        const signed = Object.fromEntries(Object.entries(d.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)));
        const unsigned = Object.fromEntries(Object.entries(signed).filter(([k]) => UNSIGNED_HEADERS.has(k)));

        const replay = await send(signed, d.body);
        if (row.plugin.notices!.repeatsBodies) {
          // The platform sends these very bytes for every edit of the product: a replay cannot be told from a new
          // event, and is accepted like one — a read-back of the platform's own state, nothing written.
          expect(replay.status).toBe(202);
          await waitFor(`${id}: the replay read back`, () => settled(storeId));
          before.notices += 1;
          before.runs = (await runs(storeId)).length;
          expect(sim().stock(W)).not.toEqual(Q(7)); // report policy: read, recorded, nothing written
        } else {
          expect([replay.status, ((await replay.json()) as { error?: string }).error]).toEqual([401, 'replayed']);
        }
        // Forged: the body changed under its signature — refused by the signature, or (where the platform signs
        // only the event's id, Ecwid) as the same event again.
        const forged = await send(signed, tampered(d.body));
        const forgedError = ((await forged.json()) as { error?: string }).error;
        expect(forged.status).toBe(401);
        expect(row.plugin.notices!.noticeId ? ['invalid_signature', 'replayed'] : ['invalid_signature']).toContain(forgedError);
        const unsignedAnswer = await send(unsigned, tampered(d.body));
        expect([unsignedAnswer.status, ((await unsignedAnswer.json()) as { error?: string }).error]).toEqual([401, 'invalid_signature']);
        expect(await recorded()).toBe(before.notices);
        expect(await marked(storeId)).toBe(0);
        expect((await runs(storeId)).length).toBe(before.runs);
      });
    });
  });
}
