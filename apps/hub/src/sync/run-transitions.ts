/**
 * The ONE place a sync run's status changes: queued → running → succeeded | partial | failed
 * (queued → failed too, when a run cannot start). Every change is a conditional UPDATE that names the
 * states it may leave, so a stale caller (a worker that lost its lease, a duplicate job) cannot move a
 * run backwards or finish it twice.
 */
import type { EntityManager } from 'typeorm';
import { queryRows } from '../database/sql';
import type { SyncRunCounts, SyncRunStatus } from '../entities';

const NEXT: Readonly<Record<SyncRunStatus, readonly SyncRunStatus[]>> = {
  queued: ['running', 'failed'],
  running: ['succeeded', 'partial', 'failed'],
  succeeded: [],
  partial: [],
  failed: [],
};

export const TERMINAL_RUN_STATUSES: readonly SyncRunStatus[] = ['succeeded', 'partial', 'failed'];

/** The states a run may be in to move to `to`. */
export function statesLeadingTo(to: SyncRunStatus): SyncRunStatus[] {
  return (Object.keys(NEXT) as SyncRunStatus[]).filter((from) => NEXT[from].includes(to));
}

export function canTransition(from: SyncRunStatus, to: SyncRunStatus): boolean {
  return NEXT[from].includes(to);
}

export interface RunError {
  code: string;
  message: string;
  [key: string]: unknown;
}

/** Which runs: one by id, or every run of a store in a state that may move (orphans after a crash). */
export type RunSelector = { runId: string } | { storeId: string; from: SyncRunStatus };

/**
 * Moves the selected run(s) to `to`; returns the ids that moved (empty: nothing was in a state that may).
 * started_at is stamped on running, finished_at on a terminal state; `error` is kept when given.
 */
export async function transitionRun(
  manager: EntityManager,
  selector: RunSelector,
  to: SyncRunStatus,
  fields: { error?: RunError | null; counts?: SyncRunCounts } = {},
): Promise<string[]> {
  const allowedFrom = 'runId' in selector ? statesLeadingTo(to) : statesLeadingTo(to).filter((s) => s === selector.from);
  if (allowedFrom.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    manager,
    `UPDATE sync_runs SET
       status = $3,
       started_at = CASE WHEN $3 = 'running' THEN now() ELSE started_at END,
       finished_at = CASE WHEN $3 = ANY($4::text[]) THEN now() ELSE finished_at END,
       error = COALESCE($5::jsonb, error),
       counts = COALESCE($6::jsonb, counts)
     WHERE (id = $1::uuid OR store_id = $2::uuid) AND status = ANY($7::text[])
     RETURNING id`,
    [
      'runId' in selector ? selector.runId : null,
      'storeId' in selector ? selector.storeId : null,
      to,
      TERMINAL_RUN_STATUSES,
      fields.error ? JSON.stringify(fields.error) : null,
      fields.counts ? JSON.stringify(fields.counts) : null,
      allowedFrom,
    ],
  );
  return rows.map((r) => r.id);
}

/**
 * How a run ends, from what it did: a fatal error (credentials rejected, store not syncable, lease lost)
 * fails it; per-variant failures or a stop on rate limits / transient errors make it partial when other
 * variants got through, failed when none did.
 */
export function finalRunStatus(counts: SyncRunCounts, fatal: RunError | null, stoppedEarly: boolean): SyncRunStatus {
  if (fatal) return 'failed';
  const progressed = counts.written > 0 || counts.unchanged > 0;
  if (counts.failed > 0 || stoppedEarly) return progressed ? 'partial' : 'failed';
  return 'succeeded';
}
