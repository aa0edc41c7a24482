/**
 * "Which stores have work now" — ONE set-based query, shared by the scheduler (every store whose lease
 * is free) and the worker (its own store, under its lease), so both agree on what is due:
 *  - a run waiting in `queued` (manual syncs), whatever the store's status (the worker then fails it
 *    with the reason if the store cannot sync);
 *  - for active stores with stock sync enabled: a due reconciliation (next_reconcile_at, or created_at
 *    plus the interval when none was scheduled yet), synced variants pending whose retry time has come, or
 *    — when the store's region has stock changes the store has not caught up with — a synced variant due by
 *    version (variant-lifecycle.ts).
 * `catchUpIdleStores` moves stores whose region changed but none of whose variants is concerned to the
 * region's version, so they are not looked at again on every tick.
 */
import type { EntityManager } from 'typeorm';
import { PERIODIC_SQL } from '../database/statement-origin';
import { queryRows } from '../database/sql';
import type { SyncTrigger } from '../entities';
import { NEWER_STOCK_IN_STORE_REGION, PENDING_DUE, STORE_BEHIND_REGION, SYNCED_IN_STORE } from '../sync-variants/variant-lifecycle';

export interface DueStore {
  storeId: string;
  platform: string;
  trigger: SyncTrigger;
  /** The oldest queued run, when one waits. */
  runId: string | null;
  reconcileDue: boolean;
}

/**
 * The due-work query: $1 the default reconciliation interval (seconds), $2 the store (only with `oneStore`),
 * $3 the row limit.
 */
function dueStoresSql(oneStore: boolean): string {
  // The scheduler's question (every store, every tick) is periodic; the worker's about its own store is work.
  return `${oneStore ? '' : `${PERIODIC_SQL} `}SELECT s.id AS store_id, s.platform, q.id AS run_id, due.reconcile AS reconcile_due,
            CASE WHEN q.id IS NOT NULL THEN q.trigger
                 WHEN due.reconcile THEN 'schedule'
                 ELSE COALESCE(s.pending_trigger, 'stock_update') END AS trigger
     FROM stores s
     JOIN selling_regions rg ON rg.code = s.selling_region
     LEFT JOIN LATERAL (
       SELECT r.id, r.trigger FROM sync_runs r
       WHERE r.store_id = s.id AND r.status = 'queued'
       ORDER BY r.created_at, r.id LIMIT 1
     ) q ON true
     CROSS JOIN LATERAL (
       SELECT s.status = 'active' AND s.stock_sync_enabled AND
              COALESCE(s.next_reconcile_at, s.created_at + make_interval(secs => COALESCE(s.reconcile_interval_seconds, $1))) <= now()
              AS reconcile
     ) due
     WHERE ${
       // Two statements, not one with an OR on the parameter: the worker's question about its own store must
       // be an index lookup, not a pass over every store (10 000 stores, one question per run).
       !oneStore ? `(s.sync_lease_until IS NULL OR s.sync_lease_until < now()) AND $2::uuid IS NULL` : `s.id = $2::uuid`
     }
       -- The variant questions are scalar subqueries with LIMIT 1, not EXISTS: PostgreSQL may run an EXISTS as a
       -- hashed subplan over every pending variant of every store on each tick; these are per-store index probes.
       AND (q.id IS NOT NULL
            OR due.reconcile
            OR s.status = 'active' AND s.stock_sync_enabled AND COALESCE((
                 SELECT true FROM sync_variants sv
                 WHERE sv.store_id = s.id AND ${SYNCED_IN_STORE} AND ${PENDING_DUE} LIMIT 1), false)
            OR s.status = 'active' AND s.stock_sync_enabled AND ${STORE_BEHIND_REGION} AND COALESCE((
                 SELECT true FROM sync_variants sv
                 WHERE sv.store_id = s.id AND ${SYNCED_IN_STORE} AND ${NEWER_STOCK_IN_STORE_REGION} LIMIT 1), false))
     ORDER BY s.id
     LIMIT $3`;
}

