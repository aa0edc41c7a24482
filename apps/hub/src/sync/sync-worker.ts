/**
 * The worker: takes a store's lease, then runs the store's queued or due work, one sync run at a time.
 *
 * A job is only a wake-up call ("store X may have work"): the truth is in the database (queued runs,
 * pending variants, next_reconcile_at), so a job that finds the store busy or idle simply ends, and
 * nothing is lost when a job is dropped or duplicated.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { queryOne } from '../database/sql';
import { withLogContext } from '../logging/log-context';
import type { SyncRunCounts, SyncRunStatus } from '../entities';
import { ConnectionFactory } from '../plugins/connection-factory.service';
import { nextDueRun, type DueRun } from './due-work';
import { SyncRunExecutor } from './sync-run-executor';
import { SYNC_CONFIG, type SyncConfig } from './sync-config';
import type { SyncJobData } from './sync-queue';
import { StoreLeases } from './store-lease';

/** Runs one lease may execute back to back before giving other stores their turn. */
const MAX_RUNS_PER_LEASE = 3;

export type WorkResult =
  { outcome: 'busy' } | { outcome: 'idle' } | { outcome: 'ran'; runs: { runId: string; status: SyncRunStatus; counts: SyncRunCounts }[] };

@Injectable()
export class SyncWorker {
  private readonly log = new Logger('SyncWorker');
  readonly leases: StoreLeases;
  private readonly executor: SyncRunExecutor;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    connections: ConnectionFactory,
    @Inject(SYNC_CONFIG) private readonly config: SyncConfig,
  ) {
    this.leases = new StoreLeases(db, config.instanceId, config.leaseSeconds);
    this.executor = new SyncRunExecutor(db, connections, config);
  }

  /**
   * Handles one queue job (or a direct call from a test): the store's queued runs and due work, up to
   * `maxRuns` runs back to back under one lease.
   */
  async processStore(job: Pick<SyncJobData, 'storeId'> & Partial<SyncJobData>, maxRuns = MAX_RUNS_PER_LEASE): Promise<WorkResult> {
    const lease = await this.leases.acquire(job.storeId);
    if (!lease) return { outcome: 'busy' };
    const runs: { runId: string; status: SyncRunStatus; counts: SyncRunCounts }[] = [];
    try {
      for (let i = 0; i < maxRuns && !lease.lost; i++) {
        const run = await this.nextRun(job.storeId, i === 0 ? job.runId : undefined, lease.token);
        if (!run) {
          lease.releasedBy(); // released by the statement that found no work (or not ours any more)
          break;
        }
        // Every line logged during the run carries its store and run ids (the hub's logger reads them).
        const result = await withLogContext({ storeId: job.storeId, runId: run.id }, () => this.executor.execute(run, lease));
        if (result) runs.push(result);
        if (result?.status === 'failed') break; // let the backoff (or a person) act before trying again
      }
    } finally {
      await lease.release().catch((e: Error) => this.log.warn(`store ${job.storeId}: releasing the lease failed: ${e.message}`));
    }
    return runs.length ? { outcome: 'ran', runs } : { outcome: 'idle' };
  }

  /** The run to execute now: the given or oldest queued run, else a new run for due work, else none. */
  /** The next run, or none — and then the lease is released by the same statement. */
  private async nextRun(storeId: string, preferredRunId: string | undefined, leaseOwner: string): Promise<DueRun | undefined> {
    const columns = `id, store_id, trigger, dry_run, "full"`;
    if (preferredRunId) {
      const preferred = await queryOne<DueRun>(
        this.db.manager,
        `SELECT ${columns} FROM sync_runs WHERE id::text = $1 AND store_id = $2 AND status = 'queued'`,
        [preferredRunId, storeId],
      );
      if (preferred) return preferred;
    }
    return nextDueRun(this.db.manager, storeId, this.config.reconcileIntervalSeconds, { owner: leaseOwner });
  }
}
