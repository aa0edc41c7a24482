/**
 * End to end through the HTTP API, for every reference platform whose plugin builds: real plugins over
 * real HTTP against their simulators, the real hub on PGlite and PostgreSQL. Runs are driven by hand
 * (HUB_SCHEDULER=off, SyncWorker.processStore) so each step is deterministic; the scheduler has its own
 * suite (scheduler.test.ts).
 */
import type { TargetStock } from '@stock-sync/domain';
import type { RunningSimulator } from '@stock-sync/plugin-testkit';
import { testDatabases } from '../support/test-databases';
import { builtPlatforms, ref, startPlatform, type ReferencePlatform } from './support/platforms';
import { startSyncHub, type SyncTestHub } from './support/sync-hub';
import {
  createPlatformStore,
  getChanges,
  getRun,
  linkVariants,
  OUT,
  pod,
  postStock,
  putCatalog,
  Q,
  qty,
  storeStatus,
  UNLIMITED,
} from './support/e2e-scenario';

jest.setTimeout(120_000);

/** One platform's world: two shops (stores in north_america and worldwide) and their variant ids. */
class PlatformWorld {
  na!: RunningSimulator<unknown>;
  ww!: RunningSimulator<unknown>;
  naStore!: string;
  wwStore!: string;
  constructor(
    readonly platform: ReferencePlatform,
    readonly base: number,
  ) {}
  // Catalog variants.
  get A() {
    return this.base + 1;
  } // POD
  get B() {
    return this.base + 2;
  } // POD
  get C() {
    return this.base + 3;
  } // POD
  get W() {
    return this.base + 4;
  } // warehouse
  get I() {
    return this.base + 5;
  } // POD, linked but ignored in the store
  // Store variants (product p1: A, B, C; product p2: W, U not synced, I ignored).
  get p1() {
    return this.base + 100;
  }
  get p2() {
    return this.base + 200;
  }
  ref(which: 'A' | 'B' | 'C' | 'W' | 'U' | 'I') {
    const n = { A: 11, B: 12, C: 13, W: 21, U: 22, I: 23 }[which];
    return ref(which === 'A' || which === 'B' || which === 'C' ? this.p1 : this.p2, this.base + n);
  }
  seed(sim: RunningSimulator<unknown>) {
    sim.seed([
      {
        productId: String(this.p1),
        variants: [{ variantId: String(this.base + 11) }, { variantId: String(this.base + 12) }, { variantId: String(this.base + 13) }],
      },
      {
        productId: String(this.p2),
        variants: [
          { variantId: String(this.base + 21), initial: Q(1) },
          { variantId: String(this.base + 22), initial: Q(3) },
          { variantId: String(this.base + 23), initial: Q(4) },
        ],
      },
    ]);
  }
  links() {
    const l = (which: 'A' | 'B' | 'C' | 'W' | 'U' | 'I', catalogVariantId: number | null, ignored?: boolean) => ({
      productId: this.ref(which).externalProductId,
      variantId: this.ref(which).externalVariantId,
      catalogVariantId,
      ...(ignored === undefined ? {} : { ignored }),
    });
    return [l('A', this.A), l('B', this.B), l('C', this.C), l('W', this.W), l('U', null), l('I', this.I, true)];
  }
}

