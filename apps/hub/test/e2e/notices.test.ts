/**
 * Platform notices end to end (issue 13), on every test database: the real hub with its scheduler and queue,
 * the real WooCommerce plugin over HTTP, and its simulator, which delivers signed `product.updated` webhooks
 * to the hub's public route when a variation is saved (a merchant's manual edit, or the hub's own write).
 *  - reassert: a manual edit is written back within 5 s;
 *  - report: the drift is recorded, nothing written;
 *  - the hub's own write comes back as a notice saying it shows what the hub wrote (plugin API 1.6 `shown`): recorded,
 *    nothing read back (an echo that outruns the hub's record of its write is read back: no drift, nothing written);
 *  - forged, tampered, unsigned, replayed or unknown-store notices get 401 and change nothing.
 */
import type { RunningSimulator } from '@stock-sync/plugin-testkit';
import { testDatabases } from '../support/test-databases';
import { builtPlatforms, ref, startPlatform } from './support/platforms';
import { startSyncHub, waitFor, type SyncTestHub } from './support/sync-hub';
import { createPlatformStore, getChanges, linkVariants, postStock, putCatalog, Q, qty } from './support/e2e-scenario';

jest.setTimeout(120_000);

interface WooState {
  webhooks: Map<number, { secret: string; deliveryUrl: string; topic: string; status: string }>;
  deliveries: { url: string; body: string; status: number }[];
}

interface RunDto {
  id: string;
  trigger: string;
  status: string;
  counts: { planned: number; written: number; unchanged: number; failed: number; drift: number };
}

const woo = builtPlatforms().includes('woocommerce');
const describeWoo = woo ? describe : describe.skip;

