/**
 * The orchestrator's database mechanics on real PGlite and PostgreSQL: the store lease, compare-and-clear
 * recording, the due-work query, the run transitions and the pg-boss queue.
 */
import { describeHub } from '../support/hub-harness';
import { settledWrite } from './support/settled-write';
import { createStore, nextObservedAt, POD, putCatalog, putSyncVariants } from '../support/scenario';
import { catchUpIdleStores, findDueStores, nextDueRun } from '../../src/sync/due-work';
import { transitionRun } from '../../src/sync/run-transitions';
import { SyncQueue } from '../../src/sync/sync-queue';
import { LeaseLost, StoreLeases } from '../../src/sync/store-lease';
import { loadChunk, loadRegionView, recordChunk, recordChunkUnderLease } from '../../src/sync/sync-records';

describeHub('orchestrator database mechanics', (hub) => {
  let catalogId = 7000;
  /** A store in north_america with one synced POD variant per catalog id, all pending. */
  async function storeWithPending(count = 1, status?: string): Promise<{ storeId: string; ids: number[] }> {
    const ids = Array.from({ length: count }, () => ++catalogId);
    await putCatalog(
      hub(),
      ids.map((id) => POD(id)),
    );
    const storeId = await createStore(hub(), { sellingRegion: 'north_america' });
    await putSyncVariants(
      hub(),
      storeId,
      ids.map((id) => ({ externalProductId: 'p', externalVariantId: `v${id}`, catalogVariantId: id })),
    );
    await hub()
      .post('/v1/facility-stock', {
        updates: ids.map((id) => ({ variantId: id, facility: 'US-NC', status: 'in_stock', observedAt: nextObservedAt() })),
      })
      .expect(202);
    if (status) await hub().sql(`UPDATE stores SET status = $2 WHERE id = $1`, [storeId, status]);
    return { storeId, ids };
  }

  describe('store lease', () => {
    it('fences the one-statement record: a worker that lost its lease records nothing, the holder records and renews', async () => {
      const { storeId } = await storeWithPending();
      const [v] = await loadChunk(hub().db.manager, {
        storeId,
        regionFacilities: (await loadRegionView(hub().db.manager, 'north_america')).facilities,
        afterId: '0',
        selection: 'pending',
        limit: 10,
      });
      const runOf = async () =>
        (
          await hub().sql<{ id: string }>(
            `INSERT INTO sync_runs (store_id, trigger, status) VALUES ($1, 'manual', 'running') RETURNING id`,
            [storeId],
          )
        )[0]!.id;
      const written = { kind: 'unlimited' as const };
      const chunk = (runId: string) => ({
        storeId,
        runId,
        variants: [settledWrite(v!, written)],
        changes: [
          {
            syncVariantId: v!.id,
            externalProductId: 'p',
            externalVariantId: v!.externalVariantId,
            from: null,
            to: written,
            outcome: 'written' as const,
            error: null,
          },
        ],
        counts: { planned: 1, written: 1, unchanged: 0, failed: 0, drift: 0 },
      });
      const a = new StoreLeases(hub().db, 'proc-a', 30);
      const b = new StoreLeases(hub().db, 'proc-b', 30);
      const leaseA = (await a.acquire(storeId))!;
      await hub().sql(`UPDATE stores SET sync_lease_until = now() - interval '1 second' WHERE id = $1`, [storeId]);
      const leaseB = (await b.acquire(storeId))!;

      const runA = await runOf();
      await expect(recordChunkUnderLease(hub().db, leaseA, chunk(runA))).rejects.toBeInstanceOf(LeaseLost);
      expect(leaseA.lost).toBe(true);
      const after = await hub().sql<{ pending: boolean; changes: string; counts: { written?: number } }>(
        `SELECT sv.pending, (SELECT count(*) FROM sync_changes WHERE run_id = $2)::text AS changes, (SELECT counts FROM sync_runs WHERE id = $2) AS counts
         FROM sync_variants sv WHERE sv.id = $1`,
        [v!.id, runA],
      );
      expect(after[0]).toMatchObject({ pending: true, changes: '0' });
      expect(after[0]!.counts?.written ?? 0).toBe(0);

      await hub().sql(`UPDATE stores SET sync_lease_until = now() + interval '2 seconds' WHERE id = $1`, [storeId]);
      const runB = await runOf();
      await recordChunkUnderLease(hub().db, leaseB, chunk(runB));
      const done = await hub().sql<{ pending: boolean; changes: string; renewed: boolean }>(
        `SELECT sv.pending, (SELECT count(*) FROM sync_changes WHERE run_id = $2)::text AS changes,
                (SELECT sync_lease_until > now() + interval '20 seconds' FROM stores WHERE id = $3) AS renewed
         FROM sync_variants sv WHERE sv.id = $1`,
        [v!.id, runB, storeId],
      );
      expect(done[0]).toEqual({ pending: false, changes: '1', renewed: true });
      await leaseB.release();
    });

    it('is held by one worker at a time, expires, and fences a worker that lost it', async () => {
      const { storeId } = await storeWithPending();
      const a = new StoreLeases(hub().db, 'proc-a', 30);
      const b = new StoreLeases(hub().db, 'proc-b', 30);
      const leaseA = await a.acquire(storeId);
      expect(leaseA).not.toBeNull();
      expect(await b.acquire(storeId)).toBeNull();

      // A stalls past its expiry (as after kill -9 or a long pause): B takes over.
      await hub().sql(`UPDATE stores SET sync_lease_until = now() - interval '1 second' WHERE id = $1`, [storeId]);
      const leaseB = await b.acquire(storeId);
      expect(leaseB).not.toBeNull();
      await expect(hub().db.transaction((m) => leaseA!.fenceInTransaction(m))).rejects.toBeInstanceOf(LeaseLost);
      expect(leaseA!.lost).toBe(true);

      await leaseA!.release(); // must not free B's lease
      expect((await hub().sql<{ owner: string }>(`SELECT sync_lease_owner AS owner FROM stores WHERE id = $1`, [storeId]))[0]!.owner).toBe(
        leaseB!.token,
      );
      await hub().db.transaction((m) => leaseB!.fenceInTransaction(m));
      await leaseB!.release();
      expect(
        (await hub().sql<{ owner: string | null }>(`SELECT sync_lease_owner AS owner FROM stores WHERE id = $1`, [storeId]))[0]!.owner,
      ).toBeNull();
    });
  });

  describe('recordChunk', () => {
    it('never settles a variant whose stock changed again while the run was writing it', async () => {
      const { storeId, ids } = await storeWithPending(2);
      const region = await loadRegionView(hub().db.manager, 'north_america');
      const load = () =>
        loadChunk(hub().db.manager, { storeId, regionFacilities: region.facilities, afterId: '0', selection: 'pending', limit: 10 });
      const chunk = await load();
      expect(chunk).toHaveLength(2);
      // A newer facility update for the first variant lands between load and record.
      await hub()
        .post('/v1/facility-stock', {
          updates: [{ variantId: ids[0], facility: 'US-NC', status: 'out_of_stock', observedAt: nextObservedAt() }],
        })
        .expect(202);
      const written = { kind: 'unlimited' as const };
      await hub().db.transaction((m) =>
        recordChunk(m, {
          storeId,
          runId: null as never,
          variants: chunk.map((v) => settledWrite(v, written)),
          changes: [],
          counts: { planned: 2, written: 2, unchanged: 0, failed: 0, drift: 0 },
          seenSeq: region.stockSeq,
        }),
      );
      const rows = await hub().sql<{ catalog_variant_id: number; pending: boolean; last_written: unknown }>(
        `SELECT catalog_variant_id, pending, last_written FROM sync_variants WHERE store_id = $1 ORDER BY catalog_variant_id`,
        [storeId],
      );
      expect(rows).toEqual([
        { catalog_variant_id: ids[0], pending: false, last_written: written },
        { catalog_variant_id: ids[1], pending: false, last_written: written },
      ]);
      // The first is still due (its newer change is newer than what the run saw), the second is settled.
      expect((await load()).map((v) => v.externalVariantId)).toEqual([`v${ids[0]}`]);
    });

    it('never clears a variant re-marked while the run was writing it (compare-and-clear on pending_version)', async () => {
      const { storeId } = await storeWithPending(1);
      const region = await loadRegionView(hub().db.manager, 'north_america');
      const [v] = await loadChunk(hub().db.manager, {
        storeId,
        regionFacilities: region.facilities,
        afterId: '0',
        selection: 'pending',
        limit: 10,
      });
      await hub().sql(`UPDATE sync_variants SET pending_version = pending_version + 1 WHERE id = $1`, [v!.id]);
      const written = { kind: 'unlimited' as const };
      await hub().db.transaction((m) =>
        recordChunk(m, {
          storeId,
          runId: null as never,
          variants: [settledWrite(v!, written)],
          changes: [],
          counts: { planned: 1, written: 1, unchanged: 0, failed: 0, drift: 0 },
          seenSeq: region.stockSeq,
        }),
      );
      const [row] = await hub().sql<{ pending: boolean; state: string; seen_seq: string }>(
        `SELECT pending, state, seen_seq::text AS seen_seq FROM sync_variants WHERE id = $1`,
        [v!.id],
      );
      expect(row).toEqual({ pending: true, state: 'pending', seen_seq: region.stockSeq });
    });
  });

  describe('nextDueRun', () => {
    it('creates the run for due work and keeps the lease; with nothing due it releases the lease in the same statement', async () => {
      const { storeId } = await storeWithPending();
      const leases = new StoreLeases(hub().db, 'proc-next', 30);
      const lease = (await leases.acquire(storeId))!;
      const owner = async () =>
        (await hub().sql<{ owner: string | null }>(`SELECT sync_lease_owner AS owner FROM stores WHERE id = $1`, [storeId]))[0]!.owner;

      const run = await nextDueRun(hub().db.manager, storeId, 3600, { owner: lease.token });
      expect(run).toMatchObject({ store_id: storeId, trigger: 'stock_update', dry_run: false, full: false });
      expect(await owner()).toBe(lease.token);
      // The queued run is found again (not a second one created), the lease still held.
      expect((await nextDueRun(hub().db.manager, storeId, 3600, { owner: lease.token }))?.id).toBe(run!.id);

      await hub().sql(`UPDATE sync_runs SET status = 'succeeded' WHERE id = $1`, [run!.id]);
      await hub().sql(
        `UPDATE sync_variants SET pending = false, next_attempt_at = NULL, seen_seq = (SELECT max(change_seq) FROM facility_stock) WHERE store_id = $1`,
        [storeId],
      );
      await hub().sql(
        `UPDATE stores SET stock_seen_seq = (SELECT stock_seq FROM selling_regions WHERE code = 'north_america') WHERE id = $1`,
        [storeId],
      );
      expect(await nextDueRun(hub().db.manager, storeId, 3600, { owner: 'someone-else' })).toBeUndefined();
      expect(await owner()).toBe(lease.token); // not the owner named: kept
      expect(await nextDueRun(hub().db.manager, storeId, 3600, { owner: lease.token })).toBeUndefined();
      expect(await owner()).toBeNull();
      lease.releasedBy();
      expect(leases.heldCount).toBe(0);
    });
  });

  describe('findDueStores', () => {
    it('finds stores with due pending work, queued runs or due reconciliation — in one query', async () => {
      const due = await storeWithPending();
      const later = await storeWithPending();
      // Marked, waiting for its retry time, and no stock change it has not seen: not due yet.
      await hub().sql(
        `UPDATE sync_variants SET next_attempt_at = now() + interval '1 hour', seen_seq = (SELECT max(change_seq) FROM facility_stock) WHERE store_id = $1`,
        [later.storeId],
      );
      const paused = await storeWithPending(1, 'paused');
      const leased = await storeWithPending();
      await hub().sql(`UPDATE stores SET sync_lease_owner = 'x', sync_lease_until = now() + interval '1 minute' WHERE id = $1`, [
        leased.storeId,
      ]);
      const reconnect = await storeWithPending(1, 'needs_reconnect');
      const manual = await hub().post(`/v1/stores/${reconnect.storeId}/sync`, {}).expect(202);
      const reconcile = await createStore(hub(), { sellingRegion: 'europe' });
      await hub().sql(`UPDATE stores SET next_reconcile_at = now() - interval '1 second' WHERE id = $1`, [reconcile]);

      const before = hub().statements();
      const found = await findDueStores(hub().db.manager, { defaultReconcileSeconds: 3600 });
      expect(hub().statements() - before).toBe(1);
      const mine = new Set([due, later, paused, leased, reconnect].map((s) => s.storeId).concat(reconcile));
      const got = Object.fromEntries(found.filter((d) => mine.has(d.storeId)).map((d) => [d.storeId, d]));
      expect(Object.keys(got).sort()).toEqual([due.storeId, reconnect.storeId, reconcile].sort());
      expect(got[due.storeId]).toMatchObject({ trigger: 'stock_update', runId: null, reconcileDue: false });
      expect(got[reconnect.storeId]).toMatchObject({ trigger: 'manual', runId: manual.body.runId });
      expect(got[reconcile]).toMatchObject({ trigger: 'schedule', reconcileDue: true });
    });

    it('finds a store by version alone (a change it has not seen, nothing marked), whatever the retry time; catches up stores the change does not concern', async () => {
      const byVersion = await storeWithPending();
      await hub().sql(`UPDATE sync_variants SET pending = false, next_attempt_at = now() + interval '1 hour' WHERE store_id = $1`, [
        byVersion.storeId,
      ]);
      // A store of the same region that sells another catalog variant: the change is not about it.
      const other = await storeWithPending();
      await hub().sql(
        `UPDATE sync_variants SET pending = false, seen_seq = (SELECT max(change_seq) FROM facility_stock) WHERE store_id = $1`,
        [other.storeId],
      );
      await hub()
        .post('/v1/facility-stock', {
          updates: [{ variantId: byVersion.ids[0], facility: 'US-TX', status: 'out_of_stock', observedAt: nextObservedAt() }],
        })
        .expect(202);

      const dueIds = async () => new Set((await findDueStores(hub().db.manager, { defaultReconcileSeconds: 3600 })).map((d) => d.storeId));
      expect((await dueIds()).has(byVersion.storeId)).toBe(true);
      expect((await dueIds()).has(other.storeId)).toBe(false);

      const seen = async (id: string) =>
        (await hub().sql<{ s: string }>(`SELECT stock_seen_seq::text AS s FROM stores WHERE id = $1`, [id]))[0]!.s;
      const [region] = await hub().sql<{ s: string }>(`SELECT stock_seq::text AS s FROM selling_regions WHERE code = 'north_america'`);
      await catchUpIdleStores(hub().db.manager);
      expect(await seen(other.storeId)).toBe(region!.s);
      expect(await seen(byVersion.storeId)).not.toBe(region!.s);
      expect((await dueIds()).has(byVersion.storeId)).toBe(true);
    });
  });

  describe('transitionRun', () => {
    it('moves a run forward only', async () => {
      const { storeId } = await storeWithPending();
      const { runId } = (await hub().post(`/v1/stores/${storeId}/sync`, { dryRun: true }).expect(202)).body;
      const m = hub().db.manager;
      expect(await transitionRun(m, { runId }, 'running')).toEqual([runId]);
      expect(await transitionRun(m, { runId }, 'running')).toEqual([]);
      expect(await transitionRun(m, { runId }, 'partial', { error: { code: 'x', message: 'y' } })).toEqual([runId]);
      expect(await transitionRun(m, { runId }, 'failed')).toEqual([]);
      const run = (await hub().get(`/v1/sync-runs/${runId}`).expect(200)).body;
      expect(run).toMatchObject({ status: 'partial', dryRun: true, trigger: 'manual', error: { code: 'x', message: 'y' } });
      expect(run.startedAt && run.finishedAt).toBeTruthy();
    });
  });

  describe('pg-boss queue', () => {
    it('keeps at most one queued job per store', async () => {
      const queue = new SyncQueue();
      await queue.start(hub().config.database, hub().db);
      try {
        const a = await storeWithPending();
        const b = await storeWithPending();
        const before = await queue.size();
        await queue.enqueue([{ storeId: a.storeId, trigger: 'stock_update' }]);
        await queue.enqueue([
          { storeId: a.storeId, trigger: 'manual' },
          { storeId: b.storeId, trigger: 'stock_update' },
        ]);
        expect((await queue.size()) - before).toBe(2);
      } finally {
        await queue.stop();
      }
    });
  });
});
