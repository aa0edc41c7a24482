/**
 * Issue 7 item 10: a row the hub leaves alone shows why (not `state: "pending"` with `pending: false`),
 * and a dead worker's run is closed as soon as its store's lease has expired (it took ~64 s after kill -9).
 * Either way its store is read back soon: the dead worker's last write may still land.
 */
import type { SchedulerRegistry } from '@nestjs/schedule';
import { closeRunsOfExpiredLeases } from '../src/sync/expired-lease-runs';
import { StoreLeases } from '../src/sync/store-lease';
import { SyncScheduler } from '../src/sync/sync-scheduler';
import { VERIFY_UNCONFIRMED_AFTER_SECONDS } from '../src/sync/unconfirmed-writes';
import type { SyncConfig } from '../src/sync/sync-config';
import type { SyncQueue } from '../src/sync/sync-queue';
import { describeHub } from './support/hub-harness';
import { createStore, POD, putCatalog, putSyncVariants } from './support/scenario';

describeHub('truthful states', (hub) => {
  beforeAll(async () => {
    await putCatalog(hub(), [POD(6101), POD(6102)]);
  });

  it('ignored, unlinked and sync-disabled rows show why the hub leaves them alone, never pending', async () => {
    const storeId = await createStore(hub(), { sellingRegion: 'north_america', name: 'states' });
    await putSyncVariants(hub(), storeId, [
      { externalProductId: 'p', externalVariantId: 'synced', catalogVariantId: 6101 },
      { externalProductId: 'p', externalVariantId: 'ignored', catalogVariantId: 6102, ignored: true },
      { externalProductId: 'p', externalVariantId: 'unlinked', catalogVariantId: null },
    ]);
    const list = async (query = '') =>
      Object.fromEntries(
        (
          (await hub().get(`/v1/stores/${storeId}/sync-variants${query}`).expect(200)).body.items as {
            externalVariantId: string;
            state: string;
            pending: boolean;
          }[]
        ).map((i) => [i.externalVariantId, { state: i.state, pending: i.pending }]),
      );
    expect(await list()).toEqual({
      synced: { state: 'pending', pending: true },
      ignored: { state: 'ignored', pending: false },
      unlinked: { state: 'unlinked', pending: false },
    });
    expect(Object.keys(await list('?state=ignored'))).toEqual(['ignored']);

    await hub().patch(`/v1/stores/${storeId}`, { stockSyncEnabled: false }).expect(200);
    expect(await list()).toEqual({
      synced: { state: 'disabled', pending: false },
      ignored: { state: 'ignored', pending: false },
      unlinked: { state: 'unlinked', pending: false },
    });
  });

  it("a run of a worker whose lease expired is closed at the scheduler's next tick; a live lease's run is not", async () => {
    const dead = await createStore(hub(), { sellingRegion: 'europe', name: 'dead worker' });
    const alive = await createStore(hub(), { sellingRegion: 'europe', name: 'live worker' });
    const runOf = async (storeId: string) =>
      (
        await hub().sql<{ id: string }>(
          `INSERT INTO sync_runs (store_id, trigger, dry_run, "full", status, started_at) VALUES ($1, 'manual', false, false, 'running', now()) RETURNING id::text AS id`,
          [storeId],
        )
      )[0]!.id;
    const deadRun = await runOf(dead);
    const aliveRun = await runOf(alive);
    await hub().sql(`UPDATE stores SET sync_lease_owner = 'killed', sync_lease_until = now() - interval '1 second' WHERE id = $1`, [dead]);
    await hub().sql(`UPDATE stores SET sync_lease_owner = 'busy', sync_lease_until = now() + interval '1 minute' WHERE id = $1`, [alive]);

    const queue = { enqueue: async () => undefined, wake: () => undefined } as unknown as SyncQueue;
    const scheduler = new SyncScheduler(
      hub().db,
      queue,
      { tickMs: 1000, nudgeDebounceMs: 10, reconcileIntervalSeconds: 3600 } as SyncConfig,
      {} as SchedulerRegistry,
    );
    await scheduler.tick();

    const status = async (id: string) =>
      (
        await hub().sql<{ status: string; error: { code: string } | null; finished_at: Date | null }>(
          `SELECT status, error, finished_at FROM sync_runs WHERE id = $1`,
          [id],
        )
      )[0]!;
    expect(await status(deadRun)).toMatchObject({ status: 'failed', error: { code: 'worker_lost' }, finished_at: expect.any(Date) });
    expect(await status(aliveRun)).toMatchObject({ status: 'running', error: null });
    // The expired lease is revoked with it: a worker that was only stalled is fenced out when it resumes.
    const leases = await hub().sql<{ id: string; owner: string | null }>(
      `SELECT id::text AS id, sync_lease_owner AS owner FROM stores WHERE id = ANY($1::uuid[])`,
      [[dead, alive]],
    );
    expect(Object.fromEntries(leases.map((l) => [l.id, l.owner]))).toEqual({ [dead]: null, [alive]: 'busy' });
    expect(await closeRunsOfExpiredLeases(hub().db.manager)).toEqual([]);
    // The dead worker's last write may land late: its store is read back soon (not in 6 h); the live one is untouched.
    const next = await hub().sql<{ id: string; soon: boolean }>(
      `SELECT id::text AS id, COALESCE(next_reconcile_at < now() + interval '1 minute', false) AS soon FROM stores WHERE id = ANY($1::uuid[])`,
      [[dead, alive]],
    );
    expect(Object.fromEntries(next.map((n) => [n.id, n.soon]))).toEqual({ [dead]: true, [alive]: false });
  });

  it("a dead worker's run closed by the next worker taking its lease also has the store read back soon", async () => {
    // The drill's case: a killed worker's write was held up by the platform past the lease, the next worker took
    // the lease (closing the run) and wrote the newer stock, then the held-up write landed over it.
    const wrote = await createStore(hub(), { sellingRegion: 'europe', name: 'killed mid-write' });
    const dryRun = await createStore(hub(), { sellingRegion: 'europe', name: 'killed mid-dry-run' });
    const quiet = await createStore(hub(), { sellingRegion: 'europe', name: 'no run' });
    for (const [storeId, dry] of [
      [wrote, false],
      [dryRun, true],
    ] as const)
      await hub().sql(
        `INSERT INTO sync_runs (store_id, trigger, dry_run, "full", status, started_at) VALUES ($1, 'manual', $2, false, 'running', now())`,
        [storeId, dry],
      );
    await hub().sql(
      `UPDATE stores SET sync_lease_owner = 'killed', sync_lease_until = now() - interval '1 second',
         next_reconcile_at = now() + interval '6 hours' WHERE id = ANY($1::uuid[])`,
      [[wrote, dryRun, quiet]],
    );

    const leases = new StoreLeases(hub().db, 'next-worker', 30);
    const closed: Record<string, number> = {};
    for (const id of [wrote, dryRun, quiet]) {
      const lease = await leases.acquire(id);
      closed[id] = lease!.orphansClosed;
      await lease!.release();
    }
    expect(closed).toEqual({ [wrote]: 1, [dryRun]: 1, [quiet]: 0 });
    const next = await hub().sql<{ id: string; s: number }>(
      `SELECT id::text AS id, EXTRACT(EPOCH FROM next_reconcile_at - now())::float AS s FROM stores WHERE id = ANY($1::uuid[])`,
      [[wrote, dryRun, quiet]],
    );
    const inSeconds = Object.fromEntries(next.map((n) => [n.id, n.s]));
    expect(inSeconds[wrote]).toBeGreaterThan(VERIFY_UNCONFIRMED_AFTER_SECONDS - 5);
    expect(inSeconds[wrote]).toBeLessThanOrEqual(VERIFY_UNCONFIRMED_AFTER_SECONDS);
    // A dry run wrote nothing, and a store without a dead run keeps its schedule.
    expect(inSeconds[dryRun]).toBeGreaterThan(5 * 3600);
    expect(inSeconds[quiet]).toBeGreaterThan(5 * 3600);
  });
});
