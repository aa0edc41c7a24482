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
 * Jobs are claimed in batches by the dispatcher (sync-dispatcher.ts) through `fetch`, not by pg-boss `work`
 * polling loops: `work` handles one batch at a time and waits for its slowest job before fetching again.
 */
import { Logger } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/hub-config';
import type { SyncTrigger } from '../entities';
import { pgliteBossDb } from './pglite-boss-db';
import type { ClaimedJob, JobSource } from './sync-dispatcher';

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
  /** The store's platform, when the sender knows it: the dispatcher shares its slots fairly across platforms. */
  platform?: string;
}

export class SyncQueue implements JobSource {
  private readonly log = new Logger('SyncQueue');
  private boss: PgBoss | undefined;
  private readonly wakeListeners = new Set<() => void>();

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
    await boss.createQueue(STORE_SYNC_QUEUE, {
      name: STORE_SYNC_QUEUE,
      policy: 'short',
      retryLimit: 0,
      expireInSeconds: JOB_EXPIRE_SECONDS,
    });
    this.boss = boss;
  }

  /** Enqueue one job per store (ONE statement); stores that already have a queued job are skipped. */
  async enqueue(jobs: readonly SyncJobData[]): Promise<void> {
    if (!this.boss || jobs.length === 0) return;
    await this.boss.insert(jobs.map((data) => ({ name: STORE_SYNC_QUEUE, data, singletonKey: data.storeId })));
  }

  /** Claims up to `max` queued jobs (ONE statement: pg-boss's `FOR UPDATE SKIP LOCKED` fetch); they become active. */
  async fetch(max: number): Promise<ClaimedJob[]> {
    const boss = this.boss;
    if (!boss || max <= 0) return [];
    const jobs = await boss.fetch<SyncJobData>(STORE_SYNC_QUEUE, { batchSize: max });
    return (jobs ?? []).map((j) => ({ id: j.id, data: j.data }));
  }

  /** Marks claimed jobs completed (ONE statement). */
  async complete(ids: readonly string[]): Promise<void> {
    const boss = this.boss;
    if (!boss || ids.length === 0) return;
    await boss.complete(STORE_SYNC_QUEUE, [...ids]);
  }

  /** Called by wake(): the dispatcher of this process subscribes here. Returns the unsubscribe. */
  onWake(listener: () => void): () => void {
    this.wakeListeners.add(listener);
    return () => this.wakeListeners.delete(listener);
  }

  /** Tell this process's dispatcher that jobs were just enqueued (instead of waiting for its idle poll). */
  wake(): void {
    for (const l of this.wakeListeners) l();
  }

  /** Jobs of the queue by state (tests, diagnostics). */
  async size(): Promise<number> {
    return this.boss ? this.boss.getQueueSize(STORE_SYNC_QUEUE) : 0;
  }

  /** Stops pg-boss (its maintenance) and closes its pool; stop the dispatcher first. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    this.boss = undefined;
    await boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: true });
  }
}