for (const kind of testDatabases()) {
  describeWoo(`platform notices end to end: WooCommerce [${kind}]`, () => {
    let started: Awaited<ReturnType<typeof startSyncHub>> | undefined;
    const hub = (): SyncTestHub => started!.hub;
    let simR: RunningSimulator<unknown>;
    let simP: RunningSimulator<unknown>;
    let storeR = '';
    let storeP = '';
    const CAT = 9301;
    const PRODUCT = 9400;
    const VARIANT = 9411;
    const W = ref(PRODUCT, VARIANT);

    /** The store's runs, newest first. */
    const runs = async (storeId: string): Promise<RunDto[]> =>
      (await hub().get(`/v1/stores/${storeId}/sync-runs?limit=100`).expect(200)).body;
    const noticeRuns = async (storeId: string) => (await runs(storeId)).filter((r) => r.trigger === 'notice');
    /** The notice runs created after `before` of them existed. */
    const newNoticeRuns = async (storeId: string, before: number) => {
      const all = await noticeRuns(storeId);
      return all.slice(0, all.length - before);
    };
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    /** No notice waiting for its read-back (no marked variant) and no run queued or running. */
    const settled = async (storeId: string) =>
      (await count(`SELECT count(*) AS n FROM sync_variants WHERE store_id = $1 AND readback_requested_at IS NOT NULL`, [storeId])) === 0 &&
      (await runs(storeId)).every((r) => r.status !== 'queued' && r.status !== 'running');
    const stateOf = (sim: RunningSimulator<unknown>) => sim.state as WooState;
    const count = async (sql: string, params: unknown[]) => Number((await hub().sql<{ n: string | number }>(sql, params))[0]!.n);
    const post = (path: string, headers: Record<string, string>, body: string) =>
      fetch(`${hub().url}${path}`, { method: 'POST', headers, body });

    beforeAll(async () => {
      started = await startSyncHub(kind, { scheduler: true, env: { HUB_NOTICES_SUBSCRIBE: 'on' } });
      simR = await startPlatform('woocommerce');
      simP = await startPlatform('woocommerce');
      for (const sim of [simR, simP]) sim.seed([{ productId: String(PRODUCT), variants: [{ variantId: String(VARIANT), initial: Q(1) }] }]);
      await putCatalog(hub(), [{ id: CAT, productId: 93, fulfillment: 'warehouse' }]);
      storeR = await createPlatformStore(hub(), simR, { sellingRegion: 'north_america', driftPolicy: 'reassert' });
      storeP = await createPlatformStore(hub(), simP, { sellingRegion: 'north_america', driftPolicy: 'report' });
      for (const s of [storeR, storeP]) {
        await linkVariants(hub(), s, [{ productId: String(PRODUCT), variantId: String(VARIANT), catalogVariantId: CAT }]);
      }
      await postStock(hub(), [qty(CAT, 'US-NC', 5)]);
      await waitFor('both stores written', () => same(simR.stock(W), Q(5)) && same(simP.stock(W), Q(5)));
    });
    afterAll(async () => {
      await simR?.close();
      await simP?.close();
      await started?.stop();
    }, 60_000);

    it('subscribes each store on creation: one active product.updated webhook to HUB_PUBLIC_URL/hooks/woocommerce/<store>', () => {
      for (const [sim, store] of [
        [simR, storeR],
        [simP, storeP],
      ] as const) {
        const hooks = [...stateOf(sim).webhooks.values()];
        expect(hooks.map((h) => [h.topic, h.status, h.deliveryUrl])).toEqual([
          ['product.updated', 'active', `${hub().url}/hooks/woocommerce/${store}`],
        ]);
        expect(hooks[0]!.secret.length).toBeGreaterThanOrEqual(32);
      }
    });

    it("the notice of the hub's own write is recorded and writes nothing (its shown is what the hub wrote)", async () => {
      await waitFor('the first write echoed', async () => stateOf(simR).deliveries.length > 0 && (await settled(storeR)));
      expect(stateOf(simR).deliveries.every((d) => d.status === 202)).toBe(true);
      // Usually no run at all; an echo that arrived before the hub recorded its write is read back: no drift.
      const own = (await runs(storeR)).filter((r) => r.trigger === 'notice');
      for (const r of own) expect(r).toMatchObject({ status: 'succeeded', counts: { written: 0, drift: 0, failed: 0 } });
      expect(simR.stock(W)).toEqual(Q(5));
    });

    it('reassert: a manual edit on the platform is written back within 5 s', async () => {
      await waitFor('store settled', () => settled(storeR));
      const before = (await noticeRuns(storeR)).length;
      const started = Date.now();
      simR.manualEdit(W, Q(17));
      // The edit shows on the platform at once; the hub's write of Q(5) follows the notice.
      expect(simR.stock(W)).toEqual(Q(17));
      await waitFor('the edit reasserted', () => same(simR.stock(W), Q(5)), 5_000, 25);
      expect(Date.now() - started).toBeLessThan(5_000);
      await waitFor('store settled', () => settled(storeR));
      const drifted = (await newNoticeRuns(storeR, before)).find((r) => r.counts.drift === 1);
      expect(drifted).toMatchObject({ status: 'succeeded', counts: { drift: 1, written: 1 } });
      const changes = await getChanges(hub(), drifted!.id);
      expect(changes.map((c) => [c.outcome, c.from, c.to])).toEqual([
        ['drift', Q(5), Q(17)],
        ['written', Q(17), Q(5)],
      ]);
    });

    it('report: the drift is recorded within 5 s and nothing is written', async () => {
      await waitFor('store settled', () => settled(storeP));
      const before = (await noticeRuns(storeP)).length;
      simP.manualEdit(W, Q(17));
      const drifted = await waitFor(
        'the drift recorded',
        async () => (await newNoticeRuns(storeP, before)).find((r) => r.counts.drift === 1 && r.status === 'succeeded'),
        5_000,
        25,
      );
      expect(drifted.counts).toMatchObject({ drift: 1, written: 0 });
      expect((await getChanges(hub(), drifted.id)).map((c) => [c.outcome, c.from, c.to])).toEqual([['drift', Q(5), Q(17)]]);
      await waitFor('store settled', () => settled(storeP));
      expect(simP.stock(W)).toEqual(Q(17));
    });

    it('forged, tampered, unsigned, replayed and unknown-store notices get 401 and change nothing', async () => {
      await waitFor('store settled', () => settled(storeR));
      const delivered = stateOf(simR).deliveries.at(-1)!;
      const secret = [...stateOf(simR).webhooks.values()][0]!.secret;
      const { createHmac } = await import('node:crypto');
      const sign = (body: string, key: string) => createHmac('sha256', key).update(body).digest('base64');
      const headers = (signature?: string) => ({
        'content-type': 'application/json',
        'x-wc-webhook-topic': 'product.updated',
        'x-wc-webhook-resource': 'product',
        'x-wc-webhook-event': 'updated',
        ...(signature === undefined ? {} : { 'x-wc-webhook-signature': signature }),
      });
      const tampered = delivered.body.replace(/"stock_quantity":\d+/, '"stock_quantity":999');
      const notices = () => count(`SELECT count(*) AS n FROM platform_notices WHERE store_id = $1`, [storeR]);
      const marked = () => count(`SELECT count(*) AS n FROM sync_variants WHERE readback_requested_at IS NOT NULL`, []);
      const noticesBefore = await notices();
      const runsBefore = (await runs(storeR)).length;
      const path = `/hooks/woocommerce/${storeR}`;

      const refused = [
        await post(path, headers(sign(delivered.body, 'not-the-store-secret')), delivered.body), // forged
        await post(path, headers(sign(delivered.body, secret)), tampered), // replayed with a changed body
        await post(path, headers(), delivered.body), // unsigned
        await post(path, headers('not base64 at all'), delivered.body),
        await post(`/hooks/woocommerce/00000000-0000-4000-8000-000000000000`, headers(sign(delivered.body, secret)), delivered.body),
        await post(`/hooks/woocommerce/not-a-uuid`, headers(sign(delivered.body, secret)), delivered.body),
        await post(`/hooks/shopify/${storeR}`, headers(sign(delivered.body, secret)), delivered.body), // another platform's route
        await post(`/hooks/no-such-platform/${storeR}`, headers(sign(delivered.body, secret)), delivered.body),
      ];
      for (const res of refused) {
        expect(res.status).toBe(401);
        expect(await res.json()).toMatchObject({ error: 'invalid_signature', message: expect.any(String) });
      }
      expect(await notices()).toBe(noticesBefore);
      expect(await marked()).toBe(0);
      expect((await runs(storeR)).length).toBe(runsBefore);

      // A valid signature over a body that is not a product: 400, nothing marked.
      const bad = '{"not":"a product"}';
      const malformed = await post(path, headers(sign(bad, secret)), bad);
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({ error: 'validation_failed', details: [{ path: 'body' }] });
      expect(await marked()).toBe(0);

      // WooCommerce's unsigned creation ping: 200, nothing recorded.
      const ping = await post(path, { 'content-type': 'application/x-www-form-urlencoded' }, 'webhook_id=1');
      expect(ping.status).toBe(200);
      expect(await notices()).toBe(noticesBefore);

      // The exact delivery again, correctly signed (a replay of what the hub accepted): 401, nothing changed.
      const replay = await post(path, headers(sign(delivered.body, secret)), delivered.body);
      expect(replay.status).toBe(401);
      expect(await replay.json()).toMatchObject({ error: 'replayed' });
      expect(await notices()).toBe(noticesBefore);
      expect(await marked()).toBe(0);
      expect((await runs(storeR)).length).toBe(runsBefore);

      // The same variation's state in a new delivery (another save): it shows what the hub last wrote — accepted,
      // recorded, nothing marked, no run.
      const writesBefore = stateOf(simR).deliveries.length;
      const again = `${delivered.body} `;
      const fresh = await post(path, headers(sign(again, secret)), again);
      expect(fresh.status).toBe(202);
      expect(await fresh.json()).toEqual({ accepted: true, marked: 0 });
      expect(await notices()).toBe(noticesBefore + 1);
      await new Promise((r) => setTimeout(r, 1_300)); // past the notice debounce
      expect((await runs(storeR)).length).toBe(runsBefore);
      // A delivery saying something else (a stale or out-of-order save): marked, read back, no drift, nothing written.
      const other = delivered.body.replace(/"stock_quantity":\d+/, '"stock_quantity":6');
      const differing = await post(path, headers(sign(other, secret)), other);
      expect(differing.status).toBe(202);
      expect(await differing.json()).toEqual({ accepted: true, marked: 1 });
      await waitFor('the differing delivery read back', async () => (await marked()) === 0 && (await settled(storeR)));
      const last = (await noticeRuns(storeR))[0]!;
      expect(last).toMatchObject({ status: 'succeeded', counts: { drift: 0, written: 0 } });
      expect(stateOf(simR).deliveries.length).toBe(writesBefore); // no write, so no echo
      expect(simR.stock(W)).toEqual(Q(5));
    });

    it('a flood of notices for one store is coalesced into one read-back', async () => {
      await waitFor('store settled', () => settled(storeR));
      const delivered = stateOf(simR).deliveries.at(-1)!;
      const secret = [...stateOf(simR).webhooks.values()][0]!.secret;
      const { createHmac } = await import('node:crypto');
      const before = (await noticeRuns(storeR)).length;
      // Twenty distinct deliveries (each its own signed body, as twenty saves would send), each showing a stock the
      // hub did not write (an echo of its own write would mark nothing).
      const showing = delivered.body.replace(/"stock_quantity":\d+/, '"stock_quantity":6');
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => {
          const body = `${showing}${' '.repeat(i + 2)}`;
          const signature = createHmac('sha256', secret).update(body).digest('base64');
          return post(`/hooks/woocommerce/${storeR}`, { 'content-type': 'application/json', 'x-wc-webhook-signature': signature }, body);
        }),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202));
      const marked = () => count(`SELECT count(*) AS n FROM sync_variants WHERE readback_requested_at IS NOT NULL`, []);
      await waitFor('the flood read back', async () => (await marked()) === 0 && (await settled(storeR)), 5_000, 25);
      const added = (await newNoticeRuns(storeR, before)).length;
      // 20 notices → one run (two when the flood outlasts the debounce's longest wait).
      expect(added).toBeGreaterThanOrEqual(1);
      expect(added).toBeLessThanOrEqual(2);
    });

    it("a paused store's notice is verified and recorded, and reads nothing back", async () => {
      await waitFor('store settled', () => settled(storeP));
      await hub().patch(`/v1/stores/${storeP}`, { status: 'paused' }).expect(200);
      const delivered = stateOf(simP).deliveries.at(-1)!;
      const secret = [...stateOf(simP).webhooks.values()][0]!.secret;
      const { createHmac } = await import('node:crypto');
      const body = `${delivered.body} `; // a delivery the hub has not seen
      const signature = createHmac('sha256', secret).update(body).digest('base64');
      const recorded = () => count(`SELECT count(*) AS n FROM platform_notices WHERE store_id = $1`, [storeP]);
      const before = { notices: await recorded(), runs: (await runs(storeP)).length };
      const res = await post(
        `/hooks/woocommerce/${storeP}`,
        { 'content-type': 'application/json', 'x-wc-webhook-signature': signature },
        body,
      );
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ accepted: true, marked: 0 });
      expect(await recorded()).toBe(before.notices + 1);
      await new Promise((r) => setTimeout(r, 1500)); // past the debounce's longest wait
      expect((await runs(storeP)).length).toBe(before.runs);
    });
  });
}
