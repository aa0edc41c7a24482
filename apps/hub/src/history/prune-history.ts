/**
 * Deletes history older than a cutoff in bounded batches, each one statement (no long lock, no statement that
 * grows with the table): finished sync runs — with their changes, by the cascade on sync_changes.run_id — except
 * each store's newest finished run; platform notices; outbound webhook events with no delivery still pending
 * (their deliveries by the cascade). Rows are claimed with SKIP LOCKED, so hubs sweeping at once share the work.
 * Old runs and events are found by their `created_at` index (migration 1766000000000); notices, the busiest table
 * (250 000 rows in one facility change at 10 000 stores), need no index of their own: their ids grow with time, so
 * the oldest are the lowest ids and a batch takes the lowest and deletes those that are old.
 */
import type { EntityManager } from 'typeorm';
import { queryOne, toNumber } from '../database/sql';
import { PERIODIC_SQL } from '../database/statement-origin';
import { TERMINAL_RUN_STATUSES } from '../sync/run-transitions';

export interface PruneReport {
  runs: number;
  changes: number;
  notices: number;
  events: number;
}

export interface PruneLimits {
  /** Rows one statement deletes at most (runs: ≈ 100 changes each, so a tenth of it). */
  batch: number;
  /** Statements one sweep sends at most; the rest waits for the next sweep. */
  maxStatements: number;
}

/** The hourly sweep's: 5 000 notices or events, 500 runs (≈ 50 000 changes) a statement; a backlog of up to ≈ 5 M runs or 50 M notices in one sweep. */
export const DEFAULT_PRUNE_LIMITS: PruneLimits = { batch: 5000, maxStatements: 10_000 };

const TERMINAL = `ARRAY[${TERMINAL_RUN_STATUSES.map((s) => `'${s}'`).join(', ')}]::text[]`;

const RUNS_SQL = `${PERIODIC_SQL}
  WITH doomed AS (
    SELECT r.id FROM sync_runs r
    WHERE r.created_at < $1 AND r.finished_at < $1 AND r.status = ANY(${TERMINAL})
      -- A store keeps its newest finished run, however old: what it last did stays readable.
      AND EXISTS (SELECT 1 FROM sync_runs n WHERE n.store_id = r.store_id AND n.created_at > r.created_at AND n.status = ANY(${TERMINAL}))
    ORDER BY r.created_at
    LIMIT $2
    FOR UPDATE OF r SKIP LOCKED
  ), gone AS (
    DELETE FROM sync_runs r USING doomed d WHERE r.id = d.id RETURNING r.id
  )
  SELECT (SELECT count(*) FROM gone) AS n,
         (SELECT count(*) FROM sync_changes c JOIN gone g ON c.run_id = g.id) AS changes`;

const NOTICES_SQL = `${PERIODIC_SQL}
  WITH oldest AS MATERIALIZED (
    SELECT id, received_at FROM platform_notices ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
  ), gone AS (
    -- Short of the batch once the lowest ids reach the cutoff: the sweep of this table is over.
    DELETE FROM platform_notices p USING oldest o WHERE p.id = o.id AND o.received_at < $1 RETURNING p.id
  )
  SELECT count(*) AS n FROM gone`;

const EVENTS_SQL = `${PERIODIC_SQL}
  WITH doomed AS (
    SELECT e.id FROM webhook_events e
    WHERE e.created_at < $1
      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries w WHERE w.event_id = e.id AND w.status = 'pending')
    ORDER BY e.created_at
    LIMIT $2
    FOR UPDATE OF e SKIP LOCKED
  ), gone AS (
    DELETE FROM webhook_events e USING doomed d WHERE e.id = d.id RETURNING e.id
  )
  SELECT count(*) AS n FROM gone`;

/** Everything older than `cutoff` that may go, batch by batch, within `limits`; stops between batches once `stop` is aborted. */
export async function pruneHistory(
  manager: EntityManager,
  cutoff: Date,
  limits: PruneLimits = DEFAULT_PRUNE_LIMITS,
  stop?: AbortSignal,
): Promise<PruneReport & { complete: boolean; statements: number }> {
  const report: PruneReport = { runs: 0, changes: 0, notices: 0, events: 0 };
  let statements = 0;
  // One table after the other, each until a batch comes back short (nothing older is left to claim).
  const drain = async (sql: string, batch: number, add: (row: Record<string, unknown>) => void) => {
    for (;;) {
      if (statements >= limits.maxStatements || stop?.aborted) return false;
      statements++;
      const row = (await queryOne<Record<string, unknown>>(manager, sql, [cutoff, batch])) ?? {};
      add(row);
      if (toNumber(row.n) < batch) return true;
    }
  };
  const runBatch = Math.max(1, Math.floor(limits.batch / 10));
  const complete =
    (await drain(RUNS_SQL, runBatch, (r) => {
      report.runs += toNumber(r.n);
      report.changes += toNumber(r.changes);
    })) &&
    (await drain(NOTICES_SQL, limits.batch, (r) => (report.notices += toNumber(r.n)))) &&
    (await drain(EVENTS_SQL, limits.batch, (r) => (report.events += toNumber(r.n))));
  return { ...report, complete, statements };
}
