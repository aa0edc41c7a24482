/**
 * Runs left `running` by a worker that died (kill -9, a lost host): closed as `failed` (worker_lost) as
 * soon as their store's lease has expired — by the scheduler on every tick, in ONE statement — rather
 * than only when a worker next takes that store's lease (which, with a 30 s lease, took about a minute
 * after a kill -9, and never happened for a store with no further work).
 *
 * Safe against a live worker: its lease is renewed every third of the TTL, so a run whose store lease
 * is live is never touched; an expired lease is revoked in the same statement, so a worker that was
 * merely stalled past it is fenced out (LeaseLost) exactly as if another worker had taken it, and only
 * `running` runs move (to `failed`), as run-transitions allows.
 */
import type { EntityManager } from 'typeorm';
import { PERIODIC_SQL } from '../database/statement-origin';
import { queryRows } from '../database/sql';

export const WORKER_LOST_ERROR = {
  code: 'worker_lost',
  message: 'the worker running this sync stopped before finishing; its pending work is retried',
} as const;

/**
 * Closes every running run whose store's lease is free or expired, and clears those expired leases in the
 * same statement: a worker that was only stalled past its lease (not dead) then finds its lease gone at
 * its next heartbeat or recording fence, records nothing and stops — as when another worker takes an
 * expired lease. Returns the closed runs (with their store, and whether the run could have written).
 */
export interface ClosedRun {
  id: string;
  storeId: string;
  dryRun: boolean;
}

export async function closeRunsOfExpiredLeases(manager: EntityManager): Promise<ClosedRun[]> {
  const rows = await queryRows<{ id: string; store_id: string; dry_run: boolean }>(
    manager,
    `${PERIODIC_SQL} WITH revoked AS (
       UPDATE stores s SET sync_lease_owner = NULL, sync_lease_until = NULL
       WHERE s.sync_lease_until < now()
         AND EXISTS (SELECT 1 FROM sync_runs r WHERE r.store_id = s.id AND r.status = 'running')
       RETURNING s.id
     )
     UPDATE sync_runs r SET status = 'failed', finished_at = now(), error = COALESCE(r.error, $1::jsonb)
     FROM stores s
     WHERE r.store_id = s.id AND r.status = 'running'
       AND (s.sync_lease_until IS NULL OR s.id IN (SELECT id FROM revoked))
     RETURNING r.id::text AS id, r.store_id::text AS store_id, r.dry_run`,
    [JSON.stringify(WORKER_LOST_ERROR)],
  );
  return rows.map((r) => ({ id: r.id, storeId: r.store_id, dryRun: r.dry_run }));
}