export async function findDueStores(
  manager: EntityManager,
  q: { defaultReconcileSeconds: number; storeId?: string; limit?: number },
): Promise<DueStore[]> {
  const rows = await queryRows<{ store_id: string; platform: string; trigger: SyncTrigger; run_id: string | null; reconcile_due: boolean }>(
    manager,
    dueStoresSql(q.storeId !== undefined),
    [q.defaultReconcileSeconds, q.storeId ?? null, q.limit ?? 10_000],
  );
  return rows.map((r) => ({
    storeId: r.store_id,
    platform: r.platform,
    trigger: r.trigger,
    runId: r.run_id,
    reconcileDue: r.reconcile_due,
  }));
}

export interface DueRun {
  id: string;
  store_id: string;
  trigger: SyncTrigger;
  dry_run: boolean;
  full: boolean;
}

/**
 * The worker's next run for its store (under its lease), in ONE statement: the oldest queued run, else a new
 * queued run for the store's due work (a settings trigger is consumed with it, so a change made while this
 * run goes is labelled on the next one), else none — and then, given the lease's owner token, the lease is
 * released in the same statement (work arriving later finds the store free: the scheduler offers it again).
 */
export async function nextDueRun(
  manager: EntityManager,
  storeId: string,
  defaultReconcileSeconds: number,
  releaseIfNone?: { owner: string },
): Promise<DueRun | undefined> {
  const columns = `id, store_id, trigger, dry_run, "full"`;
  const rows = await queryRows<DueRun>(
    manager,
    `WITH due AS MATERIALIZED (${dueStoresSql(true)}),
     consumed AS (
       UPDATE stores SET pending_trigger = NULL
       WHERE id = $2 AND pending_trigger = (SELECT trigger FROM due WHERE run_id IS NULL)
       RETURNING id
     ), created AS (
       INSERT INTO sync_runs (store_id, trigger, dry_run, "full", status)
       SELECT store_id, trigger, false, reconcile_due, 'queued' FROM due WHERE run_id IS NULL
       RETURNING ${columns}
     ), released AS (
       UPDATE stores SET sync_lease_owner = NULL, sync_lease_until = NULL
       WHERE id = $2 AND $4::text IS NOT NULL AND sync_lease_owner = $4 AND NOT EXISTS (SELECT 1 FROM due)
       RETURNING id
     )
     SELECT ${columns} FROM created
     UNION ALL
     SELECT ${columns} FROM sync_runs WHERE id = (SELECT run_id FROM due) AND status = 'queued'`,
    [defaultReconcileSeconds, storeId, 1, releaseIfNone?.owner ?? null],
  );
  return rows[0];
}

/**
 * Stores behind their region's stock version with no synced variant concerned (the change was about
 * catalog variants they do not sell): caught up in ONE statement, so the due-work query stops looking at
 * them. Rows locked by others are skipped (caught up at a later tick).
 */
export async function catchUpIdleStores(manager: EntityManager): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    manager,
    `${PERIODIC_SQL} WITH behind AS MATERIALIZED (
       SELECT s.id, rg.stock_seq FROM stores s JOIN selling_regions rg ON rg.code = s.selling_region
       WHERE ${STORE_BEHIND_REGION}
     ), idle AS MATERIALIZED (
       -- Only stores behind are probed (the CTE above keeps the planner from probing every store first), and the
       -- probe stops at the first concerned variant: as NOT EXISTS, PostgreSQL ran it as an anti-join hashing
       -- every synced variant of the fleet on each tick while stores were behind (issue 10).
       SELECT s.id, b.stock_seq FROM behind b JOIN stores s ON s.id = b.id
       WHERE (SELECT true FROM sync_variants sv WHERE sv.store_id = s.id AND ${SYNCED_IN_STORE} AND ${NEWER_STOCK_IN_STORE_REGION} ORDER BY sv.id LIMIT 1) IS NULL
       ORDER BY s.id
       FOR NO KEY UPDATE OF s SKIP LOCKED
     )
     UPDATE stores s SET stock_seen_seq = GREATEST(s.stock_seen_seq, idle.stock_seq)
     FROM idle WHERE s.id = idle.id
     RETURNING s.id`,
    [],
  );
  return rows.length;
}
