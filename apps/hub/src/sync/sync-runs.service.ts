/**
 * The sync routes' reads and the manual trigger. A manual sync creates its run `queued` at once (so the
 * caller can poll it) and offers the store's job to the queue; if the store already has a queued job,
 * that job picks the run up (the worker takes queued runs first), so nothing waits on the send.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { queryOne, queryRows, toNumber } from '../database/sql';
import { ResourceNotFound } from '../http/api-errors';
import type { SyncRunCounts } from '../entities';
import { SYNC_QUEUE_TOKEN } from './sync-tokens';
import type { SyncQueue } from './sync-queue';
import type { StartSyncBody, SyncChangeDto, SyncRunDto } from './sync-runs.dto';

interface RunRow {
  id: string;
  store_id: string;
  trigger: string;
  dry_run: boolean;
  full: boolean;
  status: string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  counts: SyncRunCounts;
  error: Record<string, unknown> | null;
  created_at: Date | string;
}

const RUN_COLUMNS = `id, store_id, trigger, dry_run, "full", status, started_at, finished_at, counts, error, created_at`;

@Injectable()
export class SyncRunsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(SYNC_QUEUE_TOKEN) private readonly queue: SyncQueue,
  ) {}

  async start(storeId: string, body: StartSyncBody): Promise<{ runId: string }> {
    const run = await queryOne<{ id: string }>(
      this.db.manager,
      `INSERT INTO sync_runs (store_id, trigger, dry_run, "full", status)
       SELECT s.id, 'manual', $2, $3, 'queued' FROM stores s WHERE s.id = $1
       RETURNING id`,
      [storeId, body.dryRun ?? false, body.full ?? false],
    );
    if (!run) throw new ResourceNotFound(`store ${storeId} does not exist`);
    if (this.queue.started) {
      await this.queue.enqueue([{ storeId, trigger: 'manual', runId: run.id, dryRun: body.dryRun ?? false, full: body.full ?? false }]);
      this.queue.wake();
    }
    return { runId: run.id };
  }

  async get(runId: string): Promise<SyncRunDto> {
    const row = await queryOne<RunRow>(this.db.manager, `SELECT ${RUN_COLUMNS} FROM sync_runs WHERE id = $1`, [runId]);
    if (!row) throw new ResourceNotFound(`sync run ${runId} does not exist`);
    return presentRun(row);
  }

  async changes(runId: string): Promise<SyncChangeDto[]> {
    await this.requireRow(`SELECT id FROM sync_runs WHERE id = $1`, runId, `sync run ${runId} does not exist`);
    const rows = await queryRows<{
      external_product_id: string;
      external_variant_id: string;
      from: unknown;
      to: unknown;
      outcome: string;
      error: unknown;
    }>(
      this.db.manager,
      `SELECT external_product_id, external_variant_id, "from", "to", outcome, error
       FROM sync_changes WHERE run_id = $1 ORDER BY id`,
      [runId],
    );
    return rows.map((c) => ({
      externalProductId: c.external_product_id,
      externalVariantId: c.external_variant_id,
      from: c.from ?? null,
      to: c.to ?? null,
      outcome: c.outcome,
      ...(c.error ? { error: c.error } : {}),
    }));
  }

  async listForStore(storeId: string, limit = 20): Promise<SyncRunDto[]> {
    await this.requireRow(`SELECT id FROM stores WHERE id = $1`, storeId, `store ${storeId} does not exist`);
    const rows = await queryRows<RunRow>(
      this.db.manager,
      `SELECT ${RUN_COLUMNS} FROM sync_runs WHERE store_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [storeId, limit],
    );
    return rows.map(presentRun);
  }

  private async requireRow(sql: string, id: string, message: string): Promise<void> {
    if (!(await queryOne(this.db.manager, sql, [id]))) throw new ResourceNotFound(message);
  }
}

function iso(v: Date | string | null): string | null {
  return v ? new Date(v).toISOString() : null;
}

export function presentRun(row: RunRow): SyncRunDto {
  const c = row.counts ?? {};
  return {
    id: row.id,
    storeId: row.store_id,
    trigger: row.trigger,
    dryRun: row.dry_run,
    full: row.full,
    status: row.status,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    counts: {
      planned: toNumber(c.planned),
      written: toNumber(c.written),
      unchanged: toNumber(c.unchanged),
      failed: toNumber(c.failed),
      drift: toNumber(c.drift),
    },
    ...(row.error ? { error: row.error } : {}),
    createdAt: iso(row.created_at)!,
  };
}
