/**
 * When a store's read-back of an abandoned write happens, on real PGlite and PostgreSQL. The drill found the
 * race this pins: a run's write attempt timed out (its retry succeeded), the run asked for a read-back in
 * 30 s, but a reconciliation already due ran at once, read the store back before the abandoned attempt
 * landed, and set the next one 6 h away; the attempt then landed and the store stayed wrong.
 */
import { describeHub } from '../support/hub-harness';
import { createStore } from '../support/scenario';
import { transitionRun } from '../../src/sync/run-transitions';
import { scheduleNextReconcile } from '../../src/sync/sync-records';
import { scheduleVerification, VERIFY_UNCONFIRMED_AFTER_SECONDS } from '../../src/sync/unconfirmed-writes';

const INTERVAL = 6 * 3600;

describeHub('scheduling the read-back of abandoned writes', (hub) => {
  /** Seconds from now to the store's next reconciliation. */
  async function nextIn(storeId: string): Promise<number> {
    const [row] = await hub().sql<{ s: number }>(
      `SELECT EXTRACT(EPOCH FROM next_reconcile_at - now())::float AS s FROM stores WHERE id = $1`,
      [storeId],
    );
    return row!.s;
  }

  /** A full run of the store, started now (as the worker does before reading back). */
  async function startFullRun(storeId: string): Promise<string> {
    const { runId } = (await hub().post(`/v1/stores/${storeId}/sync`, { full: true }).expect(202)).body;
    expect(await transitionRun(hub().db.manager, { runId }, 'running')).toEqual([runId]);
    return runId;
  }

  it('a verification replaces an earlier due time as well as a later one: a read-back before it may miss the write', async () => {
    const overdue = await createStore(hub(), { sellingRegion: 'europe' });
    const later = await createStore(hub(), { sellingRegion: 'europe' });
    await hub().sql(`UPDATE stores SET next_reconcile_at = now() - interval '1 minute' WHERE id = $1`, [overdue]);
    await hub().sql(`UPDATE stores SET next_reconcile_at = now() + interval '6 hours' WHERE id = $1`, [later]);
    await scheduleVerification(hub().db.manager, [overdue, later]);
    for (const id of [overdue, later]) {
      expect(await nextIn(id)).toBeGreaterThan(VERIFY_UNCONFIRMED_AFTER_SECONDS - 5);
      expect(await nextIn(id)).toBeLessThanOrEqual(VERIFY_UNCONFIRMED_AFTER_SECONDS);
    }
  });

  it('a reconciliation that started before a pending verification keeps it; one that started after it sets a full interval', async () => {
    // The drill's case: the verification is asked for, then a reconciliation that was already due starts at once.
    const raced = await createStore(hub(), { sellingRegion: 'europe' });
    await scheduleVerification(hub().db.manager, [raced]);
    const early = await startFullRun(raced);
    await scheduleNextReconcile(hub().db.manager, raced, early, INTERVAL, true);
    expect(await nextIn(raced)).toBeLessThanOrEqual(VERIFY_UNCONFIRMED_AFTER_SECONDS);
    expect(await nextIn(raced)).toBeGreaterThan(VERIFY_UNCONFIRMED_AFTER_SECONDS - 5);

    // The verification's time had passed when this run started: its read-back covers it.
    const served = await createStore(hub(), { sellingRegion: 'europe' });
    const run = await startFullRun(served);
    await hub().sql(
      `UPDATE stores SET next_reconcile_at = (SELECT started_at - interval '1 second' FROM sync_runs WHERE id = $2) WHERE id = $1`,
      [served, run],
    );
    await scheduleNextReconcile(hub().db.manager, served, run, INTERVAL, true);
    expect(await nextIn(served)).toBeGreaterThan(INTERVAL - 60);

    // A manual full run of a store on its regular schedule moves that schedule a full interval on.
    const regular = await createStore(hub(), { sellingRegion: 'europe' });
    await hub().sql(`UPDATE stores SET next_reconcile_at = now() + interval '5 hours' WHERE id = $1`, [regular]);
    const manual = await startFullRun(regular);
    await scheduleNextReconcile(hub().db.manager, regular, manual, INTERVAL, true);
    expect(await nextIn(regular)).toBeGreaterThan(INTERVAL - 60);
    const [row] = await hub().sql<{ reconciled: boolean }>(
      `SELECT last_reconciled_at IS NOT NULL AS reconciled FROM stores WHERE id = $1`,
      [regular],
    );
    expect(row!.reconciled).toBe(true);
  });
});
