/** What the drill reads straight from the hubs' PostgreSQL database: the work left, and every run's interval. */
import { Client } from 'pg';
import type { RunInterval } from './overlaps';

export interface WorkLeft {
  /** Synced variants still pending in active, enabled stores (what the scheduler would pick up). */
  pending: number;
  queuedRuns: number;
  runningRuns: number;
  /** Stores with a run `running` whose lease has expired: left by a killed hub, closed by the store's next worker. */
  orphanStores: string[];
  needsReconnect: string[];
  /** Stores whose read-back of an unconfirmed write (timeout, 5xx, killed worker) is due within a minute. */
  verifying: number;
}

export interface RunFigures {
  total: number;
  byStatus: Record<string, number>;
  workerLost: number;
  intervals: RunInterval[];
}

export class DrillDatabase {
  private constructor(private readonly client: Client) {}

  static async connect(url: string): Promise<DrillDatabase> {
    const client = new Client({ connectionString: url });
    await client.connect();
    return new DrillDatabase(client);
  }

  async workLeft(): Promise<WorkLeft> {
    const { rows } = await this.client.query<{
      pending: number;
      queued: number;
      running: number;
      orphans: string[] | null;
      reconnect: string[] | null;
      verifying: number;
    }>(`
      SELECT
        (SELECT count(*) FROM sync_variants sv JOIN stores s ON s.id = sv.store_id
          WHERE sv.pending AND sv.catalog_variant_id IS NOT NULL AND NOT sv.ignored AND s.status = 'active' AND s.stock_sync_enabled)::int AS pending,
        (SELECT count(*) FROM sync_runs WHERE status = 'queued')::int AS queued,
        (SELECT count(*) FROM sync_runs WHERE status = 'running')::int AS running,
        (SELECT array_agg(DISTINCT r.store_id::text) FROM sync_runs r JOIN stores s ON s.id = r.store_id
          WHERE r.status = 'running' AND (s.sync_lease_until IS NULL OR s.sync_lease_until < now())) AS orphans,
        (SELECT array_agg(id::text) FROM stores WHERE status = 'needs_reconnect') AS reconnect,
        (SELECT count(*) FROM stores WHERE status = 'active' AND stock_sync_enabled
          AND next_reconcile_at < now() + interval '1 minute')::int AS verifying`);
    const r = rows[0];
    return {
      pending: r.pending,
      queuedRuns: r.queued,
      runningRuns: r.running,
      orphanStores: r.orphans ?? [],
      needsReconnect: r.reconnect ?? [],
      verifying: r.verifying,
    };
  }

  async runs(): Promise<RunFigures> {
    const { rows } = await this.client.query<{
      id: string;
      store_id: string;
      status: string;
      started_at: Date | null;
      finished_at: Date | null;
      error_code: string | null;
    }>(`SELECT id::text, store_id::text, status, started_at, finished_at, error->>'code' AS error_code FROM sync_runs`);
    const byStatus: Record<string, number> = {};
    for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    return {
      total: rows.length,
      byStatus,
      workerLost: rows.filter((r) => r.error_code === 'worker_lost').length,
      intervals: rows
        .filter((r) => r.started_at)
        .map((r) => ({ id: r.id, storeId: r.store_id, startedAt: r.started_at!.getTime(), finishedAt: r.finished_at?.getTime() })),
    };
  }

  /** What the hub recorded for one store's variants (to explain a wrong one): externalVariantId → a short description. */
  async variantRecords(storeId: string): Promise<Map<string, string>> {
    const { rows } = await this.client.query<{
      ext: string;
      last_written: { kind: string; quantity?: number } | null;
      last_written_at: Date | null;
      state: string;
      pending: boolean;
    }>(`SELECT external_variant_id AS ext, last_written, last_written_at, state, pending FROM sync_variants WHERE store_id = $1`, [
      storeId,
    ]);
    const show = (s: { kind: string; quantity?: number } | null) =>
      !s ? 'nothing' : s.kind === 'quantity' ? `quantity ${s.quantity}` : s.kind;
    return new Map(
      rows.map((r) => [
        r.ext,
        `hub recorded: last wrote ${show(r.last_written)}${r.last_written_at ? ` at ${r.last_written_at.toISOString()}` : ''}, ${r.state}${r.pending ? ', pending' : ''}`,
      ]),
    );
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