for (const kind of testDatabases()) {
  describe(`sync end to end [${kind}]`, () => {
    let started: Awaited<ReturnType<typeof startSyncHub>> | undefined;
    const hub = (): SyncTestHub => started!.hub;
    beforeAll(async () => {
      started = await startSyncHub(kind);
    }, 120_000);
    afterAll(async () => {
      await started?.stop();
    }, 60_000);

    builtPlatforms().forEach((platform, index) => {
      describe(platform, () => {
        const w = new PlatformWorld(platform, (index + 1) * 1000);
        const stockOf = (sim: RunningSimulator<unknown>, which: Parameters<PlatformWorld['ref']>[0]) => sim.stock(w.ref(which));
        const runOnce = async (storeId: string, maxRuns?: number) => {
          const result = await hub().runStore(storeId, maxRuns);
          if (result.outcome !== 'ran') throw new Error(`expected a run for store ${storeId}, got ${result.outcome}`);
          return result.runs;
        };

        beforeAll(async () => {
          w.na = await startPlatform(platform);
          w.ww = await startPlatform(platform);
          w.seed(w.na);
          w.seed(w.ww);
          await putCatalog(hub(), [
            { id: w.A, productId: w.base + 1, fulfillment: 'pod' },
            { id: w.B, productId: w.base + 1, fulfillment: 'pod' },
            { id: w.C, productId: w.base + 1, fulfillment: 'pod' },
            { id: w.W, productId: w.base + 2, fulfillment: 'warehouse' },
            { id: w.I, productId: w.base + 2, fulfillment: 'pod' },
          ]);
          w.naStore = await createPlatformStore(hub(), w.na, { sellingRegion: 'north_america' });
          w.wwStore = await createPlatformStore(hub(), w.ww, { sellingRegion: 'worldwide' });
          await linkVariants(hub(), w.naStore, w.links());
          await linkVariants(hub(), w.wwStore, w.links());
        });
        afterAll(async () => {
          await w.na?.close();
          await w.ww?.close();
        });

        it("applies the help page's examples per region; POD vs warehouse; only synced variants are touched", async () => {
          await postStock(hub(), [
            // North America out of stock in the US, Canada and Mexico; Latvia still has it.
            pod(w.A, 'US-NC', 'out_of_stock'),
            pod(w.A, 'US-TX', 'out_of_stock'),
            pod(w.A, 'CA', 'out_of_stock'),
            pod(w.A, 'MX', 'out_of_stock'),
            pod(w.A, 'LV', 'in_stock'),
            // Out of stock only in Europe.
            pod(w.B, 'LV', 'out_of_stock'),
            pod(w.B, 'ES', 'out_of_stock'),
            pod(w.B, 'US-NC', 'in_stock'),
            // Gone everywhere that offers it.
            pod(w.C, 'US-NC', 'discontinued'),
            pod(w.C, 'LV', 'out_of_stock'),
            // Warehouse: exact quantities of the region's facilities.
            qty(w.W, 'US-NC', 5),
            qty(w.W, 'CA', 7),
            qty(w.W, 'LV', 11),
            // The ignored variant's catalog variant goes out of stock: the store must not see it.
            pod(w.I, 'US-NC', 'out_of_stock'),
            pod(w.I, 'LV', 'out_of_stock'),
          ]);
          const before = { na: w.na.snapshot(), ww: w.ww.snapshot() };
          const [naRun] = await runOnce(w.naStore);
          const [wwRun] = await runOnce(w.wwStore);

          expect(naRun).toMatchObject({ status: 'succeeded', counts: { planned: 4, written: 4, failed: 0 } });
          expect(wwRun).toMatchObject({ status: 'succeeded', counts: { planned: 4, written: 4, failed: 0 } });
          expect([stockOf(w.na, 'A'), stockOf(w.na, 'B'), stockOf(w.na, 'C'), stockOf(w.na, 'W')]).toEqual([OUT, UNLIMITED, OUT, Q(12)]);
          expect([stockOf(w.ww, 'A'), stockOf(w.ww, 'B'), stockOf(w.ww, 'C'), stockOf(w.ww, 'W')]).toEqual([
            UNLIMITED,
            UNLIMITED,
            OUT,
            Q(23),
          ]);
          // Not synced and ignored variants: exactly as seeded.
          for (const sim of [w.na, w.ww]) {
            expect(stockOf(sim, 'U')).toEqual(Q(3));
            expect(stockOf(sim, 'I')).toEqual(Q(4));
          }
          expect(before.na.find((v) => v.variantId === w.ref('U').externalVariantId)?.stock).toEqual(Q(3));

          const run = await getRun(hub(), naRun!.runId);
          expect(run).toMatchObject({ storeId: w.naStore, trigger: 'stock_update', dryRun: false, status: 'succeeded' });
          const changes = await getChanges(hub(), naRun!.runId);
          expect(changes.map((c) => [c.externalVariantId, c.outcome, c.to]).sort()).toEqual(
            [
              [w.ref('A').externalVariantId, 'written', OUT],
              [w.ref('B').externalVariantId, 'written', UNLIMITED],
              [w.ref('C').externalVariantId, 'written', OUT],
              [w.ref('W').externalVariantId, 'written', Q(12)],
            ].sort(),
          );
          const listed = (await hub().get(`/v1/stores/${w.naStore}/sync-variants?state=in_sync`).expect(200)).body.items;
          const wRow = listed.find((v: { externalVariantId: string }) => v.externalVariantId === w.ref('W').externalVariantId);
          expect(wRow).toMatchObject({ desired: Q(12), lastWritten: Q(12), state: 'in_sync', pending: false });
          expect(await hub().runStore(w.naStore)).toEqual({ outcome: 'idle' });
        });

        it('the next count is written from what the plugin kept with the last write (Shopify: one call, no read)', async () => {
          const keptOfW = async () =>
            (
              await hub().db.query(`SELECT platform_kept FROM sync_variants WHERE store_id = $1 AND external_variant_id = $2`, [
                w.naStore,
                w.ref('W').externalVariantId,
              ])
            )[0]?.platform_kept ?? null;
          const before = await keptOfW();
          if (platform === 'shopify')
            expect(before).toEqual({ inventoryItemId: expect.stringMatching(/^gid:\/\/shopify\/InventoryItem\//) });
          else expect(before).toBeNull(); // these plugins keep nothing
          w.na.resetRequests();
          await postStock(hub(), [qty(w.W, 'US-NC', 8)]);
          const [run] = await runOnce(w.naStore);
          expect(run).toMatchObject({ status: 'succeeded', counts: { written: 1, failed: 0 } });
          expect(stockOf(w.na, 'W')).toEqual(Q(15));
          if (platform === 'shopify') expect(w.na.requests).toHaveLength(1);
          expect(await keptOfW()).toEqual(before);
          // Back to what the help page's example left, for the tests below.
          await postStock(hub(), [qty(w.W, 'US-NC', 5)]);
          await runOnce(w.naStore);
          expect(stockOf(w.na, 'W')).toEqual(Q(12));
        });

        it('never lets an older observation overwrite a newer one', async () => {
          const stale = await postStock(hub(), [qty(w.W, 'US-NC', 0, '2026-01-01T00:00:00.000Z')]);
          expect(stale).toMatchObject({ accepted: 0, stale: 1 });
          expect(await hub().runStore(w.naStore)).toEqual({ outcome: 'idle' });
          expect(stockOf(w.na, 'W')).toEqual(Q(12));
          await postStock(hub(), [qty(w.W, 'US-NC', 1)]);
          const [run] = await runOnce(w.naStore);
          expect(run).toMatchObject({ status: 'succeeded', counts: { written: 1 } });
          expect(stockOf(w.na, 'W')).toEqual(Q(8));
        });

        it('a dry run records what it would write and sends nothing to the platform', async () => {
          await postStock(hub(), [pod(w.A, 'US-NC', 'in_stock')]);
          const { runId } = (await hub().post(`/v1/stores/${w.naStore}/sync`, { dryRun: true }).expect(202)).body;
          expect(await getRun(hub(), runId)).toMatchObject({ status: 'queued', trigger: 'manual', dryRun: true });
          const requestsBefore = w.na.requests.length;
          const [run] = await runOnce(w.naStore, 1);
          expect(run!.runId).toBe(runId);
          expect(w.na.requests.length).toBe(requestsBefore);
          expect(stockOf(w.na, 'A')).toEqual(OUT);
          expect(await getRun(hub(), runId)).toMatchObject({ status: 'succeeded', counts: { planned: 1, written: 0 } });
          expect(await getChanges(hub(), runId)).toEqual([
            {
              externalProductId: w.ref('A').externalProductId,
              externalVariantId: w.ref('A').externalVariantId,
              from: OUT,
              to: UNLIMITED,
              outcome: 'would_write',
            },
          ]);
          // Still due (the facility change is newer than anything it settled), and nothing recorded as written.
          const listed = (await hub().get(`/v1/stores/${w.naStore}/sync-variants?state=pending`).expect(200)).body.items as {
            externalVariantId: string;
            pending: boolean;
            lastWritten: TargetStock;
          }[];
          expect(listed.find((i) => i.externalVariantId === w.ref('A').externalVariantId)).toMatchObject({
            pending: true,
            lastWritten: OUT,
          });
          // The real run then writes it.
          await runOnce(w.naStore);
          expect(stockOf(w.na, 'A')).toEqual(UNLIMITED);
        });

        it('re-asserts drift found by a full sync, or only reports it when the store says so', async () => {
          w.na.manualEdit(w.ref('W'), Q(99));
          const { runId } = (await hub().post(`/v1/stores/${w.naStore}/sync`, { full: true }).expect(202)).body;
          await runOnce(w.naStore);
          expect(await getRun(hub(), runId)).toMatchObject({ status: 'succeeded', full: true, counts: { drift: 1, written: 1 } });
          const changes = await getChanges(hub(), runId);
          expect(changes.filter((c) => c.externalVariantId === w.ref('W').externalVariantId).map((c) => [c.outcome, c.from, c.to])).toEqual(
            [
              ['drift', Q(8), Q(99)],
              ['written', Q(99), Q(8)],
            ],
          );
          expect(stockOf(w.na, 'W')).toEqual(Q(8));

          await hub().patch(`/v1/stores/${w.naStore}`, { driftPolicy: 'report' }).expect(200);
          w.na.manualEdit(w.ref('W'), Q(50));
          const report = (await hub().post(`/v1/stores/${w.naStore}/sync`, { full: true }).expect(202)).body.runId;
          await runOnce(w.naStore);
          expect(await getRun(hub(), report)).toMatchObject({ status: 'succeeded', counts: { drift: 1, written: 0 } });
          expect((await getChanges(hub(), report)).map((c) => c.outcome)).toEqual(['drift']);
          expect(stockOf(w.na, 'W')).toEqual(Q(50));
          await hub().patch(`/v1/stores/${w.naStore}`, { driftPolicy: 'reassert' }).expect(200);
          await hub().post(`/v1/stores/${w.naStore}/sync`, { full: true }).expect(202);
          await runOnce(w.naStore);
          expect(stockOf(w.na, 'W')).toEqual(Q(8));
        });

        it('a write that failed after it may have reached the platform (5xx) brings a read-back of the store forward', async () => {
          w.na.faults.serverError(50, 503);
          await postStock(hub(), [qty(w.W, 'US-NC', 2)]);
          const [run] = await runOnce(w.naStore);
          expect((await getRun(hub(), run!.runId)).error).toMatchObject({ code: 'transient' });
          w.na.faults.clear();
          // Not in 6 h: within about half a minute, once no abandoned request can still be in flight.
          const [row] = await hub().sql<{ in_seconds: number }>(
            `SELECT EXTRACT(EPOCH FROM next_reconcile_at - now())::float AS in_seconds FROM stores WHERE id = $1`,
            [w.naStore],
          );
          expect(row!.in_seconds).toBeGreaterThan(20);
          expect(row!.in_seconds).toBeLessThanOrEqual(30);
          // The failed write waits out its backoff; a manual sync writes it now.
          await hub().post(`/v1/stores/${w.naStore}/sync`, {}).expect(202);
          const [again] = await runOnce(w.naStore);
          expect(again).toMatchObject({ status: 'succeeded' });
          // Leave the world as the next scenario expects it (US-NC 1 + CA 7).
          await postStock(hub(), [qty(w.W, 'US-NC', 1)]);
          await hub().post(`/v1/stores/${w.naStore}/sync`, {}).expect(202);
          await runOnce(w.naStore);
          expect(stockOf(w.na, 'W')).toEqual(Q(8));
        });

        it('revoked credentials: the store needs reconnecting, the work stays pending and is written once credentials are fixed', async () => {
          w.na.faults.revokeCredentials();
          await postStock(hub(), [qty(w.W, 'US-NC', 6)]);
          const [run] = await runOnce(w.naStore);
          expect(run).toMatchObject({ status: 'failed' });
          expect((await getRun(hub(), run!.runId)).error).toMatchObject({ code: 'auth' });
          expect(await storeStatus(hub(), w.naStore)).toMatchObject({ status: 'needs_reconnect' });
          expect(stockOf(w.na, 'W')).toEqual(Q(8));
          const pending = await hub().sql<{ pending: boolean }>(
            `SELECT pending FROM sync_variants WHERE store_id = $1 AND external_variant_id = $2`,
            [w.naStore, w.ref('W').externalVariantId],
          );
          expect(pending[0]!.pending).toBe(true);

          // No more calls for that store until its credentials change.
          const requests = w.na.requests.length;
          expect(await hub().runStore(w.naStore)).toEqual({ outcome: 'idle' });
          expect(w.na.requests.length).toBe(requests);

          w.na.faults.restoreCredentials();
          await hub().patch(`/v1/stores/${w.naStore}`, { credentials: w.na.credentials }).expect(200);
          expect(await storeStatus(hub(), w.naStore)).toMatchObject({ status: 'active', statusReason: null });
          const [again] = await runOnce(w.naStore);
          expect(again).toMatchObject({ status: 'succeeded', counts: { written: 1 } });
          expect(stockOf(w.na, 'W')).toEqual(Q(13));
        });

        it('a selling-region change re-evaluates the whole store', async () => {
          await hub().patch(`/v1/stores/${w.wwStore}`, { sellingRegion: 'europe' }).expect(200);
          const [run] = await runOnce(w.wwStore);
          expect(await getRun(hub(), run!.runId)).toMatchObject({ trigger: 'settings', status: 'succeeded' });
          // Europe = LV, ES: A in stock in LV; B out in both; C out in LV; W = LV's 11.
          expect([stockOf(w.ww, 'A'), stockOf(w.ww, 'B'), stockOf(w.ww, 'C'), stockOf(w.ww, 'W')]).toEqual([UNLIMITED, OUT, OUT, Q(11)]);
          expect(stockOf(w.ww, 'U')).toEqual(Q(3));
          expect(stockOf(w.ww, 'I')).toEqual(Q(4));
        });

        it('keeps the run history newest first, with 404s and validation errors in the API shape', async () => {
          const runs = (await hub().get(`/v1/stores/${w.naStore}/sync-runs?limit=3`).expect(200)).body;
          expect(runs).toHaveLength(3);
          expect(Date.parse(runs[0].createdAt)).toBeGreaterThanOrEqual(Date.parse(runs[2].createdAt));
          const unknown = '00000000-0000-4000-8000-000000000000';
          expect((await hub().get(`/v1/sync-runs/${unknown}`).expect(404)).body.error).toBe('not_found');
          expect((await hub().get(`/v1/sync-runs/${unknown}/changes`).expect(404)).body.error).toBe('not_found');
          expect((await hub().post(`/v1/stores/${unknown}/sync`, {}).expect(404)).body.error).toBe('not_found');
          expect((await hub().get(`/v1/stores/${unknown}/sync-runs`).expect(404)).body.error).toBe('not_found');
          const bad = (await hub().post(`/v1/stores/${w.naStore}/sync`, { dryRun: 'yes', extra: 1 }).expect(400)).body;
          expect(bad.error).toBe('validation_failed');
          expect(bad.details.map((d: { path: string }) => d.path).sort()).toEqual(['dryRun', 'extra']);
          expect((await hub().get(`/v1/stores/${w.naStore}/sync-runs?limit=0`).expect(400)).body.details[0].path).toBe('limit');
          await hub().raw().get(`/v1/sync-runs/${runs[0].id}`).expect(401);
        });
      });
    });
  });
}
