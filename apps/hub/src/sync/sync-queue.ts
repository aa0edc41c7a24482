/**
 * The durable queue: pg-boss 10 on the hub's own database.
 * - PostgreSQL: pg-boss's own small pool on DATABASE_URL, in its own schema `pgboss`.
 * - Embedded PGlite: pg-boss's `db` option over the SAME PGlite, through the hub's serialising pool
 *   (pglite-boss-db.ts), so its statements never interleave with a TypeORM transaction.
 *
 * One queue, `store-sync`, one job per store: singletonKey = store id and the `short` policy, so a store
 * has at most one QUEUED job (a second send is a no-op), while an active job does not block the next
 * one from being queued. Exclusion while running is the store lease's job, not pg-boss's.
 * No pg-boss retries (retryLimit 0): the scheduler re-enqueues stores that still have due work, so the
 * SDK HTTP client stays the only retry layer. A job of a worker killed mid-run stays `active` until its
 * expiry (expireInSeconds); nothing waits for that — the lease expires and the scheduler enqueues anew.
 */
import { Logger } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/hub-config';
import type { SyncTrigger } from '../entities';
import { pgliteBossDb } from './pglite-boss-db';

export const STORE_SYNC_QUEUE = 'store-sync';
export const PGBOSS_SCHEMA = 'pgboss';
/** A run longer than this is cut off by pg-boss (its handler promise is abandoned, the job failed). */
const JOB_EXPIRE_SECONDS = 30 * 60;

export interface SyncJobData {
  storeId: string;
  trigger: SyncTrigger;
  runId?: string;
  dryRun?: boolean;
  full?: boolean;
}

export class SyncQueue {
  private readonly log = new Logger('SyncQueue');
  private boss: PgBoss | undefined;
  private readonly workerIds: string[] = [];

  get started(): boolean {
    return this.boss !== undefined;
  }

  async start(database: DatabaseConfig, dataSource: DataSource): Promise<void> {
    if (this.boss) return;
    const common = {
      schema: PGBOSS_SCHEMA,
      // We never use pg-boss cron; maintenance (expiry, archiving) once a minute is plenty.
      schedule: false,
      supervise: true,
      maintenanceIntervalSeconds: 60,
    };
    const boss =
      database.kind === 'postgres'
        ? new PgBoss({ ...common, connectionString: database.url, max: 4, application_name: 'stock-sync-hub-queue' })
        : new PgBoss({ ...common, db: pgliteBossDb(dataSource) });
    boss.on('error', (e: Error) => this.log.warn(`pg-boss: ${e.message}`));
    await boss.start();
    await boss.createQueue(STORE_SYNC_QUEUE, { name: STORE_SYNC_QUEUE, policy: 'short', retryLimit: 0, expireInSeconds: JOB_EXPIRE_SECONDS });
    this.boss = boss;
  }

  /** Enqueue one job per store (ONE statement); stores that already have a queued job are skipped. */
  async enqueue(jobs: readonly SyncJobData[]): Promise<void> {
    if (!this.boss || jobs.length === 0) return;
    await this.boss.insert(jobs.map((data) => ({ name: STORE_SYNC_QUEUE, data, singletonKey: data.storeId })));
  }

  /** Starts `count` polling workers in this process; each syncs one store at a time. */
  async work(count: number, pollMs: number, handler: (job: SyncJobData) => Promise<unknown>): Promise<void> {
    const boss = this.requireBoss();
    for (let i = 0; i < count; i++) {
      const id = await boss.work<SyncJobData>(
        STORE_SYNC_QUEUE,
        { pollingIntervalSeconds: pollMs / 1000, batchSize: 1 },
        async ([job]) => (job ? handler(job.data) : undefined),
      );
      this.workerIds.push(id);
    }
  }

  /** Wake this process's idle workers now instead of at their next poll. */
  wake(): void {
    for (const id of this.workerIds) this.boss?.notifyWorker(id);
  }

  /** Jobs of the queue by state (tests, diagnostics). */
  async size(): Promise<number> {
    return this.boss ? this.boss.getQueueSize(STORE_SYNC_QUEUE) : 0;
  }

  /** Stops polling and waits (up to `timeoutMs`) for running jobs to finish. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    this.boss = undefined;
    this.workerIds.length = 0;
    await boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: true });
  }

  private requireBoss(): PgBoss {
    if (!this.boss) throw new Error('the sync queue is not started');
    return this.boss;
  }
}
