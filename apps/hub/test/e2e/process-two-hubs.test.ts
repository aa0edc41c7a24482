/**
 * Two hub processes on one PostgreSQL, both running workers, many stores with pending work: a store is
 * never synced by both at once. Proof from the database: per store, the [started_at, finished_at]
 * intervals of its runs never overlap — and both processes did take part.
 */
import { sameTargetStock, type TargetStock } from '@stock-sync/domain';
import type { RunningSimulator } from '@stock-sync/plugin-testkit';
import { Client } from 'pg';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/throwaway-postgres';
import { observedAt, Q } from './support/e2e-scenario';
import { hubBuilt, startHubProcess, type HubProcess } from './support/hub-process';
import { builtPlatforms, ref, startPlatform } from './support/platforms';
import { waitFor } from './support/sync-hub';
import { NEWER_STOCK_IN_STORE_REGION } from '../../src/sync-variants/variant-lifecycle';

jest.setTimeout(240_000);

const adminUrl = process.env.TEST_DATABASE_URL;
const platform = builtPlatforms().includes('woocommerce') ? 'woocommerce' : builtPlatforms()[0];
const runnable = !!adminUrl && hubBuilt() && !!platform;
// turbo builds the hub before its tests (apps/hub/turbo.json): in CI with a database, skipping would hide a failure.
if (!runnable && adminUrl && process.env.CI === 'true')
  throw new Error('process tests cannot run: apps/hub/dist or a reference plugin is not built');
if (!runnable) console.warn('process-two-hubs: skipped (needs TEST_DATABASE_URL, apps/hub/dist and a built reference plugin)');
const describeIf = runnable ? describe : describe.skip;

const STORES = 6;
const VARIANTS = 12;
const PROCESS_ENV = {
  HUB_SCHEDULER_TICK_MS: '200',
  HUB_SCHEDULER_NUDGE_MS: '20',
  HUB_SYNC_POLL_MS: '500',
  HUB_SYNC_CONCURRENCY: '3', // 6 stores: neither process claims them all, so both take part
  HUB_SYNC_LEASE_SECONDS: '10',
  HUB_SYNC_CHUNK_SIZE: '3',
};

describeIf('two hub processes on one PostgreSQL', () => {
  let db: ThrowawayDatabase;
  const sims: RunningSimulator<unknown>[] = [];
  const hubs: HubProcess[] = [];

  beforeAll(async () => {
    db = await createThrowawayDatabase(adminUrl!);
  });
  afterAll(async () => {
    for (const h of hubs) await h.stop();
    for (const s of sims) await s.close();
    await db?.drop();
  });

  it('never syncs one store in both at once', async () => {
    hubs.push(await startHubProcess('a', db.url, PROCESS_ENV));
    hubs.push(await startHubProcess('b', db.url, PROCESS_ENV)); // after a: migrations already applied
    const [a, b] = hubs as [HubProcess, HubProcess];
    const product = 7100;
    const variantIds = Array.from({ length: VARIANTS }, (_, i) => 7200 + i);
    const catalogIds = Array.from({ length: VARIANTS }, (_, i) => 7300 + i);
    await a
      .put('/v1/catalog/variants', { variants: catalogIds.map((id) => ({ id, productId: 73, name: `w${id}`, fulfillment: 'warehouse' })) })
      .expect(200);

    const storeIds: string[] = [];
    for (let s = 0; s < STORES; s++) {
      const sim = await startPlatform(platform!);
      sim.seed([{ productId: String(product), variants: variantIds.map((v) => ({ variantId: String(v) })) }]);
      sim.faults.delay(40, 100_000); // every call takes a while, so runs of different processes overlap in time
      sims.push(sim);
      const via = s % 2 ? b : a;
      const created = await via
        .post('/v1/stores', { name: `s${s}`, platform: sim.id, sellingRegion: 'north_america', credentials: sim.credentials })
        .expect(201);
      storeIds.push(created.body.id);
      await via
        .put(`/v1/stores/${created.body.id}/sync-variants`, {
          variants: variantIds.map((v, i) => ({
            externalProductId: String(product),
            externalVariantId: String(v),
            catalogVariantId: catalogIds[i],
          })),
        })
        .expect(200);
    }

    // Waves of facility updates through both processes keep every store busy with pending work.
    let last = new Map<number, number>();
    for (let waveNo = 1; waveNo <= 5; waveNo++) {
      const quantities = new Map(catalogIds.map((id, i) => [i, (waveNo * 5 + i) % 17]));
      const via = waveNo % 2 ? a : b;
      await via
        .post('/v1/facility-stock', {
          updates: catalogIds.map((id, i) => ({ variantId: id, facility: 'US-NC', quantity: quantities.get(i), observedAt: observedAt() })),
        })
        .expect(202);
      last = quantities;
      await new Promise((r) => setTimeout(r, 400));
    }
    await waitFor(
      'every store to show the last wave',
      () => sims.every((sim) => variantIds.every((v, i) => sameTargetStock(sim.stock(ref(product, v)) as TargetStock, Q(last.get(i)!)))),
      120_000,
      100,
    );

    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      // The platforms show the last writes a moment before the runs record them: wait for the runs to end.
      await waitFor(
        'every run to finish and nothing to be pending',
        async () => {
          const { rows } = await client.query<{ busy: string }>(
            `SELECT (SELECT count(*) FROM sync_runs WHERE status IN ('queued', 'running'))
                + (SELECT count(*) FROM sync_variants sv JOIN stores s ON s.id = sv.store_id
                   WHERE sv.pending OR ${NEWER_STOCK_IN_STORE_REGION}) AS busy`,
          );
          return Number(rows[0]!.busy) === 0;
        },
        30_000,
        100,
      );
      const { rows } = await client.query<{ store_id: string; started_at: Date; finished_at: Date; status: string }>(
        `SELECT store_id, started_at, finished_at, status FROM sync_runs WHERE started_at IS NOT NULL ORDER BY store_id, started_at`,
      );
      expect(rows.every((r) => r.finished_at)).toBe(true);
      let overlaps = 0;
      for (let i = 1; i < rows.length; i++) {
        const prev = rows[i - 1]!;
        const cur = rows[i]!;
        if (prev.store_id === cur.store_id && cur.started_at < prev.finished_at) overlaps++;
      }
      expect(overlaps).toBe(0);
      const perStore = new Set(rows.map((r) => r.store_id));
      expect(perStore.size).toBe(STORES);
      console.log(
        `two hubs: ${rows.length} runs over ${STORES} stores, no overlap; by process: a=${a.runs().length}, b=${b.runs().length}`,
      );
    } finally {
      await client.end();
    }
    // Both processes worked (the lease, not luck, kept them apart).
    expect(a.runs().length).toBeGreaterThan(0);
    expect(b.runs().length).toBeGreaterThan(0);
  });
});
