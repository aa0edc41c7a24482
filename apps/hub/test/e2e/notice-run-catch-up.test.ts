/**
 * A platform notice's run reads back only the variants the notices marked. When it starts after a facility
 * change that concerns the store's other variants, it must not move the store up to the region's stock
 * version: the variants due by that version were never looked at, and the store's next run must write them.
 * (Found by the scale bench: WooCommerce stores whose notice run of the warm-up's echo started after the next
 * facility-stock POST never showed that change until a reconciliation.) Real WooCommerce plugin and
 * simulator over HTTP, runs driven by hand, PGlite and PostgreSQL.
 */
import type { RunningSimulator } from '@stock-sync/plugin-testkit';
import { testDatabases } from '../support/test-databases';
import { builtPlatforms, ref, startPlatform } from './support/platforms';
import { startSyncHub, type SyncTestHub } from './support/sync-hub';
import { createPlatformStore, linkVariants, postStock, putCatalog, Q, qty } from './support/e2e-scenario';

jest.setTimeout(120_000);

const PLATFORM = 'woocommerce';
const describeIfBuilt = builtPlatforms().includes(PLATFORM) ? describe : describe.skip;

for (const kind of testDatabases()) {
  describeIfBuilt(`a notice run and the store's stock version [${kind}]`, () => {
    let started: Awaited<ReturnType<typeof startSyncHub>> | undefined;
    const hub = (): SyncTestHub => started!.hub;
    let sim: RunningSimulator<unknown>;
    beforeAll(async () => {
      started = await startSyncHub(kind);
      sim = await startPlatform(PLATFORM);
    }, 120_000);
    afterAll(async () => {
      await sim?.close();
      await started?.stop();
    }, 60_000);

    it('leaves the store behind its region when the notice run did not look at the variants due by version', async () => {
      const [A, B] = [95_001, 95_002];
      sim.seed([
        {
          productId: '9500',
          variants: [
            { variantId: '9511', initial: Q(1) },
            { variantId: '9512', initial: Q(1) },
          ],
        },
      ]);
      await putCatalog(hub(), [
        { id: A, productId: 9500, fulfillment: 'warehouse' },
        { id: B, productId: 9500, fulfillment: 'warehouse' },
      ]);
      const storeId = await createPlatformStore(hub(), sim, { sellingRegion: 'north_america' });
      await linkVariants(hub(), storeId, [
        { productId: '9500', variantId: '9511', catalogVariantId: A },
        { productId: '9500', variantId: '9512', catalogVariantId: B },
      ]);
      await postStock(hub(), [qty(A, 'US-NC', 5), qty(B, 'US-NC', 5)]);
      await hub().runStore(storeId);
      expect([sim.stock(ref(9500, 9511)), sim.stock(ref(9500, 9512))]).toEqual([Q(5), Q(5)]);

      // A notice marked A for a read-back and queued the notice run (what NoticesService records)…
      await hub().sql(`UPDATE sync_variants SET readback_requested_at = now() WHERE store_id = $1 AND external_variant_id = '9511'`, [
        storeId,
      ]);
      await hub().sql(`INSERT INTO sync_runs (store_id, trigger, dry_run, "full", status) VALUES ($1, 'notice', false, false, 'queued')`, [
        storeId,
      ]);
      // …then a facility change concerning B arrives before that run starts.
      await postStock(hub(), [qty(B, 'US-NC', 9)]);

      const first = await hub().runStore(storeId, 1);
      expect(first).toMatchObject({ outcome: 'ran', runs: [{ status: 'succeeded' }] });
      const [notice] = await hub().sql<{ trigger: string }>(`SELECT trigger FROM sync_runs WHERE id = $1`, [
        first.outcome === 'ran' ? first.runs[0]!.runId : '',
      ]);
      expect(notice!.trigger).toBe('notice');

      // The change is still due: the next pass writes it.
      const next = await hub().runStore(storeId);
      expect(next).toMatchObject({ outcome: 'ran' });
      expect(sim.stock(ref(9500, 9512))).toEqual(Q(9));
      expect(await hub().runStore(storeId)).toEqual({ outcome: 'idle' });
    });
  });
}
