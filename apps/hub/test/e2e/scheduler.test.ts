/**
 * The real scheduler, queue and workers (HUB_SCHEDULER=on, pg-boss on the hub's database): a facility
 * update reaches the simulated store within seconds, and a 429 storm delays writes but loses none.
 * Latencies are printed, and bounded only generously (no timed assertion that can flake).
 */
import type { RunningSimulator } from '@stock-sync/plugin-testkit';
import { testDatabases } from '../support/test-databases';
import { builtPlatforms, ref, startPlatform } from './support/platforms';
import { startSyncHub, waitFor, type SyncTestHub } from './support/sync-hub';
import { createPlatformStore, linkVariants, OUT, pod, postStock, putCatalog, Q, qty, UNLIMITED } from './support/e2e-scenario';
import { sameTargetStock, type TargetStock } from '@stock-sync/domain';

jest.setTimeout(180_000);
const UPPER_BOUND_MS = 15_000;

for (const kind of testDatabases()) {
  describe(`scheduler end to end [${kind}]`, () => {
    let started: Awaited<ReturnType<typeof startSyncHub>> | undefined;
    const hub = (): SyncTestHub => started!.hub;
    beforeAll(async () => {
      started = await startSyncHub(kind, { scheduler: true });
    }, 120_000);
    afterAll(async () => {
      await started?.stop();
    }, 60_000);

    builtPlatforms().forEach((platform, index) => {
      describe(platform, () => {
        const base = 50_000 + (index + 1) * 1000;
        const product = base + 100;
        const variants = Array.from({ length: 6 }, (_, i) => ({ catalogId: base + i + 1, variantId: base + 10 + i }));
        let sim: RunningSimulator<unknown>;
        let storeId: string;
        const stockOf = (i: number) => sim.stock(ref(product, variants[i]!.variantId));

        beforeAll(async () => {
          sim = await startPlatform(platform);
          sim.seed([{ productId: String(product), variants: variants.map((v) => ({ variantId: String(v.variantId) })) }]);
          await putCatalog(
            hub(),
            variants.map((v, i) => ({ id: v.catalogId, productId: base, fulfillment: i < 3 ? ('pod' as const) : ('warehouse' as const) })),
          );
          storeId = await createPlatformStore(hub(), sim, { sellingRegion: 'north_america' });
          await linkVariants(
            hub(),
            storeId,
            variants.map((v) => ({ productId: String(product), variantId: String(v.variantId), catalogVariantId: v.catalogId })),
          );
          // Warm up (the first request makes a simulator load its schema), so the measurement is the hub's.
          await postStock(hub(), [qty(variants[5]!.catalogId, 'US-NC', 3)]);
          await waitFor('the warm-up write', () => sameTargetStock(stockOf(5) as TargetStock, Q(3)), 60_000);
        });
        afterAll(async () => sim?.close());

        it('a facility update reaches the store within seconds', async () => {
          const t0 = Date.now();
          await postStock(hub(), [pod(variants[0]!.catalogId, 'US-NC', 'out_of_stock'), qty(variants[3]!.catalogId, 'US-NC', 4)]);
          await waitFor(
            'the store to show the update',
            () => sameTargetStock(stockOf(0) as TargetStock, OUT) && sameTargetStock(stockOf(3) as TargetStock, Q(4)),
            UPPER_BOUND_MS + 5_000,
            20,
          );
          const latency = Date.now() - t0;
          console.log(`[${kind}] ${platform}: facility update → store in ${latency} ms`);
          expect(latency).toBeLessThan(UPPER_BOUND_MS);
          // The platform shows the write a moment before the run records it.
          await waitFor('the run to be recorded', async () => {
            const runs = (await hub().get(`/v1/stores/${storeId}/sync-runs?limit=1`).expect(200)).body;
            return runs[0]?.status === 'succeeded' && runs[0].trigger === 'stock_update';
          });
        });

        it('a 429 storm delays the writes but loses none', async () => {
          await fetch(`${sim.baseUrl}/__sim/faults`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ rateLimit: { count: 8, retryAfterSeconds: 1 } }),
          });
          const t0 = Date.now();
          await postStock(hub(), [
            pod(variants[0]!.catalogId, 'US-NC', 'in_stock'),
            pod(variants[1]!.catalogId, 'US-NC', 'out_of_stock'),
            pod(variants[2]!.catalogId, 'CA', 'out_of_stock'),
            qty(variants[3]!.catalogId, 'US-NC', 9),
            qty(variants[4]!.catalogId, 'MX', 2),
            qty(variants[5]!.catalogId, 'CA', 1),
          ]);
          const want = [UNLIMITED, OUT, OUT, Q(9), Q(2), Q(4)];
          await waitFor(
            'every change to be written',
            () => want.every((s, i) => sameTargetStock(stockOf(i) as TargetStock, s)),
            90_000,
            100,
          );
          console.log(`[${kind}] ${platform}: 6 changes through 8 throttled answers in ${Date.now() - t0} ms`);
          const faults = (await (await fetch(`${sim.baseUrl}/__sim/faults`)).json()) as { faults: { rateLimit: { remaining: number } } };
          expect(faults.faults.rateLimit.remaining).toBe(0);
          await waitFor('nothing pending', async () => {
            const rows = await hub().sql<{ n: string }>(`SELECT count(*) AS n FROM sync_variants WHERE store_id = $1 AND pending`, [
              storeId,
            ]);
            return Number(rows[0]!.n) === 0;
          });
        });

        it('a due reconciliation reads the platform back and re-asserts drift, then schedules the next one', async () => {
          sim.manualEdit(ref(product, variants[3]!.variantId), Q(77));
          await hub().sql(`UPDATE stores SET next_reconcile_at = now() - interval '1 second' WHERE id = $1`, [storeId]);
          await waitFor('the drift to be re-asserted', () => sameTargetStock(stockOf(3) as TargetStock, Q(9)), 30_000);
          const run = await waitFor('the reconciliation run', async () => {
            const runs = (await hub().get(`/v1/stores/${storeId}/sync-runs?limit=5`).expect(200)).body as {
              trigger: string;
              full: boolean;
              status: string;
              counts: { drift: number; written: number };
            }[];
            return runs.find((r) => r.trigger === 'schedule' && r.status !== 'running');
          });
          expect(run).toMatchObject({ full: true, status: 'succeeded', counts: { drift: 1, written: 1 } });
          const [store] = await hub().sql<{ next: Date; last: Date }>(
            `SELECT next_reconcile_at AS next, last_reconciled_at AS last FROM stores WHERE id = $1`,
            [storeId],
          );
          expect(new Date(store!.next).getTime() - new Date(store!.last).getTime()).toBeGreaterThan(6 * 3600 * 1000 - 60_000);
        });
      });
    });
  });
}
